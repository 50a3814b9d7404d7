# Shared by the TUI scenario tests: a private sandbox, a private tmux server running the real
# binary in a pane of fixed size, keys typed with send-keys, the screen read with capture-pane.
# Each scenario is a bash script sourced with `. lib.sh`; it counts its checks and ends with
# `finish`, which fails the test when any check failed.
#
# Synchronisation: never sleep for correctness. Type, then wait_for / expect_screen the change
# the keys must cause; only then assert what must be absent (expect_no_screen reads the screen
# once, so it is meaningful only after a positive wait).
set -euo pipefail

: "${DOCKET:?DOCKET must point at the docket binary}"
command -v tmux >/dev/null || { echo "tmux is not installed: skipping" >&2; exit 77; }

SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/docket-tui.XXXXXX")
# The tmux server is private to this script (its own socket) and always killed on exit.
TMUX_NAME=docket-tui-$$-$RANDOM
unset TMUX TMUX_PANE
# Its socket lives in the sandbox too, unless that path would be too long for a socket.
if [ "${#SANDBOX}" -lt 60 ]; then export TMUX_TMPDIR=$SANDBOX; fi
tmux_() { tmux -L "$TMUX_NAME" "$@"; }
# The docket processes this script started (a docket that ignores the hangup must not outlive
# the test).
TUI_PIDS=()
cleanup() {
    local p
    tmux_ kill-server >/dev/null 2>&1 || true
    for p in "${TUI_PIDS[@]}"; do kill -KILL "$p" >/dev/null 2>&1 || true; done
    rm -rf "$SANDBOX"
}
trap cleanup EXIT
# Nothing may leak into the real home or temp directory.
export HOME=$SANDBOX/home TMPDIR=$SANDBOX/tmp
mkdir -p "$HOME" "$TMPDIR" "$SANDBOX/io"
unset DOCKET_DB DOCKET_USER XDG_DATA_HOME NO_COLOR
export LC_ALL=C.UTF-8
DB=$SANDBOX/case.db
PASS='long passphrase'
TODAY=2026-11-27
TUI_COLS=100
TUI_ROWS=30
# ids_for_names: stdin with the deadline rules' and statuses' display names (what the screens
# show, src/core/label.c) turned back into their ids, one word each, to compare a screen's
# rows with the CLI's CSV.
ids_for_names() {
    sed -E -e 's/Investigation: 6 months/investigation_6m/g' \
        -e 's/Investigation: 90 days/investigation_90d/g' -e 's/NIO appointment/nio_appointment/g' \
        -e 's/Victim update/victim_update/g' -e 's/On track/on_track/g' -e 's/Due soon/due_soon/g' \
        -e 's/\bOverdue\b/overdue/g' -e 's/\bMet\b/met/g' -e 's/\bMissed\b/missed/g'
}
# shellcheck disable=SC2034 # read by the scenarios
declare -A RULE_NAME=([investigation_6m]="Investigation: 6 months"
    [investigation_90d]="Investigation: 90 days" [nio_appointment]="NIO appointment"
    [victim_update]="Victim update")
# list_ids_for_names: the case list's categories and states (display names, a long one cut
# with …) turned back into their ids, to compare its rows with `case list --format csv`.
list_ids_for_names() {
    sed -E -e 's/Sexual exploitation/sexual_exploitation/g' -e 's/Sexual abuse/sexual_abuse/g' \
        -e 's/Other serious misc[a-z]*…?/other_serious/g' -e 's/Other misconduct/other/g' \
        -e 's/Limited informat[a-z]*…?/limited_info/g' -e 's/ Received( |$)/ received\1/' \
        -e 's/ Assessment( |$)/ assessment\1/' -e 's/ Referred( |$)/ referred\1/' \
        -e 's/ Investigating( |$)/ investigating\1/' -e 's/ Concluded( |$)/ concluded\1/' \
        -e 's/ Action( |$)/ action\1/' -e 's/ Closed( |$)/ closed\1/'
}
SESSION=t
failures=0
checks=0
SCREEN=

