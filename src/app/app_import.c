/*
 * import: a bundle is verified whole before a byte of it is parsed (the
 * crypto layer), then every record is checked as if typed and applied
 * idempotently by global id, the cases it touched rebuilt from their
 * events, the sender's audit entries compared with what earlier bundles
 * showed. One transaction: any refusal changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/bundle.h"
#include "docket/i18n.h"
#include "docket/payload.h"
#include "docket/text.h"
#include "docket/xmalloc.h"
#include "app_internal.h"

#define BUNDLE_MAX ((size_t)1 << 30) /* 1 GiB: far above any office's history */

struct import_run {
	struct dk_app *app;
	unsigned char sender[DK_GID_LEN];
	int64_t *touched; /* case row ids whose events changed */
	size_t ntouched;
	unsigned char *carried; /* the gids of the cases the bundle carries */
	size_t ncarried;
	struct dk_import_result *out;
	struct dk_audit_check audit;
	unsigned char *links; /* the bundle's links: victim gid then case gid, each pair */
	size_t nlinks;
};

/* The bundle's sender must be a trusted office; its signing key is the one trusted. */
static bool
trusted_key(const unsigned char office[DK_GID_LEN], unsigned char sign_pk[32], void *ctx)
{
	struct dk_app *app = ctx;
	struct dk_office_row row;
	struct dk_err scratch = {0};

	if (dk_store_office_get(app->store, office, &row, &scratch) != DK_OK || row.trust != 1 ||
	    !row.has_keys)
		return false;
	memcpy(sign_pk, row.sign_pk, 32);
	return true;
}

static void
carry(struct import_run *run, const unsigned char gid[DK_GID_LEN])
{
	run->carried = dk_xrealloc(run->carried, (run->ncarried + 1) * DK_GID_LEN);
	memcpy(run->carried + run->ncarried++ * DK_GID_LEN, gid, DK_GID_LEN);
}

static void
touch(struct import_run *run, int64_t id)
{
	run->touched = dk_xrealloc(run->touched, (run->ntouched + 1) * sizeof(*run->touched));
	run->touched[run->ntouched++] = id;
}

/* The case a new record changes: an event's case, or every case of a victim it names. */
static enum dk_rc
touch_cases(struct import_run *run, const struct dk_record *r)
{
	struct dk_app *app = run->app;
	int64_t id;
	enum dk_rc rc;

	if (r->tag == 'E') {
		if ((rc = dk_store_case_id_by_gid(app->store, r->field[2], &id, &app->err)) ==
		    DK_OK)
			touch(run, id);
		return rc;
	}
	if (r->tag == 'W' || r->tag == 'L')
		return dk_store_victim_case_ids(app->store, r->field[r->tag == 'W' ? 2 : 0],
		                                &run->touched, &run->ntouched, &app->err);
	return DK_OK;
}

/* A case's mission here (the bundle's when the case is new: fallback); false when unknown. */
static bool
local_mission(struct import_run *run, const unsigned char gid[DK_GID_LEN], const char *fallback,
              char mission[DK_MISSION_MAX + 1])
{
	struct dk_err quiet = {0};
	struct dk_case c;
	int64_t id = 0;
	bool found;

	memset(&c, 0, sizeof(c));
	found = dk_store_case_id_by_gid(run->app->store, gid, &id, &quiet) == DK_OK &&
	        dk_store_case_by_id(run->app->store, id, &c, &quiet) == DK_OK;
	snprintf(mission, DK_MISSION_MAX + 1, "%s",
	         found              ? c.mission
	         : fallback != NULL ? fallback
	                            : "");
	dk_case_clear(&c);
	return mission[0] != '\0';
}

/* A victim's content keys, under the mission of each of its cases the bundle names. */
static enum dk_rc
victim_keys(struct import_run *run, const unsigned char victim[DK_GID_LEN])
{
	char mission[DK_MISSION_MAX + 1];
	enum dk_rc rc = DK_OK;

	for (size_t i = 0; rc == DK_OK && i < run->nlinks; i++) {
		const unsigned char *l = run->links + i * 2 * DK_GID_LEN;

		if (memcmp(l, victim, DK_GID_LEN) == 0 &&
		    local_mission(run, l + DK_GID_LEN, NULL, mission))
			rc = dk_app_fields_victim(run->app, victim, mission);
	}
	return rc;
}

