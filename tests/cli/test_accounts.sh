#!/usr/bin/env bash
# Accounts and recovery codes: adding each role, bad input refused untouched, only admins
# manage accounts, passphrase changes rewrite one slot, removal takes the slot away, and a
# recovery code brings back data whose every passphrase is lost.
. "$(dirname "$0")/lib.sh"

# Names with letters outside [0-9a-f], so a hit in the hex of the key slots means a name.
OFF=oscar ADV=priya AUD=quinn ADM2=rania
declare -A pw=([admin]=$PASS [$OFF]='oscar passphrase' [$ADV]='priya passphrase'
    [$AUD]='quinn passphrase' [$ADM2]='rania passphrase')

# add NAME ARGS...: user add by the acting account, NAME's passphrase from pw[NAME] on fd 4.
add() {
    local name=$1
    shift
    dk user add "$name" "$@" --kdf interactive --new-passphrase-fd 4 4<<<"${pw[$name]}"
}

slots() { grep '^slot' "$DB.keys"; }

# Active accounts in the database against slot lines in the sidecar (an insider's view).
active_accounts() {
    "$DK_SQL" "$DB" admin 3<<<"${pw[admin]}" <<<"SELECT count(*) FROM account WHERE removed_at IS NULL;"
}

init_db

# ---- each role ----
add "$OFF" --role officer --mission MONUSCO
expect_rc 0 "add an officer"
add "$ADV" --role advocate --mission minusca,MONUSCO
expect_rc 0 "add an advocate (comma-separated missions, lower case)"
add "$AUD" --role auditor
expect_rc 0 "add an auditor"
add "$ADM2" --role admin
expect_rc 0 "add a second administrator"
dk user add multi --role officer --mission UNMISS --mission MINUSCA --kdf interactive \
    --new-passphrase-fd 4 4<<<'multi passphrase'
expect_rc 0 "add an officer with --mission repeated"

dk --format csv user list
expect_eq "$(printf '%s\n' "$out" | sed -E 's/,created_at//; s/,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z//')" \
    "name,role,missions,removed_at,can_unlock
admin,admin,,,yes
multi,officer,\"MINUSCA,UNMISS\",,yes
$OFF,officer,MONUSCO,,yes
$ADV,advocate,\"MINUSCA,MONUSCO\",,yes
$AUD,auditor,,,yes
$ADM2,admin,,,yes" "user list: every account with its role and missions"
expect_eq "$(printf '%s\n' "$out" | grep -cE ',[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,,yes$' || true)" 6 \
    "user list: every account has a created_at timestamp"
dk --format json user list
expect_match "$out" "\"name\": \"$ADV\",[[:space:]]*\"role\": \"advocate\",[[:space:]]*\"missions\": \"MINUSCA,MONUSCO\"" \
    "user list --format json carries the missions"
expect_match "$out" '"can_unlock": true' "user list --format json: can_unlock is a boolean"
DK_USER=$AUD DK_PASS=${pw[$AUD]} dk user list
expect_rc 0 "an auditor may list the accounts"
expect_match "$out" "$OFF +Conduct and Discipline officer +MONUSCO" \
    "the auditor's table shows the officer's role by its name, and mission"

# Each new account unlocks with its own passphrase and acts in its role.
as "$OFF" case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse
expect_eq "$out" "MONUSCO-2026-0001" "the officer unlocks and records a case in its mission"
as "$ADV" case list --format csv
expect_match "$out" "MONUSCO-2026-0001" "the advocate unlocks and sees its mission's case"
as "$ADM2" user list
expect_rc 0 "the second administrator unlocks"
expect_eq "$(slots | wc -l)" 6 "one key slot per account"
expect_eq "$(active_accounts)" 6 "the database holds as many active accounts as the sidecar has slots"

# ---- bad input: exit 1, one line, nothing written ----
np=(--kdf interactive --new-passphrase-fd 4)
expect_refused_unchanged 1 "unknown role" user add zed --role boss "${np[@]}" 4<<<'zed passphrase'
dk user add zed --role boss "${np[@]}" 4<<<'zed passphrase'
expect_match "$err" "admin, officer, advocate, auditor" "unknown role: the roles are listed"
expect_refused_unchanged 1 "officer without a mission" user add zed --role officer "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "advocate without a mission" user add zed --role advocate "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "officer with an empty mission list" \
    user add empty --role officer --mission , "${np[@]}" 4<<<'empty passphrase'
