#!/usr/bin/env bash
# Issue 16 item 4: need-to-know by key (i16b design). An officer holding the data key and a
# SQLCipher shell (dk_sql) reads other missions' structured fields (dates, categories, states)
# but no narrative and no identity: those are sealed under per-mission keys, granted only to
# the accounts the role table allows (key_grant "mission CODE CLASS GEN"). From the engine's
# side every role sees exactly what it saw before. Removing an account rotates the keys it held;
# relocating a case re-wraps its keys; vetting goes through a keyed hash; a database made before
# issue 16 is sealed on its administrator's first unlock, after a backup.
#
# The plaintext scan of every file docket writes is tests/cli/test_plaintext.sh (not repeated).
# DOCKET_SLOW=1 adds a second removal (an advocate: only the classes it held rotate).
. "$(dirname "$0")/lib.sh"
: "${DK_SQL:?DK_SQL must point at dk_sql}"
FIXTURE=$(cd "$(dirname "$0")" && pwd)/fixtures/pre16

# pass_of WHO: the passphrase run_as gives WHO.
pass_of() { if [ "$1" = admin ]; then printf '%s' "$PASS"; else printf '%s passphrase' "$1"; fi; }
# sql WHO SQL: runs SQL on $DB with WHO's own slot (the data key); prints the rows.
sql() {
    local o
    o=$("$DK_SQL" "$DB" "$1" 3<<<"$(pass_of "$1")" <<<"$2") || { fail "dk_sql as $1 failed on: $2"; return 0; }
    printf '%s' "$o"
}

