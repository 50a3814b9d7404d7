#!/usr/bin/env bash
# Every bundle an outside party can make is refused before anything is applied: a byte flipped
# in the header, a chunk length, the ciphertext or the signature; a bundle cut short anywhere;
# a byte after the signature; a bundle for another office; an untrusted or unknown sender; a
# newer format; a file that is no bundle, a directory, a missing file. Each exits 1 with one
# line `docket: FILE: reason` and leaves the importing office's files byte-identical. And no
# bundle holds any of the personal text it carries in a readable form.
. "$(dirname "$0")/lib.sh"

declare -A ADMIN=([field]=ana [hq]=hugo [east]=eva) NAME=([field]=FIELD [hq]=HQ [east]=EAST)
B=$SANDBOX/bundles
mkdir -p "$B"

# at OFFICE ARGS...: dk on OFFICE's database as its administrator.
at() {
    local o=$1
    shift
    DB=$SANDBOX/$o/case.db DK_USER=${ADMIN[$o]} dk "$@"
}
at_ok() {
    local o=$1 what=$2
    shift 2
    at "$o" "$@"
    expect_rc 0 "$o: $what"
}

declare -A LINE
for o in field hq east; do
    mkdir -p "$SANDBOX/$o"
    at_ok "$o" "init with an office" init --admin "${ADMIN[$o]}" --kdf interactive --office "${NAME[$o]}"
    at_ok "$o" "office show" office show
    LINE[$o]=$out
done
for pair in "field hq" "hq field" "east hq" "east field"; do
    read -r o peer <<<"$pair"
    at_ok "$o" "trusts ${NAME[$peer]}" office trust "${LINE[$peer]}" --yes
done

# --- FIELD's cases, every free text and identity carrying a marker -------------------------------
MARKERS=(QZMsummary QZMnote QZMmove QZMvictim QZMcontact QZMprovider QZMsubject QZMunit QZMindex
    QZMreason QZMassist QZMholiday 'Amélie Ngoyi' 'Kasongo Wa Ilunga')
at_ok field "case" case add --mission MONUSCO --reported 2026-10-01 --category sexual_abuse \
    --summary 'QZMsummary about Amélie Ngoyi'
A=$out
at_ok field "note" case note "$A" --note 'QZMnote from Kasongo Wa Ilunga' --on 2026-10-02
at_ok field "move" case move "$A" assessment --on 2026-10-03
at_ok field "move with a note" case move "$A" limited_info --on 2026-10-04 --note 'QZMmove waiting'
at_ok field "victim" victim add "$A" --sex female --age adult --name 'QZMvictim Amélie Ngoyi' \
    --contact 'QZMcontact +243 81 000 0000' --on 2026-10-02
V=$out
at_ok field "assistance" victim assist "$V" medical --on 2026-10-05 --status referred \
    --provider 'QZMprovider clinic' --consent yes
at_ok field "inform" victim inform "$V" --on 2026-10-06 --note 'QZMassist told'
at_ok field "subject" subject add "$A" --personnel military_mc --name 'QZMsubject Kasongo Wa Ilunga' \
    --index QZMindex-42 --unit 'QZMunit battalion' --on 2026-10-03
at_ok field "holiday" holiday add --mission MONUSCO 2026-12-26 'QZMholiday'
at_ok field "second case" case add --mission MONUSCO --reported 2026-10-10 --category sexual_abuse
A2=$out
at_ok field "assessment" case move "$A2" assessment --on 2026-10-11
at_ok field "referred" case move "$A2" referred --on 2026-10-12 --entity oios
at_ok field "extension" case extend "$A2" investigation_6m --to 2027-06-30 --reason 'QZMreason'

# Counted by hand: A created, noted, moved twice (4), V added, assisted, informed (3); A2 created,
# moved twice, extended (4): 11 events.
expect_eq "$("$DK_SQL" "$SANDBOX/field/case.db" ana 3<<<"$PASS" <<<"SELECT (SELECT count(*) FROM event) +
    (SELECT count(*) FROM victim_event) + (SELECT count(*) FROM subject_action)")" "11" "FIELD holds 11 events"
at_ok field "export for HQ" export --for HQ --to "$B/good" --all
at_ok field "export for HQ again" export --for HQ --to "$B/nothing-new"

