#!/usr/bin/env bash
# Exchange between offices: a field office FIELD, headquarters HQ and a second field office EAST
# trust each other's office lines, then send bundles: FIELD -> HQ (what HQ shows equals what
# FIELD shows), the same bundle twice, two bundles out of order, HQ -> FIELD, the chain
# FIELD -> HQ -> EAST and EAST -> HQ -> FIELD, concurrent moves flagged alike on both sides and
# resolved by a move, a reference two offices share (REF@OFFICE), --mission and an officer's
# scope narrowing an export, and --office filtering lists, deadlines and reports.
. "$(dirname "$0")/lib.sh"

# Each office is a database in its own folder, with its own administrator (same passphrase);
# copies of HQ (hq_*) are the same office.
declare -A ADMIN=([field]=ana [hq]=hugo [east]=eva)
B=$SANDBOX/bundles
mkdir -p "$B"

# at OFFICE ARGS...: dk on OFFICE's database as its administrator.
at() {
    local o=$1
    shift
    DB=$SANDBOX/$o/case.db DK_USER=${ADMIN[${o%%_*}]} dk "$@"
}
# at_ok OFFICE WHAT ARGS...: at, expecting exit 0.
at_ok() {
    local o=$1 what=$2
    shift 2
    at "$o" "$@"
    expect_rc 0 "$o: $what"
}
# copy_office FROM TO: TO becomes a copy of FROM's database and key slots (the same office).
copy_office() {
    mkdir -p "$SANDBOX/$2"
    cp "$SANDBOX/$1/case.db" "$SANDBOX/$2/case.db"
    cp "$SANDBOX/$1/case.db.keys" "$SANDBOX/$2/case.db.keys"
}
# send FROM TO FILE [EXPORT OPTIONS...]: FROM exports for TO's office into $B/FILE.
declare -A NAME=([field]=FIELD [hq]=HQ [east]=EAST)
send() {
    local from=$1 to=$2 file=$3
    shift 3
    at "$from" export --for "${NAME[$to]}" --to "$B/$file" "$@"
    expect_rc 0 "$from exports $file for ${NAME[$to]}"
    [ -s "$B/$file" ] && ok || fail "$from: export wrote no $file"
}
# receive OFFICE FILE WANT: OFFICE imports $B/FILE and prints exactly WANT.
receive() {
    at "$1" import "$B/$2"
    expect_rc 0 "$1 imports $2"
    expect_eq "$out" "$3" "$1 imports $2: what it did"
    expect_eq "$err" "" "$1 imports $2: nothing on stderr"
}
# view OFFICE REF...: everything shown about the cases REF... (identities included: admins).
view() {
    local o=$1 r s=""
    shift
    for r in "$@"; do
        for cmd in "case show $r" "timeline $r --format csv" "subject list $r --format csv" \
            "victim list $r --format csv"; do
            # shellcheck disable=SC2086
            at "$o" $cmd
            [ "$rc" -eq 0 ] || fail "$o: $cmd: exit $rc ($err)"
            s+="== $cmd"$'\n'"$out"$'\n'
        done
    done
    printf '%s' "$s"
}
# whole OFFICE [OPTIONS...]: the database-wide views (case list, deadlines, victims, report).
whole() {
    local o=$1 s=""
    shift
    for cmd in "case list --format csv" "deadlines --all --format csv" "victim list --format csv" \
        "report allegations --format csv" "report allegations --by mission --format csv"; do
        # shellcheck disable=SC2086
        at "$o" $cmd "$@"
        [ "$rc" -eq 0 ] || fail "$o: $cmd $*: exit $rc ($err)"
        # case list names each case's office only where several offices' cases are held.
        [ "${cmd%% *}" = case ] && out=$(cut -d, -f1-8 <<<"$out")
        s+="== $cmd"$'\n'"$out"$'\n'
    done
    printf '%s' "$s"
}
# same WHAT A B: two views are identical (a diff on failure).
same() {
    if [ "$2" == "$3" ]; then ok; else fail "$1:
$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3"))"; fi
}
# events OFFICE: case events, victim events and subject actions in OFFICE's database (dk_sql).
events() {
    "$DK_SQL" "$SANDBOX/$1/case.db" "${ADMIN[${1%%_*}]}" 3<<<"$PASS" <<<"SELECT
        (SELECT count(*) FROM event) + (SELECT count(*) FROM victim_event) +
        (SELECT count(*) FROM subject_action)"
}

