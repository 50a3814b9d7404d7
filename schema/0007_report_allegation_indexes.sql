-- docket schema 7 (allegations report, issue 12): what report allegations reads
-- besides case_file, each in case_id order from an index that covers it, so the
-- report is one merged pass (a row looked up in a big table costs a page to
-- decrypt).

-- Victims named in a case by a day (the age band is read from victim).
CREATE INDEX victim_case_report ON victim_case (case_id, added_on, victim_id);

-- Subjects added to a case by a day.
CREATE INDEX subject_case_added ON subject (case_id, added_on);

-- The events that change what a case reads as of a day: a case with none
-- after the day is counted as stored, without a replay; one whose mission
-- was not set after the day is kept to the scope by its mission now. kind is
-- in the key because SQLite does not count a partial index's own WHERE as
-- covering it.
CREATE INDEX event_change ON event (case_id, on_date, kind, field)
    WHERE kind IN ('created', 'moved', 'set');
