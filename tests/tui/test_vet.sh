#!/usr/bin/env bash
# Vetting in the TUI (F, administrators and officers): a name or an index number typed at the
# prompt finds the cases naming the person, as `docket vet --format csv` finds them (names
# whatever the case, accents and spacing; never a partial name; index numbers exactly; only in
# the account's missions); / or F searches again; Enter opens the case. Each search is one
# audited `vet` entry with matches=N, and nothing else searches (no redraw, no coming back, no
# unlock). The query is never kept: not in the title, the status bar, the message line, nor the
# audit log. Advocates and auditors are not offered the key.
. "$(dirname "$0")/lib.sh"

TUI_COLS=110
TUI_ROWS=30

init_db
user_add() {
    dk_ok "user add $1" user add "$1" --new-passphrase-fd 4 --kdf interactive "${@:3}" 4<<<"$2"
}
user_add off1 'officer passphrase' --role officer --mission MINUSCA
user_add adv1 'advocate passphrase' --role advocate --mission MINUSCA
user_add aud1 'auditor passphrase' --role auditor

NAME='Zébulon Quartzfeld'
INDEX='UN-4242'
OTHER='Zébulon Quartzfelt' # another person: never found by NAME
# Every form of the identities typed below: none may reach the audit log.
IDENTITY=(Zébulon Zebulon zebulon ZEBULON Quartzfeld QUARTZFELD quartzfeld Quartzfelt UN-4242 UN-4243)

dk_ok "case add" case add --mission MINUSCA --reported 2026-03-01 --category sexual_abuse
A=$out
dk_ok "case add" case add --mission MONUSCO --reported 2026-04-01 --category sexual_exploitation
B=$out
dk_ok "case add" case add --mission MINUSCA --reported 2026-05-01 --category sexual_abuse
C=$out
dk_ok "subject add" subject add "$A" --personnel military_mc --nationality FRA --name "$NAME" \
    --index "$INDEX" --on 2026-03-10
SA=$out
dk_ok "subject add" subject add "$B" --personnel police_fpu --name 'ZEBULON quartzfeld' \
    --index "$INDEX" --on 2026-04-02
SB=$out
dk_ok "subject add" subject add "$C" --personnel civilian_int --nationality BEL --name "$OTHER" \
    --index UN-4243 --on 2026-05-02
dk_ok "move" case move "$A" assessment --on 2026-03-02
dk_ok "move" case move "$A" referred --on 2026-03-05 --entity tcc
dk_ok "move" case move "$A" investigating --on 2026-03-20
dk_ok "move" case move "$A" concluded --on 2026-06-01 --outcome substantiated

# The display names the screen shows for the ids of this scenario's subjects and cases.
declare -A DISPLAY_NAME=([military_mc]="Military contingent member" [police_fpu]="Formed police unit"
    [civilian_int]="International civilian staff" [received]=Received [assessment]=Assessment
    [referred]=Referred [investigating]=Investigating [concluded]=Concluded [action]=Action
    [closed]=Closed [substantiated]=Substantiated [not_substantiated]="Not substantiated")
# vet_rows WHO PASS QUERY: `docket vet QUERY --format csv` as WHO, as the screen's rows show
# them (ref, subject, personnel, nationality, state, outcome, ids by their display names; "-"
# for nothing; one blank between cells). The CLI's search is audited too (the callers add it
# to $want_vets).
vet_rows() {
    local ref subject personnel nationality state outcome
    DK_USER=$1 DK_PASS=$2 dk vet "$3" --format csv
    [ "$rc" -eq 0 ] || { echo "docket vet as $1: $err" >&2; return; }
    while IFS=, read -r ref subject personnel nationality state outcome; do
        echo "$ref $subject $(name "$personnel") ${nationality:--} $(name "$state") $(name "$outcome")"
    done < <(tail -n +2 <<<"$out")
}
# name ID: ID's display name; "-" for none.
name() {
    if [ -n "$1" ] && [ -n "${DISPLAY_NAME[$1]+set}" ]; then echo "${DISPLAY_NAME[$1]}"; else echo "${1:--}"; fi
}
# rows_on_screen: the vetting screen's rows (a reference first), one blank between cells.
rows_on_screen() {
    screen | { grep -E '^ [A-Z]+-[0-9]{4}-[0-9]{4} ' || true; } | sed -E 's/^ //; s/ +/ /g; s/ $//'
}
# expect_vet_rows WANT WHAT: the rows on screen are exactly WANT (waits).
expect_vet_rows() {
    local want=$1 what=$2 got tries=50
    while :; do
        got=$(rows_on_screen)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the rows on screen differ from docket vet:
$(diff <(echo "$want") <(echo "$got"))"
    SCREEN=$(screen)
    dump
}
# vets: the vet entries of the audit log, oldest first, "account,detail" each (one line).
vets() {
    dk audit log --format csv
    tail -n +2 <<<"$out" | awk -F, '$4 == "vet" { print $3 "," $6 }' | tr '\n' ' ' | sed 's/ $//'
}
# expect_vets WANT WHAT: the audit log's vet entries are WANT (the TUI's are written before the
# screen shows the rows, but wait a little all the same).
expect_vets() {
    local want=$1 what=$2 got tries=30
    while :; do
        got=$(vets)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the audit log's vet entries are [$got], wanted [$want]"
}
# no_query_in_bars WHAT: neither the title, the message line nor the status bar holds a query.
no_query_in_bars() {
    local bars
    bars=$(row 0; row -2; row -1)
    if grep -qiE 'zebulon|zébulon|quartzfel|4242' <<<"$bars"; then
        fail "$1: a query shows in the title, message line or status bar: [$bars]"
    else
        ok
    fi
}
in_help() {
    if grep -Eq -- "$1" <<<"$HELP"; then ok; else fail "$2: the help has no line /$1/"; fi
}
not_in_help() {
    if grep -Eq -- "$1" <<<"$HELP"; then
        fail "$2: the help has /$1/: $(grep -E -- "$1" <<<"$HELP" | sed -n 1p)"
    else
        ok
    fi
}
# search QUERY: types QUERY at the vetting prompt (already asked) and Enter.
search() {
    expect_screen '^Name or index number: ?$' "the prompt asks for a name or an index number"
    text "$1"
    keys Enter
}

