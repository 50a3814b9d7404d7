/*
 * The report engine's inside (issue 12): each report is a row of the table
 * in app_report.c, whose fill function reads the store and hands every
 * observation to dk_app_report_observe (app_report_observe.c), which counts
 * it into the table or, for dk_app_report_cases, keeps the case behind it.
 * The deadline reports read their cases as of today through
 * app_report_case.c.
 */
#ifndef DOCKET_APP_REPORT_H
#define DOCKET_APP_REPORT_H

#include "app_internal.h"

struct report_run;

/* One report: its name, the fields --by accepts, its keys by default, its columns. */
struct report_def {
	const char *name;
	const char *const *fields; /* the --by ids, as printed in key columns */
	size_t nfields;
	const size_t *default_by; /* indices into fields: the keys when --by is not given */
	size_t ndefault_by;
	const struct dk_report_measure *measures;
	size_t nmeasures;
	/* Reads the store (in the read transaction) and observes; DK_OK or a failure in app->err.
	 */
	enum dk_rc (*fill)(struct dk_app *app, struct report_run *run);
};

/* Most fields a report may have. */
#define DK_REPORT_MAX_BY 16

/* Room for any key: an identifier, a mission code or a date bucket. */
#define DK_REPORT_KEY_MAX DK_IDENT_MAX

/* One run of a report, as the fill function sees it. */
struct report_run {
	const struct report_def *def;
	const struct dk_report_query *q;
	const char *mission; /* --mission normalized, or NULL */
	const size_t *field; /* the keys: nby indices into def->fields */
	size_t nby;
	size_t by[DK_REPORT_MAX_BY]; /* the --by fields' indices */
	char mission_buf[DK_MISSION_MAX + 1];
	/* Where observations go: a table, or (drilling) the refs behind one cell. */
	struct dk_report *table;
	const char *const *want_keys; /* drilling: the cell's keys (NULL: any) */
	size_t want_measure;
	char **refs;
	size_t nrefs, refs_cap;
};

/*
 * One observation: keys[0..run->nby) (the fill function's readings of the
 * run's fields), values[0..def->nmeasures) as dk_report_add takes them;
 * ref is the case it is about (for drilling; NULL when it is no case's).
 */
void dk_app_report_observe(struct report_run *run, const char *ref, const char *const *keys,
                           const int64_t *values);

/* Whether a case of this mission (as it stood today) belongs in the run: scope and --mission. */
bool dk_app_report_wants(struct dk_app *app, const struct report_run *run, const char *mission);

/*
 * Case c (a copy of a stored row, summary NULL) as its fields read at the end
 * of today: mission, state, outcome, every settable field. For a case changed
 * after today (dk_store_report_cases' `changed`); state_since and
 * last_event_on are left as stored. A restored summary is c's to free.
 */
enum dk_rc dk_app_report_fields_as_of(struct dk_app *app, struct dk_case *c)
    __attribute__((warn_unused_result));

/* A case and its own deadlines (not its victims') as they stood at the end of today. */
struct report_case {
	dk_date today;
	struct dk_case c; /* its summary not read */
	struct dk_deadline *d;
	size_t n, cap;
};

/* A store stream of cases with their own deadlines (dk_store_report_referrals, ...). */
typedef enum dk_rc (*report_case_stream)(struct dk_store *s, const struct dk_report_case_query *q,
                                         bool (*fn)(const struct dk_report_deadline_case *r,
                                                    void *ctx),
                                         void *ctx, struct dk_err *err);

/*
 * Reads the run's cases from stream (window, today, --mission) and hands
 * each one in the run's scope to fn as it stood at the end of today: its
 * stored deadlines when its history ends by today, else a replay.
 */
enum dk_rc dk_app_report_each_case(struct dk_app *app, struct report_run *run,
                                   report_case_stream stream,
                                   void (*fn)(const struct report_case *rc,
                                              const struct dk_report_deadline_case *row, void *ctx),
                                   void *ctx) __attribute__((warn_unused_result));

/*
 * Observes case c: readings[i] is its key for the report's field i, the run
 * keeps those of its --by fields; values as dk_app_report_observe takes them.
 */
void dk_app_report_observe_case(struct report_run *run, const struct dk_case *c,
                                const char *const *readings, const int64_t *values);

/*
 * Its investigation deadline (investigation_6m or investigation_90d), or
 * its nio_appointment deadline, that started on start (DK_DATE_NONE: the
 * latest, the only one that may be live); NULL when none.
 */
const struct dk_deadline *dk_app_report_investigation(const struct report_case *rc, dk_date start);
const struct dk_deadline *dk_app_report_nio(const struct report_case *rc, dk_date start);

/* The reports (app_report_*.c). */
extern const struct report_def dk_report_allegations;
extern const struct report_def dk_report_timeliness;
extern const struct report_def dk_report_follow_up;

extern const struct report_def dk_report_victims;
extern const struct report_def dk_report_assistance;
extern const struct report_def dk_report_paternity;
extern const struct report_def dk_report_actions;

/*
 * A case of the run as it stood at the end of today, judged from its row as
 * stored (the victim and action walks): kept when in the run's scope and
 * --mission then. A case changed after today is read whole and replayed,
 * once while it stays in the small cache (victims' walk meets a case once
 * per victim).
 */
struct report_judged {
	int64_t id;
	bool kept;
	char ref[DK_REF_MAX];
	char mission[DK_MISSION_MAX + 1];
	char outcome[DK_IDENT_MAX];
};
#define DK_REPORT_JUDGE_CACHE 64
struct report_judge {
	struct report_judged slot[DK_REPORT_JUDGE_CACHE]; /* by id modulo the size; id 0: empty */
};

/* Judges case id (ref, mission, outcome as stored; changed: replay it); NULL on a failure. */
const struct report_judged *dk_app_report_judge(struct dk_app *app, const struct report_run *run,
                                                struct report_judge *j, int64_t id, const char *ref,
                                                const char *mission, const char *outcome,
                                                bool changed);

/* Observes an item whose readings of def->fields are vals (the run's keys are among them). */
void dk_app_report_observe_fields(struct report_run *run, const char *ref, const char *const *vals,
                                  const int64_t *values);

#endif
