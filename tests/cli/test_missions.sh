#!/usr/bin/env bash
# Missions are a register: `mission add|list|close`, every mission code typed anywhere is
# checked against it (unknown: refused with the closest known code, nothing changed), a
# closed mission takes nothing new, and an administrator moves a case recorded under the
# wrong mission (`case set REF mission NEW`): its reference stays, its scope, counts and
# holidays follow.
. "$(dirname "$0")/lib.sh"

init_db

# logged "USER,ACTION,CASE,DETAIL" WHAT: the audit log holds that entry.
logged() {
    dk audit log --format csv
    has "$(printf '%s\n' "$out" | cut -d, -f3-)" "$2: in the audit log" "$1"
}

# denied WHO WHAT ARGS...: WHO's role may not: exit 4, one line, nothing printed.
denied() {
    local who=$1 what=$2
    shift 2
    DK_USER=$who DK_PASS="$who passphrase" dk "$@"
    expect_rc 4 "$what"
    expect_error_line "$what"
    expect_eq "$out" "" "$what prints nothing"
}
add_user kofi --role officer --mission MONUSCO
add_user awa --role officer --mission UNMISS

# --- the seeded register ---------------------------------------------------------------
dk mission list --format csv
expect_rc 0 "mission list"
expect_eq "$(csv "[x['status'] for x in r if x['code'] == 'MONUSCO'][0]")" open "MONUSCO is open"
expect_eq "$(csv "[x['country'] for x in r if x['code'] == 'MONUSCO'][0]")" COD \
    "MONUSCO's host country"
expect_eq "$(csv "[x['status'] for x in r if x['code'] == 'MINUSMA'][0]")" closed \
    "MINUSMA is closed"
expect_eq "$(csv "[x['closed_on'] for x in r if x['code'] == 'MINUSMA'][0]")" 2023-12-31 \
    "MINUSMA closed at the end of 2023"
has "$(csv "' '.join(x['code'] for x in r)")" "seeded codes" MINURSO MINUSCA UNDOF UNFICYP \
    UNIFIL UNISFA UNMIK UNMISS UNMOGIP UNTSO UNAMA UNSMIL BINUH UNVMC UNSOS
dk mission list --format json
expect_eq "$(json "[m['cases'] for m in d if m['code'] == 'UNMISS'][0]")" 0 "json: cases is a number"

# --- an unknown code is refused with the closest known one, everywhere ------------------
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse
expect_rc 0 "a case under MONUSCO"
dk holiday add --mission MONUSCO 2026-06-30 'Independence Day'
expect_rc 0 "a MONUSCO holiday"
hint="docket: --mission: unknown mission 'MONUSKO' (did you mean MONUSCO?)"
expect_refused_unchanged 1 "case add MONUSKO" case add --mission MONUSKO --reported 2026-01-10 \
    --category other
expect_eq "$err" "$hint" "case add: the suggestion"
expect_refused_unchanged 1 "case add monusko" case add --mission monusko --reported 2026-01-10 \
    --category other
expect_eq "$err" "$hint" "lower case is upper-cased, then suggested"
expect_refused_unchanged 1 "user add MONUSKO" user add zed --role officer --mission UNMISS \
    --mission MONUSKO --new-passphrase-fd 4 --kdf interactive 4<<<"zed passphrase"
expect_eq "$err" "$hint" "user add: the suggestion"
expect_refused_unchanged 1 "holiday add MONUSKO" holiday add --mission MONUSKO 2026-07-01
expect_eq "$err" "$hint" "holiday add: the suggestion"
expect_refused_unchanged 1 "holiday remove MONUSKO" holiday remove --mission MONUSKO 2026-06-30
expect_eq "$err" "$hint" "holiday remove: the suggestion"
expect_refused_unchanged 1 "holiday list MONUSKO" holiday list --mission MONUSKO
expect_eq "$err" "$hint" "holiday list: the suggestion"
expect_refused_unchanged 1 "case list MONUSKO" case list --mission MONUSKO
expect_eq "$err" "$hint" "case list: the suggestion"
expect_refused_unchanged 1 "nothing close" case add --mission QWERTY --reported 2026-01-10 \
    --category other
expect_eq "$err" "docket: --mission: unknown mission 'QWERTY' (docket mission list shows them)" \
    "nothing close: how to list them"

# --- add and close ----------------------------------------------------------------------
denied kofi "an officer registers no mission" mission add ZZTEST --name Test
expect_refused_unchanged 1 "a mission needs a name" mission add ZZTEST
expect_refused_unchanged 1 "a bad code" mission add Z9 --name Test
expect_refused_unchanged 1 "a bad country" mission add ZZTEST --name Test --country XYZ
expect_refused_unchanged 1 "a name on one line" mission add ZZTEST --name $'Two\nlines'
expect_refused_unchanged 1 "registered already" mission add monusco --name Again
dk_stdin "Typo mission" mission add monusko --name - --country cod
expect_rc 0 "mission add, the name from stdin"
dk mission list --format csv
expect_eq "$(csv "[(x['name'], x['country'], x['status']) for x in r if x['code'] == 'MONUSKO'][0]")" \
    "('Typo mission', 'COD', 'open')" "the new mission is listed, upper-cased"
