/*
 * The exchange's statements (store_exchange.c), a list of their own so the
 * bundle's record layouts sit together: each export SELECT yields a
 * record's fields in the order its import INSERT binds them (?1, ?2, ...).
 * The cases a bundle carries are in temp.export_case; ?20 is the
 * recipient's office gid, ?21 1 for --all.
 */
#ifndef DOCKET_STORE_EXCHANGE_SQL_H
#define DOCKET_STORE_EXCHANGE_SQL_H

/* Not yet sent to ?20, and not written by it (it has them). */
#define UNSENT(t)                                                                                  \
	"(" t ".office <> ?20 AND (?21 = 1 OR NOT EXISTS (SELECT 1 FROM sent WHERE peer = ?20 "    \
	"AND gid = " t ".gid)))"
#define EXPORT_CASES "(SELECT id FROM temp.export_case)"
#define EXPORT_VICTIMS "(SELECT victim_id FROM victim_case WHERE case_id IN " EXPORT_CASES ")"
#define EXPORT_MISSIONS                                                                            \
	"(SELECT mission FROM case_file WHERE id IN " EXPORT_CASES                                 \
	" UNION SELECT ref_mission FROM case_file WHERE id IN " EXPORT_CASES ")"
#define VICTIM_EVENTS_OUT                                                                          \
	"e.victim_id IN " EXPORT_VICTIMS " AND (e.case_id IS NULL OR e.case_id IN " EXPORT_CASES   \
	") AND " UNSENT("e")
#define SUBJECT_ACTIONS_OUT "s.case_id IN " EXPORT_CASES " AND " UNSENT("a")

