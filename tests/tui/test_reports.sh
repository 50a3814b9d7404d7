#!/usr/bin/env bash
# The reports screen (R): the allegations as bars whose numbers are the CLI's (`docket report
# allegations --by FIELD --from Y1-01-01 --to Y2-12-31`) and hand-counted here; f switches the
# field, [ ] { } the years; '#' bars where the locale is not UTF-8; Tab to the timeliness and
# follow-up panes (their table, or the engine's one-line refusal while it lacks them); Esc back.
. "$(dirname "$0")/lib.sh"

init_db
# case_at MISSION REPORTED: a case; the years and quarters below are counted by hand.
case_at() {
    local mission=$1 reported=$2
    shift 2
    dk_ok "case add" case add --mission "$mission" --reported "$reported" --category sexual_abuse "$@"
}
case_at MONUSCO 2024-03-10 # 2024-Q1
case_at MONUSCO 2025-02-01 # 2025-Q1
case_at MINUSCA 2025-07-15 # 2025-Q3
# investigate REF REFERRED [CONCLUDED]: referred to ENTITY (oios: no NIO to appoint), concluded
# (not substantiated: no action pending) when given.
investigate() {
    local ref=$1 referred=$2 concluded=${3:-} entity=${ENTITY:-oios}
    dk_ok "assessment" case move "$ref" assessment --on "$referred"
    dk_ok "referred" case move "$ref" referred --on "$referred" --entity "$entity"
    [ -n "$concluded" ] || return 0
    dk_ok "investigating" case move "$ref" investigating --on "$referred"
    dk_ok "concluded" case move "$ref" concluded --on "$concluded" --outcome not_substantiated
}
case_at MONUSCO 2026-01-20 --nationality BGD # 2026-Q1
# The one case with something outstanding on TODAY: referred to a TCC on 2026-02-01, its
# investigation (6 months: due 2026-08-01) and its NIO appointment (5 working days) are
# overdue; follow-up counts it under BGD.
overdue_ref=$out
ENTITY=tcc investigate "$overdue_ref" 2026-02-01
# Timeliness: FRA concluded 193 days after its referral, after its due date 2026-10-10 (missed);
# NPL in 120 days (met). The slowest median first: FRA, NPL, then BGD (none concluded).
case_at MONUSCO 2026-04-02 --nationality FRA # 2026-Q2
investigate "$out" 2026-04-10 2026-10-20
case_at MINUSCA 2026-05-05 --nationality NPL # 2026-Q2
investigate "$out" 2026-05-10 2026-09-07
case_at MONUSCO 2026-09-30 # 2026-Q3

# bars: the chart's rows on screen, "label value" (the bar between them dropped).
bars() {
    grep -E '^ [0-9A-Z-]+ +[#█▉▊▋▌▍▎▏]* +([0-9]+|<3)$' <<<"$SCREEN" | awk '{print $1, $NF}'
}

# cli_bars FIELD FROM TO: the same rows from `docket report allegations --format csv`.
cli_bars() {
    dk report allegations --by "$1" --from "$2" --to "$3" --format csv
    [ "$rc" -eq 0 ] || fail "report allegations --by $1: exit $rc: $err"
    awk -F, 'NR > 1 && $1 != "total" { print ($1 == "" ? "-" : $1), $2 }' <<<"$out"
}

# expect_bars WANT FIELD FROM TO WHAT: the bars on screen are WANT (waits), and the CLI's.
expect_bars() {
    local want=$1 field=$2 from=$3 to=$4 what=$5 got cli tries=50
    while :; do
        settle
        got=$(bars)
        [ "$got" == "$want" ] && break
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    expect_eq "$got" "$want" "$what: the bars' numbers (counted by hand)"
    cli=$(cli_bars "$field" "$from" "$to")
    expect_eq "$got" "$cli" "$what: the bars' numbers = docket report allegations --by $field"
}

tui_open
keys R
expect_screen '^docket — reports — allegations by year, 2024–2026' "R opens the reports screen"
expect_screen 'Allegations by year, reported 2024–2026: 7 in all' "the chart's title and total"
expect_bars $'2024 1\n2025 2\n2026 4' year 2024-01-01 2026-12-31 "by year"
expect_match "$(grep -E '^ 2026 ' <<<"$SCREEN")" '█' "UTF-8: the bars are blocks"
expect_no_screen '^ 2026 +#' "UTF-8: no '#' bars"

# Enter on a bar: its cases, in the case list (they are in ref order), and back.
keys j
settle
keys Enter
expect_screen '^docket — allegations: allegations, year 2025 \(2\)' "Enter: the cases behind the 2025 bar"
expect_rows $'MINUSCA-2025-0001\nMONUSCO-2025-0001' "the list holds the two cases of 2025"
keys Escape
expect_screen 'allegations by year, 2024–2026' "Esc: back to the chart"

keys f
expect_screen 'allegations by quarter, 2024–2026' "f: the next field (quarter)"
expect_bars $'2024-Q1 1\n2025-Q1 1\n2025-Q3 1\n2026-Q1 1\n2026-Q2 2\n2026-Q3 1' \
    quarter 2024-01-01 2026-12-31 "by quarter"