dk user remove empty # only if the check above failed: keeps the counts below independent of it
expect_refused_unchanged 1 "auditor with a mission" \
    user add zed --role auditor --mission MONUSCO "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "admin with a mission" \
    user add zed --role admin --mission MONUSCO "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "bad mission" user add zed --role officer --mission MON-USCO "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "one bad mission among good ones" \
    user add zed --role officer --mission MONUSCO,X "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "upper-case name" user add Zed --role auditor "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "name with a space" user add 'z ed' --role auditor "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "name with a slash" user add 'z/ed' --role auditor "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "duplicate name" user add "$OFF" --role auditor "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "short passphrase" user add zed --role auditor "${np[@]}" 4<<<'123456789'
expect_refused_unchanged 1 "no passphrase on the descriptor" user add zed --role auditor "${np[@]}" 4</dev/null
expect_refused_unchanged 1 "unknown kdf profile" \
    user add zed --role auditor --kdf fast --new-passphrase-fd 4 4<<<'zed passphrase'
expect_refused_unchanged 2 "user add without --role" user add zed "${np[@]}" 4<<<'zed passphrase'
expect_refused_unchanged 1 "passwd: short passphrase" user passwd "${np[@]}" 4<<<'short'
expect_refused_unchanged 1 "passwd: unknown account" user passwd ghost "${np[@]}" 4<<<'ghost passphrase'
expect_refused_unchanged 1 "remove: unknown account" user remove ghost
expect_refused_unchanged 1 "remove: bad name" user remove 'Gh ost'
dk user add zed --role officer "${np[@]}" 4<<<'zed passphrase'
expect_match "$err" "--mission" "officer without a mission: the fix is named"
dk user add zed --role auditor "${np[@]}" 4<<<'123456789'
expect_match "$err" "10 characters" "short passphrase: the minimum is named"
DK_USER=zed DK_PASS='zed passphrase' dk case list
expect_rc 3 "no refused add left an account behind"

# ---- only administrators manage accounts ----
dk --format csv user list --all
accounts_before=$out
for who in "$OFF" "$ADV" "$AUD"; do
    slots_before=$(slots)
    as "$who" user add zed --role admin "${np[@]}" 4<<<'zed passphrase'
    expect_rc 4 "$who: user add"
    expect_error_line "$who: user add"
    expect_match "$err" "permission denied" "$who: user add says permission denied"
    as "$who" user remove "$ADM2"
    expect_rc 4 "$who: user remove"
    expect_error_line "$who: user remove"
    as "$who" user passwd admin "${np[@]}" 4<<<'taken over passphrase'
    expect_rc 4 "$who: user passwd of another account"
    expect_error_line "$who: user passwd of another account"
    as "$who" recovery create --kdf interactive
    expect_rc 4 "$who: recovery create"
    [ -z "$out" ] && ok || fail "$who: a refused recovery create printed [$out]"
    expect_eq "$(slots)" "$slots_before" "$who: the refusals leave every key slot as it was"
    dk --format csv user list --all
    expect_eq "$out" "$accounts_before" "$who: the refusals leave the accounts as they were"
done
for who in "$OFF" "$ADV"; do
    as "$who" user list
    expect_rc 4 "$who: user list"
    expect_error_line "$who: user list"
done
dk user list
expect_rc 0 "admin still unlocks after the refusals (passwd admin was refused)"
dk --format csv audit log --user "$OFF"
expect_match "$out" "denied" "the officer's refusals are in the audit log"

# ---- passphrase changes ----
# Own passphrase, by an officer: one slot line changes, the others stay byte-identical.
slots_before=$(slots)
pw[$OFF-new]='oscar changed passphrase'
as "$OFF" user passwd "${np[@]}" 4<<<"${pw[$OFF-new]}"
expect_rc 0 "an officer changes its own passphrase"
slots_after=$(slots)
expect_eq "$(printf '%s\n' "$slots_after" | wc -l)" "$(printf '%s\n' "$slots_before" | wc -l)" \
    "passwd keeps the number of slots"
changed=$(diff <(echo "$slots_before") <(echo "$slots_after") | grep -c '^>' || true)
expect_eq "$changed" 1 "passwd rewrites exactly one slot line"
gone=$(diff <(echo "$slots_before") <(echo "$slots_after") | grep -c '^<' || true)
expect_eq "$gone" 1 "passwd replaces exactly one slot line"
expect_eq "$(diff <(echo "$slots_before") <(echo "$slots_after") | awk '/^[<>]/ {print $3}' | sort -u | wc -l)" 1 \
    "the changed line is the same slot (same lookup id)"
