#!/usr/bin/env bash
# Issue 16: case rows made tamper-evident. An insider with the data key and a SQLCipher shell
# (dk_sql) edits a case's rows around the engine, putting back any append-only trigger it dropped
# with its original text; `check` then fails naming the case (row "case histories") and opening
# the case warns (HACKING.md "Insiders: the threat model", "Case rows"). An honest history of many
# commands passes; the upgrade of a pre-16 database (tests/cli/fixtures/pre16) seals every case.
#
# The attacker is the auditor `aude`: it holds the data key (its slot unwraps it), nothing else.
. "$(dirname "$0")/lib.sh"
: "${DK_SQL:?DK_SQL must point at dk_sql}"
FIXTURE=$(cd "$(dirname "$0")" && pwd)/fixtures/pre16

# sql WHO SQL: runs SQL on $DB with WHO's own slot (the data key); prints the rows.
sql() {
    local o pass="$1 passphrase"
    [ "$1" = admin ] && pass=$PASS
    o=$("$DK_SQL" "$DB" "$1" 3<<<"$pass" <<<"$2") || { fail "dk_sql as $1 failed on: $2"; return 0; }
    printf '%s' "$o"
}
# unguarded TABLE SQL: SQL run by aude in one transaction with TABLE's append-only triggers
# dropped first and recreated after with their original text (read from sqlite_master).
unguarded() {
    local table=$1 drop make n
    drop=$(sql aude "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
        WHERE type = 'trigger' AND tbl_name = '$table'")
    make=$(sql aude "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '$table'")
    n=$(grep -c '^DROP TRIGGER' <<<"$drop" || true)
    [ "$n" -eq 2 ] && ok || fail "the guards of $table: [$drop]"
    expect_eq "$(sql aude "BEGIN;
$drop
$2;
$make
COMMIT;
SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '$table'")" "$n" \
        "the guards of $table are back after: $2"
}
# copy_of NAME: a fresh copy of the world's database and key slots; DB points at it.
copy_of() {
    DB=$SANDBOX/$1.db
    cp "$SANDBOX/world.db" "$DB"
    cp "$SANDBOX/world.db.keys" "$DB.keys"
}
# check_fails WHAT PATTERN: the admin's `check` exits 1, marks a row FAILED and says PATTERN.
check_fails() {
    local what=$1 pat=$2
    run_as admin check
    expect_rc 1 "$what: check"
    expect_match "$out" 'case histories +FAILED' "$what: the case histories row fails"
    expect_match "$(printf '%s\n' "$err" | tail -n 1)" "^docket: .*$pat" "$what: check names it"
}
# altered WHAT [full]: check fails naming case $A, and showing it warns; with full, its timeline
# warns too and the other case shows without a warning.
altered() {
    local what=$1
    check_fails "$what" "case $A (was altered outside docket|carries no seal)"
    run_as omar case show "$A"
    expect_rc 0 "$what: case show still shows the case"
    expect_match "$err" "warning: case $A (was altered outside docket|carries no seal)" "$what: case show warns"
    [ "${2:-}" = full ] || return 0
    run_as admin timeline "$A"
    expect_rc 0 "$what: the timeline still shows"
    expect_match "$err" "warning: case $A" "$what: the timeline warns"
    run_as admin case show "$B"
    expect_eq "$err" "" "$what: the other case shows without a warning"
}

# --- The world: an honest history of many commands ---------------------------------------------
init_db
add_user omar --role officer --mission UNMISS
add_user aude --role auditor
run_as omar case add --mission UNMISS --reported 2026-10-01 --category sexual_abuse --summary 'first'
expect_rc 0 "case A"
A=$out
run_as omar case add --mission UNMISS --reported 2026-10-02 --category sexual_exploitation
expect_rc 0 "case B"
B=$out
for step in "case note $A --note one --on 2026-10-03" "case move $A assessment --on 2026-10-04" \
    "case set $A source hotline --on 2026-10-04" "case note $A --note two --on 2026-10-05" \
    "case move $A referred --on 2026-10-06 --entity tcc" "case note $B --note other --on 2026-10-06"; do
    run_as omar $step
    expect_rc 0 "honest: $step"
done
run_as omar victim add "$A" --sex female --age adult --name 'Victim Name' --on 2026-10-07
expect_rc 0 "honest: a victim"
V=$out
run_as omar victim inform "$V" --on 2026-10-08 --note 'told of progress'
expect_rc 0 "honest: the victim informed"
run_as omar subject add "$A" --personnel military_mc --name 'Subject Name' --on 2026-10-08
expect_rc 0 "honest: a subject"
S=$out
run_as admin check
expect_rc 0 "honest: check passes"
expect_match "$out" 'case histories' "honest: check has the case histories row"
run_as admin case show "$A"
expect_eq "$err" "" "honest: case show says nothing more"
run_as admin audit log --format csv
[ "$(csv "sum(1 for x in r if x['action'] == 'seal')")" -ge 10 ] && ok || fail "honest: each write sealed"
expect_eq "$(sql aude "SELECT count(DISTINCT case_gid) FROM case_seal")" 2 "honest: both cases sealed"
cp "$DB" "$SANDBOX/world.db"
cp "$DB.keys" "$SANDBOX/world.db.keys"
CASE_A="(SELECT id FROM case_file WHERE ref = '$A')"

# --- Each attack on a copy of the world ---------------------------------------------------------
copy_of event_edit
# The notes are sealed (a BLOB): the first and the second of case A's by their order.
NOTE_ONE="(SELECT min(id) FROM event WHERE case_id = $CASE_A AND kind = 'note')"
NOTE_TWO="(SELECT max(id) FROM event WHERE case_id = $CASE_A AND kind = 'note')"
unguarded event "UPDATE event SET note = 'rewritten' WHERE id = $NOTE_ONE"
expect_eq "$(sql aude "SELECT count(*) FROM event WHERE note = 'rewritten'")" 1 "event edit: made"
altered "event edited" full

copy_of event_delete
unguarded event "DELETE FROM event WHERE id = $NOTE_TWO"
altered "event deleted"

copy_of event_insert
sql aude "INSERT INTO event (gid, office, case_id, on_date, recorded_at, actor, kind, state, urgent,
    entity, field, value, note, previous, data, parents) SELECT randomblob(16), office, case_id,
    on_date, recorded_at, actor, kind, state, urgent, entity, field, value, 'fake', previous, data,
    parents FROM event WHERE case_id = $CASE_A ORDER BY id DESC LIMIT 1" >/dev/null
