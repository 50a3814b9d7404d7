/*
 * What the app layer's files share of need-to-know by key (HACKING.md
 * "Need-to-know by key"): app_fields.c (who holds which mission key),
 * app_fields_owner.c (owners' content keys, relocation, vetting hashes),
 * app_fields_upgrade.c (unlock, the upgrade, check's row). Included by
 * app_internal.h.
 */
#ifndef DOCKET_APP_FIELDS_H
#define DOCKET_APP_FIELDS_H

#include "docket/app.h"
#include "docket/store.h"

/* The meta key that says a database's fields are sealed, its value, and the upgrade's entry. */
#define DK_FIELDS_META "fields"
#define DK_FIELDS_SEALED "sealed"
#define DK_FIELDS_UPGRADE "fields_upgrade"

/*
 * The name of a mission key's grant (key_grant): "mission MISSION CLASS
 * GEN"; the vetting key's has an empty mission ("mission  vet GEN").
 */
void dk_app_fields_grant_name(char *out, size_t size, const char *mission, enum dk_field_class cls,
                              long long gen);

/* Whether the session's database seals its fields (binds seal, owners need content keys). */
bool dk_app_fields_on(const struct dk_app *app);

/*
 * At unlock, once the session's keys are known: dk_app_fields_load holds
 * every mission key sealed to the account (and, with the authority's key,
 * to the authority); one that does not open is a warning. Then
 * dk_app_fields_unlock, for an administrator: seals a database not sealed
 * yet (backup "<db>.pre-mission-keys", a notice), or makes good the keys
 * and grants the accounts' roles and missions call for.
 */
enum dk_rc dk_app_fields_load(struct dk_app *app) __attribute__((warn_unused_result));
enum dk_rc dk_app_fields_unlock(struct dk_app *app) __attribute__((warn_unused_result));

/* A new database (init's first transaction, app->store set): sealed from the start, keys made. */
enum dk_rc dk_app_fields_init(struct dk_app *app) __attribute__((warn_unused_result));

/*
 * In the caller's transaction, for a session holding the authority key of
 * a sealed database (else nothing): every mission (registered, or with a
 * key) has a key of each class and the vetting key exists; each is sealed
 * to the authority and to every active non-admin account with a bound key
 * whose role and missions allow it; a grant no longer allowed is dropped
 * and its key rotated (new generation, content keys wrapped again).
 */
enum dk_rc dk_app_fields_sync(struct dk_app *app) __attribute__((warn_unused_result));

/* Account gid's key changed (a reset, a recovery): its grants sealed again to the new one. */
enum dk_rc dk_app_fields_regrant(struct dk_app *app, const unsigned char gid[DK_GID_LEN])
    __attribute__((warn_unused_result));

/* How many grants or keys a sync would write (0: as the roles say). */
enum dk_rc dk_app_fields_grants_check(struct dk_app *app, long *changes)
    __attribute__((warn_unused_result));

/* An administrator's session: mission's keys are made if it has none yet. */
enum dk_rc dk_app_fields_mission(struct dk_app *app, const char *mission)
    __attribute__((warn_unused_result));

/*
 * Before a case's (a victim's) first sealed field: its content keys of
 * free_text and subject_identity (victim_identity and free_text) wrapped
 * under mission. DK_DENIED with a message when the session cannot.
 */
enum dk_rc dk_app_fields_case(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                              const char *mission) __attribute__((warn_unused_result));
enum dk_rc dk_app_fields_victim(struct dk_app *app, const unsigned char gid[DK_GID_LEN],
                                const char *mission) __attribute__((warn_unused_result));

/*
 * Case c was just put under c->mission (from `from`): its content keys, and
 * those of its victims, wrapped under the new mission; the old wrappings
 * dropped (a victim's kept while another of its cases is under from).
 */
enum dk_rc dk_app_fields_relocate(struct dk_app *app, const struct dk_case *c, const char *from)
    __attribute__((warn_unused_result));

/*
 * A subject's vetting hashes (malloc'd, NULL when not given): keyed by the
 * vetting key in a sealed database, else the folded name and no index key.
 * folded is the folded name (dk_text_name_key).
 */
enum dk_rc dk_app_fields_vet_keys(struct dk_app *app, const char *folded, const char *index_number,
                                  char **name_key, char **index_key)
    __attribute__((warn_unused_result));

/* The same from a name as typed, for dk_store_fields_seal_all (ctx: the app). */
void dk_app_fields_vet_hashes(const char *name, const char *index_number, char **name_key,
                              char **index_key, void *ctx);

/* check's row "sealed fields". */
enum dk_rc dk_app_check_fields(struct dk_app *app, dk_check_fn fn, void *ctx)
    __attribute__((warn_unused_result));

#endif
