#!/usr/bin/env bash
# Every example under "Using it" in README.md runs, in order, against a fresh database:
# `docket` is the built binary with the passphrase on fd 3, text on standard input for the
# examples that read `-`, and a temporary folder for the removable media.
. "$(dirname "$0")/lib.sh"

README=$(cd "$(dirname "$0")/../.." && pwd)/README.md

# The fenced sh blocks under "## Using it", with continuation lines joined.
mapfile -t examples < <(
    awk '/^## /{inside = ($0 == "## Using it")} inside && /^```sh$/{code = 1; next}
         code && /^```$/{code = 0; next} code' "$README" |
        sed -e ':a' -e '/\\$/N; s/\\\n//; ta'
)
if [ "${#examples[@]}" -ge 10 ]; then ok; else fail "found only ${#examples[@]} examples in $README"; fi

mkdir -p "$SANDBOX/usb"
cd "$SANDBOX"

# What a reader types at the prompts: the passphrase, and a new account's (once, from fds).
docket() {
    local extra=()
    case " $* " in
    *" init "*) extra=(--kdf interactive) ;;
    *" user add "*) extra=(--new-passphrase-fd 4 --kdf interactive) ;;
    esac
    "$DOCKET" --passphrase-fd 3 --today "$TODAY" "$@" "${extra[@]}" 3<<<"$PASS" \
        4<<<"a new account's passphrase"
}

for example in "${examples[@]}"; do
    example=${example//\/media\/usb/$SANDBOX/usb}
    set +e
    got=$(eval "$example" <<<"Synthetic text for the example" 2>&1)
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then ok; else fail "README example exits $rc: $example: $got"; fi
done
[ -s "$SANDBOX/usb/cases.db" ] && ok || fail "the backup example wrote no copy"

finish
