#!/usr/bin/env bash
# `docket report NAME`: the command over every report the engine has (each runs on an empty
# database and prints its total, valid JSON, a translated header for every column), the
# refusals (unknown report, field or format, --from after --to: one line, nothing printed,
# nothing changed), the --public rule line, the scope line per role, '-' for a key not set.
# The counts themselves are tests/cli/test_reports.sh's.
. "$(dirname "$0")/lib.sh"

init_db
add_user kofi --role officer --mission MONUSCO

RULE='Counts of 1 or 2 are shown as <3, and so is any total from which such a count could be'

# ids_after LABEL: the comma-separated list after "LABEL" in $err, one per line.
ids_after() { sed -n "s/.*($1: \(.*\))\$/\1/p" <<<"$err" | tr -d ' ' | tr ',' '\n'; }

# The reports, as the refusal of a name far from all of them lists them.
dk report 0000000000
expect_rc 1 "an unknown report"
expect_error_line "an unknown report"
expect_eq "$out" "" "an unknown report prints nothing"
mapfile -t names < <(ids_after 'expected one of')
has "${names[*]}" "the reports listed" allegations

# --- every report: exit 0 on an empty database, a total, valid JSON, headers translated ------
for name in "${names[@]}"; do
    dk report "$name" --format json
    expect_rc 0 "report $name --format json"
    if printf '%s' "$out" | python3 -m json.tool >/dev/null; then ok; else
        fail "report $name: JSON does not parse: [$out]"
    fi
    # A report of several parts (victims) is an object of parts, each a report object.
    parts=$(json "' '.join(k for k in d if 'total' not in d) if 'total' not in d else ''")
    if [ -z "$parts" ]; then
        expect_eq "$(json "d['total'] is not None and d['scope']")" "scope: all missions" \
            "report $name: a total and the scope in JSON"
    else
        expect_eq "$(json "all('total' in d[k] for k in d)")" True \
            "report $name: every part has a total"
    fi
    dk report "$name"
    expect_rc 0 "report $name"
    expect_eq "$(printf '%s\n' "$out" | tail -n 1)" "scope: all missions" \
        "report $name: the scope line closes the table"
    # Every header is a translated label (upper case), never a bare id.
    if [ -z "$parts" ]; then
        headers=${out%%$'\n'*} # no pipe: head's early exit is a SIGPIPE under pipefail
    else # each part: its title, then its header
        headers=$(printf '%s\n' "$out" | awk 'NR == 1 || prev == "" {t = NR} NR == t + 1 {print} {prev = $0}')
    fi
    expect_match "$headers" '^[A-Z0-9 ]+(
[A-Z0-9 ]+)*$' "report $name: headers are labels"
    dk report "$name" --by 0000000000
    expect_rc 1 "report $name: an unknown field"
    expect_error_line "report $name: an unknown field"
    expect_eq "$out" "" "report $name: an unknown field prints nothing"
    mapfile -t fields < <(ids_after fields)
    [ "${#fields[@]}" -gt 0 ] && ok || fail "report $name: its fields are listed: [$err]"
    all=$(IFS=,; echo "${fields[*]}")
    dk report "$name" --by "$all"
    expect_rc 0 "report $name --by $all"
    [ -n "$parts" ] && out=$(printf '%s\n' "$out" | sed -n 2p)
    expect_match "${out%%$'\n'*}" '^[A-Z0-9 ]+$' \
        "report $name --by every field: headers are labels"
done

# --- refusals: one line, nothing on stdout, nothing changed ----------------------------------
expect_refused_unchanged 1 "an unknown report, close to one" report allegatons
expect_eq "$err" "docket: report: unknown value 'allegatons' (did you mean allegations?)" \
    "the closest report is named"
expect_eq "$out" "" "a misspelt report prints nothing"
expect_refused_unchanged 1 "an unknown field" report allegations --by mission,quartre
expect_eq "$err" "docket: --by: unknown field 'quartre' (did you mean 'quarter'?)" \
    "the closest field is named"
expect_eq "$out" "" "an unknown field prints nothing"
expect_refused_unchanged 1 "an empty field" report allegations --by mission,,year
expect_refused_unchanged 2 "an unknown format" report allegations --format xml
expect_eq "$out" "" "an unknown format prints nothing"
expect_refused_unchanged 1 "--from after --to" report allegations --from 2026-03-01 \
    --to 2026-02-28
expect_eq "$err" "docket: --from 2026-03-01 is after --to 2026-02-28" "--from after --to: why"
expect_eq "$out" "" "--from after --to prints nothing"
expect_refused_unchanged 1 "a date that is not one" report allegations --from 2026-02-30
expect_refused_unchanged 1 "an unknown mission" report allegations --mission MONUSKO
expect_refused_unchanged 2 "no report named" report
dk report allegations --from 2026-03-01 --to 2026-03-01
expect_rc 0 "a one-day window"

# --- a key not set prints '-' in a table, empty in CSV, null in JSON -------------------------
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse
expect_rc 0 "a case without nationality"
dk report allegations --by mission,nationality
expect_eq "$(lines MONUSCO)" "MONUSCO  -            1            0        0              0" \
    "table: nationality not set is '-'"
dk report allegations --by mission,nationality --format csv
expect_eq "$out" "mission,nationality,allegations,victims,child_victims,subjects
MONUSCO,,1,0,0,0
total,,1,0,0,0" "csv: nationality not set is empty, no scope"
dk report allegations --by nationality --format json
expect_eq "$(json "d['rows'][0]['nationality']")" None "json: nationality not set is null"

# --- --public: the rule line, after the table and before the scope ---------------------------
dk report allegations --public
expect_rc 0 "report allegations --public"
expect_eq "$out" "ALLEGATIONS  VICTIMS  CHILD VICTIMS  SUBJECTS
<3           0        0              0
$RULE worked out by subtraction; medians, percentiles and maxima over fewer than 3 cases are blank.
scope: all missions" "--public: <3, the rule line, the scope"
dk report allegations --public --format json
expect_eq "$(json "d['public'], d['rule'].startswith('Counts of 1 or 2'), d['total']['allegations']")" \
    "True True <3" "--public in JSON: the rule, <3 as a string"

# --- the scope: an officer's missions, stated in every format but CSV ------------------------
dk case add --mission MINUSCA --reported 2026-02-10 --category sexual_exploitation
expect_rc 0 "a case under MINUSCA"
dk report allegations
expect_eq "$(lines '[0-9]')" "2            0        0              0" "admin counts both missions"
run_as kofi report allegations
expect_rc 0 "an officer reports"
expect_eq "$out" "ALLEGATIONS  VICTIMS  CHILD VICTIMS  SUBJECTS
1            0        0              0
scope: your missions (MONUSCO)" "an officer counts its missions and says so"
run_as kofi report allegations --format json
expect_eq "$(json "d['scope']")" "scope: your missions (MONUSCO)" "the officer's scope in JSON"
run_as kofi report allegations --mission MINUSCA
expect_rc 0 "an officer asks for another mission"
expect_eq "$out" "ALLEGATIONS  VICTIMS  CHILD VICTIMS  SUBJECTS
0            0        0              0
scope: none (mission MINUSCA is not one of yours)" "another mission: nothing, and why"
dk report allegations --mission MINUSCA
expect_eq "$(printf '%s\n' "$out" | tail -n 1)" "scope: mission MINUSCA" "--mission: its scope"

finish
