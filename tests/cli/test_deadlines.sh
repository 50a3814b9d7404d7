#!/usr/bin/env bash
# Deadlines (deadlines.md): the worked examples, month ends, working days and mission holidays,
# urgency, extensions, met and missed, status boundaries, --within, order, and --today replays.
. "$(dirname "$0")/lib.sh"

init_db

# row REF RULE: the CSV line of one deadline in $out (empty when there is none).
row() { printf '%s\n' "$out" | grep "^$1,$2," || true; }
# rows PREFIX: how many lines of $out start with PREFIX.
rows() { printf '%s\n' "$out" | grep -c "^$1" || true; }
# deadlines_at DAY [OPTIONS]: `deadlines --format csv` as of DAY.
deadlines_at() {
    local day=$1
    shift
    TODAY=$day dk deadlines --format csv "$@"
    expect_rc 0 "deadlines --today $day $*"
}

# refer MISSION REPORTED REFERRED ENTITY [case add options]: a case referred on REFERRED; sets $ref.
refer() {
    local mission=$1 reported=$2 referred=$3 entity=$4
    shift 4
    dk case add --mission "$mission" --reported "$reported" --category sexual_abuse "$@"
    expect_rc 0 "case add $mission $reported"
    ref=$out
    dk case move "$ref" assessment --on "$reported"
    expect_rc 0 "$ref to assessment"
    dk case move "$ref" referred --on "$referred" --entity "$entity"
    expect_rc 0 "$ref referred on $referred"
}

# Every case is recorded as of a late day, so none of its dates is after --today.
TODAY=2027-09-30

# --- The cases ---------------------------------------------------------------------------------------
refer MONUSCO 2026-01-10 2026-01-15 oios           # W1: 6 months
refer MONUSCO 2026-01-10 2026-01-15 oios --urgent  # W2: 90 days
refer MONUSCO 2026-02-20 2026-03-31 oios           # W3: 6 months from the 31st
refer MONUSCO 2026-01-10 2026-01-15 tcc            # W4: 6 months and NIO
refer MONUSCO 2026-12-20 2026-12-31 oios           # W5: over the year end
refer MONUSCO 2026-12-20 2026-12-31 oios --urgent  # W6: 90 days over the year end
refer MONUSCO 2026-08-25 2026-08-31 oios           # M1: 31 Aug + 6 months
expect_eq "$ref" "MONUSCO-2026-0007" "references of the MONUSCO cases"
refer MONUSCO 2027-08-25 2027-08-31 oios           # M2: 31 Aug + 6 months into a leap February
expect_eq "$ref" "MONUSCO-2027-0001" "the 2027 case"

refer UNMISS 2026-01-10 2026-01-15 tcc             # holidays inside the 5 working days
dk holiday add --mission UNMISS 2026-12-31 "New Year's Eve"
expect_rc 0 "holiday add 2026-12-31"
dk holiday add --mission UNMISS 2027-01-01 "New Year's Day"
expect_rc 0 "holiday add 2027-01-01"
refer UNMISS 2026-12-20 2026-12-29 pcc             # NIO for a PCC, over the year-end holidays

refer MINURSO 2026-01-10 2026-01-15 oios           # urgency switched on and off
refer UNFICYP 2026-01-10 2026-01-15 oios           # extended

# MINUSCA: NIO met on its due day, met late; investigation met early, late, on its due day.
for inv_conc in "2026-01-22 2026-05-01" "2026-01-23 2026-07-16" "2026-01-22 2026-07-15"; do
    refer MINUSCA 2026-01-10 2026-01-15 tcc
    dk case move "$ref" investigating --on "${inv_conc% *}"
    expect_rc 0 "$ref investigating"
    dk case move "$ref" concluded --on "${inv_conc#* }" --outcome substantiated
    expect_rc 0 "$ref concluded"
done

refer UNISFA 2026-01-10 2026-01-15 tcc             # closed on 2026-02-01
dk case move "$ref" closed --on 2026-02-01 --closure other_circumstances
expect_rc 0 "UNISFA case closed"

# --- The worked example, the whole list on 2026-06-20, its order, --within ------------------------
deadlines_at 2026-06-20
expect_eq "$(row MONUSCO-2026-0001 investigation_6m)" \
    "MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,25,due_soon" "worked example on 2026-06-20"
