#!/usr/bin/env bash
# The man page is valid mdoc and describes every command in the CLI's command table.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
bad=0

lint=$(mandoc -Tlint -W warning man/docket.1 2>&1 || true)
if [ -n "$lint" ]; then
    printf 'man: mandoc -Tlint:\n%s\n' "$lint" >&2
    bad=1
fi
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
[ "$bad" -eq 0 ] && echo "man: ok"
exit "$bad"
