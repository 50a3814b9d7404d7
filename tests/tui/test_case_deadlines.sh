#!/usr/bin/env bash
# The case detail lists the live deadlines first, by due date (whatever order they started in),
# then the met and missed ones. Closing a case asks first, naming the live deadlines it ends.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok "a case" case add --mission MONUSCO --reported 2026-06-01 --category sexual_abuse
ref=$out
dk_ok "assessment" case move "$ref" assessment --on 2026-06-02
dk_ok "referred" case move "$ref" referred --on 2026-06-05 --entity tcc
dk_ok "investigating" case move "$ref" investigating --on 2026-06-08
# Started last, due first.
dk_ok "a victim" victim add "$ref" --sex female --age adult --on 2026-11-01
dk_ok "a case to close" case add --mission MONUSCO --reported 2026-06-01 --category sexual_abuse
ref2=$out
dk_ok "assessment" case move "$ref2" assessment --on 2026-06-02
dk_ok "referred" case move "$ref2" referred --on 2026-06-05 --entity tcc
show "$ref"
expect_match "${DL[nio_appointment]}" ' met$' "nio_appointment met (CLI)"
expect_match "${DL[investigation_6m]}" '^2026-06-05 2026-12-05 ' "investigation_6m due 2026-12-05 (CLI)"
expect_match "${DL[victim_update]}" '^2026-11-01 2026-12-01 ' "victim_update due 2026-12-01 (CLI)"

TUI_ROWS=50 tui_open
keys /
text "$ref"
keys Enter Enter
expect_screen "^docket — case — $ref\$" "the case is open"
expect_screen '^ Deadlines$' "its deadlines"
order=$(screen | ids_for_names | sed -n '/^ Deadlines$/,/^ *$/p' | grep -oE '^ +(!!|! )? *[a-z0-9_]+ +due ' |
    awk '{ print $(NF - 1) }' | tr '\n' ' ')
expect_eq "$order" "victim_update investigation_6m nio_appointment " \
    "live deadlines by due date, then the met one"

# Closing: the confirmation names what it ends; n keeps the case open, y closes it.
keys q q
expect_screen '^docket — dashboard$' "back on the dashboard"
keys /
text "$ref2"
keys Enter Enter
expect_screen "^docket — case — $ref2\$" "the referred case is open"
keys m
expect_screen "^docket — move — $ref2\$" "the move form"
keys Right
expect_screen '^  Move to ◂▸ +Closed$' "closed chosen"
keys C-s
# The rules by their names; where the line wraps depends on their length (at a word).
expect_screen "^Close $ref2\? It ends: Investigation: 6 months due 2026-12-05, not yet due: dropped;( NIO)?\$" \
    "the confirmation names the deadline not yet due"
expect_screen '^(NIO )?appointment due 2026-06-12, overdue: kept as missed \(y/n\)$' \
    "and the overdue one, on the next row (wrapped at a word)"
keys n
expect_screen '^Not closed\.$' "n: not closed"
expect_screen "^docket — move — $ref2\$" "the form stays"
show "$ref2"
expect_eq "${SHOW[State]}" referred "n changed nothing (CLI)"
keys C-s
expect_screen '\(y/n\)$' "asked again"
keys y
expect_screen "^$ref2 moved to Closed\.\$" "y closes the case"
show "$ref2"
expect_eq "${SHOW[State]}" closed "the case is closed (CLI)"
keys q q q
expect_clean_exit "q back to the dashboard and out"

finish
