/* This database's office: its name and keys, the line others trust it by, the peers it trusts. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "docket/code.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/validate.h"
#include "app_internal.h"

#define LINE_PREFIX "docket-office"
#define LINE_VERSION "1"
#define LINE_FIELDS 7
#define DETAIL_LEN (sizeof("office=") + 2 * DK_GID_LEN)

/* An office line taken apart: the row it would trust and the fingerprint it gave. */
struct office_line {
	struct dk_office_row row;
	char fingerprint[DK_FINGERPRINT_LEN];
};

/* The fingerprint text of an office with keys. */
static void
fingerprint_of(const struct dk_office_row *o, char out[DK_FINGERPRINT_LEN])
{
	unsigned char hash[DK_OFFICE_HASH_BYTES];

	dk_office_fingerprint_hash(hash, o->gid, o->sign_pk, o->box_pk);
	dk_code_fingerprint(hash, out);
}

static enum dk_rc
no_office(struct dk_app *app)
{
	return dk_app_fail(app, DK_NOTFOUND,
	                   _("this database has no office yet: run docket office init NAME"));
}

/* The audit detail naming an office: "office=<gid hex>". */
static void
office_detail(char out[DETAIL_LEN], const unsigned char gid[DK_GID_LEN])
{
	char hex[2 * DK_GID_LEN + 1];

	dk_hex_encode(hex, gid, DK_GID_LEN);
	snprintf(out, DETAIL_LEN, "office=%s", hex);
}

enum dk_rc
dk_app_office_record(struct dk_app *app, struct dk_store *store, const char *name, const char *now)
{
	struct dk_secret *sign_sk = NULL, *box_sk = NULL;
	struct dk_office_row o;
	enum dk_rc rc;

	memset(&o, 0, sizeof(o));
	memcpy(o.gid, app->office, DK_GID_LEN);
	snprintf(o.name, sizeof(o.name), "%s", name);
	o.trust = DK_OFFICE_SELF;
	o.has_keys = true;
	dk_office_keys_new(o.sign_pk, &sign_sk, o.box_pk, &box_sk);
	rc = dk_store_office_insert_self(store, &o, sign_sk, box_sk, now, &app->err);
	dk_secret_free(&sign_sk);
	dk_secret_free(&box_sk);
	return rc;
}

/* DK_EXISTS unless no trusted office but gid's own (or none) is named name. */
static enum dk_rc
name_free(struct dk_app *app, const char *name, const unsigned char gid[DK_GID_LEN])
{
	struct dk_office_row o;
	enum dk_rc rc = dk_store_office_by_name(app->store, name, &o, &app->err);

	if (rc == DK_NOTFOUND)
		return DK_OK;
	if (rc != DK_OK)
		return rc;
	if (o.trust == DK_OFFICE_KNOWN || memcmp(o.gid, gid, DK_GID_LEN) == 0)
		return DK_OK;
	return dk_app_fail(app, DK_EXISTS, _("another trusted office is named %s"), o.name);
}

