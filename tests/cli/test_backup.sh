#!/usr/bin/env bash
# Backups: an encrypted copy that opens with the same accounts and passphrases, holds the
# cases and the audit log, never overwrites anything, is for administrators only, holds
# no plaintext, and lives its own life apart from the original.
. "$(dirname "$0")/lib.sh"

MARK=QZXBACKUP
OFF=oscar ADV=priya AUD=quinn
declare -A pw=([admin]=$PASS [$OFF]='oscar passphrase' [$ADV]='priya passphrase'
    [$AUD]='quinn passphrase' [gone]='gone passphrase')

# add NAME ARGS...: user add with NAME's passphrase from pw[NAME]; a failure ends the scenario
# (setup only; test_accounts.sh's add checks nothing, its callers count the exit code).
add() {
    local name=$1
    shift
    dk user add "$name" "$@" --kdf interactive --new-passphrase-fd 4 4<<<"${pw[$name]}"
    [ "$rc" -eq 0 ] || { echo "user add $name failed: $err" >&2; exit 1; }
}

# A permissive umask: the backup's modes must come from docket, not from the caller.
umask 022

init_db
add "$OFF" --role officer --mission MONUSCO
add "$ADV" --role advocate --mission MINUSCA
add "$AUD" --role auditor
add gone --role officer --mission MONUSCO
dk user remove gone
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse \
    --summary "${MARK}SUMMARY she lives behind the market"
expect_eq "$out" "MONUSCO-2026-0001" "a case with a marker summary"
dk case note MONUSCO-2026-0001 --note "${MARK}NOTE the witness is afraid"
expect_rc 0 "a marker note"
dk case add --mission MINUSCA --reported 2026-03-02 --category other --summary plain
expect_eq "$out" "MINUSCA-2026-0001" "a case in another mission"
dk demo --cases 30 --seed 5
expect_rc 0 "demo cases"
dk recovery create --kdf interactive
code=$out
expect_rc 0 "a recovery code before the backup"

dk --format csv case list
cases=$out
dk --format csv user list --all
accounts=$out
orig_slots=$(grep '^slot' "$DB.keys")

# ---- who may back up ----
BK=$SANDBOX/copy.db
for who in "$OFF" "$ADV" "$AUD"; do
    as "$who" backup --to "$BK"
    expect_rc 4 "$who: backup"
    expect_error_line "$who: backup"
    expect_match "$err" "permission denied" "$who: backup says permission denied"
    [ ! -e "$BK" ] && [ ! -e "$BK.keys" ] && ok || fail "$who: a refused backup wrote $BK"
done
expect_refused_unchanged 2 "backup without --to" backup

# ---- the round trip ----
dk backup --to "$BK"
expect_rc 0 "backup as administrator"
expect_match "$out" "copy.db" "backup names the copy"
[ -f "$BK" ] && [ -f "$BK.keys" ] && ok || fail "backup did not write both $BK and $BK.keys"
expect_eq "$(stat -c %a "$BK")" 600 "the copy is mode 0600"
expect_eq "$(stat -c %a "$BK.keys")" 600 "the copy's key slots are mode 0600"
dk audit log --format csv
orig_log=$out
backup_id=$(printf '%s\n' "$orig_log" | awk -F, '$4 == "backup" {id = $1} END {print id}')
expect_match "$backup_id" '^[0-9]+$' "the original's audit log has a backup entry"

DB_ORIG=$DB
DB=$BK
dk --format csv case list
expect_eq "$out" "$cases" "the copy holds every case"
dk case show MONUSCO-2026-0001
expect_match "$out" "${MARK}SUMMARY she lives behind the market" "the copy reads the marker summary"
dk timeline MONUSCO-2026-0001
expect_match "$out" "${MARK}NOTE the witness is afraid" "the copy reads the marker note"
dk --format csv user list --all
expect_eq "$out" "$accounts" "the copy holds the same accounts (removed one included)"
expect_eq "$(grep '^slot' "$BK.keys")" "$orig_slots" "the copy holds the same key slots"
for who in "$OFF" "$ADV" "$AUD"; do
    as "$who" --format csv case list
    expect_rc 0 "$who unlocks the copy with the same passphrase"
done
as "$OFF" --format csv case list
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2 | sort -u)" MONUSCO \
    "the officer's mission scope holds on the copy"
[[ $out == *MINUSCA-2026-0001* ]] && fail "the officer sees another mission on the copy" || ok
as gone case list
expect_rc 3 "the removed account cannot unlock the copy either"
dk audit log --format csv
copy_log=$out
expect_eq "$(printf '%s\n' "$copy_log" | awk -F, -v n="$backup_id" 'NR == 1 || $1 <= n')" \
    "$(printf '%s\n' "$orig_log" | awk -F, -v n="$backup_id" 'NR == 1 || $1 <= n')" \
    "the copy's audit log holds every entry up to the backup"
expect_eq "$(printf '%s\n' "$copy_log" | awk -F, -v n="$backup_id" '$1 == n {print $3 "," $4}')" \
    "admin,backup" "the copy's audit log includes its own backup entry"
dk check
expect_rc 0 "check passes on the copy"
expect_match "$out" "database +ok" "check: the copy's pages decrypt"
expect_match "$out" "key slots +ok" "check: the copy's key slots match its accounts"
expect_match "$out" "audit log +ok" "check: the copy's audit chain holds"
dk audit verify
expect_rc 0 "audit verify passes on the copy"

