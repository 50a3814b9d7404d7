#!/usr/bin/env bash
# Subjects (alleged perpetrators): codes, interim and final actions, `subject list` and case show,
# vetting (names regardless of case, accents and spacing; index numbers exactly; never partial
# names; only in one's missions; audited without the query), and who sees a subject's identity:
# administrators and officers (every view audited), never advocates or auditors.
. "$(dirname "$0")/lib.sh"

init_db

# The marked identities: none may show to an advocate or an auditor, nor in the audit log.
NAME1='Zébulon-Aimé Quartzfeld' INDEX1='UNX-880417' UNIT1='QUNIT Bataillon 7'
NAME2='Zebulon Aime QUARTZFELD'         # the same person, spelt otherwise, in another mission
NAME3='Zébulon-Aimé Quartzfelt' INDEX3='UNX-880418' # another person
NAME4='Ignatius Vollbracht' UNIT4='QUNIT Escadron 2'
IDENTITY=(Zébulon Zebulon zebulon Quartzfeld QUARTZFELD quartzfeld Quartzfelt UNX-88041 unx88041 QUNIT Ignatius Vollbracht)
OTHERS=(Nguy Văn Thắng Ștefan Stefan Țurcanu Turcanu Дмитрий ДМИТРИЙ Квартцфельд)
CODE_RE='^S-[0-9A-HJKMNP-TV-Z]{10}$'

add_user olga --role officer --mission MINUSCA
add_user oscar --role officer --mission MONUSCO
add_user ada --role advocate --mission MINUSCA
add_user aud --role auditor

# --- Cases: A (MINUSCA) goes to `action`; B (MONUSCO) names the same person; C another one -------
dk case add --mission MINUSCA --reported 2026-03-01 --category sexual_abuse
A=$out
dk case add --mission MONUSCO --reported 2026-04-01 --category sexual_exploitation
B=$out
dk case add --mission MINUSCA --reported 2026-05-01 --category sexual_abuse
C=$out
expect_eq "$A $B $C" "MINUSCA-2026-0001 MONUSCO-2026-0001 MINUSCA-2026-0002" "the three cases"

# The subject identity views the audit log must hold, in order: "user,case,detail".
views=()

DK_USER=olga DK_PASS='olga passphrase' dk_stdin "$NAME1" subject add "$A" --personnel military_mc \
    --nationality FRA --name - --index "$INDEX1" --unit "$UNIT1" --on 2026-03-10
expect_rc 0 "olga (officer) adds a subject to $A, the name read from stdin"
S1=$out
expect_match "$S1" "$CODE_RE" "subject add prints S- and ten Crockford base32 characters"
dk subject add "$A" --personnel police_fpu --name "$NAME4" --unit "$UNIT4" --on 2026-03-12
expect_rc 0 "admin adds a second subject to $A"
S4=$out
run_as oscar subject add "$B" --personnel military_mc --nationality fra --name "$NAME2" --on 2026-04-02
expect_rc 0 "oscar (officer) adds a subject to $B"
S2=$out
dk subject add "$C" --personnel civilian_int --nationality BEL --name "$NAME3" --index "$INDEX3" --on 2026-05-02
expect_rc 0 "admin adds a subject to $C"
S3=$out
expect_eq "$(printf '%s\n' "$S1" "$S2" "$S3" "$S4" | grep -cE "$CODE_RE")" "4" "four subject codes"
expect_eq "$(printf '%s\n' "$S1" "$S2" "$S3" "$S4" | sort -u | wc -l)" "4" "each subject its own code"

