#!/usr/bin/env bash
# Every man page, English and French, is valid mdoc (mandoc -Tlint prints nothing), and
# docket(1) describes every command in the CLI's command table.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
bad=0

pages=()
while IFS= read -r -d '' page; do
    pages+=("$page")
done < <(find man -type f -name '*.[1-9]' -print0 | sort -z)
for want in man/docket.1 man/docket-deadlines.7 man/docket-security.7 \
    man/fr/docket-deadlines.7 man/fr/docket-security.7; do
    if [ ! -f "$want" ]; then
        echo "man: $want is missing" >&2
        bad=1
    fi
done
for page in "${pages[@]}"; do
    lint=$(mandoc -Tlint -W warning "$page" 2>&1 || true)
    if [ -n "$lint" ]; then
        printf 'man: mandoc -Tlint %s:\n%s\n' "$page" "$lint" >&2
        bad=1
    fi
done
# A French page translates an English one of the same name and carries its date.
for page in "${pages[@]}"; do
    case $page in man/fr/*) ;; *) continue ;; esac
    en=man/${page#man/fr/}
    if [ ! -f "$en" ]; then
        echo "man: $page has no English page $en" >&2
        bad=1
    elif [ "$(grep -m1 '^\.Dd ' "$page")" != "$(grep -m1 '^\.Dd ' "$en")" ]; then
        echo "man: $page is not dated as $en (.Dd)" >&2
        bad=1
    fi
done
page=$(mandoc -Tascii man/docket.1 | col -b)
# Each row of the command table in src/cli/cli.c starts with {"words", ...
while IFS= read -r words; do
    if ! grep -qF -- "$words" <<<"$page"; then
        echo "man: command '$words' is not described in man/docket.1" >&2
        bad=1
    fi
done < <(sed -n 's/^[[:space:]]*{"\([a-z][a-z ]*\)", "[^"]*", [0-9].*/\1/p' src/cli/cli.c)
# Each field case set takes (src/app/app_field.c, the rows before those only moves write)
# is described under "case set" (from its heading to the next command's).
set_page=$(awk '/^     case set /{on=1; next} on && /^     [a-z]/{exit} on' <<<"$page")
while IFS= read -r field; do
    if ! grep -qw -- "$field" <<<"$set_page"; then
        echo "man: field '$field' of case set is not described in man/docket.1" >&2
        bad=1
    fi
done < <(awk '/Written by moves only/{exit} {print}' src/app/app_field.c |
    sed -n 's/^[[:space:]]*{"\([a-z]*\)", DK_SET_.*/\1/p')
[ "$bad" -eq 0 ] && echo "man: ok (${#pages[@]} pages)"
exit "$bad"
