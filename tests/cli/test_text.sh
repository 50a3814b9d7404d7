#!/usr/bin/env bash
# Text in, text out: every free-text input refuses NUL, C0 controls but TAB and LF, DEL and C1
# (from arguments and standard input) and changes nothing; CRLF is stored as LF; bidi controls
# are stored and shown isolated; CSV and JSON never carry a raw ESC or C1 byte, even from older
# data written around docket.
. "$(dirname "$0")/lib.sh"

init_db
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --summary plain
R=$out
dk case move "$R" assessment --on 2026-01-12
dk case move "$R" referred --on 2026-01-15 --entity tcc
expect_rc 0 "setup: referred"
dk victim add "$R" --sex female --age adult
V=$out
expect_rc 0 "setup: victim"

# refused_stdin FORMAT WHAT ARGS...: as expect_refused_unchanged, with printf FORMAT on
# standard input (a format, so that it can hold the NUL byte no shell string can).
refused_stdin() {
    local format=$1 what=$2
    shift 2
    local before after
    before=$(files_state)
    # shellcheck disable=SC2059
    printf "$format" >"$SANDBOX/io/in"
    dk "$@" <"$SANDBOX/io/in"
    after=$(files_state)
    expect_rc 1 "$what"
    expect_error_line "$what"
    if [ "$before" == "$after" ]; then ok; else fail "$what: files changed"; fi
}

# Each text input, as the arguments before its value and, after --, any that follow it.
inputs=(
    "case add --mission MONUSCO --reported 2026-01-11 --category other --summary"
    "case move $R investigating --on 2026-01-20 --note"
    "case note $R --note"
    "case extend $R nio_appointment --to 2026-02-20 --reason"
    "victim add $R --name"
    "victim add $R --contact"
    "victim inform $V --note"
    "victim assist $V medical --on 2026-01-16 --status provided --provider"
    "subject add $R --personnel military_mc --name"
    "subject add $R --personnel military_mc --index"
    "subject add $R --personnel military_mc --unit"
    "holiday add --mission MONUSCO 2026-12-24"
    "case set $R summary"
)

# From standard input a NUL byte would cut the text short; it is refused and named.
for input in "${inputs[@]}"; do
    read -ra args <<<"$input"
    refused_stdin 'before\000after' "NUL through $input -" "${args[@]}" -
    expect_match "$err" 'contains a NUL byte' "NUL through $input -: named"
done

# Controls, from standard input and from arguments alike: every kind through standard input
# and through the first input's argument, ESC and C1 through every argument.
declare -A bad=(
    [ESC]='evil\033]0;pwned\a'
    [BEL]='ring\a'
    [CR]='one\rtwo'
    [DEL]='rub\177out'
    [C1]='csi\302\23331m'
    [raw9B]='csi\23331m'
)
for input in "${inputs[@]}"; do
    read -ra args <<<"$input"
    for kind in "${!bad[@]}"; do
        refused_stdin "${bad[$kind]}" "$kind through $input -" "${args[@]}" -
        if [ "$input" == "${inputs[0]}" ] || [ "$kind" == ESC ] || [ "$kind" == C1 ]; then
            # shellcheck disable=SC2059
            expect_refused_unchanged 1 "$kind through $input ARG" "${args[@]}" "$(printf "${bad[$kind]}")"
        fi
    done
done
expect_refused_unchanged 1 "ESC named with its position" case note "$R" --note $'ok\e[2J'
expect_match "$err" 'a control character \(U\+001B\) at position 3' "ESC named with its position"
# Reads refuse them too (a search is text like any other).
expect_refused_unchanged 1 "ESC in a vetting query" vet $'Dupont\e[2J'

# CRLF (a file from another system) is stored as LF, from arguments and from standard input.
dk_stdin $'line one\r\nline two\r\n' case note "$R" --note -
expect_rc 0 "CRLF note from stdin"
dk case add --mission MONUSCO --reported 2026-01-11 --category other --summary $'a\r\nb'
expect_rc 0 "CRLF summary from an argument"
R2=$out
dk case show "$R2" --format json
expect_eq "$(json 'repr(d["summary"])')" "'a\\nb'" "CRLF stored as LF"
dk timeline "$R" --format json
expect_eq "$(json '[e["detail"] for e in d if "line one" in (e["detail"] or "")][0].count("\r")')" 0 \
    "no CR left in a note read from stdin"

# Bidi controls are Arabic's own: stored, and shown inside an isolate of their own.
FSI=$'\u2068' PDI=$'\u2069' RLO=$'\u202e' PDF=$'\u202c'
dk case add --mission MONUSCO --reported 2026-01-11 --category other --summary "abc${RLO}def"
expect_rc 0 "bidi override accepted"
R3=$out
dk case show "$R3" --format json
expect_eq "$(json 'd["summary"]')" "abc${RLO}def" "bidi override stored as typed"
dk case show "$R3"
has "$out" "summary isolated and closed" "${FSI}abc${RLO}def${PDF}${PDI}"
dk case list
lacks "$out" "plain columns are left as they were" "$FSI"

# Older data (written around docket, or by an import) with ESC and C1: never raw in CSV or JSON.
"$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"UPDATE case_file SET summary = 'old' || char(27) || '[2J' || char(155) || 'x' || CAST(x'9b' AS TEXT) || char(127) WHERE ref = '$R2';" >/dev/null ||
    fail "dk_sql could not write the older data"
for format in csv json table; do
    dk case show "$R2" --format "$format"
    expect_rc 0 "case show --format $format on older data"
    # Decoded as UTF-8: no ESC, DEL or C1 code point, and no byte that is not UTF-8 (a raw 0x9b).
    if printf '%s' "$out" | python3 -c 'import re,sys; t=sys.stdin.buffer.read().decode("utf-8", "surrogateescape"); sys.exit(1 if re.search("[\x1b\x7f\x80-\x9f\udc80-\udcff]", t) else 0)'; then
        ok
    else fail "$format: a raw ESC, DEL, C1 or invalid byte"; fi
done
dk case show "$R2" --format csv
has "$out" "CSV shows ESC as its picture" "old␛[2J"
dk case show "$R2" --format json
has "$out" "JSON escapes ESC, C1 and DEL" 'old\u001b[2J\u009bx' '\u007f'

# A cell that starts with TAB or CR is a formula to a spreadsheet after trimming: guarded.
"$DK_SQL" "$DB" admin 3<<<"$PASS" <<<"UPDATE case_file SET summary = char(9) || '=1+1' WHERE ref = '$R3';" >/dev/null
dk case show "$R3" --format csv
has "$out" "TAB-led cell guarded" "'"$'\t''=1+1'

finish
