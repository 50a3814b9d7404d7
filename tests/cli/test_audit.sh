#!/usr/bin/env bash
# The audit log: what a session writes (unlocks, failed unlocks, changes, refusals) and nothing
# personal; `audit log` filters and formats; `audit verify` and `check` on an intact log and on
# an insider's tampering (edited, deleted, cut, unguarded), also after more normal work.
. "$(dirname "$0")/lib.sh"

init_db

# The entries the session owes the log, in order: "user,action,case,detail".
log=()
pending_failures=0

# fail_unlock WHO: a wrong passphrase; nothing is written now, the next unlock audits it.
fail_unlock() {
    DK_USER=$1 DK_PASS='not the passphrase' dk case list
    expect_rc 3 "$1: wrong passphrase"
    pending_failures=$((pending_failures + 1))
}

# act WHO RC [ENTRY...] -- ARGS...: runs ARGS as WHO, expects exit RC, and owes the log the
# failed unlocks since the last good one, WHO's unlock, then each ENTRY ("action,case,detail").
act() {
    local who=$1 want=$2 e
    shift 2
    local -a entries=()
    while [ "$1" != -- ]; do
        entries+=("$1")
        shift
    done
    shift
    run_as "$who" "$@"
    expect_rc "$want" "$who: $*"
    if [ "$pending_failures" -gt 0 ]; then
        log+=("$who,unlock_failed,,count=$pending_failures")
        pending_failures=0
    fi
    log+=("$who,unlock,,")
    for e in "${entries[@]}"; do log+=("$who,$e"); done
}

# Each command that writes a case ends with the entry sealing it (issue 16: case seals), its
# digest left out of the comparison (unseal_digests); the administrator's first unlock seals
# every case there is once (none here).
SEAL="seal,,cases=1"
unseal_digests() { sed -E 's/^(.*,seal,,cases=[0-9]+) digest=[0-9a-f]{64}$/\1/'; }

# --- A scripted session, with personal data typed into every free-text field -----------------
log+=("admin,init,,")
for spec in "olga officer MINUSCA" "ada advocate MINUSCA" "aud auditor"; do
    read -r name role_ m <<<"$spec"
    first=()
    [ "$name" = olga ] && first=("seals_upgrade,,cases=0")
    act admin 0 "${first[@]}" "user_add,,$name role=$role_ missions=$m" -- \
        user add "$name" --role "$role_" ${m:+--mission "$m"} --new-passphrase-fd 4 --kdf interactive \
        4<<<"$name passphrase"
done
A=MINUSCA-2026-0001 B=MONUSCO-2026-0001
act admin 0 "case_add,$A," "$SEAL" -- case add --mission MINUSCA --reported 2026-11-01 --category sexual_abuse \
    --summary 'Nadège Mbala, QZP-summary, lives behind the market' --nationality NPL
act admin 0 "case_add,$B," "$SEAL" -- case add --mission MONUSCO --reported 2026-11-02 --category sexual_abuse \
    --summary 'QZP-summary-other'
STDIN_TEXT='Spoke with Amina QZP-stdin-note' act olga 0 "case_note,$A," "$SEAL" -- case note "$A" --note - --on 2026-11-03
act olga 0 "case_move,$A,assessment" "$SEAL" -- case move "$A" assessment --on 2026-11-05 --note 'QZP-move'
act olga 0 "case_move,$A,referred" "$SEAL" -- case move "$A" referred --on 2026-11-06 --entity tcc
STDIN_TEXT='QZP-summary-two' act olga 0 "case_set,$A,summary" "$SEAL" -- case set "$A" summary - --on 2026-11-07
act olga 0 "case_set,$A,nationality" "$SEAL" -- case set "$A" nationality BGD --on 2026-11-07
act olga 0 "case_extend,$A,investigation_6m" "$SEAL" -- case extend "$A" investigation_6m --to 2027-06-30 \
    --reason 'QZP-reason'
