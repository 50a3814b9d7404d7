#!/usr/bin/env bash
# Exchange between offices in the TUI, at headquarters HQ after bundles from a field office
# FIELD: the case list names each case's office and marks a flagged case (≠); K lists the flagged
# cases with both moves and opens one; f keeps every screen to one office (the title says so);
# E lists the offices; a reference both offices use opens as REF@OFFICE. Then FIELD's audit log
# is cut by an insider: the offices screen shows the broken chain with both heads.
. "$(dirname "$0")/lib.sh"

# FIELD is a database of its own (administrator ana); HQ is $DB (admin, as the TUI unlocks).
FIELD_DB=$SANDBOX/field/case.db
HQ_DB=$DB
B=$SANDBOX/bundles
mkdir -p "$SANDBOX/field" "$B"
# field ARGS...: dk on FIELD's database as ana, which must succeed.
field() {
    DB=$FIELD_DB DK_USER=ana dk_ok "FIELD: $*" "$@"
}
# sql SQL: SQL on FIELD's database with ana's key (an insider).
sql() { "$DK_SQL" "$FIELD_DB" ana 3<<<"$PASS" <<<"$1"; }

field init --admin ana --kdf interactive --office FIELD
field office show
FIELD_LINE=$out
init_db --office HQ
dk_ok "HQ: office show" office show
HQ_LINE=$out
field office trust "$HQ_LINE" --yes
dk_ok "HQ trusts FIELD" office trust "$FIELD_LINE" --yes

# Both offices record a case under MONUSCO: each is MONUSCO-2026-0001 in its own database.
R=MONUSCO-2026-0001
field case add --mission MONUSCO --reported 2026-11-01 --category sexual_abuse
expect_eq "$out" "$R" "FIELD's case"
field case move "$R" assessment --on 2026-11-02
dk_ok "HQ's case" case add --mission MONUSCO --reported 2026-11-03 --category sexual_exploitation
expect_eq "$out" "$R" "HQ's case shares the reference"
field export --for HQ --to "$B/b1"
dk_ok "HQ imports b1" import "$B/b1"
expect_eq "$out" "2 events, 1 new cases, 0 conflicts" "b1 brings FIELD's case"
# Concurrent moves: FIELD and HQ each move FIELD's case without seeing the other's move.
field case move "$R" limited_info --on 2026-11-25 --note 'details'
dk_ok "HQ moves it" case move "$R@FIELD" referred --on 2026-11-25 --entity oios
field export --for HQ --to "$B/b2"
dk_ok "HQ imports b2" import "$B/b2"
expect_eq "$out" "1 events, 0 new cases, 1 conflicts" "b2 makes a conflict"

# row OFFICE: the case list's row of that office's case (reference, flag, office).
row_of() { screen | grep -E "^.. $R +(≠ +)?$1 " || true; }

tui_open
# The help lists the new keys, and the two screens with their own keys.
help_text '^ Offices$'
for line in '^ +K +open the cases two offices moved apart \(conflicts\)$' \
    "^ +f +keep every screen to one office's cases, or all$" \
    '^ +E +open the offices screen \(trust, fingerprints, audit heads\)$' \
    '^ Conflicts between offices$' '^ Offices$'; do
    grep -Eq -- "$line" <<<"$HELP" && ok || fail "the help has a line /$line/"
done
expect_screen '^docket — dashboard' "back from the help"
keys l
expect_screen "^ +REF +OFFICE +MISSION +CATEGORY" "the case list has an OFFICE column"
expect_screen "^.. $R +≠ +FIELD " "FIELD's case is marked as flagged"
expect_match "$(row_of HQ)" "^.. $R +HQ " "HQ's case is listed with its office, not marked"
# At 80 columns (no mission column) the office and the mark still show.
resize 80 24
expect_screen "^ +REF +OFFICE +CATEGORY +STATE" "80 columns: the OFFICE column stays"
expect_screen "^.. $R +≠ +FIELD +.+ +Referred +2027" "80 columns: FIELD's case, marked"
resize 100 30
expect_screen "^ +REF +OFFICE +MISSION" "back to 100 columns"

# --- The conflicts screen ---------------------------------------------------------------------
keys K
expect_screen '^docket — conflicts' "K opens the conflicts screen"
expect_screen "^ $R +FIELD +[A-Z][a-z ]+[a-z] *$" "the conflict lists the case, its state by name"
expect_screen "^ +limited_info@FIELD on 2026-11-25, referred@HQ on 2026-11-25$" \
    "the conflict lists both moves"
keys Enter
expect_screen "^docket — case — $R@FIELD" "Enter opens the flagged case as REF@FIELD"
expect_screen "^ Category +Sexual abuse" "the case page is FIELD's case"
keys Escape Escape
expect_screen '^docket — cases' "back to the list"

# --- A reference both offices use opens as REF@OFFICE -------------------------------------------
keys g
expect_selected "$R" "the first row is selected"
# hq_selected: HQ's row is the selection (drawn in reverse video).
hq_selected() {
    local rev=$'\x1b\\[([0-9;]*;)?7(;[0-9;]*)?m'
    screen_e | grep -E "$R" | grep -E "$rev" | strip | grep -Eq "^.. $R +HQ "
}
if ! hq_selected; then
    keys j
    for _ in $(seq 50); do hq_selected && break; sleep 0.1; done
