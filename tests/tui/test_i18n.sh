#!/usr/bin/env bash
# Wholly in French: the screens are translated, identifiers show by their French names and
# dates as in France (unlock, dashboard, list, a case's detail, the move form, the timeline,
# the intake form), and columns stay aligned although the translated titles and labels hold
# accented letters (more bytes than columns): every cell is padded by display width. The column where each cell starts is read from the screen (one column per
# character here) and compared with where the rows put their values.
. "$(dirname "$0")/lib.sh"

: "${DOCKET_MO:?DOCKET_MO must point at the built French catalogue}"
mkdir -p "$SANDBOX/locale/fr/LC_MESSAGES"
cp "$DOCKET_MO" "$SANDBOX/locale/fr/LC_MESSAGES/docket.mo"
export DOCKET_LOCALEDIR=$SANDBOX/locale LANGUAGE=fr
# Wholly in French: messages and display names (LANGUAGE), dates as in France (LC_ALL gives
# LC_TIME; ./run generates the locale).
locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8' ||
    { fail "the fr_FR.UTF-8 locale is not generated (./run test generates it)"; finish; }
TUI_ENV="DOCKET_LOCALEDIR=$DOCKET_LOCALEDIR LANGUAGE=fr LC_ALL=fr_FR.UTF-8"
FR_DATE='[0-9]{2}/[0-9]{2}/[0-9]{4}'
FR_DATE_WORD='[0-9][0-9]/[0-9][0-9]/[0-9][0-9][0-9][0-9]' # the same for awk (no intervals)
# The French names of the categories and states, as the screens show them (po/fr.po).
FR_CATEGORY='(Exploitation sexuelle|Atteinte sexuelle|Autre faute grave|Autre faute)'
FR_STATE='(Reçu|Évaluation|Informations limitées|Informations li…|Renvoyé|Enquête en cours|Enquête terminée|Mesures|Clos)'

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
# col_match REGEX LINE [K]: the column of the Kth word after LINE's first word matching
# REGEX (an awk regex, whole word; K 0: that word itself), or -1.
col_match() {
    tokens "$2" | awk -v re="^($1)\$" -v k="${3:-0}" '
        n > 0 { n++ } $2 ~ re && n == 0 { n = 1 } n == k + 1 { print $1; found = 1; exit }
        END { if (!found) print -1 }'
}

tui_start
expect_screen '^ +docket — déverrouiller la base des dossiers$' "the unlock screen in French"
expect_screen '^ +Saisissez votre phrase secrète\.$' "the prompt in French"
text "$PASS"
keys Enter
expect_screen '^docket — tableau de bord$' "the dashboard in French"
expect_match "$(row -1)" '\?:aide q:quitter$' "the status bar in French"

# Dashboard: "RÈGLE DE DÉLAI" (14 columns, 16 bytes) is padded to 24 columns: the next title
# starts at 1 + 24 + 1.
head=$(grep -m1 'RÈGLE DE DÉLAI' <<<"$SCREEN")
expect_eq "$(col_of EN "$head")" 26 "dashboard: EN RETARD starts at column 26, after a 24-column cell"
rule=$(grep -m1 -E '^ Enquête : 6 mois ' <<<"$SCREEN")
if [[ $rule =~ ^(\ Enquête\ :\ 6\ mois\ +)([0-9]+) ]]; then
    expect_eq "$((${#BASH_REMATCH[1]} + ${#BASH_REMATCH[2]} - 1))" 39 \
        "dashboard: the overdue count is right-aligned in its 14-column cell (ends at column 39)"
else
    fail "dashboard: no row for the 6-month investigation by its French name: [$rule]"
fi
expect_screen '^ Désignation du NIO +[0-9]+ +[0-9]+ +[0-9]+$' "dashboard: the NIO rule by its French name"
expect_screen '^ Informer la victime +[0-9]+ +[0-9]+ +[0-9]+$' "dashboard: the victims' rule by its French name"
# The most urgent deadlines: RÉF, RÈGLE, ÉCHÉANCE, STATUT over their cells (row: !! ref rule
# name, due date, days, status name...).
head=$(grep -m1 -E '^ +RÉF ' <<<"$SCREEN")
urgent=$(grep -m1 -E '^ !! [A-Z]+-[0-9]{4}-[0-9]{4} ' <<<"$SCREEN")
expect_match "$urgent" "^ !! [A-Z]+-[0-9]{4}-[0-9]{4} +(Enquête : (6 mois|90 jours)|Désignation du NIO|Informer la victime) +$FR_DATE +-[0-9]+ +En retard( |$)" \
    "dashboard: an overdue deadline: its rule and status by their French names, its date in French"
aligned 'RÉF' 2 "$head" "$urgent" "dashboard: RÉF over the references"
aligned 'RÈGLE' 3 "$head" "$urgent" "dashboard: RÈGLE over the rules"
expect_eq "$(col_of 'ÉCHÉANCE' "$head")" "$(col_match "$FR_DATE_WORD" "$urgent")" \
    "dashboard: ÉCHÉANCE over the due dates"
