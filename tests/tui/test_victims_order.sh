#!/usr/bin/env bash
# The victims screen (V) lists the victim whose update is most overdue first (as `victim list
# --sort due`); s switches to by code and back; / narrows the list to the victims whose code or
# a case's reference starts with what is typed (never a name); the search is forgotten once the
# screen is left.
. "$(dirname "$0")/lib.sh"

TUI_COLS=140
TUI_ROWS=40

init_db
dk_ok "case add" case add --mission MONUSCO --reported 2026-08-01 --category sexual_abuse
ref=$out
dk_ok "case add" case add --mission MINUSCA --reported 2026-08-01 --category sexual_abuse
other=$out
# Three victims told on different days: the one told longest ago is the most overdue.
told=()
for day in 2026-10-20 2026-10-05 2026-10-12; do
    dk_ok "victim add" victim add "$ref" --sex female --age adult --on 2026-08-02 --name "Zora Hidden"
    told+=("$out")
    dk_ok "victim inform" victim inform "$out" --on "$day"
done
dk_ok "victim add" victim add "$other" --sex male --age child --on 2026-11-25
fresh=$out

# codes_on_screen: the victims screen's codes, top to bottom.
codes_on_screen() { screen | grep -E '^ (!!|! |  ) V-[0-9A-Z]{10} ' | grep -oE 'V-[0-9A-Z]{10}'; }
# cli_codes ARGS...: the codes `victim list ARGS --format csv` prints, in its order.
cli_codes() {
    dk victim list "$@" --format csv
    [ "$rc" -eq 0 ] || fail "victim list $*: $err"
    tail -n +2 <<<"$out" | cut -d, -f1
}
# expect_codes WANT WHAT: the screen's codes are exactly WANT, in that order (waits).
expect_codes() {
    local tries=50
    while [ "$(codes_on_screen)" != "$1" ] && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    expect_eq "$(codes_on_screen | paste -sd' ')" "$(printf '%s\n' "$1" | paste -sd' ')" "$2"
}

due_order=$(printf '%s\n' "${told[1]}" "${told[2]}" "${told[0]}" "$fresh")
expect_eq "$(cli_codes --sort due)" "$due_order" "victim list --sort due: the most overdue first"

tui_open
keys V
expect_screen '^docket — victims$' "V opens the victims screen"
expect_codes "$due_order" "the victim told longest ago on top, then 10-12, 10-20, then the new one"
expect_screen '^ Enter open · w awaiting an update only · / find · s sort · q back$' \
    "the keys under the victims"
keys s
expect_screen '^docket — victims — by code$' "s: by code"
expect_codes "$(cli_codes --sort code)" "s: by code, as victim list --sort code"
keys s
expect_screen '^docket — victims$' "s again: the most overdue first"
expect_codes "$due_order" "s again: the same order as before"

prefix=${told[2]:0:8}
keys /
text "$prefix"
keys Enter
expect_screen "^docket — victims — /$prefix\$" "/: the title says what is searched"
expect_codes "$(cli_codes --sort due --find "$prefix")" "/ a code's first letters narrows the list"
expect_match "$(codes_on_screen)" "${told[2]}" "/ finds that victim"
[ "$(codes_on_screen | wc -l)" -lt 4 ] && ok || fail "/ $prefix: the list is narrower"
keys /
keys -N 20 BSpace
text "$other"
keys Enter
expect_codes "$fresh" "/ a case reference: its victim"
keys /
keys -N 20 BSpace
text 'Zora'
keys Enter
expect_screen "^ ?Nothing found for 'Zora'\\.\$" "/ never finds a name"
expect_codes "" "nothing listed for a name"
keys q
wait_for 'docket — dashboard' 5 || fail "q: back to the dashboard"
keys V
expect_screen '^docket — victims$' "leaving the screen forgot the search"
expect_codes "$due_order" "every victim again"
keys q q
expect_clean_exit "q"

finish
