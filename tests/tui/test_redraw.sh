#!/usr/bin/env bash
# Redraw by dirty flags: a key that changes nothing visible draws no view (an unbound key, Down
# at the last row), nor does the clock's tick; a key that moves the selection
# does. DOCKET_TEST_DRAWS shows how many times a view was drawn at the head of the status bar.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 40 --seed 5
TUI_ENV="DOCKET_TEST_DRAWS=1"

# draws: the count on the status bar now (empty when there is none).
draws() { row -1 | sed -nE 's/^ \[([0-9]+)\] admin .*/\1/p'; }

# same_draws BEFORE WHAT: the count did not move.
same_draws() {
    local now
    now=$(draws)
    if [ -n "$1" ] && [ "$now" = "$1" ]; then ok; else
        fail "$2: a view was drawn again (draws $1, now ${now:-none})"
        SCREEN=$(screen)
        dump
    fi
}

tui_open
expect_screen '^ \[[0-9]+\] admin \(admin\) ' "the status bar shows the views drawn"

keys l
expect_screen '^docket — cases — by due date$' "l opens the list"
keys G
sleep 0.5
before=$(draws)
[ -n "$before" ] && ok || fail "no draw count on the status bar"

# Down (j, and the arrow) at the last row: nothing to draw. The unbound key after them shows a
# message (the message line only) and says they have all been read.
keys j Down %
expect_screen 'Unknown key; press \? for help\.' "an unbound key says so"
same_draws "$before" "Down and End at the last row, then an unbound key"

# The same unbound key again: the message is the same; then a few ticks of the clock.
keys %
sleep 2.5
same_draws "$before" "the unbound key again and the clock's ticks"

# A move that changes the selection draws the view once more.
keys k
if wait_for "^ \[$((before + 1))\] admin " 3; then ok; else
    fail "k: the view should be drawn once more (draws $before, now $(draws))"
    dump
fi
keys Escape
expect_screen 'docket — dashboard' "back on the dashboard"
same_before=$(draws)
keys %
expect_screen 'Unknown key; press \? for help\.' "an unbound key on the dashboard"
same_draws "$same_before" "an unbound key on the dashboard"

keys q
expect_clean_exit "q"
finish
