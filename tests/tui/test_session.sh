#!/usr/bin/env bash
# The lock ends the session: unlocking as another account on the lock screen starts a fresh one
# (nothing of the previous account's screens or search), says so and is audited
# (session_switch, from=<previous account>). Without --today, a session left open past
# midnight takes the new date (DOCKET_TEST_CLOCK_OFFSET moves the clock to just before it).
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 12 --seed 3
dk_ok "an officer" user add off1 --role officer --mission MONUSCO --new-passphrase-fd 4 \
    --kdf interactive 4<<<'officer passphrase'

tui_open
keys l
expect_screen '^docket — cases' "the case list is open"
keys /
text 'MONUSCO'
keys Enter
expect_screen 'MONUSCO' "a search in the list"
keys L
expect_screen '^ +Locked: admin$' "the lock screen names the locked account"

# Another account: Tab to the account field, Ctrl-U clears the locked one.
keys Tab C-u
text off1
expect_screen '^ +Account: +off1$' "the account field takes another account"
keys Tab
text 'officer passphrase'
keys Enter
expect_screen '^docket — dashboard$' "the other account starts on the dashboard"
expect_screen '^Unlocked as off1: a new session\.$' "the message says it is a new session"
expect_screen '^ off1 \(officer\) ' "the status bar names the new account"
keys Escape
expect_screen '^docket — dashboard$' "nothing of the previous session under the dashboard"
expect_no_screen '^docket — cases' "the previous account's case list is gone"
keys q
expect_clean_exit "q after the switch"

dk_ok "audit log" audit log --format csv
switch=$(grep -c ',off1,session_switch,,from=admin$' <<<"$out" || true)
expect_eq "$switch" 1 "the switch is audited once, by the new account, naming the previous one"

# Midnight while the TUI is open: the status bar's date and the rules move to the new day.
now=$(date +%s)
offset=$((86400 - now % 86400 - 8))
before=$(date -u -d "@$((now + offset))" +%F)
after=$(date -u -d "@$((now + offset + 86400))" +%F)
TODAY='' TUI_ENV="TZ=UTC DOCKET_TEST_CLOCK_OFFSET=$offset" tui_open
expect_screen "^ admin \(admin\)  .*  $before  " "the clock's date before midnight"
expect_screen "^ admin \(admin\)  .*  $after  " "the next day once the clock passes midnight" 15
keys q
expect_clean_exit "q after midnight"

finish
