#!/usr/bin/env bash
# The case detail lists the live deadlines first, by due date (whatever order they started in),
# then the met and missed ones.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok "a case" case add --mission MONUSCO --reported 2026-06-01 --category sexual_abuse
ref=$out
dk_ok "assessment" case move "$ref" assessment --on 2026-06-02
dk_ok "referred" case move "$ref" referred --on 2026-06-05 --entity tcc
dk_ok "investigating" case move "$ref" investigating --on 2026-06-08
# Started last, due first.
dk_ok "a victim" victim add "$ref" --sex female --age adult --on 2026-11-01
show "$ref"
expect_match "${DL[nio_appointment]}" ' met$' "nio_appointment met (CLI)"
expect_match "${DL[investigation_6m]}" '^2026-06-05 2026-12-05 ' "investigation_6m due 2026-12-05 (CLI)"
expect_match "${DL[victim_update]}" '^2026-11-01 2026-12-01 ' "victim_update due 2026-12-01 (CLI)"

TUI_ROWS=50 tui_open
keys l
expect_screen "$ref" "the case list"
keys Enter
expect_screen "^docket — case — $ref\$" "the case is open"
expect_screen '^ Deadlines$' "its deadlines"
order=$(screen | sed -n '/^ Deadlines$/,/^ *$/p' | grep -oE '^ +(!!|! )? *[a-z0-9_]+ +due ' |
    awk '{ print $(NF - 1) }' | tr '\n' ' ')
expect_eq "$order" "victim_update investigation_6m nio_appointment " \
    "live deadlines by due date, then the met one"
keys q q q
expect_clean_exit "q back to the dashboard and out"

finish
