#!/usr/bin/env bash
# The role decides what the TUI offers (app.h's dk_app_may): the screens in the status bar, the
# keys in the help and under a case; a key the role is not offered does nothing but say so.
# An auditor reads the audit log but changes no case and manages no account; an advocate has
# neither the audit log nor the accounts; an officer changes cases but sees neither. Unlocking
# again as another account closes the screens its role is not offered.
. "$(dirname "$0")/lib.sh"

init_db
# user_add NAME PASSPHRASE OPTIONS...: an account with the cheap KDF.
user_add() {
    dk_ok "user add $1" user add "$1" --new-passphrase-fd 4 --kdf interactive "${@:3}" 4<<<"$2"
}
user_add off1 'officer passphrase' --role officer --mission MONUSCO
user_add adv1 'advocate passphrase' --role advocate --mission MONUSCO
user_add aud1 'auditor passphrase' --role auditor
dk_ok "case add" case add --mission MONUSCO --reported 2026-11-01 --category sexual_abuse
ref=$out

# in_help REGEX WHAT / not_in_help REGEX WHAT: on $HELP.
in_help() {
    if grep -Eq -- "$1" <<<"$HELP"; then ok; else fail "$2: the help has no line /$1/"; fi
}
not_in_help() {
    if grep -Eq -- "$1" <<<"$HELP"; then
        fail "$2: the help has /$1/: $(grep -E -- "$1" <<<"$HELP" | sed -n 1p)"
    else
        ok
    fi
}
# refused KEY ROLE TITLE WHAT: KEY says it is not offered and the screen stays TITLE.
refused() {
    keys "$1"
    expect_screen "^That key is not available to the $2 role; press \\? for yours\\.\$" \
        "$4: $1 is not offered"
    expect_screen "$3" "$4: the screen stays after $1"
}
CASE_CHANGES=('record a new allegation' 'move the case along the workflow'
    'change a field of the case' 'extend a live deadline' 'add a note to the case')

# --- Auditor -------------------------------------------------------------------------------------
TUI_USER=aud1 tui_start
unlock 'auditor passphrase'
expect_eq "$(row -1)" " aud1 (auditor)  $DB  $TODAY  T:audit ?:help q:quit" \
    "auditor: the status bar offers the audit log, not the accounts"
refused A auditor '^docket — dashboard$' "auditor"
refused n auditor '^docket — dashboard$' "auditor"
help_text
for a in "${CASE_CHANGES[@]}" 'open the accounts screen' 'add an account'; do
    not_in_help "$a" "auditor"
done
not_in_help '^ Accounts$' "auditor: no accounts screen"
not_in_help '^ Forms$' "auditor: no forms"
in_help '^ Audit log$' "auditor: the audit log screen"
in_help '^   T +open the audit log$' "auditor: T"
in_help '^   v +verify the audit log.s hash chain$' "auditor: v"
in_help '^   l +list every case$' "auditor: the case list"
in_help '^   t +show the case.s timeline$' "auditor: the timeline"
keys l
expect_screen '^docket — cases' "auditor: l lists the cases"
refused n auditor '^docket — cases' "auditor, case list"
keys Enter
expect_screen "^docket — case — $ref\$" "auditor: Enter opens the case"
expect_screen '^ t timeline · q back$' "auditor: under the case, only the keys offered"
for k in m e x a; do refused "$k" auditor "^docket — case — $ref\$" "auditor, case"; done
keys t
expect_screen "^docket — timeline — $ref\$" "auditor: t opens the timeline"
refused a auditor "^docket — timeline — $ref\$" "auditor, timeline"
keys Escape Escape Escape
expect_screen '^docket — dashboard$' "auditor: back on the dashboard"
keys T
expect_screen '^docket — audit log$' "auditor: T opens the audit log"
expect_screen '^ +[0-9]+ .* aud1 +unlock' "auditor: its own unlock is in the log"
keys v
expect_screen '^The audit log verifies: [0-9]+ entries, the chain unbroken\.$' "auditor: v verifies"
refused A auditor '^docket — audit log$' "auditor, audit log"

# --- Unlocking again as an advocate: the audit log closes ----------------------------------------
keys L
expect_screen 'unlock the case database' "L locks"
keys Tab
keys -N 10 BSpace
text 'adv1'
keys Enter
unlock 'advocate passphrase'
expect_eq "$(row 0)" "docket — dashboard" \
    "advocate: the audit log closed with the auditor's session"
expect_eq "$(row -1)" " adv1 (advocate)  $DB  $TODAY  ?:help q:quit" \
    "advocate: neither the audit log nor the accounts in the status bar"
refused T advocate '^docket — dashboard$' "advocate"
refused A advocate '^docket — dashboard$' "advocate"
help_text
for a in "${CASE_CHANGES[@]}" 'open the accounts screen' 'open the audit log' \
    'verify the audit log'; do
    not_in_help "$a" "advocate"
done
not_in_help '^ Audit log$' "advocate: no audit log screen"
not_in_help '^ Accounts$' "advocate: no accounts screen"
in_help '^   l +list every case$' "advocate: the case list"
keys l
expect_screen '^docket — cases' "advocate: l lists the cases"
keys Enter
expect_screen "^docket — case — $ref\$" "advocate: Enter opens the case"
refused m advocate "^docket — case — $ref\$" "advocate, case"
refused T advocate "^docket — case — $ref\$" "advocate, case"
keys Escape Escape
expect_screen '^docket — dashboard$' "advocate: back on the dashboard"
keys q
expect_clean_exit "advocate: q on the dashboard"

# --- Officer -------------------------------------------------------------------------------------
TUI_USER=off1 tui_start
unlock 'officer passphrase'
expect_eq "$(row -1)" " off1 (officer)  $DB  $TODAY  ?:help q:quit" \
    "officer: neither the audit log nor the accounts in the status bar"
refused A officer '^docket — dashboard$' "officer"
refused T officer '^docket — dashboard$' "officer"
help_text
for a in "${CASE_CHANGES[@]}"; do in_help "$a" "officer"; done
not_in_help '^ Audit log$' "officer: no audit log screen"
not_in_help '^ Accounts$' "officer: no accounts screen"
in_help '^ Forms$' "officer: the forms"
keys l
expect_screen '^docket — cases' "officer: l lists the cases"
keys Enter
expect_screen "^docket — case — $ref\$" "officer: Enter opens the case"
expect_screen '^ m move · e change a field · x extend · a note · t timeline · q back$' \
    "officer: under the case, every case key"
keys m
expect_screen "^docket — move — $ref\$" "officer: m opens the move form"
keys Escape Escape Escape
expect_screen '^docket — dashboard$' "officer: back on the dashboard"
keys q
expect_clean_exit "officer: q on the dashboard"

# --- Administrator -------------------------------------------------------------------------------
tui_open
help_text
for a in "${CASE_CHANGES[@]}" 'open the accounts screen' 'open the audit log' 'add an account' \
    'verify the audit log'; do
    in_help "$a" "administrator"
done
in_help '^ Accounts$' "administrator: the accounts screen"
in_help '^ Audit log$' "administrator: the audit log screen"
in_help '^   A +open the accounts screen$' "administrator: A"
keys q
expect_clean_exit "administrator: q on the dashboard"

finish
