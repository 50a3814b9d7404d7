#!/usr/bin/env bash
# Roles and mission scopes: every command as every role (include/docket/app.h, DK_ACTION_LIST).
# A refusal by role exits 4; a case of another mission looks like one that does not exist
# (exit 1, same message); listings keep to one's missions; the auditor reads no free text;
# every refusal is in the audit log as `denied`.
. "$(dirname "$0")/lib.sh"

init_db

# The refusals the audit log must hold, in order: "user,case,detail".
denials=()

# refused WHO RC DETAIL CASE WHAT ARGS...: WHO's command is refused with RC (4: one
# "docket: permission denied: " line; 1: "docket: no case CASE"), prints nothing, and is
# owed to the audit log as denied with DETAIL (and CASE, when the case is named).
refused() {
    local who=$1 want=$2 detail=$3 ref=$4 what="$1: $5"
    shift 5
    run_as "$who" "$@"
    expect_rc "$want" "$what is refused"
    expect_error_line "$what"
    expect_eq "$out" "" "$what prints nothing"
    if [ "$want" -eq 4 ]; then
        expect_match "$err" '^docket: permission denied: ' "$what: says permission denied"
    fi
    denials+=("$who,$ref,$detail")
}

# snapshot REF: every event of the case as an administrator sees it (a case is its events).
snapshot() {
    run_as admin timeline "$1" --format csv
    printf '%s\n' "$out"
}