# --- Actions: interim while investigated, final after the conclusion; the case goes to action ---
dk case move "$A" assessment --on 2026-03-02
dk case move "$A" referred --on 2026-03-05 --entity tcc
dk case move "$A" investigating --on 2026-03-20
dk case move "$A" concluded --on 2026-06-01 --outcome substantiated
dk case move "$A" action --on 2026-06-10
expect_rc 0 "$A moved to action"
run_as olga subject action "$S1" repatriated --interim --on 2026-04-12
expect_rc 0 "olga: $S1 repatriated (interim)"
run_as olga subject action "$S1" payments_suspended --interim --on 2026-04-15
expect_rc 0 "olga: $S1 payments suspended (interim)"
dk subject action "$S1" dismissal --on 2026-08-01
expect_rc 0 "admin: $S1 dismissed (final)"
run_as olga subject action "$S1" imprisonment --on 2026-09-01
expect_rc 0 "olga: $S1 imprisoned (final)"
dk subject action "$S4" none --on 2026-08-02
expect_rc 0 "admin: no action against $S4 (final)"
run_as oscar subject action "$S2" administrative_leave --interim --on 2026-04-20
expect_rc 0 "oscar: $S2 on administrative leave (interim)"

ACTIONS1='2026-04-12 repatriated (interim); 2026-04-15 payments_suspended (interim); 2026-08-01 dismissal; 2026-09-01 imprisonment'
views+=("admin,$A,subjects=2")
dk subject list "$A" --format csv
expect_eq "$(printf '%s\n' "$out" | head -n 1)" "subject,ref,personnel,nationality,added_on,actions,name,index,unit" \
    "subject list: its columns"
expect_eq "$(csv 'sorted(tuple(x.values()) for x in r)')" \
    "$(python3 -c "import sys; print(sorted([tuple(sys.argv[1:10]), tuple(sys.argv[10:19])]))" \
        "$S1" "$A" military_mc FRA 2026-03-10 "$ACTIONS1" "$NAME1" "$INDEX1" "$UNIT1" \
        "$S4" "$A" police_fpu "" 2026-03-12 "2026-08-02 none" "$NAME4" "" "$UNIT4")" \
    "admin: subject list $A: every subject, its actions in date order, its identity"
views+=("admin,$A,subjects=2")
dk case show "$A" --format json
expect_eq "$(json '(d["state"], d["outcome"])')" "('action', 'substantiated')" "$A is in action"
expect_eq "$(json 'sorted((x["subject"], x["actions"], x["name"]) for x in d["subjects"])')" \
    "$(python3 -c "import sys; print(sorted([tuple(sys.argv[1:4]), tuple(sys.argv[4:7])]))" \
        "$S1" "$ACTIONS1" "$NAME1" "$S4" "2026-08-02 none" "$NAME4")" "case show: each subject with its actions"
views+=("admin,$A,subjects=2")
dk case show "$A"
has "$out" "case show (table)" "Subjects" "$S1" "$S4" "repatriated (interim)" "$NAME1"
views+=("oscar,$B,subjects=1")
run_as oscar subject list "$B" --format csv
expect_eq "$(csv '[(x["subject"], x["nationality"], x["actions"], x["name"]) for x in r]')" \
    "[('$S2', 'FRA', '2026-04-20 administrative_leave (interim)', '$NAME2')]" "oscar: subject list $B"
views+=("admin,$A,subjects=2")
TODAY=2026-05-01 dk subject list "$A" --format csv
expect_eq "$(csv "[x['actions'] for x in r if x['subject'] == '$S1']")" \
    "['2026-04-12 repatriated (interim); 2026-04-15 payments_suspended (interim)']" \
    "as of 2026-05-01: only the interim actions taken by then"
views+=("admin,$A,subjects=1")
TODAY=2026-03-11 dk subject list "$A" --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S1']" "as of 2026-03-11: only the subject added by then"
dk timeline "$A" --format csv
expect_eq "$(printf '%s\n' "$out" | grep ',subject_' | cut -d, -f1-3)" "2026-03-10,subject_added,olga
2026-03-12,subject_added,admin
2026-04-12,subject_action,olga
2026-04-15,subject_action,olga
2026-08-01,subject_action,admin
2026-08-02,subject_action,admin
2026-09-01,subject_action,olga" "timeline $A: subject events by date, with their actors"
has "$out" "timeline $A: subjects' personnel and actions by their names" \
    "$S1 added: Military contingent member, FRA" "$S1: Repatriated (interim action)" \
    "$S1: Dismissal (final action)" "$S4 added: Formed police unit"
if printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | sort -c; then ok; else fail "timeline $A: not in date order"; fi
lacks "$out" "admin: timeline $A never shows identities" "${IDENTITY[@]}"

# --- Refusals: bad input (exit 1, nothing changed) ------------------------------------------------
for args in "subject add $A" "subject add $A --personnel soldier" "subject add $A --personnel military_mc --nationality XXX" \
    "subject add $A --personnel military_mc --on 2026-02-28" "subject add $A --personnel military_mc --on 2026-11-28" \
    "subject add MINUSCA-2026-0099 --personnel military_mc" \
    "subject action $S1 dismissal --interim --on 2026-10-01" "subject action $S1 repatriated --on 2026-10-01" \
    "subject action $S1 sacked --on 2026-10-01" "subject action $S1 dismissal" \
    "subject action $S1 dismissal --on 2026-03-09" "subject action $S1 dismissal --on 2026-11-28" \
    "subject action $S1 dismissal --on 2026-02-30" "subject action S-123 dismissal --on 2026-10-01" \
    "subject action S-0000000000 dismissal --on 2026-10-01" "subject list MINUSCA-2026-0099"; do
    read -r -a a <<<"$args"
    expect_refused_unchanged 1 "$args" "${a[@]}"
done
expect_refused_unchanged 1 "a name without letters" subject add "$A" --personnel military_mc --name '-- .'
expect_refused_unchanged 1 "an empty index" subject add "$A" --personnel military_mc --index ''
expect_refused_unchanged 1 "a final action marked interim" subject action "$S1" dismissal --interim --on 2026-10-01
expect_match "$err" "dismissal" "the refusal names the action"
expect_refused_unchanged 1 "an interim action without --interim" subject action "$S1" repatriated --on 2026-10-01
expect_match "$err" "repatriated" "the refusal names the action"

# --- Roles and scopes: subject changes are for administrators and officers in their missions -----
dk timeline "$A" --format csv
before_a=$out
for who in ada aud; do
    for args in "subject add $A --personnel military_mc" "subject action $S1 reprimand --on 2026-10-01"; do
        read -r -a a <<<"$args"
        run_as "$who" "${a[@]}"
        expect_rc 4 "$who: $args is refused"
        expect_error_line "$who: $args"
        expect_match "$err" '^docket: permission denied: ' "$who: $args: permission denied"
        expect_last_logged "$who" "$who,denied,,subject_change role" "$who: $args"
    done
done
run_as oscar subject add "$A" --personnel military_mc
expect_eq "$rc $err" "1 docket: no case $A" "oscar (MONUSCO): subject add in $A: no case"
expect_last_logged oscar "oscar,denied,$A,subject_change outside_scope" "oscar: subject add in $A"
run_as oscar subject action "$S1" reprimand --on 2026-10-01
expect_eq "$rc $err" "1 docket: no subject $S1" "oscar (MONUSCO): subject action on $S1: no subject"
run_as oscar subject action S-0000000000 reprimand --on 2026-10-01
expect_eq "$err" "docket: no subject S-0000000000" "... the same words as a subject that does not exist"
run_as oscar subject list "$A"
expect_eq "$rc $err" "1 docket: no case $A" "oscar (MONUSCO): subject list $A: no case"
run_as olga subject add "$B" --personnel military_mc
expect_eq "$rc $err" "1 docket: no case $B" "olga (MINUSCA): subject add in $B: no case"
dk timeline "$A" --format csv
expect_eq "$out" "$before_a" "refused subject changes left $A unchanged"

# --- Vetting ----------------------------------------------------------------------------------------
# vet_codes WHO QUERY: sets $found to the subjects vet finds (sorted, space-separated); the
# search is owed to the audit log as "vet matches=N".
vetted=()
vet_codes() {
    run_as "$1" vet "$2" --format csv
    expect_rc 0 "$1: vet [$2]"
    vetted+=("$1,vet,,matches=$(csv 'len(r)')")
    found=$(csv '" ".join(sorted(x["subject"] for x in r))')
}
both=$(printf '%s\n' "$S1" "$S2" | sort | tr '\n' ' ' | sed 's/ $//')
for q in "$NAME1" 'zebulon aime QUARTZFELD' 'Zébulon Aimé Quartzfeld' 'ZebulonAimeQuartzfeld' \
    '  zébulon-aimé   quartzfeld ' $'Ze\u0301bulon-Aime\u0301 Quartzfeld' 'ZÉBULON-AIMÉ QUARTZFELD'; do
    vet_codes admin "$q"
    expect_eq "$found" "$both" "vet [$q]: the same person in $A and $B, whatever the case, accents, spacing"