enum dk_rc
dk_app_office_init(struct dk_app *app, const char *name)
{
	char now[DK_TIMESTAMP_LEN], detail[DETAIL_LEN], fp[DK_FINGERPRINT_LEN];
	struct dk_office_row o;
	enum dk_rc rc;

	dk_app_office_names_forget(app); /* a name may change */
	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_OFFICE_MANAGE))
		return dk_app_refuse_early(app, DK_ACTION_OFFICE_MANAGE);
	if (!dk_validate_office_name(name, &app->err))
		return DK_INVALID;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_OFFICE_MANAGE)) != DK_OK)
		return rc;
	rc = dk_store_office_self(app->store, &o, &app->err);
	if (rc == DK_OK)
		rc = dk_app_fail(app, DK_EXISTS, _("this database is already office %s"), o.name);
	else if (rc == DK_NOTFOUND && (rc = name_free(app, name, app->office)) == DK_OK) {
		dk_app_now(now);
		office_detail(detail, app->office);
		if ((rc = dk_app_office_record(app, app->store, name, now)) == DK_OK &&
		    (rc = dk_store_office_self(app->store, &o, &app->err)) == DK_OK &&
		    (rc = dk_app_audit(app, "office_init", NULL, detail)) == DK_OK) {
			fingerprint_of(&o, fp);
			snprintf(app->notice, sizeof(app->notice), _("office %s, fingerprint %s\n"),
			         o.name, fp);
		}
	}
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_office_show(struct dk_app *app, char *line, size_t size)
{
	char gid[2 * DK_GID_LEN + 1], sign[65], box[65], fp[DK_FINGERPRINT_LEN];
	struct dk_office_row o;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_OFFICE_READ)) != DK_OK)
		return rc;
	rc = dk_store_office_self(app->store, &o, &app->err);
	if (rc == DK_NOTFOUND)
		rc = no_office(app);
	if (rc == DK_OK) {
		dk_hex_encode(gid, o.gid, DK_GID_LEN);
		dk_hex_encode(sign, o.sign_pk, sizeof(o.sign_pk));
		dk_hex_encode(box, o.box_pk, sizeof(o.box_pk));
		fingerprint_of(&o, fp);
		snprintf(line, size, LINE_PREFIX ":" LINE_VERSION ":%s:%s:%s:%s:%s", o.name, gid,
		         sign, box, fp);
	}
	return dk_app_tx_end(app, rc);
}

/* Exactly 2 * len lowercase hex digits into out. */
static bool
lower_hex(unsigned char *out, size_t len, const char *hex)
{
	if (strlen(hex) != 2 * len || strspn(hex, "0123456789abcdef") != 2 * len)
		return false;
	return dk_hex_decode(out, len, hex);
}

static enum dk_rc
not_a_line(struct dk_app *app, const char *why)
{
	/* TRANSLATORS: %s says what is wrong with the line. */
	return dk_app_fail(app, DK_INVALID, _("that is not an office line: %s"), why);
}

/* Splits copy (modified) at ':' into at most LINE_FIELDS fields; returns how many it has. */
static size_t
split_fields(char *copy, char *fields[LINE_FIELDS])
{
	size_t n = 0;
	char *p = copy;

	for (;;) {
		char *colon = strchr(p, ':');

		if (n == LINE_FIELDS)
			return n + 1;
		fields[n++] = p;
		if (colon == NULL)
			return n;
		*colon = '\0';
		p = colon + 1;
	}
}

/* Checks the fields after the header: name, keys, fingerprint. */
static enum dk_rc
parse_fields(struct dk_app *app, char *const f[LINE_FIELDS], struct office_line *out)
{
	struct dk_err name_err;

	if (!dk_validate_office_name(f[2], &name_err))
		return not_a_line(app, name_err.msg);
	if (!lower_hex(out->row.gid, DK_GID_LEN, f[3]))
		return not_a_line(app, _("the office id is not 32 lowercase hex digits"));
	if (!lower_hex(out->row.sign_pk, sizeof(out->row.sign_pk), f[4]))
		return not_a_line(app, _("the signing key is not 64 lowercase hex digits"));
	if (!lower_hex(out->row.box_pk, sizeof(out->row.box_pk), f[5]))
		return not_a_line(app, _("the receiving key is not 64 lowercase hex digits"));
	snprintf(out->row.name, sizeof(out->row.name), "%s", f[2]);
	out->row.has_keys = true;
	out->row.trust = DK_OFFICE_TRUSTED;
	fingerprint_of(&out->row, out->fingerprint);
	if (strcmp(out->fingerprint, f[6]) != 0)
		return not_a_line(app, _("its fingerprint does not match its keys"));
	return DK_OK;
}

