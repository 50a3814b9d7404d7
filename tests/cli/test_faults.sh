#!/usr/bin/env bash
# Key slots, backups and the database fail together: every command that touches both files
# is run with its Nth durable file operation failing (ENOSPC, EIO, EROFS; once or from then on)
# or killed there (SIGKILL), through an LD_PRELOAD shim (tests/tools/faultinject.c; the runs
# and their judge are in faults_lib.sh). A failure leaves every file byte-identical; a kill
# leaves the state before or the state after, never a mix, once the next unlock has settled
# it. DOCKET_SLOW=1 tries every N with every fault and all checks.
. "$(dirname "$0")/lib.sh"
FAIL_TAIL=3 # the suite's time: three failures before the end, not four
. "$(dirname "$0")/faults_lib.sh"

unlocks() { DK_USER=$1 DK_PASS=$2 dk user list >/dev/null; [ "$rc" -eq 0 ]; }

declare -A pw=([admin]=$PASS [bob]='bob passphrase' [carol]='carol passphrase')
NEW='a brand new passphrase'

# try NAME STATE ARGS...: the command with each fault at each point; STATE prints the state
# docket shows afterwards. The judge runs check as admin after it (which fails on a key slot
# no active account owns), so the probes ask only what tells the two states apart.
try() {
    local name=$1 state=$2
    shift 2
    reference "$@"
    fault_loop "$name" "$state" "$total" "$@"
}
# both_ways USER OLD NEW: "after" when NEW unlocks USER and OLD no longer does, "before" when
# only OLD does.
both_ways() {
    if unlocks "$1" "$3"; then
        if unlocks "$1" "$2"; then echo "both passphrases unlock"; else echo after; fi
    elif unlocks "$1" "$2"; then echo before
    else echo "neither passphrase unlocks"; fi
}

init_db
add_user bob --role auditor
add_user carol --role auditor
dk recovery create --kdf interactive
code=$out

added_state() { if unlocks eve "$NEW"; then echo after; else echo before; fi; }
printf '%s\n' "$NEW" >"$FD4"
try "user add" added_state user add eve --role auditor --kdf interactive --new-passphrase-fd 4
unsure_commit "user add" added_state user add eve --role auditor --kdf interactive \
    --new-passphrase-fd 4

passwd_state() { both_ways bob "${pw[bob]}" "$NEW"; }
try "user passwd" passwd_state user passwd bob --kdf interactive --new-passphrase-fd 4

# Committed but not yet published (a fault after the commit), the sidecar keeps carol's slot
# until the next unlock settles it; carol's own unlock is refused all the same.
removed_state() { if unlocks carol "${pw[carol]}"; then echo before; else echo after; fi; }
try "user remove" removed_state user remove carol

slots() { grep -c '^slot' "$DB.keys"; }
# A new recovery code replaces the old one: four slots either way.
recovery_state() { if [ "$(slots)" -eq 4 ]; then echo either; else echo "$(slots) slots"; fi; }
try "recovery create" recovery_state recovery create --kdf interactive

used_state() { both_ways bob "${pw[bob]}" "$NEW"; }
printf '%s\n' "$code" >"$FD5"
try "recovery use" used_state \
    --user bob --passphrase-fd 5 recovery use --kdf interactive --new-passphrase-fd 4