done
for q in Zébulon Quartzfeld 'Zébulon Quartzfeld' 'Aimé Quartzfeld' 'Zébulon-Aimé' 'Zébulon-Aimé Quartzfeld Junior' \
    'Zébulon-Aimé Quartzfel' 'Zébulon-Aimé Quartzfeldt' 'Ignatius' 'Vollbracht'; do
    vet_codes admin "$q"
    expect_eq "$found" "" "vet [$q]: a partial name or another person finds nothing"
done
vet_codes admin "$NAME3"
expect_eq "$found" "$S3" "vet [$NAME3]: only that other person"
vet_codes admin "$NAME4"
expect_eq "$found" "$S4" "vet [$NAME4]: a subject without index, by name"
vet_codes admin "$INDEX1"
expect_eq "$found" "$S1" "vet by index number"
vet_codes admin "$INDEX3"
expect_eq "$found" "$S3" "vet by another index number"
for q in UNX-88041 UNX-8804170 880417 'UNX 880417'; do
    vet_codes admin "$q"
    expect_eq "$found" "" "vet [$q]: index numbers match exactly"
done
run_as admin vet "$NAME1" --format csv
expect_eq "$out" "ref,subject,personnel,nationality,state,outcome
$A,$S1,military_mc,FRA,action,substantiated
$B,$S2,military_mc,FRA,received," "vet (csv): each case naming the person, its state and outcome"
vetted+=("admin,vet,,matches=2")
run_as admin vet "$NAME1" --format json
expect_eq "$(json 'sorted(d[0])')" "['nationality', 'outcome', 'personnel', 'ref', 'state', 'subject']" "vet (json): its keys"
vetted+=("admin,vet,,matches=2")
DK_USER=olga DK_PASS='olga passphrase' dk_stdin 'zebulon-aime quartzfeld' vet - --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S1']" "vet - reads the query from stdin; olga finds only $A (her mission)"
vetted+=("olga,vet,,matches=1")
vet_codes oscar "$NAME1"
expect_eq "$found" "$S2" "oscar (MONUSCO) finds only $B"
vet_codes oscar "$INDEX1"
expect_eq "$found" "" "oscar (MONUSCO): the index of a MINUSCA subject finds nothing"
vet_codes oscar "$NAME3"
expect_eq "$found" "" "oscar (MONUSCO): a MINUSCA-only person finds nothing"
# As of a day before the subjects were added, there is nothing to find.
TODAY=2026-03-05 run_as admin vet "$NAME1" --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "[]" "vet as of 2026-03-05: no subject was named yet"
vetted+=("admin,vet,,matches=$(csv 'len(r)')")
# Names beyond Latin-1: accents and case do not matter either.
dk subject add "$C" --personnel police_unpol --name 'Nguyễn Văn Thắng' --on 2026-05-03
S5=$out
dk subject add "$C" --personnel police_unpol --name 'Ștefan Țurcanu' --on 2026-05-03
S6=$out
dk subject add "$C" --personnel military_mc --name 'Дмитрий Квартцфельд' --on 2026-05-03
S7=$out
vet_codes admin 'Nguyen Van Thang'
expect_eq "$found" "$S5" "vet [Nguyen Van Thang] finds Nguyễn Văn Thắng"
vet_codes admin 'Stefan Turcanu'
expect_eq "$found" "$S6" "vet [Stefan Turcanu] finds Ștefan Țurcanu"
vet_codes admin 'ДМИТРИЙ КВАРТЦФЕЛЬД'
expect_eq "$found" "$S7" "vet [ДМИТРИЙ КВАРТЦФЕЛЬД] finds Дмитрий Квартцфельд"
for who in ada aud; do
    run_as "$who" vet "$NAME1"
    expect_rc 4 "$who: vet is refused"
    expect_error_line "$who: vet"
    expect_eq "$out" "" "$who: vet prints nothing"
    expect_last_logged "$who" "$who,denied,,vet role" "$who: vet"