# hidden WHO ACTION REF MISSING WHAT ARGS...: ARGS (with _REF_ for the reference) on REF, a
# case of a mission that is not WHO's, fail exactly as on MISSING, a reference that does not
# exist: exit 1, "docket: no case REF", nothing on stdout, the case unchanged. Audited as
# "ACTION outside_scope" naming REF.
hidden() {
    local who=$1 action=$2 ref=$3 missing=$4 label=$5 what="$1: $5 on $3 (another mission)"
    shift 5
    local -a args=("$@")
    local before after hidden_err
    before=$(snapshot "$ref")
    run_as "$who" "${args[@]//_REF_/$ref}"
    expect_rc 1 "$what"
    expect_eq "$err" "docket: no case $ref" "$what: answered as if the case did not exist"
    expect_eq "$out" "" "$what prints nothing"
    hidden_err=${err//$ref/_REF_}
    run_as "$who" "${args[@]//_REF_/$missing}"
    expect_rc 1 "$who: $label on $missing (does not exist)"
    expect_eq "${err//$missing/_REF_}" "$hidden_err" "$what: same error as a missing reference"
    after=$(snapshot "$ref")
    expect_eq "$after" "$before" "$what: the case is unchanged"
    denials+=("$who,$ref,$action outside_scope")
}

# expect_last_denied WHO "CASE,DETAIL" WHAT: WHO's latest audit entry is that refusal, and
# `audit log` itself succeeded (one check more than expect_last_logged).
expect_last_denied() {
    expect_last_logged "$1" "$1,denied,$2" "$3: the attempt"
    expect_rc 0 "audit log --user $1"
}

# --- Accounts: admin, an officer in each mission, an advocate, an auditor ---------------------
add_user olga --role officer --mission MINUSCA
add_user oscar --role officer --mission MONUSCO
add_user ada --role advocate --mission MINUSCA
add_user aud --role auditor
add_user spare --role auditor
roles=(admin olga oscar ada aud)
declare -A role=([admin]=admin [olga]=officer [oscar]=officer [ada]=advocate [aud]=auditor)
declare -A mission=([admin]=MINUSCA [olga]=MINUSCA [oscar]=MONUSCO [ada]=MINUSCA [aud]=MINUSCA)
declare -A other=([olga]=MONUSCO [oscar]=MINUSCA [ada]=MONUSCO)
declare -A missing=([olga]=MONUSCO-2026-0099 [oscar]=MINUSCA-2026-0099 [ada]=MONUSCO-2026-0099)
run_as olga case list
expect_rc 0 "the officer unlocks with the passphrase the admin set"

# --- One marked case per mission: summary, note, a move with a note, a new summary, an -------
# --- extension with a reason; each free text carries QXA (MINUSCA) or QXB (MONUSCO) ------------
# marked MISSION TAG: prints the new case's reference.
marked() {
    local m=$1 t=$2 ref
    dk case add --mission "$m" --reported 2026-11-01 --category sexual_abuse --summary "$t-SUM1"
    ref=$out
    dk case note "$ref" --note "$t-NOTE" --on 2026-11-03
    dk case move "$ref" assessment --on 2026-11-04 --note "$t-MOVE"
    dk case move "$ref" referred --on 2026-11-05 --entity tcc
    dk case set "$ref" summary "$t-SUM2" --on 2026-11-06
    dk case extend "$ref" investigation_6m --to 2027-06-30 --reason "$t-WHY"
    [ "$rc" -eq 0 ] || { echo "setting up $ref failed: $err" >&2; exit 1; }
    printf '%s' "$ref"
}
A=$(marked MINUSCA QXA)
B=$(marked MONUSCO QXB)
expect_eq "$A $B" "MINUSCA-2026-0001 MONUSCO-2026-0001" "one marked case per mission"
dk case add --mission MINUSCA --reported 2026-11-01 --category sexual_abuse
Z=$out
dk case move "$Z" assessment --on 2026-11-02
dk case move "$Z" closed --on 2026-11-03 --closure not_sea
expect_rc 0 "a closed MINUSCA case to reopen"
# A referred case for each account to change, in its own mission.
declare -A W
for who in "${roles[@]}"; do
    dk case add --mission "${mission[$who]}" --reported 2026-11-08 --category sexual_exploitation
    W[$who]=$out
    dk case move "${W[$who]}" assessment --on 2026-11-09
    dk case move "${W[$who]}" referred --on 2026-11-10 --entity oios
    expect_rc 0 "a referred case for $who to work on"
done
dk case show "$A" --format json
expect_eq "$(json 'd["summary"]')" "QXA-SUM2" "the marked summary is stored"
dk timeline "$A" --format csv
has "$out" "the admin's timeline of $A" QXA-NOTE QXA-MOVE QXA-WHY "summary changed"

# --- Reading a case of one's missions: everyone ------------------------------------------------
for who in "${roles[@]}"; do
    own=$A
    [ "$who" = oscar ] && own=$B
    for fmt in table csv json; do
        run_as "$who" case show "$own" --format "$fmt"
        expect_rc 0 "$who: case show $own ($fmt)"
        has "$out" "$who: case show $own ($fmt)" "$own"
        run_as "$who" timeline "$own" --format "$fmt"
        expect_rc 0 "$who: timeline $own ($fmt)"
        has "$out" "$who: timeline $own ($fmt)" "recorded as Received"
    done
done

# --- Free text: officers and advocates read it; the auditor never does -------------------------
for who in olga ada; do
    for fmt in table csv json; do
        run_as "$who" case show "$A" --format "$fmt"
        has "$out" "$who: case show ($fmt) shows the summary" QXA-SUM2
        run_as "$who" timeline "$A" --format "$fmt"
        has "$out" "$who: timeline ($fmt) shows the note" QXA-NOTE
    done
    run_as "$who" timeline "$A" --format csv
    has "$out" "$who: timeline shows the move's note and the extension's reason" QXA-MOVE QXA-WHY
done
run_as oscar case show "$B" --format json
expect_eq "$(json 'd["summary"]')" "QXB-SUM2" "the MONUSCO officer reads his case's summary"
for ref in "$A" "$B"; do
    for day in "$TODAY" 2026-11-20; do
        for fmt in table csv json; do
            TODAY=$day run_as aud case show "$ref" --format "$fmt"
            expect_rc 0 "aud: case show $ref on $day ($fmt)"
            state=referred # CSV and JSON give its id, the table its name
            [ "$fmt" != table ] || state=Referred
            has "$out" "aud: case show $ref on $day ($fmt) still shows the case" "$ref" "$state"
            lacks "$out" "aud: case show $ref on $day ($fmt)" QXA QXB
            TODAY=$day run_as aud timeline "$ref" --format "$fmt"
            expect_rc 0 "aud: timeline $ref on $day ($fmt)"
            lacks "$out" "aud: timeline $ref on $day ($fmt)" QXA QXB
            has "$out" "aud: timeline $ref on $day ($fmt): notes withheld" "[note withheld from your role]"
        done
        TODAY=$day run_as aud case show "$ref" --format json
        expect_eq "$(json 'd["summary"]')" "None" "aud: case show $ref on $day (json): summary null"
        TODAY=$day run_as aud case show "$ref"
        lacks "$out" "aud: case show $ref on $day (table) has no summary line" Summary
        TODAY=$day run_as aud case show "$ref" --format csv
        expect_eq "$(printf '%s\n' "$out" | sed -n 2p | awk -F, '{print $NF}')" "" \
            "aud: case show $ref on $day (csv): summary column empty"
    done
    run_as aud timeline "$ref" --format csv
    expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2,4- | tr '\n' '|')" \
        "created,recorded as Received|note,[note withheld from your role]|moved,Received -> Assessment: [note withheld from your role]|moved,\"Assessment -> Referred, entity Troop-contributing country\"|set,summary changed|extended,Investigation: 6 months extended to 2027-06-30: [note withheld from your role]|" \
        "aud: timeline $ref: every free text withheld, the summary change without its text"
    for fmt in table csv json; do
        run_as aud case list --format "$fmt"
        has "$out" "aud: case list ($fmt) shows every mission" "$A" "$B"
        lacks "$out" "aud: case list ($fmt)" QXA QXB
        run_as aud deadlines --all --format "$fmt"
        has "$out" "aud: deadlines ($fmt) of every mission" "$A" "$B"
    done
