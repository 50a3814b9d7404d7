#!/usr/bin/env bash
# Victims: codes, the victim_update deadline (named, informed, overdue, closing, reopening,
# as of an earlier --today), assistance lines and paternity histories, one victim named in two
# cases, `victim list --awaiting-update`, bad input, roles and mission scopes, and what each
# role sees: nobody but administrators, officers and advocates ever sees a victim's name or
# contact, auditors see no provider and no note, and every view of an identity is audited.
. "$(dirname "$0")/lib.sh"

init_db

# Every identity and free text below carries a marker that must never show where it should not.
NAME1='Zébulon Quartzfeld' CONTACT1='QCONTACT-7731 Bangui'
NAME2='Yselde Brakmoor' NAME4='Wendeline Osterhaus'
IDENTITY=(Zébulon Quartzfeld QCONTACT Yselde Brakmoor Wendeline Osterhaus)
FREE=(QPROV QNOTE)
CODE_RE='^V-[0-9A-HJKMNP-TV-Z]{10}$'

# snapshot: everything recorded about victims, as an administrator sees it without identities.
snapshot() {
    local s
    dk victim list --format csv
    s=$out
    dk deadlines --all --format csv
    s+=$'\n'$out
    for r in "$A" "$B" "$C"; do
        dk timeline "$r" --format csv
        s+=$'\n'$out
    done
    printf '%s\n' "$s"
}

# The identity views the audit log must hold, in order: "user,action,case,detail".
views=()

add_user olga --role officer --mission MINUSCA
add_user oscar --role officer --mission MONUSCO
add_user ada --role advocate --mission MINUSCA
add_user aud --role auditor

# --- The cases: A (MINUSCA, referred), B (MONUSCO), C (MINUSCA, closed and reopened later) ----
dk case add --mission MINUSCA --reported 2026-08-01 --category sexual_abuse
A=$out
dk case move "$A" assessment --on 2026-08-02
dk case move "$A" referred --on 2026-08-05 --entity oios
expect_rc 0 "$A referred"
dk case add --mission MONUSCO --reported 2026-08-01 --category sexual_exploitation
B=$out
dk case add --mission MINUSCA --reported 2026-08-01 --category sexual_abuse
C=$out
dk case move "$C" assessment --on 2026-08-02
expect_eq "$A $B $C" "MINUSCA-2026-0001 MONUSCO-2026-0001 MINUSCA-2026-0002" "the three cases"

# --- Before any victim: deadlines has exactly the six columns of cli.md -------------------------
dk deadlines --format csv
expect_eq "$out" "ref,rule,start,due,days_left,status
$A,investigation_6m,2026-08-05,2027-02-05,70,on_track" "no victim yet: deadlines (csv) has the six columns"
dk deadlines --format json
expect_eq "$(json '[sorted(x) for x in d]')" "[['days_left', 'due', 'ref', 'rule', 'start', 'status']]" \
    "no victim yet: deadlines (json) has the six keys"
dk deadlines
expect_eq "$(printf '%s\n' "$out" | head -n 1 | tr -s ' ')" "REF RULE START DUE DAYS LEFT STATUS" \
    "no victim yet: deadlines (table) has the six columns"
dk victim list --format csv
expect_eq "$out" "code,cases,sex,age,added_on,last_informed,update_due,days_left,status,assistance,paternity" \
    "no victim yet: victim list is its header (no identity column)"

# --- Naming victims: advocates, officers and administrators, in their missions ------------------
DK_USER=ada DK_PASS='ada passphrase' dk_stdin "$NAME1" victim add "$A" --sex female --age child --name - \
    --contact "$CONTACT1" --on 2026-09-10
expect_rc 0 "ada (advocate) names a victim in $A, the name read from stdin"
V1=$out
expect_match "$V1" "$CODE_RE" "victim add prints V- and ten Crockford base32 characters"
run_as admin victim add "$A" --sex male --age adult --name "$NAME2" --on 2026-09-15
expect_rc 0 "admin names a second victim in $A"
V2=$out
expect_match "$V2" "$CODE_RE" "the second victim's code"
run_as admin victim add "$C" --on 2026-08-10
expect_rc 0 "a victim without identity in $C"
V3=$out
run_as olga victim add "$A" --sex female --age adult --name "$NAME4" --on 2026-10-01
expect_rc 0 "olga (officer) names a victim in $A"
V4=$out
expect_eq "$(printf '%s\n' "$V1" "$V2" "$V3" "$V4" | sort -u | wc -l)" "4" "every victim has its own code"
dk victim list --format csv
expect_eq "$(csv 'sorted((x["code"], x["cases"], x["sex"], x["age"], x["added_on"]) for x in r)')" \
    "$(python3 -c "print(sorted([('$V1', '$A', 'female', 'child', '2026-09-10'), ('$V2', '$A', 'male', 'adult', '2026-09-15'),
        ('$V3', '$C', 'unknown', 'unknown', '2026-08-10'), ('$V4', '$A', 'female', 'adult', '2026-10-01')]))")" \
    "victim list: code, cases, sex, age (unknown by default), the day named"