/* A record's text field as a string (NULL for NULL). */
static void
field_text(const struct dk_record *r, unsigned i, char *out, size_t size)
{
	out[0] = '\0';
	if (i < r->n && r->field[i] != NULL && r->len[i] < size) {
		memcpy(out, r->field[i], r->len[i]);
		out[r->len[i]] = '\0';
	}
}

/*
 * Before a record is written: the content keys its sealed fields need, made
 * with this office's keys (the store seals them, and makes a subject's
 * vetting hashes again with this office's vetting key).
 */
static enum dk_rc
keys_for_import(struct import_run *run, const struct dk_record *r)
{
	struct dk_app *app = run->app;
	char mission[DK_MISSION_MAX + 1], given[DK_MISSION_MAX + 1];

	if (!dk_app_fields_on(app))
		return DK_OK;
	if (r->tag == 'C' && r->n > 4 && r->len[0] == DK_GID_LEN) {
		field_text(r, 4, given, sizeof(given));
		if (local_mission(run, r->field[0], given, mission))
			return dk_app_fields_case(app, r->field[0], mission);
	} else if (r->tag == 'V' && r->len[0] == DK_GID_LEN) {
		return victim_keys(run, r->field[0]);
	} else if (r->tag == 'L' && r->n >= 2 && r->len[0] == DK_GID_LEN &&
	           r->len[1] == DK_GID_LEN && local_mission(run, r->field[1], NULL, mission)) {
		return dk_app_fields_victim(app, r->field[0], mission);
	}
	return DK_OK;
}

static enum dk_rc
apply_record(struct import_run *run, const struct dk_record *r)
{
	struct dk_app *app = run->app;
	bool inserted = false;
	enum dk_rc rc;

	if ((rc = dk_app_record_check(app, r)) != DK_OK)
		return rc;
	if (r->tag == 'H')
		return dk_app_audit_check_entry(app, &run->audit, r);
	/* This office's own name and keys are its own to keep. */
	if (r->tag == 'O' && memcmp(r->field[0], app->office, DK_GID_LEN) == 0)
		return DK_OK;
	if ((rc = keys_for_import(run, r)) != DK_OK ||
	    (rc = dk_store_import_record(app->store, r, &inserted, &app->err)) != DK_OK)
		return rc;
	if (r->tag == 'C')
		carry(run, r->field[0]);
	if (!inserted)
		return DK_OK;
	if (r->tag == 'C')
		run->out->cases++;
	if (dk_store_record_counted(r->tag))
		run->out->events++;
	return touch_cases(run, r);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Each touched case once: its row, deadlines and flag from its events; then
 * the conflicts: the bundle's cases that are flagged (again, too: a bundle
 * applied twice still says what awaits a move).
 */
static enum dk_rc
rebuild_touched(struct import_run *run)
{
	enum dk_rc rc = DK_OK;
	bool flagged;

	if (run->ntouched > 1)
		qsort(run->touched, run->ntouched, sizeof(*run->touched), cmp_id);
	for (size_t i = 0; rc == DK_OK && i < run->ntouched; i++) {
		if (i == 0 || run->touched[i] != run->touched[i - 1])
			rc = dk_app_case_rebuild(run->app, run->touched[i], &flagged);
	}
	for (size_t i = 0; rc == DK_OK && i < run->ncarried; i++) {
		rc = dk_store_case_flagged(run->app->store, run->carried + i * DK_GID_LEN, &flagged,
		                           &run->app->err);
		run->out->conflicts += flagged ? 1 : 0;
	}
	return rc;
}

