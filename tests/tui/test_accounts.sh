#!/usr/bin/env bash
# The accounts screen (administrators): the accounts as `docket user list` lists them; an officer
# added through it (name, role from the list, missions, the passphrase twice and never shown)
# who can then unlock with the CLI; a new passphrase set for it; its removal, confirmed with y,
# after which it can no longer unlock; r showing the removed accounts. Refusals say why and change
# nothing: two passphrases that differ, the app's own refusals (the CLI's messages).
# The TUI cannot pass --kdf: the accounts it writes use the default (moderate) cost, about a
# second each, so the waits after a passphrase are generous.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok "an auditor" user add aud1 --role auditor --new-passphrase-fd 4 --kdf interactive \
    4<<<'auditor passphrase'

# message: the message line (the one above the status bar).
message() { row -2; }
# cli_error ARGS...: the CLI's refusal, without its "docket: " prefix, in $cli_msg.
cli_error() {
    dk "$@"
    expect_eq "$rc" 1 "the CLI refuses: $*"
    cli_msg=${err#docket: }
}
# The roles' display names, as the screen shows them.
ROLES="Administrator|Conduct and Discipline officer|Victims' Rights Advocate|Auditor"
# accounts_on_screen: the rows of the accounts screen, blanks squeezed.
accounts_on_screen() {
    screen | sed -n '3,$p' | grep -E "^ [a-z0-9][a-z0-9._-]* +($ROLES) " |
        tr -s ' ' | sed 's/^ //; s/ $//'
}
# accounts_of_cli [--all]: `docket user list` as the screen shows it (one mission at most here).
accounts_of_cli() {
    dk_ok "user list" user list "$@" --format csv
    tail -n +2 <<<"$out" | awk -F, 'BEGIN { name["admin"] = "Administrator"
        name["officer"] = "Conduct and Discipline officer"; name["advocate"] = "Victims\047 Rights Advocate"
        name["auditor"] = "Auditor" }
        { print $1, name[$2], ($3 == "" ? "(all)" : $3), $4, ($5 == "" ? "active" : "removed"), $6 }'
}
# expect_accounts WHAT [--all]: the screen lists exactly the CLI's accounts (waits).
expect_accounts() {
    local what=$1 want got tries=50
    shift
    want=$(accounts_of_cli "$@")
    while :; do
        got=$(accounts_on_screen)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: the accounts on screen differ from docket user list:
$(diff <(echo "$want") <(echo "$got"))"
    SCREEN=$(screen)
    dump
}
# selected NAME: whether NAME's row is the one shown in reverse video.
selected() {
    screen_e | grep -E "$(printf '\x1b')\\[([0-9;]*;)?7(;[0-9;]*)?m *$1 " >/dev/null
}
# select_account NAME: moves the selection onto NAME's row (from the top: admin, first by
# name, once g has been drawn, so a screen read before g lands is not taken for the answer).
select_account() {
    local i
    keys g
    for ((i = 0; i < 50; i++)); do
        selected admin && break
        sleep 0.1
    done
    for ((i = 0; i < 10; i++)); do
        if selected "$1"; then
            ok
            return
        fi
        keys j
        sleep 0.1
    done
    fail "cannot select the account $1"
    SCREEN=$(screen)
    dump
}
# type_passphrase_twice PASSPHRASE [AGAIN]: answers the two no-echo prompts.
type_passphrase_twice() {
    expect_screen '^New passphrase for .+:' "the first passphrase prompt"
    text "$1"
    expect_no_screen "$(re_quote "$1")" "the passphrase is not shown as it is typed"
    keys Enter
    expect_screen '^The same passphrase again:' "the passphrase is asked again"
    text "${2:-$1}"
    keys Enter
}

tui_open
keys A
expect_screen '^docket — accounts$' "A opens the accounts screen"
expect_screen '^ NAME +ROLE +MISSIONS +CREATED +STATUS +SLOT$' "the accounts' columns"
expect_screen '^ admin +Administrator +\(all\) +[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z +active +yes$' \
    "the administrator: every mission, active, can unlock"
expect_accounts "the accounts screen = docket user list"
expect_screen '^ a add · d remove · p new passphrase · r removed accounts · T audit log · q back$' \
    "the keys at the foot of the screen"

# --- Adding an officer ---------------------------------------------------------------------------
keys a
expect_screen '^Name of the new account:' "a asks for the name"
text 'off1'
keys Enter
expect_screen 'Conduct and Discipline officer' "the roles to choose from"
expect_screen 'Auditor' "every role is offered"
# The least privileged role first: auditor, advocate, officer, administrator.
keys Down Down Enter
expect_screen 'Missions:' "an officer's missions are chosen from the register"
expect_screen 'MONUSCO' "the open missions are offered"
expect_no_screen 'MINUSMA' "a closed mission is not offered"
keys Down Down Down Enter
expect_screen 'Missions: MONUSCO' "one mission chosen"
expect_screen 'Done' "then Done is offered"
keys Enter
type_passphrase_twice 'officer passphrase'
expect_screen '^Account off1 added \(Conduct and Discipline officer\)\.$' "the account is added" 30
expect_screen '^ off1 +Conduct and Discipline officer +MONUSCO +[0-9-]{10}T[0-9:]{8}Z +active +yes$' \
    "the officer is listed"
expect_accounts "after the addition, the screen = docket user list"
DK_USER=off1 DK_PASS='officer passphrase' dk case list
expect_eq "$rc" 0 "the new officer unlocks with the CLI"