expect_eq "$(sql aude "SELECT count(*) FROM event WHERE note = 'fake'")" 1 "fake event: made"
altered "a fake event"

copy_of case_state
sql aude "UPDATE case_file SET state = 'closed', closure = 'unsubstantiated' WHERE ref = '$A'" >/dev/null
altered "case_file state changed"

copy_of subject_name
sql aude "UPDATE subject_identity SET name = 'Someone Else'" >/dev/null
altered "a subject's name changed"

copy_of victim_note
unguarded victim_event "UPDATE victim_event SET note = 'never told' WHERE kind = 'informed'"
altered "a victim event's note changed"

copy_of seal_delete
unguarded case_seal "DELETE FROM case_seal WHERE case_gid = (SELECT gid FROM case_file WHERE ref = '$A')
    AND audit_id = (SELECT max(audit_id) FROM case_seal WHERE case_gid = (SELECT gid FROM case_file WHERE ref = '$A'))"
altered "a seal row deleted"

copy_of seal_edit
unguarded case_seal "UPDATE case_seal SET chain = randomblob(32) WHERE case_gid =
    (SELECT gid FROM case_file WHERE ref = '$A') AND events = 1"
altered "a seal row edited"

# An edit, then an honest write to the case: the write warns, seals the case again and leaves a
# signed entry saying it found the case altered; check fails on that entry from then on.
copy_of launder
sql aude "UPDATE case_file SET summary = 'laundered' WHERE ref = '$A'" >/dev/null
run_as omar case note "$A" --note three --on 2026-10-09
expect_rc 0 "launder: omar's note is recorded"
expect_match "$err" "warning: case $A was altered outside docket" "launder: the write warns"
run_as admin audit log --format csv
expect_eq "$(csv "sum(1 for x in r if x['action'] == 'seal_differs')")" 1 "launder: one seal_differs entry"
run_as admin check
expect_rc 1 "launder: check after the write"
expect_match "$(printf '%s\n' "$err" | tail -n 1)" "^docket: audit entry [0-9]+ found a case altered outside docket" \
    "launder: check names the entry"