static enum dk_rc
parse_line(struct dk_app *app, const char *line, struct office_line *out)
{
	char copy[DK_OFFICE_LINE_MAX], *f[LINE_FIELDS];
	size_t n;

	memset(out, 0, sizeof(*out));
	if (line == NULL || strlen(line) >= sizeof(copy))
		return not_a_line(app, _("it is too long"));
	snprintf(copy, sizeof(copy), "%s", line);
	n = split_fields(copy, f);
	if (strcmp(f[0], LINE_PREFIX) != 0)
		return not_a_line(app, _("it does not start with docket-office"));
	if (n < 2 || strcmp(f[1], LINE_VERSION) != 0)
		return not_a_line(app, _("it is not of version 1"));
	if (n != LINE_FIELDS)
		return not_a_line(app, _("it does not have 7 fields separated by ':'"));
	return parse_fields(app, f, out);
}

enum dk_rc
dk_app_office_parse_line(struct dk_app *app, const char *line, struct dk_office_peer *out)
{
	struct office_line l;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(out, 0, sizeof(*out));
	if ((rc = parse_line(app, line, &l)) != DK_OK)
		return rc;
	snprintf(out->name, sizeof(out->name), "%s", l.row.name);
	snprintf(out->fingerprint, sizeof(out->fingerprint), "%s", l.fingerprint);
	return DK_OK;
}

/* Whether l may be trusted (in the transaction); *already when it is, with these keys and name. */
static enum dk_rc
trust_checks(struct dk_app *app, const struct office_line *l, bool *already)
{
	struct dk_office_row cur;
	enum dk_rc rc = dk_store_office_get(app->store, l->row.gid, &cur, &app->err);

	if (rc != DK_OK && rc != DK_NOTFOUND)
		return rc;
	if (rc == DK_OK && cur.trust == DK_OFFICE_SELF)
		return not_a_line(app, _("it is this office's own line"));
	if (rc == DK_OK && cur.trust == DK_OFFICE_TRUSTED) {
		if (memcmp(cur.sign_pk, l->row.sign_pk, sizeof(cur.sign_pk)) != 0 ||
		    memcmp(cur.box_pk, l->row.box_pk, sizeof(cur.box_pk)) != 0)
			return dk_app_fail(app, DK_EXISTS,
			                   _("office %s is trusted already with other keys: run "
			                     "docket office untrust %s first"),
			                   cur.name, cur.name);
		if (strcmp(cur.name, l->row.name) == 0) {
			*already = true;
			return DK_OK;
		}
	}
	return name_free(app, l->row.name, l->row.gid);
}

enum dk_rc
dk_app_office_trust(struct dk_app *app, const char *line, bool *already)
{
	char now[DK_TIMESTAMP_LEN], detail[DETAIL_LEN];
	struct office_line l;
	enum dk_rc rc;

	dk_app_office_names_forget(app); /* a name may change */
	*already = false;
	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_OFFICE_MANAGE))
		return dk_app_refuse_early(app, DK_ACTION_OFFICE_MANAGE);
	if ((rc = parse_line(app, line, &l)) != DK_OK)
		return rc;
	if (app->store != NULL && memcmp(l.row.gid, app->office, DK_GID_LEN) == 0)
		return not_a_line(app, _("it is this office's own line"));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_OFFICE_MANAGE)) != DK_OK)
		return rc;
	if ((rc = trust_checks(app, &l, already)) == DK_OK && !*already) {
		dk_app_now(now);
		office_detail(detail, l.row.gid);
		if ((rc = dk_store_office_trust(app->store, &l.row, now, &app->err)) == DK_OK)
			rc = dk_app_audit(app, "office_trust", NULL, detail);
	}
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_office_untrust(struct dk_app *app, const char *name)
{
	char detail[DETAIL_LEN];
	struct dk_office_row o;
	enum dk_rc rc;

	dk_app_office_names_forget(app); /* a name may change */
	dk_err_clear(&app->err);
	if (app->store != NULL && !dk_app_may(app, DK_ACTION_OFFICE_MANAGE))
		return dk_app_refuse_early(app, DK_ACTION_OFFICE_MANAGE);
	if (!dk_validate_office_name(name, &app->err))
		return DK_INVALID;
	if ((rc = dk_app_tx_begin(app, DK_ACTION_OFFICE_MANAGE)) != DK_OK)
		return rc;
	rc = dk_store_office_by_name(app->store, name, &o, &app->err);
	if (rc == DK_NOTFOUND || (rc == DK_OK && o.trust == DK_OFFICE_KNOWN))
		rc = dk_app_fail(app, DK_NOTFOUND, _("no trusted office is named %s"), name);
	else if (rc == DK_OK && o.trust == DK_OFFICE_SELF)
		rc = dk_app_fail(app, DK_INVALID, _("%s is this office: it cannot be untrusted"),
		                 o.name);
	else if (rc == DK_OK &&
	         (rc = dk_store_office_untrust(app->store, o.gid, &app->err)) == DK_OK) {
		office_detail(detail, o.gid);
		rc = dk_app_audit(app, "office_untrust", NULL, detail);
	}
	return dk_app_tx_end(app, rc);
}

