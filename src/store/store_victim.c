/* Victims: their records, identities kept apart, the cases they are named in and their events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/xmalloc.h"
#include "store_internal.h"

enum dk_rc
dk_store_victim_add(struct dk_store *s, struct dk_victim *v, const unsigned char office[DK_GID_LEN],
                    const char *recorded_at, const char *name, const char *contact,
                    struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_ADD, err);
	enum dk_rc rc;

	FAIL_IF_NULL(st, err);
	dk_store_bind_gid_office(st, v->gid, office);
	sqlite3_bind_text(st, 3, v->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, v->sex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, v->age, -1, SQLITE_STATIC);
	dk_store_bind_date(st, 6, v->added_on);
	sqlite3_bind_text(st, 7, recorded_at, -1, SQLITE_STATIC);
	if ((rc = dk_store_step_insert(s, st, _("adding the victim"), err)) != DK_OK)
		return rc;
	v->id = sqlite3_last_insert_rowid(s->db);
	if (name == NULL && contact == NULL)
		return DK_OK;
	st = dk_store_stmt(s, DK_STMT_VICTIM_IDENTITY_ADD, err);
	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, v->id);
	if ((rc = dk_store_bind_sealed(s, st, 2, v->gid, DK_FIELD_VICTIM_IDENTITY,
	                               dk_store_opt(name), err)) != DK_OK ||
	    (rc = dk_store_bind_sealed(s, st, 3, v->gid, DK_FIELD_VICTIM_IDENTITY,
	                               dk_store_opt(contact), err)) != DK_OK)
		return rc;
	return dk_store_step_insert(s, st, _("adding the victim"), err);
}

static void
victim_row(sqlite3_stmt *st, void *out)
{
	struct dk_victim *v = out;

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(v->gid, sizeof(v->gid), st, 1);
	dk_store_copy_text(v->code, sizeof(v->code), st, 2);
	dk_store_copy_text(v->sex, sizeof(v->sex), st, 3);
	dk_store_copy_text(v->age, sizeof(v->age), st, 4);
	v->added_on = dk_store_column_date(st, 5);
}

enum dk_rc
dk_store_victim_get(struct dk_store *s, const char *code, struct dk_victim *out, struct dk_err *err)
{
	bool found;
	enum dk_rc rc = dk_store_row(s, DK_STMT_VICTIM_GET, victim_row, out, &found,
	                             _("reading victims"), err, "t", code);

	if (rc == DK_OK && !found)
		rc = dk_err_set(err, DK_NOTFOUND, _("no victim %s"), code);
	return rc;
}

/* A row reader: name and contact into the two char * at out. */
static void
identity_row(sqlite3_stmt *st, void *out)
{
	char **name_contact = out;

	name_contact[0] = dk_store_column_dup(st, 0);
	name_contact[1] = dk_store_column_dup(st, 1);
}

enum dk_rc
dk_store_victim_identity(struct dk_store *s, int64_t victim_id, char **name, char **contact,
                         struct dk_err *err)
{
	char *name_contact[2] = {NULL, NULL};
	enum dk_rc rc = dk_store_row(s, DK_STMT_VICTIM_IDENTITY, identity_row, name_contact, NULL,
	                             _("reading victims"), err, "I", victim_id);

	*name = name_contact[0];
	*contact = name_contact[1];
	return rc;
}

enum dk_rc
dk_store_victim_link(struct dk_store *s, int64_t victim_id, int64_t case_id, dk_date on,
                     struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_LINK, err);

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, victim_id);
	sqlite3_bind_int64(st, 2, case_id);
	dk_store_bind_date(st, 3, on);
	return dk_store_step_insert(s, st, _("naming the victim in the case"), err);
}

static void
read_gid(sqlite3_stmt *st, void *out)
{
	dk_store_copy_blob(out, DK_GID_LEN, st, 0);
}