fi
hq_selected && ok || fail "HQ's row selected"
keys Enter
expect_screen "^docket — case — $R@HQ" "HQ's case opens as REF@HQ"
expect_screen "^ Category +Sexual exploitation" "the page is HQ's case"
keys Escape
expect_screen '^docket — cases' "back to the list"

# --- The office filter ------------------------------------------------------------------------
keys f
expect_screen '\(all offices\)' "f offers the offices"
keys Down Down Enter
expect_screen '^docket — cases — .*office: FIELD' "the title says the list keeps to FIELD"
expect_screen "^.. $R +≠ +FIELD " "FIELD's case is listed"
expect_no_screen "^.. $R +HQ " "HQ's case is not"
keys f
expect_screen '\(all offices\)' "f again"
keys Enter
expect_screen "^.. $R +HQ " "all offices again: HQ's case is back"
expect_no_screen 'office: FIELD' "the title no longer names FIELD"

# --- The offices screen -------------------------------------------------------------------------
FP=${FIELD_LINE##*:}
keys E
expect_screen '^docket — offices' "E opens the offices screen"
expect_screen '^ +NAME +TRUST +FINGERPRINT +AUDIT HEAD +CHAIN' "its columns"
expect_screen "^ +HQ +self +${HQ_LINE##*:} " "HQ, this office"
expect_screen "^ +FIELD +trusted +$FP +[0-9]+:[0-9a-f]{8} +ok$" "FIELD, trusted, its chain intact"
keys q
expect_screen '^docket — cases' "q: back to the list"

# --- A move from the case's page (named REF@FIELD) follows both heads: the flag is gone --------
keys K
expect_screen "^ $R +FIELD " "K: the conflict is still listed"
keys Enter
expect_screen "^docket — case — $R@FIELD" "Enter opens it"
keys m
expect_screen "^docket — move — $R@FIELD\$" "m opens the move form for REF@FIELD"
keys C-s
expect_screen "^$R@FIELD moved to [A-Z][a-z ]+\.\$" "the move is saved on FIELD's case"
keys Escape
expect_screen '^docket — conflicts' "back on the conflicts screen"
expect_screen "No case is flagged" "it is empty now"
keys Escape
expect_screen '^docket — cases' "back to the list"
expect_screen "^.. $R +FIELD " "FIELD's case is listed"
expect_no_screen "≠" "no case is marked any more"
keys q q
expect_clean_exit "q back and out"
dk_ok "conflicts" conflicts
expect_eq "$out" "" "the CLI lists no conflict either"

# --- FIELD's log cut below what HQ saw: the offices screen shows it -----------------------------
seen=$(dk_ok "HQ office list" office list && grep -E '^FIELD ' <<<"$out" | awk '{print $4}')
seen=${seen%%:*}
TD="CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
top=$(sql "SELECT max(id) FROM audit")
sql "DROP TRIGGER audit_append_only_delete; DELETE FROM audit WHERE id > $((seen - 3)); $TD" >/dev/null
expect_eq "$(sql "SELECT max(id) FROM audit")" "$((seen - 3))" "FIELD's log was cut below HQ's head"
# FIELD works on until its log is longer than before: the ids HQ saw now hold other entries.
while [ "$(sql "SELECT max(id) FROM audit")" -le "$top" ]; do
    field case note "$R" --note routine --on 2026-11-27
done
field export --for HQ --to "$B/b3"
dk_ok "HQ imports b3" import "$B/b3"
expect_match "$err" "rewritten or cut" "the import warns"
tui_open
keys E
expect_screen '^docket — offices' "E opens the offices screen"
expect_screen "^!! +FIELD +trusted +$FP +.*broken: [0-9]+:[0-9a-f]{8} then [0-9]+:[0-9a-f]{8}" \
    "FIELD's chain is shown broken, with the two heads, marked !!"
expect_screen "^ +HQ +self " "HQ's row is not marked"
keys q q
expect_clean_exit "q back and out after the broken chain"

# --- An advocate may not list offices: no E; f asks for the office's name ------------------------
dk_ok "an advocate" user add adv1 --role advocate --mission MONUSCO --kdf interactive \
    --new-passphrase-fd 4 4<<<'advocate passphrase'
TUI_USER=adv1 tui_start
unlock 'advocate passphrase'
keys E
expect_screen 'That key is not available to the advocate role' "advocate: E is not offered"
keys l
expect_screen "^.. $R +HQ " "advocate: the list holds HQ's case"
keys f
expect_screen '^Office \(empty for all\):' "advocate: f asks for the office's name"
text FIELD
keys Enter
expect_screen '^docket — cases — .*office: FIELD' "advocate: the list keeps to FIELD"
expect_screen "^.. $R +FIELD " "advocate: FIELD's case"
expect_no_screen "^.. $R +HQ " "advocate: not HQ's"
keys f
expect_screen '^Office \(empty for all\): FIELD' "f again: the prompt holds the office"
keys BSpace BSpace BSpace BSpace BSpace Enter
expect_screen "^.. $R +HQ " "advocate: an empty name lists every office's cases again"
keys q q
expect_clean_exit "advocate: q back and out"

finish
