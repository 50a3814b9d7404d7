#!/usr/bin/env bash
# French first: the build tree's own binary speaks French without installing, whether the
# language comes from LANGUAGE, from a generated LANG or from a LANG that is not generated.
. "$(dirname "$0")/lib.sh"

: "${DOCKET_MO:?DOCKET_MO must point at the built French catalogue}"
unset LANGUAGE LANG LC_MESSAGES DOCKET_LOCALEDIR

init_db

# in_env VAR=VALUE... -- ARGS...: dk with only the given locale variables (LC_ALL unset).
in_env() {
    local vars=()
    while [ "$1" != -- ]; do
        vars+=("$1")
        shift
    done
    shift
    local o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    env -u LC_ALL -u LANGUAGE -u LANG -u LC_MESSAGES -u DOCKET_LOCALEDIR "${vars[@]}" \
        "$DOCKET" --db "$DB" --user admin --passphrase-fd 3 --today "$TODAY" "$@" \
        3<<<"$PASS" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# The build binary finds build/po by itself: no DOCKET_LOCALEDIR, nothing installed.
in_env -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "no language set: English headers"
in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANGUAGE=fr with no LANG (the C locale): French"
in_env LANG=fr_FR.UTF-8 -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANG=fr_FR.UTF-8: French"
if locale -a 2>/dev/null | grep -qix 'fr_CA\.utf-\?8'; then
    fail "fr_CA.UTF-8 is generated here: pick another locale that is surely missing"
else
    in_env LANG=fr_CA.UTF-8 -- case list
    expect_match "$(head -1 <<<"$out")" '^RÉF ' "LANG=fr_CA.UTF-8, not generated, no LANGUAGE: French"
    in_env LANG=fr_CA.UTF-8 -- case add --mission MONUSCO --reported 2026-02-30 --category sexual_abuse
    expect_rc 1 "a date that does not exist is refused"
    lacks "$err" "the error under a missing locale is French" "is not a real date"
    in_env LC_ALL=C LANG=fr_FR.UTF-8 -- case list
    expect_match "$(head -1 <<<"$out")" '^REF ' "LC_ALL=C overrides LANG: English"
fi

# DOCKET_LOCALEDIR comes first: an empty directory there means no catalogue, English.
mkdir -p "$SANDBOX/empty-locale"
in_env LANGUAGE=fr DOCKET_LOCALEDIR="$SANDBOX/empty-locale" -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "DOCKET_LOCALEDIR wins over the build tree"
mkdir -p "$SANDBOX/locale/fr/LC_MESSAGES"
cp "$DOCKET_MO" "$SANDBOX/locale/fr/LC_MESSAGES/docket.mo"
in_env LANGUAGE=fr DOCKET_LOCALEDIR="$SANDBOX/locale" -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "DOCKET_LOCALEDIR with the catalogue: French"

# A relocated install (bin/docket beside share/locale) finds its catalogue.
mkdir -p "$SANDBOX/opt/bin" "$SANDBOX/opt/share/locale/fr/LC_MESSAGES"
cp "$DOCKET" "$SANDBOX/opt/bin/docket"
DOCKET=$SANDBOX/opt/bin/docket in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^REF ' "a copied binary without a catalogue beside it: English"
cp "$DOCKET_MO" "$SANDBOX/opt/share/locale/fr/LC_MESSAGES/docket.mo"
DOCKET=$SANDBOX/opt/bin/docket in_env LANGUAGE=fr -- case list
expect_match "$(head -1 <<<"$out")" '^RÉF ' "a copied binary with ../share/locale: French"

# A whole workflow in French: messages (LANGUAGE=fr) and dates (LC_TIME from LANG). ./run
# generates fr_FR.UTF-8; without it French dates cannot be had, so the scenario says so.
locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8' ||
    { fail "the fr_FR.UTF-8 locale is not generated (./run test generates it)"; finish; }
# fr ARGS...: docket on $DB in French, as a French-speaking officer's shell would run it.
fr() { in_env LANG=fr_FR.UTF-8 LANGUAGE=fr -- "$@"; }
# English display names and headers that must not show in French tables (each as a word).
english=("Sexual abuse" "Rape" "Military contingent member" "Victim" "Troop-contributing country"
    "Received" "Assessment" "Referred" "Investigating" "On track" "Due soon" "Overdue" "Met"
    "Missed" "NIO appointment" "Investigation: 6 months" "Investigation: 90 days" "Not urgent"
    "working days" "yes" "no" "REF" "STATE" "CATEGORY" "REPORTED" "NEXT DUE" "DAYS LEFT" "RULE"
    "START" "DUE" "STATUS" "EVENT" "Reference" "Category" "Deadlines" "Victims" "Recorded" "Moved"
    "Extended" "Victim named" "Victim informed" "recorded as" "entity" "extended to" "months"
    "days" "last told" "MET BY" "Each victim")
ids=(sexual_abuse rape military_mc received assessment referred on_track due_soon overdue
    nio_appointment investigation_6m victim_informed victim_added created moved extended tcc)
# no_english WHAT: $out holds none of the English words, no identifier, no ISO date.
no_english() {
    local word found=()
    for word in "${english[@]}"; do
        grep -qwF -- "$word" <<<"$out" && found+=("$word")
    done
    for word in "${ids[@]}"; do
        [[ $out == *"$word"* ]] && found+=("$word")
    done
    if [ ${#found[@]} -eq 0 ]; then ok; else fail "$1: English left: ${found[*]}"; fi
}
FR_DATE='[0-9]{2}/[0-9]{2}/[0-9]{4}'

DB=$SANDBOX/fr.db
fr init --admin admin --kdf interactive
expect_rc 0 "init in French"
expect_match "$out" "^Base de données .* créée avec le compte administrateur admin\.$" \
    "init says so in French"
fr case add --mission MONUSCO --reported 2026-11-02 --category sexual_abuse --type rape \
    --personnel military_mc --nationality FRA --source victim
expect_rc 0 "case add in French (identifiers as arguments, an ISO date)"
ref=$out
fr case list
expect_match "$(head -1 <<<"$out")" '^RÉF +MISSION +CATÉGORIE +ÉTAT +SIGNALÉ +URGENT +ÉCHÉANCE ' \
    "case list: French headers"
expect_match "$(sed -n 2p <<<"$out")" "^$ref +MONUSCO +Atteinte sexuelle +Reçu +02/11/2026 +non " \
    "case list: the category and state by their French names, the date as in France"
no_english "case list"
fr case move "$ref" assessment --on 2026-11-03
expect_rc 0 "case move to assessment"
fr case move "$ref" referred --on 2026-11-04 --entity tcc
expect_rc 0 "case move to referred, a TCC investigating"
fr case show "$ref"
has "$out" "case show: French labels and names" "Atteinte sexuelle" "Viol" "Renvoyé" \
    "Membre d'un contingent militaire" "Pays fournisseur de contingents" "Délais" \
    "Désignation du NIO" "Enquête : 6 mois" "Dans les délais" "En retard"
expect_match "$(grep '^Dans cet état depuis' <<<"$out")" " 04/11/2026$" "case show: a French date"
expect_match "$out" "Renvoyé le 04/11/2026 \\+ 6 mois = 04/05/2027" \
    "case show: an explanation names its state in French, with French dates"
no_english "case show"
fr deadlines
expect_match "$(head -1 <<<"$out")" '^RÉF +RÈGLE +DÉBUT +ÉCHÉANCE +JOURS RESTANTS +STATUT' \
    "deadlines: French headers"
expect_match "$out" "$ref +Désignation du NIO +04/11/2026 +11/11/2026 +-16 +En retard" \
    "deadlines: the NIO appointment overdue, in French"
expect_match "$out" "$ref +Enquête : 6 mois +04/11/2026 +04/05/2027 +158 +Dans les délais" \
    "deadlines: the investigation on track, in French"
no_english "deadlines"
fr timeline "$ref"
expect_match "$(head -1 <<<"$out")" '^DATE +ÉVÉNEMENT +AUTEUR +DÉTAIL' "timeline: French headers"
expect_match "$(sed -n 2p <<<"$out")" "^02/11/2026 " "timeline: French dates"
fr victim add "$ref" --sex female --on 2026-11-05
expect_rc 0 "victim add in French"
vic=$out
fr victim inform "$vic" --on 2026-11-06
expect_rc 0 "victim inform in French"
fr case extend "$ref" investigation_6m --to 2027-06-30 --reason "Témoin à l'étranger"
expect_rc 0 "case extend in French"
fr timeline "$ref"
expect_match "$(sed -n 2p <<<"$out")" "^02/11/2026 +Enregistrement +admin +enregistré à l'état Reçu$" \
    "timeline: the creation, its kind and its state in French"
expect_match "$out" "03/11/2026 +Changement d'état +admin +Reçu -> Évaluation" \
    "timeline: a move between states named in French"
has "$out" "timeline: the victim's events by their French names" "Victime inscrite" "Victime informée"
expect_match "$out" "Prolongation +admin +délai « Enquête : 6 mois » prolongé jusqu'au" \
    "timeline: an extension by its French name, its rule by its French name"
no_english "timeline"
if [[ $out =~ [0-9]{4}-[0-9]{2}-[0-9]{2} ]]; then fail "timeline: an ISO date left"; else ok; fi
# The table cuts long details: CSV has them whole (kinds and dates as ids, details for people).
fr timeline "$ref" --format csv
out=$(tail -n +2 <<<"$out" | cut -d, -f4-)
has "$out" "timeline (CSV): the details in French, whole" \
    "Évaluation -> Renvoyé, entité Pays fournisseur de contingents" \
    "$vic inscrite au dossier $ref" "$vic informée de l'avancement du dossier" \
    "délai « Enquête : 6 mois » prolongé jusqu'au 30/06/2027: Témoin à l'étranger"
no_english "timeline (CSV): the details"
if [[ $out =~ [0-9]{4}-[0-9]{2}-[0-9]{2} ]]; then fail "timeline (CSV): an ISO date in a detail"; else ok; fi
fr case show "$ref"
has "$out" "case show: the extension and the victim's clock explained in French" \
    "Renvoyé le 04/11/2026 + 6 mois = 04/05/2027 ; prolongé au 30/06/2027" \
    "$vic dernière information ou inscription le 06/11/2026 + 30 jours = 06/12/2026"
no_english "case show after the extension"
if [[ $out =~ [0-9]{4}-[0-9]{2}-[0-9]{2} ]]; then fail "case show: an ISO date left"; else ok; fi
fr rule list
expect_match "$out" "Informer la victime +Victime informée +30 +jours +Victime informée" \
    "rule list: the victim update starts and is met when the victim is informed, in French"
expect_match "$out" "Enquête : 6 mois +Renvoyé +6 +mois +" "rule list: the start state in French"
no_english "rule list"
fr report allegations --by category,state
expect_match "$(head -1 <<<"$out")" '^CATÉGORIE +ÉTAT +ALLÉGATIONS ' "report: French headers"
expect_match "$(sed -n 2p <<<"$out")" '^Atteinte sexuelle +Renvoyé +1 ' "report: keys by their French names"
no_english "report"
fr case move "$ref" investigating
expect_rc 1 "a move without its date is refused"
expect_eq "$err" "docket: un changement d'état nécessite --on DATE" "the error in French"
# Machine formats keep identifiers and ISO dates whatever the language.
fr case list --format csv
expect_eq "$(sed -n 2p <<<"$out")" "$ref,MONUSCO,sexual_abuse,referred,2026-11-02,no,2026-11-11,-16" \
    "CSV in French: identifiers and ISO dates"
fr deadlines --format json
has "$out" "JSON in French: identifiers and ISO dates" '"rule": "nio_appointment"' \
    '"due": "2026-11-11"' '"status": "overdue"'
DB=$SANDBOX/case.db

export DOCKET_LOCALEDIR=$SANDBOX/locale LANGUAGE=fr LC_ALL=C.UTF-8
dk case add --mission MONUSCO --reported 2026-02-30 --category sexual_abuse
expect_rc 1 "refused in French too"
expect_match "$err" "^docket: .*2026-02-30.*(date|AAAA)" "the message names the date"
if [[ $err == *"is not a real date"* ]]; then fail "message not translated: $err"; else ok; fi
dk case list
expect_match "$(printf '%s\n' "$out" | head -1)" '^RÉF' "table headers are translated"
dk case list --format csv
expect_eq "$(printf '%s\n' "$out" | head -1)" "ref,mission,category,state,reported,urgent,next_due,days_left" \
    "CSV keys are never translated"

finish