#define DK_STMT_EXCHANGE_LIST(X)                                                                   \
	X(EXPORT_TABLE, "CREATE TEMP TABLE IF NOT EXISTS export_case (id INTEGER PRIMARY KEY)")    \
	X(EXPORT_CLEAR, "DELETE FROM temp.export_case")                                            \
	/* ?1 mission (NULL: any), ?2 scoped, ?20 peer, ?21 all */                                 \
	X(EXPORT_SELECT,                                                                           \
	  "INSERT INTO temp.export_case SELECT c.id FROM case_file c WHERE (?1 IS NULL OR "        \
	  "c.mission = ?1) AND (?2 IS NULL OR c.mission IN (SELECT mission FROM temp.scope)) "     \
	  "AND (?21 = 1 OR EXISTS (SELECT 1 FROM event e WHERE e.case_id = c.id AND " UNSENT(      \
	      "e") ") OR EXISTS (SELECT 1 FROM victim_event e WHERE e.victim_id IN (SELECT "       \
	           "victim_id "                                                                    \
	           "FROM victim_case WHERE case_id = c.id) AND (e.case_id IS NULL OR e.case_id = " \
	           "c.id) "                                                                        \
	           "AND " UNSENT(                                                                  \
	               "e") ") OR EXISTS (SELECT 1 FROM subject_action a JOIN subject s ON "       \
	                    "s.id = a.subject_id WHERE s.case_id = c.id AND " UNSENT("a") "))")    \
	X(EXPORT_OFFICES, "SELECT gid, name FROM office ORDER BY gid")                             \
	X(EXPORT_MISSIONS_OUT,                                                                     \
	  "SELECT code, name, country, closed_on FROM mission WHERE code IN " EXPORT_MISSIONS      \
	  " ORDER BY code")                                                                        \
	X(EXPORT_HOLIDAYS,                                                                         \
	  "SELECT mission, on_date, name FROM holiday WHERE mission IN " EXPORT_MISSIONS           \
	  " ORDER BY mission, on_date")                                                            \
	X(EXPORT_CASES_OUT,                                                                        \
	  "SELECT gid, office, ref, ref_mission, mission, year, seq, reported, incident, "         \
	  "category, type, personnel, nationality, source, entity, outcome, closure, urgent, "     \
	  "state, state_since, last_event_on, dk_open(summary) FROM case_file WHERE id "           \
	  "IN " EXPORT_CASES " ORDER BY gid")                                                      \
	X(EXPORT_EVENTS,                                                                           \
	  "SELECT e.gid, e.office, c.gid, e.on_date, e.recorded_at, e.actor, e.kind, e.state, "    \
	  "e.urgent, e.entity, e.field, dk_open(e.value), dk_open(e.note), dk_open(e.previous), "  \
	  "dk_open(e.data), e.parents FROM "                                                       \
	  "event e JOIN case_file c ON c.id = e.case_id WHERE e.case_id IN " EXPORT_CASES          \
	  " AND " UNSENT("e") " ORDER BY e.case_id, e.on_date, e.recorded_at, e.gid")              \
	X(EXPORT_VICTIMS_OUT, "SELECT v.gid, v.office, v.code, v.sex, v.age, v.added_on, "         \
	                      "v.recorded_at, dk_open(i.name), "                                   \
	                      "dk_open(i.contact) FROM victim v LEFT JOIN victim_identity i ON "   \
	                      "i.victim_id = v.id WHERE v.id "                                     \
	                      "IN " EXPORT_VICTIMS " ORDER BY v.gid")                              \
	X(EXPORT_LINKS,                                                                            \
	  "SELECT v.gid, c.gid, vc.added_on FROM victim_case vc JOIN victim v ON v.id = "          \
	  "vc.victim_id JOIN case_file c ON c.id = vc.case_id WHERE vc.case_id IN " EXPORT_CASES)  \
	X(EXPORT_VICTIM_EVENTS,                                                                    \
	  "SELECT e.gid, e.office, v.gid, c.gid, e.on_date, e.recorded_at, e.actor, e.kind, "      \
	  "e.item, e.status, dk_open(e.provider), e.consent, dk_open(e.note) FROM victim_event e " \
	  "JOIN victim v ON "                                                                      \
	  "v.id = e.victim_id LEFT JOIN case_file c ON c.id = e.case_id WHERE " VICTIM_EVENTS_OUT  \
	  " ORDER BY e.victim_id, e.on_date, e.recorded_at, e.gid")                                \
	X(EXPORT_SUBJECTS,                                                                         \
	  "SELECT s.gid, s.office, s.code, c.gid, s.personnel, s.nationality, s.added_on, "        \
	  "s.recorded_at, s.actor, dk_open(i.name), i.name_key, dk_open(i.index_number), "         \
	  "dk_open(i.unit) FROM subject s "                                                        \
	  "JOIN case_file c ON c.id = s.case_id LEFT JOIN subject_identity i ON i.subject_id = "   \
	  "s.id WHERE s.case_id IN " EXPORT_CASES " ORDER BY s.gid")                               \
	X(EXPORT_SUBJECT_ACTIONS,                                                                  \
	  "SELECT a.gid, a.office, s.gid, a.on_date, a.recorded_at, a.actor, a.action, a.interim " \
	  "FROM subject_action a JOIN subject s ON s.id = a.subject_id WHERE " SUBJECT_ACTIONS_OUT \
	  " ORDER BY a.subject_id, a.on_date, a.recorded_at, a.gid")                               \
	X(EXPORT_AUDIT, "SELECT id, prev, hash FROM audit WHERE id > ?1 ORDER BY id")              \
	X(EXPORT_SENT_EVENTS, "INSERT OR IGNORE INTO sent SELECT ?20, e.gid FROM event e WHERE "   \
	                      "e.case_id IN " EXPORT_CASES " AND " UNSENT("e"))                    \
	X(EXPORT_SENT_VICTIM_EVENTS, "INSERT OR IGNORE INTO sent SELECT ?20, e.gid FROM "          \
	                             "victim_event e WHERE " VICTIM_EVENTS_OUT)                    \
	X(EXPORT_SENT_SUBJECT_ACTIONS,                                                             \
	  "INSERT OR IGNORE INTO sent SELECT ?20, a.gid FROM subject_action a JOIN subject s ON "  \
	  "s.id = a.subject_id WHERE " SUBJECT_ACTIONS_OUT)                                        \
	X(IMPORT_OFFICE, "INSERT OR IGNORE INTO office (gid, name, trust) VALUES (?1, ?2, 0)")     \
	X(IMPORT_MISSION, "INSERT OR IGNORE INTO mission (code, name, country, closed_on) VALUES " \
	                  "(?1, ?2, ?3, ?4)")                                                      \
	X(IMPORT_HOLIDAY,                                                                          \
	  "INSERT OR IGNORE INTO holiday (mission, on_date, name) VALUES (?1, ?2, ?3)")            \
	X(IMPORT_CASE,                                                                             \
	  "INSERT INTO case_file (gid, office, ref, ref_mission, mission, year, seq, reported, "   \
	  "incident, category, type, personnel, nationality, source, entity, outcome, closure, "   \
	  "urgent, state, state_since, last_event_on, summary) SELECT ?1, ?2, ?3, ?4, ?5, ?6, "    \
	  "?7, "                                                                                   \
	  "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22 WHERE NOT "     \
	  "EXISTS (SELECT 1 FROM case_file WHERE gid = ?1)")                                       \
	X(IMPORT_EVENT,                                                                            \
	  "INSERT INTO event (gid, office, case_id, on_date, recorded_at, actor, kind, state, "    \
	  "urgent, entity, field, value, note, previous, data, parents) SELECT ?1, ?2, c.id, ?4, " \
	  "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16 FROM case_file c WHERE c.gid = "  \
	  "?3 AND NOT EXISTS (SELECT 1 FROM event WHERE gid = ?1)")                                \
	X(IMPORT_VICTIM,                                                                           \
	  "INSERT INTO victim (gid, office, code, sex, age, added_on, recorded_at) SELECT ?1, "    \
	  "?2, "                                                                                   \
	  "?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM victim WHERE gid = ?1)")             \
	X(IMPORT_VICTIM_IDENTITY,                                                                  \
	  "INSERT OR IGNORE INTO victim_identity (victim_id, name, contact) SELECT id, ?8, ?9 "    \
	  "FROM victim WHERE gid = ?1 AND (?8 IS NOT NULL OR ?9 IS NOT NULL)")                     \
	X(IMPORT_LINK, "INSERT OR IGNORE INTO victim_case (victim_id, case_id, added_on) SELECT "  \
	               "v.id, c.id, ?3 "                                                           \
	               "FROM victim v, case_file c WHERE v.gid = ?1 AND c.gid = ?2")               \
	X(IMPORT_VICTIM_EVENT,                                                                     \
	  "INSERT INTO victim_event (gid, office, victim_id, case_id, on_date, recorded_at, "      \
	  "actor, kind, item, status, provider, consent, note) SELECT ?1, ?2, v.id, (SELECT id "   \
	  "FROM case_file WHERE gid = ?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 FROM victim v "  \
	  "WHERE v.gid = ?3 AND (?4 IS NULL OR EXISTS (SELECT 1 FROM case_file WHERE gid = ?4)) "  \
	  "AND NOT EXISTS (SELECT 1 FROM victim_event WHERE gid = ?1)")                            \
	X(IMPORT_SUBJECT,                                                                          \
	  "INSERT INTO subject (gid, office, code, case_id, personnel, nationality, added_on, "    \
	  "recorded_at, actor) SELECT ?1, ?2, ?3, c.id, ?5, ?6, ?7, ?8, ?9 FROM case_file c "      \
	  "WHERE c.gid = ?4 AND NOT EXISTS (SELECT 1 FROM subject WHERE gid = ?1)")                \
	X(IMPORT_SUBJECT_IDENTITY, "INSERT OR IGNORE INTO subject_identity (subject_id, name, "    \
	                           "name_key, index_number, index_key, "                           \
	                           "unit) SELECT id, ?10, ?11, ?12, ?14, ?13 FROM subject WHERE "  \
	                           "gid = ?1 AND (?10 IS NOT NULL "                                \
	                           "OR ?11 IS NOT NULL OR ?12 IS NOT NULL OR ?13 IS NOT NULL)")    \
	X(IMPORT_SUBJECT_ACTION,                                                                   \
	  "INSERT INTO subject_action (gid, office, subject_id, on_date, recorded_at, actor, "     \
	  "action, interim) SELECT ?1, ?2, s.id, ?4, ?5, ?6, ?7, ?8 FROM subject s WHERE s.gid = " \
	  "?3 AND NOT EXISTS (SELECT 1 FROM subject_action WHERE gid = ?1)")                       \
	/* Whether a record's own row is here (?1 its gid; links: ?1 victim, ?2 case). */          \
	X(HAS_CASE, "SELECT 1 FROM case_file WHERE gid = ?1")                                      \
	X(HAS_EVENT, "SELECT 1 FROM event WHERE gid = ?1")                                         \
	X(HAS_VICTIM, "SELECT 1 FROM victim WHERE gid = ?1")                                       \
	X(HAS_LINK, "SELECT 1 FROM victim_case vc JOIN victim v ON v.id = vc.victim_id JOIN "      \
	            "case_file c ON c.id = vc.case_id WHERE v.gid = ?1 AND c.gid = ?2")            \
	X(HAS_VICTIM_EVENT, "SELECT 1 FROM victim_event WHERE gid = ?1")                           \
	X(HAS_SUBJECT, "SELECT 1 FROM subject WHERE gid = ?1")                                     \
	X(HAS_SUBJECT_ACTION, "SELECT 1 FROM subject_action WHERE gid = ?1")                       \
	X(CASE_ID_BY_GID, "SELECT id FROM case_file WHERE gid = ?1")                               \
	X(VICTIM_CASE_IDS, "SELECT vc.case_id FROM victim_case vc JOIN victim v ON v.id = "        \
	                   "vc.victim_id WHERE v.gid = ?1")                                        \
	X(EVENT_LINKS, "SELECT gid, parents, kind, office, on_date, state FROM event WHERE "       \
	               "case_id = ?1 ORDER BY on_date, recorded_at, gid")                          \
	X(CASE_SET_CONFLICT, "UPDATE case_file SET conflict = ?2 WHERE id = ?1")                   \
	X(CASE_CONFLICT_BY_GID, "SELECT conflict FROM case_file WHERE gid = ?1")                   \
	X(PEER_AUDIT_AT, "SELECT prev, hash FROM office_audit WHERE office = ?1 AND id = ?2")      \
	X(PEER_AUDIT_PUT,                                                                          \
	  "INSERT OR IGNORE INTO office_audit (office, id, prev, hash) VALUES (?1, ?2, ?3, ?4)")   \
	X(PEER_HEAD, "SELECT head_id, head_hash, broken, sent_audit FROM office WHERE gid = ?1")   \
	X(PEER_HEAD_SET, "UPDATE office SET head_id = ?2, head_hash = ?3 WHERE gid = ?1")          \
	X(PEER_BROKEN_SET, "UPDATE office SET broken = ?2 WHERE gid = ?1 AND broken IS NULL")      \
	X(PEER_SENT_AUDIT_SET, "UPDATE office SET sent_audit = ?2 WHERE gid = ?1")                 \
	X(OFFICE_NAMES, "SELECT gid, name FROM office")                                            \
	X(CASES_OF_OTHERS,                                                                         \
	  "SELECT EXISTS (SELECT 1 FROM main.case_file WHERE office < ?1) OR EXISTS "              \
	  "(SELECT 1 FROM main.case_file WHERE office > ?1)")                                      \
	X(CONFLICT_CASES, "SELECT " DK_CASE_COLUMNS " FROM case_file WHERE conflict = 1 AND (?2 "  \
	                  "IS NULL OR mission IN (SELECT mission FROM temp.scope)) ORDER BY ref, " \
	                  "office")

#endif
