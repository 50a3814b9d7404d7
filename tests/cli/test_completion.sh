#!/usr/bin/env bash
# `docket completion bash`: the script it prints completes commands, options and identifier
# values from docket's own tables, covers every command and option `--help` names, and never
# runs docket nor opens a database when TAB is pressed (nor when the script is written).
. "$(dirname "$0")/lib.sh"

SCHEMA=$(cd "$(dirname "$0")/../../schema" && pwd)
unset LANGUAGE # the usage lines parsed below are the English ones

# A database that must never be opened: a FIFO whose writer, started here, notes each time
# anything opened it (an open for reading or writing unblocks it; the writer then closes it,
# so the next opener is not left waiting). A fake docket on PATH notes each time it is run.
mkfifo "$SANDBOX/trap.db"
(while exec 3>"$SANDBOX/trap.db"; do
    echo opened >>"$SANDBOX/trap.opened"
    exec 3>&-
done) </dev/null >/dev/null 2>&1 &
trap_pid=$!
trap 'kill "$trap_pid" 2>/dev/null || true; rm -rf "$SANDBOX"' EXIT
mkdir -p "$SANDBOX/bin"
printf '#!/bin/sh\necho "$@" >>"%s/docket.ran"\n' "$SANDBOX" >"$SANDBOX/bin/docket"
chmod +x "$SANDBOX/bin/docket"
export DOCKET_DB=$SANDBOX/trap.db

# The script, written by the binary: no database, no passphrase (stdin closed), exit 0.
capture "$DOCKET" completion bash </dev/null
expect_rc 0 "completion bash"
expect_eq "$err" "" "completion bash says nothing on stderr"
script=$out
capture "$DOCKET" --db "$SANDBOX/trap.db" completion bash </dev/null
expect_eq "$out" "$script" "completion bash with --db writes the same script"
# The one meson builds and installs is this very script.
if [ -n "${DOCKET_COMPLETION:-}" ]; then
    expect_eq "$(cat "$DOCKET_COMPLETION")" "$script" "the built completion/docket"
fi

# An unknown shell, or none: a usage error on one line, nothing on stdout.
capture "$DOCKET" completion zsh </dev/null
expect_rc 2 "completion zsh"
expect_error_line "completion zsh"
expect_eq "$out" "" "completion zsh writes no script"
capture "$DOCKET" completion </dev/null
expect_rc 2 "completion without a shell"

# Loaded as a user would, with this shell's strict options on: any failing command inside the
# script would end the test. PATH leads to the fake docket from here on.
PATH=$SANDBOX/bin:$PATH
source <(printf '%s\n' "$script")

