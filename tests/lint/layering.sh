#!/usr/bin/env bash
# Layering is law (architecture.md): which headers each layer may include, and that core
# stays pure (no I/O, no clock). Fails naming every violation.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
bad=0

# forbid_except LAYER_GLOB REGEX ALLOWED WHY: lines matching REGEX fail unless they match ALLOWED.
forbid_except() {
    local glob=$1 regex=$2 allowed=$3 why=$4 hits
    hits=$(grep -nE "$regex" $glob 2>/dev/null || true)
    if [ -n "$allowed" ]; then
        hits=$(printf '%s\n' "$hits" | grep -vE "$allowed" || true)
    fi
    if [ -n "$hits" ]; then
        printf 'layering: %s\n%s\n' "$why" "$hits" >&2
        bad=1
    fi
}

# forbid LAYER_GLOB REGEX WHY
forbid() {
    forbid_except "$1" "$2" '' "$3"
}

inc='^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]'
sqlite="${inc}(sqlite3|sqlcipher/sqlite3)\.h"
sodium="${inc}sodium"
curses="${inc}(n?curses|ncursesw/[a-z]+|form|menu|panel|term)\.h"

forbid 'src/core/*.[ch]' "$sqlite|$sodium|$curses" "core uses no library but libc"
forbid 'src/core/*.[ch]' "${inc}docket/(store|crypto|app|secret|tui|cli)\.h" "core depends on no other layer"
forbid 'src/core/*.[ch]' "${inc}(unistd|fcntl|time|dirent|pthread|termios|sys/[a-z]+)\.h" "core does no I/O and reads no clock"
forbid 'src/core/*.[ch]' '\b(fopen|fprintf|printf|puts|fputs|fwrite|getenv|time|clock_gettime|gettimeofday|rand|srand)[[:space:]]*\(' "core does no I/O and reads no clock"
forbid 'src/crypto/*.[ch]' "$sqlite|$curses|${inc}docket/(store|app)\.h" "crypto knows neither the store nor the front ends"
forbid 'src/store/*.[ch]' "$curses|${inc}docket/app\.h" "the store knows nothing of the app or the front ends"
forbid 'src/app/*.[ch]' "$sqlite|$sodium|$curses" "the app reaches SQLite and libsodium only through store and crypto"
forbid 'src/cli/*.[ch] src/tui/*.[ch]' "$sqlite|${inc}docket/store\.h" "front ends call the app layer only"
# The one exception, by name (HACKING.md "Layers"): a front end holds the passphrase it reads
# in guarded memory, so cli and tui include docket/secret.h. Every other way into crypto
# (docket/crypto.h, libsodium, the crypto sources) stays refused.
frontend_secret='#[[:space:]]*include[[:space:]]*"docket/secret\.h"'
forbid_except 'src/cli/*.[ch] src/tui/*.[ch]' "$sodium|${inc}(docket/)?(crypto|secret|keyring)|${inc}[^\">]*crypto/" \
    "$frontend_secret" "front ends use crypto only through docket/secret.h (guarded memory)"
forbid 'src/cli/*.[ch]' "$curses" "only the TUI uses curses"
forbid 'src/cli/*.[ch] src/tui/*.[ch]' '\b(sqlite3_|SELECT |INSERT |UPDATE |DELETE FROM)' "front ends never build SQL"
forbid 'src/main.c' "$sqlite|$curses|${inc}docket/(store|app)\.h" "main only wires"

# The SQL lives in the store: no other layer may prepare statements.
forbid 'src/app/*.[ch] src/crypto/*.[ch] src/core/*.[ch]' '\bsqlite3_' "SQL only in src/store"

if [ "$bad" -ne 0 ]; then
    echo "layering: violations found" >&2
    exit 1
fi
echo "layering: ok"
