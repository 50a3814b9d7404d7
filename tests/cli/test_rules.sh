#!/usr/bin/env bash
# The rule table as data: listing it, and an administrator changing a length or warning.
. "$(dirname "$0")/lib.sh"

init_db
TODAY=2026-01-20
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --urgent
dk case move MONUSCO-2026-0001 assessment --on 2026-01-12
dk case move MONUSCO-2026-0001 referred --on 2026-01-15 --entity oios
expect_rc 0 "referral"

dk rule list --format csv
expect_eq "$out" "rule,start,length,unit,met_by,applies,warn
investigation_6m,referred,6,months,concluded,not_urgent,30
investigation_90d,referred,90,days,concluded,urgent,14
nio_appointment,referred,5,working_days,investigating,entity_tcc_pcc,2
victim_update,victim_informed,30,days,victim_informed,has_victims,7" "the four default rules ship"
dk rule list
expect_match "$out" $'\nInvestigation: 6 months +Referred +6 +months +Concluded +Not urgent +30\n' \
    "rule list (table): a rule's start and met-by states by their names"
expect_match "$out" $'\nVictim update +Victim informed +30 +days +Victim informed +Each victim +7$' \
    "rule list (table): the victim update starts and is met when the victim is informed, by name"

dk deadlines --format csv
expect_eq "$(printf '%s\n' "$out" | tail -1)" "MONUSCO-2026-0001,investigation_90d,2026-01-15,2026-04-15,85,on_track" "90 days before the change"

dk rule set investigation_90d --length 60 --warn 60
expect_rc 0 "rule set"
dk deadlines --format csv
expect_eq "$(printf '%s\n' "$out" | tail -1)" "MONUSCO-2026-0001,investigation_90d,2026-01-15,2026-03-16,55,due_soon" \
    "a shorter rule recomputes the due date and the new warning judges it"
dk rule list --format csv
expect_match "$out" $'\ninvestigation_90d,referred,60,days,concluded,urgent,60\n' "the table holds the change"

expect_refused_unchanged 1 "unknown rule" rule set investigation_1y --length 3
expect_refused_unchanged 1 "zero length" rule set investigation_90d --length 0
expect_refused_unchanged 1 "negative warning" rule set investigation_90d --warn -1
expect_refused_unchanged 1 "not a number" rule set investigation_90d --length six
expect_refused_unchanged 1 "nothing to change" rule set investigation_90d

finish