# dump WHO FILE: every column of every table sqlite_master lists, each value as hex() (text and
# blobs alike), into FILE: a line "#TABLE|COLUMN|..." then one line "TABLE|HEX|..." per row.
dump() {
    local who=$1 file=$2 tables q info t
    tables=$(sql "$who" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    q=
    for t in $tables; do q+="SELECT '#$t'; PRAGMA table_info(\"$t\");"$'\n'; done
    info=$(sql "$who" "$q")
    q=$(printf '%s\n' "$info" | awk -F'|' '
        function flush() { if (t != "") print "SELECT " h "'\'';\nSELECT '\''" t "'\''" s " FROM \"" t "\";" }
        /^#/ { flush(); t = substr($0, 2); h = "'\''#" t; s = ""; next }
        { h = h "|" $2; s = s " || '\''|'\'' || hex(\"" $2 "\")" }
        END { flush() }')
    sql "$who" "$q" >"$file"
}
# in_clear FILE MARKER...: prints "TABLE.COLUMN: MARKER" for each marker found in a dumped value
# (any case): in text, or as the bytes of a blob.
in_clear() {
    python3 - "$@" <<'EOF'
import sys
path, marks = sys.argv[1], [m.lower().encode() for m in sys.argv[2:]]
cols = {}
for line in open(path, encoding="ascii"):
    f = line.rstrip("\n").split("|")
    if f[0].startswith("#"):
        cols[f[0][1:]] = f[1:]
        continue
    for i, v in enumerate(f[1:]):
        b = bytes.fromhex(v).lower()
        for m in marks:
            if m in b:
                print("%s.%s: %s" % (f[0], cols[f[0]][i], m.decode()))
EOF
}
# rows FILE TABLE: how many rows of TABLE the dump holds.
rows() { grep -c "^$2|" "$1" || true; }

# seen WHO REF VICTIM: runs case show, victim show and timeline as WHO; sets $seen to the
# markers they show (upper case, sorted, space-separated). Each command must succeed.
seen() {
    local who=$1 ref=$2 v=$3 all=
    run_as "$who" case show "$ref" --format json
    expect_rc 0 "$who: case show $ref"
    all+=$out
    run_as "$who" victim show "$v" --format json
    expect_rc 0 "$who: victim show $v"
    all+=$out
    run_as "$who" timeline "$ref" --format csv
    expect_rc 0 "$who: timeline $ref"
    all+=$out
    seen=$(printf '%s\n' "$all" | grep -oiE 'QZ(MON|MIN|REL)[A-Z]{4}' | tr a-z A-Z | LC_ALL=C sort -u |
        tr '\n' ' ' || true)
    seen=${seen% }
}
# unseen WHO REF VICTIM: WHO is out of the case's mission: neither the case nor its victim exists.
unseen() {
    local who=$1 ref=$2 v=$3
    run_as "$who" case show "$ref"
    expect_rc 1 "$who: case show $ref (another mission)"
    lacks "$out$err" "$who: case show $ref" QZ
    run_as "$who" victim show "$v"
    expect_rc 1 "$who: victim show $v (another mission)"
    lacks "$out$err" "$who: victim show $v" QZ
}
# marks PREFIX SUFFIX...: "PREFIXSUFFIX ...", sorted (the expected $seen).
marks() {
    local p=$1 s
    shift
    for s in "$@"; do printf '%s%s\n' "$p" "$s"; done | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
# The administrator whose shell reads the grants and keys.
ADMIN=admin
# grants WHO: WHO's mission-key grants, sorted, one a line (the authority: WHO = authority).
grants() {
    if [ "$1" = authority ]; then
        sql "$ADMIN" "SELECT name FROM key_grant WHERE account_gid = zeroblob(16) AND name LIKE 'mission %' ORDER BY name"
    else
        sql "$ADMIN" "SELECT g.name FROM key_grant g JOIN account a ON a.gid = g.account_gid
            WHERE a.name = '$1' AND g.name LIKE 'mission %' ORDER BY g.name"
    fi
}
# current MISSION CLASS...: the grant names of those mission keys at their current generation.
current() {
    local m=$1 c q=
    shift
    for c in "$@"; do
        q+="SELECT 'mission $m $c ' || gen FROM mission_key WHERE mission = '$m' AND class = '$c';"
    done
    sql "$ADMIN" "$q" | LC_ALL=C sort
}
# gen MISSION CLASS: the current generation of that mission key.
gen() { sql "$ADMIN" "SELECT gen FROM mission_key WHERE mission = '$1' AND class = '$2'"; }
# sealed WHAT SQL CLASSBYTE: SQL selects (value, owner gid) pairs; each value is a sealed field
# of that class (a blob: "DK", version 1, the class byte, then the owner's gid).
sealed() {
    local what=$1 q=$2 cls=$3
    local n
    n=$(sql aude "SELECT count(*) FROM ($q)")
    [ "$n" -gt 0 ] && ok || fail "$what: no value to look at"
    expect_eq "$(sql aude "SELECT sum(typeof(v) = 'blob' AND hex(substr(v, 1, 4)) = '444B01$cls'
        AND substr(v, 5, 16) = o AND length(v) > 60) FROM ($q)")" "$n" \
        "$what: each of the $n values a sealed field of class $cls bound to its owner"
}

# --- The world: two missions, one officer each, an advocate and an auditor ---------------------
init_db
add_user omar --role officer --mission MONUSCO
add_user mina --role officer --mission MINUSCA
add_user ada --role advocate --mission MONUSCO
add_user aude --role auditor

# Every narrative and identity carries a marker QZ<MON|MIN|REL><field>: SUMA the summary given at
# case add, SUMS the one `case set` gives, NOTE a case note, VNAM/VCON a victim's name and
# contact, VNOT/VPRO a victim event's note and provider, SNAM/SIDX/SUNI a subject's name, index
# number and unit.
FIELDS=(SUMA SUMS NOTE VNAM VCON VNOT VPRO SNAM SIDX SUNI)
# record WHO MISSION TAG: a case in MISSION with every marked field, by WHO; sets $ref and $vic.
record() {
    local who=$1 m=$2 t=$3
    run_as "$who" case add --mission "$m" --reported 2026-09-01 --category sexual_exploitation \
        --incident 2026-08-20 --summary "QZ${t}SUMA reported at the gate"
    expect_rc 0 "$who records a case in $m"
    ref=$out
    run_as "$who" case note "$ref" --note "QZ${t}NOTE met the witness" --on 2026-09-03
    expect_rc 0 "$who notes $ref"
    run_as "$who" case set "$ref" summary "QZ${t}SUMS corrected account"
    expect_rc 0 "$who sets the summary of $ref"
    run_as "$who" victim add "$ref" --sex female --age adult --name "Qz${t,,}vnam Ayele" \
        --contact "QZ${t}VCON +243 81 000" --on 2026-09-04
    expect_rc 0 "$who names a victim in $ref"
    vic=$out
    run_as "$who" victim inform "$vic" --note "QZ${t}VNOT called back" --on 2026-09-05
    expect_rc 0 "$who informs $vic"
    run_as "$who" victim assist "$vic" medical --on 2026-09-06 --status referred \
        --provider "QZ${t}VPRO Clinic" --consent yes
    expect_rc 0 "$who records assistance for $vic"
    run_as "$who" subject add "$ref" --personnel military_mc --name "Qz${t,,}snam Kabila" \
        --index "QZ${t}SIDX-4417" --unit "QZ${t}SUNI Battalion" --on 2026-09-07
    expect_rc 0 "$who adds a subject to $ref"
}
record omar MONUSCO MON
A=$ref VA=$vic
record mina MINUSCA MIN
N=$ref VN=$vic
run_as mina case move "$N" assessment --on "$TODAY"
expect_rc 0 "mina moves $N to assessment"
# R: a MONUSCO case the administrator will put under MINUSCA.
run_as admin case add --mission MONUSCO --reported 2026-09-02 --category sexual_abuse --summary 'QZRELSUMA moved'
expect_rc 0 "admin records a case to relocate"
R=$out
run_as admin victim add "$R" --sex male --age child --name 'Qzrelvnam Okafor' --on 2026-09-08
expect_rc 0 "admin names a victim in $R"
VR=$out
ALL_MON=($(marks QZMON "${FIELDS[@]}")) ALL_MIN=($(marks QZMIN "${FIELDS[@]}"))
ALL_REL=(QZRELSUMA QZRELVNAM)

# --- Sealed in the database: what an officer's shell sees ----------------------------------------
# Expected: no marker of any mission anywhere in any column of any table (omar's own are sealed
# too: the data key alone opens none); every sealed column holds the field format; the
# structured fields of the MINUSCA case stay plain and readable.
dump omar "$SANDBOX/world.dump"
for t in case_file event victim_identity victim_event subject_identity key_grant mission_key content_key; do
    [ "$(rows "$SANDBOX/world.dump" "$t")" -gt 0 ] && ok || fail "the dump holds no row of $t"
done
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_MIN[@]}")" "" "no MINUSCA marker in clear in omar's dump"
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_MON[@]}")" "" "no MONUSCO marker (omar's own) in clear either"
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_REL[@]}" Ayele Kabila Okafor)" "" "no other identity in clear"
expect_eq "$(sql omar "SELECT mission, category, state, reported, incident, state_since FROM case_file WHERE ref = '$N'")" \
    "MINUSCA|sexual_exploitation|assessment|2026-09-01|2026-08-20|$TODAY" \
    "omar's shell reads the MINUSCA case's structured fields"