# --- Refusals ------------------------------------------------------------------------------------
keys a
expect_screen '^Name of the new account:' "a again"
text 'adv1'
keys Enter
expect_screen 'Victims. Rights Advocate' "the roles again"
keys Down Enter
expect_screen 'Missions:' "an advocate's missions are chosen from the register"
keys Down Down Down Down Down Down Down Down Down Down Down Enter
expect_screen 'Missions: UNMISS' "UNMISS chosen"
keys Enter
type_passphrase_twice 'advocate passphrase' 'advocate passphrasf'
expect_screen '^The two passphrases differ; nothing was changed\.$' "two passphrases that differ"
expect_accounts "nothing was added"
cli_error user add 'Bad Name' --role auditor --new-passphrase-fd 4 4<<<'long enough passphrase'
keys a
expect_screen '^Name of the new account:' "a for a bad name"
text 'Bad Name'
keys Enter
expect_screen 'Auditor' "the roles again"
keys Enter
expect_screen "^$(re_quote "$cli_msg")\$" \
    "an invalid name: the CLI's refusal on the message line, before any passphrase"
expect_no_screen '^New passphrase' "no passphrase asked for a bad name"
cli_error user add aud2 --role auditor --new-passphrase-fd 4 4<<<'short'
keys a
expect_screen '^Name of the new account:' "a for a short passphrase"
text 'aud2'
keys Enter
expect_screen 'Auditor' "the roles again"
keys Enter
type_passphrase_twice 'short'
expect_screen "^$(re_quote "$cli_msg")\$" "a short passphrase: the CLI's refusal" 30
expect_accounts "nothing was added by the refusals"
# Esc at any prompt gives up.
keys a
expect_screen '^Name of the new account:' "a once more"
keys Escape
expect_screen '^ a add · d remove' "Esc gives up"
expect_accounts "nothing was added by Esc"

# --- A new passphrase ----------------------------------------------------------------------------
select_account off1
keys p
type_passphrase_twice 'officer passphrase 2'
expect_screen '^New passphrase set for off1\.$' "p sets a new passphrase" 30
DK_USER=off1 DK_PASS='officer passphrase 2' dk case list
expect_eq "$rc" 0 "the officer unlocks with the new passphrase"
DK_USER=off1 DK_PASS='officer passphrase' dk case list
expect_match "$rc" '^[1-9]' "the old passphrase no longer unlocks"

# --- Removing ------------------------------------------------------------------------------------
select_account off1
keys d
expect_screen '^Remove the account off1\? It will no longer unlock\. \(y/n\)' "d asks first"
keys n
expect_screen '^Nothing was removed\.$' "n keeps the account"
expect_accounts "n removed nothing"
keys d
expect_screen '^Remove the account off1\?' "d asks again"
keys y
expect_screen '^Account off1 removed\.$' "y removes it"
expect_accounts "the removed account is no longer listed"
expect_no_screen '^ off1 ' "off1 is gone from the list"
DK_USER=off1 DK_PASS='officer passphrase 2' dk case list
expect_match "$rc" '^[1-9]' "a removed account no longer unlocks"
keys r
expect_screen '^docket — accounts  \(removed ones too\)$' "r shows the removed accounts too"
expect_screen '^ off1 +Conduct and Discipline officer +MONUSCO +[0-9-]{10}T[0-9:]{8}Z +removed +no$' \
    "the removed officer: removed, no key slot"
expect_accounts "with r, the screen = docket user list --all" --all
keys r
expect_screen '^docket — accounts$' "r again hides them"
# The account in use cannot be removed: the app's refusal, the CLI's message.
cli_error user remove admin
select_account admin
keys d y
expect_screen "^$(re_quote "$cli_msg")\$" "removing oneself: the CLI's refusal"
expect_accounts "nothing was removed by the refusal"

# --- Orphan key slots (left by an older docket's failed removal): P removes them ------------------
dk user add orph --role auditor --kdf interactive --new-passphrase-fd 4 4<<<'orphan passphrase'
expect_eq "$rc" 0 "an account to orphan"
# The removal committed but never reached the sidecar: the sidecar from before it put back.
cp "$DB.keys" "$DB-saved-keys"
dk user remove orph
expect_eq "$rc" 0 "the account removed"
mv "$DB-saved-keys" "$DB.keys"
dk check
expect_eq "$rc" 1 "check finds the orphan slot"
keys P
expect_screen '^Remove every key slot that belongs to no active account\? \(y/n\)' "P asks first"
keys n
expect_screen '^Nothing was removed\.$' "n keeps the slot"
keys P y
expect_screen '^Key slots removed that belonged to no active account: 1$' "y removes the orphan" 30
dk check
expect_eq "$rc" 0 "check passes once the orphan is pruned"

# --- Back, and the screen key again from elsewhere ----------------------------------------------
keys Escape
expect_screen '^docket — dashboard$' "Esc goes back to the dashboard"
keys l
expect_screen '^docket — cases' "the case list"
keys A
expect_screen '^docket — accounts$' "A from the case list"
keys T
expect_screen '^docket — audit log$' "T from the accounts screen"
keys A
expect_screen '^docket — accounts$' "A goes back down to the accounts screen already open"
keys Escape
expect_screen '^docket — cases' "one Esc: the case list again (the screens do not pile up)"
keys Escape
expect_screen '^docket — dashboard$' "and the dashboard"
keys q
expect_clean_exit "q on the dashboard"

finish