act olga 0 "holiday_add,,MINUSCA" -- holiday add 2026-12-24 'QZP-holiday' --mission MINUSCA
act olga 0 -- case list
act olga 1 "denied,$B,case_read outside_scope" -- case show "$B"
act ada 0 -- case show "$A"
act ada 4 "denied,,case_add role" -- case add --mission MINUSCA --reported 2026-11-20 --category sexual_abuse
db_before=$(sha256sum <"$DB")
fail_unlock olga
fail_unlock olga
fail_unlock nobody
expect_eq "$(sha256sum <"$DB")" "$db_before" "failed unlocks leave the database alone"
act aud 0 -- case list
act aud 0 -- timeline "$A"
fail_unlock admin
fail_unlock olga
act ada 4 "denied,,case_change role" -- case move "$A" investigating --on 2026-11-27
act admin 0 "rule_set,,nio_appointment length=5 warn=3" -- rule set nio_appointment --warn 3
act admin 0 "backup,,"  -- backup --to "$SANDBOX/backup.db"
act olga 0 -- case show "$A"
act admin 0 -- audit log --format csv
full=$out
expect_eq "$(printf '%s\n' "$full" | head -n 1)" "id,at,user,action,case,detail" "audit log columns (csv)"
expect_eq "$(printf '%s\n' "$full" | tail -n +2 | cut -d, -f3- | unseal_digests)" "$(printf '%s\n' "${log[@]}")" \
    "the log holds exactly the session's unlocks, failed unlocks, changes and refusals"
expect_eq "$(printf '%s\n' "$full" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" "$(seq -s ' ' 1 ${#log[@]}) " \
    "entries are numbered 1, 2, 3... with no gap"
