-- docket schema 1: the office, accounts, cases as append-only event histories
-- with a current-state row each, reference counters, and the audit log.
-- Identifiers are the ones in domain.md (the C table in src/core/vocab.c is
-- the one list; the app validates against it before anything is written).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE account (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'advocate', 'auditor')),
    created_at TEXT NOT NULL,
    removed_at TEXT
);

CREATE TABLE account_mission (
    account_id INTEGER NOT NULL REFERENCES account (id),
    mission    TEXT NOT NULL,
    PRIMARY KEY (account_id, mission)
) WITHOUT ROWID;

-- The last sequence number handed out per mission and reporting year;
-- bumped in the same transaction as the case it numbers, so no gaps.
CREATE TABLE ref_counter (
    mission TEXT NOT NULL,
    year    INTEGER NOT NULL,
    last    INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (mission, year)
) WITHOUT ROWID;

-- The current state of each case, derived from its events and kept in the
-- same transaction as every event. Dates are YYYY-MM-DD text.
CREATE TABLE case_file (
    id            INTEGER PRIMARY KEY,
    gid           BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office        BLOB NOT NULL CHECK (length(office) = 16),
    ref           TEXT NOT NULL UNIQUE,
    mission       TEXT NOT NULL,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    reported      TEXT NOT NULL,
    incident      TEXT,
    category      TEXT NOT NULL,
    type          TEXT,
    personnel     TEXT,
    nationality   TEXT,
    source        TEXT,
    entity        TEXT,
    outcome       TEXT,
    closure       TEXT,
    urgent        INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    state         TEXT NOT NULL,
    state_since   TEXT NOT NULL,
    last_event_on TEXT NOT NULL,
    summary       TEXT,
    UNIQUE (mission, year, seq)
);
CREATE INDEX case_file_mission_state ON case_file (mission, state);
CREATE INDEX case_file_reported ON case_file (reported, ref);
CREATE INDEX case_file_state ON case_file (state, ref);

-- What happened to a case, append-only. data is a JSON object (built by
-- docket, never parsed by SQL) with the event's fields.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX event_case ON event (case_id, on_date, id);

CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Every write and every unlock. No personal data: ids, actions and counts.
-- hash = BLAKE2b-256("docket-audit-v1" || prev || the entry's fields).
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    account  TEXT NOT NULL,
    action   TEXT NOT NULL,
    case_gid BLOB,
    detail   TEXT NOT NULL DEFAULT '',
    prev     BLOB NOT NULL CHECK (length(prev) = 32),
    hash     BLOB NOT NULL CHECK (length(hash) = 32)
);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
