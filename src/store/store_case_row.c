/* A case row (DK_CASE_COLUMNS) read into struct dk_case: every listing of cases reads it. */
#include "docket/xmalloc.h"
#include "store_internal.h"

void
dk_store_case_row(sqlite3_stmt *st, void *out)
{
	struct dk_case *c = out;
	const char *summary = (const char *)sqlite3_column_text(st, 21);
	const char *state = (const char *)sqlite3_column_text(st, 18);

	c->id = sqlite3_column_int64(st, 0);
	dk_store_copy_blob(c->gid, sizeof(c->gid), st, 1);
	dk_store_copy_blob(c->office, sizeof(c->office), st, 2);
	dk_store_copy_text(c->ref, sizeof(c->ref), st, 3);
	dk_store_copy_text(c->mission, sizeof(c->mission), st, 4);
	c->year = sqlite3_column_int(st, 5);
	c->seq = (long)sqlite3_column_int64(st, 6);
	c->reported = dk_store_column_date(st, 7);
	c->incident = dk_store_column_date(st, 8);
	dk_store_copy_text(c->category, sizeof(c->category), st, 9);
	dk_store_copy_text(c->type, sizeof(c->type), st, 10);
	dk_store_copy_text(c->personnel, sizeof(c->personnel), st, 11);
	dk_store_copy_text(c->nationality, sizeof(c->nationality), st, 12);
	dk_store_copy_text(c->source, sizeof(c->source), st, 13);
	dk_store_copy_text(c->entity, sizeof(c->entity), st, 14);
	dk_store_copy_text(c->outcome, sizeof(c->outcome), st, 15);
	dk_store_copy_text(c->closure, sizeof(c->closure), st, 16);
	c->urgent = sqlite3_column_int(st, 17) != 0;
	if (state == NULL || !dk_state_parse(state, &c->state))
		c->state = DK_STATE_RECEIVED;
	c->state_since = dk_store_column_date(st, 19);
	c->last_event_on = dk_store_column_date(st, 20);
	dk_xfree_wiped(&c->summary);
	c->summary = summary != NULL ? dk_xstrdup(summary) : NULL;
	c->next_due = dk_store_column_date(st, 22);
	if (c->next_due == DK_NO_DEADLINE)
		c->next_due = DK_DATE_NONE;
}
