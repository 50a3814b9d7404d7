#!/usr/bin/env bash
# The dashboard's numbers are the CLI's: per rule, the live deadlines overdue (days_left < 0),
# due within 7 days (0..7) and within 30 days (0..30), as `docket deadlines --format csv` lists
# them; the most urgent deadlines are the first rows of that list (a victim's update with the
# victim's code), and Enter opens the case.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok demo demo --cases 300 --seed 8

# refer REPORTED REFERRED ENTITY [case add options]: a MONUSCO case referred on REFERRED.
refer() {
    local reported=$1 referred=$2 entity=$3
    shift 3
    dk_ok "case add" case add --mission MONUSCO --reported "$reported" --category sexual_abuse "$@"
    local ref=$out
    dk_ok "assessment" case move "$ref" assessment --on "$reported"
    dk_ok "referred" case move "$ref" referred --on "$referred" --entity "$entity"
}
# The edges of each count, for TODAY 2026-11-27 (investigation_6m: 6 months after the referral,
# investigation_90d: 90 days for an urgent case).
refer 2026-05-01 2026-05-26 oios          # 6m due 2026-11-26: -1, overdue
refer 2026-08-01 2026-08-29 oios --urgent # 90d due 2026-11-27: 0, within 7 and 30
refer 2026-05-01 2026-06-04 oios          # 6m due 2026-12-04: 7, within 7 and 30
refer 2026-05-01 2026-06-27 oios          # 6m due 2026-12-27: 30, within 30
refer 2026-05-01 2026-06-28 oios          # 6m due 2026-12-28: 31, in none

dk_ok deadlines deadlines --format csv
deadlines_csv=$out
# rule overdue within_7 within_30, one line per rule the CLI lists.
declare -A want
while read -r rule o w7 w30; do
    want[$rule]="$o $w7 $w30"
done < <(printf '%s\n' "$deadlines_csv" | awk -F, 'NR > 1 {
        d = $5 + 0; seen[$2] = 1
        if (d < 0) o[$2]++
        if (d >= 0 && d <= 7) w7[$2]++
        if (d >= 0 && d <= 30) w30[$2]++
    } END { for (r in seen) print r, o[r] + 0, w7[r] + 0, w30[r] + 0 }')
expect_match "${want[investigation_6m]}" '^[1-9][0-9]* [1-9][0-9]* [1-9][0-9]*$' \
    "the data has every kind of count (CLI)"

tui_open
expect_screen 'DEADLINE RULE +OVERDUE +WITHIN 7 DAYS +WITHIN 30 DAYS' "the dashboard's count table"
declare -A shown
while read -r rule o w7 w30; do
    shown[$rule]="$o $w7 $w30"
done < <(ids_for_names <<<"$SCREEN" | grep -E '^ [a-z0-9_]+ +[0-9]+ +[0-9]+ +[0-9]+$')
expect_screen '^ Investigation: 6 months +[0-9]+ +[0-9]+ +[0-9]+$' "the rules by their display names"
expect_eq "${#shown[@]}" 4 "one row per rule, victim_update included"
for rule in "${!want[@]}"; do
    expect_eq "${shown[$rule]:-missing}" "${want[$rule]}" \
        "$rule: overdue / within 7 / within 30 on the dashboard = from deadlines --format csv"
done
for rule in "${!shown[@]}"; do
    [ -n "${want[$rule]:-}" ] || expect_eq "${shown[$rule]}" "0 0 0" "$rule: no deadline, all zero"
done

# The victims awaiting an update: the CLI's count, with the keys that list them.
dk_ok "victims awaiting an update" victim list --awaiting-update --format csv
awaiting=$(($(wc -l <<<"$out") - 1))
expect_match "$awaiting" '^[1-9][0-9]*$' "the demo has victims awaiting an update (CLI)"
expect_screen "^ Victims awaiting an update: $awaiting   w lists them · V every victim\$" \
    "the dashboard counts the victims awaiting an update as victim list --awaiting-update does"

# The most urgent deadlines: the CLI's first rows, in its order (due date, then reference).
n=$(grep -cE '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ' <<<"$SCREEN" || true)
expect_match "$n" '^(1[0-9]|[5-9])$' "the urgent list fills the screen"
# urgent_rows: the urgent rows on screen as the CLI's CSV has them (ref,rule,due,days,status,victim).
urgent_rows() {
    ids_for_names | grep -E '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ' | sed -E 's/^ (!!|! |  ) //' |
        awk '{ print $1 "," $2 "," $3 "," $4 "," $5 "," $6 }'
}
urgent_cli=$(printf '%s\n' "$deadlines_csv" | tail -n +2 | sed -n "1,${n}p" | cut -d, -f1,2,4,5,6,7)
expect_match "$urgent_cli" ',victim_update,.*,V-[0-9A-Z]{10}' "victims' updates among the most urgent (CLI)"
expect_eq "$(urgent_rows <<<"$SCREEN")" "$urgent_cli" \
    "most urgent deadlines = the first rows of deadlines --format csv, victims' codes included"
# The non-colour cues: !! overdue, ! due soon (its rule's warning days), nothing otherwise.
expect_screen '^ !! [A-Z]+-[0-9]{4}-[0-9]{4} +[A-Z][A-Za-z0-9: ]+ +[0-9-]+ +-[0-9]+ +Overdue$' "!! marks overdue"
expect_screen '^ !! [A-Z]+-[0-9]{4}-[0-9]{4} +Victim update +[0-9-]+ +-[0-9]+ +Overdue +V-[0-9A-Z]{10}$' \
    "!! marks a victim's overdue update, with the victim's code"
