-- docket schema 14: case rows made tamper-evident (HACKING.md "Insiders:
-- the threat model"). Each transaction that writes a case's rows seals the
-- case: how many events it has, the hash chain over them in insertion order
-- and a hash of its current rows (src/store/store_seal.c says how). The
-- `seal` audit entry of that transaction (signed like every entry) carries a
-- digest of its seals, so a seal cannot be rewritten without the log.
CREATE TABLE case_seal (
    case_gid BLOB NOT NULL CHECK (length(case_gid) = 16),
    audit_id INTEGER NOT NULL,
    events   INTEGER NOT NULL CHECK (events >= 0),
    chain    BLOB NOT NULL CHECK (length(chain) = 32),
    state    BLOB NOT NULL CHECK (length(state) = 32),
    PRIMARY KEY (case_gid, audit_id)
) WITHOUT ROWID;
CREATE INDEX case_seal_audit ON case_seal (audit_id);

CREATE TRIGGER case_seal_append_only_update BEFORE UPDATE ON case_seal
BEGIN
    SELECT RAISE(ABORT, 'case seals are append-only');
END;
CREATE TRIGGER case_seal_append_only_delete BEFORE DELETE ON case_seal
BEGIN
    SELECT RAISE(ABORT, 'case seals are append-only');
END;
