-- docket schema 13: signatures against insiders (HACKING.md "Insiders: the
-- threat model"). Anyone with a passphrase holds the data key, so these
-- rows can be rewritten with a SQLCipher shell; what makes a rewrite show
-- is that only the right key could have signed them.
--
-- The office's authority: an Ed25519 key whose public half every key slot
-- pins. It signs account records and key bindings. Its secret half is
-- sealed to each administrator (key_grant) and in the recovery slot only.
CREATE TABLE authority (
    one     INTEGER PRIMARY KEY CHECK (one = 1),
    sign_pk BLOB NOT NULL CHECK (length(sign_pk) = 32)
);

-- The authority's signature over the account's record: gid, name, role,
-- missions and removed_at (src/app/app_sign.c says how).
ALTER TABLE account ADD COLUMN sig BLOB CHECK (sig IS NULL OR length(sig) = 64);

-- Every key an account has had (old entries of the log stay verifiable).
-- sig: the authority's binding of pk to the account; NULL for a key the
-- account enrolled itself after the upgrade, until an administrator binds it.
CREATE TABLE account_key (
    pk          BLOB PRIMARY KEY CHECK (length(pk) = 32),
    account_gid BLOB NOT NULL CHECK (length(account_gid) = 16),
    sig         BLOB CHECK (sig IS NULL OR length(sig) = 64)
) WITHOUT ROWID;
CREATE INDEX account_key_account ON account_key (account_gid);

-- Secrets sealed to an account's key (crypto_box_seal to its X25519 form):
-- 'authority' for administrators.
CREATE TABLE key_grant (
    account_gid BLOB NOT NULL CHECK (length(account_gid) = 16),
    name        TEXT NOT NULL,
    sealed      BLOB NOT NULL,
    PRIMARY KEY (account_gid, name)
) WITHOUT ROWID;

-- Who signed each audit entry (its account's key, or the authority's) and
-- the Ed25519 signature of its hash. NULL on entries from before the upgrade.
ALTER TABLE audit ADD COLUMN signer BLOB CHECK (signer IS NULL OR length(signer) = 32);
ALTER TABLE audit ADD COLUMN sig BLOB CHECK (sig IS NULL OR length(sig) = 64);