bad_at=$(printf '%s\n' "$full" | tail -n +2 | cut -d, -f2 | grep -cvE '^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$' || true)
expect_eq "$bad_at" "0" "every entry has a UTC timestamp"
last_id=${#log[@]}

# --- The free text really was stored, and none of it reached the log ---------------------------
dk timeline "$A" --format csv
for m in QZP-stdin-note QZP-move QZP-reason 'summary changed'; do
    [[ $out == *"$m"* ]] && ok || fail "the timeline lost [$m]"
done
dk case show "$A" --format json
expect_eq "$(json 'd["summary"], d["nationality"]')" "QZP-summary-two BGD" "the summary and nationality are stored"
dk holiday list --format csv
[[ $out == *QZP-holiday* ]] && ok || fail "the holiday name was not stored"
for who in admin aud; do
    for fmt in table csv json; do
        run_as "$who" audit log --format "$fmt"
        expect_rc 0 "$who: audit log ($fmt)"
        [[ $out == *"$A"* && $out == *case_extend* ]] && ok || fail "$who: audit log ($fmt) lists the session"
        for m in QZP Nadège Mbala Amina 'behind the market' NPL BGD; do
            [[ $out == *"$m"* ]] && fail "$who: audit log ($fmt) shows personal data [$m]" || ok
        done
    done
done

# --- Formats agree ------------------------------------------------------------------------------
dk audit log --format json
expect_eq "$(json 'sorted(d[0].keys())')" "['action', 'at', 'case', 'detail', 'id', 'user']" "audit log keys (json)"
expect_eq "$(json "'\n'.join('%s,%s,%s,%s,%s,%s' % (e['id'], e['at'], e['user'], e['action'], e['case'] or '', e['detail']) for e in d[:$last_id])")" \
    "$(printf '%s\n' "$full" | tail -n +2)" "json and csv hold the same entries"
expect_eq "$(json 'd[-1]["user"], d[-1]["action"], d[-1]["case"]')" "admin unlock None" \
    "the reader's own unlock is the last entry"
dk audit log
expect_match "$(printf '%s\n' "$out" | head -n 1)" '^ID +AT +USER +ACTION +CASE +DETAIL$' "audit log columns (table)"
expect_match "$out" $'\n'"$((last_id - 1)) +[-0-9T:Z]+ +olga +unlock +- *"$'\n' "a table row per entry"
expect_match "$out" $'\n'"[0-9]+ +[-0-9T:Z]+ +olga +denied +$B +case_read outside_scope"$'\n' \
    "the table shows a refusal with its case"

# --- Filters --------------------------------------------------------------------------------------
# rows_where AWK-CONDITION: the rows of $full (header kept) for which the condition on the
# fields (-F,: $3 user, $4 action, $5 case, $2 at) holds.
rows_where() { printf '%s\n' "$full" | awk -F, "NR == 1 || ($1)"; }
# upto: the rows of $out among those of $full (later entries, such as the listings' own unlocks
# and the auditor's reads above, are left out).
upto() { printf '%s\n' "$out" | awk -F, -v n="$last_id" 'NR == 1 || $1 <= n'; }
dk audit log --user olga --format csv
expect_eq "$(upto)" "$(rows_where '$3 == "olga"')" "--user olga: exactly olga's entries"
expect_match "$out" "olga,denied,$B" "--user olga includes her refusal"
dk audit log --user aud --format csv
expect_eq "$(upto)" "$(rows_where '$3 == "aud"')" "--user aud: exactly the auditor's entries"
expect_match "$out" ',aud,unlock_failed,,count=3' "--user aud: the failed unlocks it reported"
dk audit log --case "$A" --format csv
expect_eq "$(upto)" "$(rows_where "\$5 == \"$A\"")" "--case $A: exactly that case's entries"
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" "7" "--case $A: add, note, two moves, two sets, extend"
dk audit log --case "${B,,}" --format csv
expect_eq "$(upto)" "$(rows_where "\$5 == \"$B\"")" "--case (lower case) $B: its addition and olga's refusal"
dk audit log --case "$B" --user olga --format csv
expect_eq "$(upto)" "$(rows_where "\$5 == \"$B\" && \$3 == \"olga\"")" "--case and --user together"
expect_eq "$(printf '%s\n' "$out" | wc -l)" "2" "--case $B --user olga: one refusal"
dk audit log --user nobody --format csv
expect_eq "$rc $out" "0 id,at,user,action,case,detail" "--user with no entries: an empty listing"
first_day=$(printf '%s\n' "$full" | sed -n 2p | cut -d, -f2 | cut -c1-10)
next_day=$(date -u -d "$first_day + 1 day" +%F)
for since in 2000-01-01 "$first_day" "$next_day" 2999-12-31; do
    dk audit log --since "$since" --format csv
    expect_rc 0 "--since $since"
    # Entries after $full (this listing's own unlock and the ones before it) are left out.
    expect_eq "$(upto)" \
        "$(rows_where "substr(\$2, 1, 10) >= \"$since\"")" "--since $since: exactly the entries from that day on"
    expect_eq "$(printf '%s\n' "$out" | tail -n +2 | awk -F, -v s="$since" 'substr($2, 1, 10) < s' | wc -l)" "0" \
        "--since $since: nothing earlier"
done
dk audit log --since 2000-01-01 --format csv
[ "$(printf '%s\n' "$out" | wc -l)" -gt "$last_id" ] && ok || fail "--since 2000-01-01 left entries out"
dk audit log --since 2999-12-31 --format csv
expect_eq "$out" "id,at,user,action,case,detail" "--since a future day: nothing"
dk audit log --since 2026-02-30
expect_rc 1 "--since an impossible date"
expect_error_line "--since an impossible date"
dk audit log --case MINUSCA-2026-0099
expect_rc 1 "--case that does not exist"
expect_eq "$err" "docket: no case MINUSCA-2026-0099" "--case that does not exist is named"
dk audit log --case not-a-ref
expect_rc 1 "--case that is not a reference"
expect_error_line "--case that is not a reference"

