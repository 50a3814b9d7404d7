# Shared by the fault-injection scenarios (test_faults.sh: key slots, backup, init;
# test_faults_data.sh: the data commands), sourced after lib.sh. A command runs once under the
# shim (tests/tools/faultinject.c) to count its durable file operations, then again with the
# Nth failing (ENOSPC, EIO, EROFS; once, or from then on: DK_FAULT=N+:KIND) or killed there
# (SIGKILL), and each run is judged: a failure is exit status 1 (128 and above is a crash or a
# sanitizer's abort) with one `docket:` line naming the fault, and every file byte-identical;
# from then on, SQLite and the sidecar may leave what the refusing disk kept them from
# removing (a WAL holding no commit, its index, a pending sidecar), which the next open clears. A run that
# succeeds despite its fault, and every kill, leave the state before or after (asked of the
# scenario's state function), `check` passes and no pending sidecar survives the next unlock.

# FAULTINJECT: what LD_PRELOAD must hold (a sanitizer build's runtimes, then the shim).
: "${FAULTINJECT:?FAULTINJECT must name the fault-injection shim}"
# A build whose sanitizer runtime is linked statically (clang) refuses any preloaded library.
if ! LD_PRELOAD=$FAULTINJECT "$DOCKET" --version >/dev/null 2>&1; then
    echo "skipped: the fault-injection shim cannot be preloaded here (a static sanitizer runtime)"
    exit 77
fi
SLOW=${DOCKET_SLOW:-0}
SNAP=$SANDBOX/io/snap

# faulty SPEC ARGS...: dk with the shim failing as SPEC says ("" counts the calls only). Each
# run reads its descriptors 4 and 5 (new passphrases, codes) afresh from the files $FD4 and $FD5:
# a here-string given once to a loop is read to its end by the first run only.
FD4=$SANDBOX/io/fd4 FD5=$SANDBOX/io/fd5
: >"$FD4" && : >"$FD5"
faulty() {
    local spec=$1
    shift
    rm -f "$SANDBOX/io/count"
    DK_FAULT=$spec DK_FAULT_COUNT=$SANDBOX/io/count LD_PRELOAD=$FAULTINJECT dk "$@" 4<"$FD4" 5<"$FD5"
}