# --- The victim_update deadline: 30 days from the naming, warned 7 days before ------------------
# A 7th column appears with the first victim; a case's own deadlines leave it empty.
TODAY=2026-09-30 dk deadlines --format csv
expect_eq "$(printf '%s\n' "$out" | head -n 1)" "ref,rule,start,due,days_left,status,victim" \
    "with victims, deadlines (csv) has a 7th column: victim"
expect_eq "$(lines "$A,")" "$A,victim_update,2026-09-10,2026-10-10,10,on_track,$V1
$A,victim_update,2026-09-15,2026-10-15,15,on_track,$V2
$A,investigation_6m,2026-08-05,2027-02-05,128,on_track," \
    "as of 2026-09-30: one victim_update per victim from the day named (+30 days); the case's own has no victim"
dk deadlines --format json
expect_eq "$(json 'sorted(set(tuple(sorted(x)) for x in d))')" \
    "[('days_left', 'due', 'ref', 'rule', 'start', 'status', 'victim')]" "with victims, deadlines (json) has a victim key"
expect_eq "$(json '[x.get("victim") for x in d if x["rule"] == "investigation_6m"]')" "[None]" \
    "deadlines (json): a case's own deadline has no victim"
dk deadlines
expect_eq "$(printf '%s\n' "$out" | head -n 1 | tr -s ' ')" "REF RULE START DUE DAYS LEFT STATUS VICTIM" \
    "with victims, deadlines (table) has the VICTIM column"
for day_want in "2026-10-02 8,on_track" "2026-10-03 7,due_soon" "2026-10-04 6,due_soon"; do
    read -r day want <<<"$day_want"
    TODAY=$day dk deadlines --format csv
    expect_eq "$(lines "$A,victim_update,2026-09-10")" "$A,victim_update,2026-09-10,2026-10-10,$want,$V1" \
        "as of $day: $V1's update is $want (warned 7 days before)"
done
TODAY=2026-10-16 dk deadlines --format csv
expect_eq "$(lines "$A,victim_update,2026-09-15")" "$A,victim_update,2026-09-15,2026-10-15,-1,overdue,$V2" \
    "as of 2026-10-16: $V2 has not been told anything for 31 days: overdue"
TODAY=2026-09-09 dk deadlines --all --format csv
expect_eq "$(lines "$A,victim_update")" "" "as of 2026-09-09, before any victim of $A was named: no victim_update"
TODAY=2026-09-09 expect_refused_unchanged 1 "victim show as of a day before the victim was named" victim show "$V1"
expect_eq "$err" "docket: no victim $V1" "a victim not yet named does not exist as of that day"
expect_refused_unchanged 1 "victim_update cannot be extended" \
    case extend "$A" victim_update --to 2027-01-31 --reason 'no extension'

# --- Assistance and paternity: several updates; the latest per kind, the whole claim history -----
run_as ada victim assist "$V1" medical --on 2026-09-12 --status referred --provider 'QPROV Clinic Alpha' --consent yes
expect_rc 0 "ada: medical assistance referred"
run_as ada victim assist "$V1" medical --on 2026-09-20 --status provided --provider 'QPROV Clinic Beta' --consent yes
expect_rc 0 "ada: medical assistance provided (updates the line)"
run_as ada victim assist "$V1" psychosocial --on 2026-09-25 --status referred --provider 'QPROV Listening Centre' \
    --consent no
expect_rc 0 "ada: psychosocial support referred"
run_as ada victim assist "$V1" legal --on 2026-10-01 --status declined
expect_rc 0 "ada: legal services declined"
run_as ada victim assist "$V1" livelihood --on 2026-09-26 --status referred --provider 'QPROV Livelihood Fund' \
    --consent yes
