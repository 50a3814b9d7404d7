#!/usr/bin/env bash
# In French: the screens are translated, and columns stay aligned although the translated
# titles and labels hold accented letters (more bytes than columns): every cell is padded by
# display width. The column where each cell starts is read from the screen (one column per
# character here) and compared with where the rows put their values.
. "$(dirname "$0")/lib.sh"

: "${DOCKET_MO:?DOCKET_MO must point at the built French catalogue}"
mkdir -p "$SANDBOX/locale/fr/LC_MESSAGES"
cp "$DOCKET_MO" "$SANDBOX/locale/fr/LC_MESSAGES/docket.mo"
export DOCKET_LOCALEDIR=$SANDBOX/locale LANGUAGE=fr
TUI_ENV="DOCKET_LOCALEDIR=$DOCKET_LOCALEDIR LANGUAGE=fr"
TUI_READY='déverrouiller la base'  # tui_start waits for the French unlock screen

init_db
dk_ok demo demo --cases 60 --seed 11
dk_ok "case list" case list --format csv
# One command, no pipe: grep -m1 leaving early made tail die of SIGPIPE, which pipefail
# turned into a silent exit of the whole scenario when the machine was busy.
ref=$(awk -F, 'NR > 1 && /,investigating,/ { print $1; exit }' <<<"$out")

# tokens LINE: "COLUMN WORD" for each blank-separated word of LINE (columns from 0; every
# character here takes one column).
tokens() {
    local line=$1 i=0 n=${#1} start
    while ((i < n)); do
        if [[ ${line:i:1} == " " ]]; then
            i=$((i + 1))
            continue
        fi
        start=$i
        while ((i < n)) && [[ ${line:i:1} != " " ]]; do i=$((i + 1)); done
        echo "$start ${line:start:i-start}"
    done
}
# col_of WORD LINE: the column of the first word WORD of LINE, or -1.
col_of() { tokens "$2" | awk -v w="$1" '$2 == w { print $1; found = 1; exit } END { if (!found) print -1 }'; }
# col_nth N LINE: the column of the Nth word (from 1) of LINE.
col_nth() { tokens "$2" | sed -n "$1p" | cut -d' ' -f1; }
# aligned TITLE N HEAD ROW WHAT: the title TITLE of HEAD starts where the Nth word of ROW does.
aligned() { expect_eq "$(col_of "$1" "$3")" "$(col_nth "$2" "$4")" "$5"; }

tui_start
expect_screen '^ +docket — déverrouiller la base des dossiers$' "the unlock screen in French"
expect_screen '^ +Saisissez votre phrase secrète\.$' "the prompt in French"
text "$PASS"
keys Enter
expect_screen '^docket — tableau de bord$' "the dashboard in French"
expect_match "$(row -1)" '\?:aide q:quitter$' "the status bar in French"

# Dashboard: "RÈGLE DE DÉLAI" (14 columns, 16 bytes) is padded to 22 columns: the next title
# starts at 1 + 22 + 1.
head=$(grep -m1 'RÈGLE DE DÉLAI' <<<"$SCREEN")
expect_eq "$(col_of EN "$head")" 24 "dashboard: EN RETARD starts at column 24, after a 22-column cell"
rule=$(grep -m1 -E '^ investigation_6m ' <<<"$SCREEN")
if [[ $rule =~ ^(\ investigation_6m\ +)([0-9]+) ]]; then
    expect_eq "$((${#BASH_REMATCH[1]} + ${#BASH_REMATCH[2]} - 1))" 37 \
        "dashboard: the overdue count is right-aligned in its 14-column cell (ends at column 37)"
else
    fail "dashboard: no investigation_6m row: [$rule]"
fi
# The most urgent deadlines: RÉF, RÈGLE, ÉCHÉANCE, STATUT over their cells (row: !! ref rule ...).
head=$(grep -m1 -E '^ +RÉF ' <<<"$SCREEN")
urgent=$(grep -m1 -E '^ !! [A-Z]+-[0-9]{4}-[0-9]{4} ' <<<"$SCREEN")
aligned 'RÉF' 2 "$head" "$urgent" "dashboard: RÉF over the references"
aligned 'RÈGLE' 3 "$head" "$urgent" "dashboard: RÈGLE over the rules"
aligned 'ÉCHÉANCE' 4 "$head" "$urgent" "dashboard: ÉCHÉANCE over the due dates"
aligned 'STATUT' 6 "$head" "$urgent" "dashboard: STATUT over the statuses"

# Case list: the titles start where the rows put their cells (row: !! ref mission category
# state [U] due days; the mission column may be left out on narrow screens).
keys l
expect_screen '^docket — dossiers — par échéance$' "the list in French"
head=$(row 1)
first=$(grep -m1 -E '^!! [A-Z]+-[0-9]{4}-[0-9]{4} ' <<<"$SCREEN")
aligned 'RÉF' 2 "$head" "$first" "list: RÉF over the references"
n=3
if [ "$(col_of MISSION "$head")" != -1 ]; then
    aligned 'MISSION' 3 "$head" "$first" "list: MISSION over the missions"
    n=4
fi
aligned 'CATÉGORIE' "$n" "$head" "$first" "list: CATÉGORIE over the categories"
aligned 'ÉTAT' $((n + 1)) "$head" "$first" "list: ÉTAT over the states"
expect_eq "$(col_of 'ÉCHÉANCE' "$head")" "$(tokens "$first" | awk '$2 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ { print $1; exit }')" \
    "list: ÉCHÉANCE over the due dates"

# The timeline: DATE, ÉVÉNEMENT, AUTEUR, DÉTAIL over their cells.
keys /
text "$ref"
keys Enter Enter t
expect_screen "^docket — chronologie — $ref\$" "the timeline"
expect_screen '^ DATE ' "the timeline's header"
head=$(grep -m1 -E '^ DATE ' <<<"$SCREEN")
event=$(grep -m1 -E '^ [0-9]{4}-[0-9]{2}-[0-9]{2} ' <<<"$SCREEN")
aligned 'ÉVÉNEMENT' 2 "$head" "$event" "timeline: ÉVÉNEMENT over the kinds"
aligned 'AUTEUR' 3 "$head" "$event" "timeline: AUTEUR over the actors"
aligned 'DÉTAIL' 4 "$head" "$event" "timeline: DÉTAIL over the details"
keys Escape Escape Escape

# The intake form: every value starts at column 26, whatever its label's accents.
keys n
expect_screen '^docket — nouvelle allégation$' "the intake form in French"
for label in 'Signalé le' 'Catégorie' 'Urgent'; do
    line=$(grep -m1 "^  $label" <<<"$SCREEN")
    expect_match "${line:25:2}" '^ [^ ]$' "form: the value of '$label' starts at column 26 ([$line])"
done
keys Escape q
expect_clean_exit "q"

finish