enum dk_rc
dk_store_victim_event_append(struct dk_store *s, const struct dk_victim_event *e,
                             const unsigned char gid[DK_GID_LEN],
                             const unsigned char office[DK_GID_LEN], struct dk_err *err)
{
	unsigned char owner[DK_GID_LEN] = {0};
	sqlite3_stmt *st;
	enum dk_rc rc;

	/* Its notes are sealed for the victim (first: the lookup uses the statement cache). */
	if (s->sealing) {
		bool found = false;

		if ((rc = dk_store_row(s, DK_STMT_FIELDS_VICTIM_GID, read_gid, owner, &found,
		                       _("recording the victim's event"), err, "I",
		                       e->victim_id)) != DK_OK)
			return rc;
		if (!found)
			return dk_err_set(err, DK_NOTFOUND, _("no such victim"));
	}
	st = dk_store_stmt(s, DK_STMT_VICTIM_EVENT_ADD, err);
	FAIL_IF_NULL(st, err);
	dk_store_bind_gid_office(st, gid, office);
	sqlite3_bind_int64(st, 3, e->victim_id);
	if (e->case_id > 0)
		sqlite3_bind_int64(st, 4, e->case_id);
	dk_store_bind_date(st, 5, e->on);
	sqlite3_bind_text(st, 6, e->recorded_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, e->kind, -1, SQLITE_STATIC);
	dk_store_bind_opt_text(st, 9, e->item);
	dk_store_bind_opt_text(st, 10, e->status);
	dk_store_bind_opt_text(st, 12, e->consent);
	if ((rc = dk_store_bind_sealed(s, st, 11, owner, DK_FIELD_FREE_TEXT,
	                               dk_store_opt(e->provider), err)) != DK_OK ||
	    (rc = dk_store_bind_sealed(s, st, 13, owner, DK_FIELD_FREE_TEXT, dk_store_opt(e->note),
	                               err)) != DK_OK)
		return rc;
	return dk_store_step_insert(s, st, _("recording the victim's event"), err);
}