# The server's options: no status line (the pane is the whole window); a pane whose launcher
# ended anyway stays, to be read. The server outlives its last session: tui_start kills the
# session before it makes the next, and a client that reaches a server still exiting from that
# dies with "server exited unexpectedly" (seen on a busy machine).
cat >"$SANDBOX/tmux.conf" <<'EOF'
set -s exit-empty off
set -g status off
set -g remain-on-exit on
set -g history-limit 0
EOF

fail() {
    printf 'FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}

ok() { checks=$((checks + 1)); }

# --- The CLI, as in tests/cli/lib.sh -------------------------------------------------------------

# dk ARGS...: runs docket on $DB as admin with the passphrase on fd 3; sets $out, $err, $rc.
dk() {
    local o=$SANDBOX/io/out e=$SANDBOX/io/err
    set +e
    "$DOCKET" --db "$DB" --user "${DK_USER:-admin}" --passphrase-fd 3 --today "$TODAY" "$@" \
        3<<<"${DK_PASS:-$PASS}" >"$o" 2>"$e"
    rc=$?
    set -e
    out=$(cat "$o")
    err=$(cat "$e")
}

# dk_ok WHAT ARGS...: dk, which must succeed (a setup step: the script stops if it does not).
dk_ok() {
    local what=$1
    shift
    dk "$@"
    if [ "$rc" -ne 0 ]; then
        echo "setup failed: $what: exit $rc: $err" >&2
        exit 1
    fi
}

init_db() { dk_ok "init" init --admin admin --kdf interactive "$@"; }

expect_eq() {
    local got=$1 want=$2 what=$3
    if [ "$got" == "$want" ]; then ok; else fail "$what: got [$got], wanted [$want]"; fi
}

expect_match() {
    local got=$1 pattern=$2 what=$3
    if [[ $got =~ $pattern ]]; then ok; else fail "$what: [$got] does not match /$pattern/"; fi
}

# --- The terminal --------------------------------------------------------------------------------

# tui_start [ARGS...]: runs docket (no command: the TUI) on $DB as $TUI_USER (admin by default),
# --today $TODAY (none when TODAY is empty: the clock's date), in a fresh $TUI_COLS x $TUI_ROWS pane, and waits for the unlock screen
# ($TUI_READY, a regex).
# TERM is $TUI_TERM (xterm-256color by default); $TUI_ENV holds more NAME=VALUE words for its
# environment. Standard error goes to $SANDBOX/tui.stderr (nothing may be printed outside
# curses). When docket ends, the launcher writes its exit status to $SANDBOX/tui.status, prints
# one line "[docket exited N]" and keeps the pane alive, so the state docket left the terminal
# in can be read (tmux hides the cursor of a dead pane, which would hide whether docket
# restored it). $TUI_PID is docket's process id.
tui_start() {
    local launch=$SANDBOX/launch a
    tui_stop
    : >"$SANDBOX/tui.stderr"
    rm -f "$SANDBOX/tui.status"
    {
        echo '#!/usr/bin/env bash'
        # A handler, not an ignored signal: docket gets the default SIGINT behaviour back.
        echo "trap 'true' INT"
        printf 'exec 2>>%q\n' "$SANDBOX/tui.stderr"
        printf 'env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=%q' "${TUI_TERM:-xterm-256color}"
        for a in ${TUI_ENV:-}; do printf ' %q' "$a"; done
        printf ' %q --db %q --user %q' "$DOCKET" "$DB" "${TUI_USER:-admin}"
        [ -z "$TODAY" ] || printf ' --today %q' "$TODAY"
        for a in "$@"; do printf ' %q' "$a"; done
        echo
        printf 'status=$?; echo "$status" >%q\n' "$SANDBOX/tui.status"
        echo 'printf "[docket exited %s]\n" "$status"'
        echo 'exec sleep 100000'
    } >"$launch"
    chmod +x "$launch"
    tmux_ -f "$SANDBOX/tmux.conf" new-session -d -s "$SESSION" -x "$TUI_COLS" -y "$TUI_ROWS" "$launch"
    if ! wait_for "${TUI_READY:-unlock the case database|enlarge the terminal}" 10; then
        fail "tui_start $*: no unlock screen"
        dump
        exit 1
    fi
    # docket is the launcher's only child.
    TUI_PID=$(ps -o pid= --ppid "$(pane '#{pane_pid}')" | tr -d ' ' | sed -n 1p)
    [ -z "$TUI_PID" ] || TUI_PIDS+=("$TUI_PID")
}

# alive PID: the process runs (and is not a zombie).
alive() {
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    [[ $st != Z* ]]
}

# tui_stop: ends the session (its process is killed if it still runs).
tui_stop() { tmux_ kill-session -t "$SESSION" >/dev/null 2>&1 || true; }

# keys KEY...: tmux key names (Enter, Escape, Down, C-s, ...) or single characters.
keys() { tmux_ send-keys -t "$SESSION" "$@"; }

# text 'literal': types the text as is.
text() { tmux_ send-keys -t "$SESSION" -l -- "$1"; }

# screen: the pane's text, one line per row, trailing spaces trimmed.
screen() { tmux_ capture-pane -p -t "$SESSION"; }

# screen_e: the same with the attributes and colours as escape sequences.
screen_e() { tmux_ capture-pane -p -e -t "$SESSION"; }

# pane FORMAT: a tmux format of the pane (#{pane_dead}, #{alternate_on}, ...).
pane() { tmux_ display-message -p -t "$SESSION" "$1" 2>/dev/null || true; }

# row N: line N of the screen (0 is the first; -1 the last).
row() {
    local n=$1
    if [ "$n" -lt 0 ]; then
        screen | tail -n "$((-n))" | sed -n 1p
    else
        screen | sed -n "$((n + 1))p"
    fi
}

# wait_for REGEX [SECONDS]: polls the screen every 0.1 s until a line matches the extended
# regular expression (default 5 s); leaves the last capture in $SCREEN; false on timeout.
wait_for() {
    local re=$1 secs=${2:-5} tries
    tries=$((${secs%.*} * 10))
    [ "$tries" -gt 0 ] || tries=1
    while :; do
        SCREEN=$(screen 2>/dev/null || true)
        if grep -Eq -- "$re" <<<"$SCREEN"; then return 0; fi
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}

# settle: waits until two captures 0.1 s apart agree (a paint can be caught half
# written); leaves the capture in $SCREEN.
settle() {
    local prev tries=30
    SCREEN=$(screen)
    while [ "$tries" -gt 0 ]; do
        sleep 0.1
        prev=$SCREEN
        SCREEN=$(screen)
        [ "$SCREEN" != "$prev" ] || return 0
        tries=$((tries - 1))
    done
}

# page_down: PgDn, then waits for the screen to change and settle into $SCREEN;
# false when it did not change (the last page).
page_down() {
    local last tries=20
    last=$(screen)
    keys NPage
    while [ "$(screen)" == "$last" ] && [ "$tries" -gt 0 ]; do
        sleep 0.1
        tries=$((tries - 1))
    done
    settle
    [ "$SCREEN" != "$last" ]
}

# help_text [LAST]: every page of the help (opened with ?) into $HELP, up to the page
# with a line matching LAST if given, then back with Esc; $HELP_PAGES counts the pages.
help_text() {
    local last=${1:-} pages=1
    keys '?'
    expect_screen '^docket — help' "? opens the help"
    settle
    HELP=$SCREEN
    while [ "$pages" -lt 20 ] && ! { [ -n "$last" ] && grep -Eq -- "$last" <<<"$HELP"; } &&
        page_down; do
        HELP+=$'\n'$SCREEN
        pages=$((pages + 1))
    done
    HELP_PAGES=$pages
    keys Escape
}

dump() {
    printf -- '--- screen (%sx%s) ---\n%s\n--- end of screen ---\n' \
        "$(pane '#{pane_width}')" "$(pane '#{pane_height}')" "$SCREEN" >&2
}

# expect_screen REGEX WHAT [SECONDS]: a line of the screen matches within the time.
expect_screen() {
    local re=$1 what=$2 secs=${3:-5}
    if wait_for "$re" "$secs"; then
        ok
    else
        fail "$what: no line matches /$re/"
        dump
    fi
}

# expect_no_screen REGEX WHAT: no line of the screen matches, now.
expect_no_screen() {
    local re=$1 what=$2
    SCREEN=$(screen)
    if grep -Eq -- "$re" <<<"$SCREEN"; then
        fail "$what: a line matches /$re/: [$(grep -E -- "$re" <<<"$SCREEN" | sed -n "1,3p")]"
        dump
    else
        ok
    fi
}

# unlock [PASSPHRASE]: types the passphrase on the unlock screen and waits for the dashboard.
unlock() {
    text "${1:-$PASS}"
    keys Enter
    if wait_for 'docket — dashboard' 10; then
        ok
    else
        fail "unlock: no dashboard"
        dump
    fi
}

# tui_open [ARGS...]: tui_start, then unlock.
tui_open() {
    tui_start "$@"
    unlock
}

# wait_exit [SECONDS]: waits until docket has ended; false on timeout.
wait_exit() {
    local tries=$((${1:-5} * 10))
    until [ -s "$SANDBOX/tui.status" ]; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || return 1
        sleep 0.1
    done
}

# expect_clean_exit WHAT [keep]: docket ended with status 0, left the terminal as it found it
# (main screen, cursor shown, cursor keys in normal mode, nothing drawn left over) and printed
# nothing on standard error. With "keep", the screen may keep what docket drew (a terminal
# without an alternate screen, such as vt100); the launcher's line must then be on the last one.
expect_clean_exit() {
    local what=$1 keep=${2:-} modes want='alt=0 cursor=1 ckeys=0' tries=20
    if ! wait_exit 3; then
        SCREEN=$(screen)
        fail "$what: docket is still running after 3 s"
        dump
        return
    fi
    ok
    expect_eq "$(cat "$SANDBOX/tui.status")" 0 "$what: exit status"
    # The launcher's line comes after docket's last byte: once it shows, the modes are final.
    wait_for '^\[docket exited' 3 || true
    while :; do
        modes=$(pane 'alt=#{alternate_on} cursor=#{cursor_flag} ckeys=#{keypad_cursor_flag}')
        [ "$modes" == "$want" ] && break
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    expect_eq "$modes" "$want" "$what: terminal modes restored (main screen, cursor, cursor keys)"
    SCREEN=$(screen)
    if [ "$keep" == keep ]; then
        expect_match "$(screen | tail -n 2 | sed -n 1p)" '^\[docket exited 0\]' \
            "$what: the cursor was left on the last line"
    else
        expect_eq "$(grep -v '^$' <<<"$SCREEN")" "[docket exited 0]" \
            "$what: the screen is as before docket (nothing left over, nothing printed)"
    fi
    expect_eq "$(cat "$SANDBOX/tui.stderr")" "" "$what: nothing printed on standard error"
}

# resize COLS ROWS: resizes the window (the pane follows: no status line).
resize() { tmux_ resize-window -t "$SESSION" -x "$1" -y "$2"; }

# strip: removes the escape sequences of screen_e.
strip() { sed -e 's/\x1b\[[0-9;:]*[A-Za-z]//g' -e 's/\x1b[()][A-Z0-9]//g'; }

# selected_refs: the case reference on the line drawn in reverse video (the selection),
# between the title and the message line. (Plain bash: this is polled.)
selected_refs() {
    local -a lines
    local i rev=$'\x1b\\[([0-9;]*;)?7(;[0-9;]*)?m' ref='([A-Z]+-[0-9]{4}-[0-9]{4})'
    mapfile -t lines < <(screen_e)
    for ((i = 1; i < ${#lines[@]} - 2; i++)); do
        if [[ ${lines[i]} =~ $rev ]] && [[ ${lines[i]} =~ $ref ]]; then
            echo "${BASH_REMATCH[1]}"
            return
        fi
    done
}

# list_refs: the references of the case list's rows on screen, top to bottom.
list_refs() {
    local -a lines
    local i row='^(!!|! |  ) ([A-Z]+-[0-9]{4}-[0-9]{4})'
    mapfile -t lines < <(screen)
    for ((i = 2; i < ${#lines[@]} - 2; i++)); do
        [[ ${lines[i]} =~ $row ]] && echo "${BASH_REMATCH[2]}"
    done
    return 0
}

# expect_rows WANT WHAT: the list rows on screen are exactly the references WANT (waits).
expect_rows() {
    local want=$1 what=$2 got tries=50
    while :; do
        got=$(list_refs)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    fail "$what: rows on screen differ from the CLI's:
$(diff <(echo "$want") <(echo "$got") | sed -n "1,20p")"
    SCREEN=$(screen)
    dump
}

# expect_selected REF WHAT: the selected line shows REF (waits for it).
expect_selected() {
    local want=$1 what=$2 got tries=50
    while :; do
        got=$(selected_refs)
        [ "$got" == "$want" ] && { ok; return; }
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || break
        sleep 0.1
    done
    SCREEN=$(screen)
    fail "$what: the selected line shows [$got], wanted [$want]"
    dump
}

# re_quote TEXT: TEXT as an extended regular expression matching itself.
re_quote() { sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; }

# timeline_rows REF: the events of `docket timeline REF --format csv`, one line each, "date kind
# actor detail" with blanks squeezed (a newline inside a detail shown as ␊, as the TUI does).
# The display names of the timeline's event kinds (label.c), as the screens show them.
declare -A EVENT_NAME=([created]=Recorded [moved]=Moved [set]=Changed [note]=Note
    [extended]=Extended [extension_lapsed]="Extension lapsed" [extension_back]="Extension back"
    [victim_added]="Victim named" [victim_informed]="Victim informed"
    [victim_assistance]=Assistance [victim_paternity]="Paternity claim"
    [subject_added]="Subject added" [subject_action]="Subject action")
# event_name KIND: its display name; a kind without one fails the scenario.
event_name() {
    if [ -n "${EVENT_NAME[$1]:-}" ]; then printf '%s' "${EVENT_NAME[$1]}"; else
        fail "no display name known for the event kind '$1'"
        printf '%s' "$1"
    fi
}

timeline_rows() {
    local line rec='' q d k a det
    dk timeline "$1" --format csv
    [ "$rc" -eq 0 ] || { fail "docket timeline $1: $err"; return; }
    while IFS= read -r line; do
        rec=${rec:+$rec$'\n'}$line
        q=${rec//[^\"]/}
        ((${#q} % 2 == 0)) || continue
        d=${rec%%,*} && rec=${rec#*,}
        k=${rec%%,*} && rec=${rec#*,}
        a=${rec%%,*} && det=${rec#*,}
        rec=
        if [[ $det == \"*\" ]]; then
            det=${det:1:${#det}-2}
            det=${det//\"\"/\"}
        fi
        printf '%s %s %s %s\n' "$d" "$(event_name "$k")" "$a" "${det//$'\n'/␊}" | tr -s ' '
    done < <(tail -n +2 <<<"$out")
}

# screen_events: the rows of a timeline on screen that start with a date, each with the
# continuation rows a long detail wraps onto (indented under its column) joined to it.
screen_events() {
    screen | awk '
        /^ +[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { if (r != "") print r; r = $0; next }
        /^                    +[^ ]/ && r != "" { sub(/^ +/, ""); r = r " " $0; next }
        { if (r != "") print r; r = "" }
        END { if (r != "") print r }'
}

# expect_timeline REF WHAT: the timeline on screen lists exactly the events of
# `docket timeline REF`, in order (blanks squeezed).
expect_timeline() {
    local ref=$1 what=$2 want got
    want=$(timeline_rows "$ref")
    expect_screen '^ DATE +KIND +ACTOR +DETAIL$' "$what: the timeline's columns"
    got=$(screen_events | tr -s ' ' | sed 's/^ //')
    if [ "$got" == "$want" ]; then ok; else
        fail "$what: the timeline on screen differs from docket timeline $ref:
$(diff <(echo "$want") <(echo "$got"))"
        SCREEN=$(screen)
        dump
    fi
}

# show REF: `docket case show REF` into SHOW[Label] (the field's value; the lines of a
# multi-line value joined with newlines; a state or category by its id, as the table's
# display name maps back through ID_OF) and DL[rule] ("start due original_due met_on
# days_left status", rule and status by their ids) and DLX[rule] (its explanation). Parsing
# the table keeps python (slow to start on a loaded machine) out of these tests.
declare -A ID_OF=([Received]=received [Assessment]=assessment ["Limited information"]=limited_info
    [Referred]=referred [Investigating]=investigating [Concluded]=concluded [Action]=action
    [Closed]=closed ["Sexual exploitation"]=sexual_exploitation ["Sexual abuse"]=sexual_abuse
    ["Other serious misconduct"]=other_serious ["Other misconduct"]=other)
# shellcheck disable=SC2034 # read by the scenarios
declare -A SHOW DL DLX
# shellcheck disable=SC2034 # SHOW, DL and DLX are read by the scenarios
show() {
    local line label='' value indent=0 re_field='^([A-Z][A-Za-z]*( [a-z]+)*)  +(.*)$'
    local re_dl='^  ([a-z0-9_]+) +([0-9-]+) +([0-9-]+) +([0-9-]+) +([0-9-]+) +(-?[0-9]+|-) +([a-z_]+)  +(.*[^ ]) +(V-[0-9A-Z]{10}|-)$'
    SHOW=()
    DL=()
    DLX=()
    dk case show "$1"
    if [ "$rc" -ne 0 ]; then
        fail "docket case show $1: $err"
        return
    fi
    while IFS= read -r line; do
        if [[ $line =~ $re_field ]]; then
            label=${BASH_REMATCH[1]}
            value=${BASH_REMATCH[3]}
            if [ -n "$value" ] && [ -n "${ID_OF[$value]+set}" ]; then value=${ID_OF[$value]}; fi
            SHOW[$label]=$value
            indent=$((${#line} - ${#BASH_REMATCH[3]}))
        elif [ -n "$label" ] && [ "$indent" -gt 0 ] && [[ ${line:0:indent} =~ ^\ +$ ]] && [ -n "${line:indent}" ]; then
            SHOW[$label]+=$'\n'${line:indent}
        elif [[ $line =~ $re_dl ]]; then
            label=
            DL[${BASH_REMATCH[1]}]="${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]} ${BASH_REMATCH[5]} ${BASH_REMATCH[6]} ${BASH_REMATCH[7]}"
            DLX[${BASH_REMATCH[1]}]=${BASH_REMATCH[8]}
        else
            label=
        fi
    done < <(ids_for_names <<<"$out")
}

# elapsed: seconds since the script started, for the runtime line of finish.
START_SECONDS=$SECONDS

finish() {
    if [ "$failures" -gt 0 ]; then
        printf '%d of %d checks failed (%ds)\n' "$failures" "$((checks + failures))" \
            "$((SECONDS - START_SECONDS))" >&2
        exit 1
    fi
    printf '%d checks passed (%ds)\n' "$checks" "$((SECONDS - START_SECONDS))"
}