# --- A failed unlock before a command that fails is neither lost nor counted twice -------------
fail_unlock olga
dk case show MINUSCA-2026-0099
expect_rc 1 "a command that fails after the failed unlock"
dk case list
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | awk -F, -v n="$last_id" '$1 > n && $4 == "unlock_failed"' | cut -d, -f4-)" \
    "unlock_failed,,count=1" "the failed unlock is audited exactly once"
pending_failures=0
expect_match "$(cat "$DB.keys")" $'\nfailures 0\n' "the sidecar's failure count is reset once audited"

# --- After the session: verify and check hold ---------------------------------------------------
dk audit log --format csv
n=$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f1)
dk audit verify
expect_rc 0 "audit verify after the session"
expect_eq "$out" "The audit log is intact: each of its entries ($((n + 1))) is chained to the one before." \
    "audit verify counts every entry (its own unlock too)"
dk check
expect_rc 0 "check after the session"
expect_match "$out" $'^CHECK +RESULT +DETAIL\ndatabase +ok +pages decrypted and consistent: [0-9]+\nkey slots +ok +[^\n]*\nsignatures +ok +[^\n]*\naudit log +ok +entries chained and signed: '"$((n + 2))"$'\ncase histories +ok +[^\n]*\nsealed fields +ok +[^\n]*\nappend-only guards +ok +[^\n]*\noffices +ok +[^\n]*$' \
    "check: database, key slots, audit log, sealed fields, guards and offices all ok"
run_as aud audit verify
expect_rc 0 "the auditor verifies the log"
run_as aud check
expect_rc 0 "the auditor checks the database"

# --- Tampering by an insider with the key ------------------------------------------------------
ORIG=$DB
dk audit log --format csv
K=$(printf '%s\n' "$out" | awk -F, -v b="$B" '$4 == "denied" && $5 == b {print $1}')
L=$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f1)
cp "$ORIG" "$SANDBOX/orig.db"
cp "$ORIG.keys" "$SANDBOX/orig.db.keys"
expect_eq "$(grep '^audit-head ' "$ORIG.keys" | cut -d' ' -f2)" "$L" "the key slots file records the head, entry $L"
expect_match "$K" '^[0-9]+$' "olga's refusal is entry $K"
TU="CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
TD="CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"