# tab LINE: completes LINE (its last word, at the cursor at its end) as bash does: words split
# at blanks and at each = (COMP_WORDBREAKS); sets $got to COMPREPLY, one per line.
tab() {
    local line=$1 word piece
    local -a words
    read -ra words <<<"$line"
    [[ $line == *' ' ]] && words+=('')
    COMP_WORDS=()
    for word in "${words[@]}"; do
        if [[ $COMP_WORDBREAKS == *=* && $word == *=* ]]; then
            while [[ $word == *=* ]]; do
                piece=${word%%=*}
                [ -n "$piece" ] && COMP_WORDS+=("$piece")
                COMP_WORDS+=('=')
                word=${word#*=}
            done
            [ -n "$word" ] && COMP_WORDS+=("$word")
        else
            COMP_WORDS+=("$word")
        fi
    done
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _docket
    got=
    [ "${#COMPREPLY[@]}" -eq 0 ] || printf -v got '%s\n' "${COMPREPLY[@]}"
    got=${got%$'\n'}
}

# offers GOT WHAT WORD...: each word is one of the completions in GOT (whole, not a part).
offers() {
    local got=$1 what=$2 word
    shift 2
    for word in "$@"; do
        if [[ $'\n'$got$'\n' == *$'\n'"$word"$'\n'* ]]; then ok; else fail "$what: [$word] not in [$got]"; fi
    done
}

# expect_set WHAT WORD...: the completions are exactly the words, in any order (no forks:
# the machine may be loaded, and each costs tens of milliseconds).
expect_set() {
    local what=$1
    local -a lines=()
    shift
    [ -z "$got" ] || mapfile -t lines <<<"$got"
    if [ "${#lines[@]}" -eq "$#" ]; then ok; else fail "$what: [$got] is not the $# words [$*]"; fi
    [ "$#" -eq 0 ] || offers "$got" "$what" "$@"
}

tab 'docket '
expect_set "commands at position 1 (each first word once)" audit backup case check completion conflicts deadlines demo export holiday import init mission office recovery report rule subject timeline user vet victim
tab 'docket ca'
expect_set "a command's first word completes" case
tab 'docket case '
expect_set "case <TAB>: its subcommands" add show list move set extend note
tab 'docket --db x.db case a'
expect_set "a subcommand after a global option and its value" add

tab 'docket case add --'
offers "$got" "case add --<TAB>" --category --mission --reported --summary --urgent --db --format --user
tab 'docket case add --cat'
expect_set "case add --cat<TAB>" --category

categories="sexual_exploitation sexual_abuse other_serious other"
tab 'docket case add --category '
expect_set "--category <TAB>: exactly the category ids" $categories
tab 'docket case add --mission MONUSCO --category '
expect_set "--category <TAB> after another option's value" $categories
tab 'docket case add --category=sex'
expect_set "--category=sex<TAB> (bash breaks at =)" sexual_exploitation sexual_abuse
saved_breaks=$COMP_WORDBREAKS
COMP_WORDBREAKS=${COMP_WORDBREAKS//=/}
tab 'docket case add --category=sex'
expect_set "--category=sex<TAB> when = breaks no word: the whole word" --category=sexual_exploitation --category=sexual_abuse
COMP_WORDBREAKS=$saved_breaks

states="received assessment limited_info referred investigating concluded action closed"
tab 'docket case move MONUSCO-2026-0001 '
expect_set "case move REF <TAB>: the states" $states
tab 'docket --format csv case move MONUSCO-2026-0001 inv'
expect_set "case move REF inv<TAB>" investigating
tab 'docket case list --state '
expect_set "--state <TAB>: the states" $states

tab 'docket case add --mission MON'
expect_set "--mission MON<TAB>" MONUSCO
tab 'docket user add NAME --role officer --mission MINU'
expect_set "user add --mission MINU<TAB>" MINURSO MINUSCA MINUSMA MINUJUSTH
tab 'docket mission close UNMI'
expect_set "mission close CODE" UNMIK UNMISS UNMIL
tab 'docket case list --mission '
expect_set "--mission <TAB>: the seeded register, whole" $(sed -n "s/^INSERT INTO mission VALUES ('\([A-Z]*\)'.*/\1/p" "$SCHEMA/0003_missions.sql")

tab 'docket case list --format '
expect_set "--format <TAB>" table csv json
tab 'docket --format '
expect_set "--format <TAB> before the command" table csv json
tab 'docket init --kdf '
expect_set "--kdf <TAB>" interactive moderate sensitive
tab 'docket case extend MONUSCO-2026-0001 '
expect_set "case extend REF <TAB>: the rules" $(sed -n "s/^INSERT INTO rule VALUES ('\([a-z0-9_]*\)'.*/\1/p" "$SCHEMA/0001_init.sql")
offers "$got" "the rules" investigation_6m victim_update
tab 'docket rule set nio'
expect_set "rule set RULE" nio_appointment
tab 'docket case set MONUSCO-2026-0001 '
offers "$got" "case set REF <TAB>: the fields" urgent entity category mission summary
tab 'docket case set MONUSCO-2026-0001 entity '
expect_set "case set REF entity <TAB>" oios tcc pcc mission other_un
tab 'docket case set MONUSCO-2026-0001 urgent '
expect_set "case set REF urgent <TAB>" yes no
tab 'docket victim add MONUSCO-2026-0001 --sex '
expect_set "--sex <TAB>" female male unknown
tab 'docket case move MONUSCO-2026-0001 closed --closure not_'
expect_set "--closure not_<TAB>" not_substantiated not_sea
tab 'docket subject action S-ABCDEFGHIJ --interim '
offers "$got" "subject action --interim <TAB>: interim actions" repatriated payments_suspended
lacks "$got" "subject action --interim <TAB>" dismissal
tab 'docket subject action S-ABCDEFGHIJ '
offers "$got" "subject action <TAB>: final actions" dismissal reprimand
tab 'docket victim paternity V-ABCDEFGHIJ '
offers "$got" "victim paternity CODE <TAB>" dna_pending support_ordered
tab 'docket report '
offers "$got" "report <TAB>: the reports" allegations timeliness follow-up actions
tab 'docket report allegations --by mission,ca'
expect_set "report --by FIELD,FIELD<TAB>" mission,category
tab 'docket completion '
expect_set "completion <TAB>" bash

# Files for file arguments (names only: a directory listing, nothing opened).
mkdir -p "$SANDBOX/media"
: >"$SANDBOX/media/bundle.dkb"
tab "docket import $SANDBOX/media/bu"
expect_set "import FILE" "$SANDBOX/media/bundle.dkb"
tab "docket --db=$SANDBOX/media/b"
expect_set "--db=PATH" "$SANDBOX/media/bundle.dkb"
tab "docket backup --to $SANDBOX/med"
expect_set "backup --to PATH" "$SANDBOX/media"

# Nothing from the database, and no file names where docket wants case data.
tab 'docket case show '
expect_set "case show <TAB>: no case references"
tab "docket --db $SANDBOX/trap.db victim show "
expect_set "victim show <TAB>: no victim codes"
tab 'docket user remove '
expect_set "user remove <TAB>: no account names"
tab 'docket audit log --user '
expect_set "audit log --user <TAB>: no account names"
tab 'docket nonsense '
expect_set "an unknown command: nothing"

# Every command and option `docket --help` and `docket CMD --help` name is completed: a new
# one cannot be left out of the script. Parsed in bash, one docket run per command.
# usage_options LINE: the --names of a usage line ("[--on DATE]", "[--urgent]") into opts.
usage_options() {
    local tok
    local -a toks
    read -ra toks <<<"${1//$'\n'/ }"
    opts=()
    for tok in "${toks[@]}"; do
        if [[ $tok =~ ^\[(--[a-z][a-z-]*)\]?$ ]]; then opts+=("${BASH_REMATCH[1]}"); fi
    done
}
help=$("$DOCKET" --help </dev/null)
usage_options "${help%%$'\n\n'*}"
globals=("${opts[@]}" --help --version)
[ "${#globals[@]}" -ge 8 ] && ok || fail "only ${globals[*]} found in docket --help"
# Each command's usage: `docket FIRST SECOND --help` for the first two words of its line (the
# second may be its summary's: the usage names the command matched). Without the leak check
# of a sanitizer build's exit: it doubled the cost of these 51 runs (17 s on a loaded machine).
mapfile -t lines < <(sed -n '/^commands:/,/^$/p' <<<"$help" | grep '^  [a-z]')
ncommands=0
for i in "${!lines[@]}"; do
    read -r first second _ <<<"${lines[i]}"
    out=$(ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
        "$DOCKET" "$first" "$second" --help </dev/null)
    # "usage: docket case add REF [--on DATE]...": the command's words, then its options.
    usage=${out%%$'\n'*}
    read -ra toks <<<"$usage"
    cmd=
    for tok in "${toks[@]:2}"; do
        [[ $tok =~ ^[a-z][a-z-]*$ ]] || break
        cmd+=${cmd:+ }$tok
    done
    if [ -z "$cmd" ]; then
        fail "no command in [$usage]"
        continue
    fi
    ncommands=$((ncommands + 1))
    if [[ $cmd == *' '* ]]; then
        tab "docket ${cmd%% *} "
        offers "$got" "docket ${cmd%% *} <TAB>" "${cmd#* }"
    else
        tab 'docket '
        offers "$got" "docket <TAB>" "$cmd"
    fi
    usage_options "$usage"
    tab "docket $cmd --"
    offers "$got" "docket $cmd --<TAB>" "${opts[@]}" "${globals[@]}"
done
[ "$ncommands" -ge 50 ] && ok || fail "only $ncommands commands found in docket --help"

# Nothing ran docket or opened the database, at TAB time or when the script was written.
[ ! -e "$SANDBOX/docket.ran" ] && ok || fail "completion ran docket: $(cat "$SANDBOX/docket.ran")"
[ ! -e "$SANDBOX/trap.opened" ] && ok || fail "something opened the database"
kill "$trap_pid" 2>/dev/null || true
finish