# --- No plaintext: none of the markers, in UTF-8 or UTF-16, in any bundle -------------------------
for f in "$B"/*; do
    [ -f "$f" ] || continue
    for m in "${MARKERS[@]}"; do
        n=$(grep -c -a -F -- "$m" "$f" || true)
        expect_eq "$n" "0" "$(basename "$f") holds no [$m]"
    done
    found=$(python3 - "$f" "${MARKERS[@]}" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
for m in sys.argv[2:]:
    for enc in ('utf-8', 'utf-16-le', 'utf-16-be', 'latin-1'):
        try:
            b = m.encode(enc)
        except UnicodeEncodeError:
            continue
        if b in data or b.lower() in data.lower():
            print(m, enc)
EOF
)
    expect_eq "$found" "" "$(basename "$f") holds no marker in any encoding or case"
done
expect_eq "$(head -c 8 "$B/good")" "DOCKETB1" "a bundle starts with its magic"
expect_eq "$(od -An -tu1 -j8 -N1 "$B/good" | tr -d ' ')" "1" "a bundle is format 1"

# --- Refusals -------------------------------------------------------------------------------------
CORRUPT="not a docket bundle|the bundle is truncated|the bundle is damaged: chunk [0-9]+ fails its check|the bundle's signature does not verify|the bundle has bytes after its signature"
SIG="the bundle's signature does not verify"

# snapshot OFFICE: keeps a copy of OFFICE's folder to compare with after a refusal.
snapshot() {
    rm -rf "$SANDBOX/$1.before"
    cp -a "$SANDBOX/$1" "$SANDBOX/$1.before"
}
# refused OFFICE FILE REASON-REGEX WHAT: OFFICE's import of FILE exits 1 with one line
# `docket: FILE: reason`, and every file of OFFICE is as the last snapshot left it.
refused() {
    local o=$1 file=$2 re=$3 what=$4
    at "$o" import "$file"
    expect_rc 1 "$what"
    expect_error_line "$what"
    if [[ $err == "docket: $file: "* ]]; then ok; else fail "$what: [$err] does not name $file"; fi
    expect_match "${err#"docket: $file: "}" "^($re)$" "$what: the reason"
    expect_eq "$out" "" "$what: nothing on stdout"
    if diff -r "$SANDBOX/$o" "$SANDBOX/$o.before" >/dev/null 2>&1; then ok; else fail "$what: $o's files changed:
$(diff -r "$SANDBOX/$o" "$SANDBOX/$o.before" 2>&1 | head -5)"; fi
}
# flipped OFFSET: a copy of the good bundle with the byte at OFFSET xored with 0x01; prints its path.
flipped() {
    local f=$B/flip-$1
    python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[int(sys.argv[2])] ^= 1; open(sys.argv[3], "wb").write(b)' \
        "$B/good" "$1" "$f"
    printf '%s' "$f"
}

len=$(stat -c %s "$B/good" 2>/dev/null || echo 0)
[ "$len" -gt 400 ] && ok || fail "the bundle is only $len bytes"
snapshot hq
# Header: magic 0-7, version 8, sender gid 9-24, sender key 25-56, recipient gid 57-72,
# sealed stream key 73-152, stream header 153-176; then the first chunk's length 177-180.
declare -A AT=(
    [0]="not a docket bundle" [7]="not a docket bundle"
    [12]="the bundle's sender is not trusted here"
    [40]="the bundle is signed with a key this office does not trust for its sender"
    [60]="the bundle is for another office"
    [100]="$SIG" [160]="$SIG"
    [177]="$CORRUPT" [180]="$CORRUPT"
    [200]="$SIG" [$((len / 2))]="$SIG"
    [$((len - 64))]="$SIG" [$((len - 20))]="$SIG" [$((len - 1))]="$SIG"
)
for offset in $(printf '%s\n' "${!AT[@]}" | sort -n); do
    refused hq "$(flipped "$offset")" "${AT[$offset]}" "a byte flipped at offset $offset of $len"
done

# Cut short anywhere, header only, empty; a byte after the signature.
for n in 0 1 8 9 100 176 177 181 200 $((len / 2)) $((len - 64)) $((len - 1)); do
    head -c "$n" "$B/good" >"$B/cut-$n"
    refused hq "$B/cut-$n" "$CORRUPT" "the bundle cut to $n of $len bytes"
done
cp "$B/good" "$B/trailing"
printf '\0' >>"$B/trailing"
refused hq "$B/trailing" "the bundle has bytes after its signature|$SIG" "a byte after the signature"
cat "$B/good" "$B/good" >"$B/twice"
refused hq "$B/twice" "$CORRUPT" "a bundle followed by itself"

# A newer format.
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[8] = 2; open(sys.argv[2], "wb").write(b)' \
    "$B/good" "$B/v2"
refused hq "$B/v2" "the bundle was written by a newer docket \(format 2\)" "format 2"

# Files that are no bundle, a directory, nothing.
{ for i in $(seq 1 40); do echo "line $i of a text file that is not a bundle"; done; } >"$B/text"
refused hq "$B/text" "not a docket bundle" "a text file"
cp "$SANDBOX/field/case.db" "$B/a-database"
refused hq "$B/a-database" "not a docket bundle" "a database file"
mkdir -p "$B/folder"
refused hq "$B/folder" ".+" "a directory"
refused hq "$B/missing" ".+" "a missing file"

# Addressed to HQ, imported by EAST (which trusts FIELD).
snapshot east
refused east "$B/good" "the bundle is for another office" "HQ's bundle replayed to EAST"

# A sender HQ never trusted: EAST exports for HQ.
at_ok east "export for HQ" export --for HQ --to "$B/from-east" --all
refused hq "$B/from-east" "the bundle's sender is not trusted here" "a bundle from an office HQ does not trust"

# A sender HQ no longer trusts.
at_ok hq "untrusts FIELD" office untrust FIELD
snapshot hq
refused hq "$B/good" "the bundle's sender is not trusted here" "a bundle from an untrusted office"

# An export for an office that is not trusted, or unknown, writes nothing.
at field export --for NOWHERE --to "$B/nowhere"
expect_rc 1 "export for an unknown office"
expect_error_line "export for an unknown office"
[ -e "$B/nowhere" ] && fail "a refused export wrote a file" || ok

# Trusted again, the very bundle imports: nothing above was refused for another reason.
at_ok hq "trusts FIELD again" office trust "${LINE[field]}" --yes
at_ok hq "imports the good bundle" import "$B/good"
expect_eq "$out" "11 events, 2 new cases, 0 conflicts" "the intact bundle imports"
at_ok hq "imports the bundle with nothing new" import "$B/nothing-new"
expect_eq "$out" "0 events, 0 new cases, 0 conflicts" "a bundle with nothing new imports"
at_ok hq "case show" case show "$A"
has "$out" "HQ shows FIELD's case" QZMsummary "$V"

finish