# copy_of NAME: a fresh copy of the database and its key slots as they stood; DB points at it.
copy_of() {
    DB=$SANDBOX/$1.db
    cp "$SANDBOX/orig.db" "$DB"
    cp "$SANDBOX/orig.db.keys" "$DB.keys"
}
# sql SQL: runs SQL on $DB with the admin's key; prints the rows.
sql() {
    local o
    o=$("$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"$1") || { fail "dk_sql failed on: $1"; return 0; }
    printf '%s' "$o"
}
# expect_caught WHAT VERIFY_PATTERN [CHECK_PATTERN]: audit verify and check both exit 1 with one
# "docket: " line matching the pattern; check marks a row FAILED.
expect_caught() {
    local what=$1 vpat=$2 cpat=${3:-$2}
    dk audit verify
    expect_rc 1 "$what: audit verify"
    expect_error_line "$what: audit verify"
    expect_match "$err" "$vpat" "$what: audit verify names it"
    dk check
    expect_rc 1 "$what: check"
    expect_error_line "$what: check"
    expect_match "$err" "$cpat" "$what: check names it"
    expect_match "$out" "FAILED" "$what: check marks the failed row"
}
# more_work: normal commands by several users after the tampering.
more_work() {
    local i
    for i in 1 2 3; do
        dk case list
        expect_rc 0 "admin works on the tampered database ($i)"
        run_as olga case note "$A" --note routine --on 2026-11-27
        expect_rc 0 "olga works on the tampered database ($i)"
        run_as aud timeline "$A"
        expect_rc 0 "aud works on the tampered database ($i)"
    done
}

copy_of untouched
expect_eq "$(sql "SELECT count(*) FROM audit")" "$L" "the copy holds every entry"
dk audit verify
expect_rc 0 "an untouched copy verifies"
dk check
expect_rc 0 "an untouched copy checks"

# An edited detail (the update trigger dropped, and put back to hide it).
copy_of edited
sql "DROP TRIGGER audit_append_only_update;
UPDATE audit SET detail = 'case_read role' WHERE id = $K;
$TU"
expect_eq "$(sql "SELECT detail FROM audit WHERE id = $K")" "case_read role" "entry $K was edited"
expect_caught "edited entry" "^docket: audit entry $K does not match its hash"
more_work
expect_caught "edited entry, then more work" "^docket: audit entry $K does not match its hash"

# The same edit with the trigger left dropped: both name the entry (check reads the chain
# before the guards).
copy_of edited_unguarded
sql "DROP TRIGGER audit_append_only_update;
UPDATE audit SET detail = 'case_read role' WHERE id = $K"
expect_caught "edited entry, trigger dropped" "^docket: audit entry $K does not match its hash" \
    "^docket: audit entry $K does not match its hash"

# Other fields of an entry are chained too.
for change in "account = 'ada'" "action = 'unlock'" "case_gid = NULL" "at = '2026-01-01T00:00:00Z'"; do
    copy_of edited_field
    sql "DROP TRIGGER audit_append_only_update; UPDATE audit SET $change WHERE id = $K; $TU"
    expect_caught "entry $K edited ($change)" "^docket: audit entry $K does not match its hash"
done

# A deleted entry in the middle.
copy_of deleted
sql "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id = $K; $TD"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE id = $K")" "0" "entry $K was deleted"
expect_caught "deleted entry" "^docket: audit entry $K is missing"
more_work
expect_caught "deleted entry, then more work" "^docket: audit entry $K is missing"

# The first entry deleted.
copy_of deleted_first
sql "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id = 1; $TD"
expect_caught "deleted first entry" "^docket: audit entry 1 is missing"

# The tail cut: the last three entries deleted, the trigger put back.
copy_of cut
sql "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > $((L - 3)); $TD"
expect_eq "$(sql "SELECT max(id) FROM audit")" "$((L - 3))" "the tail was cut"
expect_caught "cut tail" "^docket: the audit log ends at entry [0-9]+ but the key slots file recorded entry $L "
more_work
expect_eq "$(sql "SELECT max(id) > $L FROM audit")" "1" "the log grew past the recorded head again"
expect_caught "cut tail, then more work (past the recorded head)" "^docket: audit entry $L differs"
expect_eq "$(grep '^audit-head ' "$DB.keys" | cut -d' ' -f2)" "$L" \
    "the key slots file keeps the head the log no longer holds"

# Everything deleted.
copy_of wiped
sql "DROP TRIGGER audit_append_only_delete; DELETE FROM audit; $TD"
expect_caught "wiped log" "^docket: the audit log ends at entry [0-9]+ but the key slots file recorded entry $L "

# A guard trigger dropped alone: check catches it.
for trigger in audit_append_only_update audit_append_only_delete event_append_only_update \
    event_append_only_delete; do
    copy_of dropped
    sql "DROP TRIGGER $trigger"
    dk check
    expect_rc 1 "$trigger dropped: check"
    expect_error_line "$trigger dropped: check"
    expect_eq "$err" "docket: the append-only trigger $trigger is missing (the database was altered)" \
        "$trigger dropped: check names it"
    more_work
    dk check
    expect_rc 1 "$trigger dropped, then more work: check"
    expect_match "$err" "$trigger" "$trigger dropped, then more work: check names it"
done

# None of this touched the original.
DB=$ORIG
dk audit verify
expect_rc 0 "the original still verifies"
dk check
expect_rc 0 "the original still checks"

finish
