#!/usr/bin/env bash
# tests/deb/test_deb.sh DEB (or DOCKET_DEB=DEB): checks a built docket package as a user
# would get it. Its control fields (name, meson's version, this machine's architecture, the
# libraries it depends on); its file list (the program, every man page and translation of
# the tree it was built from, nothing outside /usr); then, extracted into a
# clean scratch root with dpkg-deb -x, the packaged program: --version, init on a new
# database, a case added and listed, French from the packaged catalogue, the bash completion
# if there is one, and every packaged man page rendered by man(1).
# Not in the meson suites (it needs a built package, ~2 minutes to build): ./run deb builds
# one and runs this on it. Needs dpkg-deb and man-db (./run deb installs them).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/../.." && pwd)
DEB=${1:-${DOCKET_DEB:-}}
PASSPHRASE='deb test passphrase, not a secret'

fail() {
    printf 'test_deb: FAIL: %s\n' "$*" >&2
    exit 1
}
ok() { printf 'test_deb: ok: %s\n' "$*"; }

[ -n "$DEB" ] || {
    printf 'usage: tests/deb/test_deb.sh DEB (or DOCKET_DEB=DEB)\n' >&2
    exit 2
}
[ -f "$DEB" ] || fail "no such package: $DEB"
for tool in dpkg-deb man; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install dpkg man-db)"
done

# --- Control fields ---
VERSION=$(sed -n "s/^  version: '\([^']*\)',\$/\1/p" "$TOP/meson.build")
[ -n "$VERSION" ] || fail "no version in $TOP/meson.build"
field() { dpkg-deb --field "$DEB" "$1"; }
[ "$(field Package)" = docket ] || fail "Package is '$(field Package)', not docket"
[ "$(field Version)" = "$VERSION" ] ||
    fail "Version is '$(field Version)', meson.build says $VERSION"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] ||
    fail "Architecture is '$(field Architecture)', not $(dpkg --print-architecture)"
DEPENDS=$(field Depends)
for lib in libc6 libsqlcipher0 libsodium23 libncursesw6; do
    grep -Eq "(^|, )$lib( \(|,|$)" <<<"$DEPENDS" || fail "Depends does not name $lib: $DEPENDS"
done
ok "control: docket $VERSION $(field Architecture), Depends: $DEPENDS"

