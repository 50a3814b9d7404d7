#!/usr/bin/env bash
# Key slots, backups and the database fail together: every command that touches both files
# is run with its Nth durable file operation failing (ENOSPC, EIO) or killed there (SIGKILL),
# through an LD_PRELOAD shim (tests/tools/faultinject.c). A failure leaves every file
# byte-identical; a kill leaves the state before or the state after, never a mix, once the
# next unlock has settled it. DOCKET_SLOW=1 tries every N with every fault and all checks.
. "$(dirname "$0")/lib.sh"

# FAULTINJECT: what LD_PRELOAD must hold (a sanitizer build's runtimes, then the shim).
: "${FAULTINJECT:?FAULTINJECT must name the fault-injection shim}"
# A build whose sanitizer runtime is linked statically (clang) refuses any preloaded library.
if ! LD_PRELOAD=$FAULTINJECT "$DOCKET" --version >/dev/null 2>&1; then
    echo "skipped: the fault-injection shim cannot be preloaded here (a static sanitizer runtime)"
    exit 77
fi
SLOW=${DOCKET_SLOW:-0}
SNAP=$SANDBOX/io/snap

# faulty SPEC ARGS...: dk with the shim failing as SPEC says ("" counts the calls only).
faulty() {
    local spec=$1
    shift
    rm -f "$SANDBOX/io/count"
    DK_FAULT=$spec DK_FAULT_COUNT=$SANDBOX/io/count LD_PRELOAD=$FAULTINJECT dk "$@"
}

