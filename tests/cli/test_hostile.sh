#!/usr/bin/env bash
# Hostile input as a table (tests/cli/hostile.table): each row runs docket once against a world
# with two missions, open and closed cases, victims, subjects and an account of every role.
# A refused row must exit with its status, print exactly one stderr line starting with its
# prefix and nothing on stdout, and leave every file byte-identical; an accepted row (status 0)
# must print what the row expects. No stdout or stderr may carry a raw control byte (C0 but
# TAB and LF, DEL, C1, invalid UTF-8) or, but in CSV, a bidi control its own line does not close.
. "$(dirname "$0")/lib.sh"

TABLE=$(dirname "$0")/hostile.table
ROWS=$SANDBOX/io/rows
mkdir -p "$ROWS" "$SANDBOX/in"
declare -A ids=([SB]=$SANDBOX)

# ---- The world -------------------------------------------------------------------------------
init_db --office HQ-GOMA
add_user off1 --role officer --mission MONUSCO
add_user adv1 --role advocate --mission MONUSCO
add_user aud1 --role auditor
add_user off2 --role officer --mission MINUSCA

# keep NAME ARGS...: runs dk ARGS (must succeed) and keeps its stdout as @NAME@.
keep() {
    local name=$1
    shift
    dk "$@"
    [ "$rc" -eq 0 ] || { echo "setup failed: $* -> $err" >&2; exit 1; }
    ids[$name]=$out
}
keep R1 case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --summary plain
keep _ case move "${ids[R1]}" assessment --on 2026-01-12
keep _ case move "${ids[R1]}" referred --on 2026-01-15 --entity tcc
keep R2 case add --mission MONUSCO --reported 2026-02-01 --category other
keep _ case move "${ids[R2]}" assessment --on 2026-02-02
keep _ case move "${ids[R2]}" closed --on 2026-02-03 --closure not_sea
keep R3 case add --mission MINUSCA --reported 2026-03-01 --category sexual_exploitation
# Hostile text that is accepted by design (free text takes any printable text): shown safely.
keep R4 case add --mission MONUSCO --reported 2026-04-01 --category other \
    --summary $'=HYPERLINK("http://x")\n\u202Eevil\u202C and \u2067isolate'
keep _ case note "${ids[R1]}" --note "'; DROP TABLE case_file;--" --on 2026-01-16
keep V1 victim add "${ids[R1]}" --sex female --age adult --name $'\u202Egnirts' --contact '@SUM(A1)' \
    --on 2026-01-20
keep V3 victim add "${ids[R3]}" --sex male --age child --on 2026-03-02
keep S1 subject add "${ids[R1]}" --personnel military_mc --name "Rajesh Thapa" --index 'I-1' \
    --on 2026-01-20
keep S3 subject add "${ids[R3]}" --personnel police_fpu --on 2026-03-02
keep _ holiday add --mission MONUSCO 2026-06-30 $'+cmd|\u2066x'
keep _ mission add XHOST --name $'-2+3 \u202Dover'
keep LINE office show

# Files for the options that read one: empty, NUL bytes, garbage, a directory, a FIFO-free dir.
: >"$SANDBOX/in/empty"
printf 'docket\000bundle\000' >"$SANDBOX/in/nul"
head -c 4096 /dev/urandom >"$SANDBOX/in/garbage"
printf 'DOCKET-BUNDLE 1\n\033[31mred\n' >"$SANDBOX/in/esc"
mkdir -p "$SANDBOX/in/dir"
printf 'not a database\n' >"$SANDBOX/in/notdb.db"
# Passphrase files: each row may name one as WHO:FILE.
printf 'long passphrase' >"$SANDBOX/in/nonl"
printf 'long\000passphrase\n' >"$SANDBOX/in/pnul"
printf '\n' >"$SANDBOX/in/pempty"
head -c 1100 /dev/zero | tr '\0' p >"$SANDBOX/in/plong"
printf '\377\376 passphrase\n' >"$SANDBOX/in/pbad"
printf '\033[2J long passphrase\n' >"$SANDBOX/in/pesc"
for who in off1 adv1 aud1 off2 nobody; do printf '%s passphrase\n' "$who" >"$SANDBOX/in/$who"; done
printf '%s\n' "$PASS" >"$SANDBOX/in/admin"

# ---- The rows --------------------------------------------------------------------------------

