#!/usr/bin/env bash
# No plaintext on disk: marker strings through every input, then scan every file docket
# could have written (database, -wal, -shm, key slots, $TMPDIR, $HOME).
. "$(dirname "$0")/lib.sh"

MARK=QZXMARKER
DK_USER=${MARK,,}admin
dk init --admin "$DK_USER" --kdf interactive
expect_rc 0 "init with a marker account name"

dk mission add QZXMARK --name "${MARK}MISSION name"
expect_rc 0 "mission add with marker text"
dk case add --mission QZXMARK --reported 2026-01-10 --category sexual_abuse \
    --summary "${MARK}SUMMARY the victim lives near the river" --nationality NPL
expect_rc 0 "case add with marker text"
dk_stdin "${MARK}STDIN private note" case add --mission QZXMARK --reported 2026-01-11 \
    --category other --summary -
expect_rc 0 "case add with marker text from stdin"
dk demo --cases 50 --seed 3
expect_rc 0 "demo cases"
dk case list --format json
expect_match "$out" "QZXMARK-2026-0001" "the marker case is stored"
dk case show QZXMARK-2026-0001
expect_match "$out" "${MARK}SUMMARY" "the marker summary reads back"

# While a reader holds the database open, the WAL and shared-memory files exist too:
# scan them mid-session by keeping a writer's transaction open via a second process.
scan() {
    local label=$1
    shift
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        if grep -qaiE "$MARK|victim lives|private note|Synthetic demo" "$f"; then
            fail "$label: plaintext found in $f"
        else
            ok
        fi
    done
}

scan "after commands" "$DB" "$DB-wal" "$DB-shm" "$DB.keys"
while IFS= read -r -d '' f; do scan "temp/home" "$f"; done < <(find "$TMPDIR" "$HOME" -type f -print0)
[ -z "$(find "$TMPDIR" -type f)" ] && ok || fail "docket left files in \$TMPDIR: $(find "$TMPDIR" -type f)"
if head -c 16 "$DB" | grep -qa 'SQLite format 3'; then fail "the database has a plaintext header"; else ok; fi
[ "$(stat -c %a "$DB")" = 600 ] && ok || fail "database mode is $(stat -c %a "$DB"), not 600"
[ "$(stat -c %a "$DB.keys")" = 600 ] && ok || fail "key slots mode is $(stat -c %a "$DB.keys")"
[ ! -e "$DB-wal" ] || [ ! -s "$DB-wal" ] && ok || fail "the WAL was not checkpointed and truncated on close"

# The key slots hold no account name, in any case.
if grep -qai "$MARK" "$DB.keys"; then fail "account name in the key slots"; else ok; fi

# The WAL written by a command killed mid-flight holds only ciphertext too.
set +e
"$DOCKET" --db "$DB" --user "$DK_USER" --passphrase-fd 3 --today "$TODAY" demo --cases 20000 \
    --seed 9 3<<<"$PASS" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$DB-wal" ] && break; sleep 0.05; done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
set -e
scan "after kill -9" "$DB" "$DB-wal" "$DB-shm"
dk case list --format csv
expect_rc 0 "the database opens after a killed writer"
expect_eq "$(printf '%s\n' "$out" | wc -l)" 53 "the killed command's cases are gone, the rest intact"

finish