expect_eq "$(sql omar "SELECT group_concat(e.on_date || ' ' || e.kind || ' ' || e.state, ', ') FROM
    (SELECT e.* FROM event e JOIN case_file c ON c.id = e.case_id WHERE c.ref = '$N' ORDER BY e.id) e")" \
    "2026-09-01 created received, 2026-09-03 note received, $TODAY set received, $TODAY moved assessment" "omar's shell reads the MINUSCA case's history: dates, kinds, states"
expect_eq "$(sql omar "SELECT v.sex, v.age, v.added_on FROM victim v WHERE v.code = '$VN'")" "female|adult|2026-09-04" \
    "omar's shell reads the MINUSCA victim's structured fields"
C="SELECT c.summary v, c.gid o FROM case_file c"
sealed "case_file.summary" "$C" 01
sealed "event.note" "SELECT e.note v, c.gid o FROM event e JOIN case_file c ON c.id = e.case_id WHERE e.note IS NOT NULL" 01
sealed "event.data" "SELECT e.data v, c.gid o FROM event e JOIN case_file c ON c.id = e.case_id" 01
sealed "event.previous (summary)" "SELECT e.previous v, c.gid o FROM event e JOIN case_file c ON c.id = e.case_id
    WHERE e.field = 'summary' AND e.previous IS NOT NULL" 01
sealed "victim_identity.name" "SELECT i.name v, w.gid o FROM victim_identity i JOIN victim w ON w.id = i.victim_id" 02
sealed "victim_identity.contact" "SELECT i.contact v, w.gid o FROM victim_identity i JOIN victim w ON w.id = i.victim_id
    WHERE i.contact IS NOT NULL" 02
sealed "victim_event.note" "SELECT x.note v, w.gid o FROM victim_event x JOIN victim w ON w.id = x.victim_id
    WHERE x.note IS NOT NULL" 01
