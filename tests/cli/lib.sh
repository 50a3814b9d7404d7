# Shared by the CLI scenario tests: a private sandbox, the real binary, assertions.
# Each scenario is a bash script sourced with `. lib.sh`; it fails on the first broken check.
set -euo pipefail

: "${DOCKET:?DOCKET must point at the docket binary}"
SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/docket-cli.XXXXXX")
trap 'rm -rf "$SANDBOX"' EXIT
# Nothing may leak into the real home or temp directory; both are scanned by some tests.
export HOME=$SANDBOX/home TMPDIR=$SANDBOX/tmp
mkdir -p "$HOME" "$TMPDIR" "$SANDBOX/io"
unset DOCKET_DB DOCKET_USER XDG_DATA_HOME STDIN_TEXT
export LC_ALL=C.UTF-8
DB=$SANDBOX/case.db
PASS='long passphrase'
TODAY=2026-11-27
failures=0
checks=0

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

ok() { checks=$((checks + 1)); }

# dk ARGS...: runs docket on $DB as admin with the passphrase on fd 3; sets $out, $err, $rc.
dk() {
    local o e
    o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    "$DOCKET" --db "$DB" --user "${DK_USER:-admin}" --passphrase-fd 3 --today "$TODAY" "$@" \
        3<<<"${DK_PASS:-$PASS}" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# capture CMD...: runs CMD (with the caller's redirections) and sets $rc, $out, $err from it.
capture() {
    local o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    "$@" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# dk_stdin TEXT ARGS...: as dk, with TEXT on standard input.
dk_stdin() {
    local text=$1
    shift
    local o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    printf '%s' "$text" | "$DOCKET" --db "$DB" --user "${DK_USER:-admin}" --passphrase-fd 3 \
        --today "$TODAY" "$@" 3<<<"${DK_PASS:-$PASS}" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# run_as WHO ARGS...: dk as WHO (passphrase "WHO passphrase", admin $PASS), stdin $STDIN_TEXT if set.
run_as() {
    local who=$1 pass=$PASS
    shift
    [ "$who" = admin ] || pass="$who passphrase"
    if [ -n "${STDIN_TEXT+set}" ]; then
        DK_USER=$who DK_PASS=$pass dk_stdin "$STDIN_TEXT" "$@"
    else
        DK_USER=$who DK_PASS=$pass dk "$@"
    fi
}

# as USER ARGS...: dk as USER with the passphrase in pw[USER] (the scenario's `declare -A pw`).
as() {
    local user=$1
    shift
    DK_USER=$user DK_PASS=${pw[$user]} dk "$@"
}

init_db() {
    dk init --admin admin --kdf interactive "$@"
    [ "$rc" -eq 0 ] || { echo "init failed: $err" >&2; exit 1; }
}

# add_user NAME ARGS...: admin adds NAME (passphrase "NAME passphrase"); one check that it worked.
add_user() {
    local name=$1
    shift
    dk user add "$name" "$@" --new-passphrase-fd 4 --kdf interactive 4<<<"$name passphrase"
    expect_rc 0 "admin adds $name"
}

expect_rc() {
    local want=$1 what=$2
    if [ "$rc" -eq "$want" ]; then ok; else fail "$what: exit $rc, wanted $want (stderr: $err)"; fi
}

expect_eq() {
    local got=$1 want=$2 what=$3
    if [ "$got" == "$want" ]; then ok; else fail "$what: got [$got], wanted [$want]"; fi
}

expect_match() {
    local got=$1 pattern=$2 what=$3
    if [[ $got =~ $pattern ]]; then ok; else fail "$what: [$got] does not match /$pattern/"; fi
}

# has TEXT WHAT WORD...: every word appears in TEXT.
has() {
    local text=$1 what=$2 word
    shift 2
    for word in "$@"; do
        if [[ $text == *"$word"* ]]; then ok; else fail "$what: [$word] missing from [$text]"; fi
    done
}

# lacks TEXT WHAT WORD...: none of the words appears in TEXT.
lacks() {
    local text=$1 what=$2 word
    shift 2
    for word in "$@"; do
        if [[ $text == *"$word"* ]]; then fail "$what: shows [$word]"; else ok; fi
    done
}

# One-line error that starts with "docket: ".
expect_error_line() {
    local what=$1
    if [[ $err == docket:\ * ]] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; then
        ok
    else
        fail "$what: stderr is not one 'docket: ' line: [$err]"
    fi
}

# expect_last_logged WHO "USER,ACTION,CASE,DETAIL" WHAT: the last entry of `audit log --user WHO`.
expect_last_logged() {
    local who=$1 want=$2 what=$3
    dk audit log --user "$who" --format csv
    expect_eq "$(printf '%s\n' "$out" | tail -n 1 | cut -d, -f3-)" "$want" "$what: in the audit log"
}

# json EXPR: evaluates a Python expression over the JSON value in $out (bound to d).
json() { printf '%s' "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# csv EXPR: evaluates a Python expression over the CSV rows of $out (list of dicts, bound to r).
csv() { printf '%s' "$out" | python3 -c "import csv,sys; r=list(csv.DictReader(sys.stdin)); print($1)"; }
# lines PREFIX: the lines of $out that start with PREFIX (an extended regex).
lines() { printf '%s\n' "$out" | grep -E "^($1)" || true; }

# A fingerprint of every file next to the database (name, size, checksum).
files_state() {
    (cd "$SANDBOX" && find . -path ./tmp -prune -o -path ./home -prune -o -path ./io -prune -o -type f -print |
        LC_ALL=C sort | while read -r f; do printf '%s %s\n' "$f" "$(sha256sum <"$f")"; done)
}

# expect_unchanged WHAT ARGS...: runs docket and checks that no file changed at all.
expect_refused_unchanged() {
    local want=$1 what=$2
    shift 2
    local before after
    before=$(files_state)
    dk "$@"
    after=$(files_state)
    expect_rc "$want" "$what"
    expect_error_line "$what"
    if [ "$before" == "$after" ]; then ok; else fail "$what: files changed:
$(diff <(echo "$before") <(echo "$after"))"; fi
}

finish() {
    if [ "$failures" -gt 0 ]; then
        printf '%d of %d checks failed\n' "$failures" "$((checks + failures))" >&2
        exit 1
    fi
    printf '%d checks passed\n' "$checks"
}