# --- Three offices, each trusting the others' lines ---------------------------------------------
LINE_RE='^docket-office:1:[A-Za-z0-9._-]+:[0-9a-f]{32}:[0-9a-f]{64}:[0-9a-f]{64}:[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'
declare -A LINE
for o in field hq east; do
    mkdir -p "$SANDBOX/$o"
    at_ok "$o" "init with an office" init --admin "${ADMIN[$o]}" --kdf interactive --office "${NAME[$o]}"
    at_ok "$o" "office show" office show
    expect_match "$out" "$LINE_RE" "$o: office show prints its office line"
    LINE[$o]=$out
    # The same holidays everywhere, so working-day deadlines agree.
    for m in MONUSCO MINUSCA UNMISS; do
        at_ok "$o" "holiday in $m" holiday add --mission "$m" 2026-12-25 'Christmas'
        at_ok "$o" "holiday in $m" holiday add --mission "$m" 2026-10-14 'Mission day'
    done
done
for pair in "field hq" "hq field" "hq east" "east hq"; do
    read -r o peer <<<"$pair"
    at_ok "$o" "trusts ${NAME[$peer]}" office trust "${LINE[$peer]}" --yes
done

# --- FIELD records cases; EAST records one under a reference FIELD also uses ------------------
A1=MONUSCO-2026-0001 A2=MINUSCA-2026-0001 A3=MONUSCO-2026-0002 U=UNMISS-2026-0001
at_ok field "case A1" case add --mission MONUSCO --reported 2026-09-01 --category sexual_abuse \
    --summary 'QXF summary one' --nationality NPL
expect_eq "$out" "$A1" "A1's reference"
at_ok field "A1 to assessment" case move "$A1" assessment --on 2026-09-02
at_ok field "A1 referred" case move "$A1" referred --on 2026-09-03 --entity oios
at_ok field "victim of A1" victim add "$A1" --sex female --age child --name 'QXF Victim One' --on 2026-09-02
V1=$out
at_ok field "V1 assisted" victim assist "$V1" medical --on 2026-09-04 --status referred --provider 'QXF clinic' --consent yes
at_ok field "V1 informed" victim inform "$V1" --on 2026-09-20
at_ok field "V1 paternity" victim paternity "$V1" claimed --on 2026-09-21
at_ok field "subject of A1" subject add "$A1" --personnel military_mc --nationality FRA --name 'QXF Subject One' --on 2026-09-05
S1=$out
at_ok field "S1 repatriated" subject action "$S1" repatriated --interim --on 2026-09-06
at_ok field "A1 extended" case extend "$A1" investigation_6m --to 2027-06-30 --reason 'QXF witness abroad'
at_ok field "A1 note" case note "$A1" --note 'QXF note one' --on 2026-11-27
at_ok field "case A2" case add --mission MINUSCA --reported 2026-10-01 --category sexual_exploitation
expect_eq "$out" "$A2" "A2's reference"
at_ok field "A2 to assessment" case move "$A2" assessment --on 2026-10-05
at_ok field "A2 limited_info" case move "$A2" limited_info --on 2026-10-06 --note 'QXF waiting'
at_ok field "A2 summary" case set "$A2" summary 'QXF summary two' --on 2026-10-07
at_ok field "victim of A2" victim add "$A2" --sex male --age adult --on 2026-10-02
V2=$out
at_ok field "subject of A2" subject add "$A2" --personnel police_fpu --on 2026-10-03
at_ok field "case A3" case add --mission MONUSCO --reported 2026-11-01 --category sexual_abuse
expect_eq "$out" "$A3" "A3's reference"
at_ok field "case U (FIELD's)" case add --mission UNMISS --reported 2026-11-10 --category sexual_abuse
expect_eq "$out" "$U" "FIELD's UNMISS case"
at_ok east "case U (EAST's)" case add --mission UNMISS --reported 2026-11-12 --category sexual_exploitation
expect_eq "$out" "$U" "EAST numbers its own cases: the same reference"
at_ok east "victim of EAST's U" victim add "$U" --sex female --age adult --on 2026-11-13