expect_rc 0 "ada: livelihood support referred"
run_as ada victim assist "$V1" livelihood --on 2026-10-08 --status provided
expect_rc 0 "ada: livelihood support provided (provider and consent not restated)"
run_as ada victim paternity "$V1" claimed --on 2026-09-30
expect_rc 0 "ada: paternity claimed"
run_as ada victim paternity "$V1" dna_pending --on 2026-10-15
expect_rc 0 "ada: DNA test pending"
run_as olga victim paternity "$V1" established --on 2026-11-10
expect_rc 0 "olga: paternity established"

# inform meets the deadline and starts the next from that day.
DK_USER=ada DK_PASS='ada passphrase' dk_stdin 'QNOTE told of the referral' victim inform "$V1" --on 2026-10-05 --note -
expect_rc 0 "ada informs $V1 (note read from stdin)"
run_as admin victim inform "$V2" --on 2026-11-20 --note 'QNOTE second call'
expect_rc 0 "admin informs $V2"

views+=("admin,victim_identity_view,$A,$V1")
dk victim show "$V1" --format json
expect_rc 0 "admin: victim show $V1"
expect_eq "$(json '(d["name"], d["contact"])')" "('$NAME1', '$CONTACT1')" "admin sees the victim's name and contact"
expect_eq "$(json 'sorted((x["kind"], x["status"], x["on"], x["provider"], x["consent"]) for x in d["assistance_lines"])')" \
    "[('legal', 'declined', '2026-10-01', None, None), ('livelihood', 'provided', '2026-10-08', 'QPROV Livelihood Fund', 'yes'), ('medical', 'provided', '2026-09-20', 'QPROV Clinic Beta', 'yes'), ('psychosocial', 'referred', '2026-09-25', 'QPROV Listening Centre', 'no')]" \
    "assistance_lines: one line per kind, the latest event of each (medical referred then provided; livelihood keeps the provider and consent it did not restate)"
expect_eq "$(json '[(x["kind"], x["status"], x["on"]) for x in d["paternity_claim"]]')" \
    "[('paternity_claim', 'claimed', '2026-09-30'), ('paternity_claim', 'dna_pending', '2026-10-15'), ('paternity_claim', 'established', '2026-11-10')]" \
    "paternity_claim: every step of the claim, in order"
expect_eq "$(json '(d["assistance"] is not None and sorted(d["assistance"].split(",")), d["paternity"], d["last_informed"])')" \
    "(['legal:declined', 'livelihood:provided', 'medical:provided', 'psychosocial:referred'], 'established', '2026-10-05')" \
    "victim show: the summary of assistance, the claim's latest status, the last inform"
views+=("admin,victim_identity_view,$A,$V1")
dk victim show "$V1"
expect_rc 0 "admin: victim show $V1 (table)"
expect_eq "$(printf '%s\n' "$out" | sed -n '/^Paternity claim/,$p' | tail -n +3 | tr -s ' ')" \
    " paternity_claim Claimed 2026-09-30
 paternity_claim DNA test pending 2026-10-15
 paternity_claim Paternity established 2026-11-10" "victim show (table): the paternity claim's three steps, by their names"
has "$out" "victim show (table)" "QPROV Clinic Beta" "QPROV Listening Centre" "$NAME1" "$CONTACT1"
lacks "$out" "victim show (table): the medical line was updated" "QPROV Clinic Alpha"
dk victim list --format csv
expect_eq "$(csv "[(sorted(x['assistance'].split(',')), x['paternity'], x['last_informed']) for x in r if x['code'] == '$V1']")" \
    "[(['legal:declined', 'livelihood:provided', 'medical:provided', 'psychosocial:referred'], 'established', '2026-10-05')]" \
    "victim list: latest status per kind and the claim's latest status"
expect_eq "$(csv "[(x['assistance'], x['paternity'], x['last_informed']) for x in r if x['code'] == '$V3']")" \
    "[('', '', '')]" "victim list: nothing recorded is empty"
TODAY=2026-09-22 dk victim list --format csv
expect_eq "$(csv "[(x['assistance'], x['paternity']) for x in r if x['code'] == '$V1']")" \
    "[('medical:provided', '')]" "as of 2026-09-22: medical provided, no claim yet"
TODAY=2026-09-15 dk victim list --format csv
expect_eq "$(csv "[(x['assistance'], x['paternity']) for x in r if x['code'] == '$V1']")" \
    "[('medical:referred', '')]" "as of 2026-09-15: medical only referred"
