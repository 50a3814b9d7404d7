#!/usr/bin/env bash
# Backdating and the readings of deadlines.md that decide the edge cases: a backlog entered after
# a victim's event of today, each stream's own order, the refusal naming the event it conflicts
# with, --today replays after a backdated entry, the same-day order, an extension lost and given
# back by a change of urgency or entity, deadlines overdue at closing kept as missed, holidays
# recomputing closed cases.
. "$(dirname "$0")/lib.sh"

init_db

# row REF RULE: the CSV line of one deadline in $out (empty when there is none); once victims
# exist, its last column is the victim's code, empty for a case's own deadlines.
row() { printf '%s\n' "$out" | grep "^$1,$2," || true; }

# refer MISSION ENTITY: a case reported 2026-01-10 and referred to ENTITY on 2026-01-15; sets $ref.
refer() {
    dk case add --mission "$1" --reported 2026-01-10 --category sexual_abuse
    ref=$out
    dk case move "$ref" assessment --on 2026-01-10
    dk case move "$ref" referred --on 2026-01-15 --entity "$2"
    expect_rc 0 "$ref referred to $2"
}

# --- A backlog entered after a victim's event of today -------------------------------------------
dk case add --mission MONUSCO --reported 2026-01-05 --category sexual_abuse
expect_rc 0 "case add"
B=$out
dk victim add "$B" --sex female --age adult
expect_rc 0 "victim named today, $TODAY"
dk case move "$B" assessment --on 2026-01-10
expect_rc 0 "a move of January recorded after the victim's entry of today"
dk case move "$B" referred --on 2026-02-01 --entity oios
expect_rc 0 "referred in February, recorded in November"

# The refusal names the case's own previous event, its kind and date, and changes nothing.
expect_refused_unchanged 1 "a move before the case's previous one" \
    case move "$B" investigating --on 2026-01-20
expect_eq "$err" \
    "docket: --on: 2026-01-20 is before the case's previous event (moved to referred on 2026-02-01)" \
    "the refusal names the conflicting event"
expect_refused_unchanged 1 "a change before the case's previous event" \
    case set "$B" urgent yes --on 2026-01-31
expect_eq "$err" \
    "docket: --on: 2026-01-31 is before the case's previous event (moved to referred on 2026-02-01)" \
    "a field change is in the case's own stream too"

# --- --today replays after the backdated entries ---------------------------------------------------
TODAY=2026-03-01 dk deadlines --format csv
expect_eq "$(row "$B" investigation_6m)" "$B,investigation_6m,2026-02-01,2026-08-01,153,on_track," \
    "deadlines --today 2026-03-01 replays the backdated referral"
TODAY=2026-01-20 dk case show "$B" --format json
expect_eq "$(json 'd["state"]')" "assessment" "case show --today 2026-01-20: as it stood then"
TODAY=2026-01-08 dk case list --format csv
expect_eq "$(csv '[x["state"] for x in r if x["ref"] == "'"$B"'"]')" "['received']" \
    "case list --today 2026-01-08: before the backdated moves"

# --- Each victim's events are a stream of their own -----------------------------------------------
dk victim add "$B" --sex male --age child --on 2026-01-06
expect_rc 0 "a second victim, named in January"
V2=$out
dk victim add "$B" --sex female --age child --on 2026-01-07
expect_rc 0 "a third victim"
V3=$out
dk victim inform "$V2" --on 2026-06-01
expect_rc 0 "V2 informed in June"
expect_refused_unchanged 1 "a victim's event before that victim's previous one" \
    victim inform "$V2" --on 2026-05-01
expect_eq "$err" "docket: --on: 2026-05-01 is before the victim's previous event (informed on 2026-06-01)" \
    "the refusal names the victim's previous event"
dk victim inform "$V3" --on 2026-02-01
expect_rc 0 "another victim's earlier event is not held back by V2's"
dk case note "$B" --note 'Backlog entered' --on 2026-02-02
expect_rc 0 "a note after the case's last move, before the victims' later events"

# --- Same day: the order recorded, across the case's events and its victims' ----------------------
dk case add --mission MINURSO --reported 2026-01-05 --category sexual_abuse
S=$out
dk victim add "$S" --on 2026-01-06
VS=$out
dk case move "$S" assessment --on 2026-01-10
dk victim inform "$VS" --on 2026-02-01
expect_rc 0 "victim informed on 2026-02-01"
dk case move "$S" closed --on 2026-02-01 --closure other_circumstances
expect_rc 0 "case closed the same day, recorded after"
TODAY=2026-06-01 dk deadlines --all --format csv
expect_match "$(row "$S" victim_update)" "^$S,victim_update,2026-01-06,2026-02-05,[^,]*,met(,$VS)?$" \
    "informed then closed on one day: the inform met the victim's clock"