keys F F
expect_screen 'allegations by mission, 2024–2026' "F F: back past year to mission"
expect_bars $'MINUSCA 2\nMONUSCO 5' mission 2024-01-01 2026-12-31 "by mission"
keys f
expect_screen 'allegations by year, 2024–2026' "f: year again"

keys ']'
expect_screen 'allegations by year, 2025–2026' "]: the first year one later"
expect_bars $'2025 2\n2026 4' year 2025-01-01 2026-12-31 "2025-2026"
keys '{'
expect_screen 'allegations by year, 2025–2025' "{: the last year one earlier"
expect_bars '2025 2' year 2025-01-01 2025-12-31 "2025 alone"
keys '{'
settle
expect_match "$SCREEN" 'by year, 2025–2025' "{ never puts the last year before the first"
keys '[' '[' '}'
expect_screen 'allegations by year, 2023–2026' "[ [ }: 2023 to this year"
expect_bars $'2024 1\n2025 2\n2026 4' year 2023-01-01 2026-12-31 "2023-2026"

# The other panes.
keys Tab
expect_screen '^docket — reports — timeliness by nationality' "Tab: timeliness"
expect_screen '^ NAT +CASES +NIO +NIO MED' "timeliness: the table"
settle
expect_eq "$(grep -oE '^ (BGD|FRA|NPL|total) ' <<<"$SCREEN" | tr -d ' ' | paste -sd' ')" \
    "FRA NPL BGD total" "timeliness: the slowest median first, none concluded last"
# referred, nio_appointed, (median to NIO), concluded, median, p90, met_original,
# met_extended, missed, open_overdue, open_on_track; a blank statistic is blanks.
expect_screen '^ FRA +1 +0 +1 +193 +193 +0 +0 +1 +0 +0$' "timeliness: FRA's row"
expect_screen '^ NPL +1 +0 +1 +120 +120 +1 +0 +0 +0 +0$' "timeliness: NPL's row"
expect_screen '^ BGD +1 +0 +0 +0 +0 +0 +1 +0$' "timeliness: BGD's row"
bold=$'\e''\[([0-9;]*;)?1(;[0-9;]*)?m'
expect_match "$(screen_e | grep -F 'FRA')" "$bold" "timeliness: FRA's missed is marked"
if [[ $(screen_e | grep -F 'NPL') =~ $bold ]]; then
    fail "timeliness: NPL has nothing missed, nothing marked"
else ok; fi
keys 3
expect_screen '^docket — reports — follow-up by nationality' "3: follow-up"
expect_screen '^ NAT +NIO LATE +DAYS +INV LATE' "follow-up: the table"
# Right: the next count (past the days); Enter: the cases behind BGD's overdue investigations.
expect_screen '^ BGD +1 +[0-9]+ +1 ' "follow-up: BGD has one late NIO and one late investigation"
keys Right
expect_screen 'Selected: investigation_overdue' "Right: the next count column"
keys Enter
expect_screen 'follow-up: investigation_overdue, nationality BGD \(1\)' \
    "Enter: the cases behind the count, in the case list"
expect_rows "$overdue_ref" "the list holds the one case behind the count"
keys Enter
expect_screen "$overdue_ref" "Enter in that list opens the case"
keys Escape Escape
expect_screen '^docket — reports — follow-up' "Esc Esc: back to the report"
keys 1
expect_screen '^docket — reports — allegations by year' "1: back to the allegations"

# The help lists the screen's keys, from the binding table.
help_text 'first year'
expect_match "$HELP" 'Reports' "the help has a Reports section"
expect_match "$HELP" '\[ +start the years one year earlier' "the help lists [ "
expect_match "$HELP" 'Tab +next report' "the help lists Tab"
expect_screen '^docket — reports' "Esc leaves the help for the reports"

keys Escape
expect_screen '^docket — dashboard' "Esc: back to the dashboard"
keys q
expect_clean_exit "q on the dashboard"

# A locale that is not UTF-8: '#' bars, one per cell. (The titles' dashes show as escapes there:
# unlock waits for the dashboard's last word.) The status bar counts the views drawn.
TUI_ENV="LANG=C LC_ALL=C DOCKET_TEST_DRAWS=1"
draws() { row -1 | sed -nE 's/^ \[([0-9]+)\] admin .*/\1/p'; }
tui_start
text "$PASS"
keys Enter
expect_screen 'dashboard$' "C locale: unlocked" 10
keys R
expect_screen 'Allegations by year' "C locale: the reports screen"
settle
expect_match "$(grep -E '^ 2026 ' <<<"$SCREEN")" '^ 2026 +#+ +4$' "C locale: '#' bars"
expect_no_screen '█' "C locale: no block elements"
expect_bars $'2024 1\n2025 2\n2026 4' year 2024-01-01 2026-12-31 "C locale, by year"

# Redraws by the dirty flags: Down at the last bar and an unbound key draw no view; Up draws it
# once.
keys G
sleep 0.5
before=$(draws)
expect_match "$before" '^[0-9]+$' "the status bar counts the views drawn"
keys j Down %
expect_screen 'Unknown key; press \? for help\.' "an unbound key says so"
expect_eq "$(draws)" "$before" "Down at the last bar and an unbound key draw nothing"
keys k
expect_screen "^ \\[$((before + 1))\\] admin " "Up draws the view once"
keys Escape q
expect_clean_exit "q in the C locale"

finish
