#!/usr/bin/env bash
# Bad input and bad usage: a clear one-line error, the right exit status, and no file changed.
. "$(dirname "$0")/lib.sh"

init_db
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse
expect_rc 0 "baseline case"

add=(case add --mission MONUSCO --category sexual_abuse)
expect_refused_unchanged 1 "impossible date" "${add[@]}" --reported 2026-02-30
expect_refused_unchanged 1 "malformed date" "${add[@]}" --reported 2026-1-5
expect_refused_unchanged 1 "date after today" "${add[@]}" --reported 2026-11-28
expect_refused_unchanged 1 "unknown category" case add --mission MONUSCO --reported 2026-01-10 --category misconduct
expect_refused_unchanged 1 "malformed mission" case add --mission MON-USCO --reported 2026-01-10 --category other
expect_refused_unchanged 1 "one-letter mission" case add --mission M --reported 2026-01-10 --category other
expect_refused_unchanged 1 "unknown type" "${add[@]}" --reported 2026-01-10 --type groping
expect_refused_unchanged 1 "unknown personnel" "${add[@]}" --reported 2026-01-10 --personnel soldier
expect_refused_unchanged 1 "unknown source" "${add[@]}" --reported 2026-01-10 --source rumour
expect_refused_unchanged 1 "unknown nationality" "${add[@]}" --reported 2026-01-10 --nationality XYZ
expect_refused_unchanged 1 "incident after reported" "${add[@]}" --reported 2026-01-10 --incident 2026-01-11
expect_refused_unchanged 1 "invalid UTF-8 summary" "${add[@]}" --reported 2026-01-10 --summary $'bad \xff byte'
expect_refused_unchanged 1 "summary too long" "${add[@]}" --reported 2026-01-10 --summary "$(head -c 9000 /dev/zero | tr '\0' x)"
expect_refused_unchanged 1 "missing category" case add --mission MONUSCO --reported 2026-01-10
expect_refused_unchanged 1 "malformed reference" case show MONUSCO-26-1
expect_refused_unchanged 1 "unknown state filter" case list --state opened
expect_refused_unchanged 1 "bad --today" --today 2026-13-01 case list

expect_refused_unchanged 2 "unknown command" frobnicate
expect_refused_unchanged 2 "unknown option" case add --mission MONUSCO --colour red
expect_refused_unchanged 2 "option without its value" case add --mission
expect_refused_unchanged 2 "extra argument" case list extra
expect_refused_unchanged 2 "missing argument" case show
expect_refused_unchanged 2 "unknown format" --format xml case list
expect_refused_unchanged 2 "an option given twice" "${add[@]}" --reported 2026-01-10 --summary a --summary b

# An unknown command or option names what was typed, with its subcommand, and the closest one.
expect_refused_unchanged 2 "unknown subcommand" case lst
expect_eq "$err" "docket: unknown command 'case lst' (did you mean 'case list'?)" "case lst: named, closest given"
expect_refused_unchanged 2 "misspelt command" dedlines --within 30
expect_eq "$err" "docket: unknown command 'dedlines' (did you mean 'deadlines'?)" "dedlines: closest given"
expect_refused_unchanged 2 "far subcommand" case frobnicate
has "$err" "far subcommand: the subcommands listed" "'case frobnicate'" "add, show, list"
expect_refused_unchanged 2 "group alone" case
has "$err" "group alone: the subcommands listed" "needs a subcommand" "list"
expect_refused_unchanged 2 "misspelt option" case add --sumary x
expect_match "$err" "did you mean '--summary'" "misspelt option: closest given"
# An unknown rule lists the rules (from the rule table).
expect_refused_unchanged 1 "unknown rule to set" rule set investigation_1y --length 3
has "$err" "unknown rule: the rules listed" "investigation_1y" investigation_6m investigation_90d \
    nio_appointment victim_update
expect_refused_unchanged 1 "unknown state" case list --state opened
has "$err" "unknown state: open offered" "closed, open"

# The error names the problem.
dk "${add[@]}" --reported 2026-02-30
expect_match "$err" "2026-02-30" "the bad date is named"
dk case add --mission MONUSCO --reported 2026-01-10 --category misconduct
expect_match "$err" "sexual_exploitation" "the valid categories are listed"

# Nothing was numbered by the refusals: the next case is 0002.
dk case add --mission MONUSCO --reported 2026-01-11 --category other
expect_eq "$out" "MONUSCO-2026-0002" "refusals leave no gap in references"

# init refuses to overwrite, and refuses short passphrases.
expect_refused_unchanged 1 "init over an existing database" init --admin admin --kdf interactive
DB=$SANDBOX/other.db DK_PASS=short
dk init --admin admin --kdf interactive
expect_rc 1 "short passphrase"
expect_error_line "short passphrase"
[ ! -e "$SANDBOX/other.db" ] && [ ! -e "$SANDBOX/other.db.keys" ] && ok || fail "a refused init left files behind"
DB=$SANDBOX/other.db DK_PASS=$PASS
dk init --admin 'Bad Name' --kdf interactive
expect_rc 1 "invalid admin name"
dk init --admin admin --kdf weak
expect_rc 1 "unknown kdf profile"
[ ! -e "$SANDBOX/other.db" ] && ok || fail "a refused init left files behind"

finish