done

# --- Listings keep to one's missions, in every format ------------------------------------------
dk case list --format csv
expect_rc 0 "admin: case list"
all_cases=$out
dk deadlines --all --format csv
expect_rc 0 "admin: deadlines"
has "$out" "admin: deadlines of every mission" "$A" "$B"
all_deadlines=$out
for who in olga oscar ada; do
    m=${mission[$who]} o=${other[$who]}
    own=$A hid=$B hidmark=QXB
    [ "$who" = oscar ] && own=$B hid=$A hidmark=QXA
    for cmd in "case list" "case list --mission $o" "case list --state referred" "case list --overdue" \
        "deadlines" "deadlines --all" "deadlines --within 400"; do
        for fmt in table csv json; do
            # shellcheck disable=SC2086
            run_as "$who" $cmd --format "$fmt"
            expect_rc 0 "$who: $cmd ($fmt)"
            lacks "$out" "$who: $cmd ($fmt)" "$o" "$hid" "$hidmark"
        done
    done
    run_as "$who" case list --format csv
    expect_eq "$out" "$(printf '%s\n' "$all_cases" | awk -F, -v m="$m" 'NR == 1 || $2 == m')" \
        "$who: case list is exactly the cases of $m"
    has "$out" "$who: case list" "$own" "${W[$who]}"
    run_as "$who" deadlines --all --format csv
    expect_eq "$out" "$(printf '%s\n' "$all_deadlines" | awk -v m="$m-" 'NR == 1 || index($0, m) == 1')" \
        "$who: deadlines are exactly those of $m"
    has "$out" "$who: deadlines" "$own"
    run_as "$who" case list --mission "$o" --format csv
    expect_eq "$out" "ref,mission,category,state,reported,urgent,next_due,days_left" \
        "$who: case list --mission $o is silently empty"