expect_eq "$out" "ref,rule,start,due,days_left,status
MONUSCO-2026-0004,nio_appointment,2026-01-15,2026-01-22,-149,overdue
UNMISS-2026-0001,nio_appointment,2026-01-15,2026-01-22,-149,overdue
MONUSCO-2026-0002,investigation_90d,2026-01-15,2026-04-15,-66,overdue
MINURSO-2026-0001,investigation_6m,2026-01-15,2026-07-15,25,due_soon
MINUSCA-2026-0002,investigation_6m,2026-01-15,2026-07-15,25,due_soon
MINUSCA-2026-0003,investigation_6m,2026-01-15,2026-07-15,25,due_soon
MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,25,due_soon
MONUSCO-2026-0004,investigation_6m,2026-01-15,2026-07-15,25,due_soon
UNFICYP-2026-0001,investigation_6m,2026-01-15,2026-07-15,25,due_soon
UNMISS-2026-0001,investigation_6m,2026-01-15,2026-07-15,25,due_soon
MONUSCO-2026-0003,investigation_6m,2026-03-31,2026-09-30,102,on_track" \
    "every live deadline on 2026-06-20, by due then ref; later events, later cases and closed cases left out"
all_0620=$out
deadlines_at 2026-06-20 --within 25
expect_eq "$out" "$(printf '%s\n' "$all_0620" | head -n -1)" "--within 25: overdue ones and those due in 25 days"
deadlines_at 2026-06-20 --within 24
expect_eq "$out" "$(printf '%s\n' "$all_0620" | head -4)" "--within 24: only the overdue ones"
expect_refused_unchanged 1 "--within that is not a number" deadlines --within soon

TODAY=2026-06-20 dk case list --overdue --format csv
expect_eq "$out" "ref,mission,category,state,reported,urgent,next_due,days_left
MONUSCO-2026-0002,MONUSCO,sexual_abuse,referred,2026-01-10,yes,2026-04-15,-66
MONUSCO-2026-0004,MONUSCO,sexual_abuse,referred,2026-01-10,no,2026-01-22,-149
UNMISS-2026-0001,UNMISS,sexual_abuse,referred,2026-01-10,no,2026-01-22,-149" \
    "case list --overdue on 2026-06-20"

# case list as of 2026-06-20: state and next due date as they stood then.
TODAY=2026-06-20 dk case list --format csv
expect_eq "$(lines 'MINUSCA-2026-0001|UNFICYP|UNISFA|MONUSCO-2026-0003|MONUSCO-2026-0005')" \
    "MINUSCA-2026-0001,MINUSCA,sexual_abuse,concluded,2026-01-10,no,,
MONUSCO-2026-0003,MONUSCO,sexual_abuse,referred,2026-02-20,no,2026-09-30,102
UNFICYP-2026-0001,UNFICYP,sexual_abuse,referred,2026-01-10,no,2026-07-15,25
UNISFA-2026-0001,UNISFA,sexual_abuse,closed,2026-01-10,no,," "case list on 2026-06-20: next_due of live deadlines only"

# --- Explanations -------------------------------------------------------------------------------
TODAY=2026-06-20 dk case show MONUSCO-2026-0001 --format json
expect_eq "$(json '[(x["rule"], x["start"], x["due"], x["met_on"], x["days_left"], x["status"]) for x in d["deadlines"]]')" \
    "[('investigation_6m', '2026-01-15', '2026-07-15', None, 25, 'due_soon')]" "case show: the one deadline"
expect_match "$(json 'd["deadlines"][0]["explanation"]')" "Referred 2026-01-15 \+ 6 months = 2026-07-15" \
    "the 6-month deadline explains itself"
TODAY=2026-06-20 dk case show MONUSCO-2026-0004 --format json
expect_eq "$(json 'sorted(x["rule"] for x in d["deadlines"])')" "['investigation_6m', 'nio_appointment']" \
    "a TCC case has the NIO deadline too"
expect_match "$(json '[x["explanation"] for x in d["deadlines"] if x["rule"] == "nio_appointment"][0]')" \
    "Referred 2026-01-15 \+ 5 working days = 2026-01-22" "the NIO deadline explains itself"
TODAY=2026-03-01 dk case show MONUSCO-2026-0002 --format json
expect_match "$(json 'd["deadlines"][0]["explanation"]')" "Referred 2026-01-15 \+ 90 days = 2026-04-15" \
    "the 90-day deadline explains itself"

# --- Worked examples and month ends that lie later -----------------------------------------------
deadlines_at 2027-01-05
expect_eq "$(row MONUSCO-2026-0005 investigation_6m)" \
    "MONUSCO-2026-0005,investigation_6m,2026-12-31,2027-06-30,176,on_track" "2026-12-31 + 6 months"
