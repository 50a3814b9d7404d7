-- docket schema 11 (issue 14): the reports at scale. Each report is one walk
-- over covering indexes in case id order, with a page of the big tables
-- read only for a case to replay: a row looked up in a big table costs a
-- page to decrypt, and these indexes are small enough to stay in the cache.

-- What the reports count a case by, in case id order: allegations, follow-up
-- and the cases that victims, assistance, paternity and actions count over
-- walk this instead of case_file (whose rows also carry gid, summary, ...);
-- office for report --office.
CREATE INDEX case_file_report ON case_file (id, reported, last_event_on, mission, state, outcome,
                                            category, type, personnel, nationality, entity,
                                            source, ref, office);

-- A victim's sex and age band by id, for the links the victim reports walk.
CREATE INDEX victim_report ON victim (id, sex, age);

-- A case's subjects added by a day with their personnel (actions, allegations'
-- counts); it extends subject_case_added, which it replaces.
CREATE INDEX subject_report ON subject (case_id, added_on, personnel);
DROP INDEX subject_case_added;

-- A subject's actions by a day (actions; follow-up's subjects without a final one).
CREATE INDEX subject_action_report ON subject_action (subject_id, on_date, interim, action);

-- A case extended after a day: timeliness and follow-up replay it. kind is in
-- the key because SQLite 3.15 does not count a partial index's WHERE as covering.
CREATE INDEX event_extended ON event (case_id, on_date, kind) WHERE kind = 'extended';
