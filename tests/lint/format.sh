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

bad=()
while IFS= read -r f; do
    "$fmt" --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find src include tests bench -name '*.[ch]' 2>/dev/null | LC_ALL=C sort)

if [ ${#bad[@]} -ne 0 ]; then
    printf 'format: not as .clang-format says (%s -i FILE fixes it):\n' "$fmt" >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "format: ok"