as "$OFF" case list
expect_rc 3 "the officer's old passphrase fails"
expect_error_line "the officer's old passphrase fails"
DK_USER=$OFF DK_PASS=${pw[$OFF-new]} dk case list --format csv
expect_match "$out" "MONUSCO-2026-0001" "the officer's new passphrase works"
pw[$OFF]=${pw[$OFF-new]}
for who in admin "$ADV" "$AUD" "$ADM2"; do
    as "$who" --format csv case list
    expect_rc 0 "$who still unlocks after the officer's change"
done

# Another's passphrase, by an administrator.
slots_before=$(slots)
dk user passwd "$AUD" "${np[@]}" 4<<<'quinn reset passphrase'
expect_rc 0 "an administrator resets the auditor's passphrase"
changed=$(diff <(echo "$slots_before") <(slots) | grep -c '^>' || true)
expect_eq "$changed" 1 "a reset rewrites exactly one slot line"
as "$AUD" user list
expect_rc 3 "the auditor's old passphrase fails after the reset"
pw[$AUD]='quinn reset passphrase'
as "$AUD" user list
expect_rc 0 "the auditor's reset passphrase works"
as admin user list
expect_rc 0 "the administrator's own passphrase is unchanged by the reset"

# ---- removal ----
dk user remove multi
expect_rc 0 "remove an officer"
DK_USER=multi DK_PASS='multi passphrase' dk case list
expect_rc 3 "the removed account cannot unlock"
expect_eq "$err" "docket: wrong passphrase or unknown user" "removed looks like unknown"
expect_eq "$(slots | wc -l)" 5 "the removed account's slot is gone"
expect_eq "$(active_accounts)" 5 "active accounts and slots still match after a removal"
dk --format csv user list --all
expect_match "$out" $'\nmulti,officer,"MINUSCA,UNMISS",[^,]+,[0-9]{4}-[0-9]{2}-[0-9]{2}T[^,]+,no(\n|$)' \
    "user list --all shows removed_at and can_unlock no"
dk --format csv user list
if [[ $out == *multi* ]]; then fail "user list without --all shows the removed account"; else ok; fi
expect_refused_unchanged 1 "remove an already removed account" user remove multi
expect_refused_unchanged 1 "passwd of a removed account" user passwd multi "${np[@]}" 4<<<'multi new passphrase'
expect_refused_unchanged 1 "a removed account's name cannot be reused" \
    user add multi --role auditor "${np[@]}" 4<<<'multi passphrase'
expect_refused_unchanged 1 "an administrator cannot remove itself" user remove admin
dk user remove admin
expect_match "$err" "remove" "self-removal: the message says why"

# Down to one administrator: it still cannot remove itself, and stays able to unlock.
as "$ADM2" user remove admin
expect_rc 0 "an administrator removes another"
DK_USER=$ADM2 DK_PASS=${pw[$ADM2]}
expect_refused_unchanged 1 "the last administrator cannot remove itself" user remove "$ADM2"
dk --format csv user list
expect_eq "$(printf '%s\n' "$out" | grep -c ',admin,' || true)" 1 "one administrator left"
expect_match "$out" "$ADM2,admin," "the last administrator is still there"
dk check
expect_rc 0 "check passes after adds, changes and removals"
DK_USER=admin DK_PASS=$PASS
dk case list
expect_rc 3 "the removed administrator cannot unlock"

# ---- recovery codes ----
# Back to a fresh database with cases, three accounts and a recovery code.
DB=$SANDBOX/rec.db
pw[admin]=$PASS
init_db
add "$OFF" --role officer --mission MONUSCO
add "$AUD" --role auditor
dk case add --mission MONUSCO --reported 2026-01-10 --category sexual_abuse --summary 'first'
dk case add --mission MONUSCO --reported 2026-02-11 --category other --summary 'second'
dk --format csv case list
cases=$out
DK_PASS=AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA dk recovery use "${np[@]}" 4<<<'admin recovered passphrase'
expect_rc 3 "recovery use without any recovery code"
expect_match "$err" "recovery create" "no recovery code: how to make one is named"

dk recovery create --kdf interactive
expect_rc 0 "recovery create"
old_code=$out
dk recovery create --kdf interactive
expect_rc 0 "a second recovery create"
code=$out
expect_match "$code" '^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$' \
    "the code alone on stdout: 6 groups of 5 Crockford base32 characters"
expect_match "$err" "^docket: .*recovery code" "the advice goes to stderr"
[ "$code" != "$old_code" ] && ok || fail "two recovery codes are the same"
expect_eq "$(slots | wc -l)" 4 "one recovery slot next to the account slots (replaced, not added)"
for name in admin "$OFF" "$AUD" recovery; do
    if grep -qi "$name" "$DB.keys"; then fail "the key slots name $name in the clear"; else ok; fi
