#!/usr/bin/env bash
# Issue 16 item 4: need-to-know by key (i16b design). An officer holding the data key and a
# SQLCipher shell (dk_sql) reads other missions' structured fields (dates, categories, states)
# but no narrative and no identity: those are sealed under per-mission keys, granted only to
# the accounts the role table allows (key_grant "mission CODE CLASS GEN"). With every key its own
# slot leads to (dk_peek), an account opens exactly what its role and missions allow. From the
# engine's side every role sees what it saw before. Removing an account rotates the keys it held
# (its old slot then opens nothing); relocating a case, or naming a victim in another mission's
# case, re-wraps their keys; vetting goes through a keyed hash; a database made before issue 16
# is sealed on its administrator's first unlock, after a backup.
#
# The plaintext scan of every file docket writes is tests/cli/test_plaintext.sh (not repeated).
# DOCKET_SLOW=1 adds a second removal (an advocate: only the classes it held rotate).
# Each dk_sql or dk_peek run derives an Argon2id key: the SQL checks of a step go in one run (ask).
. "$(dirname "$0")/lib.sh"
: "${DK_SQL:?DK_SQL must point at dk_sql}" "${DK_PEEK:?DK_PEEK must point at dk_peek}"
FIXTURE=$(cd "$(dirname "$0")" && pwd)/fixtures/pre16