# --- Administrator -------------------------------------------------------------------------------
both=$(vet_rows admin "$PASS" 'zebulon  QUARTZFELD')
expect_eq "$(wc -l <<<"$both")" 2 "the CLI finds the person in both missions"
expect_match "$both" "^$A $SA Military contingent member FRA Concluded Substantiated
$B $SB Formed police unit - Received -\$" "the CLI's rows: case, subject, personnel, nationality, state, outcome"
by_index=$(vet_rows admin "$PASS" "$INDEX")
expect_eq "$by_index" "$both" "the CLI finds both by the index number"
expect_vets "admin,matches=2 admin,matches=2" "the CLI's searches audited"
want_vets="admin,matches=2 admin,matches=2"

tui_open
expect_no_screen 'F:' "the status bar names no vetting key (like V)"
help_text
in_help '^   F +find the cases that name a person \(vetting\)$' "the help offers F to an administrator"
in_help '^ Vetting$' "the help has the vetting screen"
in_help '^   /, F +search for a name or an index number$' "with its search key"
in_help '^   Enter +open the selected case$' "and Enter"
expect_screen '^docket — dashboard$' "back to the dashboard"

# F, then Esc at the prompt: back to the dashboard, nothing searched.
keys F
expect_screen '^docket — vetting$' "F opens the vetting screen"
expect_screen '^Name or index number: ?$' "and asks at once"
keys Escape
expect_screen '^docket — dashboard$' "Esc at the first prompt: back where F was pressed"
expect_vets "$want_vets" "giving up searched nothing"

keys F
search 'zebulon  QUARTZFELD'
expect_screen '^ REF +SUBJECT +PERSONNEL +NATIONALITY +STATE +OUTCOME$' "the vetting screen's columns"
expect_vet_rows "$both" "the name, spelt otherwise: both cases, = docket vet --format csv"
want_vets+=" admin,matches=2"
expect_vets "$want_vets" "the search audited as vet matches=2"
expect_screen '^ / search · Enter open the case · q back$' "the keys at the foot"
expect_eq "$(row 0)" "docket — vetting" "the title holds no query"
no_query_in_bars "after a search"
expect_no_screen 'zebulon|Zébulon|QUARTZFELD' "the query is not on the screen after the search"

keys /
search 'Quartzfeld'
expect_screen '^   No case names this person\.$' "a partial name: no case"
expect_eq "$(rows_on_screen)" "" "no row"
want_vets+=" admin,matches=0"
expect_vets "$want_vets" "the search audited as vet matches=0"
no_query_in_bars "after a search finding nothing"

keys F
search "$INDEX"
expect_vet_rows "$by_index" "the index number: both cases"
want_vets+=" admin,matches=2"
expect_vets "$want_vets" "the search by index audited"
no_query_in_bars "after a search by index"

# Enter opens the selected case; going back neither searches again nor loses the rows.
keys Enter
expect_screen "^docket — case — $A\$" "Enter opens the first case"
keys Escape
expect_screen '^docket — vetting$' "Esc: back to the vetting screen"
expect_vet_rows "$by_index" "the rows are still there"
keys j Enter
expect_screen "^docket — case — $B\$" "j, Enter opens the second case"
keys Escape
expect_screen '^docket — vetting$' "back to the vetting screen"
keys '?'
expect_screen '^docket — help' "? from the vetting screen"
keys Escape
expect_vet_rows "$by_index" "back from the help: the same rows"
resize 100 30
expect_vet_rows "$by_index" "resized: the same rows"
keys C-l
expect_vet_rows "$by_index" "Ctrl-L repaints"
keys r
expect_screen '^Unknown key; press \? for help\.$' "r: nothing to read again (no query is kept)"
expect_vets "$want_vets" "no redraw, return, resize or repaint searched again"