struct list_ctx {
	bool (*fn)(const struct dk_office_view *o, void *ctx);
	void *ctx;
};

static bool
list_row(const struct dk_office_entry *e, void *ctx)
{
	static const char *const trust[] = {"known", "trusted", "self"};
	char fp[DK_FINGERPRINT_LEN] = "", hash[65] = "";
	struct list_ctx *lc = ctx;
	struct dk_office_view v;
	int t = e->row.trust >= 0 && e->row.trust <= 2 ? e->row.trust : 0;

	if (t != DK_OFFICE_KNOWN && e->row.has_keys)
		fingerprint_of(&e->row, fp);
	if (e->head_id > 0)
		dk_hex_encode(hash, e->head_hash, sizeof(e->head_hash));
	v.name = e->row.name;
	v.trust = trust[t];
	v.fingerprint = fp;
	v.head_id = e->head_id > 0 ? e->head_id : 0;
	v.head_hash = hash;
	v.broken = e->broken != NULL ? e->broken : "";
	v.self = t == DK_OFFICE_SELF;
	return lc->fn(&v, lc->ctx);
}

enum dk_rc
dk_app_office_list(struct dk_app *app, bool (*fn)(const struct dk_office_view *o, void *ctx),
                   void *ctx)
{
	struct list_ctx lc = {fn, ctx};
	enum dk_rc rc;

	dk_err_clear(&app->err);
	if ((rc = dk_app_tx_begin_read(app, DK_ACTION_OFFICE_READ)) != DK_OK)
		return rc;
	rc = dk_store_office_each(app->store, list_row, &lc, &app->err);
	return dk_app_tx_end(app, rc);
}

enum dk_rc
dk_app_office_self(struct dk_app *app, struct dk_office_self *out)
{
	struct dk_office_row o;
	enum dk_rc rc;

	memset(out, 0, sizeof(*out));
	rc = dk_store_office_self(app->store, &o, &app->err);
	if (rc == DK_NOTFOUND)
		return no_office(app);
	if (rc != DK_OK)
		return rc;
	memcpy(out->gid, o.gid, DK_GID_LEN);
	snprintf(out->name, sizeof(out->name), "%s", o.name);
	memcpy(out->sign_pk, o.sign_pk, sizeof(out->sign_pk));
	memcpy(out->box_pk, o.box_pk, sizeof(out->box_pk));
	rc = dk_store_office_secrets(app->store, &out->sign_sk, &out->box_sk, &app->err);
	if (rc == DK_NOTFOUND)
		rc = no_office(app);
	else if (rc == DK_OK &&
	         !dk_office_keys_match(out->sign_pk, out->sign_sk, out->box_pk, out->box_sk))
		rc = dk_app_fail(app, DK_CORRUPT, _("the office's secret keys are damaged"));
	if (rc != DK_OK)
		dk_app_office_self_clear(out);
	return rc;
}

void
dk_app_office_self_clear(struct dk_office_self *o)
{
	dk_secret_free(&o->sign_sk);
	dk_secret_free(&o->box_sk);
	memset(o, 0, sizeof(*o));
}
