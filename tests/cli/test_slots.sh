#!/usr/bin/env bash
# Orphan key slots (a slot no active account owns, left by an older docket whose user remove
# failed halfway): check names it by position and id and fails, user prune-slots (admins only,
# audited) removes it and nothing else, and check passes again. Read-only media and a full
# disk each get their own message.
. "$(dirname "$0")/lib.sh"
: "${DK_SQL:?DK_SQL must point at the dk_sql helper}"

init_db
add_user ghost --role auditor
add_user bob --role auditor
dk recovery create --kdf interactive
expect_rc 0 "a recovery code"

# A remove that committed in the database but never reached the sidecar: the sidecar from
# before it put back (an SQL edit of the account would now show as tampering, see test_insiders).
cp "$DB.keys" "$DB-saved-keys"
dk user remove ghost
expect_rc 0 "ghost removed"
mv "$DB-saved-keys" "$DB.keys"
slots_before=$(grep -c '^slot' "$DB.keys")
dk check
expect_rc 1 "check fails on an orphan slot"
expect_error_line "check's error"
has "$err" "check names the orphan slot by position and says how to remove it" \
    "key slot 2 (id " "belongs to no active account" "docket user prune-slots"
lacks "$out$err" "check names nobody" ghost

DK_USER=bob DK_PASS='bob passphrase' dk user prune-slots
expect_rc 4 "an auditor may not prune slots"
expect_eq "$(grep -c '^slot' "$DB.keys")" "$slots_before" "a refused prune changes no slot"

dk user prune-slots
expect_rc 0 "an administrator prunes the orphan"
expect_eq "$out" "Key slots removed that belonged to no active account: 1" "prune-slots says how many"
expect_eq "$(grep -c '^slot' "$DB.keys")" $((slots_before - 1)) "exactly one slot is gone"
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | grep -c ',admin,slots_prune,,count=1$')" 1 "the prune is in the audit log"
dk check
expect_rc 0 "check passes after the prune ($out)"
DK_USER=bob DK_PASS='bob passphrase' dk user list
expect_rc 0 "bob still unlocks"
dk user prune-slots
expect_eq "$out" "Key slots removed that belonged to no active account: 0" "nothing more to prune"

# Disk full, read-only media and an I/O error, told apart (the fault-injection shim, when it
# preloads): while opening (the 2nd durable file operation) and while committing (the 12th).
if [ -n "${FAULTINJECT:-}" ] && LD_PRELOAD=$FAULTINJECT "$DOCKET" --version >/dev/null 2>&1; then
    for kind in "ENOSPC:the disk is full" "EROFS:on read-only media" "EIO:input/output error"; do
        for n in 2 12; do
            DK_FAULT=$n:${kind%%:*} LD_PRELOAD=$FAULTINJECT dk case add --mission MONUSCO \
                --reported 2026-01-10 --category sexual_abuse --summary x
            expect_rc 1 "case add with ${kind%%:*} at $n"
            expect_error_line "case add with ${kind%%:*} at $n"
            has "$err" "case add with ${kind%%:*} at $n: the message says which" "${kind#*:}"
        done
    done
fi
# A database file without write permission (root writes anyway: only checked for others).
if [ "$(id -u)" -ne 0 ]; then
    chmod 400 "$DB"
    dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --summary x
    expect_rc 1 "a read-only database file"
    has "$err" "the message says the file cannot be written" "cannot be written"
    chmod 600 "$DB"
fi

finish
