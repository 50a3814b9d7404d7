-- docket schema 9 (issue 13): events dated the same day apply in the order
-- they were recorded, then by global id (deadlines.md). The gid is the same
-- on every office's copy of an event; the local row id is not once offices
-- exchange bundles. Each index that ordered a day's events by id now orders
-- them by (recorded_at, gid), so the same queries still read them in order
-- from the index.

-- A case's events (timeline, replays, deadlines).
DROP INDEX event_case;
CREATE INDEX event_case ON event (case_id, on_date, recorded_at, gid);

-- A victim's events (victim show, timelines).
DROP INDEX victim_event_victim;
CREATE INDEX victim_event_victim ON victim_event (victim_id, on_date, recorded_at, gid);

-- A subject's actions (subject lists, timelines).
DROP INDEX subject_action_subject;
CREATE INDEX subject_action_subject ON subject_action (subject_id, on_date, recorded_at, gid);

-- The assistance report: one ordered pass over the assistance events, read
-- from the index (kind is a column so that SQLite sees the index covers it).
DROP INDEX victim_event_assistance;
CREATE INDEX victim_event_assistance
    ON victim_event (victim_id, item, on_date, recorded_at, gid, status, kind)
    WHERE kind = 'assistance';

-- Paternity steps, few among victims' events (follow-up's pending claims and
-- the paternity report), in order from the index.
DROP INDEX victim_event_paternity;
CREATE INDEX victim_event_paternity
    ON victim_event (victim_id, on_date, recorded_at, gid, item, kind)
    WHERE kind = 'paternity';
