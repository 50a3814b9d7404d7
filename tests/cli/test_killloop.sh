#!/usr/bin/env bash
# The kill loop (issue 15): SIGKILL timed from the moment a writing command starts writing (the
# shim's DK_FAULT_READY_FD byte, after the unlock), a uniform delay within that command's write
# phase, across every writing command and in pairs; then the database opens, check and audit
# verify pass, every acknowledged write is there once, nothing is half-applied, the stored
# deadlines are those the events give, and the sidecar's audit head is the log's
# (tests/tools/killloop.py). DOCKET_SLOW=1 runs several hundred kills. DOCKET_KILL_SEED=N
# replays a run's choices (not its timing).
. "$(dirname "$0")/lib.sh"

: "${FAULTINJECT:?FAULTINJECT must name the fault-injection shim}"
: "${DK_SQL:?DK_SQL must point at the dk_sql helper}"
: "${DK_READ:?DK_READ must point at the dk_read helper}"
if ! LD_PRELOAD=$FAULTINJECT "$DOCKET" --version >/dev/null 2>&1; then
    echo "skipped: the fault-injection shim cannot be preloaded here (a static sanitizer runtime)"
    exit 77
fi
LOOP=$(dirname "$0")/../tools/killloop.py
# ./run test (sanitizer build, a busy machine): about 55 of the 72 kills land; the rounds of
# checks (four unlocks each) cost as much as the kills, so they come every 8 kills.
KILLS=56 PAIRS=8 EVERY=8
[ "${DOCKET_SLOW:-0}" = 1 ] && KILLS=500 PAIRS=60 EVERY=8

# killloop DIR ARGS...: the driver on a fresh database in DIR; sets $rc, $out, $err.
killloop() {
    local dir=$1
    shift
    mkdir -p "$dir"
    set +e
    python3 "$LOOP" --dir "$dir" --docket "$DOCKET" --dk-sql "$DK_SQL" --dk-read "$DK_READ" --preload "$FAULTINJECT" "$@" \
        >"$SANDBOX/io/out" 2>"$SANDBOX/io/err"
    rc=$?
    set -e
    out=$(cat "$SANDBOX/io/out")
    err=$(cat "$SANDBOX/io/err")
}

# The checks bite: an insider's edits after a short loop are each caught.
killloop "$SANDBOX/tampered" --kills 0 --pairs 0 --calibrate 1 --tamper "
    INSERT INTO victim (gid, office, code, sex, age, added_on, recorded_at)
        VALUES (randomblob(16), randomblob(16), 'V-TAMPERED00', 'female', 'adult', '2026-11-27', 'x');
    UPDATE case_file SET state = CASE state WHEN 'closed' THEN 'received' ELSE 'closed' END WHERE id = 1;
    UPDATE deadline SET due = '2030-01-01' WHERE case_id = (SELECT min(case_id) FROM deadline);
    DELETE FROM holiday;"
expect_rc 1 "the loop fails on a tampered database"
has "$err" "tampered database: each edit is caught" "half-command: a victim without its case" \
    "half-command: a case whose state or urgency is not its last event's" \
    "stored dl differ from those evaluated again" "acknowledged holiday add"

# A save killed between its temporary and the rename leaves "<db>.keys.XXXXXX", a copy of every
# slot: the next rewrite sweeps such files (empty, or starting like a sidecar), and nothing else.
init_db
cp "$DB.keys" "$DB.keys.AbC123"
: >"$DB.keys.eMpTy0"
printf 'SQLite format 3\0' >"$DB.keys.Zz9999"
cp "$DB.keys" "$DB.keys.TooLong7"
dk case list
expect_rc 0 "a command after a killed save"
left=$(cd "$SANDBOX" && ls case.db.keys.* | tr '\n' ' ')
expect_eq "$left" "case.db.keys.TooLong7 case.db.keys.Zz9999 case.db.keys.lock " \
    "the killed saves' temporaries are swept, other files kept"

# The loop itself.
killloop "$SANDBOX/loop" --kills "$KILLS" --pairs "$PAIRS" --every "$EVERY"
printf '%s\n' "$out"
expect_rc 0 "the kill loop finds nothing lost or half-applied: $err"
landed=$(printf '%s\n' "$out" | sed -n 's/.*: \([0-9]*\) landed in the write phase.*/\1/p')
want=40
[ "${DOCKET_SLOW:-0}" = 1 ] && want=400
if [ "${landed:-0}" -ge "$want" ]; then ok; else
    fail "only ${landed:-0} kills landed in the write phase (want $want)"
fi

finish
