#!/usr/bin/env bash
# Concurrent use: several dockets writing one database wait for each other's locks (the busy
# timeout holds from the first read on) instead of failing, and two passphrase changes at once
# both survive in the key slots. DOCKET_SLOW=1 runs the issue's 3 x 200.
. "$(dirname "$0")/lib.sh"

PER=40
[ "${DOCKET_SLOW:-0}" = 1 ] && PER=200

init_db
add_user bob --role auditor
add_user carol --role auditor

# writer I: adds PER cases, one command each; records every failure's exit status and message.
writer() {
    local i=$1 k
    for ((k = 1; k <= PER; k++)); do
        "$DOCKET" --db "$DB" --user admin --passphrase-fd 3 --today "$TODAY" case add \
            --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --summary "w$i c$k" \
            3<<<"$PASS" >>"$SANDBOX/io/refs.$i" 2>>"$SANDBOX/io/errors.$i" ||
            echo "exit $?" >>"$SANDBOX/io/errors.$i"
    done
}
for i in 1 2 3; do writer "$i" & done
wait
errors=$(cat "$SANDBOX"/io/errors.*)
expect_eq "$errors" "" "three writers at once: no command fails"
expect_eq "$(cat "$SANDBOX"/io/refs.* | sort -u | wc -l)" $((3 * PER)) "every case got its own reference"
dk --format csv case list
expect_eq "$(csv 'len(r)')" $((3 * PER)) "every case is stored"

# Two passphrase changes at once (different accounts): both slots are rewritten.
for who in bob carol; do
    (DK_USER=$who DK_PASS="$who passphrase" dk user passwd --kdf interactive --new-passphrase-fd 4 \
        4<<<"$who new passphrase"; echo "$rc" >"$SANDBOX/io/passwd.$who") &
done
wait
expect_eq "$(cat "$SANDBOX/io/passwd.bob" "$SANDBOX/io/passwd.carol" | tr '\n' ' ')" "0 0 " \
    "two passphrase changes at once both succeed"
for who in bob carol; do
    DK_USER=$who DK_PASS="$who new passphrase" dk user list
    expect_rc 0 "$who's new passphrase survived the other's change"
done
dk check
expect_rc 0 "check passes after concurrent writers ($out)"

finish