done
for who in admin aud; do
    run_as "$who" case list --format csv
    expect_eq "$out" "$all_cases" "$who: case list shows every mission"
done

# --- A case of another mission does not exist for an officer or advocate ----------------------
for who in olga oscar ada; do
    hid=$B
    [ "$who" = oscar ] && hid=$A
    for fmt in table csv json; do
        hidden "$who" case_read "$hid" "${missing[$who]}" "case show ($fmt)" case show _REF_ --format "$fmt"
        hidden "$who" case_read "$hid" "${missing[$who]}" "timeline ($fmt)" timeline _REF_ --format "$fmt"
    done
    hidden "$who" case_read "$hid" "${missing[$who]}" "case show as of 2026-11-20" \
        case show _REF_ --today 2026-11-20
    hidden "$who" case_read "$hid" "${missing[$who]}" "timeline as of 2026-11-20" \
        timeline _REF_ --today 2026-11-20
    run_as "$who" case show "${hid,,}"
    expect_eq "$rc $err" "1 docket: no case $hid" "$who: case show ${hid,,} (lower case) finds nothing"
    run_as "$who" case show "${missing[$who],,}"
    expect_eq "$rc $err" "1 docket: no case ${missing[$who]}" "$who: case show ${missing[$who],,} finds nothing"
    denials+=("$who,$hid,case_read outside_scope")
done
# Done when: an officer of MINUSCA cannot see a MONUSCO case, and the attempt is logged.
run_as olga case show "$B" --format json
expect_eq "$rc $out" "1 " "olga (officer, MINUSCA) cannot see $B"
expect_eq "$err" "docket: no case $B" "olga is told $B does not exist"
expect_last_denied olga "$B,case_read outside_scope" "olga looking at $B"
denials+=("olga,$B,case_read outside_scope")
run_as admin audit log --case "$B" --user olga --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f3- | sort -u)" "olga,denied,$B,case_read outside_scope" \
    "audit log --case $B names olga's attempts to read it"

# --- Changing a case: admins and officers in their missions; nobody else -----------------------
change_cmds=(
    "case note _REF_ --note routine-check --on 2026-11-27"
    "case set _REF_ urgent yes --on 2026-11-27"
    "case extend _REF_ investigation_90d --to 2027-07-31 --reason routine-check"
    "case move _REF_ investigating --on 2026-11-27"
)
# Out-of-scope attempts first, while every target still stands where it was set up.
for cmd in "${change_cmds[@]}"; do
    read -r -a c <<<"$cmd"
    hidden olga case_change "${W[oscar]}" "${missing[olga]}" "${c[0]} ${c[1]}" "${c[@]}"
    hidden olga case_change "$B" "${missing[olga]}" "${c[0]} ${c[1]}" "${c[@]}"
    hidden oscar case_change "${W[olga]}" "${missing[oscar]}" "${c[0]} ${c[1]}" "${c[@]}"
    hidden oscar case_change "$A" "${missing[oscar]}" "${c[0]} ${c[1]}" "${c[@]}"
done
# Advocates and auditors change nothing, in their missions or out of them, and learn nothing.
for who in ada aud; do
    for cmd in "${change_cmds[@]}"; do
        read -r -a c <<<"$cmd"
        for target in "${W[$who]}" "$A" "$B" "${missing[ada]}"; do
            before=$(snapshot "$target")
            refused "$who" 4 "case_change role" "" "${c[0]} ${c[1]} $target" "${c[@]//_REF_/$target}"
            expect_eq "$err" "docket: permission denied: an account with the role ${role[$who]} may not do this" \
                "$who: ${c[1]} $target: the same refusal whatever the case"
            expect_eq "$(snapshot "$target")" "$before" "$who: ${c[1]} $target: the case is unchanged"
        done
    done
