#!/usr/bin/env bash
# The forms: a new allegation through the intake form, seen by `docket case list` and
# `docket case show` (while the TUI is still open: it holds no lock between actions); a move
# through the dialog, whose fields follow the chosen move; refusals shown with the CLI's own
# message, the form staying as typed; a note; the timeline after them.
. "$(dirname "$0")/lib.sh"

init_db
dk_ok "case add" case add --mission UNMISS --reported 2026-11-01 --category sexual_abuse
ref=$out
dk_ok "assessment" case move "$ref" assessment --on 2026-11-10

# message: the message line (the one above the status bar).
message() { row -2; }
# cli_error ARGS...: the CLI's refusal, without its "docket: " prefix.
cli_error() {
    dk "$@"
    expect_eq "$rc" 1 "the CLI refuses: $*"
    cli_msg=${err#docket: }
}

tui_open

# --- Intake --------------------------------------------------------------------------------------
keys n
expect_screen '^docket — new allegation$' "n opens the intake form"
for label in 'Mission ◂▸ +BINUH' 'Reported \(YYYY-MM-DD\) +2026-11-27' 'Category ◂▸ +Sexual exploitation' \
    'Type ◂▸ +\(none\)' 'Personnel ◂▸ +\(none\)' 'Nationality \(ISO3\)' 'Source ◂▸ +\(none\)' \
    'Incident \(YYYY-MM-DD\)' 'Urgent ◂▸ +no' 'Summary' ' +\[ Save \]'; do
    expect_screen "^  $label" "the intake form has /$label/"
done
# The mission is one of the register's open missions, by code (none is typed).
keys Enter
expect_screen '^ .*MONUSCO' "Enter lists the open missions"
expect_no_screen 'MINUSMA' "a closed mission is not offered"
keys Escape BTab
keys Right Right Right Right Right Right Right Right Right Right Right
expect_screen '^  Mission ◂▸ +UNMISS$' "Right through the open missions to UNMISS"
# A refusal first: the app's message (the CLI's), the form stays with what was typed.
keys Tab Tab Tab Tab Tab
text 'XX1'
keys C-s
cli_error case add --mission UNMISS --reported 2026-11-27 --category sexual_exploitation \
    --nationality XX1
expect_screen "^$(re_quote "$cli_msg")\$" \
    "an invalid nationality is refused with the CLI's message"
expect_screen '^docket — new allegation$' "the form stays after a refusal"
expect_screen '^  Nationality \(ISO3\) +XX1$' "what was typed stays"
expect_screen '^  Mission ◂▸ +UNMISS$' "and what was chosen"
keys BSpace BSpace BSpace
text 'NPL'
expect_screen '^  Nationality \(ISO3\) +NPL$' "the nationality typed"
expect_eq "$(pane '#{cursor_flag} #{cursor_x},#{cursor_y}')" "1 $((26 + 3)),7" \
    "the cursor is shown at the end of the text typed in the Nationality field"
keys BSpace BSpace BSpace
keys BTab BTab BTab BTab BTab
keys Tab Tab
keys Right
expect_screen '^  Category ◂▸ +Sexual abuse$' "Right: the next category"
keys Right
expect_screen '^  Category ◂▸ +Other serious misconduct$' "Right again"
keys Left Left Left
expect_screen '^  Category ◂▸ +Other misconduct$' "Left wraps around to the last category"
keys Enter
expect_screen 'Sexual exploitation' "Enter opens the list of categories"
expect_screen 'Enter: choose +Esc: cancel' "the list says how to choose"
keys Down Enter
expect_screen '^  Category ◂▸ +Sexual abuse$' "the category chosen in the list"
# Enter moved on to Type; Urgent is five fields further.
keys Tab Tab Tab Tab Tab Right
expect_screen '^  Urgent ◂▸ +yes$' "Urgent set to yes"
keys Tab
text 'First line'
keys Enter
text 'Second line, with é and 漢字'
expect_screen '^  Summary +Second line, with é and 漢字$|^ +Second line, with é and 漢字$' \
    "the summary editor takes several lines"
# The cursor stands right after the text, measured in columns (é is one, each 漢字 two).
# The summary box starts on line 11 (title, blank, 9 one-line fields), column 26.
expect_eq "$(pane '#{cursor_flag} #{cursor_x},#{cursor_y}')" "1 $((26 + 24 + 4)),12" \
    "the cursor stands after the wide characters on the summary's second line"
keys C-s
expect_screen '^docket — case — UNMISS-2026-[0-9]{4}$' "saving opens the new case"
new=$(grep -oE 'UNMISS-2026-[0-9]{4}$' <<<"$SCREEN" | sed -n 1p)
expect_eq "$new" "UNMISS-2026-0002" "the new case's reference"
expect_screen "^Recorded $new\.\$" "the message names the new case"
expect_screen '^ +First line$' "the detail shows the summary's first line"
expect_screen '^ +Second line, with é and 漢字$' "and its second line"

# The CLI sees it while the TUI is still open.
dk case list --format csv
expect_eq "$rc" 0 "case list runs while the TUI is open"
expect_eq "$(grep -x "$new,.*" <<<"$out")" "$new,UNMISS,sexual_abuse,received,2026-11-27,yes,," \
    "case list shows the case recorded in the TUI"
show "$new"
expect_eq "${SHOW[Summary]}" $'First line\nSecond line, with é and 漢字' "case show: the summary's two lines"
expect_eq "${SHOW[Category]} ${SHOW[Urgent]}" "sexual_abuse yes" "case show: category, urgent"
# And the TUI sees what the CLI does meanwhile (r reloads).
dk_ok "case add" case add --mission UNMISS --reported 2026-11-26 --category other
keys Escape
expect_screen '^docket — dashboard$' "Esc: the form was replaced by the case, the dashboard is below"
keys l
expect_screen "^   UNMISS-2026-0003 " "a case the CLI added while the TUI was open is listed"

# --- Move ----------------------------------------------------------------------------------------
keys /
text "$ref"
keys Enter
expect_screen "^docket — cases — .*/$ref\$" "search for the case to move"
keys Enter
expect_screen "^docket — case — $ref\$" "open it"
expect_screen '^ State +Assessment \(since 2026-11-10\)$' "the case is in assessment"
keys m
expect_screen "^docket — move — $ref\$" "m opens the move dialog"
expect_screen '^  Move to ◂▸ +Limited information$' "the first move offered from assessment"
expect_screen '^  On \(YYYY-MM-DD\) +2026-11-27$' "On is today"
expect_screen '^  Note' "a note can always be given"
expect_no_screen 'Investigating entity|Outcome|Closure' "limited_info needs no entity, outcome, closure"
keys Right
expect_screen '^  Move to ◂▸ +Referred$' "Right: referred"
expect_screen '^  Investigating entity ◂▸ +OIOS$' "referred needs the entity: it appears"
expect_no_screen 'Outcome|Closure' "nor outcome nor closure for referred"
keys Right
expect_screen '^  Move to ◂▸ +Closed$' "Right: closed"
expect_screen '^  Closure ◂▸ ' "closed needs the closure: it appears"
expect_no_screen 'Investigating entity' "and the entity goes"
keys Left
expect_screen '^  Investigating entity ◂▸ +OIOS$' "Left: back to referred, the entity is back"
keys Tab Tab Right
expect_screen '^  Investigating entity ◂▸ +Troop-contributing country$' "the entity chosen"
keys BTab
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
text '2026-11-20'
expect_screen '^  On \(YYYY-MM-DD\) +2026-11-20$' "On typed"
keys C-s
expect_screen "^docket — case — $ref\$" "saving goes back to the case"
expect_screen "^$ref moved to Referred\.\$" "the message confirms the move"
expect_screen '^ State +Referred \(since 2026-11-20\)$' "the detail shows the new state"
expect_screen '^ Investigating entity +Troop-contributing country$' "and the entity"
expect_screen '^ +(!!|! )? *NIO appointment +due 2026-11-27' "and the deadline the move started"
show "$ref"
expect_eq "${SHOW[State]} ${SHOW[In state since]} ${SHOW[Investigating entity]}" \
    "referred 2026-11-20 Troop-contributing country" "case show: the move made in the TUI"

# A refused move: a date before the previous event. The CLI's message, the form stays.
keys m
expect_screen "^docket — move — $ref\$" "m again"
expect_screen '^  Move to ◂▸ +Investigating$' "from referred: investigating first"
keys Tab BSpace BSpace
text '15'
expect_screen '^  On \(YYYY-MM-DD\) +2026-11-15$' "an On date before the referral"
cli_error case move "$ref" investigating --on 2026-11-15
keys C-s
expect_screen "^$(re_quote "$cli_msg")\$" \
    "the refused move shows the CLI's message"
expect_eq "$(message)" "$cli_msg" "the message line holds exactly the CLI's message"
expect_screen "^docket — move — $ref\$" "the dialog stays after a refusal"
expect_screen '^  On \(YYYY-MM-DD\) +2026-11-15$' "with the date as typed"
keys BSpace BSpace
text '22'
keys C-s
expect_screen "^$ref moved to Investigating\.\$" "corrected, the move goes through"
expect_screen '^ State +Investigating \(since 2026-11-22\)$' "the detail shows it"
show "$ref"
expect_eq "${SHOW[State]} ${SHOW[In state since]}" "investigating 2026-11-22" "case show: the corrected move"
keys m
expect_screen '^  Move to +Concluded$' "from investigating: concluded only (no ◂▸ for one choice)"
expect_screen '^  Outcome ◂▸ +Substantiated$' "concluded needs the outcome"
keys Escape
expect_screen "^docket — case — $ref\$" "Esc cancels the dialog"
show "$ref"
expect_eq "${SHOW[State]}" investigating "a cancelled dialog changes nothing"

# --- Change a field, extend a deadline --------------------------------------------------------
keys e
expect_screen "^docket — change a field — $ref\$" "e opens the change-a-field form"
expect_screen '^  Field ◂▸ +urgent$' "the first field offered"
keys Left
expect_screen '^  Field ◂▸ +mission$' "an administrator may put the case under another mission"
expect_screen '^  New value ◂▸ +BINUH$' "the mission is chosen among the open ones"
keys Right
expect_screen '^  Field ◂▸ +urgent$' "Right wraps around to urgent"
expect_no_screen 'BINUH' "and the mission's choices are gone"
keys Right Right Right Right Right Right
expect_screen '^  Field ◂▸ +nationality$' "Right to nationality"
keys Tab
text 'XXX'
keys C-s
cli_error case set "$ref" nationality XXX
expect_screen "^$(re_quote "$cli_msg")\$" "a bad nationality: the CLI's message"
expect_screen "^docket — change a field — $ref\$" "the form stays"
keys BSpace BSpace BSpace
text 'KEN'
keys C-s
expect_screen "^$ref: nationality changed\.\$" "the field is changed"
expect_screen '^ Nationality +KEN$' "the detail shows the new value"
# An identifier is chosen from its list, as in the move form: category, then the list on Enter.
keys e
expect_screen '^  Field ◂▸ +urgent$' "the form again"
expect_screen '^  New value ◂▸ +no$' "urgent is a yes/no choice"
keys Right Right Right Right Right
expect_screen '^  Field ◂▸ +category$' "Right to category"
expect_screen '^  New value ◂▸ +Sexual exploitation$' "its value is a choice of categories"
keys Tab Enter
expect_screen 'Other serious misconduct' "Enter lists the categories"
keys Down Down Enter
expect_screen '^  New value ◂▸ +Other serious misconduct$' "the category chosen in the list"
keys C-s
expect_screen "^$ref: category changed\.\$" "the category is changed"
show "$ref"
expect_eq "${SHOW[Category]}" other_serious "case show: the category chosen in the form"
keys x
expect_screen "^docket — extend a deadline — $ref\$" "x opens the extend form"
expect_screen '^  Deadline +Investigation: 6 months$' "the live deadline offered"
keys Tab
text '2027-06-30'
keys C-s
cli_error case extend "$ref" investigation_6m --to 2027-06-30
expect_screen "^$(re_quote "$cli_msg")\$" "an extension without a reason: the CLI's message"
keys Tab
text 'Witness abroad'
keys C-s
expect_screen "^$ref: Investigation: 6 months extended\.\$" "the deadline is extended"
expect_screen '^ +(!!|! )? *Investigation: 6 months +due 2027-06-30' "the detail shows the new due date"
expect_screen '^ +original due date: 2027-05-20$' "and the original one"
show "$ref"
read -r _ due original _ <<<"${DL[investigation_6m]:-}"
expect_eq "${SHOW[Nationality]} $due $original" "KEN 2027-06-30 2027-05-20" \
    "case show: the field, and the extension (new and original due dates) made in the TUI"

# --- Notes, and the timeline -----------------------------------------------------------------------
keys a
expect_screen "^docket — add a note — $ref\$" "a opens the note form"
text 'Focal point called back'
keys C-s
expect_screen "^Note added to $ref\.\$" "the note is added"
keys t
expect_screen "^docket — timeline — $ref\$" "t opens the timeline"
expect_screen '^ 2026-11-27 +Note +admin +Focal point called back$' "the note in the timeline"
expect_timeline "$ref" "the timeline after the forms = docket timeline"
# A note from the timeline itself: it shows as soon as the form closes.
keys a
expect_screen "^docket — add a note — $ref\$" "a in the timeline"
text 'Second note, from the timeline'
keys C-s
expect_screen "^docket — timeline — $ref\$" "back to the timeline"
expect_screen '^ 2026-11-27 +Note +admin +Second note, from the timeline$' \
    "the timeline shows the new note at once"
expect_timeline "$ref" "the timeline after a note from it = docket timeline"
# A note longer than the screen is wide must still be readable in full in the timeline.
long_note='The focal point confirmed that the second witness has left the mission area and will only be reachable again after the rotation in June, by phone through the contingent.'
dk_ok "case note" case note "$ref" --note "$long_note"
keys r
expect_screen "^ 2026-11-27 +Note +admin +The focal point confirmed" "r reloads: the long note (CLI) shows"
if grep -qF "by phone through the contingent." <<<"$(screen | tr -s " \n" " ")"; then ok; else
    fail "a note longer than the line is cut ('…') in the timeline and cannot be read in full anywhere in the TUI"
fi
keys q
expect_screen "^docket — case — $ref\$" "q goes back"
keys q q
expect_screen '^docket — dashboard$' "q, q: back to the dashboard"
keys q
expect_clean_exit "q on the dashboard"

# After quitting, the CLI still sees everything.
dk_ok "case list" case list --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1,4 | tr '\n' ' ')" \
    "$ref,investigating UNMISS-2026-0002,received UNMISS-2026-0003,received " \
    "case list after quitting"

# A long mission code: the list still shows whole references.
dk_ok "mission add" mission add ABCDEFGHIJKL --name 'A mission with the longest code'
dk_ok "case add" case add --mission ABCDEFGHIJKL --reported 2026-11-02 --category other
long=$out
tui_open
keys l
expect_screen '^docket — cases' "the list"
expect_screen "^ +$long " "a 22-character reference shows whole in the list"
expect_screen '^docket — cases' "the list"
keys q q
expect_clean_exit "q, q"

finish