# Counted by hand: A1 created, 2 moves, extension, note (5) + V1 added, assisted, informed,
# paternity (4) + S1's action (1) = 10; A2 created, 2 moves, summary (4) + V2 added (1) = 5;
# A3 created (1); U created (1). Subjects added are not events.
expect_eq "$(events field)" "17" "FIELD holds the 17 events counted by hand"
# A holiday FIELD alone knows: it travels with its mission's cases, so deadlines still agree.
at_ok field "a holiday of FIELD's own" holiday add --mission MONUSCO 2026-11-30 'Field day'
copy_office hq hq_fresh # HQ before any import (it trusts FIELD and EAST)

# --- FIELD -> HQ: HQ shows what FIELD shows -----------------------------------------------------
send field hq b1
expect_eq "$out" "exported 17 events of 4 cases for HQ" "the first export: every event of the four cases"
receive hq b1 "17 events, 4 new cases, 0 conflicts"
same "HQ's cases equal FIELD's (views)" "$(view hq $A1 $A2 $A3 $U)" "$(view field $A1 $A2 $A3 $U)"
same "HQ's database-wide views equal FIELD's" "$(whole hq)" "$(whole field)"
same "HQ's holidays equal FIELD's" "$(at hq holiday list --format csv; echo "$out")" \
    "$(at field holiday list --format csv; echo "$out")"
at hq case show "$A1"
has "$out" "HQ: A1 with its victim and subject" "$V1" "$S1" "QXF Subject One" "QXF summary one" "2027-06-30"
at hq victim show "$V1"
has "$out" "HQ: the victim's identity travelled" "QXF Victim One"
expect_eq "$(events hq)" "17" "HQ holds the 17 events"

# The same bundle again changes nothing.
before=$(view hq $A1 $A2 $A3 $U; whole hq)
receive hq b1 "0 events, 0 new cases, 0 conflicts"
same "importing b1 twice changes nothing" "$(view hq $A1 $A2 $A3 $U; whole hq)" "$before"
expect_eq "$(events hq)" "17" "still 17 events after the second import"

# --- Out of order: b2 then b1 equals b1 then b2 --------------------------------------------------
A4=MONUSCO-2026-0003
at_ok field "A1 investigating" case move "$A1" investigating --on 2026-11-27
at_ok field "V1 informed again" victim inform "$V1" --on 2026-11-26
at_ok field "A2 note" case note "$A2" --note 'QXF note two' --on 2026-11-20
at_ok field "A3 to assessment" case move "$A3" assessment --on 2026-11-03
at_ok field "case A4" case add --mission MONUSCO --reported 2026-11-20 --category sexual_abuse
expect_eq "$out" "$A4" "A4's reference"
at_ok field "victim of A4" victim add "$A4" --sex female --age adult --name 'QXF Victim Four' --on 2026-11-21
# b2: A1 moved, V1 informed, A2 note, A3 moved, A4 created, V4 added = 6 events, 1 new case.
send field hq b2
expect_eq "$out" "exported 6 events of 4 cases for HQ" "the second export: only what HQ was not sent"
copy_office hq_fresh hq_ooo
receive hq b2 "6 events, 1 new cases, 0 conflicts"
at hq_ooo import "$B/b2"
expect_rc 0 "b2 imported first"
expect_match "$out" '^6 events, [0-9]+ new cases, 0 conflicts$' "b2 first: its six events"
first=0
[[ $out =~ ^6\ events,\ ([0-9]+)\ new ]] && first=${BASH_REMATCH[1]}
at hq_ooo import "$B/b1"
expect_rc 0 "b1 imported after b2"
expect_match "$out" '^17 events, [0-9]+ new cases, 0 conflicts$' "b1 after b2: its seventeen events"
second=0
[[ $out =~ ^17\ events,\ ([0-9]+)\ new ]] && second=${BASH_REMATCH[1]}
expect_eq "$((first + second))" "5" "b2 then b1: five cases new in all"
same "out of order equals in order" "$(view hq_ooo $A1 $A2 $A3 $A4 $U; whole hq_ooo)" \
    "$(view hq $A1 $A2 $A3 $A4 $U; whole hq)"
