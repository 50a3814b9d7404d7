#!/usr/bin/env bash
# Synthetic data: reproducible from a seed, spread over missions, categories, states and dates.
. "$(dirname "$0")/lib.sh"

init_db
dk demo --cases 300 --seed 42
expect_rc 0 "demo"
dk case list --format csv
first=$out
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 300 "300 cases"

DB=$SANDBOX/second.db
init_db
dk demo --cases 300 --seed 42
dk case list --format csv
expect_eq "$out" "$first" "the same seed gives the same cases"
dk demo --cases 10 --seed 43
dk case list --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 310 "demo adds to what is there"

DB=$SANDBOX/case.db
distinct() { printf '%s\n' "$first" | tail -n +2 | cut -d, -f"$1" | sort -u | wc -l; }
[ "$(distinct 2)" -ge 8 ] && ok || fail "missions are not spread: $(distinct 2)"
[ "$(distinct 3)" -eq 4 ] && ok || fail "categories are not spread: $(distinct 3)"
[ "$(distinct 4)" -ge 7 ] && ok || fail "states are not spread: $(distinct 4)"
[ "$(distinct 6)" -eq 2 ] && ok || fail "urgent is not mixed"
latest=$(printf '%s\n' "$first" | tail -n +2 | cut -d, -f5 | sort | tail -1)
[[ "$latest" < "2026-11-28" ]] && ok || fail "a demo case is reported after today: $latest"

# References have no gaps: per mission and year, 1..N.
gaps=$(printf '%s\n' "$first" | tail -n +2 | cut -d, -f1 | awk -F- '
    { key = $1 "-" $2; n[key]++; if ($3 + 0 > max[key]) max[key] = $3 + 0 }
    END { for (k in n) if (n[k] != max[k]) print k }')
expect_eq "$gaps" "" "references are gapless per mission and year"

# No real names: the summaries are synthetic.
dk case show "$(printf '%s\n' "$first" | sed -n 2p | cut -d, -f1)" --format json
expect_match "$out" '"summary": "Synthetic demo case [0-9]+' "synthetic summary"

expect_refused_unchanged 1 "zero cases" demo --cases 0
expect_refused_unchanged 1 "not a number" demo --cases lots

finish