TODAY=2026-10-20 dk victim list --format csv
expect_eq "$(csv "[(x['paternity'], x['last_informed']) for x in r if x['code'] == '$V1']")" \
    "[('dna_pending', '2026-10-05')]" "as of 2026-10-20: the claim stood at dna_pending"

# The deadline after the inform: met on 2026-10-05, the next due 30 days later.
dk deadlines --all --format csv
expect_eq "$(lines "$A,victim_update,[^,]*,[^,]*,[^,]*,[^,]*,$V1")" \
    "$A,victim_update,2026-09-10,2026-10-10,-48,met,$V1
$A,victim_update,2026-10-05,2026-11-04,-23,overdue,$V1" "inform meets $V1's deadline and starts the next: overdue today"
expect_eq "$(lines "$A,victim_update,[^,]*,[^,]*,[^,]*,[^,]*,$V2")" \
    "$A,victim_update,2026-09-15,2026-10-15,-43,missed,$V2
$A,victim_update,2026-11-20,2026-12-20,23,on_track,$V2" "$V2 informed late: missed, then the next on track"
TODAY=2026-10-06 dk deadlines --all --format csv
expect_eq "$(lines "$A,victim_update,[^,]*,[^,]*,[^,]*,[^,]*,$V1")" \
    "$A,victim_update,2026-09-10,2026-10-10,4,met,$V1
$A,victim_update,2026-10-05,2026-11-04,29,on_track,$V1" "as of 2026-10-06: met, and the next 29 days away"
dk deadlines --format csv
expect_eq "$(lines "$A,victim_update" | cut -d, -f7 | sort | tr '\n' ' ')" \
    "$(printf '%s\n' "$V1" "$V2" "$V4" | sort | tr '\n' ' ')" "deadlines: one live victim_update per victim of $A"

# --- Closing drops the live deadline not yet due (met ones stay); reopening starts afresh ---------
run_as ada victim inform "$V3" --on 2026-09-01
expect_rc 0 "ada informs $V3"
dk case move "$C" closed --on 2026-09-20 --closure not_sea
expect_rc 0 "$C closed"
run_as ada victim inform "$V3" --on 2026-10-10
expect_rc 0 "ada informs $V3 while its case is closed"
dk deadlines --all --format csv
expect_eq "$(lines "$C,")" "$C,victim_update,2026-08-10,2026-09-09,-79,met,$V3" \
    "closed: the met deadline stays, the live one is dropped, an inform while closed starts nothing"
dk victim list --format csv
expect_eq "$(csv "[(x['last_informed'], x['update_due'], x['days_left'], x['status']) for x in r if x['code'] == '$V3']")" \
    "[('2026-10-10', '', '', '')]" "victim list: no update due while the case is closed"
TODAY=2026-09-15 dk deadlines --format csv
expect_eq "$(lines "$C,")" "$C,victim_update,2026-09-01,2026-10-01,16,on_track,$V3" \
    "as of 2026-09-15 (before the closing): the live deadline from the inform"
dk case move "$C" assessment --on 2026-11-01 --note 'reopened on new information'
expect_rc 0 "$C reopened"
dk deadlines --all --format csv
expect_eq "$(lines "$C,")" "$C,victim_update,2026-08-10,2026-09-09,-79,met,$V3
$C,victim_update,2026-11-01,2026-12-01,4,due_soon,$V3" "reopened: the deadline runs 30 days from the reopening (2026-11-01)"
TODAY=2026-10-20 dk deadlines --all --format csv
expect_eq "$(lines "$C,")" "$C,victim_update,2026-08-10,2026-09-09,-41,met,$V3" \
    "as of 2026-10-20 the case stood closed: no live deadline"
TODAY=2026-11-05 dk deadlines --format csv
expect_eq "$(lines "$C,")" "$C,victim_update,2026-11-01,2026-12-01,26,on_track,$V3" "as of 2026-11-05: reopened, on track"

# --- One victim in two cases (--code) -------------------------------------------------------------
run_as oscar victim add "$B" --code "$V4" --on 2026-11-01
expect_eq "$rc $err" "1 docket: no victim $V4" "oscar cannot name in $B a victim only named in a MINUSCA case"
dk victim add "$B" --code "${V4,,}" --on 2026-11-01
expect_rc 0 "admin names $V4 in $B too (code typed in lower case)"
expect_eq "$out" "$V4" "victim add --code prints the same code"
dk victim list --format csv
expect_eq "$(csv "[sorted(x['cases'].split(',')) for x in r if x['code'] == '$V4']")" "[['$A', '$B']]" \
    "victim list: $V4 is named in both cases"
