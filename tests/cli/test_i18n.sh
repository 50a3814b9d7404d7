#!/usr/bin/env bash
# French first: the build tree's own binary speaks French without installing, whether the
# language comes from LANGUAGE, from a generated LANG or from a LANG that is not generated.
. "$(dirname "$0")/lib.sh"

: "${DOCKET_MO:?DOCKET_MO must point at the built French catalogue}"
unset LANGUAGE LANG LC_MESSAGES DOCKET_LOCALEDIR

init_db

# in_env VAR=VALUE... -- ARGS...: dk with only the given locale variables (LC_ALL unset).
in_env() {
    local vars=()
    while [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    local o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    env -u LC_ALL -u LANGUAGE -u LANG -u LC_MESSAGES -u DOCKET_LOCALEDIR "${vars[@]}" \
        "$DOCKET" --db "$DB" --user admin --passphrase-fd 3 --today "$TODAY" "$@" \
        3<<<"$PASS" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# The build binary finds build/po by itself: no DOCKET_LOCALEDIR, nothing installed.
in_env -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "no language set: English headers"
in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANGUAGE=fr with no LANG (the C locale): French"
in_env LANG=fr_FR.UTF-8 -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANG=fr_FR.UTF-8: French"
if locale -a 2>/dev/null | grep -qix 'fr_CA\.utf-\?8'; then
    fail "fr_CA.UTF-8 is generated here: pick another locale that is surely missing"
else
    in_env LANG=fr_CA.UTF-8 -- case list
    expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANG=fr_CA.UTF-8, not generated, no LANGUAGE: French"
    in_env LANG=fr_CA.UTF-8 -- case add --mission MONUSCO --reported 2026-02-30 --category sexual_abuse
    expect_rc 1 "a date that does not exist is refused"
    lacks "$err" "the error under a missing locale is French" "is not a real date"
    in_env LC_ALL=C LANG=fr_FR.UTF-8 -- case list
    expect_match "$(head -1 <<<"$out")" '^REF ' "LC_ALL=C overrides LANG: English"
fi

# DOCKET_LOCALEDIR comes first: an empty directory there means no catalogue, English.
mkdir -p "$SANDBOX/empty-locale"
in_env LANGUAGE=fr DOCKET_LOCALEDIR="$SANDBOX/empty-locale" -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "DOCKET_LOCALEDIR wins over the build tree"
mkdir -p "$SANDBOX/locale/fr/LC_MESSAGES"
cp "$DOCKET_MO" "$SANDBOX/locale/fr/LC_MESSAGES/docket.mo"
in_env LANGUAGE=fr DOCKET_LOCALEDIR="$SANDBOX/locale" -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "DOCKET_LOCALEDIR with the catalogue: French"

# A relocated install (bin/docket beside share/locale) finds its catalogue.
mkdir -p "$SANDBOX/opt/bin" "$SANDBOX/opt/share/locale/fr/LC_MESSAGES"
cp "$DOCKET" "$SANDBOX/opt/bin/docket"
DOCKET=$SANDBOX/opt/bin/docket in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "a copied binary without a catalogue beside it: English"
cp "$DOCKET_MO" "$SANDBOX/opt/share/locale/fr/LC_MESSAGES/docket.mo"
DOCKET=$SANDBOX/opt/bin/docket in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "a copied binary with ../share/locale: French"

export DOCKET_LOCALEDIR=$SANDBOX/locale LANGUAGE=fr LC_ALL=C.UTF-8
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