expect_eq "$(row MONUSCO-2026-0006 investigation_90d)" \
    "MONUSCO-2026-0006,investigation_90d,2026-12-31,2027-03-31,85,on_track" "2026-12-31 + 90 days"
expect_eq "$(row MONUSCO-2026-0007 investigation_6m)" \
    "MONUSCO-2026-0007,investigation_6m,2026-08-31,2027-02-28,54,on_track" "2026-08-31 + 6 months, clamped"
expect_eq "$(row UNMISS-2026-0002 nio_appointment)" \
    "UNMISS-2026-0002,nio_appointment,2026-12-29,2027-01-07,2,due_soon" \
    "PCC: 5 working days over two year-end holidays; 2 days left is due_soon"
expect_eq "$(rows 'MONUSCO-2026-0005,nio_appointment')$(rows 'MONUSCO-2026-0005,investigation_90d')" "00" \
    "an OIOS case has no NIO deadline, a non-urgent one no 90-day deadline"
deadlines_at 2027-09-01
expect_eq "$(row MONUSCO-2027-0001 investigation_6m)" \
    "MONUSCO-2027-0001,investigation_6m,2027-08-31,2028-02-29,181,on_track" "2027-08-31 + 6 months, leap year"

# --- Status boundaries ----------------------------------------------------------------------------------
deadlines_at 2026-01-19
expect_eq "$(row MONUSCO-2026-0004 nio_appointment)" \
    "MONUSCO-2026-0004,nio_appointment,2026-01-15,2026-01-22,3,on_track" "warn + 1 days left: on_track"
deadlines_at 2026-06-14
expect_eq "$(row MONUSCO-2026-0001 investigation_6m)" \
    "MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,31,on_track" "31 days left: on_track"
deadlines_at 2026-06-15
expect_eq "$(row MONUSCO-2026-0001 investigation_6m)" \
    "MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,30,due_soon" "30 days left (= warn): due_soon"
deadlines_at 2026-07-15
expect_eq "$(row MONUSCO-2026-0001 investigation_6m)" \
    "MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,0,due_soon" "0 days left: due_soon"
expect_eq "$(lines MINUSCA-2026-000)" "MINUSCA-2026-0002,investigation_6m,2026-01-15,2026-07-15,0,due_soon" \
    "concluded on --today itself: met, no longer live (MINUSCA-0003); concluded later: live (MINUSCA-0002)"
deadlines_at 2026-07-16
expect_eq "$(row MONUSCO-2026-0001 investigation_6m)" \
    "MONUSCO-2026-0001,investigation_6m,2026-01-15,2026-07-15,-1,overdue" "-1 days left: overdue"

# --- Holidays ---------------------------------------------------------------------------------------------
deadlines_at 2026-01-20
expect_eq "$(row UNMISS-2026-0001 nio_appointment)" \
    "UNMISS-2026-0001,nio_appointment,2026-01-15,2026-01-22,2,due_soon" "Thu 2026-01-15 + 5 working days"
expect_eq "$(row MONUSCO-2026-0004 nio_appointment)" \
    "MONUSCO-2026-0004,nio_appointment,2026-01-15,2026-01-22,2,due_soon" "warn days left: due_soon"
expect_eq "$(row UNISFA-2026-0001 nio_appointment)" \
    "UNISFA-2026-0001,nio_appointment,2026-01-15,2026-01-22,2,due_soon" "a case closed later is live before"
dk holiday add --mission UNMISS 2026-01-19 'Mission holiday'
expect_rc 0 "holiday add on a Monday inside the window"
deadlines_at 2026-01-20
expect_eq "$(row UNMISS-2026-0001 nio_appointment)" \
    "UNMISS-2026-0001,nio_appointment,2026-01-15,2026-01-23,3,on_track" "the holiday moves the due date by one working day"
expect_eq "$(row MONUSCO-2026-0004 nio_appointment)" \
    "MONUSCO-2026-0004,nio_appointment,2026-01-15,2026-01-22,2,due_soon" "another mission's holiday changes nothing"
dk holiday add --mission UNMISS 2026-01-17 'Weekend holiday'
expect_rc 0 "holiday add on a Saturday"
deadlines_at 2026-01-20
expect_eq "$(row UNMISS-2026-0001 nio_appointment)" \
    "UNMISS-2026-0001,nio_appointment,2026-01-15,2026-01-23,3,on_track" "a holiday on a Saturday changes nothing"
dk holiday remove --mission UNMISS 2026-01-19
expect_rc 0 "holiday remove"
dk holiday add --mission UNIFIL 2026-01-21 'Elsewhere'
expect_rc 0 "holiday add in another mission"
deadlines_at 2026-01-20
expect_eq "$(row UNMISS-2026-0001 nio_appointment)" \
    "UNMISS-2026-0001,nio_appointment,2026-01-15,2026-01-22,2,due_soon" \
    "holiday removed: due date back; another mission's holiday ignored"