expect_eq "$(col_of 'STATUT' "$head")" "$(col_match "$FR_DATE_WORD" "$urgent" 2)" \
    "dashboard: STATUT over the statuses"
expect_no_screen 'investigation_|nio_appointment|victim_update|overdue|on_track|due_soon' \
    "dashboard: no rule or status identifier"

# Case list: the titles start where the rows put their cells (row: !! ref mission category
# state [U] due days; the mission column may be left out on narrow screens).
keys l
expect_screen '^docket — dossiers — par échéance$' "the list in French"
head=$(row 1)
first=$(grep -m1 -E '^!! [A-Z]+-[0-9]{4}-[0-9]{4} ' <<<"$SCREEN")
expect_match "$first" " $FR_CATEGORY +$FR_STATE +(U +)?$FR_DATE +-[0-9]+$" \
    "list: the category and state by their French names, the due date in French"
aligned 'RÉF' 2 "$head" "$first" "list: RÉF over the references"
n=3
if [ "$(col_of MISSION "$head")" != -1 ]; then
    aligned 'MISSION' 3 "$head" "$first" "list: MISSION over the missions"
    n=4
fi
aligned 'CATÉGORIE' "$n" "$head" "$first" "list: CATÉGORIE over the categories"
expect_eq "$(col_of 'ÉTAT' "$head")" "$(col_match 'Reçu|Évaluation|Informations|Renvoyé|Enquête|Mesures|Clos' "$first")" \
    "list: ÉTAT over the states"
expect_eq "$(col_of 'ÉCHÉANCE' "$head")" "$(col_match "$FR_DATE_WORD" "$first")" \
    "list: ÉCHÉANCE over the due dates"
expect_no_screen 'sexual_|other_serious|investigating|referred|assessment|concluded' \
    "list: no category or state identifier"

# A case's detail: its state, category and deadlines by their French names, its dates in
# French.
keys /
text "$ref"
keys Enter Enter
expect_screen "^docket — dossier — $ref\$" "the case's detail in French"
expect_screen "^ État +Enquête en cours \(depuis le $FR_DATE\)\$" "detail: the state by its French name, since a French date"
expect_screen "^ Catégorie +$FR_CATEGORY\$" "detail: the category by its French name"
expect_screen "Enquête : (6 mois|90 jours) +échéance $FR_DATE" "detail: a live deadline by its French name, its date in French"
expect_screen "Renvoyé le $FR_DATE \\+ [0-9]+ (mois|jours) = $FR_DATE" \
    "detail: a deadline's explanation names its start state in French, its dates in French"
expect_no_screen 'investigating|investigation_|sexual_|referred|[0-9]{4}-[0-9]{2}-[0-9]{2}' \
    "detail: no identifier, no ISO date"

# The move form: the next state by its French name; the date typed stays ISO.
keys m
expect_screen "^docket — changement d'état — $ref\$" "the move form in French"
expect_screen '^  Nouvel état +Enquête terminée$' "move: the one move offered, by its French name"
expect_screen '^  Résultat de l.enquête +Fondée$' "move: the outcome by its French name (its ◂▸ wraps below)"
expect_screen '^  Date \(YYYY-MM-DD\) +2026-11-27$' "move: the date to type stays ISO"
keys Escape
expect_screen "^docket — dossier — $ref\$" "Esc: back to the detail"

# The timeline: DATE, ÉVÉNEMENT, AUTEUR, DÉTAIL over their cells, the dates in French.
keys t
expect_screen "^docket — chronologie — $ref\$" "the timeline"
expect_screen '^ DATE ' "the timeline's header"
head=$(grep -m1 -E '^ DATE ' <<<"$SCREEN")
event=$(grep -m1 -E "^ $FR_DATE " <<<"$SCREEN")
expect_match "$event" "^ $FR_DATE " "timeline: the dates in French"
aligned 'ÉVÉNEMENT' 2 "$head" "$event" "timeline: ÉVÉNEMENT over the kinds"
aligned 'AUTEUR' 3 "$head" "$event" "timeline: AUTEUR over the actors"
aligned 'DÉTAIL' 4 "$head" "$event" "timeline: DÉTAIL over the details"
expect_screen "^ $FR_DATE +Enregistrement +[^ ]+ +enregistré à l'état $FR_STATE" \
    "timeline: the creation, its kind and its state in French"
expect_screen "^ $FR_DATE +Changement d'état +[^ ]+ +$FR_STATE -> $FR_STATE" \
    "timeline: a move, its kind and its states in French"
expect_no_screen 'created|moved|received|assessment|referred|investigating|[a-z]_[a-z]|[0-9]{4}-[0-9]{2}-[0-9]{2}' \
    "timeline: no event kind, identifier or ISO date"
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
