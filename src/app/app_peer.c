/*
 * What this office knows of its peers: their names (a case shows its
 * office's), and their audit chains as their bundles carried them. Each
 * bundle carries the sender's entries since its last bundle here; every
 * entry must agree with the ones already seen (same hash for the same id,
 * each prev the hash before it), whatever order the bundles arrive in. A
 * log rewritten or cut between two bundles cannot agree: the import goes
 * through, the office is flagged with the two heads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

void
dk_app_audit_check_begin(struct dk_audit_check *a, const unsigned char sender[DK_GID_LEN])
{
	memset(a, 0, sizeof(*a));
	memcpy(a->sender, sender, DK_GID_LEN);
}

/* Whether entry id, as seen before, disagrees with (prev, hash) or its neighbours. */
static enum dk_rc
disagrees(struct dk_app *app, const struct dk_audit_check *a, long long id,
          const unsigned char prev[32], const unsigned char hash[32], bool *clash)
{
	unsigned char p[32], h[32];
	bool found;
	enum dk_rc rc;

	*clash = false;
	if ((rc = dk_store_peer_audit_at(app->store, a->sender, id, p, h, &found, &app->err)) !=
	        DK_OK ||
	    (found && (*clash = memcmp(h, hash, 32) != 0 || memcmp(p, prev, 32) != 0)))
		return rc;
	if ((rc = dk_store_peer_audit_at(app->store, a->sender, id - 1, p, h, &found, &app->err)) !=
	        DK_OK ||
	    (found && (*clash = memcmp(h, prev, 32) != 0)))
		return rc;
	rc = dk_store_peer_audit_at(app->store, a->sender, id + 1, p, h, &found, &app->err);
	*clash = rc == DK_OK && found && memcmp(p, hash, 32) != 0;
	return rc;
}

enum dk_rc
dk_app_audit_check_entry(struct dk_app *app, struct dk_audit_check *a, const struct dk_record *r)
{
	long long id = dk_record_int(r, 0);
	bool clash = false;
	enum dk_rc rc;

	if (id < 1)
		return dk_app_fail(app, DK_INVALID,
		                   _("the bundle holds a malformed record (%c, field %u)"), 'H',
		                   1u);
	if ((rc = disagrees(app, a, id, r->field[1], r->field[2], &clash)) != DK_OK)
		return rc;
	if (clash)
		a->clash = true;
	if (id > a->head_id) {
		a->head_id = id;
		memcpy(a->head_hash, r->field[2], 32);
	}
	return dk_store_peer_audit_put(app->store, a->sender, id, r->field[1], r->field[2],
	                               &app->err);
}

/* "41:abcd1234": an audit head as office list and the warning show it. */
static void
head_text(char *out, size_t size, long long id, const unsigned char hash[32])
{
	char hex[65];

	dk_hex_encode(hex, hash, 32);
	snprintf(out, size, "%lld:%.8s", id, id > 0 ? hex : "");
}

enum dk_rc
dk_app_audit_check_end(struct dk_app *app, struct dk_audit_check *a, char *warning, size_t size)
{
	struct dk_peer_head seen;
	char before[48], now[48], why[128], name[DK_OFFICE_NAME_MAX + 1];
	enum dk_rc rc = dk_store_peer_head(app->store, a->sender, &seen, &app->err);

	warning[0] = '\0';
	if (rc != DK_OK)
		return rc;
	if (a->clash) {
		head_text(before, sizeof(before), seen.head_id, seen.head_hash);
		head_text(now, sizeof(now), a->head_id, a->head_hash);
		snprintf(why, sizeof(why), "broken: %s then %s", before, now);
		if ((rc = dk_store_peer_broken_set(app->store, a->sender, why, &app->err)) !=
		        DK_OK ||
		    (rc = dk_app_office_name(app, a->sender, name, sizeof(name))) != DK_OK)
			return rc;
		/* TRANSLATORS: "office FIELD's audit log was rewritten or cut: 41:abcd1234 then
		 * 38:ef015678". */
		snprintf(warning, size, _("office %s's audit log was rewritten or cut: %s then %s"),
		         name, before, now);
	}
	if (a->head_id > seen.head_id)
		rc = dk_store_peer_head_set(app->store, a->sender, a->head_id, a->head_hash,
		                            &app->err);
	return rc;
}

/* The office names, loaded once a session (an import or a trust reloads them). */
static bool
keep_name(const unsigned char gid[DK_GID_LEN], const char *name, void *ctx)
{
	struct dk_app *app = ctx;
	struct dk_office_name *n;

	app->office_names =
	    dk_xrealloc(app->office_names, (app->noffice_names + 1) * sizeof(*app->office_names));
	n = &app->office_names[app->noffice_names++];
	memcpy(n->gid, gid, DK_GID_LEN);
	snprintf(n->name, sizeof(n->name), "%s", name);
	return true;
}

void
dk_app_office_names_forget(struct dk_app *app)
{
	free(app->office_names);
	app->office_names = NULL;
	app->noffice_names = 0;
	app->office_names_loaded = false;
}

enum dk_rc
dk_app_office_name(struct dk_app *app, const unsigned char gid[DK_GID_LEN], char *out, size_t size)
{
	char hex[2 * DK_GID_LEN + 1];
	enum dk_rc rc;

	if (!app->office_names_loaded) {
		if ((rc = dk_store_office_names(app->store, keep_name, app, &app->err)) != DK_OK)
			return rc;
		app->office_names_loaded = true;
	}
	for (size_t i = 0; i < app->noffice_names; i++) {
		if (memcmp(app->office_names[i].gid, gid, DK_GID_LEN) == 0) {
			snprintf(out, size, "%s", app->office_names[i].name);
			return DK_OK;
		}
	}
	/* An office no bundle named: its id's first characters. */
	dk_hex_encode(hex, gid, DK_GID_LEN);
	snprintf(out, size, "%.8s", hex);
	return DK_OK;
}

enum dk_rc
dk_app_office_by_name(struct dk_app *app, const char *name, struct dk_office_row *out)
{
	enum dk_rc rc = dk_store_office_by_name(app->store, name, out, &app->err);

	if (rc == DK_NOTFOUND)
		return dk_app_fail(app, DK_NOTFOUND,
		                   _("no office %s (docket office list shows them)"), name);
	return rc;
}

void
dk_app_name_office(struct dk_app *app, struct dk_case *c)
{
	/* A store failure leaves the id's first digits: a listing goes on. */
	if (dk_app_office_name(app, c->office, c->office_name, sizeof(c->office_name)) != DK_OK)
		dk_err_clear(&app->err);
}