done
# Done when: an advocate cannot move a case, and the attempt is logged.
run_as ada case move "$A" investigating --on 2026-11-27
expect_rc 4 "ada (advocate) cannot move $A"
expect_last_denied ada ",case_change role" "ada moving $A"
denials+=("ada,,case_change role")
run_as admin case show "$A" --format json
expect_eq "$(json 'd["state"]')" "referred" "$A is still referred"
# Admins and officers change their own.
for who in admin olga oscar; do
    for cmd in "${change_cmds[@]}"; do
        read -r -a c <<<"$cmd"
        run_as "$who" "${c[@]//_REF_/${W[$who]}}"
        expect_rc 0 "$who: ${c[0]} ${c[1]} ${W[$who]}"
    done
    run_as admin case show "${W[$who]}" --format json
    expect_eq "$(json 'd["state"], d["urgent"], [x["due"] for x in d["deadlines"] if x["rule"] == "investigation_90d"]')" \
        "investigating True ['2027-07-31']" "$who's changes are all recorded"
    run_as admin timeline "${W[$who]}" --format csv
    expect_eq "$(printf '%s\n' "$out" | tail -n 4 | cut -d, -f2,3 | tr '\n' ' ')" \
        "note,$who set,$who extended,$who moved,$who " "$who is the actor of each change"
done
for who in ada aud; do
    run_as admin timeline "${W[$who]}" --format csv
    expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2 | tr '\n' ' ')" "created moved moved " \
        "$who's case holds no event from the refused attempts"
done

# --- Reopening a closed case: administrators only ---------------------------------------------
reopen=(case move "$Z" assessment --on 2026-11-27 --note reopen-check)
refused olga 4 "case_reopen role" "" "reopening $Z" "${reopen[@]}"
refused ada 4 "case_change role" "" "reopening $Z" "${reopen[@]}"
refused aud 4 "case_change role" "" "reopening $Z" "${reopen[@]}"
hidden oscar case_change "$Z" "${missing[oscar]}" "reopening" case move _REF_ assessment --on 2026-11-27 \
    --note reopen-check
run_as admin case show "$Z" --format json
expect_eq "$(json 'd["state"]')" "closed" "$Z is still closed after the refused reopenings"
run_as admin "${reopen[@]}"
expect_rc 0 "admin reopens $Z"
run_as admin case show "$Z" --format json
expect_eq "$(json 'd["state"]')" "assessment" "$Z is reopened"

# --- case add: in one's own missions; advocates and auditors never -----------------------------
dk case list --format csv
before=$out
run_as admin case add --mission MINUSCA --reported 2026-11-20 --category sexual_abuse
expect_rc 0 "admin adds a MINUSCA case"
run_as admin case add --mission MONUSCO --reported 2026-11-20 --category sexual_abuse
expect_rc 0 "admin adds a MONUSCO case"
for who in olga oscar; do
    run_as "$who" case add --mission "${mission[$who]}" --reported 2026-11-20 --category sexual_abuse
    expect_rc 0 "$who adds a case in ${mission[$who]}"
    expect_match "$out" "^${mission[$who]}-2026-00[0-9][0-9]$" "$who's new case is numbered in ${mission[$who]}"
    refused "$who" 4 "case_add outside_scope" "" "case add in ${other[$who]}" \
        case add --mission "${other[$who]}" --reported 2026-11-20 --category sexual_abuse
    expect_eq "$err" "docket: permission denied: mission ${other[$who]} is not one of your missions (${mission[$who]})" \
        "$who: the refused mission is named"
done
for who in ada aud; do
    for m in MINUSCA MONUSCO; do
        refused "$who" 4 "case_add role" "" "case add in $m" \
            case add --mission "$m" --reported 2026-11-20 --category sexual_abuse
    done
