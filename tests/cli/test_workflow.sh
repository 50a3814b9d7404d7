#!/usr/bin/env bash
# The workflow through the CLI: the full move matrix (domain.md), what each move must carry,
# event dates, field changes, notes and the timeline, as they stood on any --today.
. "$(dirname "$0")/lib.sh"

init_db

# --- One fresh case in each of the eight states (all reported 2026-02-01) ----------------------
states=(received assessment limited_info referred investigating concluded action closed)
declare -A allowed=(
    [received]="assessment"
    [assessment]="limited_info referred closed"
    [limited_info]="assessment referred closed"
    [referred]="investigating closed"
    [investigating]="concluded"
    [concluded]="action closed"
    [action]="closed"
    [closed]="assessment"
)
declare -A ref_in

# build STATE MOVE...: adds a case and makes each move (state,date[,options]) in turn.
build() {
    local state=$1 step
    shift
    dk case add --mission MONUSCO --reported 2026-02-01 --category sexual_abuse
    expect_rc 0 "case add for a case in $state"
    ref_in[$state]=$out
    for step in "$@"; do
        local -a m
        IFS=' ' read -r -a m <<<"$step"
        dk case move "${ref_in[$state]}" "${m[@]}"
        expect_rc 0 "building $state: move ${m[*]}"
    done
}

build received
build assessment "assessment --on 2026-02-02"
build limited_info "assessment --on 2026-02-02" "limited_info --on 2026-02-03 --note awaiting_details"
build referred "assessment --on 2026-02-02" "limited_info --on 2026-02-03 --note awaiting_details" \
    "referred --on 2026-02-04 --entity tcc"
build investigating "assessment --on 2026-02-02" "referred --on 2026-02-03 --entity oios" \
    "investigating --on 2026-02-04"
build concluded "assessment --on 2026-02-02" "referred --on 2026-02-03 --entity pcc" \
    "investigating --on 2026-02-04" "concluded --on 2026-02-05 --outcome not_substantiated"
build action "assessment --on 2026-02-02" "referred --on 2026-02-03 --entity oios" \
    "investigating --on 2026-02-04" "concluded --on 2026-02-05 --outcome substantiated" \
    "action --on 2026-02-06"
build closed "assessment --on 2026-02-02" "closed --on 2026-02-03 --closure not_sea"
expect_eq "${ref_in[received]} ${ref_in[closed]}" "MONUSCO-2026-0001 MONUSCO-2026-0008" "eight cases"

dk case list --mission MONUSCO --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f4 | tr '\n' ' ')" "${states[*]} " \
    "each case stands in its state"

# What a move to each state carries when it is allowed (so a refusal can only be the move itself).
declare -A carry=(
    [received]=""
    [assessment]="--note reopening"
    [limited_info]="--note details_missing"
    [referred]="--entity oios"
    [investigating]=""
    [concluded]="--outcome substantiated"
    [action]=""
    [closed]="--closure other_circumstances"
)

# --- Every refused move: exit 1, one line naming both states, nothing changed -------------------
for from in "${states[@]}"; do
    for to in "${states[@]}"; do
        [[ " ${allowed[$from]} " == *" $to "* ]] && continue
        # shellcheck disable=SC2086
        expect_refused_unchanged 1 "$from -> $to is refused" \
            case move "${ref_in[$from]}" "$to" --on 2026-03-01 ${carry[$to]}
        expect_match "$err" "$from.*$to" "the refusal of $from -> $to names both states"
    done
done

# --- Moves that must carry something, options that do not belong, bad values -----------------
R=${ref_in[received]} A=${ref_in[assessment]} L=${ref_in[limited_info]} F=${ref_in[referred]}
I=${ref_in[investigating]} C=${ref_in[concluded]} X=${ref_in[action]} Z=${ref_in[closed]}
expect_refused_unchanged 1 "referred without --entity" case move "$L" referred --on 2026-03-01
expect_match "$err" "--entity" "the missing --entity is named"
expect_refused_unchanged 1 "concluded without --outcome" case move "$I" concluded --on 2026-03-01
expect_match "$err" "--outcome" "the missing --outcome is named"
expect_refused_unchanged 1 "closed without --closure" case move "$F" closed --on 2026-03-01
expect_match "$err" "--closure" "the missing --closure is named"
expect_refused_unchanged 1 "limited_info without --note" case move "$A" limited_info --on 2026-03-01
expect_refused_unchanged 1 "reopen without --note" case move "$Z" assessment --on 2026-03-01
expect_refused_unchanged 1 "reopen with an empty --note" case move "$Z" assessment --on 2026-03-01 --note ''
expect_refused_unchanged 1 "--entity on a move to assessment" case move "$R" assessment --on 2026-03-01 --entity oios
expect_refused_unchanged 1 "--outcome on a move to closed" case move "$X" closed --on 2026-03-01 \
    --closure actions_completed --outcome substantiated