expect_no_screen '^ !! .* [0-9]+ +(Due soon|On track)( +V-[0-9A-Z]{10})?$' "no !! on a deadline not overdue"
# The deadline due today may be below the first screenful: the selection pages down to it.
due_today='^ !  MONUSCO-2026-[0-9]{4} +Investigation: 90 days +2026-11-27 +0 '
for ((i = 0; i < 5; i++)); do
    wait_for "$due_today" 1 && break
    keys NPage
done
expect_screen "$due_today" "! marks due today"
keys g
expect_selected "$(printf '%s\n' "$urgent_cli" | sed -n 1p | cut -d, -f1)" "g: the first row again"

# Enter opens the selected row; j moves the selection first.
second=$(printf '%s\n' "$urgent_cli" | sed -n 2p | cut -d, -f1)
keys j
expect_selected "$second" "j selects the second urgent deadline"
keys Enter
expect_screen "^docket — case — $second\$" "Enter opens the selected case (its ref in the title)"
expect_screen "^ $second +Investigating|^ $second +Referred" "the detail shows the case"
keys Escape
expect_screen '^docket — dashboard$' "Esc goes back to the dashboard"
expect_selected "$second" "the selection is kept"
# G and g: the last and the first of the most urgent deadlines (G scrolls the list to it).
keys G
tries=50
while :; do
    last_row=$(screen | grep -E '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ' | tail -n 1 | grep -oE '[A-Z]+-[0-9]{4}-[0-9]{4}' || true)
    [ -n "$last_row" ] && [ "$(selected_refs)" == "$last_row" ] && break
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || break
    sleep 0.1
done
expect_selected "$last_row" "G selects the last urgent row, on screen at the bottom of the list"
# Two victims of a case may each have a row: the row itself (ref, rule, victim) is there once.
last_line=$(screen | grep -E '^ (!!|! |  ) [A-Z]+-[0-9]{4}-[0-9]{4} ' | tail -n 1 | sed -E 's/^ (!!|! |  ) //')
expect_eq "$(screen | sed -E 's/^ (!!|! |  ) //' | grep -cxF -- "$last_line")" 1 "the last row is on screen once"
keys j
expect_selected "$last_row" "j on the last row stays"
keys g
expect_selected "$(printf '%s\n' "$urgent_cli" | sed -n 1p | cut -d, -f1)" "g selects the first again"
keys q
expect_clean_exit "q on the dashboard"

# Colour is a second cue only: with NO_COLOR set, no colour at all, the marks and bold remain;
# on a monochrome terminal (vt100) the same.
COLOUR=$'\x1b\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
for setup in "NO_COLOR=1|xterm-256color" "|vt100"; do
    TUI_ENV=${setup%|*} TUI_TERM=${setup#*|} tui_open
    expect_screen '^ !! [A-Z]+-[0-9]{4}-[0-9]{4} ' "$setup: the !! marks are there"
    if grep -Eq -- "$COLOUR" <<<"$(screen_e)"; then
        fail "$setup: colours are drawn: $(screen_e | grep -Eo -- "$COLOUR" | sort -u | cat -v | tr '\n' ' ')"
    else
        ok
    fi
    expect_selected "$(printf '%s\n' "$urgent_cli" | sed -n 1p | cut -d, -f1)" \
        "$setup: the selection shows in reverse video"
    keys q
    # vt100 has no alternate screen: what docket drew stays, as with any program there.
    expect_clean_exit "$setup: q" "$([ "${setup#*|}" == vt100 ] && echo keep)"
done

# The same on an earlier day: the dashboard counts what the CLI lists as of that day.
TODAY=2026-10-01
dk_ok "deadlines on $TODAY" deadlines --format csv
want_then=$(printf '%s\n' "$out" | awk -F, 'NR > 1 {
        d = $5 + 0; seen[$2] = 1
        if (d < 0) o[$2]++
        if (d >= 0 && d <= 7) w7[$2]++
        if (d >= 0 && d <= 30) w30[$2]++
    } END { for (r in seen) print r, o[r] + 0, w7[r] + 0, w30[r] + 0 }' |
    awk '$2 + $3 + $4 > 0' | sort)
tui_open
expect_screen "2026-10-01  A:accounts T:audit \?:help" "the status bar shows --today"
urgent_then=$(printf '%s\n' "$out" | tail -n +2 | sed -n "1,5p" | cut -d, -f1,2,4,5,6,7)
shown_then=$(ids_for_names <<<"$SCREEN" | grep -E '^ [a-z0-9_]+ +[0-9]+ +[0-9]+ +[0-9]+$' | awk '$2 + $3 + $4 > 0 { print $1, $2, $3, $4 }' | sort)
expect_eq "$shown_then" "$want_then" "on $TODAY: dashboard counts = deadlines --format csv on $TODAY"
expect_eq "$(urgent_rows <<<"$SCREEN" | sed -n "1,5p")" "$urgent_then" \
    "on $TODAY: most urgent deadlines = the first rows of deadlines --format csv on $TODAY"
keys q
expect_clean_exit "q on the dashboard"

finish
