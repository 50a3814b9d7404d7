#!/usr/bin/env bash
# Unlocking: wrong passphrases and unknown users are refused with exit 3 and touch no data.
. "$(dirname "$0")/lib.sh"

# One database on the default cost profile keeps the real Argon2id path exercised.
dk init --admin admin
expect_rc 0 "init with the default (moderate) profile"
expect_match "$(cat "$DB.keys")" ' 268435456 ' "moderate profile: 256 MiB recorded in the slot"
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse
expect_eq "$out" "MONUSCO-2026-0001" "unlock with the right passphrase"

db_before=$(sha256sum <"$DB")
DK_PASS='wrong passphrase'
dk case list
expect_rc 3 "wrong passphrase"
expect_error_line "wrong passphrase"
[ -z "$out" ] && ok || fail "wrong passphrase printed data: $out"
DK_PASS=$PASS DK_USER=nobody
dk case list
expect_rc 3 "unknown user"
expect_error_line "unknown user"
msg_unknown=$err
DK_USER=admin DK_PASS='wrong passphrase'
dk case list
expect_eq "$err" "$msg_unknown" "unknown user and wrong passphrase look the same"
expect_eq "$(sha256sum <"$DB")" "$db_before" "the database is byte-identical after failed unlocks"
[ ! -e "$DB-wal" ] && ok || fail "a failed unlock left a WAL file"
expect_match "$(cat "$DB.keys")" $'\nfailures 3\n' "the sidecar counts the failures"

# An empty passphrase descriptor is refused as authentication, not a crash.
set +e
"$DOCKET" --db "$DB" --user admin --passphrase-fd 3 case list 3</dev/null >/dev/null 2>"$SANDBOX/io/err"
rc=$?
set -e
err=$(cat "$SANDBOX/io/err")
expect_rc 3 "no passphrase on the descriptor"

# The next good unlock audits the failures and resets the count.
DK_PASS=$PASS
dk case list --format csv
expect_rc 0 "good unlock after failures"
expect_match "$(cat "$DB.keys")" $'\nfailures 0\n' "the count is reset once audited"

# Missing database and missing key slots are explained.
DB=$SANDBOX/none.db
dk case list
expect_rc 1 "no database"
expect_match "$err" "docket init" "missing database suggests init"
DB=$SANDBOX/case.db
mv "$DB.keys" "$SANDBOX/keys.bak"
dk case list
expect_rc 1 "missing key slots"
expect_match "$err" "key slots" "missing sidecar is named"
mv "$SANDBOX/keys.bak" "$DB.keys"

# A sidecar from another database does not open this one.
DB=$SANDBOX/second.db
dk init --admin admin --kdf interactive
cp "$SANDBOX/second.db.keys" "$SANDBOX/case.db.keys"
DB=$SANDBOX/case.db
before=$(sha256sum <"$DB")
dk case list
expect_rc 1 "mismatched key slots"
expect_error_line "mismatched key slots"
expect_eq "$(sha256sum <"$DB")" "$before" "a mismatched key changes nothing"

finish