sealed "victim_event.provider" "SELECT x.provider v, w.gid o FROM victim_event x JOIN victim w ON w.id = x.victim_id
    WHERE x.provider IS NOT NULL" 01
for col in name index_number unit; do
    sealed "subject_identity.$col" "SELECT i.$col v, c.gid o FROM subject_identity i JOIN subject s ON s.id = i.subject_id
        JOIN case_file c ON c.id = s.case_id" 03
done

# --- The role matrix, from the engine's side --------------------------------------------------
# Expected: admin and the mission's officer see every marker the commands show (the first summary
# was replaced: no command shows it); the advocate all but the subject's identity; the auditor
# none; an officer of the other mission sees neither the case nor its victim.
ENGINE=(SUMS NOTE VNAM VCON VNOT VPRO SNAM SIDX SUNI)
ADVOCATE=(SUMS NOTE VNAM VCON VNOT VPRO)
for who in admin omar; do
    seen "$who" "$A" "$VA"
    expect_eq "$seen" "$(marks QZMON "${ENGINE[@]}")" "$who: what the engine shows of $A"
done
for who in admin mina; do
    seen "$who" "$N" "$VN"
    expect_eq "$seen" "$(marks QZMIN "${ENGINE[@]}")" "$who: what the engine shows of $N"
done
seen ada "$A" "$VA"
expect_eq "$seen" "$(marks QZMON "${ADVOCATE[@]}")" "ada (advocate): $A without the subject's identity"
seen aude "$A" "$VA"
expect_eq "$seen" "" "aude (auditor): no narrative, no identity of $A"
seen aude "$N" "$VN"
expect_eq "$seen" "" "aude (auditor): no narrative, no identity of $N"
unseen omar "$N" "$VN"
unseen ada "$N" "$VN"
unseen mina "$A" "$VA"
run_as admin check --format csv
expect_rc 0 "check passes on the sealed world"
expect_match "$out" $'\n''sealed fields,ok,' "check has a sealed fields row"

# --- Grants: who holds which mission key --------------------------------------------------------
# Expected (names as the design spells them): omar the three MONUSCO keys and the vetting key
# (mission ''), mina the same for MINUSCA, ada MONUSCO free_text and victim_identity only, aude
# and the administrator's own account none; the authority (all-zero gid) every key.
MONK=(free_text subject_identity victim_identity)
expect_eq "$(sql admin "SELECT group_concat(k, ', ') FROM (SELECT mission || ':' || class k FROM mission_key
    WHERE mission IN ('MONUSCO', 'MINUSCA', '') ORDER BY mission, class)")" \
    ":vet, MINUSCA:free_text, MINUSCA:subject_identity, MINUSCA:victim_identity, MONUSCO:free_text, MONUSCO:subject_identity, MONUSCO:victim_identity" \
    "each mission has a key per class, the office a vetting key"
expect_eq "$(sql admin "SELECT group_concat(k, ', ') FROM (SELECT c.class || ':' || c.mission k FROM content_key c
    WHERE c.owner IN (SELECT gid FROM case_file WHERE ref = '$A' UNION SELECT gid FROM victim WHERE code = '$VA')
    ORDER BY 1)")" "free_text:MONUSCO, free_text:MONUSCO, subject_identity:MONUSCO, victim_identity:MONUSCO" \
    "$A and $VA each have their content keys, wrapped under MONUSCO"
expect_eq "$(grants omar)" "$( (current MONUSCO "${MONK[@]}"; current '' vet) | LC_ALL=C sort)" \
    "omar holds MONUSCO's keys and the vetting key, nothing of MINUSCA"
expect_eq "$(grants mina)" "$( (current MINUSCA "${MONK[@]}"; current '' vet) | LC_ALL=C sort)" \
    "mina holds MINUSCA's keys and the vetting key"
expect_eq "$(grants ada)" "$(current MONUSCO free_text victim_identity)" \
    "ada holds MONUSCO's free_text and victim_identity keys, no subject_identity, no vetting key"
expect_eq "$(grants aude)" "" "aude holds no mission key"
expect_eq "$(grants admin)" "" "the administrator's own account holds none (it holds the authority)"
expect_eq "$(grants authority)" "$(sql admin "SELECT 'mission ' || mission || ' ' || class || ' ' || gen
    FROM mission_key ORDER BY 1")" "the authority holds every mission key at its current generation"
