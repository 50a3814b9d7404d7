#!/usr/bin/env bash
# The audit log screen: its entries newest first against `docket audit log` (ids, times,
# accounts, actions, cases), paging to the oldest and back, the selected entry's whole detail,
# v verifying the chain (the count is the newest id: ids run without gaps), the account (/) and
# case (c) filters against `audit log --user/--case`, X clearing them, a refused filter (the
# CLI's message) leaving the screen as it was, and Enter opening the case an entry names.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok "an officer" user add off1 --role officer --mission MONUSCO --new-passphrase-fd 4 \
    --kdf interactive 4<<<'officer passphrase'
dk_ok "case add" case add --mission MONUSCO --reported 2026-11-01 --category sexual_abuse
ref=$out
dk_ok "case move" case move "$ref" assessment --on 2026-11-10
DK_USER=off1 DK_PASS='officer passphrase' dk_ok "a note by the officer" case note "$ref" \
    --note 'seen by the officer' --on 2026-11-12
# More entries than a screenful: every command's first transaction writes an unlock entry.
for ((i = 0; i < 30; i++)); do dk_ok "case list" case list; done

PAGE=$((TUI_ROWS - 6)) # title, header, detail line, key hints, message line, status bar
# audit_rows CSV: the entries of `audit log --format csv`, newest first, as the screen's first five
# columns lay them out (the detail column is cut to the screen's width: it is checked apart).
audit_rows() {
    tail -n +2 | awk -F, '{ printf " %6s %-20s %-12s %-13s %-22s\n", $1, $2, $3, $4, $5 }' |
        sed 's/ *$//' | sort -k1,1nr
}
# rows_on_screen: the entries on screen, cut to the same five columns.
rows_on_screen() {
    screen | grep -E '^ +[0-9]+ [0-9]{4}-[0-9]{2}-[0-9]{2}T' | cut -c1-78 | sed 's/ *$//'
}
# expect_entries WANT WHAT: the screen shows exactly the rows WANT (waits).
expect_entries() {
    local want=$1 what=$2 got tries=50
    while :; do
        got=$(rows_on_screen)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the entries on screen differ from docket audit log:
$(diff <(echo "$want") <(echo "$got") | sed -n '1,20p')"
    SCREEN=$(screen)
    dump
}
# selected_id: the id of the entry drawn in reverse video.
selected_id() {
    screen_e | grep -E "$(printf '\x1b')\\[([0-9;]*;)?7(;[0-9;]*)?m +[0-9]+ [0-9]{4}-" |
        strip | awk '{ print $1 }' | sed -n 1p
}
expect_selected_id() {
    local want=$1 what=$2 got tries=50
    while :; do
        got=$(selected_id)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the selected entry is [$got], wanted [$want]"
    SCREEN=$(screen)
    dump
}

# The CLI's log last: its own unlock entry is in it; the TUI's unlock comes next.
dk_ok "audit log" audit log --format csv
cli_log=$out
cli_rows=$(audit_rows <<<"$cli_log")
total=$(wc -l <<<"$cli_rows")
expect_match "$total" '^[3-9][0-9]$' "more entries than a screenful"

tui_open
keys T
expect_screen '^docket — audit log$' "T opens the audit log"
expect_screen '^ ID +AT +ACCOUNT +ACTION +REF +DETAIL$' "the audit log's columns"
expect_screen '^ v verify · / account · c case · X clear filters · Enter open the case · q back$' \
    "the keys at the foot of the screen"
# The TUI's own unlock is the newest entry, then the CLI's log, newest first.
top=$(printf ' %6s %-20s %-12s %-13s' "$((total + 1))" 'X' admin unlock | cut -c1-7)
expect_screen "^$top [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z +admin +unlock\$" \
    "the newest entry first: the TUI's own unlock"
want=$(printf '%s\n' "$(rows_on_screen | sed -n 1p)" "$(head -n $((PAGE - 1)) <<<"$cli_rows")")
expect_entries "$want" "the first page = docket audit log, newest first"
expect_selected_id "$((total + 1))" "the newest entry is selected"
expect_screen '^ +[0-9]+ .* admin +unlock' "the unlock entries are listed"

# --- Paging --------------------------------------------------------------------------------------
keys G
expect_entries "$(tail -n "$PAGE" <<<"$cli_rows")" "G: the oldest page"
expect_selected_id 1 "G selects the first entry"
expect_screen '^ +1 [0-9T:Z-]+ +admin +init$' "the first entry is the init"
expect_screen "^ +[0-9]+ .* off1 +case_note +$ref\$" "the officer's note, with its case"
keys g
expect_selected_id "$((total + 1))" "g: back to the newest"
keys NPage
# The entries after the first page's last one; when fewer than a page remain, the window shows the
# oldest page.
if ((total - (PAGE - 1) >= PAGE)); then
    want=$(sed -n "$PAGE,$((2 * PAGE - 1))p" <<<"$cli_rows")