enum dk_rc
dk_store_victim_events(struct dk_store *s, int64_t victim_id,
                       bool (*fn)(const struct dk_victim_event_row *e, void *ctx), void *ctx,
                       struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_EVENTS, err);
	struct dk_victim_event_row e;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, victim_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		e.on = dk_store_column_date(st, 0);
		e.kind = (const char *)sqlite3_column_text(st, 1);
		e.ref = (const char *)sqlite3_column_text(st, 2);
		e.mission = (const char *)sqlite3_column_text(st, 3);
		e.item = (const char *)sqlite3_column_text(st, 4);
		e.status = (const char *)sqlite3_column_text(st, 5);
		e.provider = (const char *)sqlite3_column_text(st, 6);
		e.consent = (const char *)sqlite3_column_text(st, 7);
		e.note = (const char *)sqlite3_column_text(st, 8);
		e.actor = (const char *)sqlite3_column_text(st, 9);
		if (!fn(&e, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading victims"), err);
}

enum dk_rc
dk_store_victim_cases(struct dk_store *s, int64_t victim_id,
                      bool (*fn)(const struct dk_case *c, dk_date added_on, void *ctx), void *ctx,
                      struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_CASES, err);
	struct dk_case c;
	int rc;

	FAIL_IF_NULL(st, err);
	memset(&c, 0, sizeof(c));
	sqlite3_bind_int64(st, 1, victim_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		dk_case_clear(&c);
		dk_store_case_row(st, &c);
		if (!fn(&c, dk_store_column_date(st, 23), ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	dk_case_clear(&c);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading victims"), err);
}

enum dk_rc
dk_store_victim_each(struct dk_store *s, int64_t case_id,
                     bool (*fn)(const struct dk_victim *v, void *ctx), void *ctx,
                     struct dk_err *err)
{
	enum dk_stmt_id id = case_id > 0 ? DK_STMT_VICTIMS_OF_CASE
	                     : s->scoped ? DK_STMT_VICTIMS_SCOPED
	                                 : DK_STMT_VICTIMS_ALL;
	sqlite3_stmt *st = dk_store_stmt(s, id, err);
	struct dk_victim v;
	int rc;

	FAIL_IF_NULL(st, err);
	if (case_id > 0)
		sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		victim_row(st, &v);
		if (!fn(&v, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading victims"), err);
}

/* Whether case fact i goes before victim fact j: date, then recording time, the case first. */
static bool
case_fact_first(const struct dk_fact *cf, const char *case_recorded, const struct dk_fact *vf,
                const char *victim_recorded)
{
	if (cf->on != vf->on)
		return cf->on < vf->on;
	return strcmp(case_recorded, victim_recorded) <= 0;
}

enum dk_rc
dk_store_merge_victim_facts(struct dk_store *s, int64_t case_id, struct dk_fact **facts,
                            const char (*recorded)[DK_RECORDED_MAX], size_t *n, size_t *cap,
                            struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_FACTS, err);
	struct dk_fact *merged, *victims = NULL;
	char(*victim_recorded)[DK_RECORDED_MAX] = NULL;
	size_t nv = 0, capv = 0, i = 0, j = 0, k = 0;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);

		if (nv == capv) {
			capv = capv ? 2 * capv : 8;
			victims = dk_xrealloc(victims, capv * sizeof(*victims));
			victim_recorded =
			    dk_xrealloc(victim_recorded, capv * sizeof(*victim_recorded));
		}
		memset(&victims[nv], 0, sizeof(victims[0]));
		victims[nv].on = dk_store_column_date(st, 0);
		victims[nv].kind = kind != NULL && strcmp(kind, "added") == 0
		                       ? DK_FACT_VICTIM_ADDED
		                       : DK_FACT_VICTIM_INFORMED;
		victims[nv].extend_to = DK_DATE_NONE;
		dk_store_copy_text(victims[nv].victim, sizeof(victims[nv].victim), st, 2);
		dk_store_copy_text(victim_recorded[nv], DK_RECORDED_MAX, st, 3);
		nv++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(victims);
		free(victim_recorded);
		return dk_store_fail(s, _("reading victims"), err);
	}
	if (nv == 0)
		return DK_OK;
	merged = dk_xcalloc(*n + nv, sizeof(*merged));
	while (i < *n || j < nv) {
		if (j == nv || (i < *n && case_fact_first(&(*facts)[i], recorded[i], &victims[j],
		                                          victim_recorded[j]))) {
			merged[k++] = (*facts)[i++];
			continue;
		}
		/* A victim fact leaves the case as the event before it left it. */
		if (k > 0) {
			victims[j].state = merged[k - 1].state;
			victims[j].urgent = merged[k - 1].urgent;
			memcpy(victims[j].entity, merged[k - 1].entity, sizeof(victims[j].entity));
		}
		merged[k++] = victims[j++];
	}
	free(*facts);
	free(victims);
	free(victim_recorded);
	*facts = merged;
	*n = *cap = k;
	return DK_OK;
}

enum dk_rc
dk_store_victim_live_deadlines(struct dk_store *s, int64_t case_id, const char *code,
                               bool (*fn)(const struct dk_deadline_row *d, void *ctx), void *ctx,
                               struct dk_err *err)
{
	sqlite3_stmt *st = dk_store_stmt(s, DK_STMT_VICTIM_LIVE_DEADLINES, err);
	struct dk_deadline_row row;
	int rc;

	FAIL_IF_NULL(st, err);
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.case_id = case_id;
		row.rule = (const char *)sqlite3_column_text(st, 0);
		row.start = dk_store_column_date(st, 1);
		row.due = dk_store_column_date(st, 2);
		row.original_due = dk_store_column_date(st, 3);
		row.met_on = DK_DATE_NONE;
		row.ended_on = DK_DATE_NONE;
		row.extensions = sqlite3_column_int(st, 4);
		row.victim = code;
		if (!fn(&row, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading deadlines"), err);
}

enum dk_rc
dk_store_victim_page(struct dk_store *s, enum dk_victim_walk walk, dk_date after_due,
                     const char *after, int limit,
                     bool (*fn)(const struct dk_victim *v, dk_date due, void *ctx), void *ctx,
                     struct dk_err *err)
{
	static const enum dk_stmt_id walks[][2] = {
	    [DK_VICTIMS_BY_CODE] = {DK_STMT_VICTIM_PAGE, DK_STMT_VICTIM_PAGE_SCOPED},
	    [DK_VICTIMS_DATED] = {DK_STMT_VICTIM_PAGE_DUE, DK_STMT_VICTIM_PAGE_DUE},
	    [DK_VICTIMS_UNDATED] = {DK_STMT_VICTIM_PAGE_UNDUE, DK_STMT_VICTIM_PAGE_UNDUE},
	};
	sqlite3_stmt *st = dk_store_stmt(s, walks[walk][s->scoped], err);
	struct dk_victim v;
	int rc;

	FAIL_IF_NULL(st, err);
	after = after != NULL ? after : "";
	/* From the first: "" sorts before every date. */
	if (after[0] == '\0' || after_due == DK_DATE_NONE)
		sqlite3_bind_text(st, 1, "", -1, SQLITE_STATIC);
	else
		dk_store_bind_date(st, 1, after_due);
	sqlite3_bind_text(st, 2, after, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, s->scoped ? 1 : 0);
	sqlite3_bind_int(st, 4, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		victim_row(st, &v);
		if (!fn(&v, dk_store_column_date(st, 6), ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DK_OK : dk_store_fail(s, _("reading victims"), err);
}

enum dk_rc
dk_store_victims_exist(struct dk_store *s, bool *out, struct dk_err *err)
{
	int64_t exists = 0;
	enum dk_rc rc = dk_store_row(s, DK_STMT_VICTIMS_EXIST, dk_store_read_int64, &exists, NULL,
	                             _("reading victims"), err, "");

	*out = exists != 0;
	return rc;
}
