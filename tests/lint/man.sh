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
[ "$bad" -eq 0 ] && echo "man: ok"
exit "$bad"