dk deadlines --format csv
expect_eq "$(lines "$B,")" "$B,victim_update,2026-11-01,2026-12-01,4,due_soon,$V4" "$B: $V4's own clock from the day named there"
run_as oscar victim list --format csv
expect_eq "$(csv '[(x["code"], x["cases"], x["update_due"], x["status"]) for x in r]')" \
    "[('$V4', '$B', '2026-12-01', 'due_soon')]" "oscar (MONUSCO) sees only $V4, through $B, with $B's deadline"
views+=("oscar,victim_identity_view,$B,$V4")
run_as oscar victim show "$V4" --format json
expect_eq "$(json '(d["cases"], d["name"])')" "('$B', '$NAME4')" "oscar: victim show names only $B; officers see the name"
views+=("olga,victim_identity_view,$A,$V4")
run_as olga victim show "$V4" --format json
expect_eq "$(json 'd["cases"]')" "$A" "olga (MINUSCA): victim show names only $A"
run_as oscar victim inform "$V4" --on 2026-11-20
expect_rc 0 "oscar informs $V4"
dk deadlines --all --format csv
expect_eq "$(lines "($A|$B),victim_update,[^,]*,[^,]*,[^,]*,[^,]*,$V4")" \
    "$A,victim_update,2026-10-01,2026-10-31,-27,missed,$V4
$B,victim_update,2026-11-01,2026-12-01,4,met,$V4
$A,victim_update,2026-11-20,2026-12-20,23,on_track,$V4
$B,victim_update,2026-11-20,2026-12-20,23,on_track,$V4" "one inform meets the victim's deadline in both cases"
run_as oscar timeline "$B" --format csv
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1,2 | tr '\n' ' ')" \
    "2026-08-01,created 2026-11-01,victim_added 2026-11-20,victim_informed " "timeline $B: its victim's events since named there"
lacks "$out" "oscar: timeline $B" "$A" "$V1" QPROV QNOTE
TODAY=2026-10-15 dk victim list "$B" --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "[]" "as of 2026-10-15, $V4 was not yet named in $B"
TODAY=2026-10-15 dk victim list --format csv
expect_eq "$(csv "[x['cases'] for x in r if x['code'] == '$V4']")" "['$A']" \
    "as of 2026-10-15, $V4's cases were only $A"
# Nor could oscar see the victim then (were he shown it, the view would still be audited).
TODAY=2026-10-15 run_as oscar victim show "$V4" --format json
expect_eq "$rc $err" "1 docket: no victim $V4" "as of 2026-10-15, $V4 is not in any of oscar's cases"
[ "$rc" -eq 0 ] && views+=("oscar,victim_identity_view,$B,$V4")

# --- Which victims have not been told anything for 30 days, and what assistance have they had? ----
dk victim list --awaiting-update --format csv
expect_eq "$(csv 'sorted((x["code"], x["cases"], x["last_informed"], x["update_due"], x["days_left"], x["status"], sorted(x["assistance"].split(",")) if x["assistance"] else [], x["paternity"]) for x in r)')" \
    "$(python3 -c "print(sorted([('$V1', '$A', '2026-10-05', '2026-11-04', '-23', 'overdue', ['legal:declined', 'livelihood:provided', 'medical:provided', 'psychosocial:referred'], 'established')]))")" \
    "--awaiting-update: exactly the overdue victims, with their assistance ($V3's clock restarted when $C reopened)"
dk victim list "$A" --awaiting-update --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V1']" "--awaiting-update in one case"
TODAY=2026-10-18 dk victim list --awaiting-update --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V2']" "--awaiting-update as of 2026-10-18: only $V2 was overdue"
dk victim list --awaiting-update --format json
expect_eq "$(json 'sorted(x["code"] for x in d)')" "['$V1']" "--awaiting-update (json)"
run_as oscar victim list --awaiting-update --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "[]" "--awaiting-update keeps to the account's missions"

# --- Most overdue update first, and found by code or case reference ------------------------------
dk victim list --sort due --format csv
due_order=$(csv '[x["code"] for x in r]')
expect_eq "$due_order" "$(csv 'sorted((x["update_due"] or "9999-12-31", x["code"]) for x in r)' |
    python3 -c "import ast,sys; print([c for _, c in ast.literal_eval(sys.stdin.read())])")" \
    "--sort due: the earliest update due first, those with none after, by code"
