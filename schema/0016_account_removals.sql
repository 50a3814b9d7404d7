-- docket schema 16: the log's removals of accounts, found without a scan. An account
-- record put back to its older signed version (removed_at NULL again) still carries the
-- authority's signature; every unlock and check compare the records with the signed entries
-- that removed accounts (HACKING.md "Insiders: the threat model").
CREATE INDEX audit_user_remove ON audit (detail) WHERE action = 'user_remove';