done
if grep -qi "${code//-/}" "$DB.keys" || grep -qiF "$code" "$DB.keys"; then
    fail "the recovery code is in the key slots"
else
    ok
fi

# Every passphrase is lost: each account gets one nobody keeps.
for who in "$OFF" "$AUD"; do
    dk user passwd "$who" "${np[@]}" 4<<<"forgotten $RANDOM$RANDOM$RANDOM"
done
dk user passwd "${np[@]}" 4<<<"forgotten $RANDOM$RANDOM$RANDOM"
expect_rc 0 "the administrator's passphrase is lost too"
for who in admin "$OFF" "$AUD"; do
    as "$who" case list
    expect_rc 3 "$who: the old passphrase no longer unlocks"
done

# The replaced code, a wrong code and a malformed one are refused; none spends the code.
DK_PASS=$old_code dk recovery use "${np[@]}" 4<<<'admin recovered passphrase'
expect_rc 3 "the replaced recovery code no longer works"
expect_error_line "the replaced recovery code"
DK_PASS=0000000000${code:12} dk recovery use "${np[@]}" 4<<<'admin recovered passphrase'
expect_rc 3 "a wrong recovery code"
expect_eq "$err" "docket: wrong passphrase or unknown user" "a wrong code says no more than a wrong passphrase"
DK_PASS=not-a-code dk recovery use "${np[@]}" 4<<<'admin recovered passphrase'
expect_rc 1 "a malformed recovery code is invalid input"
expect_error_line "a malformed recovery code"
DK_USER=ghost DK_PASS=$code dk recovery use "${np[@]}" 4<<<'ghost recovered passphrase'
expect_rc 3 "the right code for an unknown user"
DK_PASS=$code dk recovery use "${np[@]}" 4<<<'short'
expect_rc 1 "the right code with a too-short new passphrase"
expect_eq "$(slots | wc -l)" 4 "refused recovery attempts leave the recovery slot in place"

# Typed back from paper: lower case, spaces instead of dashes.
typed=$(printf '%s' "${code,,}" | tr '-' ' ')
DK_PASS="  $typed" dk recovery use "${np[@]}" 4<<<'admin recovered passphrase'
expect_rc 0 "recovery use with the code in lower case and spaced"
expect_match "$out" "admin" "recovery use says whose passphrase changed"
pw[admin]='admin recovered passphrase'
DK_PASS=${pw[admin]} dk --format csv case list
expect_eq "$out" "$cases" "every case is back with the recovered passphrase"
DK_PASS=${pw[admin]} dk case show MONUSCO-2026-0002
expect_match "$out" "second" "the cases' contents are readable"
expect_eq "$(slots | wc -l)" 3 "the spent code's slot is gone"

DK_PASS=$code dk recovery use "${np[@]}" 4<<<'admin passphrase again'
expect_rc 3 "the code is spent after one use"
DK_PASS=${pw[admin]} dk case list
expect_rc 0 "a second use changed nothing: the recovered passphrase still works"

# The recovered administrator gives the others new passphrases.
DK_PASS=${pw[admin]}
pw[$OFF]='oscar recovered passphrase'
dk user passwd "$OFF" "${np[@]}" 4<<<"${pw[$OFF]}"
as "$OFF" --format csv case list
expect_eq "$out" "$cases" "the officer works again after the administrator's reset"
dk --format csv audit log
expect_match "$out" ",admin,recovery_create," "recovery create is audited"
expect_match "$out" ",admin,recovery_use,,admin" "recovery use is audited under the account"
dk check
expect_rc 0 "check passes after recovery"
dk audit verify
expect_rc 0 "audit verify passes after recovery"

# A recovery code cannot bring back a removed account, and is not spent trying.
dk recovery create --kdf interactive
code=$out
dk user remove "$AUD"
DK_USER=$AUD DK_PASS=$code dk recovery use "${np[@]}" 4<<<'quinn is back passphrase'
expect_rc 3 "the recovery code for a removed account"
DK_USER=$AUD DK_PASS='quinn is back passphrase' dk case list
expect_rc 3 "the removed account still cannot unlock"
DK_USER=$OFF DK_PASS=$code dk recovery use "${np[@]}" 4<<<'oscar third passphrase'
expect_rc 0 "the code still works for an active account after the refused attempt"
pw[$OFF]='oscar third passphrase'
as "$OFF" case list
expect_rc 0 "the officer unlocks with the passphrase set by the code"

finish
