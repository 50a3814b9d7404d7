#!/usr/bin/env bash
# Functions short enough to read at once, files small enough to hold one job: no function
# body in src/ over 80 lines, no source file over 700. Data tables (`= {` ... `};`) are not
# functions and are not counted as such. Relies on the tree's .clang-format (Linux braces:
# a definition's body opens with `{` alone at column 0 and closes with `}` at column 0).
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
max_body=80
max_file=700
bad=0
for f in $(find src -name '*.[ch]' | LC_ALL=C sort); do
	lines=$(wc -l <"$f")
	if [ "$lines" -gt "$max_file" ]; then
		echo "size: $f has $lines lines (limit $max_file)" >&2
		bad=1
	fi
	out=$(awk -v max="$max_body" -v file="$f" '
		/^[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(/ { name = $0; sub(/[[:space:]]*\(.*/, "", name) }
		/^\{[[:space:]]*$/ { start = NR; next }
		/^\}/ && start { n = NR - start - 1
			if (n > max) printf "size: %s:%d: %s has %d lines (limit %d)\n", file, start, name, n, max
			start = 0 }
	' "$f")
	if [ -n "$out" ]; then
		echo "$out" >&2
		bad=1
	fi
done
if [ "$bad" -ne 0 ]; then
	echo "size: too big" >&2
	exit 1
fi
echo "size: ok"