# word TEXT: the argument a table word stands for (printf %b; @NAME@ from ids; @Xn@ is n x's;
# a lone \c is the empty word).
subst() {
    local w=$1 k
    for k in "${!ids[@]}"; do w=${w//@$k@/${ids[$k]}}; done
    while [[ $w =~ @X([0-9]+)@ ]]; do
        w=${w/"${BASH_REMATCH[0]}"/$(head -c "${BASH_REMATCH[1]}" /dev/zero | tr '\0' x)}
    done
    REPLY=$w
}
word() {
    subst "$1"
    printf -v REPLY '%b' "$REPLY"
}

# run_row N STATUS EXPECT WHO STDIN WORDS...: one row; its output kept as $ROWS/N.out|err.
run_row() {
    local n=$1 status=${2%+audit} expect=$3 who=$4 stdin=$5 passfile before after w audited=no
    [ "$2" = "$status" ] || audited=yes
    shift 5
    local -a argv=()
    for w in "$@"; do
        word "$w"
        argv+=("$REPLY")
    done
    passfile=$SANDBOX/in/${who#*:}
    who=${who%%:*}
    before=$(files_state)
    set +e
    if [ "$stdin" = . ]; then
        "$DOCKET" --db "$DB" --user "$who" --passphrase-fd 3 --today "$TODAY" "${argv[@]}" \
            3<"$passfile" </dev/null >"$ROWS/$n.out" 2>"$ROWS/$n.err"
    else
        subst "$stdin"
        printf '%b' "$REPLY" | "$DOCKET" --db "$DB" --user "$who" --passphrase-fd 3 \
            --today "$TODAY" "${argv[@]}" 3<"$passfile" >"$ROWS/$n.out" 2>"$ROWS/$n.err"
    fi
    rc=$?
    set -e
    after=$(files_state)
    [[ " ${argv[*]} " != *" csv "* && " ${argv[*]} " != *"--format=csv"* ]] || : >"$ROWS/$n.csv"
    out=$(cat "$ROWS/$n.out")
    err=$(cat "$ROWS/$n.err")
    local what
    what="row $n ($(printf '%q ' "${argv[@]:0:4}"))"
    # DOCKET_HOSTILE_RECORD=FILE: each row's status and stderr, for writing new rows, then
    # whether the same words on no database at all give the same: refused before the unlock.
    if [ -n "${DOCKET_HOSTILE_RECORD:-}" ]; then
        local probe
        subst "$stdin"
        [ "$stdin" != . ] || REPLY=
        probe=$(printf '%b' "$REPLY" | "$DOCKET" --db "$SANDBOX/none.db" --user "$who" \
            --passphrase-fd 3 --today "$TODAY" "${argv[@]}" 3<"$passfile" 2>&1 >/dev/null) || true
        printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$rc" "${err//$'\n'/\\n}" "${out:0:60}" \
            "$([ "$probe" == "$err" ] && [ "$rc" -ne 0 ] && echo before || echo after)" >>"$DOCKET_HOSTILE_RECORD"
    fi
    expect_rc "$status" "$what"
    if [ "$status" -eq 0 ]; then
        # An accepted row: EXPECT is a text its stdout must hold ('.' for none).
        [ "$expect" = . ] || has "$out" "$what: stdout" "$(word "$expect" && printf %s "$REPLY")"
        return
    fi
    expect_error_line "$what"
    # shellcheck disable=SC2053 # EXPECT is a glob: '*' stands for the hostile value echoed back
    if [[ $err == $expect* ]]; then ok; else fail "$what: stderr [$err] does not start [$expect]"; fi
    if [ -z "$out" ]; then ok; else fail "$what: stdout not empty: [$out]"; fi
    local counted=no
    if [ "$audited" = yes ]; then
        # Refused to the account's role or missions: audited, by design (security.md 7), so the
        # database and the audit head in the key-slot file change; nothing else may.
        before=$(grep -v '^\./case\.db\(\.keys\)\? ' <<<"$before")
        after=$(grep -v '^\./case\.db\(\.keys\)\? ' <<<"$after")
    fi
    if [ "$status" -eq 3 ]; then
        [ "$(grep '^\./case\.db\.keys ' <<<"$before")" == "$(grep '^\./case\.db\.keys ' <<<"$after")" ] ||
            counted=yes
        # A failed unlock is counted in the key-slot file, by design (security.md 8: audited
        # at the next good unlock, and repeated failures slow down); nothing else may change.
        before=$(grep -v '^\./case\.db\.keys ' <<<"$before")
        after=$(grep -v '^\./case\.db\.keys ' <<<"$after")
    fi
    if [ "$before" == "$after" ]; then ok; else fail "$what: files changed:
$(diff <(echo "$before") <(echo "$after"))"; fi
    if [ "$audited" = yes ]; then
        # ... and the change is that one entry: the refusal, by that account, then admin's unlock.
        dk audit log --format csv
        expect_rc 0 "$what: the audit log"
        expect_match "$(tail -n 2 <<<"$out" | head -n 1)" "^[0-9]+,[^,]*,$who,denied," "$what: audited"
    fi
    if [ "$counted" = yes ]; then
        # The next good unlock audits the failure and clears the count (no delay for later rows).
        dk audit log --format csv
        expect_rc 0 "$what: the next good unlock"
        has "$(tail -n 3 <<<"$out")" "$what: the failure audited" "unlock_failed"
    fi
}

# Rows: CATEGORY STATUS EXPECT WHO STDIN WORDS..., tab-separated; '#' starts a comment line.
# Every row refused before the unlock runs (no key derivation: cheap); of the rows marked '*'
# (they unlock first: one Argon2id each) one in DOCKET_HOSTILE_EVERY runs by default, spread
# evenly over the table; DOCKET_SLOW=1 runs every row.
every=${DOCKET_HOSTILE_EVERY:-4}
[ "${DOCKET_SLOW:-0}" = 1 ] && every=1
declare -A per_category=()
n=0
costly=0
refusals=0
ran=0
while IFS=$'\t' read -r -a f; do
    [ "${#f[@]}" -eq 0 ] || [[ ${f[0]} == \#* ]] && continue
    n=$((n + 1))
    [ "${#f[@]}" -ge 5 ] || { fail "table row $n: fewer than 5 fields"; continue; }
    per_category[${f[0]}]=$((${per_category[${f[0]}]:-0} + 1))
    [ "${f[1]%%[*+]*}" -eq 0 ] || refusals=$((refusals + 1))
    # Accepted rows always run: they are few, and later rows may read what they wrote.
    if [[ ${f[1]} == *'*'* && ${f[1]} != 0* ]]; then
        costly=$((costly + 1))
        [ $((costly % every)) -eq 0 ] || continue
    fi
    ran=$((ran + 1))
    run_row "$n" "${f[1]//\*/}" "${f[@]:2}"
done <"$TABLE"

# Every row's stdout and stderr: no raw control, valid UTF-8, every bidi control closed on its line.
python3 - "$ROWS" <<'EOF' || fail "raw control bytes reached the terminal (above)"
import os, re, sys
bad = re.compile(r'[\x00-\x08\x0b-\x1f\x7f-\x9f]')
opens = {0x202A: 'e', 0x202B: 'e', 0x202D: 'e', 0x202E: 'e', 0x2066: 'i', 0x2067: 'i', 0x2068: 'i'}
status = 0
for name in sorted(os.listdir(sys.argv[1])):
    if name.endswith('.csv'):
        continue
    # CSV keeps a field's bidi controls as stored, for the spreadsheet (HACKING: Hostile inputs).
    csv = os.path.exists(os.path.join(sys.argv[1], name.split('.')[0] + '.csv'))
    raw = open(os.path.join(sys.argv[1], name), 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        print(f'{name}: invalid UTF-8 at byte {e.start}'); status = 1; continue
    if m := bad.search(text):
        print(f'{name}: raw control U+{ord(m.group()):04X}: {text[:200]!r}'); status = 1
    for line in text.split('\n'):
        stack = []
        for ch in line:
            c = ord(ch)
            if c in opens:
                stack.append(opens[c])
            elif c == 0x202C and stack and stack[-1] == 'e':
                stack.pop()
            elif c == 0x2069 and 'i' in stack:
                while stack.pop() != 'i':
                    pass
        if stack and not csv:
            print(f'{name}: bidi control left open: {line[:200]!r}'); status = 1
sys.exit(status)
EOF

[ "$refusals" -ge 200 ] && ok || fail "only $refusals refusals in the table"
[ "$n" -ge 250 ] && ok || fail "only $n rows in the table"
for c in $(printf '%s\n' "${!per_category[@]}" | sort); do printf '%s=%s ' "$c" "${per_category[$c]}"; done
printf '\n%d rows (%d refusals, %d unlock first); %d run (1 in %d of those that unlock)\n' \
    "$n" "$refusals" "$costly" "$ran" "$every"
finish
