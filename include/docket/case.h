/* A case's current state and its events, as plain data shared by the layers. */
#ifndef DOCKET_CASE_H
#define DOCKET_CASE_H

#include <stdbool.h>
#include <stdint.h>

#include "docket/date.h"
#include "docket/ref.h"
#include "docket/validate.h"
#include "docket/workflow.h"

#define DK_GID_LEN 16
#define DK_DATE_NONE INT32_MIN
#define DK_IDENT_MAX 32 /* longest vocabulary identifier + 1 */

/* Identifier fields are "" when unset; summary is NULL when unset. */
struct dk_case {
	int64_t id; /* row id in this database; 0 before it is stored */
	unsigned char gid[DK_GID_LEN];
	unsigned char office[DK_GID_LEN];
	char ref[DK_REF_MAX];
	char mission[DK_MISSION_MAX + 1];
	int year;
	long seq;
	dk_date reported;
	dk_date incident; /* DK_DATE_NONE when unknown */
	char category[DK_IDENT_MAX];
	char type[DK_IDENT_MAX];
	char personnel[DK_IDENT_MAX];
	char nationality[4];
	char source[DK_IDENT_MAX];
	char entity[DK_IDENT_MAX];
	char outcome[DK_IDENT_MAX];
	char closure[DK_IDENT_MAX];
	bool urgent;
	enum dk_state state;
	dk_date state_since;
	dk_date last_event_on;
	char *summary;
	dk_date next_due; /* earliest live deadline (listing only); DK_DATE_NONE when none */
	/*
	 * Paging only: the worst status of its live deadlines, each judged by
	 * its own rule's warning days (overdue, due_soon, on_track); "" when none.
	 */
	char next_status[16];
	/* Listing only: the name of the office that recorded it (app_peer.c). */
	char office_name[DK_OFFICE_NAME_MAX + 1];
};

/* Filters and order for listing cases; NULL fields do not filter. */
enum dk_case_order { DK_ORDER_REF, DK_ORDER_REPORTED, DK_ORDER_DUE };

struct dk_case_filter {
	const char *mission; /* upper-case acronym */
	const char *state;   /* state identifier, or DK_STATE_FILTER_OPEN */
	bool overdue;        /* only cases with a live deadline past due */
	enum dk_case_order order;
	const char *category; /* paging only: a category identifier */
	int urgent;           /* paging only: 1 urgent, 0 not urgent, -1 either */
	const char *text;     /* paging only: a reference prefix, or text in the summary */
	bool search_summary;  /* paging only: text may match the summary (roles that see it) */
};

/* As a state filter: every state but closed. */
#define DK_STATE_FILTER_OPEN "open"

/* The date stored as next_due when a case has no live deadline. */
#define DK_NO_DEADLINE 2932896 /* 9999-12-31 */

/* One page of cases: after (or, backward, before) the case `after` (NULL: an end). */
struct dk_case_page {
	struct dk_case_filter filter;
	const struct dk_case *after;
	bool backward; /* rows come nearest first, i.e. in reverse order */
	int limit;
};

/* Frees the case's heap fields (wiping them) and zeroes it. */
void dk_case_clear(struct dk_case *c);

#endif