else
    want=$(tail -n "$PAGE" <<<"$cli_rows")
fi
expect_entries "$want" "PgDn: the next page"
keys g
for ((i = 1; i < PAGE; i++)); do keys j; done
keys j
expect_selected_id "$((total + 1 - PAGE))" "j past the last row on screen"
expect_entries "$(head -n "$PAGE" <<<"$cli_rows")" "the window slid by one entry"
keys k
keys -N "$PAGE" k
expect_selected_id "$((total + 1))" "k back up past the top of the window"

# --- The detail of the selected entry ------------------------------------------------------------
add_id=$(awk -F, '$4 == "user_add" { print $1 }' <<<"$cli_log")
keys g
for ((i = total + 1; i > add_id; i--)); do keys j; done
expect_selected_id "$add_id" "the user_add entry selected"
expect_screen '^ Detail: off1 role=officer missions=MONUSCO$' "its whole detail under the list"

# --- Verify --------------------------------------------------------------------------------------
keys v
expect_screen "^The audit log verifies: $((total + 1)) entries, the chain unbroken\.\$" \
    "v verifies the chain: every entry, the newest id"
dk_ok "audit verify" audit verify
expect_match "$out" "entries \\($((total + 2))\\)" "the CLI counts the same chain (and its own unlock)"

# --- Filters -------------------------------------------------------------------------------------
dk_ok "audit log --user off1" audit log --user off1 --format csv
off1_rows=$(audit_rows <<<"$out")
dk_ok "audit log --case" audit log --case "$ref" --format csv
case_rows=$(audit_rows <<<"$out")
keys /
expect_screen '^Account \(empty for all\):' "/ asks for an account"
text 'off1'
keys Enter
expect_screen '^docket — audit log  account off1$' "the account filter in the title"
expect_entries "$off1_rows" "/ off1 = docket audit log --user off1"
keys X
expect_screen '^docket — audit log$' "X clears the filter"
keys c
expect_screen '^Case reference \(empty for all\):' "c asks for a case"
text "${ref,,}"
keys Enter
expect_screen "^docket — audit log  case $ref\$" "the case filter in the title (upper-cased)"
expect_entries "$case_rows" "c REF = docket audit log --case REF"
keys /
text 'off1'
keys Enter
expect_screen "^docket — audit log  account off1  case $ref\$" "both filters"
expect_entries "$(grep -E ' off1 ' <<<"$case_rows")" \
    "both filters: the officer's entries on the case"
# Enter opens the case an entry names.
keys Enter
expect_screen "^docket — case — $ref\$" "Enter opens the entry's case"
keys Escape
expect_screen "^docket — audit log  account off1  case $ref\$" "Esc back, the filters kept"
# A refused filter: the CLI's message, the screen as it was.
dk audit log --user 'Bad Name'
expect_eq "$rc" 1 "the CLI refuses an invalid account name"
keys /
keys -N 10 BSpace
text 'Bad Name'
keys Enter
expect_screen "^$(re_quote "${err#docket: }")\$" "an invalid account: the CLI's message"
expect_screen "^docket — audit log  account off1  case $ref\$" "the filters stay as they were"
dk audit log --case MONUSCO-2026-9999
expect_eq "$rc" 1 "the CLI refuses an unknown case"
keys c
keys -N 30 BSpace
text 'MONUSCO-2026-9999'
keys Enter
expect_screen "^$(re_quote "${err#docket: }")\$" "an unknown case: the CLI's message"
expect_screen "^docket — audit log  account off1  case $ref\$" "the filters stay as they were"
keys X
expect_screen '^docket — audit log$' "X clears both"
keys Escape
expect_screen '^docket — dashboard$' "Esc back to the dashboard"
keys q
expect_clean_exit "q on the dashboard"

# Columns never touch: an account name and an action longer than their columns are cut with a
# blank left after them, at the narrowest width too.
long=officer_of_the_north_kivu
dk_ok "an account with a long name" user add "$long" --role auditor --new-passphrase-fd 4 \
    --kdf interactive 4<<<'auditor passphrase'
DK_USER=$long DK_PASS='auditor passphrase' dk_ok "its unlock" audit log
dk_ok "an identity read" victim add "$ref" --sex female --age adult --name 'Someone' \
    --contact 'somewhere'
dk_ok "victim list" victim list --format csv
code=$(tail -n +2 <<<"$out" | cut -d, -f1 | sed -n 1p)
dk_ok "the identity read" victim show "$code"
TUI_COLS=80 TUI_ROWS=24 tui_open
keys T
expect_screen '^docket — audit log$' "the audit log at 80 columns"
expect_screen '^ +[0-9]+ [0-9T:Z-]{20} officer_of_… unlock' "a long account name is cut, a blank after it"
expect_screen '^ +[0-9]+ [0-9T:Z-]{20} admin +victim_ident… [A-Z]+-' \
    "a long action is cut, a blank after it"
keys q q
expect_clean_exit "q after the narrow audit log"

finish