done
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | awk -F, '$4 == "vet"' | cut -d, -f3- | tr '\n' '|')" "$(printf '%s|' "${vetted[@]}")" \
    "every search is audited as vet with its number of matches"

# --- Who sees a subject's identity ---------------------------------------------------------------
for who in ada aud; do
    for day in "$TODAY" 2026-08-15; do
        for fmt in table csv json; do
            for cmd in "subject list $A" "case show $A" "timeline $A" "subject list $C" "case show $C" "timeline $C"; do
                read -r -a a <<<"$cmd"
                TODAY=$day run_as "$who" "${a[@]}" --format "$fmt"
                expect_rc 0 "$who: $cmd as of $day ($fmt)"
                if [ "${a[0]} $fmt" = "case csv" ]; then
                    : # case show's csv is the case's own row, without sections
                elif [ "${a[-1]}" = "$A" ]; then
                    has "$out" "$who: $cmd as of $day ($fmt) still shows the subjects" "$S1" "$S4"
                else
                    has "$out" "$who: $cmd as of $day ($fmt) still shows the subjects" "$S3" "$S5" "$S7"
                fi
                lacks "$out" "$who: $cmd as of $day ($fmt)" "${IDENTITY[@]}" "${OTHERS[@]}"
            done
        done
    done
    run_as "$who" subject list "$A" --format json
    expect_eq "$(json 'sorted((x["subject"], x["name"], x["index"], x["unit"], x["actions"]) for x in d)')" \
        "$(python3 -c "import sys; print(sorted([(sys.argv[1], None, None, None, sys.argv[2]), (sys.argv[3], None, None, None, '2026-08-02 none')]))" \
            "$S1" "$ACTIONS1" "$S4")" "$who: subject list (json): name, index and unit null, actions shown"
    run_as "$who" subject list "$A" --format csv
    expect_eq "$(csv 'sorted((x["name"], x["index"], x["unit"]) for x in r)')" "[('', '', ''), ('', '', '')]" \
        "$who: subject list (csv): name, index and unit empty"
done
run_as aud subject list "$B" --format csv
expect_eq "$(csv '[(x["subject"], x["name"]) for x in r]')" "[('$S2', '')]" "aud: subject list $B without the name"
for fmt in table csv json; do
    run_as aud timeline "$B" --format "$fmt"
    lacks "$out" "aud: timeline $B ($fmt)" "${IDENTITY[@]}"
done
# Officers see identities, in their missions; each view is audited.
for fmt in table csv json; do
    views+=("olga,$A,subjects=2")
    run_as olga subject list "$A" --format "$fmt"
    has "$out" "olga (officer): subject list ($fmt)" "$NAME1" "$INDEX1" "$UNIT1" "$NAME4"
    views+=("oscar,$B,subjects=1")
    run_as oscar subject list "$B" --format "$fmt"
    has "$out" "oscar (officer): subject list $B ($fmt)" "$NAME2"
done
views+=("olga,$A,subjects=2")
run_as olga case show "$A" --format json
expect_eq "$(json "[(x['name'], x['index'], x['unit']) for x in d['subjects'] if x['subject'] == '$S1']")" \
    "[('$NAME1', '$INDEX1', '$UNIT1')]" "olga: case show (json) with the subject's identity"
dk audit log --format csv
expect_eq "$(printf '%s\n' "$out" | awk -F, '$4 == "subject_identity_view"' | cut -d, -f3,5- | tr '\n' '|')" \
    "$(printf '%s|' "${views[@]}")" "every view of subjects' identities is audited (admin, officers), no other"
for fmt in table csv json; do
    dk audit log --format "$fmt"
    lacks "$out" "audit log ($fmt): never a name, an index or a query" "${IDENTITY[@]}" "${OTHERS[@]}"
done

finish