expect_eq "$(csv '[x["code"] for x in r][:2]')" "['$V1', '$V3']" "--sort due: the most overdue on top"
dk victim list "$A" --format csv
in_a=$(csv 'sorted(x["code"] for x in r)')
dk victim list "$A" --sort due --format csv
expect_eq "$(csv 'sorted(x["code"] for x in r)')" "$in_a" "--sort due in one case: its victims"
expect_eq "$(csv '[x["code"] for x in r] == [c for _, c in sorted((x["update_due"] or "9999-12-31", x["code"]) for x in r)]')" \
    True "--sort due in one case: the earliest update first"
dk victim list --sort code --format csv
expect_eq "$(csv '[x["code"] for x in r] == sorted(x["code"] for x in r)')" True "--sort code: by code"
dk victim list --sort due --awaiting-update --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V1']" "--sort due --awaiting-update: only the overdue ($V3's clock restarted at the reopening)"
run_as oscar victim list --sort due --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V4']" "--sort due keeps to the account's missions"
dk victim list --find "${V3:0:6}" --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V3']" "--find: a code's first letters"
dk victim list --find "$(tr 'A-Z' 'a-z' <<<"$C")" --sort due --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "['$V3']" "--find: a case reference, any case"
dk victim list --find "${NAME1:0:4}" --format csv
expect_eq "$(csv '[x["code"] for x in r]')" "[]" "--find never looks at names"
expect_refused_unchanged 2 "--sort: not an order" victim list --sort overdue

# --- case show: the deadlines with their victim, the case's victims ------------------------------
dk case show "$A" --format json
expect_eq "$(json 'sorted(x["code"] for x in d["victims"])')" "$(python3 -c "print(sorted(['$V1', '$V2', '$V4']))")" \
    "case show: the victims section lists the case's victims"
expect_eq "$(json 'sorted((x["victim"], x["start"], x["status"]) for x in d["deadlines"] if x["rule"] == "victim_update" and x["met_on"] is None)')" \
    "$(python3 -c "print(sorted([('$V1', '2026-10-05', 'overdue'), ('$V2', '2026-11-20', 'on_track'), ('$V4', '2026-11-20', 'on_track')]))")" \
    "case show: each live victim_update names its victim"
expect_eq "$(json '[x["victim"] for x in d["deadlines"] if x["rule"] == "investigation_6m"]')" "[None]" \
    "case show: the case's own deadline has no victim"
dk case show "$A"
has "$out" "case show (table)" "VICTIM" "Victims" "$V1" "$V2" "$V4"
lacks "$out" "admin: case show (table) lists victims without identities" "${IDENTITY[@]}"

# --- Bad input: exit 1, one line, nothing changed ------------------------------------------------
for args in "victim inform V-123 --on 2026-11-01" "victim inform X-0123456789 --on 2026-11-01" \
    "victim inform V-0000000000 --on 2026-11-01" "victim show V-0000000000" "victim timeline V-0000000000" \
    "victim assist $V1 food --on 2026-11-01 --status provided" \
    "victim assist $V1 medical --on 2026-11-01 --status given" \
    "victim assist $V1 medical --on 2026-11-01 --status provided --consent maybe" \
    "victim assist $V1 medical --status provided" "victim assist $V1 medical --on 2026-11-01" \
    "victim paternity $V1 pregnant --on 2026-11-01" "victim paternity $V1 claimed" \
    "victim add $A --sex other" "victim add $A --age teen" "victim add $A --on 2026-07-31" \
    "victim add $A --on 2026-11-28" "victim add MINUSCA-2026-0099" "victim list MINUSCA-2026-0099" \
    "victim add $A --code $V1" "victim add $B --code $V1 --on 2026-09-01" "victim add $B --code V-0000000000" \
    "victim inform $V1 --on 2026-09-09" "victim inform $V1 --on 2026-11-28" "victim inform $V1 --on 2026-02-30" \
    "victim assist $V1 medical --on 2026-09-01 --status provided" "victim paternity $V1 none --on 2026-09-09"; do
    read -r -a a <<<"$args"
    expect_refused_unchanged 1 "$args" "${a[@]}"