# pass_of WHO: the passphrase run_as gives WHO.
pass_of() { if [ "$1" = admin ]; then printf '%s' "$PASS"; else printf '%s passphrase' "$1"; fi; }
# sql WHO SQL: runs SQL on $DB with WHO's own slot (the data key); prints the rows.
sql() {
    local o
    o=$("$DK_SQL" "$DB" "$1" 3<<<"$(pass_of "$1")" <<<"$2") || { fail "dk_sql as $1 failed on: $2"; return 0; }
    printf '%s' "$o"
}
# ask WHO KEY SQL [KEY SQL]...: every query in one dk_sql run as WHO; R[KEY] holds the rows of
# each (newline-separated).
declare -A R
ask() {
    local who=$1 q= line key=
    shift
    R=()
    while [ $# -gt 0 ]; do
        q+="SELECT '@@$1';"$'\n'"$2;"$'\n'
        R[$1]=
        shift 2
    done
    sql "$who" "$q" >"$SANDBOX/ask.out"
    while IFS= read -r line; do
        if [[ $line == @@* ]]; then
            key=${line#@@}
        elif [ -n "$key" ]; then
            R[$key]+=${R[$key]:+$'\n'}$line
        fi
    done < <(cat "$SANDBOX/ask.out"; echo)
}

# dump WHO FILE [LIKE]: every column of every table sqlite_master lists, each value as hex()
# (text and blobs alike), into FILE: a line "#TABLE|COLUMN|..." then one line "TABLE|HEX|..." per
# row. LIKE: an earlier dump of the same database whose tables and columns to take (no migration
# ran since), saving two runs.
dump() {
    local who=$1 file=$2 tables q info t
    if [ -n "${3:-}" ]; then
        info=$(grep '^#' "$3" | tr '|' '\n' | awk '/^#/ { print; next } { print "0|" $0 }')
    else
        tables=$(sql "$who" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        q=
        for t in $tables; do q+="SELECT '#$t'; PRAGMA table_info(\"$t\");"$'\n'; done
        info=$(sql "$who" "$q")
    fi
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

# seen WHO REF VICTIM [TIMELINE]: runs case show, victim show and (unless TIMELINE is "no")
# timeline as WHO; sets $seen to the markers they show (upper case, sorted, space-separated).
# Each command must succeed.
seen() {
    local who=$1 ref=$2 v=$3 all=
    run_as "$who" case show "$ref" --format json
    expect_rc 0 "$who: case show $ref"
    all+=$out
    run_as "$who" victim show "$v" --format json
    expect_rc 0 "$who: victim show $v"
    all+=$out
    if [ "${4:-}" != no ]; then
        run_as "$who" timeline "$ref" --format csv
        expect_rc 0 "$who: timeline $ref"
        all+=$out
    fi
    seen=$(markers_in "$all")
}
# markers_in TEXT: the markers TEXT holds, upper case, sorted, space-separated.
markers_in() {
    local m
    m=$(printf '%s\n' "$1" | grep -oiE 'QZ(MON|MIN|REL)[A-Z]{4}' | tr a-z A-Z | LC_ALL=C sort -u | tr '\n' ' ' || true)
    printf '%s' "${m% }"
}
# peek WHO [OPTION FILE]...: the insider WHO with every key its own slot leads to (dk_peek: its
# grants, the content keys they unwrap, every sealed field those open; --keys another slots file,
# --save the content keys to a file, --with those saved); sets $peeked to the markers it read
# (as $seen), $out to what it read.
peek() {
    local who=$1
    shift
    capture "$DK_PEEK" "$DB" "$who" "$@" 3<<<"$(pass_of "$who")"
    expect_rc 0 "dk_peek as $who $*"
    peeked=$(markers_in "$out")
}
# unseen WHO REF [VICTIM]: WHO is out of the case's mission: neither the case nor its victim exists.
unseen() {
    local who=$1 ref=$2 v=${3:-}
    run_as "$who" case show "$ref"
    expect_rc 1 "$who: case show $ref (another mission)"
    lacks "$out$err" "$who: case show $ref" QZ
    [ -n "$v" ] || return 0
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

# The state of the keys, read by keys WHO [KEY SQL]... (one dk_sql run, the extra queries in R):
# $GRANTS "HOLDER:grant name" a line (HOLDER an account's name, or "authority" for the all-zero
# gid), $MKEYS "mission:class:gen" a line.
keys() {
    local who=$1
    shift
    ask "$who" G "SELECT coalesce(a.name, CASE WHEN g.account_gid = zeroblob(16) THEN 'authority' END, '?') ||
        ':' || g.name FROM key_grant g LEFT JOIN account a ON a.gid = g.account_gid
        WHERE g.name LIKE 'mission %' ORDER BY 1" \
        K "SELECT mission || ':' || class || ':' || gen FROM mission_key ORDER BY 1" "$@"
    GRANTS=${R[G]} MKEYS=${R[K]}
}
# grants WHO: WHO's grant names in $GRANTS, sorted, one a line.
grants() { printf '%s\n' "$GRANTS" | sed -n "s/^$1://p"; }
# gen MISSION CLASS: that mission key's generation in $MKEYS.
gen() { printf '%s\n' "$MKEYS" | sed -n "s/^$1:$2://p"; }
# current MISSION CLASS...: the grant names of those keys at their generation in $MKEYS, sorted.
current() {
    local m=$1 c
    shift
    for c in "$@"; do printf 'mission %s %s %s\n' "$m" "$c" "$(gen "$m" "$c")"; done | LC_ALL=C sort
}
# officer_grants MISSION: what an officer of MISSION must hold.
officer_grants() { (current "$1" free_text subject_identity victim_identity; current '' vet) | LC_ALL=C sort; }

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
# record WHO MISSION TAG: a case in MISSION with every marked field, by WHO; sets $ref, $vic, $subj.
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
    subj=$out
}
record omar MONUSCO MON
A=$ref VA=$vic S_A=$subj
record mina MINUSCA MIN
N=$ref VN=$vic S_N=$subj
run_as mina case move "$N" assessment --on "$TODAY"
expect_rc 0 "mina moves $N to assessment"
# REL: a MONUSCO case the administrator will put under MINUSCA.
run_as admin case add --mission MONUSCO --reported 2026-09-02 --category sexual_abuse --summary 'QZRELSUMA moved'
expect_rc 0 "admin records a case to relocate"
REL=$out
run_as admin victim add "$REL" --sex male --age child --name 'Qzrelvnam Okafor' --on 2026-09-08
expect_rc 0 "admin names a victim in $REL"
VREL=$out
read -ra ALL_MON <<<"$(marks QZMON "${FIELDS[@]}")"
read -ra ALL_MIN <<<"$(marks QZMIN "${FIELDS[@]}")"
ALL_REL=(QZRELSUMA QZRELVNAM)

# --- Sealed in the database: what an officer's shell sees ----------------------------------------
# Expected: no marker of any mission anywhere in any column of any table (omar's own are sealed
# too: the data key alone opens none); every sealed column holds the field format ("DK", version
# 1, the class byte, the owner's gid: the case for narratives and subjects, the victim for its
# identity and its events); the structured fields of the MINUSCA case stay plain and readable.
dump omar "$SANDBOX/world.dump"
for t in case_file event victim_identity victim_event subject_identity key_grant mission_key content_key; do
    [ "$(rows "$SANDBOX/world.dump" "$t")" -gt 0 ] && ok || fail "the dump holds no row of $t"
done
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_MIN[@]}")" "" "no MINUSCA marker in clear in omar's dump"
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_MON[@]}")" "" "no MONUSCO marker (omar's own) in clear either"
expect_eq "$(in_clear "$SANDBOX/world.dump" "${ALL_REL[@]}" Ayele Kabila Okafor)" "" "no other identity in clear"
# sealed_q CLASSBYTE SQL: of the (v, o) pairs SQL selects, "count|how many are sealed fields of
# that class bound to owner o".
sealed_q() {
    printf "SELECT count(*) || '|' || total(typeof(v) = 'blob' AND hex(substr(v, 1, 4)) = '444B01%s'
        AND substr(v, 5, 16) = o AND length(v) > 60) FROM (%s)" "$1" "$2"
}
CE="FROM event e JOIN case_file c ON c.id = e.case_id"
VI="FROM victim_identity i JOIN victim w ON w.id = i.victim_id"
VE="FROM victim_event x JOIN victim w ON w.id = x.victim_id"
SI="FROM subject_identity i JOIN subject s ON s.id = i.subject_id JOIN case_file c ON c.id = s.case_id"
SEALED=(
    "case_file.summary" "$(sealed_q 01 "SELECT c.summary v, c.gid o FROM case_file c")"
    "event.note" "$(sealed_q 01 "SELECT e.note v, c.gid o $CE WHERE e.note IS NOT NULL")"
    "event.data" "$(sealed_q 01 "SELECT e.data v, c.gid o $CE")"
    "event.previous (summary)" "$(sealed_q 01 "SELECT e.previous v, c.gid o $CE WHERE e.field = 'summary' AND e.previous IS NOT NULL")"
    "victim_identity.name" "$(sealed_q 02 "SELECT i.name v, w.gid o $VI")"
    "victim_identity.contact" "$(sealed_q 02 "SELECT i.contact v, w.gid o $VI WHERE i.contact IS NOT NULL")"
    "victim_event.note" "$(sealed_q 01 "SELECT x.note v, w.gid o $VE WHERE x.note IS NOT NULL")"
    "victim_event.provider" "$(sealed_q 01 "SELECT x.provider v, w.gid o $VE WHERE x.provider IS NOT NULL")"
    "subject_identity.name" "$(sealed_q 03 "SELECT i.name v, c.gid o $SI")"
    "subject_identity.index_number" "$(sealed_q 03 "SELECT i.index_number v, c.gid o $SI")"
    "subject_identity.unit" "$(sealed_q 03 "SELECT i.unit v, c.gid o $SI")"
)
ask omar "${SEALED[@]}" \
    case "SELECT mission, category, state, reported, incident, state_since FROM case_file WHERE ref = '$N'" \
    history "SELECT group_concat(e.on_date || ' ' || e.kind || ' ' || e.state, ', ') FROM
        (SELECT e.* $CE WHERE c.ref = '$N' ORDER BY e.id) e" \
    victim "SELECT sex, age, added_on FROM victim WHERE code = '$VN'"
for ((i = 0; i < ${#SEALED[@]}; i += 2)); do
    col=${SEALED[i]}
    n=${R[$col]%%|*}
    [ "${n:-0}" -gt 0 ] && ok || fail "$col: no value to look at"
    expect_eq "${R[$col]}" "$n|$n.0" "$col: each of the $n values a sealed field bound to its owner"
done
expect_eq "${R[case]}" "MINUSCA|sexual_exploitation|assessment|2026-09-01|2026-08-20|$TODAY" \
    "omar's shell reads the MINUSCA case's structured fields"
expect_eq "${R[history]}" \
    "2026-09-01 created received, 2026-09-03 note received, $TODAY set received, $TODAY moved assessment" \
    "omar's shell reads the MINUSCA case's history: dates, kinds, states"
expect_eq "${R[victim]}" "female|adult|2026-09-04" "omar's shell reads the MINUSCA victim's structured fields"

# --- The role matrix, from the engine's side --------------------------------------------------
# Expected: admin and the mission's officer see every marker the commands show (the first summary
# was replaced: no command shows it); the advocate all but the subject's identity; the auditor
# none; an officer or advocate of the other mission sees neither the case nor its victim.
ENGINE=(SUMS NOTE VNAM VCON VNOT VPRO SNAM SIDX SUNI)
ADVOCATE=(SUMS NOTE VNAM VCON VNOT VPRO)
for who in admin omar; do
    seen "$who" "$A" "$VA"
    expect_eq "$seen" "$(marks QZMON "${ENGINE[@]}")" "$who: what the engine shows of $A"
done
seen mina "$N" "$VN"
expect_eq "$seen" "$(marks QZMIN "${ENGINE[@]}")" "mina: what the engine shows of $N"
seen ada "$A" "$VA"
expect_eq "$seen" "$(marks QZMON "${ADVOCATE[@]}")" "ada (advocate): $A without the subject's identity"
seen aude "$N" "$VN"
expect_eq "$seen" "" "aude (auditor): no narrative, no identity of $N"
unseen omar "$N" "$VN"
unseen mina "$A" "$VA"
run_as admin check --format csv
expect_rc 0 "check passes on the sealed world"
expect_match "$out" $'\n''sealed fields,ok,' "check has a sealed fields row"

# --- Grants: who holds which mission key --------------------------------------------------------
# Expected (names as the design spells them): omar the three MONUSCO keys and the vetting key
# (mission ''), mina the same for MINUSCA, ada MONUSCO free_text and victim_identity only, aude
# and the administrator's own account none; the authority (all-zero gid) every key. Each case's
# and victim's content keys are wrapped under its mission only.
# owners_keys REF VICTIM: "class:mission" of the content keys of the case and its victim, sorted.
owners_keys() {
    printf "SELECT group_concat(k, ', ') FROM (SELECT c.class || ':' || c.mission k FROM content_key c
        WHERE c.owner IN (SELECT gid FROM case_file WHERE ref = '%s' UNION SELECT gid FROM victim WHERE code = '%s')
        ORDER BY 1)" "$1" "$2"
}
keys admin A "$(owners_keys "$A" "$VA")" N "$(owners_keys "$N" "$VN")" \
    hashes "SELECT count(*) || '|' || total(name_key GLOB '$(printf '[0-9a-f]%.0s' {1..64})') || '|' ||
        total(index_key GLOB '$(printf '[0-9a-f]%.0s' {1..64})') FROM subject_identity" \
    hashed "SELECT name_key || ' ' || index_key FROM subject_identity"
expect_eq "$(printf '%s\n' "$MKEYS" | grep -E '^(MONUSCO|MINUSCA|):' | cut -d: -f1-2 | tr '\n' ' ')" \
    ":vet MINUSCA:free_text MINUSCA:subject_identity MINUSCA:victim_identity MONUSCO:free_text MONUSCO:subject_identity MONUSCO:victim_identity " \
    "each mission has a key per class, the office a vetting key"
expect_eq "${R[A]}" "free_text:MONUSCO, free_text:MONUSCO, subject_identity:MONUSCO, victim_identity:MONUSCO" \
    "$A and $VA have their content keys, wrapped under MONUSCO only"
expect_eq "${R[N]}" "free_text:MINUSCA, free_text:MINUSCA, subject_identity:MINUSCA, victim_identity:MINUSCA" \
    "$N and $VN have their content keys, wrapped under MINUSCA only"
expect_eq "$(grants omar)" "$(officer_grants MONUSCO)" "omar holds MONUSCO's keys and the vetting key, nothing of MINUSCA"
expect_eq "$(grants mina)" "$(officer_grants MINUSCA)" "mina holds MINUSCA's keys and the vetting key"
expect_eq "$(grants ada)" "$(current MONUSCO free_text victim_identity)" \
    "ada holds MONUSCO's free_text and victim_identity keys, no subject_identity, no vetting key"
expect_eq "$(grants aude)" "" "aude holds no mission key"
expect_eq "$(grants admin)" "" "the administrator's own account holds none (it holds the authority)"
expect_eq "$(grants '?')" "" "no grant to an account that does not exist"
expect_eq "$(grants authority)" "$(printf '%s\n' "$MKEYS" | sed 's/^\([^:]*\):\([^:]*\):/mission \1 \2 /' | LC_ALL=C sort)" \
    "the authority holds every mission key at its current generation"

# --- The insider with every key its slot leads to ------------------------------------------------
# Expected: dk_peek as omar opens every MONUSCO narrative and identity (the first summary too, in
# the history) and REL's (MONUSCO's for now), none of MINUSCA's; ada the same but the subject's
# identity; mina MINUSCA's only; aude nothing at all.
peek omar
expect_eq "$peeked" "$(marks QZ "${ALL_MON[@]#QZ}" "${ALL_REL[@]#QZ}")" "omar's keys open MONUSCO's fields, none of MINUSCA's"
peek ada
expect_eq "$peeked" "$(marks QZ MONSUMA MONSUMS MONNOTE MONVNAM MONVCON MONVNOT MONVPRO RELSUMA RELVNAM)" \
    "ada's keys open MONUSCO's narratives and victims' identities, no subject's"
peek mina
expect_eq "$peeked" "$(marks QZ "${ALL_MIN[@]#QZ}")" "mina's keys open MINUSCA's fields only"
peek aude
expect_eq "$out" "" "aude's slot leads to no key: it opens nothing"
expect_match "$err" "^grants 0, content keys 0, sealed fields [1-9]" "aude holds no grant, and the fields are there"

# --- Vetting through the keyed hash ----------------------------------------------------------------
# Expected: the name in another spelling and case (the folded form) and the index number find the
# case; name_key and index_key are 64-hex keyed hashes, not the folded name nor the number.
expect_eq "${R[hashes]}" "2|2.0|2.0" "every subject's name_key and index_key is a 64-hex keyed hash"
lacks "${R[hashed]}" "the vetting hashes" qzmonsnamkabila qzminsnamkabila QZMONSIDX QZMINSIDX
run_as omar vet 'QZMONSNAM-kabila' --format csv
expect_rc 0 "omar vets a name in another spelling"
expect_eq "$(csv '[(x["ref"], x["subject"]) for x in r]')" "[('$A', '$S_A')]" "omar's vet finds $A by the folded name"
run_as omar vet 'QZMONSIDX-4417' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S_A']" "omar's vet finds $A by the index number"
run_as admin vet '  qzminsnam   KABILA ' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S_N']" "the administrator vets mina's subject in another spelling"

# --- Relocation: the administrator puts a MONUSCO case under MINUSCA -----------------------------
# Before, omar's keys opened its fields and mina's did not (above). Expected after: mina reads its
# summary and its victim's name, omar neither sees it nor opens its fields with his keys; its keys
# (and its victim's) are wrapped under MINUSCA only.
run_as admin case set "$REL" mission MINUSCA
expect_rc 0 "admin: case set $REL mission MINUSCA"
seen mina "$REL" "$VREL" no
expect_eq "$seen" "QZRELSUMA QZRELVNAM" "mina reads the relocated case's summary and its victim's name"
unseen omar "$REL" "$VREL"
# (omar copies the content keys he holds, as an insider may while he holds them.)
peek omar --save "$SANDBOX/omar-content.keys"
expect_eq "$peeked" "$(marks QZ "${ALL_MON[@]#QZ}")" "omar's keys no longer open the relocated case's fields"
# The administrator names omar's victim in mina's case too: its keys get a MINUSCA wrapping.
run_as admin victim add "$N" --code "$VA" --on 2026-09-20
expect_rc 0 "admin names $VA in $N as well"
peek mina
expect_eq "$peeked" "$(marks QZ "${ALL_MIN[@]#QZ}" "${ALL_REL[@]#QZ}" MONVNAM MONVCON MONVNOT MONVPRO)" \
    "mina's keys open the relocated case's fields, and those of the victim named in her case"

# --- Removal: omar leaves; the keys he held rotate -------------------------------------------------
# Expected: MONUSCO's three keys get a new generation (MINUSCA's do not); the vetting key does
# not (HACKING.md "Need-to-know by key", residual: every subject's hashes and every case's seal
# would have to be made again), so the hashes stay; omar's grants are gone; no grant nor wrapping
# of an old generation is left; his old slot opens nothing; the others read everything as before
# (ada the victim's name); the vetting still finds the person; a new MONUSCO officer reads the
# old cases' narratives and identities. The DOCUMENTED RESIDUAL RISK (i16b design): the content
# keys omar copied while he held them still open those owners' fields, new ones included (content
# keys are not changed: the append-only rows would have to be rewritten), but not a case made
# after his removal.
keys admin reloc "$(owners_keys "$REL" "$VREL")" \
    omar "SELECT hex(gid) FROM account WHERE name = 'omar'" \
    name_key "SELECT i.name_key FROM subject_identity i JOIN subject s ON s.id = i.subject_id WHERE s.code = '$S_A'"
expect_eq "${R[reloc]}" "free_text:MINUSCA, free_text:MINUSCA, subject_identity:MINUSCA, victim_identity:MINUSCA" \
    "$REL's and $VREL's content keys are wrapped under MINUSCA only"
OMAR_GID=${R[omar]} OLD_NAME_KEY=${R[name_key]}
declare -A before
for k in MONUSCO:free_text MONUSCO:victim_identity MONUSCO:subject_identity :vet \
    MINUSCA:free_text MINUSCA:victim_identity MINUSCA:subject_identity; do
    before[$k]=$(gen "${k%:*}" "${k#*:}")
done
cp "$DB.keys" "$SANDBOX/before-removal.keys"
run_as admin user remove omar
expect_rc 0 "admin removes omar"
keys admin omar "SELECT count(*) FROM key_grant WHERE hex(account_gid) = '$OMAR_GID'" \
    stale "SELECT count(*) FROM key_grant WHERE name LIKE 'mission %' AND name NOT IN
        (SELECT 'mission ' || mission || ' ' || class || ' ' || gen FROM mission_key)" \
    wraps "SELECT count(*) FROM content_key c JOIN mission_key m ON m.mission = c.mission AND m.class = c.class
        WHERE c.gen <> m.gen" \
    name_key "SELECT i.name_key FROM subject_identity i JOIN subject s ON s.id = i.subject_id WHERE s.code = '$S_A'"
for k in MONUSCO:free_text MONUSCO:victim_identity MONUSCO:subject_identity; do
    expect_eq "$(gen "${k%:*}" "${k#*:}")" "$((before[$k] + 1))" "the key ($k) omar held has a new generation"
done
expect_eq "$(gen '' vet)" "${before[:vet]}" "the vetting key is not rotated (residual risk, documented)"
for k in MINUSCA:free_text MINUSCA:victim_identity MINUSCA:subject_identity; do
    expect_eq "$(gen "${k%:*}" "${k#*:}")" "${before[$k]}" "the key ($k) omar never held did not rotate"
done
expect_eq "${R[omar]}" 0 "omar's grants are gone"
expect_eq "${R[stale]}" 0 "no grant of an old generation is left"
expect_eq "${R[wraps]}" 0 "every content key is wrapped under its mission's current generation"
expect_eq "${R[name_key]}" "$OLD_NAME_KEY" "the vetting hashes stay as they were"
expect_eq "$(grants ada)" "$(current MONUSCO free_text victim_identity)" "ada's grants follow the new generation"
expect_eq "$(grants mina)" "$(officer_grants MINUSCA)" "mina's grants are as before"
run_as omar case list
[ "$rc" -ne 0 ] && ok || fail "removed omar still unlocks"
# omar kept a copy of the key slots from before: his slot still gives the data key, no field.
peek omar --keys "$SANDBOX/before-removal.keys"
expect_eq "$out" "" "removed omar, with his old slot, opens no field any more"
expect_match "$err" "^grants 0, content keys 0, " "removed omar's old slot leads to no key"
# (Without the timeline: the note is sealed under the summary's key.)
AFTER=(SUMS VNAM VCON VPRO SNAM SIDX SUNI)
seen ada "$A" "$VA" no
expect_eq "$seen" "QZMONSUMS QZMONVCON QZMONVNAM QZMONVPRO" "ada still reads $A and its victim's name after the rotation"
run_as mina vet 'qzminsnam kabila' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S_N']" "mina's vet still finds $N"
add_user olek --role officer --mission MONUSCO
run_as olek case note "$A" --note 'QZMONLATE after omar left' --on "$TODAY"
expect_rc 0 "olek notes $A"
run_as olek case add --mission MONUSCO --reported 2026-11-20 --category sexual_abuse --summary 'QZMONNEWC new case'
expect_rc 0 "olek records a new MONUSCO case"
peek omar --keys "$SANDBOX/before-removal.keys" --with "$SANDBOX/omar-content.keys"
expect_match " $peeked " " QZMONLATE " "residual risk: omar's copied content keys open a note added to $A after he left"
lacks "$peeked" "omar's copied content keys: no case made after he left, nothing of MINUSCA" QZMONNEWC QZMIN
seen olek "$A" "$VA" no
expect_eq "$seen" "$(marks QZMON "${AFTER[@]}")" "olek, a new MONUSCO officer, reads the old case's narratives and identities"
run_as olek vet 'Qzmonsnam Kabila' --format csv
expect_eq "$(csv '[x["subject"] for x in r]')" "['$S_A']" "olek, a new officer, vets the person"
run_as admin check --format csv
expect_rc 0 "check passes after the rotation"
keys mina
expect_eq "$(grants olek)" "$(officer_grants MONUSCO)" "olek holds MONUSCO's keys at their current generation"
peek olek
expect_eq "$peeked" "$(marks QZ "${ALL_MON[@]#QZ}" MONLATE MONNEWC)" "olek's keys open every MONUSCO field, old ones included"
dump mina "$SANDBOX/rotated.dump" "$SANDBOX/world.dump"
expect_eq "$(in_clear "$SANDBOX/rotated.dump" "${ALL_MON[@]}" "${ALL_MIN[@]}" "${ALL_REL[@]}" QZMONLATE QZMONNEWC)" "" \
    "after the rotation, still no marker in clear"

if [ -n "${DOCKET_SLOW:-}" ]; then
    # A second removal: ada (advocate) held MONUSCO free_text and victim_identity only.
    # Expected: those two rotate; subject_identity and the vetting key do not; olek reads on.
    for k in MONUSCO:free_text MONUSCO:victim_identity MONUSCO:subject_identity :vet; do
        before[$k]=$(gen "${k%:*}" "${k#*:}")
    done
    run_as admin user remove ada
    expect_rc 0 "admin removes ada"
    keys admin
    for k in MONUSCO:free_text MONUSCO:victim_identity; do
        expect_eq "$(gen "${k%:*}" "${k#*:}")" "$((before[$k] + 1))" "the key ($k) ada held has a new generation"
    done
    for k in MONUSCO:subject_identity :vet; do
        expect_eq "$(gen "${k%:*}" "${k#*:}")" "${before[$k]}" "the key ($k) ada never held did not rotate"
    done
    expect_eq "$(grants olek)" "$(officer_grants MONUSCO)" "olek's grants follow the new generations"
    seen olek "$A" "$VA" no
    expect_eq "$seen" "$(marks QZMON "${AFTER[@]}")" "olek still reads all of $A after ada's removal"
    run_as admin check --format csv
    expect_rc 0 "check passes after the second rotation"
fi

# --- Migration: a database made before issue 16 ----------------------------------------------------
# The fixture's narratives and identities (read with dk_sql on a copy): the summaries "fixture case
# one/two/three", the note "fixture note", the victim "Fixture Victim", the subject "Fixture Subject"
# (name_key "fixturesubject"): every one holds "fixture", which nothing else in the fixture does.
# Expected: the administrator's first command takes the backup <db>.pre-mission-keys and says so,
# then seals them; check passes with a "sealed fields" row; no "fixture" in clear; docket shows the
# old narratives, to omar too once his key is bound (his grants: UNMISS and vetting).
DB=$SANDBOX/pre16.db
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
[ -s "$DB.pre-mission-keys" ] && [ -s "$DB.pre-mission-keys.keys" ] && ok ||
    fail "migration: no backup $DB.pre-mission-keys (and .keys)"
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
# omar enrols at his first command, the administrator's next binds his key and grants him UNMISS.
run_as omar case list
expect_rc 0 "migration: omar's first command (enrols)"
run_as amina case list
expect_rc 0 "migration: the administrator's next command (binds)"
run_as omar case show UNMISS-2026-0001 --format json
expect_eq "$(json 'd["summary"]')" "fixture case one" "migration: omar reads the old summary once bound"
peek omar
expect_eq "$(printf '%s\n' "$out" | grep -oiE 'fixture [a-z]+( one| two| three)?' | LC_ALL=C sort -u | tr '\n' ',')" \
    "Fixture Victim,fixture case one,fixture case two,fixture note," \
    "migration: omar's keys open UNMISS's old fields, not MINUSCA's"
run_as amina check --format csv
expect_rc 0 "migration: check at the end"
expect_match "$out" $'\n''sealed fields,ok,' "migration: check has a sealed fields row"
keys amina name_key "SELECT name_key FROM subject_identity"
expect_match "${R[name_key]}" '^[0-9a-f]{64}$' "migration: name_key is a keyed hash"
expect_eq "$(grants omar)" "$(officer_grants UNMISS)" "migration: omar's grants: UNMISS and vetting"

finish