expect_match "$(grants authority)" "mission MINUSCA subject_identity [0-9]+" "the authority holds MINUSCA's keys"
expect_eq "$(sql admin "SELECT count(*) FROM content_key c JOIN case_file f ON f.gid = c.owner
    WHERE f.ref = '$N' AND c.mission <> 'MINUSCA'")" 0 "$N's content keys are wrapped under MINUSCA only"

# --- Vetting through the keyed hash ----------------------------------------------------------------
# Expected: the name in another spelling and case (the folded form) and the index number find the
# case; name_key and index_key are 64-hex keyed hashes, not the folded name.
S_A=$(sql admin "SELECT s.code FROM subject s JOIN case_file c ON c.id = s.case_id WHERE c.ref = '$A'")
run_as omar vet 'QZMONSNAM-kabila' --format csv
expect_rc 0 "omar vets a name in another spelling"
expect_eq "$(csv '[(x["ref"], x["subject"]) for x in r]')" "[('$A', '$S_A')]" "omar's vet finds $A by the folded name"
run_as omar vet 'QZMONSIDX-4417' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S_A']" "omar's vet finds $A by the index number"
run_as admin vet '  qzminsnam   KABILA ' --format csv
expect_eq "$(csv '[x["ref"] for x in r]')" "['$N']" "the administrator vets mina's subject in another spelling"
expect_eq "$(sql admin "SELECT count(*), sum(name_key GLOB '$(printf '[0-9a-f]%.0s' {1..64})'),
    sum(index_key GLOB '$(printf '[0-9a-f]%.0s' {1..64})') FROM subject_identity")" "2|2|2" \
    "every subject's name_key and index_key is a 64-hex keyed hash"
lacks "$(sql admin "SELECT name_key || ' ' || index_key FROM subject_identity")" "the vetting hashes" \
    qzmonsnamkabila qzminsnamkabila QZMONSIDX QZMINSIDX

# --- Relocation: the administrator puts a MONUSCO case under MINUSCA -----------------------------
# Expected: before, omar reads it and mina does not; after, mina reads its summary and its
# victim's name, omar no longer sees it; its keys (and its victim's) wrapped under MINUSCA only.
seen omar "$R" "$VR"
expect_eq "$seen" "QZRELSUMA QZRELVNAM" "omar reads $R while it is MONUSCO's"
unseen mina "$R" "$VR"
run_as admin case set "$R" mission MINUSCA
expect_rc 0 "admin: case set $R mission MINUSCA"
seen mina "$R" "$VR"
expect_eq "$seen" "QZRELSUMA QZRELVNAM" "mina reads the relocated case's summary and its victim's name"
unseen omar "$R" "$VR"
expect_eq "$(sql admin "SELECT group_concat(DISTINCT c.mission) FROM content_key c
    WHERE c.owner IN (SELECT gid FROM case_file WHERE ref = '$R' UNION SELECT gid FROM victim WHERE code = '$VR')")" \
    MINUSCA "$R's and $VR's content keys are wrapped under MINUSCA only"

# --- Removal: omar leaves; the keys he held rotate -------------------------------------------------
# Expected: MONUSCO's three keys and the vetting key get a new generation (MINUSCA's do not);
# omar's grants are gone; no grant nor wrapping of an old generation is left; the others read
# everything as before (ada the victim's name); the vetting still finds the person (hashes
# recomputed); a new MONUSCO officer reads the old cases' narratives and identities.
declare -A before
for k in "MONUSCO free_text" "MONUSCO victim_identity" "MONUSCO subject_identity" " vet" \
    "MINUSCA free_text" "MINUSCA victim_identity" "MINUSCA subject_identity"; do
    before[$k]=$(gen "${k% *}" "${k##* }")