same "HQ equals FIELD after b2" "$(view hq $A1 $A2 $A3 $A4 $U; whole hq)" \
    "$(view field $A1 $A2 $A3 $A4 $U; whole field)"
expect_eq "$(events hq_ooo) $(events hq)" "23 23" "both copies of HQ hold the 23 events"

# --- HQ -> FIELD: a move recorded at headquarters comes back -----------------------------------
at_ok hq "HQ concludes A1" case move "$A1" concluded --on 2026-11-27 --outcome substantiated
send hq field h1
expect_eq "$out" "exported 1 events of 1 cases for FIELD" "HQ sends FIELD only its own move"
receive field h1 "1 events, 0 new cases, 0 conflicts"
at field case show "$A1" --format json
expect_eq "$(json 'd["state"], d["outcome"]')" "concluded substantiated" "FIELD sees HQ's move"
same "FIELD equals HQ after HQ's move" "$(view field $A1 $A2 $A3 $A4 $U; whole field)" \
    "$(view hq $A1 $A2 $A3 $A4 $U; whole hq)"
send field hq b3
receive hq b3 "0 events, 0 new cases, 0 conflicts"

# --- FIELD -> HQ -> EAST: HQ forwards FIELD's events --------------------------------------------
send hq east h2
expect_eq "$out" "exported 24 events of 5 cases for EAST" "HQ forwards every event it holds to EAST"
receive east h2 "24 events, 5 new cases, 0 conflicts"
same "EAST equals FIELD for FIELD's cases" "$(view east $A1 $A2 $A3 $A4)" "$(view field $A1 $A2 $A3 $A4)"
same "EAST's holidays equal FIELD's" "$(at east holiday list --format csv; echo "$out")" \
    "$(at field holiday list --format csv; echo "$out")"
# EAST now holds two UNMISS-2026-0001: its own and FIELD's.
at east case show "$U"
expect_rc 1 "EAST: a plain shared reference"
expect_eq "$err" "docket: $U names 2 cases: $U@EAST, $U@FIELD" "EAST: the refusal names both cases"
at east case show "$U@FIELD" --format json
expect_rc 0 "EAST: $U@FIELD"
expect_eq "$(json 'd["mission"], d["reported"], d["category"]')" "UNMISS 2026-11-10 sexual_abuse" \
    "EAST: $U@FIELD is FIELD's case"
at east case show "$U@EAST" --format json
expect_eq "$(json 'd["mission"], d["reported"], d["category"]')" "UNMISS 2026-11-12 sexual_exploitation" \
    "EAST: $U@EAST is its own case"

# --- EAST -> HQ -> FIELD ---------------------------------------------------------------------------
at_ok east "EAST notes A2" case note "$A2" --note 'QXE note from east' --on 2026-11-27
send east hq e1
expect_match "$out" '^exported [0-9]+ events of [0-9]+ cases for HQ$' "EAST's export line"
# EAST's own: its case created, its victim added, its note on A2.
receive hq e1 "3 events, 1 new cases, 0 conflicts"
send hq field h3
receive field h3 "3 events, 1 new cases, 0 conflicts"
same "A2 with EAST's note: FIELD equals EAST" "$(view field $A2)" "$(view east $A2)"
same "A2 with EAST's note: HQ equals EAST" "$(view hq $A2)" "$(view east $A2)"
same "EAST's case at FIELD equals EAST's" "$(view field "$U@EAST")" "$(view east "$U@EAST")"
same "FIELD's case at HQ equals FIELD's" "$(view hq "$U@FIELD")" "$(view field "$U@FIELD")"