done
expect_refused_unchanged 1 "victim add --code with --name" victim add "$B" --code "$V1" --name 'Someone Else'
expect_refused_unchanged 1 "victim add with a two-line name" victim add "$A" --name $'two\nlines'
expect_refused_unchanged 1 "victim inform V-0000000000" victim inform V-0000000000
expect_eq "$err" "docket: no victim V-0000000000" "an unknown code: no victim"
expect_refused_unchanged 1 "victim add in a missing case" victim add MINUSCA-2026-0099
expect_eq "$err" "docket: no case MINUSCA-2026-0099" "a missing case: no case"

# --- Roles and scopes ------------------------------------------------------------------------------
before=$(snapshot)
for args in "victim add $A" "victim inform $V1" "victim assist $V1 medical --on 2026-11-25 --status provided" \
    "victim paternity $V1 closed --on 2026-11-25"; do
    read -r -a a <<<"$args"
    run_as aud "${a[@]}"
    expect_rc 4 "aud (auditor): $args is refused"
    expect_error_line "aud: $args"
    expect_match "$err" '^docket: permission denied: ' "aud: $args: permission denied"
    [ "${a[1]}" = add ] && action=victim_add || action=victim_support
    expect_last_logged aud "aud,denied,,$action role" "aud: $args"
done
# A victim or case of another mission looks like one that does not exist (and the try is logged).
for args in "victim inform _V_ --on 2026-11-25" "victim assist _V_ medical --on 2026-11-25 --status provided" \
    "victim paternity _V_ closed --on 2026-11-25" "victim show _V_" "victim timeline _V_"; do
    read -r -a a <<<"$args"
    run_as oscar "${a[@]//_V_/V-0000000000}"
    missing_err=${err//V-0000000000/_V_}
    run_as oscar "${a[@]//_V_/$V1}"
    expect_rc 1 "oscar (MONUSCO): ${args//_V_/$V1}"
    expect_eq "$err" "docket: no victim $V1" "oscar: ${args//_V_/$V1}: no victim"
    expect_eq "${err//$V1/_V_}" "$missing_err" "oscar: ${args//_V_/$V1}: the same words as a missing victim"
    expect_eq "$out" "" "oscar: ${args//_V_/$V1} prints nothing"
    [ "${a[1]}" = show ] || [ "${a[1]}" = timeline ] && action=case_read || action=victim_support
    expect_last_logged oscar "oscar,denied,$A,$action outside_scope" "oscar: ${args//_V_/$V1}"
done
for args in "victim add $A" "victim list $A" "victim add $A --code $V4"; do
    read -r -a a <<<"$args"
    run_as oscar "${a[@]}"
    expect_eq "$rc $err" "1 docket: no case $A" "oscar (MONUSCO): $args: no case"
done
run_as ada victim add "$B" --code "$V1"
expect_eq "$rc $err" "1 docket: no case $B" "ada (advocate, MINUSCA): victim add in $B: no case"
expect_eq "$(snapshot)" "$before" "refused attempts changed nothing"
run_as ada victim inform "$V4" --on 2026-11-25 --note 'QNOTE via A'
expect_rc 0 "ada informs $V4 through $A, though it is also named in $B"

# --- Visibility: the auditor never sees a name, a contact, a provider or a note -----------------
for day in "$TODAY" 2026-10-20; do
    for fmt in table csv json; do
        for cmd in "victim show $V1" "victim show $V2" "victim show $V4" "victim list" "victim list $A" \
            "victim list --awaiting-update" "victim timeline $V1" "victim timeline $V2" "victim timeline $V4" \
            "timeline $A" "timeline $B" "case show $A" "deadlines --all"; do
            read -r -a a <<<"$cmd"
            TODAY=$day run_as aud "${a[@]}" --format "$fmt"
            expect_rc 0 "aud: $cmd as of $day ($fmt)"
            lacks "$out" "aud: $cmd as of $day ($fmt)" "${IDENTITY[@]}" "${FREE[@]}"
        done
    done
done
run_as aud victim show "$V1" --format json
expect_eq "$(json '(d["name"], d["contact"], [x["provider"] for x in d["assistance_lines"]])')" \
    "(None, None, [None, None, None, None])" "aud: victim show (json): name, contact and providers null"
expect_eq "$(json '(sorted(x["kind"] for x in d["assistance_lines"]), [x["status"] for x in d["paternity_claim"]])')" \
    "(['legal', 'livelihood', 'medical', 'psychosocial'], ['claimed', 'dna_pending', 'established'])" \
    "aud: victim show still has the assistance lines and the claim"
run_as aud timeline "$A" --format csv
has "$out" "aud: timeline $A" "[provider withheld from your role]" "[note withheld from your role]" \
    victim_added victim_informed victim_assistance victim_paternity
run_as aud victim timeline "$V1" --format csv
has "$out" "aud: victim timeline $V1" "[provider withheld from your role]" "[note withheld from your role]"
# Lists never carry identities, whoever reads them.
for who in admin olga ada; do
    for fmt in table csv json; do
        for cmd in "victim list" "victim list $A" "victim list --awaiting-update" "case show $A" "timeline $A" \
            "victim timeline $V1" "deadlines --all"; do
            read -r -a a <<<"$cmd"
            run_as "$who" "${a[@]}" --format "$fmt"
            lacks "$out" "$who: $cmd ($fmt)" "${IDENTITY[@]}"
        done
    done
done
# Administrators, officers and advocates see free text and identities where they belong.
run_as olga timeline "$A" --format csv
has "$out" "olga: timeline $A" "QPROV Clinic Alpha" "QPROV Clinic Beta" "QNOTE told of the referral" "QNOTE second call"
dk timeline "$A" --format csv
if printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | sort -c; then ok; else fail "timeline $A: events not in date order"; fi
expect_eq "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f2 | sort -u | tr '\n' ' ')" \
    "created moved victim_added victim_assistance victim_informed victim_paternity " "timeline $A: the victim event kinds"
run_as ada victim timeline "$V1" --format csv
expect_eq "$(printf '%s\n' "$out" | head -n 1)" "date,kind,ref,actor,detail" "victim timeline: its columns"
expect_eq "$(lines '2026-09-10,victim_added')" "2026-09-10,victim_added,$A,ada,$V1 named in $A" \
    "victim timeline: the naming, its case and who recorded it"
has "$out" "ada: victim timeline $V1" "QPROV Clinic Alpha" "QNOTE told of the referral"
for fmt in table csv json; do
    views+=("ada,victim_identity_view,$A,$V1")
    run_as ada victim show "$V1" --format "$fmt"
    has "$out" "ada (advocate): victim show ($fmt)" "$NAME1" "$CONTACT1"
    [ "$fmt" = csv ] || has "$out" "ada (advocate): victim show ($fmt) has providers" "QPROV Clinic Beta"
    views+=("olga,victim_identity_view,$A,$V2")
    run_as olga victim show "$V2" --format "$fmt"
    has "$out" "olga (officer): victim show $V2 ($fmt)" "$NAME2"
done
run_as ada victim show "$V3" --format json
expect_eq "$(json '(d["name"], d["contact"])')" "(None, None)" "a victim recorded without identity"

# --- The audit log: every identity view, never a name -------------------------------------------
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | awk -F, '$4 == "victim_identity_view"' | cut -d, -f3- | tr '\n' '|')" \
    "$(printf '%s|' "${views[@]}")" "every view of an identity is in the audit log, and only those"