done
OMAR_GID=$(sql admin "SELECT hex(gid) FROM account WHERE name = 'omar'")
OLD_NAME_KEY=$(sql admin "SELECT i.name_key FROM subject_identity i JOIN subject s ON s.id = i.subject_id WHERE s.code = '$S_A'")
run_as admin user remove omar
expect_rc 0 "admin removes omar"
for k in "MONUSCO free_text" "MONUSCO victim_identity" "MONUSCO subject_identity" " vet"; do
    expect_eq "$(gen "${k% *}" "${k##* }")" "$((before[$k] + 1))" "the key ($k) omar held has a new generation"
done
for k in "MINUSCA free_text" "MINUSCA victim_identity" "MINUSCA subject_identity"; do
    expect_eq "$(gen "${k% *}" "${k##* }")" "${before[$k]}" "the key ($k) omar never held did not rotate"
done
expect_eq "$(sql admin "SELECT count(*) FROM key_grant WHERE hex(account_gid) = '$OMAR_GID'")" 0 "omar's grants are gone"
expect_eq "$(sql admin "SELECT count(*) FROM key_grant WHERE name LIKE 'mission %' AND name NOT IN
    (SELECT 'mission ' || mission || ' ' || class || ' ' || gen FROM mission_key)")" 0 "no grant of an old generation is left"
expect_eq "$(sql admin "SELECT count(*) FROM content_key c JOIN mission_key m ON m.mission = c.mission AND m.class = c.class
    WHERE c.gen <> m.gen")" 0 "every content key is wrapped under its mission's current generation"
expect_eq "$(grants ada)" "$(current MONUSCO free_text victim_identity)" "ada's grants follow the new generation"
[ "$(sql admin "SELECT i.name_key FROM subject_identity i JOIN subject s ON s.id = i.subject_id WHERE s.code = '$S_A'")" \
    != "$OLD_NAME_KEY" ] && ok || fail "the vetting key rotated but the name hash did not change"
run_as omar case list
[ "$rc" -ne 0 ] && ok || fail "removed omar still unlocks"
seen ada "$A" "$VA"
expect_eq "$seen" "$(marks QZMON "${ADVOCATE[@]}")" "ada still reads $A and its victim's name after the rotation"
seen admin "$A" "$VA"
expect_eq "$seen" "$(marks QZMON "${ENGINE[@]}")" "admin still reads all of $A after the rotation"
seen mina "$N" "$VN"
expect_eq "$seen" "$(marks QZMIN "${ENGINE[@]}")" "mina still reads all of $N"
run_as mina vet 'qzminsnam kabila' --format csv
expect_eq "$(csv '[x["ref"] for x in r]')" "['$N']" "mina's vet still finds $N under the new vetting key"
add_user olek --role officer --mission MONUSCO
seen olek "$A" "$VA"
expect_eq "$seen" "$(marks QZMON "${ENGINE[@]}")" "olek, a new MONUSCO officer, reads the old case's narratives and identities"
expect_eq "$(grants olek)" "$( (current MONUSCO "${MONK[@]}"; current '' vet) | LC_ALL=C sort)" \
    "olek holds MONUSCO's keys at their current generation"
run_as olek vet 'Qzmonsnam Kabila' --format csv
expect_eq "$(csv '[x["ref"] for x in r]')" "['$A']" "olek vets the person under the new vetting key"
run_as admin check --format csv
expect_rc 0 "check passes after the rotation"
dump mina "$SANDBOX/rotated.dump"
expect_eq "$(in_clear "$SANDBOX/rotated.dump" "${ALL_MON[@]}" "${ALL_MIN[@]}" "${ALL_REL[@]}")" "" \
    "after the rotation, still no marker in clear"

if [ -n "${DOCKET_SLOW:-}" ]; then
    # A second removal: ada (advocate) held MONUSCO free_text and victim_identity only.
    # Expected: those two rotate; subject_identity and the vetting key do not.
    for k in "MONUSCO free_text" "MONUSCO victim_identity" "MONUSCO subject_identity" " vet"; do
        before[$k]=$(gen "${k% *}" "${k##* }")
    done
    run_as admin user remove ada
    expect_rc 0 "admin removes ada"
    for k in "MONUSCO free_text" "MONUSCO victim_identity"; do
        expect_eq "$(gen "${k% *}" "${k##* }")" "$((before[$k] + 1))" "the key ($k) ada held has a new generation"
    done
    for k in "MONUSCO subject_identity" " vet"; do
        expect_eq "$(gen "${k% *}" "${k##* }")" "${before[$k]}" "the key ($k) ada never held did not rotate"
    done
    seen olek "$A" "$VA"
    expect_eq "$seen" "$(marks QZMON "${ENGINE[@]}")" "olek still reads all of $A after ada's removal"
    expect_eq "$(grants olek)" "$( (current MONUSCO "${MONK[@]}"; current '' vet) | LC_ALL=C sort)" \
        "olek's grants follow the new generations"
    run_as admin check --format csv
    expect_rc 0 "check passes after the second rotation"
fi

# --- Migration: a database made before issue 16 ----------------------------------------------------
# The fixture's narratives and identities (read with dk_sql on a copy): the summaries "fixture case
# one/two/three", the note "fixture note", the victim "Fixture Victim", the subject "Fixture Subject"
# (name_key "fixturesubject"): every one holds "fixture", which nothing else in the fixture does.
# Expected: the administrator's first command takes the backup <db>.pre-mission-keys and seals them;
# check passes with a "sealed fields" row; no "fixture" in clear; docket shows the old narratives,
# to omar too once his key is bound.
DB=$SANDBOX/pre16.db ADMIN=amina
cp "$FIXTURE/pre16.db" "$DB"
cp "$FIXTURE/pre16.db.keys" "$DB.keys"
chmod 600 "$DB" "$DB.keys"
dump amina "$SANDBOX/pre16.dump"
expect_eq "$(in_clear "$SANDBOX/pre16.dump" fixture | LC_ALL=C sort -u | tr '\n' ' ')" \
    "case_file.summary: fixture event.data: fixture event.note: fixture subject_identity.name: fixture subject_identity.name_key: fixture victim_identity.name: fixture " \
    "the fixture holds its markers in clear, where the test expects them"
run_as amina case list --format csv
expect_rc 0 "migration: the administrator's first command"
expect_match "$err" "pre-mission-keys" "migration: a notice names the backup"
[ -s "$DB.pre-mission-keys" ] && ok || fail "migration: no backup $DB.pre-mission-keys"
run_as amina check --format csv
expect_rc 0 "migration: check after the upgrade"
expect_match "$out" $'\n''sealed fields,ok,' "migration: check has a sealed fields row"
run_as amina audit log --format csv
expect_eq "$(csv "[x['detail'] for x in r if x['action'] == 'fields_upgrade']")" "['cases=3 victims=1']" \
    "migration: one fields_upgrade entry"
dump amina "$SANDBOX/migrated.dump"
[ "$(rows "$SANDBOX/migrated.dump" case_file)" -eq 3 ] && ok || fail "migration: the dump holds the three cases"
expect_eq "$(in_clear "$SANDBOX/migrated.dump" fixture)" "" "migration: no narrative or identity of the fixture in clear"
run_as amina case show UNMISS-2026-0001 --format json
expect_eq "$(json 'd["summary"]')" "fixture case one" "migration: the administrator reads the old summary"
run_as amina timeline UNMISS-2026-0001 --format csv
expect_match "$out" "fixture note" "migration: the administrator reads omar's old note"
run_as amina victim show V-ACEAFRQ4NC --format json
expect_eq "$(json 'd["name"]')" "Fixture Victim" "migration: the administrator reads the victim's name"
run_as amina subject list MINUSCA-2026-0001 --format csv
expect_eq "$(csv '[x["name"] for x in r]')" "['Fixture Subject']" "migration: the administrator reads the subject's name"
run_as amina vet 'FIXTURE subject' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['S-JZ5HYCZ1BN']" "migration: vetting finds the old subject"
expect_match "$(sql amina "SELECT name_key FROM subject_identity")" '^[0-9a-f]{64}$' "migration: name_key is a keyed hash"
# omar enrols at his first command, the administrator's next binds his key and grants him UNMISS.
run_as omar case list
expect_rc 0 "migration: omar's first command (enrols)"
run_as amina case list
expect_rc 0 "migration: the administrator's next command (binds)"
run_as omar case show UNMISS-2026-0001 --format json
expect_eq "$(json 'd["summary"]')" "fixture case one" "migration: omar reads the old summary once bound"
run_as omar victim show V-ACEAFRQ4NC --format json
expect_eq "$(json 'd["name"]')" "Fixture Victim" "migration: omar reads the old victim's name"
run_as omar case show MINUSCA-2026-0001
expect_rc 1 "migration: omar still cannot read outside UNMISS"
expect_match "$(grants omar)" "^mission  vet [0-9]+
mission UNMISS free_text [0-9]+
mission UNMISS subject_identity [0-9]+
mission UNMISS victim_identity [0-9]+$" "migration: omar's grants: UNMISS and vetting"
run_as amina check --format csv
expect_rc 0 "migration: check at the end"
dump amina "$SANDBOX/migrated2.dump"
expect_eq "$(in_clear "$SANDBOX/migrated2.dump" fixture)" "" "migration: still no fixture text in clear at the end"

finish
