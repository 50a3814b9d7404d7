#!/usr/bin/env bash
# Victims and subjects in the TUI. The victims screen (V) lists what `victim list --format csv`
# lists, w keeping those awaiting an update (as --awaiting-update); Enter opens a victim: its
# identity for the roles that may see it (each opening audited once, as victim_identity_view),
# its assistance lines, paternity claim and timeline (as `victim timeline`). The case shows its
# victims and subjects; a subject's identity only to officers and administrators (audited as
# subject_identity_view). An advocate names a victim and records that it was informed, its
# assistance and its claim from the TUI, and the CLI sees them; an officer adds a subject and
# an action on it. The dashboard counts the victims awaiting an update and w lists them.
# Identities and free text never reach a screen of a role that may not see them.
. "$(dirname "$0")/lib.sh"

TUI_COLS=140
TUI_ROWS=40

init_db
user_add() {
    dk_ok "user add $1" user add "$1" --new-passphrase-fd 4 --kdf interactive "${@:3}" 4<<<"$2"
}
user_add off1 'officer passphrase' --role officer --mission MONUSCO
user_add adv1 'advocate passphrase' --role advocate --mission MONUSCO
user_add aud1 'auditor passphrase' --role auditor

VICTIM_NAME='Amina Testvictim'
VICTIM_CONTACT='Quartier Himbi 14'
PROVIDER='Hopital Confidentiel'
NOTE='told about the referral'
SUBJECT_NAME='Jean Subjectname'
SUBJECT_INDEX='IDX-4242'
SUBJECT_UNIT='Battalion Sevenunit'

dk_ok "case add" case add --mission MONUSCO --reported 2026-09-01 --category sexual_abuse
ref=$out
dk_ok "case add" case add --mission MONUSCO --reported 2026-10-01 --category sexual_exploitation
ref2=$out
dk_ok "victim add" victim add "$ref" --sex female --age child --name "$VICTIM_NAME" \
    --contact "$VICTIM_CONTACT" --on 2026-09-02
v1=$out
dk_ok "victim named again" victim add "$ref2" --code "$v1" --on 2026-10-02
dk_ok "victim inform" victim inform "$v1" --on 2026-09-10 --note "$NOTE"
dk_ok "victim assist" victim assist "$v1" medical --on 2026-09-12 --status provided \
    --provider "$PROVIDER" --consent yes
dk_ok "victim assist" victim assist "$v1" legal --on 2026-09-13 --status referred
dk_ok "victim paternity" victim paternity "$v1" claimed --on 2026-09-15
dk_ok "victim add" victim add "$ref" --sex male --age adult --on 2026-11-20
v2=$out
# Paternity support is an assistance kind, not a step of a paternity claim.
dk_ok "victim assist" victim assist "$v2" paternity --on 2026-11-21 --status referred
dk_ok "subject add" subject add "$ref" --personnel military_mc --nationality COD \
    --name "$SUBJECT_NAME" --index "$SUBJECT_INDEX" --unit "$SUBJECT_UNIT" --on 2026-09-05
s1=$out
dk_ok "subject action" subject action "$s1" repatriated --on 2026-09-20 --interim

# csv_split LINE: the fields of one CSV record (no newline inside) into the array F.
csv_split() {
    local s=$1 f='' q=0 c i
    F=()
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        if ((q)); then
            if [ "$c" != '"' ]; then
                f+=$c
            elif [ "${s:i+1:1}" == '"' ]; then
                f+='"'
                i=$((i + 1))
            else
                q=0
            fi
        elif [ "$c" == '"' ]; then
            q=1
        elif [ "$c" == , ]; then
            F+=("$f")
            f=''
        else
            f+=$c
        fi
    done
    F+=("$f")
}
# fit TEXT WIDTH: TEXT as a cell of WIDTH columns shows it (cut with … when longer; ASCII).
fit() {
    if [ "${#1}" -le "$2" ]; then echo "$1"; else echo "${1:0:$2-1}…"; fi
}
# The display names the screen shows for the CSV's sex, age, status and paternity ids.
declare -A DISPLAY_NAME=([female]=Female [male]=Male [unknown]=Unknown [adult]=Adult
    [child]="Child (under 18 at the incident)" [on_track]="On track" [due_soon]="Due soon"
    [overdue]=Overdue [none]="No claim" [claimed]=Claimed [dna_pending]="DNA test pending"
    [established]="Paternity established" [support_ordered]="Support ordered"
    [closed]="Claim closed")
