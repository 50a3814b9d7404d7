#!/usr/bin/env bash
# The French man page is valid mdoc, in step with the English one (the same sections,
# subsections and command lines), and describes every command in the CLI's command table.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
en=man/docket.1
fr=man/fr/docket.1
bad=0

if [ ! -f "$fr" ]; then
    echo "man_fr: $fr is missing" >&2
    exit 1
fi
lint=$(mandoc -Tlint -W warning "$fr" 2>&1 || true)
if [ -n "$lint" ]; then
    printf 'man_fr: mandoc -Tlint:\n%s\n' "$lint" >&2
    bad=1
fi

# The same number of sections and of subsections (their titles are translated).
for macro in Sh Ss; do
    n_en=$(grep -c "^\.$macro " "$en" || true)
    n_fr=$(grep -c "^\.$macro " "$fr" || true)
    if [ "$n_en" != "$n_fr" ]; then
        echo "man_fr: $n_fr .$macro in $fr, $n_en in $en" >&2
        bad=1
    fi
done

# The command lines, in order: every '.It Cm ...' line, and every '.It Xo ... .Xc' heading
# joined into one line. Cells of a table row ('Ta') that are prose, not a macro, are
# translated, so they compare as '*'.
commands() {
    awk '
        /^\.It Xo$/ { xo = 1; line = ".It Xo"; next }
        xo && /^\.Xc$/ { print line; xo = 0; next }
        xo { line = line " " $0; next }
        /^\.It Cm / {
            n = split($0, cell, / Ta /)
            out = cell[1]
            for (i = 2; i <= n; i++)
                out = out " Ta " (cell[i] ~ /^[A-Z][a-z] / ? cell[i] : "*")
            print out
        }
    ' "$1"
}
if ! cmds=$(diff <(commands "$en") <(commands "$fr")); then
    printf 'man_fr: the command lines of %s differ from %s (< English, > French):\n%s\n' \
        "$fr" "$en" "$cmds" >&2
    bad=1
fi

# Each row of the command table in src/cli/cli.c starts with {"words", ...
page=$(mandoc -Tascii "$fr" | col -b)
while IFS= read -r words; do
    if ! grep -qF -- "$words" <<<"$page"; then
        echo "man_fr: command '$words' is not described in $fr" >&2
        bad=1
    fi
done < <(sed -n 's/^[[:space:]]*{"\([a-z][a-z ]*\)", "[^"]*", [0-9].*/\1/p' src/cli/cli.c)
[ "$bad" -eq 0 ] && echo "man_fr: ok"
exit "$bad"
