#!/usr/bin/env bash
# Office identity (issue 13): two databases A (init --office GOMA) and B (office init HQ)
# exchange their `office show` lines with `office trust LINE --yes` (or `-` from stdin);
# `office list` shows both, as a table, CSV and JSON; the fingerprint is BLAKE2b-160 of
# the keys as computed here independently; every refusal is one line, its exit status,
# and leaves every file byte-identical; the secret keys never reach a file in the clear.
. "$(dirname "$0")/lib.sh"

DB_A=$SANDBOX/a.db DB_B=$SANDBOX/b.db DB_C=$SANDBOX/c.db
on() {
    local db=$1
    shift
    DB=$db dk "$@"
}
# logged DB "ACTION,CASE,DETAIL" WHAT: the newest entry of that action in DB's audit log.
logged() {
    on "$1" audit log --format csv
    expect_eq "$(printf '%s\n' "$out" | cut -d, -f4- | grep "^${2%%,*}," | tail -n 1)" "$2" "$3"
}
# refused DB STATUS WHAT ARGS...: exit STATUS, one error line, no file changed.
refused() {
    local db=$1 want=$2 what=$3
    shift 3
    DB=$db expect_refused_unchanged "$want" "$what" "$@"
}

# fingerprint LINE: the fingerprint of the line's gid and keys, computed without docket.
fingerprint() {
    python3 - "$1" <<'EOF'
import hashlib, sys
f = sys.argv[1].split(':')
h = hashlib.blake2b(b'docket-office-v1' + bytes.fromhex(f[3]) + bytes.fromhex(f[4]) +
                    bytes.fromhex(f[5]), digest_size=20).digest()
bits = int.from_bytes(h[:10], 'big')
a = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
c = ''.join(a[(bits >> (75 - 5 * i)) & 31] for i in range(16))
print('-'.join(c[i:i + 4] for i in range(0, 16, 4)))
EOF
}

# --- init --office, office init ------------------------------------------------------------
DB=$DB_A dk init --admin admin --kdf interactive --office 'bad name'
expect_rc 1 "init --office with a bad name"
expect_eq "$err" "docket: invalid office name (1 to 32 of A-Z, a-z, 0-9, '.', '_', '-')" \
    "init --office: the name rule"
[ ! -e "$DB_A" ] && [ ! -e "$DB_A.keys" ] && ok || fail "a refused init left files"
DB=$DB_A init_db --office GOMA
DB=$DB_B init_db
DB=$DB_C init_db
# The first open after init turns the folded file to WAL mode: not what a refusal may change.
for db in "$DB_A" "$DB_B" "$DB_C"; do on "$db" user list; done

refused "$DB_B" 1 "office show without an office" office show
expect_eq "$err" "docket: this database has no office yet: run docket office init NAME" \
    "no office yet"
refused "$DB_B" 1 "office init with a bad name" office init 'H:Q'
on "$DB_B" office init HQ
expect_rc 0 "office init"
expect_match "$out" '^office HQ, fingerprint [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$' \
    "office init names the office and its fingerprint"
