-- docket schema 8: offices and the exchange of bundles between them.
--
-- Every office this database knows: itself (trust 2, with its secret keys),
-- the peers an administrator trusts (1), and offices only named in a bundle
-- (0: their cases are shown with their name, their bundles are refused).
-- sign_pk is Ed25519 (signs bundles), box_pk X25519 (receives them); the
-- secret keys stay in this encrypted database and nowhere else.
CREATE TABLE office (
    gid        BLOB PRIMARY KEY CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
    trust      INTEGER NOT NULL DEFAULT 0 CHECK (trust IN (0, 1, 2)),
    sign_pk    BLOB CHECK (sign_pk IS NULL OR length(sign_pk) = 32),
    box_pk     BLOB CHECK (box_pk IS NULL OR length(box_pk) = 32),
    sign_sk    BLOB CHECK (sign_sk IS NULL OR length(sign_sk) = 64),
    box_sk     BLOB CHECK (box_sk IS NULL OR length(box_sk) = 32),
    trusted_on TEXT,
    -- The last audit entry this office was sent to (sender side: the next
    -- bundle for it carries the entries after it).
    sent_audit INTEGER NOT NULL DEFAULT 0,
    -- The peer's audit head as its newest bundle gave it (receiver side),
    -- and, once its chain failed to extend what was seen before, the two
    -- heads that disagree (flagged until an administrator trusts it anew).
    head_id    INTEGER,
    head_hash  BLOB CHECK (head_hash IS NULL OR length(head_hash) = 32),
    broken     TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX office_self ON office (trust) WHERE trust = 2;

-- The audit entries of each peer as its bundles carried them: id, prev and
-- hash only (no fields), enough to see that every bundle extends the chain
-- the earlier ones showed, in whatever order they arrive.
CREATE TABLE office_audit (
    office BLOB NOT NULL,
    id     INTEGER NOT NULL,
    prev   BLOB NOT NULL CHECK (length(prev) = 32),
    hash   BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (office, id)
) WITHOUT ROWID;

-- What was sent to whom (any row with a gid: cases, events, victims,
-- victim events, subjects, subject actions), so an export carries only
-- what the recipient has not been sent.
CREATE TABLE sent (
    peer BLOB NOT NULL,
    gid  BLOB NOT NULL,
    PRIMARY KEY (peer, gid)
) WITHOUT ROWID;

-- The events each event followed: the case's heads when it was written
-- (16-byte gids, concatenated). Empty on events written before this
-- schema: they followed the event before them.
ALTER TABLE event ADD COLUMN parents BLOB NOT NULL DEFAULT x'';


-- A case's identity is its gid, never its reference: two offices' cases may
-- share one, and each office numbers its own. The table is rebuilt without
-- UNIQUE (ref) (the migration runs with foreign keys off, then checks them).
CREATE TABLE case_file_v8 (
    id            INTEGER PRIMARY KEY,
    gid           BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    office        BLOB NOT NULL CHECK (length(office) = 16),
    ref           TEXT NOT NULL,
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
    next_due      TEXT NOT NULL DEFAULT '9999-12-31',
    ref_mission   TEXT NOT NULL DEFAULT '',
    -- Two moves of the case that did not see each other (derived from the
    -- events; cleared by a move that follows both).
    conflict      INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1))
);
INSERT INTO case_file_v8 SELECT id, gid, office, ref, mission, year, seq, reported, incident,
    category, type, personnel, nationality, source, entity, outcome, closure, urgent, state,
    state_since, last_event_on, summary, next_due, ref_mission, 0 FROM case_file;
DROP TABLE case_file;
ALTER TABLE case_file_v8 RENAME TO case_file;
CREATE UNIQUE INDEX case_file_number ON case_file (office, ref_mission, year, seq);
CREATE INDEX case_file_ref ON case_file (ref);
CREATE INDEX case_file_mission_state ON case_file (mission, state);
CREATE INDEX case_file_reported ON case_file (reported, ref);
CREATE INDEX case_file_state ON case_file (state, ref);
CREATE INDEX case_file_next_due ON case_file (next_due, ref);
CREATE INDEX case_file_last_event ON case_file (last_event_on);
CREATE INDEX case_file_conflict ON case_file (conflict) WHERE conflict = 1;
CREATE INDEX case_file_office ON case_file (office, ref);