# --- A reference two offices share, at HQ ---------------------------------------------------------
at hq case show "$U"
expect_rc 1 "HQ: a plain shared reference is refused"
expect_eq "$err" "docket: $U names 2 cases: $U@EAST, $U@FIELD" "HQ: the refusal names both cases"
at hq timeline "$U"
expect_rc 1 "HQ: timeline of a plain shared reference is refused"
at hq case note "$U" --note 'QXH ambiguous' --on 2026-11-27
expect_rc 1 "HQ: a note on a plain shared reference is refused"
at_ok hq "case show REF@EAST" case show "$U@EAST" --format json
expect_eq "$(json 'd["reported"]')" "2026-11-12" "HQ: $U@EAST is EAST's"
at_ok hq "case show REF@FIELD" case show "$U@FIELD" --format json
expect_eq "$(json 'd["reported"]')" "2026-11-10" "HQ: $U@FIELD is FIELD's"
at_ok hq "case list" case list --format csv
expect_match "$(head -n 1 <<<"$out")" '(^|,)office(,|$)' "HQ holds several offices' cases: case list has an office column"
at_ok hq "case list --office EAST" case list --office EAST --format csv
expect_eq "$(tail -n +2 <<<"$out" | wc -l)" "1" "case list --office EAST: EAST's one case"
has "$out" "case list --office EAST" "UNMISS"
lacks "$out" "case list --office EAST" MONUSCO MINUSCA
at_ok hq "case list --office FIELD" case list --office FIELD --format csv
expect_eq "$(tail -n +2 <<<"$out" | wc -l)" "5" "case list --office FIELD: FIELD's five cases"
at hq case list --office NOWHERE
expect_rc 1 "case list --office with an unknown office"
expect_error_line "case list --office with an unknown office"

# --- Concurrent moves: flagged alike on both sides, resolved by a move ---------------------------
# A3 stands in assessment at FIELD and HQ; each moves it without seeing the other's move.
at_ok field "FIELD: A3 limited_info" case move "$A3" limited_info --on 2026-11-25 --note 'QXF details'
at_ok hq "HQ: A3 referred" case move "$A3" referred --on 2026-11-25 --entity oios
send field hq c1
send hq field c2
receive hq c1 "1 events, 0 new cases, 1 conflicts"
receive field c2 "1 events, 0 new cases, 1 conflicts"
# rows: the data rows of $out, a CSV listing (nothing, or a header alone, when it is empty).
rows() { tail -n +2 <<<"$out" | grep -c . || true; }
at_ok field "conflicts" conflicts
fc=$out
at_ok hq "conflicts" conflicts
same "conflicts: the same on both sides" "$out" "$fc"
at_ok field "conflicts (csv)" conflicts --format csv
fc=$out
at_ok hq "conflicts (csv)" conflicts --format csv
same "conflicts (csv): the same on both sides" "$out" "$fc"
has "$out" "conflicts lists A3 with both moves" "$A3" "FIELD" "limited_info@FIELD on 2026-11-25" \
    "referred@HQ on 2026-11-25"
expect_eq "$(rows)" "1" "A3 is the one conflict"
at_ok hq "conflicts --office FIELD" conflicts --office FIELD --format csv
same "conflicts --office FIELD" "$out" "$fc"
at_ok hq "conflicts --office EAST" conflicts --office EAST --format csv
expect_eq "$(rows)" "0" "conflicts --office EAST: nothing"
same "A3 after the conflict: the same state on both sides" "$(view hq $A3)" "$(view field $A3)"
at hq case show "$A3" --format json
state=$(json 'd["state"]' || true)
expect_match "$state" '^(limited_info|referred)$' "A3 stands in one of the two states"
# An officer at HQ resolves it with a move that follows both.
DB=$SANDBOX/hq/case.db DK_USER=hugo add_user olivier --role officer --mission MONUSCO
if [ "$state" = referred ]; then move=(investigating); else move=(referred --entity oios); fi
DB=$SANDBOX/hq/case.db run_as olivier case move "$A3" "${move[@]}" --on 2026-11-27
expect_rc 0 "the officer moves A3 on from $state"
at_ok hq "conflicts after the move" conflicts --format csv
expect_eq "$(rows)" "0" "HQ: no conflict once the officer moved A3"
send hq field c3
receive field c3 "1 events, 0 new cases, 0 conflicts"
at_ok field "conflicts after the resolution" conflicts --format csv
expect_eq "$(rows)" "0" "FIELD: no conflict once the resolving move arrived"
same "A3 resolved: the same on both sides" "$(view hq $A3)" "$(view field $A3)"
send field hq c4
receive hq c4 "0 events, 0 new cases, 0 conflicts"

