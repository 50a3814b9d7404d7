-- docket schema 2: victims and subjects, and per-victim deadlines.
-- Identities (names, contacts, index numbers, units) live in tables of their
-- own, read only for roles that may see them; everything else about a victim
-- or a subject is statistics the UN publishes.

-- A victim, under a pseudonymous code unique across offices ("V-" and ten
-- Crockford base32 characters). Sex and age band travel with the case.
CREATE TABLE victim (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    code        TEXT NOT NULL UNIQUE,
    sex         TEXT NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
    age         TEXT NOT NULL CHECK (age IN ('adult', 'child', 'unknown')),
    added_on    TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE victim_identity (
    victim_id INTEGER PRIMARY KEY REFERENCES victim (id),
    name      TEXT,
    contact   TEXT
);

-- The cases a victim is named in (one victim may be named in several).
CREATE TABLE victim_case (
    victim_id INTEGER NOT NULL REFERENCES victim (id),
    case_id   INTEGER NOT NULL REFERENCES case_file (id),
    added_on  TEXT NOT NULL,
    PRIMARY KEY (victim_id, case_id)
) WITHOUT ROWID;
CREATE INDEX victim_case_case ON victim_case (case_id, victim_id);

-- What happened to a victim, append-only: named in a case (case_id), told of
-- progress, an assistance line (item = its kind; a later event updates it),
-- a paternity or child-support claim (item = its status).
CREATE TABLE victim_event (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    victim_id   INTEGER NOT NULL REFERENCES victim (id),
    case_id     INTEGER REFERENCES case_file (id),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('added', 'informed', 'assistance', 'paternity')),
    item        TEXT,
    status      TEXT CHECK (status IN ('referred', 'provided', 'declined')),
    provider    TEXT,
    consent     TEXT CHECK (consent IN ('yes', 'no')),
    note        TEXT
);
CREATE INDEX victim_event_victim ON victim_event (victim_id, on_date, id);

CREATE TRIGGER victim_event_append_only_update BEFORE UPDATE ON victim_event
BEGIN
    SELECT RAISE(ABORT, 'victim events are append-only');
END;
CREATE TRIGGER victim_event_append_only_delete BEFORE DELETE ON victim_event
BEGIN
    SELECT RAISE(ABORT, 'victim events are append-only');
END;

-- A subject (alleged perpetrator) of one case, under a code ("S-" and ten
-- characters). name_key is the name folded for vetting (dk_text_name_key).
CREATE TABLE subject (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    code        TEXT NOT NULL UNIQUE,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    personnel   TEXT NOT NULL,
    nationality TEXT,
    added_on    TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL
);
CREATE INDEX subject_case ON subject (case_id);

CREATE TABLE subject_identity (
    subject_id   INTEGER PRIMARY KEY REFERENCES subject (id),
    name         TEXT,
    name_key     TEXT,
    index_number TEXT,
    unit         TEXT
);
CREATE INDEX subject_identity_name_key ON subject_identity (name_key) WHERE name_key IS NOT NULL;
CREATE INDEX subject_identity_index ON subject_identity (index_number)
    WHERE index_number IS NOT NULL;

-- Interim and final actions taken on a subject, append-only.
CREATE TABLE subject_action (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    subject_id  INTEGER NOT NULL REFERENCES subject (id),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    interim     INTEGER NOT NULL CHECK (interim IN (0, 1))
);
CREATE INDEX subject_action_subject ON subject_action (subject_id, on_date, id);

CREATE TRIGGER subject_action_append_only_update BEFORE UPDATE ON subject_action
BEGIN
    SELECT RAISE(ABORT, 'subject actions are append-only');
END;
CREATE TRIGGER subject_action_append_only_delete BEFORE DELETE ON subject_action
BEGIN
    SELECT RAISE(ABORT, 'subject actions are append-only');
END;

-- Deadlines gain the victim a per-victim deadline belongs to ('' for a
-- case's own), rebuilt because a WITHOUT ROWID key cannot be altered.
CREATE TABLE deadline_v2 (
    case_id      INTEGER NOT NULL REFERENCES case_file (id),
    rule         TEXT NOT NULL REFERENCES rule (id),
    victim       TEXT NOT NULL DEFAULT '',
    start        TEXT NOT NULL,
    ref          TEXT NOT NULL,
    due          TEXT NOT NULL,
    original_due TEXT NOT NULL,
    met_on       TEXT,
    extensions   INTEGER NOT NULL DEFAULT 0,
    known_until  TEXT NOT NULL,
    PRIMARY KEY (case_id, rule, victim, start)
) WITHOUT ROWID;
INSERT INTO deadline_v2 (case_id, rule, start, ref, due, original_due, met_on, extensions,
                         known_until)
    SELECT case_id, rule, start, ref, due, original_due, met_on, extensions, known_until
    FROM deadline;
DROP TABLE deadline;
ALTER TABLE deadline_v2 RENAME TO deadline;
CREATE INDEX deadline_live ON deadline (due, ref, known_until, original_due, extensions, victim)
    WHERE met_on IS NULL;
CREATE INDEX deadline_due ON deadline (due, ref, known_until, original_due, extensions, met_on,
                                       victim);
