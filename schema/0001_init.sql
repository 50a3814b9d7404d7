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
    -- The earliest live deadline ('9999-12-31' when none), kept with the
    -- deadlines, so the case list can page in due order.
    next_due      TEXT NOT NULL DEFAULT '9999-12-31'
);
-- No two cases share a number; also the order of references, for paging.
CREATE UNIQUE INDEX case_file_number ON case_file (mission, year, seq);
CREATE INDEX case_file_mission_state ON case_file (mission, state);
CREATE INDEX case_file_reported ON case_file (reported, ref);
CREATE INDEX case_file_state ON case_file (state, ref);
CREATE INDEX case_file_next_due ON case_file (next_due, ref);
-- Cases whose history reaches past a given day must be replayed for --today.
CREATE INDEX case_file_last_event ON case_file (last_event_on);

-- What happened to a case, append-only. state, urgent and entity are the
-- case's values just after the event, so deadlines can be replayed as of any
-- day without parsing anything. field/value: what a 'set' changed, the rule
-- and new due date of an 'extended', the outcome or closure of a 'moved';
-- previous: the field's value before, so a view of an earlier day can undo it.
-- data is a JSON object (built by docket, never parsed by SQL) with the
-- event's fields, for exchange between offices.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    gid         BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office      BLOB NOT NULL CHECK (length(office) = 16),
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'moved', 'set', 'extended', 'note')),
    state       TEXT NOT NULL,
    urgent      INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    entity      TEXT,
    field       TEXT,
    value       TEXT,
    note        TEXT,
    previous    TEXT,
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

-- The deadline rules of deadlines.md, as data. A case rule starts on the
-- date of the latest move into the state named by start_event and is met by
-- a move into the state named by met_by; applies names the condition (see
-- src/core/deadline.c). Per-victim rules use the victim_informed event.
CREATE TABLE rule (
    id          TEXT PRIMARY KEY,
    start_event TEXT NOT NULL,
    length      INTEGER NOT NULL CHECK (length > 0),
    unit        TEXT NOT NULL CHECK (unit IN ('months', 'days', 'working_days')),
    met_by      TEXT NOT NULL,
    applies     TEXT NOT NULL CHECK (applies IN ('not_urgent', 'urgent', 'entity_tcc_pcc', 'has_victims')),
    warn_days   INTEGER NOT NULL CHECK (warn_days >= 0),
    position    INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

INSERT INTO rule VALUES ('investigation_6m', 'referred', 6, 'months', 'concluded', 'not_urgent', 30, 1);
INSERT INTO rule VALUES ('investigation_90d', 'referred', 90, 'days', 'concluded', 'urgent', 14, 2);
INSERT INTO rule VALUES ('nio_appointment', 'referred', 5, 'working_days', 'investigating', 'entity_tcc_pcc', 2, 3);
-- Per victim: from the last victim_informed event (victims issue).
INSERT INTO rule VALUES ('victim_update', 'victim_informed', 30, 'days', 'victim_informed', 'has_victims', 7, 4);

-- Every deadline of every case as of its full history, kept in the same
-- transaction as each event, so today's view is an index range scan.
-- met_on is NULL while the deadline is live. known_until is the case's
-- last event date (a view of an earlier day must replay such cases); the
-- live index covers every column `deadlines` reads, so the scan never
-- leaves it.
CREATE TABLE deadline (
    case_id      INTEGER NOT NULL REFERENCES case_file (id),
    rule         TEXT NOT NULL REFERENCES rule (id),
    start        TEXT NOT NULL,
    ref          TEXT NOT NULL,
    due          TEXT NOT NULL,
    original_due TEXT NOT NULL,
    met_on       TEXT,
    extensions   INTEGER NOT NULL DEFAULT 0,
    known_until  TEXT NOT NULL,
    PRIMARY KEY (case_id, rule, start)
) WITHOUT ROWID;
CREATE INDEX deadline_live ON deadline (due, ref, known_until, original_due, extensions)
    WHERE met_on IS NULL;
CREATE INDEX deadline_due ON deadline (due, ref, known_until, original_due, extensions, met_on);

-- Per-mission holidays for working-day rules.
CREATE TABLE holiday (
    mission TEXT NOT NULL,
    on_date TEXT NOT NULL,
    name    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mission, on_date)
) WITHOUT ROWID;
