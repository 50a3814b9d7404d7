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

# An insider's view of a remove that committed in the database but never reached the sidecar.
"$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"UPDATE account SET removed_at = '2026-11-27T00:00:00Z' WHERE name = 'ghost';"
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
expect_last_logged admin "admin,slots_prune,,count=1" "the prune"
dk check
expect_rc 0 "check passes after the prune ($out)"
DK_USER=bob DK_PASS='bob passphrase' dk user list
expect_rc 0 "bob still unlocks"
dk user prune-slots
expect_eq "$out" "Key slots removed that belonged to no active account: 0" "nothing more to prune"

# Disk full and read-only media, told apart (the fault-injection shim, when it preloads).
if [ -n "${FAULTINJECT:-}" ] && LD_PRELOAD=$FAULTINJECT "$DOCKET" --version >/dev/null 2>&1; then
    for spec in "1:ENOSPC:the disk is full" "1:EROFS:read-only" "1:EIO:input/output error"; do
        kind=${spec#*:}
        DK_FAULT=${spec%%:*}:${kind%%:*} LD_PRELOAD=$FAULTINJECT dk case add --mission MONUSCO \
            --reported 2026-01-10 --category sexual_abuse --summary x
        expect_rc 1 "case add with ${kind%%:*}"
        expect_error_line "case add with ${kind%%:*}"
        has "$err" "case add with ${kind%%:*}: the message says which" "${kind#*:}"
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