fp_init=${out##* }
refused "$DB_B" 1 "office init twice" office init OTHER
expect_eq "$err" "docket: this database is already office HQ" "office init twice: the message"
refused "$DB_A" 1 "office init on a database made with --office" office init OTHER
expect_eq "$err" "docket: this database is already office GOMA" "init --office made GOMA"
on "$DB_C" office init goma
expect_rc 0 "office init goma (C)"

# --- the lines ---------------------------------------------------------------------------
LINE_RE='^docket-office:1:[A-Za-z0-9._-]+:[0-9a-f]{32}:[0-9a-f]{64}:[0-9a-f]{64}:[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$'
on "$DB_A" office show
expect_rc 0 "office show (A)"
LA=$out
on "$DB_B" office show
LB=$out
on "$DB_C" office show
LC=$out
expect_match "$LA" "$LINE_RE" "A's line"
expect_match "$LB" "$LINE_RE" "B's line"
has "$LA" "A's line names GOMA" "docket-office:1:GOMA:"
expect_eq "${LA##*:}" "$(fingerprint "$LA")" "A's fingerprint is BLAKE2b-160 of its keys"
expect_eq "${LB##*:}" "$(fingerprint "$LB")" "B's fingerprint is BLAKE2b-160 of its keys"
expect_eq "${LB##*:}" "$fp_init" "office init printed the fingerprint the line carries"
on "$DB_A" office show
expect_eq "$out" "$LA" "the line is stable"
gid_a=$(cut -d: -f4 <<<"$LA") gid_b=$(cut -d: -f4 <<<"$LB")

# --- trust -------------------------------------------------------------------------------
refused "$DB_A" 2 "trust without a terminal nor --yes" office trust "$LB"
expect_eq "$err" \
    "docket: office trust asks for confirmation: run it at a terminal or add --yes" \
    "trust asks for confirmation"
on "$DB_A" office trust "$LB" --yes
expect_rc 0 "A trusts B"
expect_eq "$out" "trusted office HQ (${LB##*:})" "trust names the office and its fingerprint"
DB=$DB_B dk_stdin "$LA
" office trust - --yes
expect_rc 0 "B trusts A, the line on stdin"
expect_eq "$out" "trusted office GOMA (${LA##*:})" "trust from stdin"
on "$DB_A" office trust "$LB" --yes
expect_rc 0 "the same line again"
expect_eq "$out" "office HQ is already trusted" "the same line again says so"
logged "$DB_A" "office_trust,,office=$gid_b" "A's trust is audited"
logged "$DB_A" "office_init,,office=$gid_a" "init --office is audited"
logged "$DB_B" "office_init,,office=$gid_b" "office init is audited"

# --- list --------------------------------------------------------------------------------
on "$DB_A" office list
expect_rc 0 "office list"
expect_eq "$(sed -n 1p <<<"$out" | tr -s ' ')" "NAME TRUST FINGERPRINT AUDIT HEAD CHAIN" "headers"
expect_eq "$(sed -n 2p <<<"$out" | tr -s ' ')" "GOMA self ${LA##*:} ok" "self first"
expect_eq "$(sed -n 3p <<<"$out" | tr -s ' ')" "HQ trusted ${LB##*:} ok" "then the peer"
on "$DB_B" office list --format csv
expect_eq "$out" "name,trust,fingerprint,audit_head,chain
HQ,self,${LB##*:},,ok
GOMA,trusted,${LA##*:},,ok" "office list as CSV"
on "$DB_B" office list --format json
expect_eq "$(json "[(o['name'], o['trust'], o['fingerprint'], o['audit_head'], o['chain']) for o in d]")" \
    "[('HQ', 'self', '${LB##*:}', '', 'ok'), ('GOMA', 'trusted', '${LA##*:}', '', 'ok')]" \
    "office list as JSON"

# --- refusals, each leaving the files as they were ---------------------------------------
notline() { expect_eq "$err" "docket: that is not an office line: $1" "$2: the reason"; }
refused "$DB_A" 1 "own line" office trust "$LA" --yes
notline "it is this office's own line" "own line"
refused "$DB_A" 1 "uppercase hex" office trust "${LB^^}" --yes
refused "$DB_A" 1 "uppercase gid" office trust "$(sed "s/:$gid_b:/:${gid_b^^}:/" <<<"$LB")" --yes
notline "the office id is not 32 lowercase hex digits" "uppercase gid"
refused "$DB_A" 1 "short key" office trust "$(cut -d: -f1-4 <<<"$LB"):00:$(cut -d: -f6-7 <<<"$LB")" --yes
notline "the signing key is not 64 lowercase hex digits" "short key"
refused "$DB_A" 1 "wrong fingerprint" office trust "${LB%:*}:0000-0000-0000-0000" --yes
notline "its fingerprint does not match its keys" "wrong fingerprint"
refused "$DB_A" 1 "version 2" office trust "$(sed 's/^docket-office:1:/docket-office:2:/' <<<"$LB")" --yes
notline "it is not of version 1" "version 2"
refused "$DB_A" 1 "bad name in the line" office trust "$(sed 's/:HQ:/:H Q:/' <<<"$LB")" --yes
refused "$DB_A" 1 "not a line at all" office trust "hello" --yes
notline "it does not start with docket-office" "not a line"
refused "$DB_A" 1 "a name another trusted office has" office trust "$LC" --yes
expect_eq "$err" "docket: another trusted office is named GOMA" "duplicate name"
refused "$DB_B" 1 "a name another trusted office has (any case)" office trust "$LC" --yes

# B's office id under C's keys: a well-formed line with its right fingerprint.
forged="docket-office:1:HQ:$gid_b:$(cut -d: -f5-6 <<<"$LC")"
forged="$forged:$(fingerprint "$forged:x")"
refused "$DB_A" 1 "other keys for a trusted office" office trust "$forged" --yes
expect_eq "$err" \
    "docket: office HQ is trusted already with other keys: run docket office untrust HQ first" \
    "other keys: untrust first"

DB=$DB_A add_user kofi --role officer --mission MONUSCO
DB=$DB_A DK_USER=kofi DK_PASS="kofi passphrase" dk office trust "$LC" --yes
expect_rc 4 "an officer may not trust"
expect_error_line "officer trust"
DB=$DB_A DK_USER=kofi DK_PASS="kofi passphrase" dk office list --format csv
expect_rc 0 "an officer may list"
expect_eq "$(csv "len(r)")" 2 "the officer sees both offices"

# --- untrust -----------------------------------------------------------------------------
refused "$DB_A" 1 "untrust this office" office untrust goma
expect_eq "$err" "docket: GOMA is this office: it cannot be untrusted" "untrust self"
refused "$DB_A" 1 "untrust an unknown office" office untrust NOPE
expect_eq "$err" "docket: no trusted office is named NOPE" "untrust unknown"
on "$DB_A" office untrust hq
expect_rc 0 "untrust HQ (any case)"
logged "$DB_A" "office_untrust,,office=$gid_b" "untrust is audited"
on "$DB_A" office list --format csv
expect_eq "$(csv "[(x['name'], x['trust'], x['fingerprint']) for x in r]")" \
    "[('GOMA', 'self', '${LA##*:}'), ('HQ', 'known', '')]" "untrusted: known, no fingerprint"
refused "$DB_A" 1 "untrust twice" office untrust HQ
on "$DB_A" office trust "$forged" --yes
expect_rc 0 "a known office is trusted again under the line's keys"
on "$DB_A" office list --format csv
expect_eq "$(csv "[x['fingerprint'] for x in r if x['name'] == 'HQ'][0]")" "${forged##*:}" \
    "the new keys' fingerprint"

# --- the secret keys are in the encrypted database only -----------------------------------
keys=$("$DK_SQL" "$DB_A" admin 3<<<"$PASS" <<<"SELECT hex(sign_sk), hex(box_sk) FROM office WHERE trust = 2;")
expect_match "$keys" '^[0-9A-F]{128}\|[0-9A-F]{64}$' "the secret keys are stored"
for f in "$DB_A" "$DB_A-wal" "$DB_A.keys"; do
    [ -f "$f" ] || continue
    if python3 - "$f" "${keys%%|*}" "${keys##*|}" <<'EOF'; then ok; else fail "secret key bytes in $f"; fi
import sys
data = open(sys.argv[1], 'rb').read()
seed, box = bytes.fromhex(sys.argv[2])[:32], bytes.fromhex(sys.argv[3])
needles = [seed, box, seed.hex().encode(), box.hex().encode(), seed.hex().upper().encode(),
           box.hex().upper().encode()]
sys.exit(1 if any(n in data for n in needles) else 0)
EOF
done
on "$DB_A" office list --format json
lacks "$out$LA" "office list and show" "${keys:0:64}" "${keys##*|}"

finish