for fmt in table csv json; do
    dk audit log --format "$fmt"
    lacks "$out" "admin: audit log ($fmt)" "${IDENTITY[@]}" "${FREE[@]}"
    run_as aud audit log --format "$fmt"
    expect_rc 0 "aud: audit log ($fmt)"
    lacks "$out" "aud: audit log ($fmt)" "${IDENTITY[@]}" "${FREE[@]}"
done
dk audit log --format csv
has "$out" "the audit log records victim changes by code" "victim_add,$A,$V1" "victim_inform,$A,$V1" \
    "victim_assist,$A,$V1" "victim_paternity,$A,$V1"

# Paternity support is an assistance kind; a claim's steps are apart from it.
dk victim add "$A" --sex female --on 2026-11-01
expect_rc 0 "a victim for paternity support"
VP=$out
dk victim assist "$VP" paternity --on 2026-11-02 --status referred
expect_rc 0 "paternity support assistance"
dk victim paternity "$VP" claimed --on 2026-11-03
expect_rc 0 "a paternity claim"
dk victim show "$VP" --format json
expect_eq "$(json '[(x["kind"], x["status"]) for x in d["assistance_lines"]]')" "[('paternity', 'referred')]" \
    "paternity support is listed with the assistance"
expect_eq "$(json '[(x["kind"], x["status"]) for x in d["paternity_claim"]]')" \
    "[('paternity_claim', 'claimed')]" "the claim's step is listed apart from the assistance"

finish