# --- File list ---
FILES=$(dpkg-deb --fsys-tarfile "$DEB" | tar -t)
has() { grep -qxF "./$1" <<<"$FILES" || fail "the package has no /$1"; }
has usr/bin/docket
has usr/share/doc/docket/copyright
has usr/share/doc/docket/changelog.gz
# Every man page and translation in the tree, wherever meson puts them: pages and
# languages added later are checked without editing this test.
shopt -s nullglob
pages=0
for page in "$TOP"/man/*.[1-9] "$TOP"/man/*/*.[1-9]; do
    name=${page##*/}
    dir=${page%/*}
    lang=${dir#"$TOP"/man}
    has "usr/share/man${lang:+$lang}/man${name##*.}/$name.gz"
    pages=$((pages + 1))
done
[ "$pages" -gt 0 ] || fail "no man page found under $TOP/man"
has usr/share/man/man1/docket.1.gz
mapfile -t langs < <(sed 's/#.*//' "$TOP/po/LINGUAS" | tr -s ' \t' '\n' | grep -v '^$')
for lang in "${langs[@]}"; do
    has "usr/share/locale/$lang/LC_MESSAGES/docket.mo"
done
has usr/share/locale/fr/LC_MESSAGES/docket.mo
# Nothing but docket in /usr/bin (the benchmark programs are built, never installed), and
# nothing outside /usr.
[ "$(grep -c '^\./usr/bin/.' <<<"$FILES")" -eq 1 ] ||
    fail "more than docket in /usr/bin: $(grep '^\./usr/bin/.' <<<"$FILES" | tr '\n' ' ')"
stray=$(grep -Ev '^\./$|^\./usr/' <<<"$FILES" || true)
[ -z "$stray" ] || fail "files outside /usr: $stray"
ok "files: /usr/bin/docket, $pages man page(s), translations: ${langs[*]}, nothing outside /usr"

# --- The packaged program, from a clean root ---
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
ROOT=$SCRATCH/root
mkdir -p "$ROOT" "$SCRATCH/db"
dpkg-deb -x "$DEB" "$ROOT"
DOCKET=$ROOT/usr/bin/docket
[ -x "$DOCKET" ] || fail "$DOCKET is not executable"
# The program must not pick up a build tree's catalogues or pages.
unset DOCKET_LOCALEDIR LANGUAGE LC_ALL LC_MESSAGES MANPATH
export LANG=C.UTF-8

out=$("$DOCKET" --version) || fail "docket --version exited $?"
grep -qF "$VERSION" <<<"$out" || fail "docket --version printed '$out', not $VERSION"
ok "docket --version: $out"

DB=$SCRATCH/db/cases.db
docket_as() {
    "$DOCKET" --db "$DB" --user amina --passphrase-fd 3 "$@" 3<<<"$PASSPHRASE"
}
docket_as init --admin amina --kdf interactive >/dev/null || fail "docket init exited $?"
[ -s "$DB" ] || fail "docket init made no database at $DB"
ref=$(printf 'Synthetic allegation for the package test.\n' |
    docket_as case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse \
        --summary -) || fail "docket case add exited $?"
out=$(docket_as case list --format csv) || fail "docket case list exited $?"
grep -q '^MONUSCO-2026-0001,' <<<"$out" ||
    fail "case list does not show the case just added ($ref): $out"
ok "docket init, case add, case list on a new database"

# French from the packaged catalogue (the installed path is /usr/share/locale; this root's
# is given by DOCKET_LOCALEDIR): the same usage error, translated.
en=$("$DOCKET" case frobnicate 2>&1 >/dev/null || true)
fr=$(DOCKET_LOCALEDIR=$ROOT/usr/share/locale LANGUAGE=fr "$DOCKET" case frobnicate 2>&1 \
    >/dev/null || true)
if [ -z "$en" ] || [ -z "$fr" ] || [ "$en" = "$fr" ]; then
    fail "no French from the packaged catalogue: English '$en', French '$fr'"
fi
ok "French from the packaged catalogue: $fr"

# A bash completion, once meson installs one: where bash-completion loads it from
# (/usr/share/bash-completion/completions/docket, loaded on the first <Tab> after docket),
# and sourcing it registers a completion for docket.
completions=0
while IFS= read -r file; do
    [ "${file##*/}" = docket ] || fail "a completion file not named docket is never loaded: /$file"
    bash -n "$ROOT/$file" || fail "/$file is not valid bash"
    bash -c 'source "$1" && complete -p docket' _ "$ROOT/$file" >/dev/null 2>&1 ||
        fail "sourcing /$file registers no completion for docket"
    completions=$((completions + 1))
done < <(grep -E '^\./usr/share/bash-completion/completions/[^/]+$' <<<"$FILES" | sed 's|^\./||')
ok "bash completion: $completions file(s)"

# man docket as a user types it (the root's pages on MANPATH); man -L LANG picks each
# translated page over the English one. Then every packaged page at 80 columns with troff's
# warnings: any fails, except a line too long to break (a long word in a table cell), which
# only overflows the terminal: lintian ignores those (it renders at 120 columns) and so does
# this, saying them.
MAN=(env MANPATH="$ROOT/usr/share/man" MANPAGER=cat MANWIDTH=80 man)
out=$("${MAN[@]}" docket 2>"$SCRATCH/man.err") ||
    fail "man docket exited $?: $(cat "$SCRATCH/man.err")"
grep -q 'case management for misconduct' <<<"$out" ||
    fail "man docket does not show docket(1)'s NAME line"
grep -q 'SYNOPSIS' <<<"$out" || fail "man docket shows no SYNOPSIS"
translated=0
while IFS= read -r page; do
    rest=${page#./usr/share/man/}
    lang=${rest%%/*}
    name=${page##*/}
    name=${name%.gz}
    found=$("${MAN[@]}" -w -L "$lang" "${name##*.}" "${name%.*}") ||
        fail "man -L $lang ${name%.*} finds no page"
    [ "$found" = "$ROOT/${page#./}" ] || fail "man -L $lang ${name%.*} opens $found, not /${page#./}"
    translated=$((translated + 1))
done < <(grep -E '^\./usr/share/man/[a-z][a-z](_[A-Z][A-Z])?/man[1-9]/.*\.gz$' <<<"$FILES")
rendered=0
overflows=0
while IFS= read -r page; do
    out=$(MANPAGER=cat MANWIDTH=80 man --warnings -l "$ROOT/$page" 2>"$SCRATCH/man.err") ||
        fail "man -l /$page exited $?: $(cat "$SCRATCH/man.err")"
    [ -n "$out" ] || fail "man -l /$page rendered nothing"
    if grep -v "warning \[.*\]: can't break line" "$SCRATCH/man.err" | grep -q .; then
        fail "man -l /$page warns: $(head -5 "$SCRATCH/man.err")"
    fi
    while IFS= read -r warning; do
        printf 'test_deb: note: /%s at 80 columns: %s\n' "$page" "${warning#troff: }"
        overflows=$((overflows + 1))
    done <"$SCRATCH/man.err"
    rendered=$((rendered + 1))
done < <(grep -E '^\./usr/share/man/.*\.gz$' <<<"$FILES" | sed 's|^\./||')
ok "man docket; $rendered packaged page(s) rendered, no troff warning but $overflows overflow(s);" \
    "$translated translated page(s) found by man -L"
