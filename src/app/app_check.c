/*
 * The bottom room of app: how a command fails, the value checks every use
 * case shares (dates, identifiers, missions, codes, passphrases, order), the
 * rule table loaded at unlock, the clock, and appending to the audit log. It calls only
 * store, crypto and core.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docket/buf.h"
#include "docket/code.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

enum dk_rc
dk_app_fail(struct dk_app *app, enum dk_rc rc, const char *fmt, ...)
{
	va_list ap;

	app->err.rc = rc;
	va_start(ap, fmt);
	vsnprintf(app->err.msg, sizeof(app->err.msg), fmt, ap);
	va_end(ap);
	return rc;
}

void
dk_app_now(char out[DK_TIMESTAMP_LEN])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, DK_TIMESTAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
dk_app_now_recorded(char out[DK_RECORDED_LEN])
{
	char second[DK_TIMESTAMP_LEN];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(second, sizeof(second), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, DK_RECORDED_LEN, "%s.%06ldZ", second, (long)(ts.tv_nsec / 1000) % 1000000);
}

enum dk_rc
dk_app_check_passphrase(struct dk_app *app, const struct dk_secret *pass)
{
	size_t chars = 0;

	if (pass == NULL)
		return dk_app_fail(app, DK_INVALID, _("a new passphrase is needed"));
	/* No terminal can type it: the account could be unlocked from --passphrase-fd only. */
	if (memchr(pass->bytes, '\0', pass->len) != NULL)
		return dk_app_fail(app, DK_INVALID, _("the passphrase contains a NUL byte"));
	if (!dk_text_utf8_valid((const char *)pass->bytes, pass->len))
		return dk_app_fail(app, DK_INVALID, _("the passphrase is not valid UTF-8"));
	for (size_t i = 0; i < pass->len; i++)
		chars += (pass->bytes[i] & 0xc0) != 0x80;
	if (chars < DK_PASSPHRASE_MIN)
		return dk_app_fail(app, DK_INVALID,
		                   _("the passphrase is too short (at least %d characters)"),
		                   DK_PASSPHRASE_MIN);
	if (pass->len > DK_PASSPHRASE_MAX)
		return dk_app_fail(app, DK_INVALID, _("the passphrase is too long"));
	return DK_OK;
}

const struct dk_rule *
dk_app_rule(const struct dk_app *app, const char *id)
{
	for (size_t i = 0; i < app->nrules; i++)
		if (strcmp(app->rules[i].id, id) == 0)
			return &app->rules[i];
	return NULL;
}

enum dk_rc
dk_app_fail_unknown(struct dk_app *app, const char *what, const char *value, const char *known)
{
	/* TRANSLATORS: the first %s is a field name such as "category", kept in English. */
	return dk_app_fail(app, DK_INVALID, _("%s: unknown value '%s' (expected one of: %s)"), what,
	                   value, known);
}

enum dk_rc
dk_app_check_ident(struct dk_app *app, int vocab_kind, const char *value, char *out, size_t size)
{
	char valid[512];

	if (dk_vocab_find((enum dk_vocab_kind)vocab_kind, value) >= 0) {
		snprintf(out, size, "%s", value);
		return DK_OK;
	}
	dk_vocab_list_ids((enum dk_vocab_kind)vocab_kind, valid, sizeof(valid));
	return dk_app_fail_unknown(app, dk_vocab_get((enum dk_vocab_kind)vocab_kind)->name, value,
	                           valid);
}