dk holiday list --mission UNMISS --format csv
expect_eq "$out" "mission,date,name
UNMISS,2026-01-17,Weekend holiday
UNMISS,2026-12-31,New Year's Eve
UNMISS,2027-01-01,New Year's Day" "holiday list --mission"
expect_refused_unchanged 1 "duplicate holiday" holiday add --mission UNMISS 2026-12-31
expect_refused_unchanged 1 "removing a holiday that is not there" holiday remove --mission UNMISS 2026-01-19
expect_refused_unchanged 1 "holiday on an impossible date" holiday add --mission UNMISS 2026-02-30

# A case with a NIO deadline missed the day after (investigating on 2026-01-23) is not overdue then;
# the closed-later case is.
TODAY=2026-01-23 dk case list --overdue --format csv
expect_eq "$out" "ref,mission,category,state,reported,urgent,next_due,days_left
MONUSCO-2026-0004,MONUSCO,sexual_abuse,referred,2026-01-10,no,2026-01-22,-1
UNISFA-2026-0001,UNISFA,sexual_abuse,referred,2026-01-10,no,2026-01-22,-1
UNMISS-2026-0001,UNMISS,sexual_abuse,referred,2026-01-10,no,2026-01-22,-1" "case list --overdue on 2026-01-23"

# --- Urgency switches the rule, from the same start ---------------------------------------------------
dk case set MINURSO-2026-0001 urgent yes --on 2026-02-01
expect_rc 0 "set urgent yes"
deadlines_at 2026-02-10
expect_eq "$(lines MINURSO-2026-0001,investigation_)" \
    "MINURSO-2026-0001,investigation_90d,2026-01-15,2026-04-15,64,on_track" "urgent: 90 days from the referral"
dk case set MINURSO-2026-0001 urgent no --on 2026-02-02
expect_rc 0 "set urgent no"
deadlines_at 2026-02-10
expect_eq "$(lines MINURSO-2026-0001,investigation_)" \
    "MINURSO-2026-0001,investigation_6m,2026-01-15,2026-07-15,155,on_track" "not urgent again: 6 months"

# --- Extensions -------------------------------------------------------------------------------------------
U=UNFICYP-2026-0001
TODAY=2026-07-10 expect_refused_unchanged 1 "extension to the current due date" \
    case extend $U investigation_6m --to 2026-07-15 --reason 'No change'
TODAY=2026-07-10 dk_stdin 'Key witness abroad until September.' case extend $U investigation_6m --to 2026-09-30 --reason -
expect_rc 0 "case extend with --reason -"
TODAY=2026-07-10 expect_refused_unchanged 1 "extension not after the extended due date" \
    case extend $U investigation_6m --to 2026-09-30 --reason again
TODAY=2026-07-10 expect_refused_unchanged 1 "extension without --reason" \
    case extend $U investigation_6m --to 2026-10-31
TODAY=2026-07-10 expect_refused_unchanged 1 "extension of a rule with no deadline (OIOS: no NIO)" \
    case extend $U nio_appointment --to 2026-10-31 --reason x
TODAY=2026-07-10 expect_refused_unchanged 1 "extension of the other investigation rule" \
    case extend $U investigation_90d --to 2026-10-31 --reason x
TODAY=2026-07-10 expect_refused_unchanged 1 "extension of an unknown rule" \
    case extend $U investigation_1y --to 2026-10-31 --reason x
expect_refused_unchanged 1 "extension of a deadline already met" \
    case extend MINUSCA-2026-0001 investigation_6m --to 2026-12-31 --reason x
deadlines_at 2026-07-20
expect_eq "$(row $U investigation_6m)" "$U,investigation_6m,2026-01-15,2026-09-30,72,on_track" \
    "the extended due date, status judged against it"
TODAY=2026-07-20 dk case show $U --format json
expect_eq "$(json '[(x["due"], x["original_due"], x["days_left"], x["status"]) for x in d["deadlines"]]')" \
    "[('2026-09-30', '2026-07-15', 72, 'on_track')]" "case show keeps the original due date"
expect_match "$(json 'd["deadlines"][0]["explanation"]')" "2026-07-15.*extended to 2026-09-30" \
    "the explanation shows the extension"
