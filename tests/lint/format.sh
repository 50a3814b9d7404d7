#!/usr/bin/env bash
# Every C file follows the tree's .clang-format (Debian's clang-format 14): names each one
# that does not and fails. Exits 77 (skip) only when clang-format is not installed; ./run
# installs it.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

fmt=
for candidate in clang-format-14 clang-format; do
    if command -v "$candidate" >/dev/null; then
        fmt=$candidate
        break
    fi
done
if [ -z "$fmt" ]; then
    echo "format: clang-format is not installed (./run installs it): skipped" >&2
    exit 77
fi

# One run over every file (one process per file took 25 s of the lint's 30): each file not
# formatted gets "FILE:LINE:COL: error: code should be clang-formatted" on stderr.
mapfile -t files < <(find src include tests bench -name '*.[ch]' 2>/dev/null | LC_ALL=C sort)
status=0
out=$("$fmt" --style=file --dry-run --Werror "${files[@]}" 2>&1 >/dev/null) || status=$?
mapfile -t bad < <(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' <<<"$out" | LC_ALL=C sort -u)
if [ "$status" -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
    printf 'format: %s failed:\n%s\n' "$fmt" "$out" >&2
    exit 1
fi

if [ ${#bad[@]} -ne 0 ]; then
    printf 'format: not as .clang-format says (%s -i FILE fixes it):\n' "$fmt" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "format: ok"
