#!/usr/bin/env bash
# Recording allegations: references, listing in every format, show, stdin text, output safety.
. "$(dirname "$0")/lib.sh"

init_db

dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --type rape \
    --personnel military_mc --nationality NPL --source hotline --incident 2026-01-02 --urgent \
    --summary 'Reported at the camp gate.'
expect_rc 0 "case add"
expect_eq "$out" "MONUSCO-2026-0001" "first reference"

dk case add --mission monusco --reported 2026-02-01 --category sexual_exploitation
expect_eq "$out" "MONUSCO-2026-0002" "second reference, mission upper-cased"
dk case add --mission MINUSCA --reported 2026-02-01 --category other
expect_eq "$out" "MINUSCA-2026-0001" "sequence is per mission"
dk case add --mission MONUSCO --reported 2025-12-31 --category other_serious
expect_eq "$out" "MONUSCO-2025-0001" "sequence is per reporting year"

dk case list --format csv
expect_rc 0 "case list csv"
expect_eq "$(printf '%s\n' "$out" | head -1)" "ref,mission,category,state,reported,urgent,next_due,days_left" "csv header"
expect_eq "$(printf '%s\n' "$out" | grep '^MONUSCO-2026-0001,')" \
    "MONUSCO-2026-0001,MONUSCO,sexual_abuse,received,2026-01-10,yes,," "csv row"
expect_eq "$(printf '%s\n' "$out" | wc -l)" 5 "csv: header and four cases"

# Global options may stand anywhere.
csv1=$out
dk --format csv case list
expect_eq "$out" "$csv1" "--format before the command"

dk case list --format json
expect_rc 0 "case list json"
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["ref"], d[0]["urgent"], d[0]["next_due"])')" \
    "4 MINUSCA-2026-0001 False None" "json is an array of objects with typed values"

dk case list --mission monusco --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" \
    "MONUSCO-2025-0001 MONUSCO-2026-0001 MONUSCO-2026-0002 " "filter by mission, ordered by reference"
dk case list --state assessment --format csv
expect_eq "$out" "ref,mission,category,state,reported,urgent,next_due,days_left" "no case in assessment: header only"
dk case list --sort reported --format csv
expect_eq "$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f1)" "MONUSCO-2025-0001" "sort by reported"

dk case list
expect_match "$(printf '%s\n' "$out" | head -1)" '^REF +MISSION +CATEGORY +STATE +REPORTED +URGENT' "table header"

dk case show MONUSCO-2026-0001 --format json
expect_rc 0 "case show json"
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ref"], d["nationality"], d["incident"], d["summary"], d["entity"])')" \
    "MONUSCO-2026-0001 NPL 2026-01-02 Reported at the camp gate. None" "show json object"
dk case show monusco-2026-0001
expect_rc 0 "case show accepts a lower-case reference"
expect_match "$out" 'Summary +Reported at the camp gate\.' "show table has the summary"

dk case show MONUSCO-2026-0099
expect_rc 1 "show of a missing case"
expect_error_line "show of a missing case"

# Free text from standard input, so it never sits in argv or shell history.
dk_stdin $'First line, "quoted"\nsecond line\n' case add --mission UNMISS --reported 2026-03-03 \
    --category sexual_abuse --summary -
expect_eq "$out" "UNMISS-2026-0001" "case add with --summary -"
dk case show UNMISS-2026-0001 --format json
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["summary"]))')" \
    "'First line, \"quoted\"\\nsecond line'" "summary read from stdin, last newline dropped"

# CSV cells that a spreadsheet would run as formulas are defused.
dk case add --mission UNMISS --reported 2026-03-04 --category other --summary '=HYPERLINK("x")'
dk case show UNMISS-2026-0002 --format csv
expect_match "$out" "\"'=HYPERLINK\(\"\"x\"\"\)\"" "formula cell prefixed and quoted"

# Escape sequences are refused at the door (test_text.sh tries every input); bidi controls,
# Arabic's own, are kept and reach the terminal inside an isolate of their own.
expect_refused_unchanged 1 "ESC in a summary" case add --mission UNMISS --reported 2026-03-05 \
    --category other --summary $'evil\e]0;pwned\a\e[2Jtext'
dk case add --mission UNMISS --reported 2026-03-05 --category other --summary $'text\u202eabc'
dk case show UNMISS-2026-0003
if printf '%s' "$out" | grep -q $'\e'; then fail "raw ESC reached the terminal"; else ok; fi
has "$out" "bidi override isolated" $'\u2068text\u202eabc\u202c\u2069'

# Listing: --state open is every state but closed; --sort due puts the soonest deadline first,
# also for cases replayed as of an earlier --today.
listing_db() {
    DB=$SANDBOX/listing.db init_db
    DB=$SANDBOX/listing.db dk "$@"
}
listing() { DB=$SANDBOX/listing.db dk "$@"; }
listing_db case add --mission MINUSCA --reported 2026-01-05 --category other # 0001: no deadline
listing case add --mission MINUSCA --reported 2026-01-06 --category sexual_abuse # 0002: 6 months
listing case move MINUSCA-2026-0002 assessment --on 2026-01-07
listing case move MINUSCA-2026-0002 referred --on 2026-01-08 --entity oios
listing case add --mission MINUSCA --reported 2026-01-07 --category sexual_abuse --urgent # 0003: 90 days
listing case move MINUSCA-2026-0003 assessment --on 2026-01-08
listing case move MINUSCA-2026-0003 referred --on 2026-01-09 --entity oios
listing case add --mission MINUSCA --reported 2026-01-08 --category other # 0004: closed
listing case move MINUSCA-2026-0004 assessment --on 2026-01-09
listing case move MINUSCA-2026-0004 closed --on 2026-01-10 --closure not_sea
expect_rc 0 "listing: setup"
listing case list --state open --format csv
expect_eq "$(csv '" ".join(x["ref"] + ":" + x["state"] for x in r)')" \
    "MINUSCA-2026-0001:received MINUSCA-2026-0002:referred MINUSCA-2026-0003:referred" \
    "--state open: every state but closed"
listing case list --sort due --format csv
expect_eq "$(csv '" ".join(x["ref"][-4:] for x in r)')" "0003 0002 0001 0004" \
    "--sort due: soonest first, cases without a deadline last"
# As of 2026-01-08 case 0003 was not yet referred (no deadline) and 0002 just was.
listing --today 2026-01-08 case list --sort due --format csv
expect_eq "$(csv '" ".join(x["ref"][-4:] + ":" + x["next_due"] for x in r)')" \
    "0002:2026-07-08 0001: 0003: 0004:" "--sort due as of an earlier day: replayed cases in place"
listing case list --sort soon
expect_rc 2 "--sort: unknown order"
expect_match "$err" "ref, reported, due" "--sort: the orders listed"

dk --help
expect_rc 0 "--help"
expect_match "$out" 'case add' "--help lists the commands"
dk --version
expect_match "$out" '^docket [0-9]+\.[0-9]+' "--version"
dk case add --help
expect_match "$out" '--mission' "command help lists its options"

finish
