#!/usr/bin/env bash
# Moving around: the case list against `docket case list` (its rows in each order, j/k/arrows,
# PgDn/PgUp, g/G), sorting with s, / search, the filters, the case detail against
# `docket case show`, the timeline against `docket timeline`, and the help from the binding table.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 300 --seed 2


# refs_by_due: the refs of a case list CSV (stdin) in the TUI's default order: next due date
# (no live deadline last), then reference.
refs_by_due() {
    tail -n +2 | awk -F, '{ d = $7 == "" ? "9999-99-99" : $7; print d "," $1 }' | LC_ALL=C sort |
        cut -d, -f2
}
refs() { tail -n +2 | cut -d, -f1; }

dk_ok "case list" case list --format csv
all_csv=$out
by_ref=$(refs <<<"$all_csv")
by_due=$(refs_by_due <<<"$all_csv")
dk_ok "case list --sort reported" case list --sort reported --format csv
by_reported=$(refs <<<"$out")
total=$(wc -l <<<"$by_ref")
expect_eq "$total" 300 "the demo made 300 cases"
PAGE=$((TUI_ROWS - 4)) # title, header, message line, status bar

nth() { sed -n "$1p" <<<"$2"; }
first_n() { head -n "$1" <<<"$2"; }

tui_open

# --- The list, by due date -----------------------------------------------------------------------
keys l
expect_screen '^docket — cases — by due date$' "l opens the list, by due date"
expect_screen '^   REF +MISSION +CATEGORY +STATE +URG +NEXT DUE +DAYS$' "the list's columns"
expect_rows "$(first_n "$PAGE" "$by_due")" "the first page = case list, by next due date then ref"
expect_selected "$(nth 1 "$by_due")" "the first row is selected"
# Every column of the rows on screen is the CLI's: the !!/! cue from the worst status of the
# case's live deadlines (`deadlines`: each judged by its own rule's warning days), ref, mission,
# category, state, U when urgent, next due (or -), days left.
dk_ok "deadlines" deadlines --format csv
marks=$(tail -n +2 <<<"$out" | awk -F, '
    $6 == "overdue" { m[$1] = "!!" }
    $6 == "due_soon" && m[$1] != "!!" { m[$1] = "!" }
    END { for (r in m) print r "," m[r] }')
want=$( (sed 's/^/M,/' <<<"$marks"; tail -n +2 <<<"$all_csv") | awk -F, '
    $1 == "M" { marks[$2] = $3; next }
    {
        d = $7 == "" ? "9999-99-99" : $7
        line = marks[$1] " " $1 " " $2 " " $3 " " $4 ($6 == "yes" ? " U" : "") " " ($7 == "" ? "-" : $7 " " $8)
        print d "," $1 "\t" line }' | LC_ALL=C sort | cut -f2 | sed -E 's/^ //' | sed -n "1,${PAGE}p")
got=$(screen | sed -n "3,$((PAGE + 2))p" | tr -s ' ' | list_ids_for_names | sed -E 's/^ //; s/ $//')
if [ "$got" == "$want" ]; then ok; else
    fail "the list's columns differ from case list --format csv:
$(diff <(echo "$want") <(echo "$got") | sed -n "1,20p")"
fi
keys j
expect_selected "$(nth 2 "$by_due")" "j moves down"
keys Down
expect_selected "$(nth 3 "$by_due")" "Down moves down"
keys k
expect_selected "$(nth 2 "$by_due")" "k moves up"
keys Up
expect_selected "$(nth 1 "$by_due")" "Up moves up"
keys Up
expect_selected "$(nth 1 "$by_due")" "Up on the first case stays"
keys G
expect_selected "$(tail -n 1 <<<"$by_due")" "G selects the last case"
expect_rows "$(tail -n "$PAGE" <<<"$by_due")" "G shows the last page"
keys j
expect_selected "$(tail -n 1 <<<"$by_due")" "j on the last case stays"
# Back up past the top of the last page: the window slides backwards one row at a time.
keys -N "$PAGE" k
expect_selected "$(nth $((total - PAGE)) "$by_due")" "k past the top of the last page"
expect_rows "$(sed -n "$((total - PAGE)),$((total - 1))p" <<<"$by_due")" "the window slid back by one"
keys PPage
expect_rows "$(sed -n "$((total - 2 * PAGE)),$((total - PAGE - 1))p" <<<"$by_due")" \
    "PgUp from there shows the page before"
keys G
keys g
expect_selected "$(nth 1 "$by_due")" "g selects the first case"
expect_rows "$(first_n "$PAGE" "$by_due")" "g shows the first page"
# Past the bottom of the screen, the window slides by one.
for ((i = 1; i < PAGE; i++)); do keys j; done
expect_selected "$(nth "$PAGE" "$by_due")" "j to the last row on screen"
keys j
expect_selected "$(nth $((PAGE + 1)) "$by_due")" "j past the last row on screen"
expect_rows "$(sed -n "2,$((PAGE + 1))p" <<<"$by_due")" "the window slides by one row"
keys k
expect_selected "$(nth "$PAGE" "$by_due")" "k back up"
keys g NPage
expect_rows "$(sed -n "$((PAGE + 1)),$((2 * PAGE))p" <<<"$by_due")" "PgDn shows the next page"
keys Space
expect_rows "$(sed -n "$((2 * PAGE + 1)),$((3 * PAGE))p" <<<"$by_due")" "Space shows the next page"
keys PPage PPage
expect_rows "$(first_n "$PAGE" "$by_due")" "PgUp twice is back at the first page"

# --- Sorting -------------------------------------------------------------------------------------
keys g s
expect_screen '^docket — cases — by reference$' "s sorts by reference"
expect_rows "$(first_n "$PAGE" "$by_ref")" "by reference = case list --format csv"
keys G
expect_selected "$(tail -n 1 <<<"$by_ref")" "G: the last ref of case list"
keys g
expect_selected "$(nth 1 "$by_ref")" "g: the first ref of case list"
keys s
expect_screen '^docket — cases — by date reported$' "s again sorts by date reported"
expect_rows "$(first_n "$PAGE" "$by_reported")" "by date reported = case list --sort reported"
keys G
expect_selected "$(tail -n 1 <<<"$by_reported")" "G: the last of case list --sort reported"
keys s
expect_screen '^docket — cases — by due date$' "s a third time is back to due date"
expect_rows "$(first_n "$PAGE" "$by_due")" "by due date again"

# --- Opening a case from the list ----------------------------------------------------------------
keys j j
ref=$(nth 3 "$by_due")
expect_selected "$ref" "the third case selected"
keys Enter
expect_screen "^docket — case — $ref\$" "Enter opens the selected case"
show "$ref"
rule=$(printf '%s\n' "${!DL[@]}" | sed -n 1p)
read -r _ due _ _ left _ <<<"${DL[$rule]:-}"
expect_screen "^ Mission +${SHOW[Mission]}\$" "the detail shows the mission"
expect_screen "^ State +${SHOW[State]^} \(since ${SHOW[In state since]}\)\$" \
    "the detail shows the state and since when"
expect_screen "^ Reported +${SHOW[Reported]}\$" "the detail shows the reported date"
expect_screen "^   ${SHOW[Summary]}\$" "the detail shows the summary"
expect_screen "^ +(!!|! )? +${RULE_NAME[$rule]} +due $due +$left days left" \
    "the detail shows the live deadline and days left"
expect_screen "^ +$(re_quote "${DLX[$rule]}")\$" "the detail explains the deadline as case show does"
keys t
expect_screen "^docket — timeline — $ref\$" "t opens the timeline"
expect_timeline "$ref" "the timeline = docket timeline"
keys Escape
expect_screen "^docket — case — $ref\$" "Esc goes back to the case"
keys Escape
expect_screen '^docket — cases — by due date$' "Esc goes back to the list"
expect_selected "$ref" "the list keeps its selection"

# --- Search --------------------------------------------------------------------------------------
target=$(nth 150 "$by_ref")
keys /
expect_screen '^Find \(reference or text\):' "/ asks what to find"
text "$target"
keys Enter
expect_screen "^docket — cases — by due date  /$target\$" "the search shows in the title"
expect_rows "$target" "searching a reference finds that case only"
keys Enter
expect_screen "^docket — case — $target\$" "Enter opens the case found"
show "$target"
summary=${SHOW[Summary]}
keys Escape
expect_screen "^docket — cases — by due date  /$target\$" "back to the search"
keys /
expect_screen "^Find \(reference or text\): $target" "/ starts from the current search"
for ((i = 0; i < ${#target}; i++)); do keys BSpace; done
text "${summary%%:*}:"
keys Enter
expect_screen "^docket — cases — by due date  /${summary%%:*}:\$" "searching summary text"
expect_rows "$target" "a summary's text finds its case"
keys /
text 'no such thing'
keys Enter
expect_screen "Nothing found for '.*no such thing'" "a search finding nothing says so"
expect_screen 'No case matches\. X clears the filters\.' "the empty list says how to get back"
# The search is literal: SQL wildcards match only themselves.
for pattern in '%' '_' 'UNMISS-2025-00_7'; do
    keys /
    keys -N 60 BSpace
    text "$pattern"
    keys Enter
    expect_screen "^docket — cases — by due date  /$(re_quote "$pattern")\$" "searching '$pattern'"
    expect_screen "Nothing found for '$(re_quote "$pattern")'" "'$pattern' is literal: nothing found"
done
keys X
expect_screen '^docket — cases — by due date$' "X clears the search"
expect_rows "$(first_n "$PAGE" "$by_due")" "all cases again after X"

# --- Filters -------------------------------------------------------------------------------------
dk_ok "case list --mission UNMISS" case list --mission UNMISS --format csv
unmiss=$(refs_by_due <<<"$out")
dk_ok "case list --mission UNMISS --overdue" case list --mission UNMISS --overdue --format csv
unmiss_overdue=$(refs_by_due <<<"$out")
dk_ok "case list --overdue" case list --overdue --format csv
overdue=$(refs_by_due <<<"$out")
dk_ok "case list --state investigating" case list --state investigating --format csv
investigating=$(refs_by_due <<<"$out")
dk_ok "case list --state open --sort due" case list --state open --sort due --format csv
open_by_due=$(refs <<<"$out")
expect_eq "$open_by_due" "$(refs_by_due <<<"$out")" "case list --sort due is the TUI's order"
urgent=$(awk -F, 'NR > 1 && $6 == "yes"' <<<"$all_csv" | sed 1i, | refs_by_due)
abuse=$(awk -F, 'NR > 1 && $3 == "sexual_abuse"' <<<"$all_csv" | sed 1i, | refs_by_due)
expect_match "$(wc -l <<<"$unmiss_overdue")" '^[1-9]$' "some UNMISS cases are overdue (CLI)"

keys M
expect_screen '^Mission \(empty for all\):' "M asks for a mission"
text 'unmiss'
keys Enter
expect_screen '^docket — cases — by due date  UNMISS$' "the mission filter in the title"
expect_rows "$(first_n "$PAGE" "$unmiss")" "M UNMISS = case list --mission UNMISS"
keys O
expect_screen '^docket — cases — by due date  UNMISS  overdue$' "O adds the overdue filter"
expect_rows "$unmiss_overdue" "M UNMISS + O = case list --mission UNMISS --overdue"
keys O
expect_screen '^docket — cases — by due date  UNMISS$' "O again removes it"
expect_rows "$(first_n "$PAGE" "$unmiss")" "back to every UNMISS case"
keys M
for ((i = 0; i < 6; i++)); do keys BSpace; done
text 'no1'
keys Enter
expect_screen "'no1' is not a mission code" "a mission that is not a code is refused"
expect_screen '^docket — cases — by due date  UNMISS$' "the filter stays as it was"
keys X
expect_screen '^docket — cases — by due date$' "X clears the mission filter"
expect_rows "$(first_n "$PAGE" "$by_due")" "X: every case again"
keys O
expect_screen '^docket — cases — by due date  overdue$' "O alone"
expect_rows "$(first_n "$PAGE" "$overdue")" "O = case list --overdue"
keys X S
expect_screen 'Filter by state' "S offers the states"
expect_screen '\(any\)' "the state list starts with (any)"
expect_screen 'Open \(all but closed\)' "then every state but closed"
keys Down Down Down Down Down Down
keys Enter
expect_screen '^docket — cases — by due date  Investigating$' "S: the state filter in the title"
expect_rows "$(first_n "$PAGE" "$investigating")" "S Investigating = case list --state investigating"
keys X S Down Enter
expect_screen '^docket — cases — by due date  Open \(all but closed\)$' "S Open: in the title"
expect_rows "$(first_n "$PAGE" "$open_by_due")" "S Open = case list --state open --sort due"
keys X U
expect_screen '^docket — cases — by due date  urgent$' "U: urgent only"
expect_rows "$(first_n "$PAGE" "$urgent")" "U = the urgent cases of case list"
keys X C
expect_screen 'Filter by category' "C offers the categories"
expect_screen 'Sexual abuse' "the categories by their names"
keys Down Down Enter
expect_screen '^docket — cases — by due date  Sexual abuse$' "C: the category filter in the title"
expect_rows "$(first_n "$PAGE" "$abuse")" "C Sexual abuse = the sexual_abuse cases of case list"
keys X
expect_rows "$(first_n "$PAGE" "$by_due")" "X clears every filter"

# --- From the dashboard: o (overdue) and / ---------------------------------------------------------
keys Escape
expect_screen '^docket — dashboard$' "Esc back to the dashboard"
keys o
expect_screen '^docket — cases — by due date  overdue$' "o lists the overdue cases"
expect_rows "$(first_n "$PAGE" "$overdue")" "o = case list --overdue"
keys Escape
expect_screen '^docket — dashboard$' "Esc back to the dashboard"
keys /
text "$target"
keys Enter
expect_screen "^docket — cases — by due date  /$target\$" "/ on the dashboard searches"
expect_rows "$target" "and finds the case"
keys Escape
expect_screen '^docket — dashboard$' "Esc back to the dashboard"

# --- Help, written from the binding table ----------------------------------------------------------
help_text 'Ctrl-S, F2'
help=$HELP
pages=$HELP_PAGES
expect_match "$pages" '^([2-9]|1[0-9])$' "the help takes more than one page and PgDn pages it"
for want in '^ Dashboard$' '^ Case list$' '^ Case$' '^ Timeline$' '^ Forms$' \
    '^   \? +show this help$' '^   q, Ctrl-C +quit docket$' '^   j, Down +move down$' \
    '^   m +move the case along the workflow$' '^   t +show the case.s timeline$' \
    '^   s +sort by due date, reference or date reported$' '^   n +record a new allegation$' \
    '^   Ctrl-S, F2 +save$' '^   Ctrl-C +quit docket$'; do
    if grep -Eq -- "$want" <<<"$help"; then ok; else fail "the help has a line /$want/"; fi
done
# Every action of the binding table is explained.
actions=$(sed -n '/^#define DK_TUI_ACTION_LIST/,/^$/p' "$(dirname "$0")/../../src/tui/tui_internal.h" |
    grep -oE 'N_\("[^"]*"\)' | sed -E 's/^N_\("(.*)"\)$/\1/')
expect_match "$(wc -l <<<"$actions")" '^[2-9][0-9]$' "the actions of tui_internal.h"
while IFS= read -r a; do
    if grep -qF -- "$a" <<<"$help"; then ok; else fail "the help explains '$a'"; fi
done <<<"$actions"
expect_screen '^docket — dashboard$' "Esc leaves the help"
keys q
expect_clean_exit "q on the dashboard"

finish
