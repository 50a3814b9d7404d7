/*
 * export: what a trusted office was not yet sent of the cases this account
 * may see, as records, with this office's audit entries since the last
 * bundle to it, sealed to that office and signed by this one, written
 * atomically. One transaction: the audit entry and what was sent.
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

struct export_run {
	struct dk_buf payload;
	long events;
};

static bool
put_record(const struct dk_record *r, void *ctx)
{
	struct export_run *run = ctx;

	dk_payload_put(&run->payload, r);
	if (dk_store_record_counted(r->tag))
		run->events++;
	return true;
}

/* The trusted office named `name`, else a refusal that says how to see them. */
static enum dk_rc
trusted_office(struct dk_app *app, const char *name, struct dk_office_row *out)
{
	enum dk_rc rc = dk_store_office_by_name(app->store, name, out, &app->err);

	if (rc == DK_OK && out->trust == 1 && out->has_keys)
		return DK_OK;
	if (rc != DK_OK && rc != DK_NOTFOUND)
		return rc;
	return dk_app_fail(app, DK_NOTFOUND,
	                   _("no trusted office %s (docket office list shows them)"), name);
}

/* Seals the payload for the peer and writes the file. */
static enum dk_rc
seal_and_write(struct dk_app *app, const struct dk_office_self *self,
               const struct dk_office_row *peer, const struct dk_buf *payload, const char *path)
{
	struct dk_bundle_sender from;
	unsigned char *bundle = NULL;
	size_t len = 0;
	enum dk_rc rc;

	memcpy(from.office, self->gid, DK_GID_LEN);
	memcpy(from.sign_pk, self->sign_pk, sizeof(from.sign_pk));
	from.sign_sk = self->sign_sk;
	rc = dk_bundle_seal(&from, peer->gid, peer->box_pk, (const unsigned char *)payload->data,
	                    payload->len, &bundle, &len, &app->err);
	if (rc == DK_OK)
		rc = dk_file_write_atomic(path, bundle, len, &app->err);
	free(bundle);
	return rc;
}

/* The records, the audit entry, the audit segment, what was sent; then the file. */
static enum dk_rc
export_in_tx(struct dk_app *app, const struct dk_export_input *in, struct dk_export_result *out)
{
	struct dk_office_self self;
	struct dk_office_row peer;
	struct dk_peer_head head;
	struct export_run run = {DK_BUF_INIT, 0};
	struct dk_export_query q;
	char detail[96], hex[2 * DK_GID_LEN + 1];
	long long head_id = 0;
	unsigned char head_hash[32];
	enum dk_rc rc;

	memset(&self, 0, sizeof(self));
	if ((rc = dk_app_office_self(app, &self)) != DK_OK ||
	    (rc = trusted_office(app, in->office, &peer)) != DK_OK ||
	    (rc = dk_store_peer_head(app->store, peer.gid, &head, &app->err)) != DK_OK)
		goto out;
	q = (struct dk_export_query){peer.gid, in->all, in->mission};
	if ((rc = dk_store_export_select(app->store, &q, &out->cases, &app->err)) != DK_OK ||
	    (rc = dk_store_export_records(app->store, &q, put_record, &run, &app->err)) != DK_OK)
		goto out;
	out->events = run.events;
	dk_hex_encode(hex, peer.gid, DK_GID_LEN);
	snprintf(detail, sizeof(detail), "for=%s events=%ld", hex, run.events);
	/* The export's own entry travels too: the head proves the log up to this bundle. */
	if ((rc = dk_app_audit(app, "export", NULL, detail)) != DK_OK ||
	    (rc = dk_store_audit_head(app->store, &head_id, head_hash, &app->err)) != DK_OK ||
	    (rc = dk_store_audit_records(app->store, in->all ? 0 : head.sent_audit, put_record,
	                                 &run, &app->err)) != DK_OK ||
	    (rc = dk_store_export_mark_sent(app->store, &q, &app->err)) != DK_OK ||
	    (rc = dk_store_peer_sent_audit_set(app->store, peer.gid, head_id, &app->err)) != DK_OK)
		goto out;
	rc = seal_and_write(app, &self, &peer, &run.payload, in->path);
out:
	dk_xfree_wiped_n(run.payload.data, run.payload.cap);
	dk_app_office_self_clear(&self);
	return rc;
}

enum dk_rc
dk_app_export(struct dk_app *app, const struct dk_export_input *in, struct dk_export_result *out)
{
	char mission[DK_MISSION_MAX + 1];
	struct dk_export_input checked = *in;
	enum dk_rc rc;

	dk_err_clear(&app->err);
	memset(out, 0, sizeof(*out));
	if (in->office == NULL || in->path == NULL)
		return dk_app_fail(app, DK_INVALID, _("export needs --for OFFICE and --to FILE"));
	if ((rc = dk_app_tx_begin(app, DK_ACTION_EXPORT)) != DK_OK)
		return rc;
	if (in->mission != NULL) {
		rc = dk_app_check_mission(app, "--mission", in->mission, false, mission);
		checked.mission = mission;
	}
	if (rc == DK_OK)
		rc = export_in_tx(app, &checked, out);
	return dk_app_tx_end(app, rc);
}