# name ID: ID's display name; "-" for none.
name() {
    if [ -n "$1" ] && [ -n "${DISPLAY_NAME[$1]+set}" ]; then echo "${DISPLAY_NAME[$1]}"; else echo "${1:--}"; fi
}
# victim_rows ARGS...: `victim list ARGS --format csv` as the victims screen's rows show them
# (mark, code, cases, sex, age, informed, update due, days, status, assistance, paternity;
# ids by their display names, "-" for nothing, blanks squeezed).
victim_rows() {
    local line mark
    dk victim list "$@" --format csv
    [ "$rc" -eq 0 ] || { fail "docket victim list $*: $err"; return; }
    while IFS= read -r line; do
        csv_split "$line"
        mark='  '
        if [ -n "${F[7]}" ]; then
            if [ "${F[7]}" -lt 0 ]; then mark='!!'; elif [ "${F[7]}" -le 7 ]; then mark='! '; fi
        fi
        printf '%s %s %s %s %s %s %s %s %s %s %s\n' "$mark" "${F[0]}" "$(fit "${F[1]}" 17)" \
            "$(fit "$(name "${F[2]}")" 7)" "$(fit "$(name "${F[3]}")" 7)" "${F[5]:--}" \
            "${F[6]:--}" "${F[7]:--}" "$(fit "$(name "${F[8]}")" 9)" "${F[9]:--}" \
            "$(name "${F[10]}")"
    done < <(tail -n +2 <<<"$out")
}
# rows_on_screen: the victims screen's rows (a mark and a code first), blanks squeezed.
rows_on_screen() {
    screen | grep -E '^ (!!|! |  ) V-[0-9A-Z]{10} ' | sed -E 's/^ //; s/^(..) +/\1 /; s/([^ ])  +/\1 /g'
}
# expect_victim_rows WANT WHAT: the rows on screen are exactly WANT (waits).
expect_victim_rows() {
    local want=$1 what=$2 got tries=50
    want=$(sed -E 's/^(..) +/\1 /; s/([^ ])  +/\1 /g' <<<"$want")
    while :; do
        got=$(rows_on_screen)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the victims on screen differ from docket victim list:
$(diff <(echo "$want") <(echo "$got"))"
    SCREEN=$(screen)
    dump
}
# selected_code: the victim code on the line drawn in reverse video.
selected_code() {
    local -a lines
    local i rev=$'\x1b\\[([0-9;]*;)?7(;[0-9;]*)?m' code='(V-[0-9A-Z]{10})'
    mapfile -t lines < <(screen_e)
    for ((i = 1; i < ${#lines[@]} - 2; i++)); do
        if [[ ${lines[i]} =~ $rev ]] && [[ ${lines[i]} =~ $code ]]; then
            echo "${BASH_REMATCH[1]}"
            return
        fi
    done
}
# select_victim CODE: selects CODE on the victims screen: the first row, then down to it.
select_victim() {
    local codes n tries=50
    codes=$(screen | grep -E '^ (!!|! |  ) V-[0-9A-Z]{10} ' | grep -oE 'V-[0-9A-Z]{10}')
    n=$(grep -nxF -- "$1" <<<"$codes" | cut -d: -f1)
    if [ -z "$n" ]; then
        fail "select_victim: $1 is not on the screen"
        return
    fi
    keys g
    while [ "$(selected_code)" != "$(sed -n 1p <<<"$codes")" ] && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    [ "$n" -le 1 ] || keys -N "$((n - 1))" j
    tries=50
    while [ "$(selected_code)" != "$1" ] && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    expect_eq "$(selected_code)" "$1" "the selection reaches $1"
}
# victim_events CODE: `victim timeline CODE --format csv` as the victim's page shows it:
# "date kind case actor detail" (the kind by its display name), "-" for no case, blanks squeezed.
victim_events() {
    local line
    dk victim timeline "$1" --format csv
    [ "$rc" -eq 0 ] || { fail "docket victim timeline $1: $err"; return; }
    while IFS= read -r line; do
        csv_split "$line"
        printf '%s %s %s %s %s\n' "${F[0]}" "$(event_name "${F[1]}")" "${F[2]:--}" "${F[3]}" "${F[4]}" |
            tr -s ' '
    done < <(tail -n +2 <<<"$out")
}
# audit_count ACTION ACCOUNT [DETAIL]: entries of the audit log with that action by that account
# (and that detail).
audit_count() {
    dk audit log --format csv
    tail -n +2 <<<"$out" | awk -F, -v a="$1" -v u="$2" -v d="${3:-}" \
        '$4 == a && $3 == u && (d == "" || $6 == d) { n++ } END { print n + 0 }'
}
# SEEN collects every screen a role was shown, for the checks of what it never saw.
SEEN=
seen() { SEEN+=$'\n'$(screen); }
# page_through: every page of a scrolling screen into SEEN (PgDn until it stops changing).
page_through() {
    local pages=0
    settle
    seen
    while [ "$pages" -lt 6 ] && page_down; do
        seen
        pages=$((pages + 1))
    done
    keys g
}
# was_seen REGEX WHAT: a line of one of the screens in SEEN matches.
was_seen() {
    if grep -qE -- "$1" <<<"$SEEN"; then ok; else fail "$2: no screen had a line /$1/"; fi
}
# never_seen TEXT WHAT: TEXT was on none of the screens in SEEN.
never_seen() {
    if grep -qF -- "$1" <<<"$SEEN"; then
        fail "$2: '$1' was shown: $(grep -F -- "$1" <<<"$SEEN" | sed -n 1p)"
    else
        ok
    fi
}

# --- Administrator: the victims screen against victim list ---------------------------------------
# The screen lists the most overdue update first: as victim list --sort due.
all_rows=$(victim_rows --sort due)
awaiting_rows=$(victim_rows --awaiting-update --sort due)
expect_eq "$(wc -l <<<"$all_rows")" 2 "two victims (CLI)"
expect_match "$awaiting_rows" "^!! $v1 " "the first victim awaits an update (CLI)"
expect_eq "$(wc -l <<<"$awaiting_rows")" 1 "only it (CLI)"

tui_open
expect_screen "^ Victims awaiting an update: 1   w lists them · V every victim\$" \
    "the dashboard counts the victims awaiting an update"
expect_screen "^ !! $ref +Victim update +2026-10-10 +-48 +Overdue +$v1\$" \
    "the dashboard's urgent rows name the victim of a victim_update deadline"
keys V
expect_screen '^docket — victims$' "V opens the victims screen"
expect_screen '^ +CODE +CASES +SEX +AGE +INFORMED +NEXT DUE +DAYS +STATUS +ASSISTANCE +PATERNITY$' \
    "the victims screen's columns"
expect_victim_rows "$all_rows" "the victims screen = victim list --sort due --format csv"
expect_screen '^ Enter open · w awaiting an update only · / find · s sort · q back$' \
    "the keys under the victims"
select_victim "$v1"
expect_screen "^ Cases: $ref,$ref2   Assistance: medical:provided,legal:referred   Paternity claim: Claimed\$" \
    "the selected victim's cases, assistance and claim in full under the list"
keys w
expect_screen '^docket — victims — awaiting an update$' "w: only the victims awaiting an update"
expect_victim_rows "$awaiting_rows" "w = victim list --awaiting-update"
expect_screen '^ Enter open · w every victim · / find · s sort · q back$' \
    "w again would show every victim"
keys w
expect_screen '^docket — victims$' "w again: every victim"
expect_victim_rows "$all_rows" "every victim again"

# --- Administrator: one victim -------------------------------------------------------------------
views_before=$(audit_count victim_identity_view admin "$v1")
select_victim "$v1"
keys Enter
expect_screen "^docket — victim — $v1\$" "Enter opens the selected victim"
expect_screen "^ Cases +$ref,$ref2\$" "the victim's cases"
expect_screen '^ Sex +Female$' "the victim's sex"
expect_screen '^ Age +Child \(under 18 at the incident\)$' "the victim's age"
expect_screen '^ Last informed +2026-09-10$' "when the victim was last informed"
expect_screen '^ Next update due +!! 2026-10-10  -48 days left  \(Overdue\)$' "the next update, overdue"
expect_screen "^ Name +$VICTIM_NAME\$" "an administrator sees the victim's name"
expect_screen "^ Contact +$VICTIM_CONTACT\$" "and the contact"
expect_screen '^   KIND +STATUS +ON +CONSENT +PROVIDER$' "the assistance lines' columns"
expect_screen "^   Medical care +Provided +2026-09-12 +yes +$PROVIDER\$" "the medical assistance line"
expect_screen '^   Legal services +Referred to a provider +2026-09-13 +- +-$' "the legal assistance line"
expect_screen '^   2026-09-15 +Claimed$' "the paternity claim"
expect_screen '^ i informed · a assistance · p paternity claim · Enter open the case · q back$' \
    "the keys under a victim"
want=$(victim_events "$v1")
expect_match "$(wc -l <<<"$want")" '^[5-9]$' "the victim's timeline has its events (CLI)"
expect_eq "$(screen_events | grep -E '^ +[0-9-]{10} +(Victim named|Victim informed|Assistance|Paternity claim) ' | tr -s ' ' | sed 's/^ //')" "$want" \
    "the victim's timeline = victim timeline --format csv"
expect_eq "$(audit_count victim_identity_view admin "$v1")" "$((views_before + 1))" \
    "opening the victim audited its identity view once"
# Help and back: the page is not read again, so the view is not audited again.
keys '?'
expect_screen '^docket — help' "? opens the help"
keys Escape
expect_screen "^docket — victim — $v1\$" "Esc: back to the victim"
keys j
expect_screen "^docket — victim — $v1\$" "the victim's page scrolls"
expect_eq "$(audit_count victim_identity_view admin "$v1")" "$((views_before + 1))" \
    "coming back from the help reads no identity again"
# Enter: the victim is named in two cases; the list of them, then the chosen case.
keys Enter
expect_screen 'Open which case\?' "Enter asks which case"
keys Down Enter
expect_screen "^docket — case — $ref2\$" "the chosen case opens"
keys Escape
expect_screen "^docket — victim — $v1\$" "Esc: back to the victim"
keys Escape Escape
expect_screen '^docket — dashboard$' "Esc, Esc: back to the dashboard"
# w on the dashboard: the victims awaiting an update.
keys w
expect_screen '^docket — victims — awaiting an update$' "w on the dashboard lists the victims awaiting an update"
expect_victim_rows "$awaiting_rows" "the dashboard's w = victim list --awaiting-update"
keys w
expect_screen '^docket — victims$' "w: every victim"
select_victim "$v2"
keys Enter
expect_screen "^docket — victim — $v2\$" "Enter opens the second victim"
expect_screen '^   Paternity support +Referred to a provider +2026-11-21 +- +-$' \
    "paternity support is an assistance line"
expect_screen '^ Paternity claim$' "the claim's section"
expect_eq "$(grep -A1 '^ Paternity claim$' <<<"$SCREEN" | tail -n 1)" "   none" \
    "paternity support is no step of a claim"
keys Escape Escape
expect_screen '^docket — dashboard$' "Esc, Esc: back to the dashboard"

# --- Administrator: the case's victims and subjects -----------------------------------------------
subject_views=$(audit_count subject_identity_view admin)
keys /
text "$ref"
keys Enter
expect_screen "^docket — cases" "/ finds the case"
keys Enter
expect_screen "^docket — case — $ref\$" "Enter opens it"
keys G
expect_screen '^ Victims$' "the case's victims panel"
expect_screen "^   !! $v1 +Female +Child … +2026-09-10 +2026-10-10 +-48 +Overdue\$" "its first victim, overdue"
expect_screen "^      Assistance: medical:provided,legal:referred   Paternity claim: Claimed\$" \
    "its assistance and claim"
expect_screen "^      $v2 +Male +Adult +- +2026-12-20 +23 +On track\$" "its second victim"
expect_screen '^   Enter open a victim · v name a victim$' "the keys under the victims"
expect_screen "^   $s1 +Military contingent member +COD +2026-09-05\$" "the subject"
expect_screen "^       Name: $SUBJECT_NAME   Index or service number: $SUBJECT_INDEX   Unit: $SUBJECT_UNIT\$" \
    "an administrator sees the subject's identity"
expect_screen '^       2026-09-20  Repatriated \(interim\)$' "the subject's action"
expect_screen '^   b add a subject · s record an action$' "the keys under the subjects"
expect_eq "$(audit_count subject_identity_view admin subjects=1)" "$((subject_views + 1))" \
    "the subjects' identities shown once: audited once"
keys t
expect_screen "^docket — timeline — $ref\$" "t opens the timeline"
expect_timeline "$ref" "the case's timeline, victims' and subjects' events woven in = docket timeline"
keys Escape
expect_screen "^docket — case — $ref\$" "back to the case"
expect_eq "$(audit_count subject_identity_view admin)" "$((subject_views + 1))" \
    "coming back from the timeline reads no identity again"
keys r
expect_screen "^docket — case — $ref\$" "r reloads the case"
tries=30
while [ "$(audit_count subject_identity_view admin)" != "$((subject_views + 2))" ] && [ "$tries" -gt 0 ]; do
    sleep 0.1
    tries=$((tries - 1))
done
expect_eq "$(audit_count subject_identity_view admin)" "$((subject_views + 2))" \
    "r reads (and audits) the subjects again"
keys Enter
expect_screen 'Open which victim\?' "Enter on the case asks which victim"
keys Enter
first=$(printf '%s\n' "$v1" "$v2" | LC_ALL=C sort | sed -n 1p)
expect_screen "^docket — victim — $first\$" "the first one (by code, as victim list) opens"
keys q q q
expect_screen '^docket — dashboard$' "back to the dashboard"
keys q
expect_clean_exit "administrator: q"

# --- Advocate: victims' identities, never a subject's ---------------------------------------------
SEEN=
TUI_USER=adv1 tui_start
unlock 'advocate passphrase'
keys V
expect_screen '^docket — victims$' "advocate: V opens the victims screen"
expect_victim_rows "$all_rows" "advocate: the same victims"
seen
select_victim "$v1"
keys Enter
expect_screen "^ Name +$VICTIM_NAME\$" "advocate: sees the victim's name"
expect_screen "^   Medical care +Provided +2026-09-12 +yes +$PROVIDER\$" "advocate: and the provider"
page_through
expect_eq "$(audit_count victim_identity_view adv1 "$v1")" 1 "advocate: the identity view is audited"
keys Escape Escape
expect_screen '^docket — dashboard$' "advocate: back on the dashboard"
keys l
expect_screen '^docket — cases' "advocate: l lists the cases"
keys /
text "$ref"
keys Enter Enter
expect_screen "^docket — case — $ref\$" "advocate: the case opens"
expect_screen '^ t timeline · q back$' "advocate: the case's keys, none to change it"
page_through
was_seen "^   $s1 +Military contingent member +COD +2026-09-05\$" \
    "advocate: the subjects panel shows the subject's code, personnel, nationality"
was_seen '^       2026-09-20  Repatriated \(interim\)$' "advocate: the subject's action"
was_seen '^   Enter open a victim · v name a victim$' "advocate: may open and name victims"
if grep -qE '^   b add a subject' <<<"$SEEN"; then fail "advocate: offered to add a subject"; else ok; fi
keys b
expect_screen '^That key is not available to the advocate role; press \? for yours\.$' \
    "advocate: b is not offered"
keys t
expect_screen "^docket — timeline — $ref\$" "advocate: the case's timeline"
seen
keys Escape
expect_screen "^docket — case — $ref\$" "advocate: back to the case"
expect_eq "$(audit_count subject_identity_view adv1)" 0 "advocate: no subject identity view at all"

# The advocate names a victim, then records that it was informed, its assistance and its claim.
keys v
expect_screen "^docket — name a victim — $ref\$" "advocate: v opens the form"
keys Right Tab Right Tab
text 'Nadia Newvictim'
keys Tab
text 'Rue 7'
keys C-s
expect_screen '^docket — victim — V-[0-9A-Z]{10}$' "advocate: saving opens the new victim"
new=$(grep -oE 'V-[0-9A-Z]{10}' <<<"$(row 0)")
expect_screen "^V-[0-9A-Z]{10} named in $ref\\.\$" "advocate: the message names the victim"
expect_screen '^ Name +Nadia Newvictim$' "advocate: the new victim's name"
expect_screen '^ Last informed +never$' "advocate: not informed yet"
keys i
expect_screen "^docket — victim informed — $new\$" "advocate: i opens the form"
keys Tab
text 'Told by phone'
keys C-s
expect_screen "^$new: told how the case is going\\.\$" "advocate: informed"
expect_screen "^ Last informed +$TODAY\$" "advocate: the page shows it at once"
keys a
expect_screen "^docket — assistance — $new\$" "advocate: a opens the assistance form"
keys Right Tab Right Tab Tab
text 'Clinique Nouvelle'
keys Tab Right C-s
expect_screen "^$new: medical assistance provided\\.\$" "advocate: assistance recorded"
expect_screen "^   Medical care +Provided +$TODAY +yes +Clinique Nouvelle\$" "advocate: the line shows"
keys p
expect_screen "^docket — paternity claim — $new\$" "advocate: p opens the paternity form"
keys Right Right C-s
expect_screen "^$new: paternity claim dna_pending\\.\$" "advocate: the claim recorded"
expect_screen "^   $TODAY +DNA test pending\$" "advocate: the claim shows"
expect_screen "^   $TODAY +Victim informed +- +adv1 +$new informed of progress: Told by phone\$" \
    "advocate: the timeline shows the inform"
keys Escape
expect_screen "^docket — case — $ref\$" "advocate: back to the case"
keys G
expect_screen "^      $new +Female +Adult +$TODAY +" "advocate: the case lists the new victim"
page_through
keys q q
expect_screen '^docket — dashboard$' "advocate: back to the dashboard"
keys q
expect_clean_exit "advocate: q"
for s in "$SUBJECT_NAME" "$SUBJECT_INDEX" "$SUBJECT_UNIT"; do
    never_seen "$s" "advocate: a subject's identity"
done
dk_ok "victim list" victim list --format csv
line=$(grep "^$new," <<<"$out" || true)
csv_split "$line"
expect_eq "${F[1]},${F[2]},${F[3]},${F[5]},${F[9]},${F[10]}" \
    "$ref,female,adult,$TODAY,medical:provided,dna_pending" \
    "victim list: the victim named, informed, assisted from the TUI, with its claim"
dk_ok "victim show" victim show "$new" --format csv
expect_match "$(tail -n 1 <<<"$out")" ',Nadia Newvictim,Rue 7$' "victim show: the identity typed in the TUI"
dk_ok "victim timeline" victim timeline "$new" --format csv
expect_match "$out" "$TODAY,victim_informed,,adv1,$new informed of progress: Told by phone" \
    "victim timeline: the inform with its note, by the advocate"
expect_match "$out" "$TODAY,victim_assistance,,adv1,\"$new: Medical care assistance Provided by Clinique Nouvelle, consent yes\"" \
    "victim timeline: the assistance, its provider and consent"

# --- Auditor: no identity, no free text -----------------------------------------------------------
SEEN=
TUI_USER=aud1 tui_start
unlock 'auditor passphrase'
keys V
expect_screen '^docket — victims$' "auditor: V opens the victims screen"
seen
select_victim "$v1"
keys Enter
expect_screen "^docket — victim — $v1\$" "auditor: the victim opens"
expect_screen '^   Medical care +Provided +2026-09-12 +yes +\[provider withheld from your role\]$' \
    "auditor: the provider is withheld"
expect_screen '^ Sex +Female$' "auditor: sees the victim's sex"
expect_no_screen '^ (Name|Contact) ' "auditor: no name, no contact"
expect_screen '^ Enter open the case · q back$' "auditor: the victim's keys, none to change it"
page_through
keys i
expect_screen '^That key is not available to the auditor role; press \? for yours\.$' \
    "auditor: i is not offered"
keys Escape Escape /
text "$ref"
keys Enter Enter
expect_screen "^docket — case — $ref\$" "auditor: the case opens"
page_through
keys t
expect_screen "^docket — timeline — $ref\$" "auditor: the timeline"
page_through
keys q q q
expect_screen '^docket — dashboard$' "auditor: back to the dashboard"
keys q
expect_clean_exit "auditor: q"
was_seen "^   $s1 +Military contingent member +COD +2026-09-05\$" \
    "auditor: the subjects panel shows the subject"
for s in "$VICTIM_NAME" "$VICTIM_CONTACT" "$PROVIDER" "$NOTE" "Nadia Newvictim" "Told by phone" \
    "Clinique Nouvelle" "$SUBJECT_NAME" "$SUBJECT_INDEX" "$SUBJECT_UNIT"; do
    never_seen "$s" "auditor: identities and free text"
done
expect_eq "$(audit_count victim_identity_view aud1)" 0 "auditor: no victim identity view"
expect_eq "$(audit_count subject_identity_view aud1)" 0 "auditor: no subject identity view"

# --- Officer: a subject and an action on it -------------------------------------------------------
TUI_USER=off1 tui_start
unlock 'officer passphrase'
keys l /
text "$ref"
keys Enter Enter
expect_screen "^docket — case — $ref\$" "officer: the case opens"
keys G
expect_screen "^       Name: $SUBJECT_NAME   Index or service number: $SUBJECT_INDEX   Unit: $SUBJECT_UNIT\$" \
    "officer: sees the subject's identity"
expect_eq "$(audit_count subject_identity_view off1 subjects=1)" 1 "officer: the view is audited"
keys b
expect_screen "^docket — add a subject — $ref\$" "officer: b opens the subject form"
keys Right Right Right Tab
text 'NPL'
keys Tab
text 'Ram Officerentry'
keys Tab
text 'NP-77'
keys Tab
text 'Nepbatt 2'
keys C-s
expect_screen "^Subject S-[0-9A-Z]{10} added to $ref\\.\$" "officer: the subject added"
s2=$(grep -oE 'S-[0-9A-Z]{10}' <<<"$(row -2)")
keys G
expect_screen "^   $s2 +Military contingent member +NPL +$TODAY\$" "officer: the case shows the new subject"
expect_screen '^       Name: Ram Officerentry   Index or service number: NP-77   Unit: Nepbatt 2$' \
    "officer: with the identity typed"
expect_eq "$(audit_count subject_identity_view off1 subjects=2)" 1 \
    "officer: after the change, the subjects read (and audited) again"
keys s
expect_screen "^docket — action on a subject — $ref\$" "officer: s opens the action form"
for ((i = 0; i < 3; i++)); do
    wait_for "^  Subject ◂▸ +$s2 " 1 && break
    keys Right
done
expect_screen "^  Subject ◂▸ +$s2  Military contingent member  NPL\$" "officer: the new subject chosen"
expect_no_screen 'Ram Officerentry' "officer: the form names no one (it outlives a lock)"
keys Tab Right
expect_screen '^  Final action ◂▸ +Dismissal$' "officer: final: the final actions"
expect_no_screen '^  Interim action' "officer: not the interim ones"
keys Tab Right C-s
expect_screen "^$s2: separation recorded\\.\$" "officer: the action recorded"
keys G
expect_screen "^       $TODAY  Separation\$" "officer: the case shows it"
keys q q
expect_screen '^docket — dashboard$' "officer: back to the dashboard"
keys q
expect_clean_exit "officer: q"
dk_ok "subject list" subject list "$ref" --format csv
expect_match "$out" "$s2,$ref,military_mc,NPL,$TODAY,$TODAY separation,Ram Officerentry,NP-77,Nepbatt 2" \
    "subject list: the subject and its action from the TUI"

# --- Locked on a victim's page, unlocked as an auditor: a fresh session, the identity gone --------
tui_open
keys V
expect_screen '^docket — victims$' "V opens the victims screen"
select_victim "$v1"
keys Enter
expect_screen "^ Name +$VICTIM_NAME\$" "the administrator sees the victim's name"
keys L
expect_screen 'unlock the case database' "L locks"
expect_no_screen "$VICTIM_NAME|$v1" "locked: nothing of the victim on the screen"
keys Tab
keys -N 10 BSpace
text 'aud1'
keys Enter
unlock_as_auditor_views=$(audit_count victim_identity_view aud1)
text 'auditor passphrase'
keys Enter
expect_screen '^docket — dashboard$' "unlocked as the auditor: a fresh session, on the dashboard"
expect_no_screen "$VICTIM_NAME|$VICTIM_CONTACT" "nothing the administrator saw"
keys V
expect_screen '^docket — victims$' "the auditor opens the victims screen"
select_victim "$v1"
keys Enter
expect_screen "^docket — victim — $v1\$" "the auditor opens the victim's page"
expect_screen '^   Medical care +Provided +2026-09-12 +yes +\[provider withheld from your role\]$' \
    "read again for the auditor: the provider withheld"
expect_no_screen "$VICTIM_NAME|$VICTIM_CONTACT|^ Name " "the auditor does not see the name the administrator saw"
expect_eq "$(audit_count victim_identity_view aud1)" "$unlock_as_auditor_views" \
    "the auditor's view of the page is no identity view"
keys q q q
expect_clean_exit "auditor: q"

finish