# --- An extension lost to a change of urgency, then given back -------------------------------------
refer UNFICYP oios
U=$ref
TODAY=2026-02-01 dk case extend "$U" investigation_6m --to 2026-09-01 --reason 'Witness abroad'
expect_rc 0 "investigation_6m extended to 2026-09-01"
TODAY=2026-02-02 dk case set "$U" urgent yes
expect_rc 0 "case made urgent"
expect_eq "$out" \
    "extension of Investigation: 6 months (to 2026-09-01) no longer applies: Investigation: 90 days due 2026-04-15" \
    "case set says the extension no longer applies, with the new due date"
TODAY=2026-02-03 dk case set "$U" urgent no
expect_rc 0 "urgency cleared: a mistake"
expect_eq "$out" "extension of Investigation: 6 months (to 2026-09-01) applies again" \
    "case set says the extension is back"
TODAY=2026-02-03 dk timeline "$U" --format csv
has "$out" "the timeline shows both" \
    "extension of Investigation: 6 months (to 2026-09-01) no longer applies: Investigation: 90 days due 2026-04-15" \
    "extension of Investigation: 6 months (to 2026-09-01) applies again"
dk case move "$U" investigating --on 2026-03-01
dk case move "$U" concluded --on 2026-08-01 --outcome substantiated
TODAY=2026-11-27 dk deadlines --all --format csv
expect_match "$(row "$U" investigation_6m)" "^$U,investigation_6m,2026-01-15,2026-09-01,[^,]*,met,$" \
    "concluded before the extended date: met, not missed"

# The same for the entity: nio_appointment goes with tcc and comes back with pcc.
refer UNMIK tcc
N=$ref
TODAY=2026-01-16 dk case extend "$N" nio_appointment --to 2026-02-10 --reason 'TCC asked'
TODAY=2026-01-17 dk case set "$N" entity oios
expect_rc 0 "entity changed to oios"
expect_eq "$out" "extension of NIO appointment (to 2026-02-10) no longer applies" \
    "no rule replaces nio_appointment (rules named by their display names)"
TODAY=2026-01-18 dk case set "$N" entity pcc
expect_eq "$out" "extension of NIO appointment (to 2026-02-10) applies again" "back with pcc"

# --- Closing: overdue deadlines stay as missed; holidays recompute closed cases ---------------------
refer UNMISS tcc
C=$ref
dk case move "$C" closed --on 2026-01-23 --closure other_circumstances
expect_rc 0 "closed the day after the NIO was due"
TODAY=2026-11-27 dk deadlines --all --format csv
expect_match "$(row "$C" nio_appointment)" "^$C,nio_appointment,2026-01-15,2026-01-22,[^,]*,missed,$" \
    "a deadline overdue at closing stays, as missed"
expect_eq "$(row "$C" investigation_6m)" "" "one not yet due at closing is dropped"
dk holiday add --mission UNMISS 2026-01-19 'Mission holiday'
expect_rc 0 "a holiday added later"
TODAY=2026-11-27 dk deadlines --all --format csv
expect_eq "$(row "$C" nio_appointment)" "" \
    "the holiday moves the NIO's due date to the closing day: no longer overdue, dropped"
dk holiday remove --mission UNMISS 2026-01-19
expect_rc 0 "the holiday removed"
TODAY=2026-11-27 dk deadlines --all --format csv
expect_match "$(row "$C" nio_appointment)" "^$C,nio_appointment,2026-01-15,2026-01-22,[^,]*,missed,$" \
    "and back as missed"

# --- A database written before the readings: every case is evaluated again at the next unlock ------
"$DK_SQL" "$DB" admin 3<<<"$PASS" >/dev/null <<<"DELETE FROM deadline WHERE ended_on IS NOT NULL;
UPDATE meta SET value = 'pending' WHERE key = 'deadlines_recompute';"
TODAY=2026-11-27 dk deadlines --all --format csv
expect_match "$(row "$C" nio_appointment)" "^$C,nio_appointment,2026-01-15,2026-01-22,[^,]*,missed,$" \
    "the first command after the unlock recomputes what an older docket stored"

finish
