#!/usr/bin/env bash
# Unlock (right and wrong passphrase, no echo, the status bar) and every way out: q from the
# dashboard, Esc on the unlock screen, Ctrl-C from any screen, prompt or choice list, and the
# signals a closing terminal sends. Each exit must leave the terminal as docket found it.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 40 --seed 3

# wait_for_e REGEX [SECONDS]: wait_for on the screen with its attributes (screen_e).
wait_for_e() {
    local re=$1 tries=$((${2:-5} * 10))
    while ! grep -Eq -- "$re" <<<"$(screen_e)"; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}
REV=$'\x1b\\[([0-9;]*;)?7(;[0-9;]*)?m'

# --- The unlock screen ---------------------------------------------------------------------------
tui_start
expect_screen '^ +docket — unlock the case database$' "the unlock screen's title"
expect_screen "^ +Account: +admin\$" "the account is prefilled from --user"
expect_screen "^ +$DB\$" "the database is named"
expect_screen '^ +Enter your passphrase\.$' "the unlock screen asks for the passphrase"
expect_no_screen 'DEADLINE RULE|admin \(admin\)' "nothing of the database before the unlock"
expect_no_screen '^ +Demo:' "no demo notice beside an ordinary database"

# No echo, not even stars: type, then Tab to the account field (which shows once the typed
# characters have been read), then look.
text 'wrong passphrase'
keys Tab
if wait_for_e "Account: +${REV}admin"; then ok; else fail "Tab moves to the account field"; fi
expect_no_screen 'wrong passphrase|\*\*\*' "the passphrase is not echoed, not even as stars"
keys Tab
if wait_for_e "Passphrase: +${REV}"; then ok; else fail "Tab moves back to the passphrase"; fi

# Wrong: the error shows inline (after a pause), the screen stays, the field is emptied.
t0=$EPOCHREALTIME
keys Enter
expect_screen '^ +wrong passphrase or unknown user$' "a wrong passphrase is refused inline" 10
t1=$EPOCHREALTIME
pause=$(( (${t1/./} - ${t0/./}) / 1000 ))
if [ "$pause" -ge 900 ]; then ok; else fail "the refusal came after ${pause} ms, without the pause (>= 1 s)"; fi
expect_screen '^ +docket — unlock the case database$' "the unlock screen stays after a refusal"
expect_screen "^ +Account: +admin\$" "the account stays"
expect_no_screen 'DEADLINE RULE' "no dashboard after a wrong passphrase"
if alive "$TUI_PID"; then ok; else fail "docket survives a wrong passphrase"; fi

# Right: the dashboard, with the status bar on the last line.
unlock
expect_eq "$(row -1)" " admin (admin)  $DB  $TODAY  A:accounts T:audit ?:help q:quit" \
    "the status bar: account, role, database, today, keys (an administrator's screens too)"
expect_eq "$(row 0)" "docket — dashboard" "the title on the first line"
keys q
expect_clean_exit "q on the dashboard"

# A wrong account is refused the same way; the account can be edited.
tui_start
keys Tab BSpace BSpace BSpace BSpace BSpace
text 'nobody'
expect_screen "^ +Account: +nobody\$" "the account can be edited"
keys Tab
text "$PASS"
keys Enter
expect_screen '^ +wrong passphrase or unknown user$' "an unknown account gets the same refusal" 10
keys Tab BSpace BSpace BSpace BSpace BSpace BSpace
text 'admin'
expect_screen "^ +Account: +admin\$" "the account is edited back"
keys Tab
unlock
keys q
expect_clean_exit "q on the dashboard after an unknown account"

# --- Ways out ------------------------------------------------------------------------------------
tui_start
keys Escape
expect_clean_exit "Esc on the unlock screen"

tui_start
keys C-c
expect_clean_exit "Ctrl-C on the unlock screen"

tui_open
keys C-c
expect_clean_exit "Ctrl-C on the dashboard"

tui_open
keys l
expect_screen '^docket — cases' "l opens the case list"
keys Enter
expect_screen '^docket — case — ' "Enter opens a case"
keys t
expect_screen '^docket — timeline — ' "t opens the timeline"
keys C-c
expect_clean_exit "Ctrl-C on the timeline, three screens deep"

tui_open
keys n
expect_screen '^docket — new allegation$' "n opens the intake form"
keys Tab Tab Tab Tab Tab
text 'NPL'
expect_screen '^  Nationality \(ISO3\) +NPL$' "typing in the form"
keys C-c
expect_clean_exit "Ctrl-C in the intake form"

tui_open
keys /
expect_screen '^Find \(reference or text\):' "/ prompts for a search"
text 'MON'
expect_screen '^Find \(reference or text\): MON$' "typing in the prompt"
keys C-c
expect_clean_exit "Ctrl-C in the search prompt"

tui_open
keys l
expect_screen '^docket — cases' "l opens the case list"
keys S
expect_screen 'Filter by state' "S opens the state choice list"
keys C-c
expect_clean_exit "Ctrl-C in a choice list"

tui_open
keys '?'
expect_screen '^docket — help' "? opens the help"
keys q
expect_screen '^docket — dashboard$' "q goes back from the help"
keys q
expect_clean_exit "q from the help, then q from the dashboard"

# A terminal closing (SIGHUP) or a kill (SIGTERM) ends docket too, restoring the terminal.
tui_open
kill -TERM "$TUI_PID"
expect_clean_exit "SIGTERM on the dashboard"

tui_start
kill -TERM "$TUI_PID"
if wait_exit 5; then ok; else fail "SIGTERM on the unlock screen: docket still runs after 5 s"; fi

tui_start
pid=$TUI_PID
tmux_ kill-session -t "$SESSION"
tries=50
while alive "$pid" && [ "$tries" -gt 0 ]; do
    sleep 0.1
    tries=$((tries - 1))
done
if alive "$pid"; then
    fail "the terminal closed (SIGHUP) on the unlock screen: docket still runs after 5 s" \
        "($(ps -o pcpu=,time= -p "$pid" | xargs) %CPU, cpu time)"
    kill -KILL "$pid" 2>/dev/null || true
else
    ok
fi

tui_open
pid=$TUI_PID
tmux_ kill-session -t "$SESSION"
tries=50
while alive "$pid" && [ "$tries" -gt 0 ]; do
    sleep 0.1
    tries=$((tries - 1))
done
if alive "$pid"; then
    fail "the terminal closed (SIGHUP) on the dashboard: docket still runs after 5 s"
    kill -KILL "$pid" 2>/dev/null || true
else
    ok
fi

# --- A demo database ----------------------------------------------------------------------------
# Its unlock screen says how to get in, from <db>.demo (./run demo writes it), sanitized; only
# a file nobody else may write counts.
printf 'Demo: accounts admin, officer; passphrase: %s\033[2J\n' "$PASS" >"$DB.demo"
chmod 600 "$DB.demo"
tui_start
expect_screen '^ +Demo: accounts admin, officer; passphrase: long$' \
    "the demo notice on the unlock screen, wrapped at a word"
expect_screen '^ +passphrase␛\[2J$' "its escape shown inert"
unlock
keys q
expect_clean_exit "q after a demo unlock"
chmod 620 "$DB.demo"
tui_start
expect_no_screen '^ +Demo:' "a notice others may write is not shown"
keys Escape
expect_clean_exit "Esc on the unlock screen"

finish