# The same through a victim's code and a subject's, which name no case: each case the command
# reaches (every case the victim is named in, the subject's) is checked before it is sealed again.
for how in victim subject; do
    copy_of "launder_$how"
    sql aude "UPDATE case_file SET summary = 'laundered' WHERE ref = '$A'" >/dev/null
    if [ "$how" = victim ]; then
        run_as omar victim inform "$V" --on 2026-10-09 --note again
    else
        run_as omar subject action "$S" payments_suspended --interim --on 2026-10-09
    fi
    expect_rc 0 "launder through a $how: the write is recorded"
    expect_match "$err" "warning: case $A was altered outside docket" "launder through a $how: the write warns"
    run_as admin audit log --format csv
    expect_eq "$(csv "sum(1 for x in r if x['action'] == 'seal_differs')")" 1 \
        "launder through a $how: one seal_differs entry"
    run_as admin check
    expect_rc 1 "launder through a $how: check after the write"
    expect_match "$(printf '%s\n' "$err" | tail -n 1)" "^docket: audit entry [0-9]+ found a case altered outside docket" \
        "launder through a $how: check names the entry"
done

# An edit sealed again by hand: the seal entry's digest no longer matches its rows.
copy_of reseal
unguarded case_seal "UPDATE case_seal SET events = events + 0, state = randomblob(32)
    WHERE audit_id = (SELECT min(audit_id) FROM case_seal)"
check_fails "a seal's state replaced" "(case $A|case $B|audit entry [0-9]+)"

# A case made in the shell, and the once-only sealing's marker removed: the administrator's
# next unlock does not seal it (the log already holds seals_upgrade).
copy_of fabricated
sql aude "INSERT INTO case_file (gid, office, ref, mission, ref_mission, year, seq, reported, category,
    state, state_since, last_event_on) SELECT randomblob(16), office, 'UNMISS-2026-0099', mission,
    ref_mission, year, 99, reported, category, state, state_since, last_event_on FROM case_file
    WHERE ref = '$A'; DELETE FROM meta WHERE key = 'case_seals'" >/dev/null
run_as admin case list
expect_rc 0 "fabricated: the administrator's next command"
check_fails "a case made in the shell" "case UNMISS-2026-0099 carries no seal"

# --- The upgrade of a database made before issue 16 seals every case ---------------------------
DB=$SANDBOX/pre16.db
cp "$FIXTURE/pre16.db" "$DB"
cp "$FIXTURE/pre16.db.keys" "$DB.keys"
chmod 600 "$DB" "$DB.keys"
run_as amina case list
expect_rc 0 "pre16: the administrator's first command upgrades"
expect_eq "$(sql amina "SELECT count(*) FROM case_file c WHERE NOT EXISTS
    (SELECT 1 FROM case_seal s WHERE s.case_gid = c.gid)")" 0 "pre16: every case has a seal"
expect_eq "$(sql amina "SELECT count(*) FROM case_file")" 3 "pre16: its three cases"
run_as amina audit log --format csv
expect_eq "$(csv "sum(1 for x in r if x['action'] == 'seals_upgrade')")" 1 "pre16: one seals_upgrade"
run_as amina check
expect_rc 0 "pre16: check after the upgrade"
expect_match "$out" 'case histories' "pre16: the case histories row"
sql amina "UPDATE case_file SET summary = 'changed' WHERE ref = 'UNMISS-2026-0002'" >/dev/null
run_as amina check
expect_rc 1 "pre16: an edit after the upgrade"
expect_match "$(printf '%s\n' "$err" | tail -n 1)" "case UNMISS-2026-0002 was altered outside docket" \
    "pre16: check names the case"

finish
