/* Case intake, lookup and listing. */
#include <stdio.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

/* The created event carries every field, so the history alone can rebuild the case. */
static void
created_event_data(struct dk_buf *b, const struct dk_case *c)
{
	const struct {
		const char *key;
		const char *value;
	} fields[] = {
		{"mission", c->mission},         {"category", c->category}, {"type", c->type},
		{"personnel", c->personnel},     {"nationality", c->nationality},
		{"source", c->source},           {"summary", c->summary},
	};
	char date[DK_DATE_STRLEN];

	dk_date_format(c->reported, date);
	dk_buf_printf(b, "{\"ref\":");
	dk_text_json_string(b, c->ref);
	dk_buf_printf(b, ",\"reported\":\"%s\"", date);
	if (c->incident != DK_DATE_NONE) {
		dk_date_format(c->incident, date);
		dk_buf_printf(b, ",\"incident\":\"%s\"", date);
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].value == NULL || fields[i].value[0] == '\0')
			continue;
		dk_buf_printf(b, ",\"%s\":", fields[i].key);
		dk_text_json_string(b, fields[i].value);
	}
	dk_buf_printf(b, ",\"urgent\":%s}", c->urgent ? "true" : "false");
}

enum dk_rc
dk_app_case_record(struct dk_app *app, struct dk_case *c)
{
	struct dk_buf data = DK_BUF_INIT;
	struct dk_event ev;
	char now[DK_TIMESTAMP_LEN];
	enum dk_rc rc;

	if ((rc = dk_store_ref_next(app->store, c->mission, c->year, &c->seq, &app->err)) != DK_OK)
		return rc;
	dk_ref_format(c->ref, c->mission, c->year, c->seq);
	dk_crypto_random(c->gid, DK_GID_LEN);
	memcpy(c->office, app->office, DK_GID_LEN);
	if ((rc = dk_store_case_insert(app->store, c, &app->err)) != DK_OK)
		return rc;

	created_event_data(&data, c);
	dk_app_now(now);
	memset(&ev, 0, sizeof(ev));
	ev.case_id = c->id;
	dk_crypto_random(ev.gid, DK_GID_LEN);
	memcpy(ev.office, app->office, DK_GID_LEN);
	ev.on = c->reported;
	ev.recorded_at = now;
	ev.actor = app->account.name;
	ev.kind = "created";
	ev.data = dk_buf_str(&data);
	rc = dk_store_event_append(app->store, &ev, &app->err);
	dk_buf_free(&data);
	return rc;
}

/* An optional identifier field: NULL or "" leaves it unset. */
static enum dk_rc
optional_ident(struct dk_app *app, enum dk_vocab_kind kind, const char *value, char *out,
	       size_t size)
{
	out[0] = '\0';
	if (value == NULL || value[0] == '\0')
		return DK_OK;
	return dk_app_check_ident(app, (int)kind, value, out, size);
}