snapshot() { rm -rf "$SNAP" && mkdir -p "$SNAP" && (cd "$SANDBOX" && cp -p case.db* "$SNAP/"); }
restore() { rm -f "$SANDBOX"/case.db* && cp -p "$SNAP"/* "$SANDBOX/"; }
# The database's files (no lock file: it holds nothing) as names and checksums.
db_files() { (cd "$SANDBOX" && for f in case.db*; do [ "$f" = case.db.keys.lock ] || sha256sum "$f"; done); }

unlocks() { DK_USER=$1 DK_PASS=$2 dk user list >/dev/null; [ "$rc" -eq 0 ]; }

# State checks: each command's "before" and "after", as seen by docket itself.
declare -A pw=([admin]=$PASS [bob]='bob passphrase' [carol]='carol passphrase')
NEW='a brand new passphrase'

expect_check_passes() {
    dk check
    expect_rc 0 "$1: check passes ($out)"
}

# judge NAME BEFORE AFTER N KIND FULL: after a faulty run (exit status $rc), the state is BEFORE or
# AFTER (functions returning 0 when it holds); a failure must leave every file byte-identical.
# FULL=1 also asks docket which state it is in, and runs check.
judge() {
    local name=$1 before=$2 after=$3 n=$4 kind=$5 full=$6 run_rc=$rc state
    if [ "$kind" != KILL ] && [ "$run_rc" -ne 0 ]; then
        expect_error_line "$name at $n:$kind"
        expect_eq "$(db_files)" "$snap_files" "$name at $n:$kind: the files are byte-identical"
    fi
    [ "$full" = 1 ] || return 0
    if $before; then state=before; elif $after; then state=after; else state=mixed; fi
    if [ "$state" = mixed ]; then fail "$name at $n:$kind: neither the state before nor after"; else ok; fi
    if [ "$kind" != KILL ] && [ "$run_rc" -ne 0 ] && [ "$state" != before ]; then
        fail "$name at $n:$kind: failed (exit $run_rc) but took effect"
    fi
    expect_check_passes "$name at $n:$kind"
    if ls "$SANDBOX"/case.db.keys.pending >/dev/null 2>&1; then
        fail "$name at $n:$kind: a pending sidecar is left after the next unlock"
    else ok; fi
}

# points TOTAL PASS: the N to try. Every one with DOCKET_SLOW=1; else the first, the middle one
# and the last ones, where the sidecar is staged, the database commits and closes and the sidecar
# is published: the last fifteen for failures (checked byte for byte: cheap), five for kills.
points() {
    local total=$1 tail=15 n
    [ "$2" = KILL ] && tail=5
    for ((n = 1; n <= total; n++)); do
        if [ "$SLOW" = 1 ] || [ "$n" -eq 1 ] || [ "$n" -gt $((total - tail)) ] ||
            [ "$n" -eq $((total / 2)) ]; then echo "$n"; fi
    done
}

# The passes over the points: failures (ENOSPC and EIO in turn) then kills; with
# DOCKET_SLOW=1 every point with each of ENOSPC, EIO and KILL.
PASSES="fail KILL"
[ "$SLOW" = 1 ] && PASSES="ENOSPC EIO KILL"
# fault_kind PASS N: the fault of this pass at N.
fault_kind() {
    if [ "$1" != fail ]; then echo "$1"
    elif [ $(($2 % 2)) -eq 0 ]; then echo EIO
    else echo ENOSPC; fi
}

# try NAME BEFORE AFTER ARGS...: the command with each fault at each point. Failures are
# checked byte for byte; kills (and every run with DOCKET_SLOW=1) by asking docket too.
try() {
    local name=$1 before=$2 after=$3 total n kind full pass
    shift 3
    snapshot
    snap_files=$(db_files)
    faulty "" "$@"
    expect_rc 0 "$name runs under the shim"
    total=$(head -n 1 "$SANDBOX/io/count")
    restore
    for pass in $PASSES; do
        for n in $(points "$total" "$pass"); do
            kind=$(fault_kind "$pass" "$n")
            faulty "$n:$kind" "$@"
            full=$SLOW
            [ "$kind" = KILL ] && full=1
            judge "$name" "$before" "$after" "$n" "$kind" "$full"
            restore
        done
    done
    echo "$name: $total file operations, tried $(points "$total" fail | wc -l) and killed at $(points "$total" KILL | wc -l)" >&2
}

init_db
add_user bob --role auditor
add_user carol --role auditor
dk recovery create --kdf interactive
code=$out

added_before() { ! unlocks eve "$NEW" && unlocks admin "$PASS"; }
added_after() { unlocks eve "$NEW" && unlocks admin "$PASS"; }
try "user add" added_before added_after \
    user add eve --role auditor --kdf interactive --new-passphrase-fd 4 4<<<"$NEW"

passwd_before() { unlocks bob "${pw[bob]}" && ! unlocks bob "$NEW"; }
passwd_after() { unlocks bob "$NEW" && ! unlocks bob "${pw[bob]}"; }
try "user passwd" passwd_before passwd_after \
    user passwd bob --kdf interactive --new-passphrase-fd 4 4<<<"$NEW"

removed_before() { unlocks carol "${pw[carol]}"; }
removed_after() { ! unlocks carol "${pw[carol]}" && [ "$(grep -c '^slot' "$DB.keys")" -eq 3 ]; }
try "user remove" removed_before removed_after user remove carol

slots() { grep -c '^slot' "$DB.keys"; }
recovery_before() { [ "$(slots)" -eq 4 ] && unlocks admin "$PASS"; }
try "recovery create" recovery_before recovery_before recovery create --kdf interactive

used_before() { unlocks bob "${pw[bob]}" && [ "$(slots)" -eq 4 ]; }
used_after() { unlocks bob "$NEW" && ! unlocks bob "${pw[bob]}" && [ "$(slots)" -eq 3 ]; }
try "recovery use" used_before used_after \
    --user bob --passphrase-fd 5 recovery use --kdf interactive --new-passphrase-fd 4 \
    5<<<"$code" 4<<<"$NEW"

# backup: the target holds the whole copy or nothing at all.
BK=$SANDBOX/io/bk/copy.db
mkdir -p "$(dirname "$BK")"
no_copy() { [ -z "$(ls -A "$(dirname "$BK")")" ]; }
whole_copy() { "$DOCKET" --db "$BK" --user admin --passphrase-fd 3 check 3<<<"$PASS" >/dev/null 2>&1; }
# A killed backup or init cannot remove its temporaries (*.tmp-*, never taken for a copy);
# the next one to the same name does. The key slots are renamed into place first and the
# database last, so a database at the target is always whole; killed between the two renames,
# the target has key slots but no database (which docket refuses to open).
backup_try() {
    local total n kind pass
    faulty "" backup --to "$BK"
    expect_rc 0 "backup runs under the shim"
    total=$(head -n 1 "$SANDBOX/io/count")
    rm -f "$(dirname "$BK")"/*
    for pass in $PASSES; do
        for n in $(points "$total" "$pass"); do
            kind=$(fault_kind "$pass" "$n")
            faulty "$n:$kind" backup --to "$BK"
            if [ "$rc" -ne 0 ] && [ "$kind" != KILL ]; then
                expect_error_line "backup at $n:$kind"
                if no_copy; then ok; else fail "backup at $n:$kind: left $(ls "$(dirname "$BK")")"; fi
            elif [ ! -e "$BK" ] || whole_copy; then ok
            else fail "backup at $n:$kind: a partial copy: $(ls "$(dirname "$BK")")"; fi
            [ "$kind" = KILL ] || rm -f "$(dirname "$BK")"/*
            [ "$kind" != KILL ] || rm -f "$BK" "$BK.keys"
        done
    done
    dk backup --to "$BK"
    expect_rc 0 "a backup after killed ones"
    expect_eq "$(ls -A "$(dirname "$BK")" | grep -v '\.lock$' | LC_ALL=C sort | tr '\n' ' ')" \
        "copy.db copy.db.keys " \
        "a backup removes the temporaries of killed ones"
    rm -f "$(dirname "$BK")"/*
}
backup_try
# A failed backup says so first, not "upgrading the database", also while the copy is being
# created (where SQLCipher once crashed checkpointing the half-made copy on close).
for n in 25 30 35 40 45 60; do
    faulty "$n:ENOSPC" backup --to "$BK"
    expect_rc 1 "backup with the disk full at $n"
    expect_match "$err" "^docket: backup: " "a backup's error starts with the backup ($n)"
    if no_copy; then ok; else fail "backup at $n:ENOSPC left $(ls "$(dirname "$BK")")"; fi
done

# init: nothing at the database's name, or a database that opens.
DB=$SANDBOX/io/new/case.db
mkdir -p "$(dirname "$DB")"
opens() { unlocks admin "$PASS"; }
faulty "" init --admin admin --kdf interactive
total=$(head -n 1 "$SANDBOX/io/count")
for pass in $PASSES; do
    for n in $(points "$total" "$pass"); do
        kind=$(fault_kind "$pass" "$n")
        rm -f "$DB" "$DB.keys"
        [ "$kind" = KILL ] || rm -rf "$(dirname "$DB")" && mkdir -p "$(dirname "$DB")"
        faulty "$n:$kind" init --admin admin --kdf interactive
        if [ "$rc" -ne 0 ] && [ "$kind" != KILL ]; then
            expect_error_line "init at $n:$kind"
            if [ -z "$(ls -A "$(dirname "$DB")")" ]; then ok; else
                fail "init at $n:$kind: left $(ls "$(dirname "$DB")")"; fi
        elif [ ! -e "$DB" ] && [ ! -e "$DB.keys" ] || opens; then ok
        else fail "init at $n:$kind: neither nothing nor a database: $(ls "$(dirname "$DB")")"; fi
    done
done
rm -f "$DB" "$DB.keys"
dk init --admin admin --kdf interactive
expect_rc 0 "init after killed ones"
expect_eq "$(cd "$(dirname "$DB")" && ls | grep -v '\.lock$' | tr '\n' ' ')" "case.db case.db.keys " \
    "init leaves its database and key slots only, the killed ones' temporaries removed"

finish