# Esc at the prompt on a screen with rows keeps them.
keys /
expect_screen '^Name or index number: ?$' "/ asks again"
keys Escape
expect_vet_rows "$by_index" "Esc keeps the rows"
expect_screen '^docket — vetting$' "and the screen"

# F from another screen goes back to the vetting screen and asks.
keys V
expect_screen '^docket — victims$' "V opens the victims screen"
keys F
search "$NAME"
expect_screen '^docket — vetting$' "F from the victims: the vetting screen"
expect_vet_rows "$both" "the name as recorded: both cases"
want_vets+=" admin,matches=2"
expect_vets "$want_vets" "audited"

# The lock closes the screen with its rows; the unlock does not search again.
keys L
expect_screen 'unlock the case database' "L locks"
expect_no_screen "$A|$B" "locked: no case on the screen"
unlock_vets=$want_vets
text "$PASS"
keys Enter
expect_screen '^docket — dashboard$' "unlocked: a fresh session on the dashboard"
expect_no_screen "$A|$B" "nothing kept from before the lock"
expect_vets "$unlock_vets" "the unlock searched nothing"
keys Escape
expect_screen '^docket — dashboard$' "the vetting screen is not under the dashboard"
keys q
expect_clean_exit "administrator: q"

# --- Officer of MINUSCA: only the MINUSCA case ---------------------------------------------------
off_rows=$(vet_rows off1 'officer passphrase' "$NAME")
want_vets+=" off1,matches=1"
expect_match "$off_rows" "^$A $SA " "the CLI finds only $A for the officer"
expect_eq "$(wc -l <<<"$off_rows")" 1 "only one row"
TUI_USER=off1 tui_start
unlock 'officer passphrase'
help_text
in_help '^   F +find the cases that name a person \(vetting\)$' "the help offers F to an officer"
in_help '^ Vetting$' "officer: the vetting screen"
keys F
search 'ZÉBULON   quartzfeld'
expect_vet_rows "$off_rows" "officer: only the MINUSCA case"
want_vets+=" off1,matches=1"
expect_vets "$want_vets" "officer: audited as vet matches=1"
keys F
search "$INDEX"
expect_vet_rows "$off_rows" "officer: by index, only the MINUSCA case"
want_vets+=" off1,matches=1"
expect_vets "$want_vets" "officer: audited"
keys Enter
expect_screen "^docket — case — $A\$" "officer: Enter opens the case"
keys Escape
expect_screen '^docket — vetting$' "officer: back to the vetting screen"

# Locked there, unlocked as an advocate: the vetting screen closes.
keys L
expect_screen 'unlock the case database' "L locks"
keys Tab
keys -N 10 BSpace
text 'adv1'
keys Enter
unlock 'advocate passphrase'
expect_eq "$(row 0)" "docket — dashboard" "advocate: the vetting screen closed with the officer's session"

# --- Advocate and auditor: no vetting ------------------------------------------------------------
for who in adv1:advocate aud1:auditor; do
    user=${who%%:*} role=${who#*:}
    if [ "$role" == auditor ]; then
        TUI_USER=$user tui_start
        unlock "$role passphrase"
    fi
    help_text
    not_in_help 'vetting|Vetting|^   F +find' "$role: no vetting in the help"
    not_in_help 'search for a name or an index number' "$role: no vetting search in the help"
    expect_screen '^docket — dashboard$' "$role: back to the dashboard"
    keys F
    expect_screen "^That key is not available to the $role role; press \\? for yours\\.\$" \
        "$role: F is not offered"
    expect_eq "$(row 0)" "docket — dashboard" "$role: the screen stays"
    keys l
    expect_screen '^docket — cases' "$role: l lists the cases"
    keys F
    expect_screen "^That key is not available to the $role role; press \\? for yours\\.\$" \
        "$role: F is not offered on the case list either"
    expect_no_screen '^Name or index number:' "$role: no prompt"
    keys q q
    expect_clean_exit "$role: q"
done
expect_vets "$want_vets" "the advocate and the auditor searched nothing"

# --- The audit log: every search, never the query ------------------------------------------------
dk audit log --format csv
log=$out
for s in "${IDENTITY[@]}"; do
    if grep -qiF -- "$s" <<<"$log"; then
        fail "the audit log holds '$s': $(grep -iF -- "$s" <<<"$log" | sed -n 1p)"
    else
        ok
    fi
done

finish
