#!/usr/bin/env bash
# Events dated the same day apply in the order they were recorded, then by their global id
# (deadlines.md), never by the local row id: two offices' copies of the same events number their
# rows differently once they exchange bundles (issue 13). An insider with the key
# (tests/tools/dk_sql) gives two same-day events one recording time and global ids in the reverse
# of their row ids; the case's fields and deadlines as of that day, its timeline, the victim's
# assistance line, the assistance report and the subject's actions must all follow the gids.
# And every stream (events, victims and their events, subjects and their actions) is recorded
# to the microsecond in one format, so ties are rare and sort as text.
. "$(dirname "$0")/lib.sh"
: "${DK_SQL:?DK_SQL must point at tests/tools/dk_sql}"

# sql SQL: runs SQL on $DB with the admin's key; prints the rows.
sql() {
    local o
    o=$("$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"$1") || { fail "dk_sql failed on: $1"; return 0; }
    printf '%s' "$o"
}

LOW="x'00000000000000000000000000000001'"
HIGH="x'ffffffffffffffffffffffffffffffff'"
AT=2026-03-05T09:00:00.000000Z

# same_day TABLE FIRST_WHERE SECOND_WHERE: the two rows (FIRST written first, so its row id is the
# lower) get one recording time, FIRST the highest gid and SECOND the lowest. The append-only
# trigger is dropped for the edit and put back exactly as it was.
same_day() {
    local table=$1 first=$2 second=$3 trigger
    trigger=$(sql "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND
                   name = '${table}_append_only_update'")
    expect_match "$trigger" "^CREATE TRIGGER ${table}_append_only_update" "$table: its trigger"
    expect_eq "$(sql "SELECT (SELECT id FROM $table WHERE $first) < (SELECT id FROM $table WHERE
                      $second)")" 1 "$table: the first row has the lower row id"
    sql "DROP TRIGGER ${table}_append_only_update;
         UPDATE $table SET recorded_at = '$AT' WHERE ($first) OR ($second);
         UPDATE $table SET gid = $HIGH WHERE $first;
         UPDATE $table SET gid = $LOW WHERE $second;
         $trigger;" >/dev/null
    expect_eq "$(sql "SELECT count(*) FROM $table WHERE recorded_at = '$AT'")" 2 \
        "$table: two rows recorded at the same microsecond"
}

init_db
TODAY=2026-03-03
dk case add --mission MONUSCO --reported 2026-03-02 --category sexual_abuse
expect_rc 0 "case add"
REF=$out
dk case move "$REF" assessment --on 2026-03-02
expect_rc 0 "to assessment"
dk case move "$REF" referred --on 2026-03-03 --entity oios
expect_rc 0 "to referred"

# Two changes of one field on one day: the later one written (higher row id) says urgent no.
TODAY=2026-03-05
dk case set "$REF" urgent yes
expect_rc 0 "urgent yes"
dk case set "$REF" urgent no
expect_rc 0 "urgent no"
dk victim add "$REF" --on 2026-03-04 --sex female --age adult
expect_rc 0 "victim add"
V=$out
dk victim assist "$V" medical --on 2026-03-05 --status referred
expect_rc 0 "medical referred"
dk victim assist "$V" medical --on 2026-03-05 --status provided
expect_rc 0 "medical provided"
dk subject add "$REF" --personnel police_fpu --on 2026-03-04
expect_rc 0 "subject add"
S=$out
dk subject action "$S" demotion --on 2026-03-05
expect_rc 0 "demotion"
dk subject action "$S" reprimand --on 2026-03-05
expect_rc 0 "reprimand"
# A later event, so that the case as of 2026-03-06 is replayed from its events.
TODAY=2026-03-10
dk case move "$REF" investigating --on 2026-03-10
expect_rc 0 "to investigating"

# As written, row ids and recording times agree: urgent no last, provided last, reprimand last.
TODAY=2026-03-06
dk timeline "$REF" --format csv
expect_eq "$(printf '%s\n' "$out" | grep -c 'urgent set to')" 2 "two urgency changes"
expect_match "$out" "urgent set to yes.*urgent set to no" "before: yes then no"

# Every row of every stream is recorded to the microsecond, one format that sorts as text.
US='[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'
for table in event victim victim_event subject subject_action; do
    expect_eq "$(sql "SELECT count(*) || ' of ' || (SELECT count(*) FROM $table) FROM $table WHERE
                      recorded_at NOT GLOB '$US'")" "0 of $(sql "SELECT count(*) FROM $table")" \
        "$table: recorded_at to the microsecond"
done

same_day event "kind = 'set' AND value = 'yes'" "kind = 'set' AND value = 'no'"
same_day victim_event "kind = 'assistance' AND status = 'referred'" \
    "kind = 'assistance' AND status = 'provided'"
same_day subject_action "action = 'demotion'" "action = 'reprimand'"
dk check
# The triggers are as they were, but the rows were edited around docket: the case seals say so
# (issue 16, tests/cli/test_case_seals.sh); the views below still follow the gids.
expect_rc 1 "check: the edits made in the shell are caught by the case seals"
expect_match "$err" "^docket: case $REF was altered outside docket" "check names the case edited in the shell"

# Now the gids put "urgent no" first and "urgent yes" last on 2026-03-05.
dk timeline "$REF" --format csv
expect_match "$out" "urgent set to no.*urgent set to yes" "timeline: the day's events in gid order"
lacks "$out" "timeline: nothing after today (no move to Investigating)" "Investigating"
dk case show "$REF"
expect_match "$out" "Urgent +yes" "case as of 2026-03-06: urgent, as the day's last event by gid left it"
has "$out" "case as of 2026-03-06: the urgent rule's deadline" "Investigation: 90 days"
lacks "$out" "case as of 2026-03-06: not the other one" "Investigation: 6 months"

# The victim's medical line: "provided" first, then "referred" (the latest by gid).
dk victim show "$V" --format json
expect_eq "$(printf '%s' "$out" | python3 -c 'import json, sys
print(",".join(l["kind"] + ":" + l["status"] for l in json.load(sys.stdin)["assistance_lines"]))')" \
    "medical:referred" "victim show: the assistance line is the latest event by gid"
dk report assistance --format csv
expect_eq "$(printf '%s\n' "$out" | grep '^medical,')" "medical,referred,1" \
    "report assistance: the line as the victim shows it"

# The subject's actions in gid order.
dk subject list "$REF" --format csv
expect_match "$out" "2026-03-05 reprimand.*2026-03-05 demotion" "subject list: the day's actions in gid order"

finish
