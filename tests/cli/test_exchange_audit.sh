#!/usr/bin/env bash
# The audit head that travels with bundles: HQ keeps FIELD's chain as its bundles showed it; a
# bundle whose chain does not extend it (FIELD's log cut by an insider, then grown again, or cut
# alone) is imported with a warning, flagged in `office list` with the two heads, and `check`
# fails naming FIELD; bundles taken out of order or twice are not flagged. Exports and imports
# are audit entries.
. "$(dirname "$0")/lib.sh"

declare -A ADMIN=([field]=ana [hq]=hugo) NAME=([field]=FIELD [hq]=HQ)
B=$SANDBOX/bundles
mkdir -p "$B"

# at OFFICE ARGS...: dk on OFFICE's database (or a copy, OFFICE_*) as its administrator.
at() {
    local o=$1
    shift
    DB=$SANDBOX/$o/case.db DK_USER=${ADMIN[${o%%_*}]} dk "$@"
}
at_ok() {
    local o=$1 what=$2
    shift 2
    at "$o" "$@"
    expect_rc 0 "$o: $what"
}
copy_office() {
    mkdir -p "$SANDBOX/$2"
    cp "$SANDBOX/$1/case.db" "$SANDBOX/$2/case.db"
    cp "$SANDBOX/$1/case.db.keys" "$SANDBOX/$2/case.db.keys"
}
# sql OFFICE SQL: SQL on OFFICE's database with its administrator's key (an insider).
sql() {
    local o
    o=$("$DK_SQL" "$SANDBOX/$1/case.db" "${ADMIN[${1%%_*}]}" 3<<<"$PASS" <<<"$2") ||
        { fail "dk_sql failed on: $2"; return 0; }
    printf '%s' "$o"
}
# peer OFFICE: sets $fp, $head and $chain from OFFICE's `office list` row for FIELD.
peer() {
    at_ok "$1" "office list" office list
    local row
    row=$(printf '%s\n' "$out" | grep -E '^FIELD ' || true)
    if [[ $row =~ ^FIELD\ +trusted\ +([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\ +([0-9]+:[0-9a-f]{8})\ +(.+)$ ]]; then
        fp=${BASH_REMATCH[1]} head=${BASH_REMATCH[2]} chain=${BASH_REMATCH[3]}
        chain=${chain%"${chain##*[![:space:]]}"}
        ok
    else
        fp='' head='' chain=''
        fail "$1: office list has no FIELD row with a head: [$out]"
    fi
}
# clean OFFICE FILE WANT: OFFICE imports FILE, prints WANT, warns of nothing.
clean() {
    at "$1" import "$B/$2"
    expect_rc 0 "$1 imports $2"
    expect_eq "$out" "$3" "$1 imports $2"
    expect_eq "$err" "" "$1 imports $2: no warning"
}
# work WHO N: N notes at FIELD by WHO (ana, its administrator, or ode, its officer); each adds
# two audit entries and one event.
work() {
    local who=$1 i
    for i in $(seq 1 "$2"); do
        if [ "$who" = ana ]; then
            at field case note "$A" --note "routine $i" --on 2026-11-27
        else
            DB=$SANDBOX/field/case.db run_as "$who" case note "$A" --note "routine $i" --on 2026-11-27
        fi
        expect_rc 0 "$who works at FIELD ($i)"
    done
}

declare -A LINE GID
for o in field hq; do
    mkdir -p "$SANDBOX/$o"
    at_ok "$o" "init with an office" init --admin "${ADMIN[$o]}" --kdf interactive --office "${NAME[$o]}"
    at_ok "$o" "office show" office show
    LINE[$o]=$out
    GID[$o]=$(cut -d: -f4 <<<"$out")
done
at_ok field "trusts HQ" office trust "${LINE[hq]}" --yes
at_ok hq "trusts FIELD" office trust "${LINE[field]}" --yes
DB=$SANDBOX/field/case.db DK_USER=ana add_user ode --role officer --mission MONUSCO

at_ok field "a case" case add --mission MONUSCO --reported 2026-11-01 --category sexual_abuse
A=$out
at_ok field "a move" case move "$A" assessment --on 2026-11-02
at_ok field "export b1" export --for HQ --to "$B/b1"
expect_eq "$out" "exported 2 events of 1 cases for HQ" "b1: the case's two events"
copy_office hq hq_ooo

# --- In order, twice, out of order: never flagged ------------------------------------------------
clean hq b1 "2 events, 1 new cases, 0 conflicts"
peer hq
expect_eq "$chain" "ok" "after b1: FIELD's chain is ok"
expect_eq "$fp" "$(cut -d: -f7 <<<"${LINE[field]}")" "office list shows FIELD's fingerprint"
head1=$head
work ana 3
at_ok field "export b2" export --for HQ --to "$B/b2"
expect_eq "$out" "exported 3 events of 1 cases for HQ" "b2: the three notes"
clean hq b2 "3 events, 0 new cases, 0 conflicts"
peer hq
expect_eq "$chain" "ok" "after b2: still ok"
[ "${head%%:*}" -gt "${head1%%:*}" ] && ok || fail "b2 moved FIELD's head on: $head1 then $head"
head2=$head
clean hq b1 "0 events, 0 new cases, 0 conflicts"
peer hq
expect_eq "$chain $head" "ok $head2" "an older bundle again: the head stays, no flag"
at hq_ooo import "$B/b2"
expect_rc 0 "b2 imported first"
expect_match "$out" '^3 events, [01] new cases, 0 conflicts$' "b2 first"
expect_eq "$err" "" "b2 first: no warning"
first=0
[[ $out =~ ^3\ events,\ ([01])\ new ]] && first=${BASH_REMATCH[1]}
at hq_ooo import "$B/b1"
expect_rc 0 "b1 imported after b2"
expect_eq "$out" "2 events, $((1 - first)) new cases, 0 conflicts" "b1 after b2: the case is new once"
expect_eq "$err" "" "b1 after b2: no warning"
peer hq_ooo
expect_eq "$chain $head" "ok $head2" "b2 then b1: FIELD's chain ok, the same head as in order"
for o in hq hq_ooo; do
    at "$o" check
    expect_rc 0 "$o: check with FIELD's chain intact"
done

# --- FIELD's log cut by an insider (its guard dropped, then put back), then grown again ---------
TD="CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
copy_office field field_orig
copy_office hq hq_before
seen=${head2%%:*}
top=$(sql field "SELECT max(id) FROM audit")
[ "$top" -ge "$seen" ] && ok || fail "FIELD's log ($top) is behind what HQ saw ($seen)"
cut_to=$((seen - 3))
sql field "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > $cut_to; $TD" >/dev/null
expect_eq "$(sql field "SELECT max(id) FROM audit")" "$cut_to" "FIELD's log was cut below HQ's head"
# Its officer (never in the log since adding her) works until the log is longer than before:
# the ids HQ saw now hold other entries, whatever their timestamps.
n=0
while [ "$(sql field "SELECT max(id) FROM audit")" -le "$top" ]; do
    work ode 1
    n=$((n + 1))
done
at_ok field "export b3" export --for HQ --to "$B/b3"
expect_eq "$out" "exported $n events of 1 cases for HQ" "b3: the notes written after the cut"
at hq import "$B/b3"
expect_rc 0 "a bundle from a rewritten log is still imported"
expect_eq "$out" "$n events, 0 new cases, 0 conflicts" "b3 applied"
HEADS_RE='[0-9]+:[0-9a-f]{8} then [0-9]+:[0-9a-f]{8}'
expect_match "$err" "^docket: warning: office FIELD's audit log was rewritten or cut: $HEADS_RE\$" \
    "the import warns that FIELD's log was rewritten or cut"
heads=${err#*cut: }
expect_eq "${heads%% then *}" "$head2" "the warning starts with the head HQ saw before"
peer hq
expect_eq "$chain" "broken: $heads" "office list: FIELD's chain broken, with the two heads"
at hq check
expect_rc 1 "check fails once a peer's chain is broken"
expect_error_line "check names the broken peer"
has "$err" "check names FIELD" FIELD
at hq timeline "$A" --format csv
expect_eq "$(grep -c 'routine' <<<"$out")" "$((3 + n))" "HQ holds every note, those after the cut too"
# Later bundles keep the flag (trusting FIELD anew is the administrator's decision).
work ode 1
at_ok field "export b4" export --for HQ --to "$B/b4"
at_ok hq "imports b4" import "$B/b4"
peer hq
expect_match "$chain" "^broken: " "the flag stays after a later bundle"
at hq check
expect_rc 1 "check still fails"
# The copy of HQ that never saw b3 is untouched.
peer hq_before
expect_eq "$chain" "ok" "HQ before b3: FIELD's chain ok"

# --- Cut alone: the log not grown back past what HQ saw ------------------------------------------
copy_office field_orig field
copy_office hq_before hq
sql field "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > $cut_to; $TD" >/dev/null
work ode 1
at_ok field "export after a cut" export --for HQ --to "$B/c1"
at hq import "$B/c1"
expect_rc 0 "a bundle from a cut log is still imported"
expect_eq "$out" "1 events, 0 new cases, 0 conflicts" "c1 applied"
expect_match "$err" "^docket: warning: office FIELD's audit log was rewritten or cut: $HEADS_RE\$" \
    "the import warns that FIELD's log was cut"
peer hq
expect_match "$chain" "^broken: $HEADS_RE\$" "office list: FIELD's chain broken"
at hq check
expect_rc 1 "check fails after a cut log"
has "$err" "check names FIELD after a cut" FIELD

# --- Exports and imports are audit entries ------------------------------------------------------
at_ok field_orig "audit log" audit log --format csv
has "$out" "FIELD's log" ",ana,export,,for=${GID[hq]} events=2" ",ana,export,,for=${GID[hq]} events=3"
at_ok hq_ooo "audit log" audit log --format csv
expect_match "$out" ",hugo,import,,from=${GID[field]} events=3 new=[01] conflicts=0" "HQ's log: b2's import"
expect_match "$out" ",hugo,import,,from=${GID[field]} events=2 new=[01] conflicts=0" "HQ's log: b1's import"
at_ok hq_ooo "audit verify" audit verify

finish