expect_refused_unchanged 1 "unknown state" case move "$R" open --on 2026-03-01
expect_refused_unchanged 1 "unknown entity" case move "$L" referred --on 2026-03-01 --entity unhcr
expect_match "$err" "oios" "the valid entities are listed"
expect_refused_unchanged 1 "unknown outcome" case move "$I" concluded --on 2026-03-01 --outcome guilty
expect_refused_unchanged 1 "unknown closure" case move "$C" closed --on 2026-03-01 --closure finished

# --- Event dates: never before the previous event, never after --today, always real dates ------
expect_refused_unchanged 1 "date before the previous event" \
    case move "$I" concluded --on 2026-02-03 --outcome substantiated
expect_refused_unchanged 1 "date after --today" case move "$R" assessment --on 2026-11-28
TODAY=2026-02-28 expect_refused_unchanged 1 "date after an earlier --today" case move "$R" assessment --on 2026-03-01
expect_refused_unchanged 1 "malformed date" case move "$R" assessment --on 2026-3-1
expect_refused_unchanged 1 "impossible date" case move "$R" assessment --on 2026-02-30
expect_refused_unchanged 1 "a move without --on" case move "$R" assessment

# --- Every allowed move succeeds with what it must carry --------------------------------------
dk case move "$R" assessment --on 2026-11-27 --note 'Assessment opened'
expect_rc 0 "received -> assessment (on --today itself, optional note)"
dk_stdin $'Waiting for the victim\'s statement.\n' case move "$A" limited_info --on 2026-03-01 --note -
expect_rc 0 "assessment -> limited_info with --note -"
dk case move "$A" closed --on 2026-03-02 --closure other_circumstances
expect_rc 0 "limited_info -> closed"
dk case move "$L" assessment --on 2026-03-01
expect_rc 0 "limited_info -> assessment"
dk case move "$L" referred --on 2026-03-01 --entity mission
expect_rc 0 "assessment -> referred, on the same day as the previous event"
dk case move "$F" closed --on 2026-03-01 --closure other_circumstances
expect_rc 0 "referred -> closed"
dk case move "$I" concluded --on 2026-02-04 --outcome substantiated
expect_rc 0 "investigating -> concluded on the day of the previous event"
dk case move "$C" closed --on 2026-03-01 --closure not_substantiated
expect_rc 0 "concluded -> closed"
dk case move "$X" closed --on 2026-03-01 --closure actions_completed
expect_rc 0 "action -> closed"
dk_stdin 'New information from the community network.' case move "$Z" assessment --on 2026-03-01 --note -
expect_rc 0 "closed -> assessment: an admin reopens with a note"

dk case list --mission MONUSCO --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f4 | tr '\n' ' ')" \
    "assessment closed referred closed concluded closed closed assessment " "states after the moves"

dk case show "$Z" --format json
expect_eq "$(json 'd["state"], d["state_since"], d["closure"]')" "assessment 2026-03-01 None" \
    "reopened: back in assessment, no longer closed for a reason"
dk case show "$L" --format json
expect_eq "$(json 'd["state"], d["entity"]')" "referred mission" "the entity is stored"
dk case show "$C" --format json
expect_eq "$(json 'd["state"], d["outcome"], d["closure"]')" "closed not_substantiated not_substantiated" \
    "outcome and closure recorded"

# The timeline of the case that went the longest way, then as it stood on 2026-02-04.
dk timeline "$X" --format csv
expect_eq "$out" "date,kind,actor,detail
2026-02-01,created,admin,recorded as Received
2026-02-02,moved,admin,Received -> Assessment
2026-02-03,moved,admin,\"Assessment -> Referred, entity OIOS\"
2026-02-04,moved,admin,Referred -> Investigating
2026-02-05,moved,admin,\"Investigating -> Concluded, outcome Substantiated\"
2026-02-06,moved,admin,Concluded -> Action
2026-03-01,moved,admin,\"Action -> Closed, closure Actions completed\"" \
    "timeline in date order: the kinds as ids, the details naming states and values by their names"
TODAY=2026-02-04 dk timeline "$X" --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ')" \
    "2026-02-01,created 2026-02-02,moved 2026-02-03,moved 2026-02-04,moved " \
    "an earlier --today hides the later events"
TODAY=2026-02-05 dk case show "$C" --format json
expect_eq "$(json 'd["state"], d["outcome"], d["closure"]')" "concluded not_substantiated None" \
    "case show as it stood on 2026-02-05: concluded, not yet closed"
TODAY=2026-01-31 dk timeline "$X"
expect_rc 1 "a case reported after --today does not exist yet"
expect_error_line "a case reported after --today"

# --- case set: every field, through show; bad values refused unchanged -------------------------
dk case add --mission UNMISS --reported 2026-02-01 --category sexual_abuse --type rape \
    --personnel military_mc --nationality NPL --source hotline --incident 2026-01-20 --summary 'First account.'
S=$out
expect_eq "$S" "UNMISS-2026-0001" "case for field changes"
dk case set "$S" urgent yes --on 2026-04-01
expect_rc 0 "set urgent yes"
dk case show "$S" --format json
expect_eq "$(json 'd["urgent"]')" "True" "urgent is now yes"
for fv in "urgent no" "entity tcc" "type transactional_sex" "personnel police_fpu" "nationality bgd" \
    "source witness" "category sexual_exploitation" "incident 2026-01-25"; do
    dk case set "$S" "${fv% *}" "${fv#* }" --on 2026-04-02
    expect_rc 0 "set $fv"
