#!/usr/bin/env bash
# The idle lock (--lock-after SECONDS) and L: the screen is cleared to the unlock screen with the
# lock message and no case data; the database is free for the CLI meanwhile; the passphrase
# (a wrong one first) resumes on the same screen, a half-typed form included; Esc quits.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 30 --seed 7
dk_ok "case list" case list --format csv
ref=$(tail -n +2 <<<"$out" | grep -m1 ',investigating,' | cut -d, -f1)
expect_match "$ref" '^[A-Z]+-[0-9]{4}-[0-9]{4}$' "a case to open (CLI)"

LOCKED='^ +Locked after a period without use'
CASE_DATA='[A-Z]+-[0-9]{4}-[0-9]{4}|DEADLINE RULE|Mission|Summary|Deadlines|admin \(admin\)'

# expect_locked WHAT: the lock screen, and nothing of the cases on it.
expect_locked() {
    local what=$1
    expect_screen "$LOCKED" "$what: the lock message" 6
    expect_screen '^ +docket — unlock the case database$' "$what: the unlock screen"
    expect_no_screen "$CASE_DATA" "$what: no case data on the screen"
}

tui_open --lock-after 2
keys /
text "$ref"
keys Enter Enter
expect_screen "^docket — case — $ref\$" "the case is open"
expect_screen '^ Mission ' "its fields show"
t0=$SECONDS
expect_locked "idle on the case"
waited=$((SECONDS - t0))
if [ "$waited" -ge 1 ]; then ok; else fail "the lock came after $waited s, before --lock-after 2"; fi

# While locked, the CLI has the database (the TUI holds no lock and no transaction).
dk case list --format csv
expect_eq "$rc" 0 "the CLI works while the TUI is locked"

# A wrong passphrase is refused inline, the lock screen stays; the right one resumes.
text 'not the passphrase'
keys Enter
expect_screen '^ +wrong passphrase or unknown user$' "a wrong passphrase on the lock screen" 10
expect_no_screen "$CASE_DATA" "still no case data"
text "$PASS"
keys Enter
expect_screen "^docket — case — $ref\$" "the passphrase resumes on the same case"
expect_screen '^ Mission ' "its fields are back"
expect_screen '^Unlocked\.$' "the message says so"

# A half-typed form survives the lock; what was typed is still there and typing goes on.
keys Escape Escape n
expect_screen '^docket — new allegation$' "the intake form"
keys Tab Tab Tab Tab Tab
text 'ZW'
expect_screen '^  Nationality \(ISO3\) +ZW$' "typed into the form"
expect_locked "idle in a form"
expect_no_screen 'ZW' "the typed text is not on the lock screen"
text "$PASS"
keys Enter
expect_screen '^docket — new allegation$' "the form is back after the unlock"
expect_screen '^  Nationality \(ISO3\) +ZW$' "with what was typed"
text 'E'
expect_screen '^  Nationality \(ISO3\) +ZWE$' "typing carries on where it was"
keys Tab
expect_screen '^  Reported \(YYYY-MM-DD\) +2026-11-27$' "the prefilled date too"
keys Escape
expect_screen '^docket — dashboard$' "Esc leaves the form"

# L locks at once, with its own message.
keys L
expect_screen '^ +Locked\. Enter the passphrase to carry on where you were\.$' "L locks now"
expect_no_screen "$CASE_DATA" "L: no case data"
text "$PASS"
keys Enter
expect_screen '^docket — dashboard$' "back on the dashboard"

# The lock comes also while a prompt or a choice list waits for input.
keys /
expect_screen '^Find \(reference or text\):' "the search prompt is open"
if wait_for "$LOCKED" 4; then ok; else
    fail "idle with the / prompt open: no lock after 4 s (--lock-after 2); the dashboard stays on screen"
fi
text "$PASS"
keys Enter
keys Escape
expect_screen '^docket — dashboard$' "back on the dashboard"
keys l S
expect_screen 'Filter by state' "a choice list is open"
if wait_for "$LOCKED" 4; then ok; else
    fail "idle with a choice list open: no lock after 4 s (--lock-after 2); the case list stays on screen"
fi
text "$PASS"
keys Enter
keys Escape Escape
expect_screen '^docket — dashboard$' "back on the dashboard (the lock screen is gone)"

# Esc on the lock screen quits, cleanly.
expect_locked "idle again"
keys Escape
expect_clean_exit "Esc on the lock screen"

finish