done
# Done when: an auditor cannot add a case, and the attempt is logged.
run_as aud case add --mission MINUSCA --reported 2026-11-21 --category sexual_abuse
expect_rc 4 "aud (auditor) cannot add a case"
expect_last_denied aud ",case_add role" "aud adding a case"
denials+=("aud,,case_add role")
dk case list --format csv
expect_eq "$(diff <(echo "$before") <(echo "$out") | grep -c '^>' || true)" "4" \
    "exactly the four allowed case adds happened"

# --- Holidays: admins anywhere, officers in their missions; everyone reads them ----------------
dk holiday add 2026-12-01 --mission MINUSCA
expect_rc 0 "admin adds a MINUSCA holiday"
dk holiday add 2026-12-21 --mission MONUSCO
expect_rc 0 "admin adds a MONUSCO holiday"
run_as olga holiday add 2026-12-02 --mission MINUSCA
expect_rc 0 "olga adds a MINUSCA holiday"
run_as oscar holiday add 2026-12-03 --mission MONUSCO
expect_rc 0 "oscar adds a MONUSCO holiday"
for who in olga oscar; do
    refused "$who" 4 "holiday_change outside_scope" "" "holiday add in ${other[$who]}" \
        holiday add 2026-12-04 --mission "${other[$who]}"
    refused "$who" 4 "holiday_change outside_scope" "" "holiday remove in ${other[$who]}" \
        holiday remove "$([ "$who" = olga ] && echo 2026-12-21 || echo 2026-12-01)" --mission "${other[$who]}"
done
for who in ada aud; do
    refused "$who" 4 "holiday_change role" "" "holiday add" holiday add 2026-12-05 --mission MINUSCA
    refused "$who" 4 "holiday_change role" "" "holiday remove" holiday remove 2026-12-01 --mission MINUSCA
done
dk holiday list --format csv
expect_eq "$out" "mission,date,name
MINUSCA,2026-12-01,
MINUSCA,2026-12-02,
MONUSCO,2026-12-03,
MONUSCO,2026-12-21," "only the allowed holidays were added, none removed"
for who in "${roles[@]}"; do
    run_as "$who" holiday list --mission "${mission[$who]}" --format csv
    expect_rc 0 "$who: holiday list"
    has "$out" "$who: holiday list" "${mission[$who]},2026-12-0"
done
run_as olga holiday remove 2026-12-02 --mission MINUSCA
expect_rc 0 "olga removes her holiday"
run_as oscar holiday remove 2026-12-03 --mission MONUSCO
expect_rc 0 "oscar removes his holiday"
dk holiday remove 2026-12-21 --mission MONUSCO
expect_rc 0 "admin removes a holiday"
dk holiday list --format csv
expect_eq "$out" $'mission,date,name\nMINUSCA,2026-12-01,' "the allowed removals happened"

# --- Rules: everyone reads; administrators change ----------------------------------------------
dk rule list --format csv
rules_before=$out
for who in "${roles[@]}"; do
    run_as "$who" rule list --format csv
    expect_eq "$out" "$rules_before" "$who: rule list"
done
for who in olga oscar ada aud; do
    refused "$who" 4 "settings_change role" "" "rule set" rule set nio_appointment --warn 4
done
dk rule list --format csv
expect_eq "$out" "$rules_before" "the refused rule changes changed nothing"
dk rule set nio_appointment --warn 4
expect_rc 0 "admin: rule set"
dk rule list --format csv
expect_match "$out" $'\nnio_appointment,[^\n]*,4(\n|$)' "the admin's rule change is recorded"

# --- Accounts, backups, recovery, audit, check -------------------------------------------------
for who in olga oscar ada aud; do
    refused "$who" 4 "account_manage role" "" "user add" \
        user add intruder --role admin --new-passphrase-fd 4 --kdf interactive 4<<<'intruder passphrase'
    refused "$who" 4 "account_manage role" "" "user remove" user remove spare
    refused "$who" 4 "backup role" "" "backup" backup --to "$SANDBOX/backup-$who.db"
    [ ! -e "$SANDBOX/backup-$who.db" ] && ok || fail "$who: a refused backup wrote a file"
    refused "$who" 4 "recovery_create role" "" "recovery create" recovery create --kdf interactive
    refused "$who" 4 "demo role" "" "demo" demo --cases 3