# --- --office filters deadlines and reports ------------------------------------------------------
for o in FIELD EAST; do
    peer=${o,,}
    same "deadlines --office $o: HQ equals $o" "$(at hq deadlines --all --office $o --format csv; echo "$out")" \
        "$(at "$peer" deadlines --all --office $o --format csv; echo "$out")"
    same "report --office $o: HQ equals $o" \
        "$(at hq report allegations --by mission --office $o --format csv; echo "$out")" \
        "$(at "$peer" report allegations --by mission --office $o --format csv; echo "$out")"
done
at_ok hq "deadlines --office EAST" deadlines --all --office EAST --format csv
expect_eq "$(tail -n +2 <<<"$out" | grep -vc "^$U" || true)" "0" "deadlines --office EAST: EAST's case only"
[ "$(tail -n +2 <<<"$out" | wc -l)" -ge 1 ] && ok || fail "deadlines --office EAST is empty"
at_ok hq "deadlines --office FIELD" deadlines --all --office FIELD --format csv
lacks "$out" "deadlines --office FIELD" "$U@EAST"
at_ok hq "report --office EAST" report allegations --office EAST --format csv
expect_eq "$(csv 'r[0]["allegations"]')" "1" "report --office EAST counts EAST's one case"
at_ok hq "report --office FIELD" report allegations --office FIELD --format csv
expect_eq "$(csv 'r[0]["allegations"]')" "5" "report --office FIELD counts FIELD's five cases"
at_ok hq "report, every office" report allegations --format csv
expect_eq "$(csv 'r[0]["allegations"]')" "6" "report without --office counts all six cases"

# --- --mission and an officer's missions narrow an export ---------------------------------------
# A2 (MINUSCA): created, 2 moves, summary, 2 notes (FIELD's and EAST's) + V2 added = 7 events.
send field hq m1 --all --mission MINUSCA
expect_eq "$out" "exported 7 events of 1 cases for HQ" "--all --mission MINUSCA: A2 alone"
copy_office hq_fresh hq_m
receive hq_m m1 "7 events, 1 new cases, 0 conflicts"
at_ok hq_m "case list after a --mission bundle" case list --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1)" "$A2" "the --mission bundle held A2 only"
same "A2 from the --mission bundle equals FIELD's" "$(view hq_m $A2)" "$(view field $A2)"
DB=$SANDBOX/field/case.db DK_USER=ana add_user ode --role officer --mission MINUSCA
DB=$SANDBOX/field/case.db run_as ode export --for HQ --to "$B/o1" --all
expect_rc 0 "an officer exports"
expect_eq "$out" "exported 7 events of 1 cases for HQ" "an officer's export holds only her missions' cases"
copy_office hq_fresh hq_o
receive hq_o o1 "7 events, 1 new cases, 0 conflicts"
at_ok hq_o "case list after an officer's bundle" case list --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1)" "$A2" "the officer's bundle held A2 only"

# --- Exports and imports are audited ---------------------------------------------------------------
at_ok hq "audit log" audit log --format csv
expect_match "$out" ',hugo,export,,for=[0-9a-f]{32} events=1' "HQ's export to FIELD is audited"
expect_match "$out" ',hugo,import,,from=[0-9a-f]{32} events=17 new=4 conflicts=0' "HQ's first import is audited"
lacks "$out" "HQ's audit log" QXF QXE

finish
