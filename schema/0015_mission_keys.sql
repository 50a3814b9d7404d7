-- docket schema 15: need-to-know by key (HACKING.md "Insiders: the threat
-- model", "Need-to-know"). Narratives (summaries, notes, event payloads) and
-- identities (victims' names and contacts, subjects' names, index numbers and
-- units) are sealed per owner (a case or a victim) under a content key; each
-- content key is wrapped under the key of every mission that may see its
-- owner, one key per mission and class of field, and those are sealed to the
-- accounts the role table allows (key_grant, names "mission CODE CLASS GEN",
-- and to the authority under the all-zero account gid). A removed grant
-- rotates its key: a new generation, every content key of it wrapped again.

-- Each mission's current key generation, per class (free_text,
-- victim_identity, subject_identity); mission '' holds the office's vetting
-- key (class vet), which keys the name and index-number hashes.
CREATE TABLE mission_key (
    mission TEXT NOT NULL,
    class   TEXT NOT NULL CHECK (class IN ('free_text', 'victim_identity', 'subject_identity',
                                           'vet')),
    gen     INTEGER NOT NULL CHECK (gen >= 1),
    PRIMARY KEY (mission, class)
) WITHOUT ROWID;

-- An owner's content key of a class, wrapped under (mission, class, gen).
CREATE TABLE content_key (
    owner   BLOB NOT NULL CHECK (length(owner) = 16),
    class   TEXT NOT NULL,
    mission TEXT NOT NULL,
    gen     INTEGER NOT NULL,
    wrapped BLOB NOT NULL,
    PRIMARY KEY (owner, class, mission)
) WITHOUT ROWID;
CREATE INDEX content_key_mission ON content_key (mission, class, gen);

-- Vetting by index number goes through its keyed hash: the number itself is sealed.
ALTER TABLE subject_identity ADD COLUMN index_key TEXT;
CREATE INDEX subject_identity_index_key ON subject_identity (index_key)
    WHERE index_key IS NOT NULL;

-- A seal made after the sealing of a database's fields rewrote its events:
-- its chain starts again from the case's first event.
ALTER TABLE case_seal ADD COLUMN restart INTEGER NOT NULL DEFAULT 0 CHECK (restart IN (0, 1));