done
for who in olga oscar ada; do
    refused "$who" 4 "account_list role" "" "user list" user list
    refused "$who" 4 "audit_read role" "" "audit log" audit log
    refused "$who" 4 "audit_read role" "" "audit verify" audit verify
    refused "$who" 4 "check role" "" "check" check
done
for who in admin aud; do
    run_as "$who" user list --format csv
    expect_rc 0 "$who: user list"
    has "$out" "$who: user list" "olga,officer,MINUSCA" "oscar,officer,MONUSCO" "spare,auditor"
    lacks "$out" "$who: user list" intruder
    run_as "$who" audit log --format csv
    expect_rc 0 "$who: audit log"
    run_as "$who" audit verify
    expect_rc 0 "$who: audit verify"
    expect_match "$out" "^The audit log is intact" "$who: audit verify"
    run_as "$who" check
    expect_rc 0 "$who: check"
done
dk user add newbie --role advocate --mission MONUSCO --new-passphrase-fd 4 --kdf interactive \
    4<<<'newbie passphrase'
expect_rc 0 "admin: user add"
run_as newbie case show "$B" --format json
expect_eq "$(json 'd["summary"]')" "QXB-SUM2" "the new advocate reads her mission's case"
dk user remove spare
expect_rc 0 "admin: user remove"
run_as spare case list
expect_rc 3 "the removed account no longer unlocks"
dk backup --to "$SANDBOX/backup-admin.db"
expect_rc 0 "admin: backup"
[ -s "$SANDBOX/backup-admin.db" ] && [ -s "$SANDBOX/backup-admin.db.keys" ] && ok ||
    fail "admin: backup wrote no files"
dk recovery create --kdf interactive
expect_rc 0 "admin: recovery create"
expect_match "$out" '^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$' "admin: the recovery code is printed"

# --- demo (admin) fills every mission; the scoped listings still keep to theirs ----------------
dk case list --format csv
n_before=$(($(printf '%s\n' "$out" | wc -l) - 1))
dk demo --cases 40 --seed 7
expect_rc 0 "admin: demo"
dk case list --format csv
all_cases=$out
expect_eq "$(($(printf '%s\n' "$out" | wc -l) - 1))" "$((n_before + 40))" "demo added 40 cases"
dk deadlines --all --format csv
all_deadlines=$out
for who in olga oscar ada; do
    m=${mission[$who]}
    run_as "$who" case list --format csv
    expect_eq "$out" "$(printf '%s\n' "$all_cases" | awk -F, -v m="$m" 'NR == 1 || $2 == m')" \
        "$who: after demo, case list is exactly the cases of $m"
    run_as "$who" deadlines --all --format csv
    expect_eq "$out" "$(printf '%s\n' "$all_deadlines" | awk -v m="$m-" 'NR == 1 || index($0, m) == 1')" \
        "$who: after demo, deadlines are exactly those of $m"
done
n_missions=$(printf '%s\n' "$all_cases" | tail -n +2 | cut -d, -f2 | sort -u | wc -l)
[ "$n_missions" -gt 2 ] && ok || fail "the demo put cases in only $n_missions missions"

# --- Every refusal is in the audit log, in order, and nothing else is ---------------------------
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | awk -F, '$4 == "denied" {print $3 "," $5 "," $6}')" \
    "$(printf '%s\n' "${denials[@]}")" "the audit log holds every refusal as denied (${#denials[@]})"
dk audit log --format json
expect_eq "$(json 'sum(1 for e in d if e["action"] == "denied")')" "${#denials[@]}" \
    "the JSON audit log counts the same refusals"

finish
