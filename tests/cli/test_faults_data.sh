#!/usr/bin/env bash
# The data commands under a failing disk: case add, case move, victim add, import (a bundle
# from a trusted second office) and demo (on a database holding cases, and on an empty one,
# where it bulk-loads with a rollback journal) each run with their Nth durable file operation
# failing (ENOSPC, EIO, EROFS; once or from then on) or killed there (SIGKILL), through the
# shim (tests/tools/faultinject.c; runs and judge in faults_lib.sh). Judged: exit status 1 and
# one `docket:` line naming the fault, the files byte-identical (or only SQLite's leftovers
# when the disk refuses everything from then on); nothing half-applied: the database shows the
# state before or the whole change (a case with its creation event and deadlines, a victim
# with its case, every event of a bundle or none, every demo case or none); every write
# acknowledged before is still there; check and audit verify pass. By default the points are
# the first, the middle and those around the commit (found by halving with faults from then
# on); DOCKET_SLOW=1 tries every N with every fault.
. "$(dirname "$0")/lib.sh"
# Around the commit: three failures before it and one after, a kill at it and after it.
FAIL_TAIL=${FAIL_TAIL:-3} KILL_TAIL=${KILL_TAIL:-1}
. "$(dirname "$0")/faults_lib.sh"
: "${DK_SQL:?DK_SQL must point at the dk_sql helper}"

# census: what the database holds, as counts and references (gids, codes and times differ
# from run to run), and the half-commands there must never be. Read with dk_sql (an insider
# holding the key), after docket's check has opened the database first.
census() {
    "$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"SELECT
        (SELECT count(*) FROM case_file) || ' cases: ' ||
            coalesce((SELECT group_concat(ref || '/' || state, ' ')
                      FROM (SELECT ref, state FROM case_file ORDER BY ref)), ''),
        'events ' || (SELECT count(*) FROM event),
        'deadlines ' || (SELECT count(*) FROM deadline),
        'victims ' || (SELECT count(*) FROM victim) || ' ' || (SELECT count(*) FROM victim_case) ||
            ' ' || (SELECT count(*) FROM victim_event),
        'subjects ' || (SELECT count(*) FROM subject) || ' ' || (SELECT count(*) FROM subject_action),
        'offices ' || (SELECT count(*) FROM office_audit),
        'cases without their creation ' || (SELECT count(*) FROM case_file c WHERE NOT EXISTS
            (SELECT 1 FROM event e WHERE e.case_id = c.id AND e.kind = 'created')),
        'victims in no case ' || (SELECT count(*) FROM victim v WHERE NOT EXISTS
            (SELECT 1 FROM victim_case vc WHERE vc.victim_id = v.id))"
}

# The writes acknowledged so far (exit 0): each must survive every later fault.
ACKED=()
# census_state: "before" or "after" by the census around the reference run, else what it shows.
census_state() {
    local c ref
    c=$(census)
    for ref in "${ACKED[@]}"; do
        [[ $c == *" $ref/"* ]] || { echo "lost: $ref"; return; }
    done
    if [ "$c" == "$census_before" ]; then echo before
    elif [ "$c" == "$census_after" ]; then echo after
    else echo "$c"; fi
}

# find_focus ARGS...: the last N whose failure still stops the command (its commit), by
# halving with faults from then on (a disk refusing everything from N on stops the command for
# every N up to the commit and for none after it). The probes only find the point: the loop
# then judges the runs around it.
find_focus() {
    local lo=1 hi=$((total + 1)) mid
    while [ "$lo" -lt "$hi" ]; do
        mid=$(((lo + hi) / 2))
        faulty "$mid+:EIO" "$@"
        restore
        halvings=$((halvings + 1))
        if [ "$rc" -eq 0 ]; then hi=$mid; else lo=$((mid + 1)); fi
    done
    focus=$((lo - 1))
}

# try NAME ARGS...: the command under every fault at its points (each judged), then once more
# for real: an acknowledged write the later commands' faults must not lose.
try() {
    local name=$1
    shift
    census_before=$(census)
    reference "$@"
    census_after=$(census)
    [ "$census_after" != "$census_before" ] && ok || fail "$name: the reference run changed nothing"
    restore
    halvings=0
    find_focus "$@"
    fault_loop "$name" census_state "$focus" "$@"
    echo "$name: its commit at operation $focus of $total (found in $halvings runs)" >&2
    dk audit verify
    expect_rc 0 "$name: audit verify passes after its faults ($err)"
    dk "$@"
    expect_rc 0 "$name: runs for real"
}

# --- Two offices: FIELD sends a bundle to HQ (this database), each trusting the other -------
FIELD_DB=$SANDBOX/field/case.db
mkdir -p "$(dirname "$FIELD_DB")"
declare -A LINE
for o in FIELD HQ; do
    [ "$o" = FIELD ] && at=$FIELD_DB || at=$SANDBOX/case.db
    DB=$at dk init --admin admin --kdf interactive --office "$o"
    expect_rc 0 "$o: init"
    DB=$at dk office show
    LINE[$o]=$out
done
DB=$FIELD_DB dk office trust "${LINE[HQ]}" --yes
expect_rc 0 "FIELD trusts HQ"
dk office trust "${LINE[FIELD]}" --yes
expect_rc 0 "HQ trusts FIELD"
for args in "case add --mission MONUSCO --reported 2026-10-01 --category sexual_abuse" \
    "case move MONUSCO-2026-0001 assessment --on 2026-10-02" \
    "victim add MONUSCO-2026-0001 --sex female --age child --on 2026-10-03" \
    "case add --mission MINUSCA --reported 2026-10-04 --category sexual_exploitation" \
    "victim add MINUSCA-2026-0001 --sex male --age adult --on 2026-10-05"; do
    # shellcheck disable=SC2086
    DB=$FIELD_DB dk $args
    expect_rc 0 "FIELD: $args"
done
BUNDLE=$SANDBOX/io/field-to-hq.bundle
DB=$FIELD_DB dk export --for HQ --to "$BUNDLE"
expect_rc 0 "FIELD exports for HQ ($err)"

# --- HQ's own cases, then each data command under faults ------------------------------------
dk case add --mission UNMISS --reported 2026-09-01 --category sexual_abuse --summary 'first'
expect_rc 0 "HQ's first case"
ACKED+=("$out")
try "case add" case add --mission UNMISS --reported 2026-11-02 --category sexual_abuse \
    --summary 'added under faults'
ACKED+=("$out")
try "case move" case move "${ACKED[1]}" assessment --on 2026-11-05
try "victim add" victim add "${ACKED[1]}" --sex female --age adult --on 2026-11-06
try "import" import "$BUNDLE"
ACKED+=(MONUSCO-2026-0001 MINUSCA-2026-0001)
try "demo" demo --cases 3 --seed 7

# An empty database: demo bulk-loads, in rollback-journal mode, and returns to WAL. A failed
# commit there is rolled back by playing the journal back into the file: the same pages under
# new IVs, so the database file is judged by what it holds (ROLLED_BACK), the rest byte by byte.
DB=$SANDBOX/empty/case.db ACKED=() ROLLED_BACK=1
mkdir -p "$(dirname "$DB")"
init_db
try "demo (empty database)" demo --cases 3 --seed 7

fault_totals
finish