enum dk_rc
dk_app_fail_unknown_rule(struct dk_app *app, const char *id)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	for (size_t i = 0; i < app->nrules; i++)
		dk_buf_printf(&known, "%s%s", i > 0 ? ", " : "", app->rules[i].id);
	rc = dk_app_fail_unknown(app, "rule", id, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

enum dk_rc
dk_app_fail_unknown_state(struct dk_app *app, const char *value, const char *extra)
{
	struct dk_buf known = DK_BUF_INIT;
	enum dk_rc rc;

	for (int s = 0; s < DK_STATE_COUNT; s++)
		dk_buf_printf(&known, "%s%s", s > 0 ? ", " : "", dk_state_id((enum dk_state)s));
	if (extra != NULL)
		dk_buf_printf(&known, ", %s", extra);
	rc = dk_app_fail_unknown(app, "state", value, dk_buf_str(&known));
	dk_buf_free(&known);
	return rc;
}

enum dk_rc
dk_app_check_date(struct dk_app *app, const char *what, const char *value, dk_date *out)
{
	char today[DK_DATE_STRLEN];

	if (!dk_date_parse(value, out))
		return dk_app_fail(app, DK_INVALID,
		                   _("%s: '%s' is not a real date (expected YYYY-MM-DD)"), what,
		                   value);
	if (*out > app->today) {
		dk_date_format(app->today, today);
		return dk_app_fail(app, DK_INVALID, _("%s: %s is after today (%s)"), what, value,
		                   today);
	}
	return DK_OK;
}

/* The registered codes, for the lookup of a typed one and its "did you mean". */
struct codes {
	dk_date today;
	char (*code)[DK_MISSION_MAX + 1];
	bool *closed;
	size_t n;
};

static bool
collect_code(const struct dk_mission_row *m, void *ctx)
{
	struct codes *cs = ctx;

	cs->code = dk_xrealloc(cs->code, (cs->n + 1) * sizeof(*cs->code));
	cs->closed = dk_xrealloc(cs->closed, (cs->n + 1) * sizeof(*cs->closed));
	snprintf(cs->code[cs->n], sizeof(*cs->code), "%s", m->code);
	cs->closed[cs->n++] = dk_app_mission_closed(m->closed_on, cs->today);
	return true;
}

/* Refuses an unknown code, naming the closest of the codes it could have been. */
static enum dk_rc
unknown_mission(struct dk_app *app, const char *option, const struct codes *cs, bool open_only,
                const char *norm)
{
	const char **candidates = dk_xcalloc(cs->n + 1, sizeof(*candidates));
	size_t n = 0;
	int best;
	enum dk_rc rc;

	for (size_t i = 0; i < cs->n; i++)
		if (!open_only || !cs->closed[i])
			candidates[n++] = cs->code[i];
	best = dk_text_closest(norm, candidates, n);
	if (best >= 0)
		/* TRANSLATORS: %1$s is an option (--mission), %3$s a registered mission code. */
		rc = dk_app_fail(app, DK_INVALID, _("%s: unknown mission '%s' (did you mean %s?)"),
		                 option, norm, candidates[best]);
	else
		rc = dk_app_fail(app, DK_INVALID,
		                 _("%s: unknown mission '%s' (docket mission list shows them)"),
		                 option, norm);
	free(candidates);
	return rc;
}

enum dk_rc
dk_app_check_mission(struct dk_app *app, const char *option, const char *typed, bool open_only,
                     char norm[DK_MISSION_MAX + 1])
{
	struct codes cs = {app->today, NULL, NULL, 0};
	size_t i = 0;
	enum dk_rc rc;

	if ((rc = dk_validate_mission(typed, norm, &app->err)) != DK_OK)
		return rc;
	if ((rc = dk_store_mission_each(app->store, app->today, false, collect_code, &cs,
	                                &app->err)) != DK_OK)
		goto out;
	while (i < cs.n && strcmp(cs.code[i], norm) != 0)
		i++;
	if (i == cs.n)
		rc = unknown_mission(app, option, &cs, open_only, norm);
	else if (open_only && cs.closed[i])
		rc = dk_app_fail(app, DK_INVALID,
		                 _("%s: mission %s is closed: it takes no new cases, accounts or "
		                   "holidays"),
		                 option, norm);
out:
	free(cs.code);
	free(cs.closed);
	return rc;
}

enum dk_rc
dk_app_check_order(struct dk_app *app, dk_date on, const struct dk_app_previous *prev, bool victim)
{
	char day[DK_DATE_STRLEN], last_day[DK_DATE_STRLEN];

	if (prev->on == DK_DATE_NONE || on >= prev->on)
		return DK_OK;
	dk_date_format(on, day);
	dk_date_format(prev->on, last_day);
	/* TRANSLATORS: "--on: 2026-01-10 is before the case's previous event (moved to referred on
	   2026-02-01)"; the victim's: "(informed on 2026-02-01)". */
	return dk_app_fail(app, DK_INVALID,
	                   victim ? _("--on: %s is before the victim's previous event (%s on %s)")
	                          : _("--on: %s is before the case's previous event (%s on %s)"),
	                   day, prev->what, last_day);
}

enum dk_rc
dk_app_check_code(struct dk_app *app, char prefix, const char *typed, char code[DK_CODE_MAX])
{
	if (dk_code_parse(prefix, typed, code))
		return DK_OK;
	/* TRANSLATORS: the first %c is V (victims) or S (subjects). */
	return dk_app_fail(app, DK_INVALID,
	                   _("'%s' is not a code (expected %c- and ten letters and digits)"),
	                   typed != NULL ? typed : "", prefix);
}

bool
dk_app_mission_closed(dk_date closed_on, dk_date today)
{
	return closed_on != DK_DATE_NONE && closed_on <= today;
}

bool
dk_app_list_holds(const char *list, const char *item)
{
	size_t len = strlen(item);

	for (const char *p = list; *p != '\0';) {
		size_t n = strcspn(p, ",");

		if (n == len && strncmp(p, item, n) == 0)
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

/* Appends an entry for the current account (signed by the store, part of the open transaction). */
enum dk_rc
dk_app_audit(struct dk_app *app, const char *action, const unsigned char *case_gid,
             const char *detail)
{
	char now[DK_TIMESTAMP_LEN];

	dk_app_now(now);
	app->audited = true;
	return dk_store_audit_append(app->store, now, app->account.name, action, case_gid, detail,
	                             &app->err);
}