# backup: the target holds the whole copy or nothing at all.
BK=$SANDBOX/io/bk/copy.db
mkdir -p "$(dirname "$BK")"
no_copy() { [ -z "$(ls -A "$(dirname "$BK")")" ]; }
whole_copy() { "$DOCKET" --db "$BK" --user admin --passphrase-fd 3 check 3<<<"$PASS" >/dev/null 2>&1; }
# A killed backup or init cannot remove its temporaries (*.tmp-*, never taken for a copy);
# the next one to the same name does. The key slots are renamed into place first and the
# database last, so a database at the target is always whole; killed between the two renames,
# the target has key slots but no database (which docket refuses to open).
# backup_cleans WHAT: the next backup to the same name works and removes what WHAT left.
backup_cleans() {
    dk backup --to "$BK"
    expect_rc 0 "$1: the next backup"
    expect_eq "$(ls -A "$(dirname "$BK")" | grep -v '\.lock$' | LC_ALL=C sort | tr '\n' ' ')" \
        "copy.db copy.db.keys " "$1: the next backup removes the temporaries left"
}
backup_try() {
    local n spec kind pass tried=0 killed=0
    faulty "" backup --to "$BK"
    expect_rc 0 "backup runs under the shim"
    total=$(head -n 1 "$SANDBOX/io/count")
    rm -f "$(dirname "$BK")"/*
    for pass in $PASSES; do
        for n in $(points "$total" "$pass"); do
            spec=$(fault_spec "$pass" "$n") && kind=${spec#*:}
            restore
            faulty "$spec" backup --to "$BK"
            if [ "$kind" = KILL ]; then
                killed=$((killed + 1))
                if [ "$rc" -eq 137 ] || [ "$rc" -eq 0 ]; then ok; else
                    fail "backup at $spec: exit $rc, wanted the kill's 137 ($err)"; fi
            else tried=$((tried + 1)); fi
            if [ "$rc" -ne 0 ] && [ "$kind" != KILL ]; then
                expect_rc 1 "backup at $spec (128 and above: a crash)"
                expect_fault_line "backup at $spec" "$kind"
                # From then on, the disk may refuse the removal of the temporaries and of what
                # was renamed into place: as after a kill, key slots alone or a whole copy.
                if no_copy || { [[ $spec == *+:* ]] && { [ ! -e "$BK" ] || whole_copy; }; }; then ok
                else fail "backup at $spec: left $(ls "$(dirname "$BK")")"; fi
                if [ -n "$(ls -A "$(dirname "$BK")")" ]; then
                    rm -f "$BK" "$BK.keys"
                    backup_cleans "backup at $spec"
                fi
            elif { [ "$rc" -ne 0 ] && [ ! -e "$BK" ]; } || whole_copy; then ok
            else fail "backup at $spec: exit $rc, a partial copy: $(ls "$(dirname "$BK")")"; fi
            # The temporaries of kills (the last pass) stay, for the last backup to remove.
            [ "$kind" = KILL ] || rm -f "$(dirname "$BK")"/*
            [ "$kind" != KILL ] || rm -f "$BK" "$BK.keys"
        done
    done
    backup_cleans "backups killed"
    rm -f "$(dirname "$BK")"/*
    count_tried backup "$total" "$tried" "$killed"
}
# Each backup starts from the same database (a backup audits itself there; a refusing disk
# leaves its WAL behind).
snapshot
backup_try
# A failed backup says so first, not "upgrading the database", also while the copy is being
# created (where SQLCipher once crashed checkpointing the half-made copy on close).
for n in 25 30 35 40 45 60; do
    restore
    faulty "$n:ENOSPC" backup --to "$BK"
    expect_rc 1 "backup with the disk full at $n"
    expect_match "$err" "^docket: backup: " "a backup's error starts with the backup ($n)"
    if no_copy; then ok; else fail "backup at $n:ENOSPC left $(ls "$(dirname "$BK")")"; fi
done

# init: nothing at the database's name, or a database that opens.
DB=$SANDBOX/io/new/case.db
mkdir -p "$(dirname "$DB")"
opens() { unlocks admin "$PASS"; }
# init_cleans WHAT: the next init to the same name works and removes what WHAT left.
init_cleans() {
    rm -f "$DB" "$DB.keys"
    dk init --admin admin --kdf interactive
    expect_rc 0 "$1: the next init"
    expect_eq "$(cd "$(dirname "$DB")" && ls | grep -v '\.lock$' | tr '\n' ' ')" "case.db case.db.keys " \
        "$1: the next init leaves its database and key slots only, the temporaries left removed"
    opens && ok || fail "$1: the next init's database does not open"
}
faulty "" init --admin admin --kdf interactive
total=$(head -n 1 "$SANDBOX/io/count") tried=0 killed=0
for pass in $PASSES; do
    for n in $(points "$total" "$pass"); do
        spec=$(fault_spec "$pass" "$n") && kind=${spec#*:}
        rm -f "$DB" "$DB.keys"
        # The temporaries of kills (the last pass) stay, for the last init to remove.
        [ "$kind" = KILL ] || rm -rf "$(dirname "$DB")" && mkdir -p "$(dirname "$DB")"
        faulty "$spec" init --admin admin --kdf interactive
        if [ "$kind" = KILL ]; then
            killed=$((killed + 1))
            if [ "$rc" -eq 137 ] || [ "$rc" -eq 0 ]; then ok; else
                fail "init at $spec: exit $rc, wanted the kill's 137 ($err)"; fi
        else tried=$((tried + 1)); fi
        if [ "$rc" -ne 0 ] && [ "$kind" != KILL ]; then
            expect_rc 1 "init at $spec (128 and above: a crash)"
            expect_fault_line "init at $spec" "$kind"
            # Once, it removes all it made; from then on, the disk may refuse that: it leaves
            # temporaries, or (the last directory flush failing after both renames) a whole
            # database that opens.
            left=$(cd "$(dirname "$DB")" && ls -A | grep -Ev '\.tmp-|\.keys\.pending$' || true)
            if [ -z "$(ls -A "$(dirname "$DB")")" ] ||
                { [[ $spec == *+:* ]] && { [ -z "$left" ] || opens; }; }; then ok
            else fail "init at $spec: left $(ls -A "$(dirname "$DB")")"; fi
            [ -z "$(ls -A "$(dirname "$DB")")" ] || init_cleans "init at $spec"
        elif { [ "$rc" -ne 0 ] && [ ! -e "$DB" ] && [ ! -e "$DB.keys" ]; } || opens; then ok
        else fail "init at $spec: exit $rc, neither nothing nor a database: $(ls "$(dirname "$DB")")"; fi
    done
done
count_tried init "$total" "$tried" "$killed"
init_cleans "inits killed"

fault_totals
finish
