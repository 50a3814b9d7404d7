/* What the store's files share: the handle and its prepared-statement cache. */
#ifndef DOCKET_STORE_INTERNAL_H
#define DOCKET_STORE_INTERNAL_H

#include <sqlite3.h>

#include "docket/store.h"
#include "store_exchange_sql.h"

/* How long a statement waits for another docket's lock before giving up. */
#define DK_STORE_BUSY_TIMEOUT_MS 5000

/* Every statement the store runs more than once, prepared once per handle. */
#define DK_STMT_LIST(X)                                                                            \
	X(META_GET, "SELECT value FROM meta WHERE key = ?1")                                       \
	X(META_SET, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")                    \
	X(TRIGGER_SQL, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")       \
	X(ACCOUNT_ADD,                                                                             \
	  "INSERT INTO account (gid, name, role, created_at) VALUES (?1, ?2, ?3, ?4)")             \
	X(ACCOUNT_GET, "SELECT " DK_ACCOUNT_COLUMNS " FROM account WHERE name = ?1")               \
	X(ACCOUNT_EACH, "SELECT " DK_ACCOUNT_COLUMNS " FROM account ORDER BY name")                \
	X(ACCOUNT_MISSION_ADD,                                                                     \
	  "INSERT INTO account_mission (account_id, mission) VALUES (?1, ?2)")                     \
	X(ACCOUNT_REMOVE,                                                                          \
	  "UPDATE account SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL")               \
	/* Active accounts a signed entry removed: a record put back (schema 16's index). */       \
	X(ACCOUNT_ROLLED_BACK,                                                                     \
	  "SELECT a.name, max(u.id) FROM account a JOIN audit u ON u.detail = a.name AND "         \
	  "u.action = 'user_remove' WHERE a.removed_at IS NULL GROUP BY a.name ORDER BY a.name")   \
	X(ACCOUNT_ADMINS,                                                                          \
	  "SELECT count(*) FROM account WHERE role = 'admin' AND removed_at IS NULL")              \
	X(SCOPE_CLEAR, "DELETE FROM temp.scope")                                                   \
	X(SCOPE_ADD, "INSERT OR IGNORE INTO temp.scope (mission) VALUES (?1)")                     \
	X(VICTIM_ADD, "INSERT INTO victim (gid, office, code, sex, age, added_on, recorded_at) "   \
	              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")                                       \
	X(VICTIM_IDENTITY_ADD, "INSERT INTO victim_identity (victim_id, name, contact) "           \
	                       "VALUES (?1, ?2, ?3)")                                              \
	X(VICTIM_GET, "SELECT id, gid, code, sex, age, added_on FROM victim WHERE code = ?1")      \
	X(VICTIM_IDENTITY,                                                                         \
	  "SELECT dk_open(name), dk_open(contact) FROM victim_identity WHERE victim_id = ?1")      \
	X(VICTIM_LINK,                                                                             \
	  "INSERT INTO victim_case (victim_id, case_id, added_on) VALUES (?1, ?2, ?3)")            \
	X(VICTIM_EVENT_ADD,                                                                        \
	  "INSERT INTO victim_event (gid, office, victim_id, case_id, on_date, "                   \
	  "recorded_at, actor, kind, item, status, provider, consent, note) VALUES (?1, ?2, "      \
	  "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")                                       \
	X(VICTIM_EVENTS,                                                                           \
	  "SELECT e.on_date, e.kind, c.ref, c.mission, e.item, e.status, "                         \
	  "dk_open(e.provider), e.consent, dk_open(e.note), e.actor FROM victim_event e LEFT "     \
	  "JOIN case_file c "                                                                      \
	  "ON c.id = e.case_id WHERE e.victim_id = ?1 ORDER BY e.on_date, e.recorded_at, "         \
	  "e.gid")                                                                                 \
	X(VICTIM_CASES,                                                                            \
	  "SELECT " DK_CASE_COLUMNS_OF(                                                            \
	      "c") ", vc.added_on FROM victim_case vc "                                            \
	           "JOIN case_file c ON c.id = vc.case_id WHERE vc.victim_id = ?1 ORDER BY c.ref") \
	X(VICTIM_FACTS,                                                                            \
	  "SELECT e.on_date, e.kind, v.code, e.recorded_at FROM victim_event e "                   \
	  "JOIN victim v ON "                                                                      \
	  "v.id = e.victim_id WHERE e.victim_id IN (SELECT victim_id FROM victim_case WHERE "      \
	  "case_id = ?1) AND ((e.kind = 'added' AND e.case_id = ?1) OR e.kind = 'informed') "      \
	  "ORDER BY e.on_date, e.recorded_at, e.gid")                                              \
	X(VICTIM_LIVE_DEADLINES,                                                                   \
	  "SELECT rule, start, due, original_due, extensions FROM deadline "                       \
	  "WHERE case_id = ?1 AND victim = ?2 AND met_on IS NULL AND ended_on IS NULL")            \
	X(VICTIM_PAGE, "SELECT id, gid, code, sex, age, added_on, NULL FROM victim WHERE "         \
	               "code > ?2 ORDER BY code LIMIT ?4")                                         \
	X(VICTIM_PAGE_SCOPED,                                                                      \
	  "SELECT id, gid, code, sex, age, added_on, NULL FROM victim v "                          \
	  "WHERE code > ?2 AND EXISTS (SELECT 1 FROM victim_case vc JOIN case_file c ON c.id = "   \
	  "vc.case_id WHERE vc.victim_id = v.id AND c.mission IN (SELECT mission FROM "            \
	  "temp.scope)) ORDER BY code LIMIT ?4")                                                   \
	X(VICTIM_PAGE_DUE,                                                                         \
	  "SELECT v.id, v.gid, v.code, v.sex, v.age, v.added_on, d.due FROM "                      \
	  "deadline d JOIN victim v ON v.code = d.victim JOIN case_file c ON c.id = "              \
	  "d.case_id WHERE d.met_on IS NULL AND d.ended_on IS NULL AND d.rule = 'victim_update' "  \
	  "AND "                                                                                   \
	  "(d.due > ?1 OR (d.due = ?1 AND d.victim > ?2)) AND "                                    \
	  "(?3 = 0 OR c.mission IN (SELECT mission FROM temp.scope)) AND NOT EXISTS "              \
	  "(SELECT 1 FROM victim_case vc JOIN case_file c2 ON c2.id = vc.case_id JOIN "            \
	  "deadline e ON e.case_id = vc.case_id AND e.rule = 'victim_update' AND "                 \
	  "e.victim = v.code WHERE vc.victim_id = v.id AND e.met_on IS NULL AND e.ended_on IS "    \
	  "NULL AND (?3 = 0 "                                                                      \
	  "OR c2.mission IN (SELECT mission FROM temp.scope)) AND (e.due < d.due OR "              \
	  "(e.due = d.due AND e.case_id < d.case_id))) ORDER BY d.due, d.victim LIMIT ?4")         \
	X(VICTIM_PAGE_UNDUE,                                                                       \
	  "SELECT id, gid, code, sex, age, added_on, NULL FROM "                                   \
	  "victim v WHERE code > ?2 AND EXISTS (SELECT 1 FROM victim_case vc JOIN "                \
	  "case_file c ON c.id = vc.case_id WHERE vc.victim_id = v.id AND (?3 = 0 OR "             \
	  "c.mission IN (SELECT mission FROM temp.scope))) AND NOT EXISTS (SELECT 1 FROM "         \
	  "victim_case vc JOIN case_file c ON c.id = vc.case_id JOIN deadline e ON "               \
	  "e.case_id = vc.case_id AND e.rule = 'victim_update' AND e.victim = v.code "             \
	  "WHERE vc.victim_id = v.id AND e.met_on IS NULL AND e.ended_on IS NULL AND (?3 = 0 OR "  \
	  "c.mission IN "                                                                          \
	  "(SELECT mission FROM temp.scope))) ORDER BY code LIMIT ?4")                             \
	X(VICTIMS_EXIST, "SELECT EXISTS (SELECT 1 FROM victim)")                                   \
	X(VICTIMS_OF_CASE,                                                                         \
	  "SELECT v.id, v.gid, v.code, v.sex, v.age, v.added_on FROM victim v "                    \
	  "JOIN victim_case vc ON vc.victim_id = v.id WHERE vc.case_id = ?1 ORDER BY v.code")      \
	X(VICTIMS_ALL, "SELECT id, gid, code, sex, age, added_on FROM victim ORDER BY code")       \
	X(VICTIMS_SCOPED,                                                                          \
	  "SELECT id, gid, code, sex, age, added_on FROM victim v WHERE EXISTS "                   \
	  "(SELECT 1 FROM victim_case vc JOIN case_file c ON c.id = vc.case_id WHERE "             \
	  "vc.victim_id = v.id AND c.mission IN (SELECT mission FROM temp.scope)) ORDER BY code")  \
	X(SUBJECT_ADD,                                                                             \
	  "INSERT INTO subject (gid, office, code, case_id, personnel, nationality, "              \
	  "added_on, recorded_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")             \
	X(SUBJECT_IDENTITY_ADD, "INSERT INTO subject_identity (subject_id, name, name_key, "       \
	                        "index_number, unit, index_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")  \
	X(SUBJECT_GET,                                                                             \
	  "SELECT id, gid, code, case_id, personnel, nationality, added_on, actor FROM "           \
	  "subject WHERE code = ?1")                                                               \
	X(SUBJECT_ACTION_ADD,                                                                      \
	  "INSERT INTO subject_action (gid, office, subject_id, on_date, "                         \
	  "recorded_at, actor, action, interim) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")          \
	X(SUBJECT_ACTIONS, "SELECT on_date, action, interim, actor FROM subject_action WHERE "     \
	                   "subject_id = ?1 ORDER BY on_date, recorded_at, gid")                   \
	X(VET,                                                                                     \
	  "SELECT c.ref, c.mission, s.code, s.personnel, s.nationality, c.state, c.outcome "       \
	  "FROM subject_identity i JOIN subject s ON s.id = i.subject_id JOIN case_file c ON "     \
	  "c.id = s.case_id WHERE (i.name_key = ?1 OR i.index_key = ?2 OR (?5 IS NULL AND "        \
	  "i.index_number = ?2)) AND (?3 IS NULL OR "                                              \
	  "c.mission IN (SELECT mission FROM temp.scope)) AND s.added_on <= ?4 AND "               \
	  "c.reported <= ?4 ORDER BY c.ref_mission, c.year, c.seq, s.code")                        \
	/* Each in case_id order, for one merged pass (store_report.c), each a walk of a covering  \
	 * index (schema 11); a case to replay is read whole by the app. */                        \
	X(REPORT_CASES, /* ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped */                      \
	  "SELECT " DK_REPORT_NARROW_COLUMNS ", " DK_REPORT_CHANGED_SQL                            \
	  " FROM main.case_file c INDEXED BY case_file_report WHERE " DK_REPORT_WINDOW             \
	  " ORDER BY c.id")                                                                        \
	X(REPORT_VICTIM_COUNTS, /* ?1 as_of; index victim_case_report */                           \
	  "SELECT vc.case_id, count(*), sum(v.age = 'child') FROM victim_case vc "                 \
	  "JOIN victim v INDEXED BY victim_report ON v.id = vc.victim_id WHERE vc.added_on <= ?1 " \
	  "GROUP BY vc.case_id ORDER BY vc.case_id")                                               \
	X(REPORT_SUBJECT_COUNTS, /* ?1 as_of; index subject_report */                              \
	  "SELECT case_id, count(*) FROM subject WHERE added_on <= ?1 GROUP BY case_id ORDER BY "  \
	  "case_id")                                                                               \
	X(REPORT_REFERRALS, /* ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped */                  \
	  "SELECT " DK_REPORT_CASE_COLUMNS(                                                        \
	      "r.referred_on", "0") " FROM (SELECT case_id, max(on_date) AS referred_on FROM "     \
	                            "event WHERE kind = 'moved' AND state = 'referred' AND "       \
	                            "on_date <= ?1 GROUP BY case_id) r JOIN case_file c ON c.id "  \
	                            "= r.case_id " DK_REPORT_OWN_DEADLINES                         \
	                            " WHERE r.referred_on BETWEEN coalesce(?2, '0000-01-01') AND " \
	                            "coalesce(?3, '9999-12-31') AND " DK_REPORT_IN_SCOPE)          \
	/* The filter walks case_file_report (k); only the cases it keeps are read whole (c). */   \
	X(REPORT_FOLLOW_UP, /* ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped */                  \
	  "SELECT " DK_REPORT_CASE_COLUMNS(                                                        \
	      "NULL",                                                                              \
	      DK_REPORT_UNACTIONED) " FROM main.case_file k INDEXED BY case_file_report CROSS "    \
	                            "JOIN "                                                        \
	                            "main.case_file c ON c.id = k.id " DK_REPORT_OWN_DEADLINES     \
	                            " WHERE (k.last_event_on > ?1 OR k.state IN ('referred', "     \
	                            "'investigating', 'concluded', 'action') OR k.id IN "          \
	                            "(SELECT vc.case_id FROM "                                     \
	                            "victim_event e JOIN victim_case vc ON vc.victim_id "          \
	                            "= e.victim_id WHERE e.kind = "                                \
	                            "'paternity')) AND " DK_REPORT_WINDOW_OF("k"))                 \
	X(REPORT_PATERNITY,                                                                        \
	  "SELECT vc.case_id, e.victim_id, e.item, e.on_date FROM victim_event e JOIN "            \
	  "victim_case vc ON vc.victim_id = e.victim_id WHERE e.kind = 'paternity' AND e.on_date " \
	  "<= ?1 AND vc.added_on <= ?1 ORDER BY vc.case_id, e.victim_id, e.on_date, "              \
	  "e.recorded_at, e.gid")                                                                  \
	X(AUDIT_AT, "SELECT hash, signer, sig FROM audit WHERE id = ?1")                           \
	X(AUDIT_HEAD, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")                       \
	X(AUDIT_CHAIN, "SELECT id, at, account, action, case_gid, detail, prev, hash, signer, "    \
	               "sig FROM audit WHERE id >= ?1 ORDER BY id")                                \
	X(AUDIT_OWN_LAST, "SELECT id, hash FROM audit WHERE signer = ?1 ORDER BY id DESC LIMIT 1") \
	X(AUDIT_FIRST_ACTION, "SELECT min(id) FROM audit WHERE action = ?1")                       \
	X(AUTHORITY_GET, "SELECT sign_pk FROM authority WHERE one = 1")                            \
	X(AUTHORITY_SET, "INSERT INTO authority (one, sign_pk) VALUES (1, ?1)")                    \
	X(ACCOUNT_SIG_SET, "UPDATE account SET sig = ?2 WHERE id = ?1")                            \
	X(ACCOUNT_KEY_PUT,                                                                         \
	  "INSERT OR REPLACE INTO account_key (pk, account_gid, sig) VALUES (?1, ?2, ?3)")         \
	X(ACCOUNT_KEY_EACH,                                                                        \
	  "SELECT pk, account_gid, sig FROM account_key ORDER BY account_gid, pk")                 \
	X(GRANT_PUT,                                                                               \
	  "INSERT OR REPLACE INTO key_grant (account_gid, name, sealed) VALUES (?1, ?2, ?3)")      \
	X(GRANT_GET, "SELECT sealed FROM key_grant WHERE account_gid = ?1 AND name = ?2")          \
	X(GRANT_DROP, "DELETE FROM key_grant WHERE account_gid = ?1")                              \
	X(GRANT_DROP_NAME, "DELETE FROM key_grant WHERE account_gid = ?1 AND name = ?2")           \
	/* Need-to-know (store_fields.c). */                                                       \
	X(FIELDS_MK_GET, "SELECT gen FROM mission_key WHERE mission = ?1 AND class = ?2")          \
	X(FIELDS_MK_PUT,                                                                           \
	  "INSERT OR REPLACE INTO mission_key (mission, class, gen) VALUES (?1, ?2, ?3)")          \
	X(FIELDS_CK_OWNER,                                                                         \
	  "SELECT mission, gen, wrapped FROM content_key WHERE owner = ?1 AND class = ?2")         \
	X(FIELDS_CK_PUT, "INSERT OR REPLACE INTO content_key (owner, class, mission, gen, "        \
	                 "wrapped) VALUES (?1, ?2, ?3, ?4, ?5)")                                   \
	X(FIELDS_CK_DROP,                                                                          \
	  "DELETE FROM content_key WHERE owner = ?1 AND class = ?2 AND mission = ?3")              \
	X(FIELDS_VICTIM_GID, "SELECT gid FROM victim WHERE id = ?1")                               \
	X(REF_GET, "SELECT last FROM ref_counter WHERE mission = ?1 AND year = ?2")                \
	X(REF_INSERT, "INSERT INTO ref_counter (mission, year, last) VALUES (?1, ?2, 1)")          \
	X(REF_BUMP, "UPDATE ref_counter SET last = ?3 WHERE mission = ?1 AND year = ?2")           \
	X(CASE_INSERT,                                                                             \
	  "INSERT INTO case_file (gid, office, ref, mission, ref_mission, year, seq, "             \
	  "reported, incident, category, type, personnel, nationality, source, entity, "           \
	  "outcome, closure, urgent, state, state_since, last_event_on, summary) VALUES (?1, "     \
	  "?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "      \
	  "?19, ?20, ?21)")                                                                        \
	X(CASE_UPDATE,                                                                             \
	  "UPDATE case_file SET incident = ?2, category = ?3, type = ?4, "                         \
	  "personnel = ?5, nationality = ?6, source = ?7, entity = ?8, outcome = ?9, "             \
	  "closure = ?10, urgent = ?11, state = ?12, state_since = ?13, last_event_on = ?14, "     \
	  "summary = CASE WHEN ?17 THEN summary ELSE ?15 END, mission = ?16 WHERE id = ?1")        \
	X(CASE_GET, "SELECT " DK_CASE_COLUMNS " FROM case_file WHERE ref = ?1 AND (?2 IS NULL OR " \
	            "office = ?2) ORDER BY office")                                                \
	X(EVENT_APPEND,                                                                            \
	  "INSERT INTO event (gid, office, case_id, on_date, recorded_at, actor, "                 \
	  "kind, state, urgent, entity, field, value, note, data, previous, parents) VALUES (?1, " \
	  "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, coalesce(?16, x''))")     \
	X(EVENT_EACH,                                                                              \
	  "SELECT on_date, kind, actor, state, urgent, entity, field, dk_open(value), "            \
	  "dk_open(note), dk_open(previous), recorded_at FROM event WHERE case_id = ?1 ORDER BY "  \
	  "on_date, "                                                                              \
	  "recorded_at, gid")                                                                      \
	X(RULES, "SELECT id, start_event, length, unit, met_by, applies, warn_days FROM rule "     \
	         "ORDER BY position")                                                              \
	X(HOLIDAYS, "SELECT on_date FROM holiday WHERE mission = ?1 ORDER BY on_date")             \
	X(HOLIDAY_ADD, "INSERT INTO holiday (mission, on_date, name) VALUES (?1, ?2, ?3)")         \
	X(HOLIDAY_REMOVE, "DELETE FROM holiday WHERE mission = ?1 AND on_date = ?2")               \
	X(HOLIDAY_EACH, "SELECT mission, on_date, name FROM holiday WHERE ?1 IS NULL OR "          \
	                "mission = ?1 ORDER BY mission, on_date")                                  \
	X(RULE_UPDATE, "UPDATE rule SET length = ?2, warn_days = ?3 WHERE id = ?1")                \
	X(RULE_CASES, "SELECT DISTINCT case_id FROM deadline WHERE rule = ?1")                     \
	X(CASE_NEXT_DUE,                                                                           \
	  "UPDATE case_file SET next_due = coalesce((SELECT min(due) FROM "                        \
	  "deadline WHERE case_id = ?1 AND met_on IS NULL AND ended_on IS NULL), '9999-12-31') "   \
	  "WHERE id = ?1")                                                                         \
	X(DEADLINE_CLEAR, "DELETE FROM deadline WHERE case_id = ?1")                               \
	X(DEADLINE_INSERT,                                                                         \
	  "INSERT INTO deadline (case_id, rule, start, ref, due, original_due, "                   \
	  "met_on, extensions, known_until, victim, ended_on) VALUES (?1, ?2, ?3, ?4, ?5, "        \
	  "?6, ?7, ?8, ?9, ?10, ?11)")                                                             \
	X(MISSION_CASES, "SELECT id FROM case_file WHERE ?1 IS NULL OR mission = ?1")              \
	X(CASE_BY_ID, "SELECT " DK_CASE_COLUMNS " FROM case_file WHERE id = ?1")                   \
	X(EVENT_COUNT, "SELECT count(*) FROM event WHERE case_id = ?1")                            \
	X(AUDIT_LAST, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")                           \
	X(AUDIT_APPEND, "INSERT INTO audit (id, at, account, action, case_gid, detail, prev, "     \
	                "hash, signer, sig) "                                                      \
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                        \
	X(AUDIT_MAXID, "SELECT coalesce(max(id), 0) FROM audit")                                   \
	X(AUDIT_COUNT, "SELECT count(*) FROM audit")                                               \
	/* Case seals (store_seal.c); each state query by the case id at ?1, in row order. */      \
	X(SEAL_STATE_CASE, "SELECT " DK_SEAL_CASE_COLUMNS " FROM main.case_file WHERE id = ?1")    \
	X(SEAL_STATE_SUBJECTS,                                                                     \
	  "SELECT s.id, s.gid, s.office, s.code, s.case_id, s.personnel, s.nationality, "          \
	  "s.added_on, s.recorded_at, s.actor, i.name, i.name_key, i.index_number, i.unit FROM "   \
	  "subject s LEFT JOIN subject_identity i ON i.subject_id = s.id WHERE s.case_id = ?1 "    \
	  "ORDER BY s.id")                                                                         \
	X(SEAL_STATE_ACTIONS,                                                                      \
	  "SELECT a.id, a.gid, a.office, a.subject_id, a.on_date, a.recorded_at, a.actor, "        \
	  "a.action, a.interim FROM subject_action a JOIN subject s ON s.id = a.subject_id "       \
	  "WHERE s.case_id = ?1 ORDER BY a.id")                                                    \
	X(SEAL_STATE_LINKS, "SELECT victim_id, case_id, added_on FROM victim_case "                \
	                    "WHERE case_id = ?1 ORDER BY victim_id")                               \
	X(SEAL_STATE_VICTIMS,                                                                      \
	  "SELECT v.id, v.gid, v.office, v.code, v.sex, v.age, v.added_on, v.recorded_at, "        \
	  "i.name, i.contact FROM victim_case vc JOIN victim v ON v.id = vc.victim_id LEFT JOIN "  \
	  "victim_identity i ON i.victim_id = v.id WHERE vc.case_id = ?1 ORDER BY v.id")           \
	X(SEAL_STATE_VICTIM_EVENTS,                                                                \
	  "SELECT id, gid, office, victim_id, case_id, on_date, recorded_at, actor, kind, item, "  \
	  "status, provider, consent, note FROM victim_event WHERE victim_id IN (SELECT "          \
	  "victim_id FROM victim_case WHERE case_id = ?1) ORDER BY id")                            \
	X(SEAL_EVENTS,                                                                             \
	  "SELECT id, gid, office, case_id, on_date, recorded_at, actor, kind, state, urgent, "    \
	  "entity, field, value, note, previous, data, parents FROM event WHERE case_id = ?1 "     \
	  "ORDER BY id LIMIT ?3 OFFSET ?2")                                                        \
	X(SEAL_CASE_GID, "SELECT gid FROM main.case_file WHERE id = ?1")                           \
	X(SEAL_LAST, "SELECT audit_id, events, chain, state FROM case_seal WHERE case_gid = ?1 "   \
	             "ORDER BY audit_id DESC LIMIT 1")                                             \
	X(SEAL_PUT, "INSERT INTO case_seal (case_gid, audit_id, events, chain, state, restart) "   \
	            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")                                             \
	X(SEAL_TOUCHED, "SELECT case_id FROM temp.touched ORDER BY case_id")                       \
	X(SEAL_OF_ENTRY, "SELECT audit_id, events, chain, state, case_gid FROM case_seal "         \
	                 "WHERE audit_id = ?1")                                                    \
	X(SEAL_STRAY,                                                                              \
	  "SELECT case_gid, audit_id, NOT EXISTS (SELECT 1 FROM audit a WHERE a.id = s.audit_id "  \
	  "AND a.action = 'seal') FROM case_seal s WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE " \
	  "a.id = s.audit_id AND a.action = 'seal') OR NOT EXISTS (SELECT 1 FROM main.case_file "  \
	  "c WHERE c.gid = s.case_gid) LIMIT 1")                                                   \
	/* Each naming by ?1 in a case of the window, by victim: three covering indexes. */        \
	X(REPORT_VICTIM_CASES, /* ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped; each by victim  \
	                        */                                                                 \
	  "SELECT vc.victim_id, v.sex, v.age, c.id, c.ref, c.mission, "                            \
	  "c.outcome, " DK_REPORT_CHANGED_SQL                                                      \
	  " FROM victim_case vc CROSS JOIN victim v INDEXED BY victim_report "                     \
	  "CROSS JOIN main.case_file c INDEXED BY case_file_report WHERE v.id = vc.victim_id AND " \
	  "c.id = vc.case_id AND vc.added_on <= ?1 AND " DK_REPORT_WINDOW " ORDER BY "             \
	  "vc.victim_id, vc.case_id")                                                              \
	X(REPORT_ASSISTANCE, /* ?1 as_of; index victim_event_assistance */                         \
	  "SELECT victim_id, item, status FROM victim_event WHERE kind = 'assistance' AND "        \
	  "on_date <= ?1 ORDER BY victim_id, item, on_date, recorded_at, gid")                     \
	X(REPORT_VICTIM_PATERNITY, /* ?1 as_of; index victim_event_paternity */                    \
	  "SELECT victim_id, item, NULL FROM victim_event WHERE kind = 'paternity' AND on_date "   \
	  "<= ?1 ORDER BY victim_id, on_date, recorded_at, gid")                                   \
	/* The window's cases, their subjects, their actions, by case: three covering indexes. */  \
	X(REPORT_ACTIONS, /* ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped */                    \
	  "SELECT c.id, c.ref, c.mission, c.outcome, " DK_REPORT_CHANGED_SQL ", s.personnel, "     \
	  "a.action, a.interim FROM main.case_file c INDEXED BY case_file_report CROSS JOIN "      \
	  "subject s "                                                                             \
	  "INDEXED BY subject_report CROSS JOIN subject_action a INDEXED BY "                      \
	  "subject_action_report "                                                                 \
	  "WHERE s.case_id = c.id AND s.added_on <= ?1 AND a.subject_id = s.id AND "               \
	  "a.on_date <= ?1 AND " DK_REPORT_WINDOW " ORDER BY c.id")                                \
	X(MISSION_ADD, "INSERT INTO mission (code, name, country) VALUES (?1, ?2, ?3)")            \
	X(MISSION_CLOSE,                                                                           \
	  "UPDATE mission SET closed_on = ?2 WHERE code = ?1 AND closed_on IS NULL")               \
	X(MISSION_EACH,                                                                            \
	  "SELECT code, name, country, closed_on, CASE WHEN ?3 IS NULL THEN 0 ELSE "               \
	  "(SELECT count(*) FROM case_file c WHERE c.mission = m.code AND c.reported <= ?1 "       \
	  "AND (?2 IS NULL OR c.mission IN (SELECT mission FROM temp.scope))) END FROM "           \
	  "mission m ORDER BY code")                                                               \
	X(OFFICE_INSERT_SELF,                                                                      \
	  "INSERT INTO office (gid, name, trust, sign_pk, box_pk, sign_sk, box_sk, trusted_on) "   \
	  "VALUES (?1, ?2, 2, ?3, ?4, ?5, ?6, ?7)")                                                \
	X(OFFICE_GET, "SELECT " DK_OFFICE_COLUMNS " FROM office WHERE gid = ?1")                   \
	X(OFFICE_BY_NAME,                                                                          \
	  "SELECT " DK_OFFICE_COLUMNS " FROM office WHERE name = ?1 COLLATE NOCASE "               \
	  "ORDER BY trust DESC, gid LIMIT 1")                                                      \
	X(OFFICE_SELF, "SELECT " DK_OFFICE_COLUMNS " FROM office WHERE trust = 2")                 \
	X(OFFICE_SECRETS, "SELECT sign_sk, box_sk FROM office WHERE trust = 2")                    \
	X(OFFICE_TRUST_UPDATE,                                                                     \
	  "UPDATE office SET name = ?2, trust = 1, sign_pk = ?3, box_pk = ?4, trusted_on = ?5, "   \
	  "broken = NULL WHERE gid = ?1 AND trust < 2")                                            \
	X(OFFICE_TRUST_INSERT,                                                                     \
	  "INSERT INTO office (gid, name, trust, sign_pk, box_pk, trusted_on) "                    \
	  "VALUES (?1, ?2, 1, ?3, ?4, ?5)")                                                        \
	X(OFFICE_UNTRUST, "UPDATE office SET trust = 0 WHERE gid = ?1 AND trust = 1")              \
	X(OFFICE_EACH, "SELECT " DK_OFFICE_COLUMNS ", head_id, head_hash, broken FROM office "     \
	               "ORDER BY trust = 2 DESC, name COLLATE NOCASE, name, gid")

/* The columns of an office row (dk_store_office_row), in its order. */
#define DK_OFFICE_COLUMNS "gid, name, trust, sign_pk, box_pk"

/* The columns of an account row, missions comma-joined in order. */
#define DK_ACCOUNT_COLUMNS                                                                         \
	"id, gid, name, role, created_at, removed_at, (SELECT group_concat(mission, ',') FROM "    \
	"(SELECT mission FROM account_mission WHERE account_id = account.id ORDER BY mission)), "  \
	"sig"

/* A connection's mission scope: in memory (temp_store), never in the database file. */
#define SCOPE_TABLE_SQL "CREATE TEMP TABLE IF NOT EXISTS scope (mission TEXT PRIMARY KEY)"

/*
 * Whether case c has an event after ?1 that changes what it reads as of ?1
 * (created, moved or set: notes, extensions and victims' events change
 * nothing of it), with the terms `also`. Index event_change.
 */
#define DK_REPORT_CHANGE_AFTER_OF(t, also)                                                         \
	"(" t ".last_event_on > ?1 AND EXISTS (SELECT 1 FROM event e WHERE e.case_id = " t         \
	".id AND e.on_date > ?1 AND e.kind IN ('created', 'moved', 'set')" also "))"
#define DK_REPORT_CHANGE_AFTER(also) DK_REPORT_CHANGE_AFTER_OF("c", also)
/* Changed after ?1: the app replays it. */
#define DK_REPORT_CHANGED_SQL DK_REPORT_CHANGE_AFTER("")
/* Its mission changed after ?1: the scope is the app's to judge; otherwise its mission now. */
#define DK_REPORT_RELOCATED_SQL DK_REPORT_CHANGE_AFTER(" AND e.field = 'mission'")
/*
 * Case t reported in the window [?2, ?3] by ?1, of office ?6 (report --office:
 * these read main.case_file by index, not the office's temp view), in the
 * scope and --mission (?4) by its mission now, or relocated after ?1 (the
 * app judges it).
 */
#define DK_REPORT_WINDOW_OF(t)                                                                     \
	t ".reported BETWEEN coalesce(?2, '0000-01-01') AND min(?1, coalesce(?3, '9999-12-31')) "  \
	  "AND (?6 IS NULL OR " t ".office = ?6) AND ((?4 IS NULL OR " t ".mission = ?4) AND (?5 " \
	  "IS NULL OR " t                                                                          \
	  ".mission IN (SELECT mission FROM temp.scope)) OR " DK_REPORT_CHANGE_AFTER_OF(           \
	      t, " AND e.field = 'mission'") ")"
#define DK_REPORT_WINDOW DK_REPORT_WINDOW_OF("c")
/*
 * What case_file_report holds, where dk_store_case_row reads it (NULL or 0
 * for the rest): a case as the reports count it, without its table row.
 */
#define DK_REPORT_NARROW_COLUMNS                                                                   \
	"c.id, NULL, NULL, c.ref, c.mission, 0, 0, c.reported, NULL, c.category, c.type, "         \
	"c.personnel, c.nationality, c.source, c.entity, c.outcome, NULL, 0, c.state, NULL, "      \
	"c.last_event_on, NULL, NULL"

/* DK_CASE_COLUMNS of a table under an alias, in the same order. */
#define DK_CASE_COLUMNS_OF(t)                                                                      \
	t ".id, " t ".gid, " t ".office, " t ".ref, " t ".mission, " t ".year, " t ".seq, " t      \
	  ".reported, " t ".incident, " t ".category, " t ".type, " t ".personnel, " t             \
	  ".nationality, " t ".source, " t ".entity, " t ".outcome, " t ".closure, " t             \
	  ".urgent, " t ".state, " t ".state_since, " t ".last_event_on, dk_open(" t               \
	  ".summary), " t ".next_due"

/*
 * The reports' rows of a case with its own deadlines: the case (c) as
 * dk_store_case_row reads it, its summary and next_due left unread; the
 * referral date and the unactioned subjects (expressions); one row per
 * deadline of a case rule (d), or one with NULLs when it has none.
 */
#define DK_REPORT_CASE_COLUMNS(referred_on, unactioned)                                            \
	"c.id, c.gid, c.office, c.ref, c.mission, c.year, c.seq, c.reported, c.incident, "         \
	"c.category, c.type, c.personnel, c.nationality, c.source, c.entity, c.outcome, "          \
	"c.closure, c.urgent, c.state, c.state_since, c.last_event_on, NULL, NULL, " referred_on   \
	", " unactioned ", " DK_REPORT_DEADLINES_CHANGED_SQL ", d.rule, d.start, d.due, "          \
	"d.original_due, d.met_on, d.ended_on, d.extensions"
/*
 * Its own deadlines changed after ?1 (a move, a set or an extension): the app
 * replays it. Victims' events never touch a case's own deadlines, so without
 * these the stored rows are its deadlines as of ?1.
 */
#define DK_REPORT_DEADLINES_CHANGED_SQL                                                            \
	"(" DK_REPORT_CHANGED_SQL " OR (c.last_event_on > ?1 AND EXISTS (SELECT 1 FROM event x "   \
	"WHERE x.case_id = c.id AND x.on_date > ?1 AND x.kind = 'extended')))"
#define DK_REPORT_OWN_DEADLINES "LEFT JOIN deadline d ON d.case_id = c.id AND d.victim = ''"
/*
 * Follow-up: the subjects added by as_of with no final action by then,
 * counted only where it can matter (a concluded case, or one to replay).
 */
#define DK_REPORT_UNACTIONED                                                                       \
	"CASE WHEN c.last_event_on > ?1 OR c.state IN ('concluded', 'action') THEN (SELECT "       \
	"count(*) FROM subject s WHERE s.case_id = c.id AND s.added_on <= ?1 AND NOT EXISTS "      \
	"(SELECT 1 FROM subject_action a WHERE a.subject_id = s.id AND a.interim = 0 AND "         \
	"a.on_date <= ?1)) ELSE 0 END"
/* Stored rows keep to the scope; a case relocated after as_of is the app's to judge. */
#define DK_REPORT_IN_SCOPE                                                                         \
	"(" DK_REPORT_RELOCATED_SQL " OR ((?4 IS NULL OR c.mission = ?4) AND (?5 IS NULL OR "      \
	"c.mission IN (SELECT mission FROM temp.scope))))"

/* The columns of a case's row its seal covers: all but id and next_due (derived). */
#define DK_SEAL_CASE_COLUMNS                                                                       \
	"gid, office, ref, mission, year, seq, reported, incident, category, type, personnel, "    \
	"nationality, source, entity, outcome, closure, urgent, state, state_since, "              \
	"last_event_on, summary, ref_mission, conflict"

/* Creates the connection's record of the cases each transaction writes (store_seal.c). */
int dk_store_seal_setup(struct dk_store *s);
/* Drops its triggers for a bulk load, which records its cases with dk_store_touch_case. */
int dk_store_seal_pause(struct dk_store *s);
int dk_store_touch_case(struct dk_store *s, int64_t case_id);

/* The columns dk_store_case_row() reads, in its order. */
#define DK_CASE_COLUMNS                                                                            \
	"id, gid, office, ref, mission, year, seq, reported, incident, category, type, "           \
	"personnel, nationality, source, entity, outcome, closure, urgent, state, "                \
	"state_since, last_event_on, dk_open(summary), next_due"
#define DK_CASE_NCOLUMNS 23

enum dk_stmt_id {
#define DK_STMT_ENUM(name, sql) DK_STMT_##name,
	DK_STMT_LIST(DK_STMT_ENUM) DK_STMT_EXCHANGE_LIST(DK_STMT_ENUM)
#undef DK_STMT_ENUM
	    DK_STMT_COUNT
};

struct dk_store {
	sqlite3 *db;
	sqlite3_stmt *stmts[DK_STMT_COUNT];
	bool in_tx;
	bool scoped; /* listings keep to the missions in temp.scope */
	/* The office reads keep to (dk_store_office_filter), and whether a read has it on:
	 * then a temp view case_file shows its cases only and office_sql is
	 * " AND office = X'…'" for the scans that name main.case_file ("" otherwise). */
	bool office_filtered, office_view;
	unsigned char office[DK_GID_LEN];
	char office_sql[64];
	bool opened;        /* the open went through: a checkpoint on close is safe */
	bool commit_unsure; /* the last COMMIT failed making the WAL durable: it may yet appear */
	/* The session's Ed25519 key signing each audit entry (the caller's memory); NULL: unsigned.
	 */
	const struct dk_secret *signer;
	unsigned char signer_pk[32];
	/* Need-to-know (store_fields.c): the held mission keys and the content key cache. */
	struct dk_fields *fields;
	bool sealing;                  /* binds seal (meta "fields" is "sealed") */
	bool seal_restart;             /* this transaction's seals restart their chains */
	unsigned long fields_unopened; /* sealed fields that did not authenticate */
};

/* Registers dk_open() and dk_seal() on the connection and reads whether fields are sealed. */
int dk_store_fields_setup(struct dk_store *s);
/* Whether the session can seal (and open) owner's fields of class cls: it has its content key. */
bool dk_store_fields_can_seal(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                              enum dk_field_class cls);
/* Wipes and frees the held keys and the content key cache. */
void dk_store_fields_free(struct dk_store *s);
/* What a content key's wrapping is bound to: "<owner hex> <class> <mission> <gen>". */
#define DK_FIELDS_WHAT_MAX (2 * DK_GID_LEN + 24 + DK_MISSION_MAX + 24)
void dk_store_fields_what(char *out, size_t size, const unsigned char owner[DK_GID_LEN], int cls,
                          const char *mission, long long gen);
/* Writes owner's content key ck wrapped under the mission key mk of (mission, cls, gen). */
enum dk_rc dk_store_fields_wrap_put(struct dk_store *s, const unsigned char owner[DK_GID_LEN],
                                    int cls, const char *mission, long long gen,
                                    const struct dk_secret *mk, const struct dk_secret *ck,
                                    struct dk_err *err) __attribute__((warn_unused_result));

/* Returns err's code (or DK_IO) when a statement could not be had. */
#define FAIL_IF_NULL(st, err)                                                                      \
	do {                                                                                       \
		if ((st) == NULL)                                                                  \
			return (err) != NULL ? (err)->rc : DK_IO;                                  \
	} while (0)

/* The cached statement, reset and with its bindings cleared; NULL on error (err set). */
sqlite3_stmt *dk_store_stmt(struct dk_store *s, enum dk_stmt_id id, struct dk_err *err);

/* Reads the current row of st into out (a struct the caller chose). */
typedef void (*dk_store_row_reader)(sqlite3_stmt *st, void *out);

/*
 * Gets one row: runs cached statement id with one argument per letter of
 * binds, from ?1 ('t' const char * text, 'i' int, 'I' int64_t, 'g' a gid:
 * DK_GID_LEN bytes, 'k' a 32-byte key), and passes
 * the row, if one comes, to read(st, out). *found (may be NULL) says whether
 * one came; no row is not an error. Fails as dk_store_fail(doing).
 */
enum dk_rc dk_store_row(struct dk_store *s, enum dk_stmt_id id, dk_store_row_reader read, void *out,
                        bool *found, const char *doing, struct dk_err *err, const char *binds, ...);

/* Row readers for column 0: an integer into the int64_t at out, or a malloc'd string
 * (NULL for NULL) into the char * at out. */
void dk_store_read_int64(sqlite3_stmt *st, void *out);
void dk_store_read_text(sqlite3_stmt *st, void *out);

/* Maps the connection's last SQLite error to a docket code and a message without SQL. */
enum dk_rc dk_store_fail(struct dk_store *s, const char *doing, struct dk_err *err);
/* The same for a commit whose sync failed: the change may still appear. */
enum dk_rc dk_store_fail_unsure(struct dk_store *s, const char *doing, struct dk_err *err);

/* Binds text, or NULL when v is NULL or "". */
int dk_store_bind_opt_text(sqlite3_stmt *st, int i, const char *v);

/* Binds a report's query: ?1 as_of, ?2 from, ?3 to, ?4 mission, ?5 scoped (1, or NULL). */
void dk_store_bind_report_query(struct dk_store *s, sqlite3_stmt *st,
                                const struct dk_report_case_query *q);

/* Binds a date as YYYY-MM-DD, or NULL for DK_DATE_NONE. */
int dk_store_bind_date(sqlite3_stmt *st, int i, dk_date d);

/* Reads a YYYY-MM-DD column; DK_DATE_NONE when NULL or malformed. */
dk_date dk_store_column_date(sqlite3_stmt *st, int i);

/* Binds a row's gid and office blobs at ?1 and ?2. */
void dk_store_bind_gid_office(sqlite3_stmt *st, const unsigned char *gid,
                              const unsigned char *office);

/* Steps an insert and resets it; a unique code or gid already taken is DK_EXISTS. */
enum dk_rc dk_store_step_insert(struct dk_store *s, sqlite3_stmt *st, const char *doing,
                                struct dk_err *err);

/* Copies a text column (NULL as "", truncated to size) or a blob column (zero-padded). */
void dk_store_copy_text(char *dst, size_t size, sqlite3_stmt *st, int col);
void dk_store_copy_blob(unsigned char *dst, size_t size, sqlite3_stmt *st, int col);

/* A text column as a malloc'd string; NULL for NULL. */
char *dk_store_column_dup(sqlite3_stmt *st, int col);

/*
 * Merges a case's victim facts (named in it, informed) into its event facts
 * by date, then recording time (recorded[i] is facts[i]'s), the case's own
 * event first when both were recorded at the same instant; each takes the
 * case's state from the fact before it. *facts is a malloc'd array of *n
 * items, *cap allocated.
 */
#define DK_RECORDED_MAX 32 /* "2026-01-15T10:00:00.123456Z" and NUL */
enum dk_rc dk_store_merge_victim_facts(struct dk_store *s, int64_t case_id, struct dk_fact **facts,
                                       const char (*recorded)[DK_RECORDED_MAX], size_t *n,
                                       size_t *cap, struct dk_err *err)
    __attribute__((warn_unused_result));

/*
 * What an open is for, as its errors say it: opening and upgrading a
 * database, or writing a backup (whose fresh copy is "upgraded" too).
 */
struct dk_open_purpose {
	const char *opening;   /* N_() */
	const char *upgrading; /* N_() */
};

/* Creates and keys a new database at path (DK_EXISTS if anything is there), migrated. */
enum dk_rc dk_store_create_keyed(const char *path, const struct dk_secret *data_key,
                                 const struct dk_open_purpose *purpose, struct dk_store **out,
                                 struct dk_err *err) __attribute__((warn_unused_result));

/* Checkpoints the WAL into the file and leaves WAL mode, failing as `doing`. */
enum dk_rc dk_store_fold_as(struct dk_store *s, const char *doing, struct dk_err *err);

/*
 * Runs sql and checks its first row's first column: it must equal expect
 * (NULL: there must be no row). DK_CORRUPT naming `what` otherwise.
 */
enum dk_rc dk_store_check_first_row(struct dk_store *s, const char *sql, const char *expect,
                                    const char *what, struct dk_err *err);

/*
 * Steps a case query (DK_CASE_COLUMNS, maybe a next status after), passing each row to
 * fn; then finalizes st (owned: prepared for this call) or resets it (a cached one).
 */
enum dk_rc dk_store_each_case(struct dk_store *s, sqlite3_stmt *st, bool owned,
                              bool (*fn)(const struct dk_case *c, void *ctx), void *ctx,
                              const char *doing, struct dk_err *err);

/* Fills the struct dk_case at out from a row of DK_CASE_COLUMNS (a dk_store_row_reader). */
void dk_store_case_row(sqlite3_stmt *st, void *out);

/* Inserts a case's deadlines, clearing nothing (deadlines_replace clears first; a bulk load has
 * none). */
enum dk_rc dk_store_deadlines_insert(struct dk_store *s, int64_t case_id, const char *ref,
                                     dk_date known_until, const struct dk_deadline *d, size_t n,
                                     struct dk_err *err);

/* Binds a case's fields from incident to summary at ?first onwards (insert, update, bulk). */
void dk_store_bind_case_fields(sqlite3_stmt *st, int first, const struct dk_case *c);
/* Binds its summary sealed (dk_store_bind_sealed) where dk_store_bind_case_fields put it. */
enum dk_rc dk_store_bind_case_summary(struct dk_store *s, sqlite3_stmt *st, int first,
                                      const struct dk_case *c, struct dk_err *err)
    __attribute__((warn_unused_result));
/* Its text, NULL when NULL or "" (as dk_store_bind_opt_text binds them). */
const char *dk_store_opt(const char *text);

/*
 * Binds text (NULL stays NULL) at parameter idx of st: sealed for owner under
 * its content key of class cls when sealing is on (DK_DENIED when the
 * session holds no key for it), as it is before the upgrade.
 */
enum dk_rc dk_store_bind_sealed(struct dk_store *s, sqlite3_stmt *st, int idx,
                                const unsigned char owner[DK_GID_LEN], enum dk_field_class cls,
                                const char *text, struct dk_err *err)
    __attribute__((warn_unused_result));

#endif