# ---- no plaintext in the copy ----
for f in "$BK" "$BK-wal" "$BK-shm" "$BK.keys"; do
    [ -f "$f" ] || continue
    expect_eq "$(grep -ac "$MARK" "$f" || true)" 0 "no marker text in $(basename "$f")"
    expect_eq "$(grep -aci 'behind the market\|witness is afraid' "$f" || true)" 0 \
        "no case text in $(basename "$f")"
done
for name in admin "$OFF" "$ADV" "$AUD"; do
    expect_eq "$(grep -aci "$name" "$BK.keys" || true)" 0 "the copy's key slots do not name $name"
done
if head -c 16 "$BK" | grep -qa 'SQLite format 3'; then fail "the copy has a plaintext header"; else ok; fi
[ -z "$(find "$TMPDIR" -type f)" ] && ok || fail "backup left files in \$TMPDIR: $(find "$TMPDIR" -type f)"

# ---- the recovery code restores the copy when every passphrase is lost ----
RESTORE=$SANDBOX/restore.db
cp "$BK" "$RESTORE"
cp "$BK.keys" "$RESTORE.keys"
DB=$RESTORE DK_PASS=$code dk recovery use --kdf interactive --new-passphrase-fd 4 4<<<'restored passphrase'
expect_rc 0 "the recovery code made before the backup works on the copy"
DB=$RESTORE DK_PASS='restored passphrase' dk --format csv case list
expect_eq "$out" "$cases" "every case comes back through the recovery code"

# ---- refusing to overwrite ----
DB=$DB_ORIG
expect_refused_unchanged 1 "backup onto the existing copy" backup --to "$BK"
expect_match "$err" "exist" "the refusal says the target exists"
printf 'precious\n' >"$SANDBOX/other.db"
expect_refused_unchanged 1 "backup onto an existing file" backup --to "$SANDBOX/other.db"
expect_eq "$(cat "$SANDBOX/other.db")" precious "the existing file is untouched"
[ ! -e "$SANDBOX/other.db.keys" ] && ok || fail "a refused backup wrote other.db.keys"
printf 'precious keys\n' >"$SANDBOX/third.db.keys"
expect_refused_unchanged 1 "backup whose key slots file exists" backup --to "$SANDBOX/third.db"
[ ! -e "$SANDBOX/third.db" ] && ok || fail "a refused backup wrote third.db"
expect_eq "$(cat "$SANDBOX/third.db.keys")" "precious keys" "the existing key slots file is untouched"
ln -s "$SANDBOX/elsewhere.db" "$SANDBOX/link.db"
expect_refused_unchanged 1 "backup onto a dangling symlink" backup --to "$SANDBOX/link.db"
[ ! -e "$SANDBOX/elsewhere.db" ] && ok || fail "backup followed a symlink to write elsewhere.db"
expect_refused_unchanged 1 "backup onto the database itself" backup --to "$DB"

# ---- the original keeps working, and the two live apart ----
dk --format csv case list
expect_eq "$out" "$cases" "the original's cases are unchanged by the backup"
expect_eq "$(grep '^slot' "$DB.keys")" "$orig_slots" "the original's key slots are unchanged by the backup"
dk check
expect_rc 0 "check passes on the original after the backup"
dk audit verify
expect_rc 0 "audit verify passes on the original after the backup"

copy_state=$(sha256sum "$BK" "$BK.keys")
dk case add --mission MONUSCO --reported 2026-04-04 --category other --summary "only in the original"
expect_rc 0 "the original takes a new case after the backup"
pw[$OFF-new]='oscar changed passphrase'
as "$OFF" user passwd --kdf interactive --new-passphrase-fd 4 4<<<"${pw[$OFF-new]}"
expect_rc 0 "the officer changes its passphrase on the original"
dk user remove "$ADV"
expect_rc 0 "the advocate is removed from the original"
pw[late]='late passphrase'
add late --role auditor
expect_eq "$(sha256sum "$BK" "$BK.keys")" "$copy_state" "changes to the original leave the copy's files untouched"

orig_state=$(sha256sum "$DB" "$DB.keys")
DB=$BK
dk --format csv case list
expect_eq "$out" "$cases" "the copy does not see the original's new case"
as "$OFF" case list
expect_rc 0 "the officer's old passphrase still opens the copy"
DK_USER=$OFF DK_PASS=${pw[$OFF-new]} dk case list
expect_rc 3 "the officer's new passphrase does not open the copy"
as "$ADV" case list
expect_rc 0 "the advocate removed from the original still opens the copy"
as late case list
expect_rc 3 "an account added to the original does not open the copy"
dk case add --mission MINUSCA --reported 2026-05-05 --category other --summary "only in the copy"
expect_rc 0 "the copy takes a case of its own"
copy_ref=$out
dk check
expect_rc 0 "check passes on the copy after its own change"
DB=$DB_ORIG
expect_eq "$(sha256sum "$DB" "$DB.keys")" "$orig_state" "changes to the copy leave the original's files untouched"
dk --format csv case list
[[ -n $copy_ref && $out != *"$copy_ref,"* ]] && ok || fail "the original sees the copy's case $copy_ref"
expect_eq "$(printf '%s\n' "$out" | wc -l)" "$(($(printf '%s\n' "$cases" | wc -l) + 1))" \
    "the original holds its cases plus its own new one"
as "$OFF" case list
expect_rc 3 "the officer's old passphrase no longer opens the original"
dk check
expect_rc 0 "check passes on the original at the end"

finish