done
dk_stdin $'Second account,\nwith two lines.\n' case set "$S" summary - --on 2026-04-03
expect_rc 0 "set summary from standard input"
dk case show "$S" --format json
expect_eq "$(json 'd["urgent"], d["entity"], d["type"], d["personnel"], d["nationality"], d["source"], d["category"], d["incident"], repr(d["summary"])')" \
    "False tcc transactional_sex police_fpu BGD witness sexual_exploitation 2026-01-25 'Second account,\\nwith two lines.'" \
    "every field changed; nationality upper-cased"

set_bad=(case set "$S")
expect_refused_unchanged 1 "urgent maybe" "${set_bad[@]}" urgent maybe
expect_refused_unchanged 1 "unknown entity" "${set_bad[@]}" entity unhcr
expect_refused_unchanged 1 "unknown type" "${set_bad[@]}" type groping
expect_refused_unchanged 1 "unknown personnel" "${set_bad[@]}" personnel soldier
expect_refused_unchanged 1 "unknown nationality" "${set_bad[@]}" nationality XYZ
expect_refused_unchanged 1 "unknown source" "${set_bad[@]}" source rumour
expect_refused_unchanged 1 "unknown category" "${set_bad[@]}" category misconduct
expect_refused_unchanged 1 "malformed incident date" "${set_bad[@]}" incident 2026-13-01
expect_refused_unchanged 1 "incident after the date reported" "${set_bad[@]}" incident 2026-02-02
expect_refused_unchanged 1 "summary that is not UTF-8" "${set_bad[@]}" summary $'bad \xff byte'
expect_refused_unchanged 1 "a field that cannot be set" "${set_bad[@]}" colour red
expect_refused_unchanged 1 "set dated before the previous event" "${set_bad[@]}" urgent yes --on 2026-04-01

# As it stood before the changes (--today 2026-03-31), the case had its first values.
TODAY=2026-03-31 dk case show "$S" --format json
expect_eq "$(json 'd["urgent"], d["type"], d["category"], d["nationality"], d["summary"]')" \
    "False rape sexual_abuse NPL First account." "case show --today before the changes shows the old values"

# --- Notes and the timeline ---------------------------------------------------------------------
dk_stdin 'Called the focal point.' case note "$S" --note - --on 2026-04-05
expect_rc 0 "case note"
expect_refused_unchanged 1 "a note without text" case note "$S" --note ''
dk timeline "$S" --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1-3 | tr '\n' ' ')" \
    "2026-02-01,created,admin 2026-04-01,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-02,set,admin 2026-04-03,set,admin 2026-04-05,note,admin " \
    "timeline: every event in date order with its kind and actor"
expect_match "$(printf '%s\n' "$out" | sed -n 3p)" '^2026-04-01,set,admin,.*urgent.*yes' "the set event names field and value"
expect_match "$out" '2026-04-02,set,admin,category set to Sexual exploitation' \
    "a set event names a vocabulary's value by its display name"
expect_match "$out" '2026-04-02,set,admin,entity set to Troop-contributing country' \
    "a set event names the entity by its display name"
expect_match "$(printf '%s\n' "$out" | tail -1)" '^2026-04-05,note,admin,.*Called the focal point\.' \
    "the note is in the timeline"

# --- The whole cycle and back in one day -------------------------------------------------------------
# Referred, concluded, closed, reopened and referred again on one day: the investigation deadline
# that started that day runs again (once refused: two deadlines with the same rule and start).
dk case add --mission MONUSCO --reported 2026-02-01 --category sexual_abuse
D=$out
for step in "assessment --note seen" "referred --entity oios" investigating \
    "concluded --outcome not_substantiated" "closed --closure not_substantiated" \
    "assessment --note reopened" "referred --entity oios"; do
    read -r -a m <<<"$step"
    dk case move "$D" "${m[@]}" --on 2026-03-02
    expect_rc 0 "one day's cycle: $step ($err)"
done
dk --format csv deadlines --all
expect_eq "$(printf '%s\n' "$out" | grep -c "^$D,")" 1 "one day's cycle: one investigation deadline"
expect_match "$(printf '%s\n' "$out" | grep "^$D,")" "^$D,investigation_6m,2026-03-02,2026-09-02," \
    "one day's cycle: it runs from that day"
dk check
expect_rc 0 "check passes after one day's cycle"

# --- A missing case ---------------------------------------------------------------------------------
expect_refused_unchanged 1 "move of a missing case" case move MONUSCO-2026-0099 assessment --on 2026-03-01
expect_refused_unchanged 1 "set on a missing case" case set MONUSCO-2026-0099 urgent yes
expect_refused_unchanged 1 "note on a missing case" case note MONUSCO-2026-0099 --note text
expect_refused_unchanged 1 "timeline of a missing case" timeline MONUSCO-2026-0099

finish
