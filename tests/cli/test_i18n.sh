#!/usr/bin/env bash
# French first: messages come out translated when the French catalogue is installed.
. "$(dirname "$0")/lib.sh"

: "${DOCKET_MO:?DOCKET_MO must point at the built French catalogue}"
mkdir -p "$SANDBOX/locale/fr/LC_MESSAGES"
cp "$DOCKET_MO" "$SANDBOX/locale/fr/LC_MESSAGES/docket.mo"
export DOCKET_LOCALEDIR=$SANDBOX/locale LANGUAGE=fr LC_ALL=C.UTF-8

init_db
dk case add --mission MONUSCO --reported 2026-02-30 --category sexual_abuse
expect_rc 1 "refused in French too"
expect_match "$err" "^docket: .*2026-02-30.*(date|AAAA)" "the message names the date"
if [[ $err == *"is not a real date"* ]]; then fail "message not translated: $err"; else ok; fi
dk case list
expect_match "$(printf '%s\n' "$out" | head -1)" '^RÉF' "table headers are translated"
dk case list --format csv
expect_eq "$(printf '%s\n' "$out" | head -1)" "ref,mission,category,state,reported,urgent,next_due,days_left" \
    "CSV keys are never translated"

finish
