#!/usr/bin/env bash
# Returning to the dashboard reloads its counts only when something they depend on moved
# (dk_app_data_version): a change made inside the TUI, and one made by another process (a CLI
# command while the TUI is open), both show on the next return; a return with no change shows
# the same counts.
. "$(dirname "$0")/lib.sh"

init_db
# referred CASE-VAR: a case reported 2026-06-01 and referred 2026-06-05: on TODAY 2026-11-27 its
# nio_appointment (due 2026-06-12) is overdue and its investigation_6m (due 2026-12-05) within 30.
referred() {
    dk_ok "case add" case add --mission MONUSCO --reported 2026-06-01 --category sexual_abuse
    local ref=$out
    dk_ok "assessment" case move "$ref" assessment --on 2026-06-02
    dk_ok "referred" case move "$ref" referred --on 2026-06-05 --entity tcc
    printf -v "$1" '%s' "$ref"
}
referred a
referred b

# counts RULE: "overdue within7 within30" as the dashboard on screen shows them.
counts() {
    SCREEN=$(screen)
    ids_for_names <<<"$SCREEN" | grep -E "^ $1 +[0-9]+ +[0-9]+ +[0-9]+$" | awk '{ print $2, $3, $4 }'
}
# back_on_dashboard WHAT: waits for the dashboard's title.
back_on_dashboard() {
    if wait_for '^docket — dashboard$' 10; then ok; else fail "$1: not back on the dashboard"; fi
}

tui_open
expect_screen '^ Investigation: 6 months +0 +0 +2$' "two cases' investigation_6m within 30 days"
expect_eq "$(counts nio_appointment)" "2 0 0" "two nio_appointment overdue"

# No change: to the case list and back, the same counts.
keys l
expect_screen '^docket — cases' "the case list"
keys q
back_on_dashboard "q from the list"
expect_eq "$(counts investigation_6m)" "0 0 2" "nothing changed: the same counts"

# A change inside the TUI: closing case b ends its live deadlines.
keys /
text "$b"
keys Enter Enter
expect_screen "^docket — case — $b\$" "case b is open"
keys m
expect_screen "^docket — move — $b\$" "the move form"
keys Right
expect_screen '^  Move to ◂▸ +Closed$' "closed chosen"
keys C-s
expect_screen '\(y/n\)$' "the confirmation"
keys y
expect_screen "^$b moved to Closed\.\$" "case b closed in the TUI"
keys q q
back_on_dashboard "after closing b"
if wait_for '^ Investigation: 6 months +0 +0 +1$' 10; then ok; else
    fail "the dashboard reloaded after a change made in the TUI"
    dump
fi
expect_eq "$(counts nio_appointment)" "1 0 0" "b's nio_appointment no longer live"

# A change by another process while the TUI is open: the CLI closes case a.
dk_ok "close a from the CLI" case move "$a" closed --on 2026-11-27 --closure other_circumstances
keys l
expect_screen '^docket — cases' "the case list"
keys q
back_on_dashboard "after the CLI closed a"
if wait_for '^ Investigation: 6 months +0 +0 +0$' 10; then ok; else
    fail "the dashboard reloaded after a change made by another process"
    dump
fi
expect_eq "$(counts nio_appointment)" "0 0 0" "a's nio_appointment no longer live"

keys q
expect_clean_exit "q leaves"

finish
