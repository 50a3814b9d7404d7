#!/usr/bin/env bash
# French first: po/POTFILES lists every file with translatable strings, and po/fr.po
# translates every one of them (no untranslated, no fuzzy, no obsolete mismatch).
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
bad=0

expected=$(grep -rlE '(^|[^A-Za-z0-9_])N?_\("' src include | LC_ALL=C sort)
listed=$(grep -v '^#' po/POTFILES | sed '/^$/d' | LC_ALL=C sort)
if [ "$expected" != "$listed" ]; then
    echo "po: po/POTFILES is out of date:" >&2
    diff <(echo "$listed") <(echo "$expected") >&2 || true
    bad=1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --language=C -o "$tmp/docket.pot" \
    -f po/POTFILES
msgmerge -q --no-fuzzy-matching -o "$tmp/fr.po" po/fr.po "$tmp/docket.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/fr.po" 2>&1)
case "$stats" in
*untranslated* | *fuzzy*)
    echo "po: fr.po is incomplete against the sources: $stats" >&2
    msgattrib --untranslated --no-obsolete "$tmp/fr.po" | grep '^msgid' | head -20 >&2 || true
    bad=1
    ;;
esac
msgfmt --check -o /dev/null po/fr.po || bad=1
[ "$bad" -eq 0 ] && echo "po: $stats"
exit "$bad"