logged "admin,mission_add,,MONUSKO" "mission add"
dk case add --mission MONUSKO --reported 2026-02-01 --category sexual_exploitation --urgent
expect_eq "$out" "MONUSKO-2026-0001" "a case under the new mission"
wrong=$out
dk case move "$wrong" assessment --on 2026-02-02
dk case move "$wrong" referred --on 2026-02-03 --entity tcc
expect_rc 0 "referred to a TCC: the NIO deadline counts working days"

denied kofi "an officer closes no mission" mission close MONUSCO
expect_refused_unchanged 1 "a closed mission cannot be closed again" mission close minusma
expect_eq "$err" "docket: mission MINUSMA is closed already" "closed already: says so"
expect_refused_unchanged 1 "close an unknown mission" mission close MONUSKA
expect_match "$err" "did you mean MONUSKO\\?" "close: the suggestion"

# --- case set REF mission NEW -----------------------------------------------------------
denied kofi "an officer moves no case to another mission" \
    case set MONUSCO-2026-0001 mission UNMISS
expect_refused_unchanged 1 "to an unknown mission" case set "$wrong" mission MONUSKA
expect_refused_unchanged 1 "to a closed mission" case set "$wrong" mission MINUSMA
expect_match "$err" "MINUSMA is closed" "to a closed mission: says so"
expect_refused_unchanged 1 "to the same mission" case set "$wrong" mission MONUSKO
dk deadlines --format csv
due_before=$(csv "[x['due'] for x in r if x['ref'] == '$wrong' and x['rule'] == 'nio_appointment'][0]")
dk holiday add --mission UNMISS 2026-02-05 'A holiday of the new mission'
expect_rc 0 "a holiday of the new mission"
dk case set "$wrong" mission unmiss --on 2026-02-04
expect_rc 0 "the administrator moves the case to UNMISS"
logged "admin,case_set,$wrong,mission" "case set mission"
dk case show "$wrong" --format json
expect_eq "$(json "d['ref'], d['mission']")" "$wrong UNMISS" "the reference stays"
dk timeline "$wrong" --format csv
expect_eq "$(lines 2026-02-04)" "2026-02-04,set,admin,mission set to UNMISS" \
    "recorded as a set event"
dk deadlines --format csv
due_after=$(csv "[x['due'] for x in r if x['ref'] == '$wrong' and x['rule'] == 'nio_appointment'][0]")
expect_eq "$due_before" 2026-02-10 "NIO deadline without holidays"
expect_eq "$due_after" 2026-02-11 "the new mission's holiday moves the NIO deadline"
dk mission list --format csv
expect_eq "$(csv "[(x['code'], x['cases']) for x in r if x['code'] in ('MONUSKO', 'UNMISS')]")" \
    "[('MONUSKO', '0'), ('UNMISS', '1')]" "the counts follow the case"

# Officers: the new mission's sees it, the old one's gets "no case".
DK_USER=awa DK_PASS="awa passphrase" dk case show "$wrong"
expect_rc 0 "an UNMISS officer sees the moved case"
DK_USER=awa DK_PASS="awa passphrase" dk deadlines --format csv
has "$out" "deadlines of the UNMISS officer" "$wrong"
add_user typo --role officer --mission MONUSKO
DK_USER=typo DK_PASS="typo passphrase" dk case show "$wrong"
expect_rc 1 "the old mission's officer no longer sees it"
expect_eq "$err" "docket: no case $wrong" "as if it did not exist"
DK_USER=typo DK_PASS="typo passphrase" dk deadlines --format csv
lacks "$out" "deadlines of the old mission's officer" "$wrong"
DK_USER=typo DK_PASS="typo passphrase" dk case list --format csv
lacks "$out" "case list of the old mission's officer" "$wrong"

# Once its cases are elsewhere the wrong mission is closed: nothing new under it.
dk mission close MONUSKO
expect_rc 0 "close the typo mission"
expect_refused_unchanged 1 "a closed mission takes no case" case add --mission MONUSKO \
    --reported 2026-03-01 --category other
expect_eq "$err" \
    "docket: --mission: mission MONUSKO is closed: it takes no new cases, accounts or holidays" \
    "closed: says so"
expect_refused_unchanged 1 "a closed mission takes no account" user add zed --role officer \
    --mission MONUSKO --new-passphrase-fd 4 --kdf interactive 4<<<"zed passphrase"
expect_refused_unchanged 1 "a closed mission takes no holiday" holiday add --mission MONUSKO \
    2026-08-01
dk case list --mission MONUSKO --format csv
expect_rc 0 "a closed mission can still be a filter"
dk case move "$wrong" investigating --on 2026-02-09
expect_rc 0 "the moved case goes on as usual"

finish