/* Everything about a new case is checked before the database is touched. */
static enum dk_rc
validate_input(struct dk_app *app, const struct dk_case_input *in, struct dk_case *c)
{
	enum dk_rc rc;
	int y, m, d;

	if (in->mission == NULL || in->reported == NULL || in->category == NULL)
		return dk_app_fail(app, DK_INVALID,
				   _("a case needs --mission, --reported and --category"));
	if ((rc = dk_validate_mission(in->mission, c->mission, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_app_check_date(app, "--reported", in->reported, &c->reported)) != DK_OK)
		return rc;
	if (in->incident != NULL && in->incident[0] != '\0') {
		if ((rc = dk_app_check_date(app, "--incident", in->incident, &c->incident)) !=
		    DK_OK)
			return rc;
		if (c->incident > c->reported)
			return dk_app_fail(app, DK_INVALID,
					   _("--incident: %s is after the date reported (%s)"),
					   in->incident, in->reported);
	}
	if ((rc = dk_app_check_ident(app, DK_VOCAB_CATEGORY, in->category, c->category,
				     sizeof(c->category))) != DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_TYPE, in->type, c->type, sizeof(c->type))) != DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_PERSONNEL, in->personnel, c->personnel,
				 sizeof(c->personnel))) != DK_OK ||
	    (rc = optional_ident(app, DK_VOCAB_SOURCE, in->source, c->source, sizeof(c->source))) !=
		    DK_OK)
		return rc;
	if (in->nationality != NULL && in->nationality[0] != '\0') {
		if ((rc = dk_validate_nationality(in->nationality, c->nationality, &app->err)) !=
		    DK_OK)
			return rc;
	}
	if (in->summary != NULL && in->summary[0] != '\0') {
		if ((rc = dk_validate_text("--summary", in->summary, DK_TEXT_MAX, false,
					   &app->err)) != DK_OK)
			return rc;
		c->summary = dk_xstrdup(in->summary);
	}
	dk_date_to_ymd(c->reported, &y, &m, &d);
	c->year = y;
	c->urgent = in->urgent;
	c->state = DK_STATE_RECEIVED;
	c->state_since = c->reported;
	c->last_event_on = c->reported;
	return DK_OK;
}

enum dk_rc
dk_app_case_add(struct dk_app *app, const struct dk_case_input *in, char ref[DK_REF_MAX])
{
	struct dk_case c;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(&c, 0, sizeof(c));
	c.incident = DK_DATE_NONE;
	if ((rc = validate_input(app, in, &c)) != DK_OK)
		goto out;
	if ((rc = dk_app_tx_begin(app)) != DK_OK)
		goto out;
	rc = dk_app_case_record(app, &c);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_add", c.gid, "");
	if ((rc = dk_app_tx_end(app, rc)) == DK_OK)
		snprintf(ref, DK_REF_MAX, "%s", c.ref);
out:
	dk_case_clear(&c);
	return rc;
}

/* A malformed reference is refused before any lookup; the mission is upper-cased. */
static enum dk_rc
normalize_ref(struct dk_app *app, const char *ref, char out[DK_REF_MAX])
{
	char mission[DK_MISSION_MAX + 1];
	int year;
	long seq;

	if (!dk_ref_parse(ref, mission, &year, &seq))
		return dk_app_fail(app, DK_INVALID,
				   _("'%s' is not a case reference (expected e.g. "
				     "MONUSCO-2026-0001)"),
				   ref);
	dk_ref_format(out, mission, year, seq);
	return DK_OK;
}

enum dk_rc
dk_app_case_get(struct dk_app *app, const char *ref, struct dk_case *out)
{
	char norm[DK_REF_MAX];
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = normalize_ref(app, ref, norm)) != DK_OK)
		return rc;
	if ((rc = dk_app_tx_begin(app)) != DK_OK)
		return rc;
	rc = dk_store_case_get(app->store, norm, out, &app->err);
	if (rc == DK_NOTFOUND)
		dk_app_fail(app, DK_NOTFOUND, _("no case %s"), norm);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_show", out->gid, "");
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_case_list(struct dk_app *app, const struct dk_case_filter *filter,
		 bool (*fn)(const struct dk_case *c, void *ctx), void *ctx)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_case_filter f = *filter;
	enum dk_state state;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if (f.mission != NULL) {
		if ((rc = dk_validate_mission(f.mission, mission, &app->err)) != DK_OK)
			return rc;
		f.mission = mission;
	}
	if (f.state != NULL && !dk_state_parse(f.state, &state))
		return dk_app_fail(app, DK_INVALID,
				   _("unknown state '%s' (expected one of: received, assessment, "
				     "limited_info, referred, investigating, concluded, action, "
				     "closed)"),
				   f.state);
	if ((rc = dk_app_tx_begin(app)) != DK_OK)
		return rc;
	rc = dk_store_case_each(app->store, &f, fn, ctx, &app->err);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "case_list", NULL, "");
	return dk_app_tx_end(app, rc);
}
