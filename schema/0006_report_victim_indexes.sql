-- docket schema 6: what the assistance report reads (issue 12), indexed so
-- it is one ordered pass over the assistance events alone, read from the
-- index (kind is a column so that SQLite 3.15 sees the index covers it).
-- Paternity steps are read through victim_event_paternity (schema 5).
CREATE INDEX victim_event_assistance
    ON victim_event (victim_id, item, on_date, recorded_at, id, status, kind)
    WHERE kind = 'assistance';