static enum dk_rc
apply_payload(struct import_run *run, const unsigned char *payload, size_t len)
{
	struct dk_record r;
	size_t pos = 0;
	enum dk_payload_next next;
	enum dk_rc rc = DK_OK;

	/* The links first: a victim's record comes before those naming it in its cases. */
	while ((next = dk_payload_next(payload, len, &pos, &r)) == DK_PAYLOAD_RECORD)
		if (r.tag == 'L' && r.n >= 2 && r.len[0] == DK_GID_LEN && r.len[1] == DK_GID_LEN) {
			run->links = dk_xrealloc(run->links, (run->nlinks + 1) * 2 * DK_GID_LEN);
			memcpy(run->links + run->nlinks * 2 * DK_GID_LEN, r.field[0], DK_GID_LEN);
			memcpy(run->links + (run->nlinks++ * 2 + 1) * DK_GID_LEN, r.field[1],
			       DK_GID_LEN);
		}
	pos = 0;
	while (rc == DK_OK && (next = dk_payload_next(payload, len, &pos, &r)) == DK_PAYLOAD_RECORD)
		rc = apply_record(run, &r);
	if (rc == DK_OK && next == DK_PAYLOAD_BAD)
		rc = dk_app_fail(run->app, DK_INVALID, _("the bundle's contents are malformed"));
	if (rc == DK_OK)
		rc = rebuild_touched(run);
	return rc;
}

/* Opens the bundle with this office's keys; the sender must be trusted. */
static enum dk_rc
open_bundle(struct dk_app *app, const unsigned char *bytes, size_t len, struct import_run *run,
            unsigned char **payload, size_t *plen)
{
	struct dk_office_self self;
	struct dk_bundle_recipient me;
	struct dk_bundle_info info;
	enum dk_rc rc;

	memset(&self, 0, sizeof(self));
	if ((rc = dk_app_office_self(app, &self)) == DK_OK) {
		memcpy(me.office, self.gid, DK_GID_LEN);
		memcpy(me.box_pk, self.box_pk, sizeof(me.box_pk));
		me.box_sk = self.box_sk;
		rc = dk_bundle_open(bytes, len, &me, trusted_key, app, &info, payload, plen,
		                    &app->err);
		memcpy(run->sender, info.from_office, DK_GID_LEN);
	}
	dk_app_office_self_clear(&self);
	return rc;
}

static enum dk_rc
import_in_tx(struct dk_app *app, const unsigned char *bytes, size_t len,
             struct dk_import_result *out)
{
	struct import_run run;
	unsigned char *payload = NULL;
	size_t plen = 0;
	char detail[128], hex[2 * DK_GID_LEN + 1];
	enum dk_rc rc;

	memset(&run, 0, sizeof(run));
	dk_app_office_names_forget(app); /* the bundle may name offices */
	run.app = app;
	run.out = out;
	if ((rc = open_bundle(app, bytes, len, &run, &payload, &plen)) != DK_OK)
		return rc;
	dk_app_audit_check_begin(&run.audit, run.sender);
	if ((rc = apply_payload(&run, payload, plen)) == DK_OK)
		rc = dk_app_audit_check_end(app, &run.audit, out->warning, sizeof(out->warning));
	dk_hex_encode(hex, run.sender, DK_GID_LEN);
	snprintf(detail, sizeof(detail), "from=%s events=%ld new=%ld conflicts=%ld", hex,
	         out->events, out->cases, out->conflicts);
	if (rc == DK_OK)
		rc = dk_app_audit(app, "import", NULL, detail);
	if (rc == DK_OK)
		rc = dk_app_office_name(app, run.sender, out->sender, sizeof(out->sender));
	dk_xfree_wiped_n(payload, plen);
	free(run.touched);
	free(run.carried);
	free(run.links);
	return rc;
}

enum dk_rc
dk_app_import(struct dk_app *app, const char *path, struct dk_import_result *out)
{
	unsigned char *bytes = NULL;
	size_t len = 0;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(out, 0, sizeof(*out));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_IMPORT)) != DK_OK)
		return rc;
	if ((rc = dk_file_read_all(path, BUNDLE_MAX, &bytes, &len, &app->err)) == DK_OK)
		rc = import_in_tx(app, bytes, len, out);
	free(bytes);
	return dk_app_tx_end(app, rc);
}