# On 2026-07-16 the extended case is not overdue; the met-late one (concluded that day) is not live.
TODAY=2026-07-16 dk case list --overdue --format csv
expect_eq "$out" "ref,mission,category,state,reported,urgent,next_due,days_left
MINURSO-2026-0001,MINURSO,sexual_abuse,referred,2026-01-10,no,2026-07-15,-1
MONUSCO-2026-0001,MONUSCO,sexual_abuse,referred,2026-01-10,no,2026-07-15,-1
MONUSCO-2026-0002,MONUSCO,sexual_abuse,referred,2026-01-10,yes,2026-04-15,-92
MONUSCO-2026-0004,MONUSCO,sexual_abuse,referred,2026-01-10,no,2026-01-22,-175
UNMISS-2026-0001,UNMISS,sexual_abuse,referred,2026-01-10,no,2026-01-22,-175" "case list --overdue on 2026-07-16"

# --- Met and missed; --today replays --------------------------------------------------------------------
deadlines_at 2026-03-01
expect_eq "$(row MINUSCA-2026-0001 investigation_6m)" \
    "MINUSCA-2026-0001,investigation_6m,2026-01-15,2026-07-15,136,on_track" "concluded later: live on 2026-03-01"
expect_eq "$(rows MONUSCO-2026-0003,)" "0" "a case referred after --today has no deadline"
deadlines_at 2026-06-01 --all
expect_match "$(row MINUSCA-2026-0001 investigation_6m)" "^MINUSCA-2026-0001,investigation_6m,2026-01-15,2026-07-15,[^,]*,met$" \
    "concluded 2026-05-01: met as of 2026-06-01"
deadlines_at 2026-11-27 --all
met=$out
for want in "MINUSCA-2026-0001 nio_appointment 2026-01-22 met" "MINUSCA-2026-0002 nio_appointment 2026-01-22 missed" \
    "MINUSCA-2026-0003 nio_appointment 2026-01-22 met" "MINUSCA-2026-0001 investigation_6m 2026-07-15 met" \
    "MINUSCA-2026-0002 investigation_6m 2026-07-15 missed" "MINUSCA-2026-0003 investigation_6m 2026-07-15 met"; do
    read -r r rule due status <<<"$want"
    expect_match "$(row "$r" "$rule")" "^$r,$rule,2026-01-15,$due,[^,]*,$status\$" "--all: $r $rule $status"
done
deadlines_at 2026-11-27
expect_eq "$(rows MINUSCA-)$(rows UNISFA-)" "00" "met, missed and closed: absent without --all"
expect_eq "$(printf '%s\n' "$met" | grep -v ',met$\|,missed$')" "$out" "--all adds only met and missed ones"

# --- Reopened and referred again: the clocks start from the new referral --------------------------
dk case move UNISFA-2026-0001 assessment --on 2026-03-01 --note 'New evidence'
expect_rc 0 "reopen the UNISFA case"
dk case move UNISFA-2026-0001 referred --on 2026-03-14 --entity tcc
expect_rc 0 "refer it again, on a Saturday"
deadlines_at 2026-03-20
expect_eq "$(lines UNISFA-)" "UNISFA-2026-0001,nio_appointment,2026-03-14,2026-03-20,0,due_soon
UNISFA-2026-0001,investigation_6m,2026-03-14,2026-09-14,178,on_track" \
    "referred again on Sat 2026-03-14: 5 working days from Monday, 6 months from the new start"
deadlines_at 2026-02-15 --all
expect_eq "$(lines UNISFA-)" "UNISFA-2026-0001,nio_appointment,2026-01-15,2026-01-22,-24,missed" \
    "while closed (2026-02-15): only the NIO overdue at closing, kept as missed"

# --- A holiday added later moves finished deadlines too, the same way in every view --------------
# MINUSCA-2026-0002 appointed its NIO on 2026-01-23, one working day late; with a holiday on
# Monday 2026-01-19 its due date is 2026-01-23 and the deadline was met.
dk holiday add --mission MINUSCA 2026-01-19 'Mission holiday'
expect_rc 0 "holiday add in MINUSCA"
dk case show MINUSCA-2026-0002 --format json
expect_eq "$(json '[(x["due"], x["met_on"], x["status"]) for x in d["deadlines"] if x["rule"] == "nio_appointment"]')" \
    "[('2026-01-23', '2026-01-23', 'met')]" "case show: NIO due date moved by the holiday, met"
deadlines_at 2026-11-27 --all
expect_match "$(row MINUSCA-2026-0002 nio_appointment)" \
    "^MINUSCA-2026-0002,nio_appointment,2026-01-15,2026-01-23,[^,]*,met$" \
    "deadlines --all agrees with case show after the holiday"

finish
