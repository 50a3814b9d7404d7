#!/usr/bin/env bash
# Resizing: every screen lays itself out again for 80x24 and 200x60 (title on the first line,
# status bar on the last, the list filling the height, nothing left over from the old size),
# a terminal under 80x24 shows the "enlarge the terminal" message, and growing back restores
# the screen. "Nothing left over" is checked by comparing the screen after the resize with the
# same screen repainted from scratch (Ctrl-L).
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 300 --seed 5
dk_ok deadlines deadlines --format csv
ndeadlines=$(($(wc -l <<<"$out") - 1))
dk_ok "case list" case list --format csv
by_due=$(tail -n +2 <<<"$out" | awk -F, '{ d = $7 == "" ? "9999-99-99" : $7; print d "," $1 }' |
    LC_ALL=C sort | cut -d, -f2)

# relaid COLS ROWS TITLE WHAT: resizes, then checks the layout for that size: the pane has the
# size, the title is on the first line, the status bar on the last, and the screen equals the
# same screen repainted from scratch.
relaid() {
    local cols=$1 rows=$2 title=$3 what=$4 before after tries=30
    resize "$cols" "$rows"
    expect_eq "$(pane '#{pane_width}x#{pane_height}')" "${cols}x$rows" "$what: the pane is ${cols}x$rows"
    # Until docket has drawn at the new size: tmux shows the old lines, reflowed, meanwhile.
    while { [[ "$(row -1)" != " admin (admin)"* ]] || ! [[ "$(row 0)" =~ ^$title ]]; } &&
        [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    SCREEN=$(screen)
    if [[ "$(row -1)" == " admin (admin)"* ]]; then ok; else
        fail "$what: the status bar is not on the last line ($rows)"
        dump
    fi
    expect_match "$(row 0)" "^$title" "$what: the title on the first line"
    expect_eq "$(screen | wc -l)" "$rows" "$what: $rows lines"
    # Ctrl-L repaints everything; F12 (bound to nothing) then puts "Unknown key" on the
    # message line, which shows that both keys were handled. The message line aside, the
    # screens must be the same.
    before=$(screen | sed "$((rows - 1))d")
    keys C-l F12
    # Under load (the valgrind pass runs beside the TUI scenarios) the repaint can take
    # seconds: wait for its end, then for the screen to settle, before comparing.
    wait_for '^Unknown key' 15 || true
    settle
    after=$(screen | sed "$((rows - 1))d")
    if [ "$before" == "$after" ]; then ok; else
        fail "$what: the screen after the resize differs from a full repaint (garbage):
$(diff <(echo "$before") <(echo "$after") | sed -n "1,20p")"
    fi
}

# too_small COLS ROWS: the enlarge message, and nothing else.
too_small() {
    local cols=$1 rows=$2
    resize "$cols" "$rows"
    expect_screen '^Please enlarge the terminal$' "${cols}x$rows: the enlarge message"
    expect_screen "^docket needs at least 80x24; this one is ${cols}x$rows\.\$" \
        "${cols}x$rows: the size needed and the size there is"
    expect_eq "$(grep -vc '^$' <<<"$SCREEN")" 2 "${cols}x$rows: nothing else on the screen"
}

# --- Starting too small: the unlock screen waits for a larger terminal ---------------------------
TUI_COLS=60 TUI_ROWS=20 tui_start
expect_screen '^Please enlarge the terminal$' "the unlock screen in 60x20 asks for a larger terminal"
expect_no_screen 'Passphrase' "no unlock form in 60x20"
resize 80 24
expect_screen '^ +docket — unlock the case database$' "80x24: the unlock screen appears"
expect_screen '^ +Account: +admin$' "80x24: the account field"
unlock
expect_eq "$(pane '#{pane_width}x#{pane_height}')" "80x24" "unlocked in 80x24"

# --- Dashboard ------------------------------------------------------------------------------------
relaid 80 24 'docket — dashboard' "dashboard 80x24"
expect_screen '^ DEADLINE RULE ' "dashboard 80x24: the counts"
n80=$(screen | grep -cE '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ')
relaid 200 60 'docket — dashboard' "dashboard 200x60"
n200=$(screen | grep -cE '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ')
if [ "$n200" -gt "$n80" ] && [ "$n200" -le $((n80 + 36)) ]; then ok; else
    fail "dashboard 200x60: the urgent list should grow into the 36 extra lines ($n80 rows in 80x24, $n200 in 200x60, $ndeadlines live deadlines)"
fi
too_small 79 24
too_small 80 23
too_small 60 20
relaid 100 30 'docket — dashboard' "dashboard back to 100x30"
expect_screen '^ DEADLINE RULE ' "the dashboard is back"

# --- Case list ------------------------------------------------------------------------------------
keys l
expect_screen '^docket — cases — by due date$' "the list in 100x30"
expect_rows "$(head -n 26 <<<"$by_due")" "100x30: 26 rows"
relaid 200 60 'docket — cases' "list 200x60"
expect_rows "$(head -n 56 <<<"$by_due")" "200x60: the list fills 56 rows, in order"
expect_screen '^   REF +MISSION +CATEGORY +STATE +URG +NEXT DUE +DAYS$' "200x60: the column titles"
for ((i = 0; i < 40; i++)); do keys j; done
expect_selected "$(sed -n 41p <<<"$by_due")" "200x60: the 41st case selected"
relaid 80 24 'docket — cases' "list 80x24"
expect_rows "$(head -n 20 <<<"$by_due")" "80x24: the list fills 20 rows"
sel=$(selected_refs)
if [ -n "$sel" ] && grep -qx "$sel" <<<"$(list_refs)"; then ok; else
    fail "80x24: the selection is on a row on screen (got [$sel])"
fi
expect_screen '^   REF +(MISSION +)?CATEGORY +STATE +URG +NEXT DUE +DAYS$' "80x24: the column titles fit"
# (the category and state by their names: "Sexual exploitat…", "Investigating")
expect_screen '^(!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} +([A-Z]+ +)?[A-Z][a-z]+( [a-z]+)*(…)? +[A-Z][a-z]+( [a-z]+)* .* +-?[0-9]+$' \
    "80x24: rows keep their columns, down to the days left"
too_small 60 20
relaid 100 30 'docket — cases' "list back to 100x30"
expect_rows "$(head -n 26 <<<"$by_due")" "100x30: the same 26 rows again"

# --- Case detail and a form -----------------------------------------------------------------------
keys g Enter
expect_screen "^docket — case — $(head -n 1 <<<"$by_due")\$" "the first case opens"
relaid 80 24 'docket — case — ' "detail 80x24"
expect_screen '^ Mission ' "detail 80x24: the fields"
relaid 200 60 'docket — case — ' "detail 200x60"
expect_screen '^ Deadlines$' "detail 200x60: the deadlines show"
keys Escape Escape n
expect_screen '^docket — new allegation$' "the intake form"
keys Tab Tab Tab Tab Tab
text 'NPL'
relaid 80 24 'docket — new allegation' "form 80x24"
expect_screen '^  Nationality \(ISO3\) +NPL$' "form 80x24: the typed text stays"
expect_screen '^ +\[ Save \]$' "form 80x24: the Save button fits"
too_small 60 20
relaid 100 30 'docket — new allegation' "form back to 100x30"
expect_screen '^  Nationality \(ISO3\) +NPL$' "form 100x30: the typed text stays"
keys Escape
expect_screen '^docket — dashboard$' "Esc leaves the form"

# --- Resizing while a prompt or a choice list waits for input -------------------------------------
keys /
expect_screen '^Find \(reference or text\):' "the search prompt"
text 'UNM'
resize 80 24
expect_screen '^Find \(reference or text\): UNM$' "80x24: the prompt keeps what was typed"
tries=30
while [[ "$(row -1)" != " admin (admin)"* ]] && [ "$tries" -gt 0 ]; do sleep 0.1; tries=$((tries - 1)); done
SCREEN=$(screen)
if [[ "$(row -2)" == "Find (reference or text): UNM" && "$(row -1)" == " admin (admin)"* ]]; then ok; else
    fail "resized during the / prompt: the prompt should be on line 23 and the status bar on line 24 of 80x24 (got [$(row -2)] / [$(row -1)])"
    dump
fi
keys Escape
expect_screen '^docket — dashboard$' "Esc cancels the prompt"
relaid 80 24 'docket — dashboard' "dashboard after the prompt"
keys l C
expect_screen 'Filter by category' "the category list"
resize 100 30
tries=30
while [[ "$(row -1)" != " admin (admin)"* ]] && [ "$tries" -gt 0 ]; do sleep 0.1; tries=$((tries - 1)); done
SCREEN=$(screen)
if [[ "$(row -1)" == " admin (admin)"* ]] && grep -q 'Filter by category' <<<"$SCREEN"; then ok; else
    fail "resized during a choice list: the status bar should be on line 30 of 100x30 and the list still shown (got [$(row -1)])"
    dump
fi
keys Escape
relaid 100 30 'docket — cases' "list after the choice list"
keys q q
expect_clean_exit "q, q after the resizes"

finish
