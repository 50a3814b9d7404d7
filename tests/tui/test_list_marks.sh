#!/usr/bin/env bash
# The case list's mark follows the app's status of each case's live deadlines, each judged by its
# own rule's warning days: "!" for investigation_6m 13 days ahead (it warns 30 days before), none
# for nio_appointment 6 days ahead (it warns 2 days before), "!!" once one is overdue.
. "$(dirname "$0")/lib.sh"

init_db
# case_at MISSION REFERRED ENTITY: a case referred on that day; its reference in $ref.
case_at() {
    dk_ok "a case" case add --mission "$1" --reported 2026-05-01 --category sexual_abuse
    ref=$out
    dk_ok "assessment" case move "$ref" assessment --on 2026-05-02
    dk_ok "referred" case move "$ref" referred --on "$2" --entity "$3"
}
case_at MONUSCO 2026-06-10 oios
soon=$ref
case_at UNMISS 2026-11-26 tcc
track=$ref
case_at MINUSCA 2026-06-10 tcc
late=$ref
# Closed with its NIO deadline overdue: kept as missed (deadlines.md), ended, so no mark.
case_at UNMISS 2026-06-10 tcc
closed=$ref
dk_ok "closed without investigation" case move "$closed" closed --on 2026-07-03 \
    --closure other_circumstances
dk_ok "deadlines --all" deadlines --all --format csv
expect_match "$out" "$closed,nio_appointment,2026-06-10,[0-9-]+,[-0-9]+,missed" \
    "the late NIO appointment is kept as missed"
show "$soon"
expect_match "${DL[investigation_6m]}" ' 13 due_soon$' "investigation_6m 13 days ahead, due soon (CLI)"
show "$track"
expect_match "${DL[nio_appointment]}" ' 6 on_track$' "nio_appointment 6 days ahead, on track (CLI)"

# mark REF: the mark column of the case's row on screen.
mark() { screen | grep -E "^.. $1 " | cut -c1-2 | sed 's/ *$//'; }

tui_open
keys l
expect_screen "$late" "the case list"
expect_eq "$(mark "$soon")" '!' "due soon by its rule's 30 warning days: !"
expect_eq "$(mark "$track")" '' "on track by its rule's 2 warning days: no mark"
expect_eq "$(mark "$late")" '!!' "overdue: !!"
expect_screen "^.. $closed " "the closed case is listed"
expect_eq "$(mark "$closed")" '' "closed, its missed deadline ended: no mark"
keys q q
expect_clean_exit "q back and out"

finish