# The database's files ($DB and what sits beside it under its name) are copied aside and back.
snapshot() { rm -rf "$SNAP" && mkdir -p "$SNAP" && cp -p "$DB"* "$SNAP/"; }
restore() { rm -f "$DB"* && cp -p "$SNAP"/* "$(dirname "$DB")/"; }
# The database's files (no lock file: it holds nothing) as names and checksums.
db_files() {
    (cd "$(dirname "$DB")" && for f in "$(basename "$DB")"*; do
        [ "$f" = "$(basename "$DB").keys.lock" ] || sha256sum "$f"
    done)
}
# without_kept: filters db_files lines, dropping what a disk that refuses every write keeps
# docket from removing: SQLite's WAL (holding no commit, or the state would be the one
# after) and its index, a pending
# sidecar (its hash never committed), a sidecar rewrite's temporary (.keys.XXXXXX); with a hot
# rollback journal left (the demo's bulk load), the database file too, which the journal
# restores. The judge then asks the next open for the state before.
without_kept() {
    local skip="  .*(-wal|-shm|\.keys\.pending|\.keys\.[A-Za-z0-9]{6})\$"
    [ -e "$DB-journal" ] && skip="$skip|  $(basename "$DB")(-journal)?\$"
    grep -Ev "$skip" || true
}
db_files_kept() { db_files | without_kept; }
# snap_kept: the snapshot's files as db_files_kept would show them.
snap_kept() { printf '%s\n' "$snap_files" | without_kept; }

expect_check_passes() {
    dk check
    expect_rc 0 "$1: check passes ($out)"
}

# expect_fault_line WHAT KIND: one `docket:` line that names the fault. SQLite loses the OS
# error when the WAL cannot be created (it retries the open read-only and reports that; at an
# open, or the demo's return to WAL) and docket then asks the file system (statvfs), which the
# shim does not fill up: there the line says only that the database cannot be read or written
# (counted as unnamed).
declare -A FAULT_WORDS=([ENOSPC]='disk is full|No space left on device'
    [EIO]='[Ii]nput/output error' [EROFS]='read-only media|Read-only file system')
unnamed=0
expect_fault_line() {
    local what=$1 kind=$2
    expect_error_line "$what"
    if [[ $err =~ ${FAULT_WORDS[$kind]} ]]; then ok
    elif [[ $err =~ ^docket:\ [a-z\ ]+:\ cannot\ read\ or\ write\ the\ database\ file$ ]]; then
        ok
        unnamed=$((unnamed + 1))
    else fail "$what: the message does not name the fault: [$err]"; fi
}

# points TOTAL PASS [FOCUS]: the N to try. Every one with DOCKET_SLOW=1; else those up to
# FOCUS (default: the last), where the command's last writes are (the commit, the sidecar's
# publication): the $FAIL_TAIL before it for failures, $KILL_TAIL for kills, and the one after
# it; failures also at the first and the middle one (kills there land before any write).
# Most runs are judged in full (docket asked twice or more): the suite's time keeps them few
# (a scenario may set the tails before sourcing this).
FAIL_TAIL=${FAIL_TAIL:-4} KILL_TAIL=${KILL_TAIL:-2}
points() {
    local total=$1 focus=${3:-$1} tail=$FAIL_TAIL n
    [ "$2" = KILL ] && tail=$KILL_TAIL
    for ((n = 1; n <= total; n++)); do
        if [ "$SLOW" = 1 ] || { [ "$2" != KILL ] && { [ "$n" -eq 1 ] || [ "$n" -eq $((total / 2)) ]; }; } ||
            { [ "$n" -gt $((focus - tail)) ] && [ "$n" -le $((focus + 1)) ]; }; then echo "$n"; fi
    done
}

# The passes over the points. By default failures, the six kinds in turn by N (ENOSPC, EIO,
# EROFS, each once and from then on), then kills; with DOCKET_SLOW=1 every point with each.
FAILS=(ENOSPC EIO EROFS ENOSPC+ EIO+ EROFS+)
PASSES="fail KILL"
[ "$SLOW" = 1 ] && PASSES="${FAILS[*]} KILL"
# fault_spec PASS N: DK_FAULT for this pass at N.
fault_spec() {
    local pass=$1 n=$2
    [ "$pass" = fail ] && pass=${FAILS[$((n % 6))]}
    case $pass in
    *+) echo "$n+:${pass%+}" ;;
    *) echo "$n:$pass" ;;
    esac
}

# judge NAME SPEC STATE_OF: after a run with fault SPEC (exit status $rc). STATE_OF prints
# "before", "after" or, where the two look alike, "either" (anything else is a mix); it is asked after a kill, after a success
# despite the fault, after a failure that left something behind, and after every run with
# DOCKET_SLOW=1. A failure must leave the state before.
judge() {
    local name=$1 spec=$2 state_of=$3 run_rc=$rc kind=${2#*:} full=$SLOW state what="$1 at $2"
    if [ "$kind" = KILL ]; then
        if [ "$run_rc" -eq 137 ] || [ "$run_rc" -eq 0 ]; then ok; else
            fail "$what: exit $run_rc, wanted the kill's 137 ($err)"; fi
        full=1
    elif [ "$run_rc" -ne 0 ]; then
        expect_rc 1 "$what (128 and above: a crash)"
        expect_fault_line "$what" "$kind"
        if [ "$(db_files)" == "$snap_files" ]; then ok
        elif { [[ $spec == *+:* ]] || [[ $err == *"they may still appear"* ]]; } &&
            [ "$(db_files_kept)" == "$(snap_kept)" ]; then
            # What the disk kept docket from removing, or what a commit that may still appear
            # leaves for the next unlock to settle (its staged sidecar): judged in full below.
            ok
            full=1
        elif [ "${ROLLED_BACK:-0}" = 1 ] &&
            [ "$(db_files | grep -v "  $(basename "$DB")\$")" == "$(grep -v "  $(basename "$DB")\$" <<<"$snap_files")" ]; then
            # A rollback journal's playback writes the old pages back, each encrypted anew
            # (SQLCipher draws a fresh IV for every page it writes): the same database, other bytes.
            ok
            full=1
        else fail "$what: the files changed:
$(diff <(echo "$snap_files") <(db_files))"; fi
    else
        full=1
    fi
    [ "$full" = 1 ] || return 0
    state=$($state_of)
    case $state in
    before | after | either) ok ;;
    *) fail "$what: neither the state before nor after: $state" ;;
    esac
    # A commit whose sync failed says the change may still appear: either state is right.
    if [ "$kind" != KILL ] && [ "$run_rc" -ne 0 ] && [ "$state" = after ] &&
        [[ $err != *"they may still appear"* ]]; then
        fail "$what: failed (exit $run_rc) but took effect"
    elif [ "$kind" != KILL ] && [ "$run_rc" -eq 0 ] && [ "$state" = before ]; then
        fail "$what: succeeded but did not take effect"
    else ok; fi
    expect_check_passes "$what"
    if ls "$DB".keys.pending "$DB"-journal >/dev/null 2>&1; then
        fail "$what: a pending sidecar or a journal is left after the next unlock"
    else ok; fi
}

# reference ARGS...: snapshots the database's files, runs the command under the shim without a
# fault and sets $total (its durable file operations); its effect stays for the caller to see.
reference() {
    snapshot
    snap_files=$(db_files)
    faulty "" "$@"
    expect_rc 0 "$* runs under the shim"
    total=$(head -n 1 "$SANDBOX/io/count")
}

# fault_loop NAME STATE_OF FOCUS ARGS...: after reference, the command with each fault at each
# point, the files restored after each; says on stderr how many it tried.
faults_tried=0 kills_done=0 ops_seen=0
fault_loop() {
    local name=$1 state_of=$2 focus=$3 n spec pass tried=0 killed=0
    shift 3
    restore
    for pass in $PASSES; do
        for n in $(points "$total" "$pass" "$focus"); do
            spec=$(fault_spec "$pass" "$n")
            faulty "$spec" "$@"
            judge "$name" "$spec" "$state_of"
            restore
            if [ "$pass" = KILL ]; then killed=$((killed + 1)); else tried=$((tried + 1)); fi
        done
    done
    count_tried "$name" "$total" "$tried" "$killed"
}

# unsure_commit NAME STATE_OF ARGS...: the command whose commit fails making the WAL durable (N,
# found from the end: the last whose error says the change may still appear), then killed at
# each of the next three operations, and with the disk refusing everything from N on. The next
# open may find the change, and then all of it: a slot command's staged sidecar stays pending
# for the next unlock to settle by the database (it was deleted: an account without its slot).
unsure_commit() {
    local name=$1 state_of=$2 n k
    shift 2
    reference "$@"
    restore
    for ((n = total; n >= 1; n--)); do
        faulty "$n:EIO" "$@"
        restore
        [[ $err == *"they may still appear"* ]] && break
    done
    [ "$n" -ge 1 ] || { fail "$name: no run failed at the commit's sync"; return; }
    for k in 1 2 3; do
        faulty "$n:EIO,$((n + k)):KILL" "$@"
        judge "$name after a failed sync at $n" "$((n + k)):KILL" "$state_of"
        restore
    done
    faulty "$n+:EIO" "$@"
    judge "$name" "$n+:EIO" "$state_of"
    restore
}

# count_tried NAME OPERATIONS FAULTS KILLS: one command's figures, on stderr and in the totals.
count_tried() {
    echo "$1: $2 file operations, $3 faults tried, $4 kills" >&2
    ops_seen=$((ops_seen + $2)) faults_tried=$((faults_tried + $3)) kills_done=$((kills_done + $4))
}

# The totals, on stderr, before finish.
fault_totals() {
    echo "total: $ops_seen file operations, $faults_tried faults tried, $kills_done kills;" \
        "$unnamed messages said only that the database cannot be written (SQLite lost the OS error)" >&2
}
