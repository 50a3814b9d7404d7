#!/usr/bin/env bash
# Reports (issue 12): the acceptance scenario. A fixed data set is built through the CLI only;
# every count, median, percentile and suppressed cell of every report is compared, in CSV, with a
# hand calculation written next to it, from the report semantics (docket(1), include/docket/app.h).
#
# The data set: 17 cases in MINUSCA, MONUSCO and UNMISS, reported 2024-2026; the report date is
# D = 2026-11-30 (a Monday). Names below (T = referred for investigation, N = not) are used in
# every comment. "nio" = the nio_appointment deadline (tcc/pcc: 5 working days, no holidays),
# "inv" = investigation_6m (6 calendar months) or investigation_90d (urgent: 90 days).
#
#  name mission reported   category      type                      personnel    nat urg source
#  T1   MINUSCA 2024-03-10 SA            rape                      military_mc  PAK     victim
#  T2   MINUSCA 2024-11-05 SE            transactional_sex         military_mc  BGD yes witness
#  N1   MINUSCA 2025-04-22 other         -                         -            -       -
#  T5   MINUSCA 2026-01-12 SA            sexual_assault            military_mc  PAK     community_network
#  N7   MINUSCA 2026-06-15 other         -                         -            -       hotline
#  N2   MONUSCO 2024-06-03 SE            exploitative_relationship civilian_int -       staff
#  T3   MONUSCO 2025-01-28 SE            solicitation              civilian_int -       hotline
#  T9   MONUSCO 2025-05-26 SA            sexual_assault            military_mc  PAK     victim
#  T6   MONUSCO 2026-08-24 SA            rape                      military_mc  BGD     victim
#  T7   MONUSCO 2026-09-14 SE            transactional_sex         police_unpol NPL yes anonymous
#  N3   MONUSCO 2026-10-20 other_serious -                         -            -       media
#  N4   MONUSCO 2026-11-10 SA            unknown                   contractor   -       other
#  T4   UNMISS  2025-04-28 SA            rape                      police_fpu   NPL yes witness
#  T10  UNMISS  2026-01-26 SA            sexual_assault            military_mc  BGD yes victim
#  T8   UNMISS  2026-02-23 SE            exploitative_relationship police_fpu   NPL     staff
#  N5   UNMISS  2026-11-20 SE            -                         -            -       victim
#  N6   UNMISS  2026-12-05 SA            -                         -            -       - (after D)
#  (SA sexual_abuse, SE sexual_exploitation; "-": not set; refs MISSION-YEAR-NNNN in this order)
#
# Their histories (R = referral date; days from R; state on D in brackets):
#  T1  tcc, R 2024-03-15, nio due 03-22 met 03-20 (5 d); inv_6m due 2024-09-15, concluded
#      2024-08-20 substantiated (158 d, in time); action 09-01; closed 2025-01-10 [closed]
#  T2  tcc, R 2024-11-12, nio due 11-19 met 11-28 (16 d, late); inv_90d due 2025-02-10,
#      concluded 2025-03-20 substantiated (128 d, late: missed); action 2025-04-01 [action]
#  T3  oios, R 2025-02-03, investigating 02-10; inv_6m due 2025-08-03, extended on 2025-07-25
#      to 2025-10-03; concluded 2025-09-15 not_substantiated (224 d, thanks to the extension)
#      [concluded]
#  T4  pcc, R 2025-05-05, nio due 05-12 never met; inv_90d due 2025-08-03; closed 2025-09-01
#      unmet (missed, ended) [closed]
#  T5  tcc, R 2026-01-20, nio due 01-27 met 01-23 (3 d); inv_6m due 2026-07-20, live
#      [investigating, overdue by 133 d]
#  T6  tcc, R 2026-09-01, nio due 09-08 not met [referred: nio 83 d overdue]; inv_6m due
#      2027-03-01 [on track]
#  T7  oios, R 2026-10-01, investigating 10-05; inv_90d due 2026-12-30 [investigating, on
#      track]; concluded 2026-12-15, after D: a move --today D must not see
#  T8  pcc, R 2026-03-02, nio due 03-09 never met; closed 2026-03-20, before inv_6m's due
#      2026-09-02: referred only, until reopened 2026-05-04 and referred again: R 2026-05-11
#      (the latest start counts), nio due 05-18 met 05-15 (4 d); inv_6m due 2026-11-11, live
#      [investigating, overdue by 19 d]
#  T9  tcc, R 2025-06-02, nio due 06-09 met 06-12 (10 d, late); inv_6m due 2025-12-02,
#      concluded 2025-10-01 not_substantiated (121 d, in time); closed 2025-10-15 [closed]
#  T10 tcc, R 2026-02-02, nio due 02-09 met 02-06 (4 d); inv_90d due 2026-05-03, concluded
#      2026-04-20 substantiated (77 d, in time); action 2026-05-01 [action]
#  N1  assessment 2025-04-23, closed 2025-05-10 not_sea [closed]
#  N2  assessment 2024-06-04, closed 2024-06-20 not_sea [closed]
#  N3  assessment 2026-10-21, limited_info 2026-10-25 [limited_info]
#  N4  assessment 2026-11-12 [assessment]; put under UNMISS on 2026-12-10, after D
#  N5  [received]   N7 [received]   N6 reported after D
#
# Victims (code: sex/age, cases named in and when; assistance kind: status steps; paternity steps):
#  V1 female/adult  T1 2024-03-10; medical referred 2024-03-12, provided 2024-04-01
#  V2 female/child  T2 2024-11-05; medical referred 2024-11-20; psychosocial provided 2025-01-10;
#                   paternity claimed 2025-02-01, dna_pending 2025-05-10, established 2025-09-01
#  V3 female/adult  T5 2026-01-12 and T6 2026-08-24; psychosocial provided 2026-02-01; legal
#                   declined 2026-03-01
#  V4 male/child    T10 2026-01-26; education provided 2026-03-01
#  V5 male/adult    T7 2026-12-03 (after D); medical referred 2026-12-04
#  V6 female/unknown T9 2025-05-26; paternity claimed 2025-07-01, support_ordered 2025-11-01
#  V7 female/adult  T5 2026-01-15; material referred 2026-03-01, provided 2026-12-15 (after D);
#                   paternity claimed 2026-02-10, closed 2026-04-01, claimed 2026-08-20,
#                   dna_pending 2026-10-01, established 2026-12-10 (after D)
#  V8 unknown/unknown N1 2025-04-22
#  V9 female/child  T4 2025-04-28; paternity none 2025-06-01
# Subjects (personnel nationality, added; actions, (i) interim):
#  S1 T1 military_mc PAK 2024-03-12: repatriated(i) 2024-04-01, dismissal 2024-10-01
#  S2 T2 military_mc BGD 2024-11-15: payments_suspended(i) 2024-12-01, repatriation_ban 2025-06-01
#  S3 T2 military_mc BGD 2024-11-15: demotion 2025-06-01
#  S4 T5 military_mc PAK 2026-01-20: repatriated(i) 2026-02-15
#  S5 T3 civilian_int -  2025-02-05: administrative_leave(i) 2025-03-01, none 2025-10-01
#  S6 T6 military_mc BGD 2026-09-01: none yet
#  S7 T7 police_unpol NPL 2026-10-02: administrative_leave(i) 2026-10-10, dismissal 2027-01-10
#                                     (after D)
#  S8 T4 police_fpu NPL 2025-05-01: placed_on_hold(i) 2025-05-10
#  S9 T10 military_mc BGD 2026-02-02: repatriated(i) 2026-02-20, imprisonment 2026-12-05
#                                     (after D)
. "$(dirname "$0")/lib.sh"

init_db
add_user omar --role officer --mission MONUSCO

# Everything is recorded as of a day after every event of the data set.
BUILT=2027-01-31
TODAY=$BUILT

# must WHAT ARGS...: docket ARGS as admin must succeed (its output stays in $out).
must() {
    local what=$1
    shift
    dk "$@"
    expect_rc 0 "$what"
    [ "$rc" -eq 0 ] || { finish; exit 1; }
}

# case_ NAME REF MISSION REPORTED CATEGORY [case add options]: records the case, checks its ref.
case_() {
    local name=$1 ref=$2 mission=$3 reported=$4 category=$5
    shift 5
    must "$name: case add" case add --mission "$mission" --reported "$reported" \
        --category "$category" "$@"
    expect_eq "$out" "$ref" "$name: its reference"
}

# move REF STATE DATE [options]
move() {
    local ref=$1 state=$2 on=$3
    shift 3
    must "$ref: move to $state on $on" case move "$ref" "$state" --on "$on" "$@"
}

# victim VAR REF DATE [victim add options]: names a victim, its code in VAR.
victim() {
    local var=$1 ref=$2 on=$3
    shift 3
    must "$var: named in $ref on $on" victim add "$ref" --on "$on" "$@"
    printf -v "$var" '%s' "$out"
}

# subject VAR REF DATE PERSONNEL [subject add options]: records a subject, its code in VAR.
subject() {
    local var=$1 ref=$2 on=$3 personnel=$4
    shift 4
    must "$var: subject of $ref" subject add "$ref" --personnel "$personnel" --on "$on" "$@"
    printf -v "$var" '%s' "$out"
}

assist() { must "$1: $2 $3 on $4" victim assist "$1" "$2" --status "$3" --on "$4"; }
paternity() { must "$1: paternity $2 on $3" victim paternity "$1" "$2" --on "$3"; }
action() { must "$1: $2 on $3" subject action "$1" "$2" --on "$3" "${@:4}"; }

# --- MINUSCA ------------------------------------------------------------------------------------
T1=MINUSCA-2024-0001
case_ T1 $T1 MINUSCA 2024-03-10 sexual_abuse --type rape --personnel military_mc \
    --nationality PAK --source victim
victim V1 $T1 2024-03-10 --sex female --age adult
move $T1 assessment 2024-03-11
subject S1 $T1 2024-03-12 military_mc --nationality PAK
assist "$V1" medical referred 2024-03-12
move $T1 referred 2024-03-15 --entity tcc
move $T1 investigating 2024-03-20
assist "$V1" medical provided 2024-04-01
action "$S1" repatriated 2024-04-01 --interim
move $T1 concluded 2024-08-20 --outcome substantiated
move $T1 action 2024-09-01
action "$S1" dismissal 2024-10-01
move $T1 closed 2025-01-10 --closure actions_completed

T2=MINUSCA-2024-0002
case_ T2 $T2 MINUSCA 2024-11-05 sexual_exploitation --type transactional_sex \
    --personnel military_mc --nationality BGD --source witness --urgent
victim V2 $T2 2024-11-05 --sex female --age child
move $T2 assessment 2024-11-06
move $T2 referred 2024-11-12 --entity tcc
subject S2 $T2 2024-11-15 military_mc --nationality BGD
subject S3 $T2 2024-11-15 military_mc --nationality BGD
assist "$V2" medical referred 2024-11-20
move $T2 investigating 2024-11-28
action "$S2" payments_suspended 2024-12-01 --interim
assist "$V2" psychosocial provided 2025-01-10
paternity "$V2" claimed 2025-02-01
move $T2 concluded 2025-03-20 --outcome substantiated
move $T2 action 2025-04-01
paternity "$V2" dna_pending 2025-05-10
action "$S2" repatriation_ban 2025-06-01
action "$S3" demotion 2025-06-01
paternity "$V2" established 2025-09-01

N1=MINUSCA-2025-0001
case_ N1 $N1 MINUSCA 2025-04-22 other
victim V8 $N1 2025-04-22
move $N1 assessment 2025-04-23
move $N1 closed 2025-05-10 --closure not_sea

T5=MINUSCA-2026-0001
case_ T5 $T5 MINUSCA 2026-01-12 sexual_abuse --type sexual_assault --personnel military_mc \
    --nationality PAK --source community_network
victim V3 $T5 2026-01-12 --sex female --age adult
move $T5 assessment 2026-01-14
victim V7 $T5 2026-01-15 --sex female --age adult
subject S4 $T5 2026-01-20 military_mc --nationality PAK
move $T5 referred 2026-01-20 --entity tcc
move $T5 investigating 2026-01-23
assist "$V3" psychosocial provided 2026-02-01
paternity "$V7" claimed 2026-02-10
action "$S4" repatriated 2026-02-15 --interim
assist "$V3" legal declined 2026-03-01
assist "$V7" material referred 2026-03-01
paternity "$V7" closed 2026-04-01
paternity "$V7" claimed 2026-08-20
paternity "$V7" dna_pending 2026-10-01
paternity "$V7" established 2026-12-10
assist "$V7" material provided 2026-12-15

N7=MINUSCA-2026-0002
case_ N7 $N7 MINUSCA 2026-06-15 other --source hotline

# --- MONUSCO ------------------------------------------------------------------------------------
N2=MONUSCO-2024-0001
case_ N2 $N2 MONUSCO 2024-06-03 sexual_exploitation --type exploitative_relationship \
    --personnel civilian_int --source staff
move $N2 assessment 2024-06-04
move $N2 closed 2024-06-20 --closure not_sea

T3=MONUSCO-2025-0001
case_ T3 $T3 MONUSCO 2025-01-28 sexual_exploitation --type solicitation --personnel civilian_int \
    --source hotline
move $T3 assessment 2025-01-30
move $T3 referred 2025-02-03 --entity oios
subject S5 $T3 2025-02-05 civilian_int
move $T3 investigating 2025-02-10
action "$S5" administrative_leave 2025-03-01 --interim
# An extension is dated the day it is given: recorded as of 2025-07-25.
TODAY=2025-07-25 must "$T3: inv_6m extended" case extend $T3 investigation_6m --to 2025-10-03 \
    --reason 'witnesses abroad'
move $T3 concluded 2025-09-15 --outcome not_substantiated
action "$S5" none 2025-10-01

T9=MONUSCO-2025-0002
case_ T9 $T9 MONUSCO 2025-05-26 sexual_abuse --type sexual_assault --personnel military_mc \
    --nationality PAK --source victim
victim V6 $T9 2025-05-26 --sex female
move $T9 assessment 2025-05-28
move $T9 referred 2025-06-02 --entity tcc
move $T9 investigating 2025-06-12
paternity "$V6" claimed 2025-07-01
move $T9 concluded 2025-10-01 --outcome not_substantiated
move $T9 closed 2025-10-15 --closure not_substantiated
paternity "$V6" support_ordered 2025-11-01

T6=MONUSCO-2026-0001
case_ T6 $T6 MONUSCO 2026-08-24 sexual_abuse --type rape --personnel military_mc \
    --nationality BGD --source victim
must "V3: named again in $T6" victim add $T6 --code "$V3" --on 2026-08-24
move $T6 assessment 2026-08-25
move $T6 referred 2026-09-01 --entity tcc
subject S6 $T6 2026-09-01 military_mc --nationality BGD

T7=MONUSCO-2026-0002
case_ T7 $T7 MONUSCO 2026-09-14 sexual_exploitation --type transactional_sex \
    --personnel police_unpol --nationality NPL --source anonymous --urgent
move $T7 assessment 2026-09-15
move $T7 referred 2026-10-01 --entity oios
subject S7 $T7 2026-10-02 police_unpol --nationality NPL
move $T7 investigating 2026-10-05
action "$S7" administrative_leave 2026-10-10 --interim
victim V5 $T7 2026-12-03 --sex male --age adult
assist "$V5" medical referred 2026-12-04
move $T7 concluded 2026-12-15 --outcome substantiated
action "$S7" dismissal 2027-01-10

N3=MONUSCO-2026-0003
case_ N3 $N3 MONUSCO 2026-10-20 other_serious --source media
move $N3 assessment 2026-10-21
move $N3 limited_info 2026-10-25 --note 'waiting for the witness'

N4=MONUSCO-2026-0004
case_ N4 $N4 MONUSCO 2026-11-10 sexual_abuse --type unknown --personnel contractor --source other
move $N4 assessment 2026-11-12
must "$N4: put under UNMISS after D" case set $N4 mission UNMISS --on 2026-12-10

# --- UNMISS -------------------------------------------------------------------------------------
T4=UNMISS-2025-0001
case_ T4 $T4 UNMISS 2025-04-28 sexual_abuse --type rape --personnel police_fpu --nationality NPL \
    --source witness --urgent
victim V9 $T4 2025-04-28 --sex female --age child
move $T4 assessment 2025-04-29
subject S8 $T4 2025-05-01 police_fpu --nationality NPL
move $T4 referred 2025-05-05 --entity pcc
action "$S8" placed_on_hold 2025-05-10 --interim
paternity "$V9" none 2025-06-01
move $T4 closed 2025-09-01 --closure other_circumstances

T10=UNMISS-2026-0001
case_ T10 $T10 UNMISS 2026-01-26 sexual_abuse --type sexual_assault --personnel military_mc \
    --nationality BGD --source victim --urgent
victim V4 $T10 2026-01-26 --sex male --age child
move $T10 assessment 2026-01-28
move $T10 referred 2026-02-02 --entity tcc
subject S9 $T10 2026-02-02 military_mc --nationality BGD
move $T10 investigating 2026-02-06
action "$S9" repatriated 2026-02-20 --interim
assist "$V4" education provided 2026-03-01
move $T10 concluded 2026-04-20 --outcome substantiated
move $T10 action 2026-05-01
action "$S9" imprisonment 2026-12-05

T8=UNMISS-2026-0002
case_ T8 $T8 UNMISS 2026-02-23 sexual_exploitation --type exploitative_relationship \
    --personnel police_fpu --nationality NPL --source staff
move $T8 assessment 2026-02-24
move $T8 referred 2026-03-02 --entity pcc
move $T8 closed 2026-03-20 --closure other_circumstances
move $T8 assessment 2026-05-04 --note 'the victim came forward again'
move $T8 referred 2026-05-11 --entity pcc
move $T8 investigating 2026-05-15

N5=UNMISS-2026-0003
case_ N5 $N5 UNMISS 2026-11-20 sexual_exploitation --source victim
N6=UNMISS-2026-0004
case_ N6 $N6 UNMISS 2026-12-05 sexual_abuse


# --- The premises: the case deadlines the comments above count from -----------------------------
# (the due dates worked out by hand: nio = R + 5 working days, inv_6m = R + 6 months, inv_90d =
# R + 90 days; T3 extended; T8's first inv_6m dropped by closing before its due; T4's and T8's
# first unmet nio and T4's inv_90d kept as missed by closing after their due dates; T8's second
# referral starts both again)
dk deadlines --all --format csv
case_deadlines=$(printf '%s\n' "$out" | tail -n +2 | grep -v ',victim_update,' | cut -d, -f1-4,6)
expect_eq "$(printf '%s\n' "$case_deadlines" | LC_ALL=C sort)" \
    "MINUSCA-2024-0001,investigation_6m,2024-03-15,2024-09-15,met
MINUSCA-2024-0001,nio_appointment,2024-03-15,2024-03-22,met
MINUSCA-2024-0002,investigation_90d,2024-11-12,2025-02-10,missed
MINUSCA-2024-0002,nio_appointment,2024-11-12,2024-11-19,missed
MINUSCA-2026-0001,investigation_6m,2026-01-20,2026-07-20,overdue
MINUSCA-2026-0001,nio_appointment,2026-01-20,2026-01-27,met
MONUSCO-2025-0001,investigation_6m,2025-02-03,2025-10-03,met
MONUSCO-2025-0002,investigation_6m,2025-06-02,2025-12-02,met
MONUSCO-2025-0002,nio_appointment,2025-06-02,2025-06-09,missed
MONUSCO-2026-0001,investigation_6m,2026-09-01,2027-03-01,due_soon
MONUSCO-2026-0001,nio_appointment,2026-09-01,2026-09-08,overdue
MONUSCO-2026-0002,investigation_90d,2026-10-01,2026-12-30,met
UNMISS-2025-0001,investigation_90d,2025-05-05,2025-08-03,missed
UNMISS-2025-0001,nio_appointment,2025-05-05,2025-05-12,missed
UNMISS-2026-0001,investigation_90d,2026-02-02,2026-05-03,met
UNMISS-2026-0001,nio_appointment,2026-02-02,2026-02-09,met
UNMISS-2026-0002,investigation_6m,2026-05-11,2026-11-11,overdue
UNMISS-2026-0002,nio_appointment,2026-03-02,2026-03-09,missed
UNMISS-2026-0002,nio_appointment,2026-05-11,2026-05-18,met" \
    "the data set's case deadlines on $BUILT"

# --- The reports --------------------------------------------------------------------------------
# Each block below is one report run, `check_report NAME ARGS <<EOF`: the exact CSV it must print
# (header = the key ids, then the column ids in the order the semantics list them; rows in byte
# order of their keys; a key never set is an empty field; the last row is the total, first key
# `total`, other keys empty; without keys the one row is the total, without a key column).
D=2026-11-30
D2=2025-06-30
TODAY=$D

# check_report NAME ARGS... <<EOF: `report NAME ARGS --format csv` as ${DK_USER:-admin}, --today
# $TODAY, prints exactly the here-document.
check_report() {
    local name=$1 want what
    shift
    want=$(cat)
    what="report $name $* (as ${DK_USER:-admin}, --today $TODAY)"
    dk report "$name" "$@" --format csv
    expect_rc 0 "$what"
    expect_eq "$out" "$want" "$what"
}
# as_omar ARGS...: runs ARGS as omar, the officer of MONUSCO.
as_omar() { DK_USER=omar DK_PASS='omar passphrase' "$@"; }

# ================================ allegations ====================================================
# The 16 cases reported by D (N6 is later), as they stood on D: T7 still investigating with no
# outcome (concluded 12-15), N4 still MONUSCO (moved 12-10); victims named by D (V5 is named in T7
# on 12-03: not counted); subjects added by D. Per case (victims, child_victims, subjects):
# T1 1,0,1  T2 1,1,2  N1 1,0,0  T5 2,0,1  N7 0,0,0  N2 0,0,0  T3 0,0,1  T9 1,0,0  T6 1,0,1
# T7 0,0,1  N3 0,0,0  N4 0,0,0  T4 1,1,1  T10 1,1,1  T8 0,0,0  N5 0,0,0
# Total: 16 allegations; victims 1+1+1+2+1+1+1+1 = 9 (V3 counts in T5 and in T6: a victim named in
# two cases is in each case's count); child victims T2 V2, T4 V9, T10 V4 = 3; subjects
# 1+2+1+1+1+1+1+1 = 9. Every breakdown's total row is this one.

# Without --by: one row, the total.
check_report allegations <<'EOF'
allegations,victims,child_victims,subjects
16,9,3,9
EOF

# MINUSCA T1 T2 N1 T5 N7: 5; victims 1+1+1+2 = 5; child 1 (T2); subjects 1+2+1 = 4.
# MONUSCO N2 T3 T9 T6 T7 N3 N4: 7; victims T9 1 + T6 1 = 2; child 0; subjects T3+T6+T7 = 3.
# UNMISS T4 T10 T8 N5: 4; victims 1+1 = 2; child 2; subjects 1+1 = 2.
check_report allegations --by mission <<'EOF'
mission,allegations,victims,child_victims,subjects
MINUSCA,5,5,1,4
MONUSCO,7,2,0,3
UNMISS,4,2,2,2
total,16,9,3,9
EOF

# 2024: T1 T2 N2 = 3; victims 1+1 = 2; child 1; subjects 1+2 = 3.
# 2025: N1 T3 T9 T4 = 4; victims 1+1+1 = 3; child 1 (T4); subjects T3+T4 = 2.
# 2026: T5 N7 T6 T7 N3 N4 T10 T8 N5 = 9; victims 2+1+1 = 4; child 1 (T10); subjects 1+1+1+1 = 4.
check_report allegations --by year <<'EOF'
year,allegations,victims,child_victims,subjects
2024,3,2,1,3
2025,4,3,1,2
2026,9,4,1,4
total,16,9,3,9
EOF

# By the date reported: 2024-Q1 T1; Q2 N2; Q4 T2; 2025-Q1 T3 (01-28); Q2 N1 (04-22) T9 (05-26)
# T4 (04-28): victims 1+1+1, child T4, subjects T4; 2026-Q1 T5 T10 T8: victims 2+1, child T10,
# subjects 1+1; Q2 N7; Q3 T6 T7: victims 1, subjects 1+1; Q4 N3 N4 N5.
check_report allegations --by quarter <<'EOF'
quarter,allegations,victims,child_victims,subjects
2024-Q1,1,1,0,1
2024-Q2,1,0,0,0
2024-Q4,1,1,1,2
2025-Q1,1,0,0,1
2025-Q2,3,3,1,1
2026-Q1,3,3,1,2
2026-Q2,1,0,0,0
2026-Q3,2,1,0,2
2026-Q4,3,0,0,0
total,16,9,3,9
EOF

# 2025-04: N1 T4 (victims V8 V9, child V9, subject S8); 2026-01: T5 T10 (victims 2+1, child V4,
# subjects S4 S9); 2026-11: N4 N5; every other month one case.
check_report allegations --by month <<'EOF'
month,allegations,victims,child_victims,subjects
2024-03,1,1,0,1
2024-06,1,0,0,0
2024-11,1,1,1,2
2025-01,1,0,0,1
2025-04,2,2,1,1
2025-05,1,1,0,0
2026-01,2,3,1,2
2026-02,1,0,0,0
2026-06,1,0,0,0
2026-08,1,1,0,1
2026-09,1,0,0,1
2026-10,1,0,0,0
2026-11,2,0,0,0
total,16,9,3,9
EOF

# other: N1 N7 (victim V8); other_serious: N3;
# sexual_abuse: T1 T5 T9 T6 N4 T4 T10 = 7; victims 1+2+1+1+1+1 = 7; child T4 T10; subjects
# T1 T5 T6 T4 T10 = 5; sexual_exploitation: T2 N2 T3 T7 T8 N5 = 6; victims V2; child V2;
# subjects 2+1+1 = 4.
check_report allegations --by category <<'EOF'
category,allegations,victims,child_victims,subjects
other,2,1,0,0
other_serious,1,0,0,0
sexual_abuse,7,7,2,5
sexual_exploitation,6,1,1,4
total,16,9,3,9
EOF

# (none): N1 N7 N3 N5 (victim V8); exploitative_relationship: N2 T8; rape: T1 T6 T4 (victims
# V1 V3 V9, child V9, subjects S1 S6 S8); sexual_assault: T5 T9 T10 (victims 2+1+1, child V4,
# subjects S4 S9); solicitation: T3 (S5); transactional_sex: T2 T7 (V2 child; S2 S3 S7);
# unknown: N4.
check_report allegations --by type <<'EOF'
type,allegations,victims,child_victims,subjects
,4,1,0,0
exploitative_relationship,2,0,0,0
rape,3,3,1,3
sexual_assault,3,4,1,2
solicitation,1,0,0,1
transactional_sex,2,1,1,3
unknown,1,0,0,0
total,16,9,3,9
EOF

# (none): N1 N7 N3 N5; civilian_int: N2 T3 (S5); contractor: N4;
# military_mc: T1 T2 T5 T9 T6 T10 = 6; victims 1+1+2+1+1+1 = 7; child V2 V4; subjects
# 1+2+1+1+1 = 6; police_fpu: T4 T8 (V9 child, S8); police_unpol: T7 (S7).
check_report allegations --by personnel <<'EOF'
personnel,allegations,victims,child_victims,subjects
,4,1,0,0
civilian_int,2,0,0,1
contractor,1,0,0,0
military_mc,6,7,2,6
police_fpu,2,1,1,1
police_unpol,1,0,0,1
total,16,9,3,9
EOF

# (none): N1 N7 N2 T3 N3 N4 N5 = 7 (victim V8, subject S5); BGD: T2 T6 T10 (victims V2 V3 V4,
# child V2 V4, subjects 2+1+1 = 4); NPL: T7 T4 T8 (V9 child; S7 S8); PAK: T1 T5 T9 (victims
# 1+2+1 = 4; S1 S4).
check_report allegations --by nationality <<'EOF'
nationality,allegations,victims,child_victims,subjects
,7,1,0,1
BGD,3,3,2,4
NPL,3,1,1,2
PAK,3,4,0,2
total,16,9,3,9
EOF

# (none): N1 N7 N2 N3 N4 N5 = 6 (V8); oios: T3 T7 (S5 S7); pcc: T4 T8 (V9 child; S8);
# tcc: T1 T2 T5 T9 T6 T10 = 6 (as military_mc above: 7, 2, 6). A closed case keeps its entity.
check_report allegations --by entity <<'EOF'
entity,allegations,victims,child_victims,subjects
,6,1,0,0
oios,2,0,0,2
pcc,2,1,1,1
tcc,6,7,2,6
total,16,9,3,9
EOF

# On D: action T2 T10 (V2 V4 both children; S2 S3 S9); assessment N4; closed T1 N1 N2 T9 T4
# (victims V1 V8 V6 V9, child V9; S1 S8); concluded T3 (S5); investigating T5 T7 T8 (T7
# concluded only on 12-15, T8 reopened; victims V3 V7; S4 S7); limited_info N3; received N7 N5;
# referred T6 (V3, S6).
check_report allegations --by state <<'EOF'
state,allegations,victims,child_victims,subjects
action,2,2,2,3
assessment,1,0,0,0
closed,5,4,1,2
concluded,1,0,0,1
investigating,3,2,0,2
limited_info,1,0,0,0
received,2,0,0,0
referred,1,1,0,1
total,16,9,3,9
EOF

# On D: (none): N1 T5 N7 N2 T6 T7 N3 N4 T4 T8 N5 = 11 (T7's outcome comes after D; victims
# V8 + V3 V7 + V3 + V9 = 5, child V9; subjects S4 S6 S7 S8 = 4); not_substantiated: T3 T9 (V6;
# S5); substantiated: T1 T2 T10 (V1 V2 V4, child V2 V4; S1 S2 S3 S9).
check_report allegations --by outcome <<'EOF'
outcome,allegations,victims,child_victims,subjects
,11,5,1,4
not_substantiated,2,1,0,1
substantiated,3,3,2,4
total,16,9,3,9
EOF

# (none): N1 (V8); anonymous: T7 (S7); community_network: T5 (V3 V7, S4); hotline: T3 N7 (S5);
# media: N3; other: N4; staff: N2 T8; victim: T1 T9 T6 T10 N5 (victims V1 V6 V3 V4, child V4;
# S1 S6 S9); witness: T2 T4 (V2 V9 both children; S2 S3 S8).
check_report allegations --by source <<'EOF'
source,allegations,victims,child_victims,subjects
,1,1,0,0
anonymous,1,0,0,1
community_network,1,2,0,1
hotline,2,0,0,1
media,1,0,0,0
other,1,0,0,0
staff,2,0,0,0
victim,5,4,1,3
witness,2,2,2,3
total,16,9,3,9
EOF

# Two fields: every (mission, state) pair that has cases, by mission then state.
# MINUSCA: action T2; closed T1 N1 (V1 V8; S1); investigating T5 (V3 V7; S4); received N7.
# MONUSCO: assessment N4; closed N2 T9 (V6); concluded T3 (S5); investigating T7 (S7);
# limited_info N3; referred T6 (V3; S6). UNMISS: action T10 (V4 child; S9); closed T4 (V9
# child; S8); investigating T8 (reopened); received N5.
check_report allegations --by mission,state <<'EOF'
mission,state,allegations,victims,child_victims,subjects
MINUSCA,action,1,1,1,2
MINUSCA,closed,2,2,0,1
MINUSCA,investigating,1,2,0,1
MINUSCA,received,1,0,0,0
MONUSCO,assessment,1,0,0,0
MONUSCO,closed,2,1,0,0
MONUSCO,concluded,1,0,0,1
MONUSCO,investigating,1,0,0,1
MONUSCO,limited_info,1,0,0,0
MONUSCO,referred,1,1,0,1
UNMISS,action,1,1,1,1
UNMISS,closed,1,1,1,1
UNMISS,investigating,1,0,0,0
UNMISS,received,1,0,0,0
total,,16,9,3,9
EOF

# The window is on the date reported, both ends included: reported 2025-01-01..2025-12-31 are
# N1 (MINUSCA; V8), T3 T9 (MONUSCO; V6; S5), T4 (UNMISS; V9 child; S8): the year 2025 above.
check_report allegations --by mission --from 2025-01-01 --to 2025-12-31 <<'EOF'
mission,allegations,victims,child_victims,subjects
MINUSCA,1,1,0,0
MONUSCO,2,1,0,1
UNMISS,1,1,1,1
total,4,3,1,2
EOF
# Ends on a case's day: 2026-01-26 (T10) to 2026-08-24 (T6) takes T10 T8 N7 T6, not T5 (01-12).
check_report allegations --by month --from 2026-01-26 --to 2026-08-24 <<'EOF'
month,allegations,victims,child_victims,subjects
2026-01,1,1,1,1
2026-02,1,0,0,0
2026-06,1,0,0,0
2026-08,1,1,0,1
total,4,2,1,2
EOF

# --today D2 = 2025-06-30: the cases reported by then are T1 T2 N1 N2 T3 T9 T4 (7), as they stood:
# T3 investigating (concluded 09-15), T9 investigating (since 06-12; concluded 10-01), T4 still
# referred (closed 09-01); T1 N1 N2 closed, T2 in action. Victims named by then: V1 V2(child) V8
# V6 V9(child); subjects S1 S2 S3 S5 S8.
# action T2 (V2; S2 S3); closed T1 N1 N2 (V1 V8; S1); investigating T3 T9 (V6; S5); referred T4
# (V9; S8). Total 7, victims 5, child 2, subjects 5.
TODAY=$D2 check_report allegations --by state <<'EOF'
state,allegations,victims,child_victims,subjects
action,1,1,1,2
closed,3,2,0,1
investigating,2,1,0,1
referred,1,1,1,1
total,7,5,2,5
EOF

# --today after everything (2027-01-31): N6 is reported, N4 is now UNMISS's, V5 is named in T7.
# MINUSCA as on D: 5, 5, 1, 4. MONUSCO N2 T3 T9 T6 T7 N3 = 6; victims V6 V3 V5 = 3; subjects S5
# S6 S7 = 3. UNMISS T4 T10 T8 N5 N6 N4 = 6; victims V9 V4 (children); subjects S8 S9.
TODAY=$BUILT check_report allegations --by mission <<'EOF'
mission,allegations,victims,child_victims,subjects
MINUSCA,5,5,1,4
MONUSCO,6,3,0,3
UNMISS,6,2,2,2
total,17,10,3,9
EOF

# Scope: omar, officer of MONUSCO, counts MONUSCO's cases only: on D that includes N4 (moved to
# UNMISS after D): assessment N4; closed N2 T9 (V6); concluded T3 (S5); investigating T7 (S7);
# limited_info N3; referred T6 (V3; S6): the MONUSCO rows of --by mission,state.
MONUSCO_BY_STATE='state,allegations,victims,child_victims,subjects
assessment,1,0,0,0
closed,2,1,0,0
concluded,1,0,0,1
investigating,1,0,0,1
limited_info,1,0,0,0
referred,1,1,0,1
total,7,2,0,3'
as_omar check_report allegations --by state <<<"$MONUSCO_BY_STATE"
# ... and once N4 is UNMISS's it is no longer his: MONUSCO as on 2027-01-31 above.
TODAY=$BUILT as_omar check_report allegations --by mission <<'EOF'
mission,allegations,victims,child_victims,subjects
MONUSCO,6,3,0,3
total,6,3,0,3
EOF
# --mission as an administrator: the same rows as omar's on D.
check_report allegations --by state --mission MONUSCO <<<"$MONUSCO_BY_STATE"

# --public, by mission (the cells of --by mission above): counts of 1 or 2 become <3: MINUSCA's
# child 1; MONUSCO's victims 2; UNMISS's victims 2, child 2, subjects 2. 0 stays 0. A column
# total with a <3 in it becomes <3 too, however large, since subtraction would reveal the cell:
# subjects 9 - 4 - 3 = 2 is UNMISS's exact count. allegations has no small cell: 16 stays.
check_report allegations --by mission --public <<'EOF'
mission,allegations,victims,child_victims,subjects
MINUSCA,5,5,<3,4
MONUSCO,7,<3,0,3
UNMISS,4,<3,<3,<3
total,16,<3,<3,<3
EOF

# ================================ timeliness =====================================================
# Referred cases with their investigation deadline started by D, one each, R = referral date (for
# T8, referred twice, the later one); NIO days = investigating - R (counted when met by D, on time
# or late: T2, T9 were late); conclude days = concluded - R (when met by D). Keys: nationality
# entity mission personnel urgent.
#  T1  PAK tcc  MINUSCA military_mc  no  R 2024-03-15 nio 5   concluded 158 met_original
#  T2  BGD tcc  MINUSCA military_mc  yes R 2024-11-12 nio 16  concluded 128, after due 02-10: missed
#  T3  -   oios MONUSCO civilian_int no  R 2025-02-03 -       concluded 224: 2025-09-15 is after
#      the original due 2025-08-03 and by the extended 2025-10-03: met_extended
#  T4  NPL pcc  UNMISS  police_fpu   yes R 2025-05-05 nio not met; closed 2025-09-01 after due
#      2025-08-03 unmet: missed
#  T5  PAK tcc  MINUSCA military_mc  no  R 2026-01-20 nio 3   live, due 2026-07-20 < D: open_overdue
#  T6  BGD tcc  MONUSCO military_mc  no  R 2026-09-01 nio not met; live, due 2027-03-01: on track
#  T7  NPL oios MONUSCO police_unpol yes R 2026-10-01 -       live on D (concluded 12-15), due
#      2026-12-30 >= D: open_on_track
#  T8  NPL pcc  UNMISS  police_fpu   no  R 2026-05-11 nio 4   live, due 2026-11-11 < D: open_overdue
#      (its first referral, 2026-03-02, closed unconcluded, is not counted: the latest start is)
#  T9  PAK tcc  MONUSCO military_mc  no  R 2025-06-02 nio 10  concluded 121 met_original
#  T10 BGD tcc  UNMISS  military_mc  yes R 2026-02-02 nio 4   concluded 77  met_original
# Reading: "nio_appointed = met by D" counts a late appointment (T2, T9): the column is the
# reaction time, and lateness shows in the median.
# All: referred 10; nio_appointed T1 T2 T5 T8 T9 T10 = 6, days 3 4 4 5 10 16: median (4 + 5) / 2
# = 4.5; concluded T1 T2 T3 T9 T10 = 5, days 77 121 128 158 224: median 128, p90 = rank
# ceil(0.9 x 5) = 5th = 224; met_original T1 T9 T10 = 3; met_extended T3 = 1; missed T2 T4 = 2;
# open_overdue T5 T8 = 2; open_on_track T6 T7 = 2.
check_report timeliness <<'EOF'
referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
10,6,4.5,5,128,224,3,1,2,2,2
EOF

# no (inv_6m): T1 T3 T5 T6 T8 T9 = 6; nio T1 5, T5 3, T8 4, T9 10: median of 3 4 5 10 = 4.5;
# concluded T1 158, T3 224, T9 121: median of 121 158 224 = 158, p90 rank ceil(2.7) = 3rd = 224;
# met_original T1 T9; met_extended T3; missed 0; open_overdue T5 T8; on track T6.
# yes (inv_90d): T2 T4 T7 T10 = 4; nio T2 16, T10 4: median (4 + 16) / 2 = 10; concluded T2 128,
# T10 77: median (77 + 128) / 2 = 102.5, p90 rank ceil(1.8) = 2nd = 128; met_original T10;
# missed T2 T4; on track T7.
check_report timeliness --by urgent <<'EOF'
urgent,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
no,6,4,4.5,3,158,224,2,1,0,2,1
yes,4,2,10,2,102.5,128,1,0,2,0,1
total,10,6,4.5,5,128,224,3,1,2,2,2
EOF

# (none): T3: no nio (blank median); concluded 224 (median and p90 of one value); met_extended.
# BGD: T2 T6 T10: nio 16, 4: median 10; concluded 128, 77: median 102.5, p90 128; met_original
# T10; missed T2; on track T6.
# NPL: T4 T7 T8: nio T8 4; nothing concluded (blank statistics); missed T4; open_overdue T8; on
# track T7.
# PAK: T1 T5 T9: nio 5 3 10: median 5; concluded 158, 121: median (121 + 158) / 2 = 139.5, p90
# rank 2 = 158; met_original T1 T9; open_overdue T5.
check_report timeliness --by nationality <<'EOF'
nationality,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
,1,0,,1,224,224,0,1,0,0,0
BGD,3,2,10,2,102.5,128,1,0,1,0,1
NPL,3,1,4,0,,,0,0,1,1,1
PAK,3,3,5,2,139.5,158,2,0,0,1,0
total,10,6,4.5,5,128,224,3,1,2,2,2
EOF

# MINUSCA: T1 T2 T5: nio 5 16 3: median 5; concluded 158 128: median 143, p90 rank 2 = 158;
# met_original T1; missed T2; open_overdue T5. MONUSCO: T3 T6 T7 T9 (as omar's below).
# UNMISS: T4 T8 T10: nio T8 4, T10 4: median 4; concluded T10 77; met_original T10; missed T4;
# open_overdue T8.
check_report timeliness --by mission <<'EOF'
mission,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
MINUSCA,3,3,5,2,143,158,1,0,1,1,0
MONUSCO,4,1,10,2,172.5,224,1,1,0,0,2
UNMISS,3,2,4,1,77,77,1,0,1,1,0
total,10,6,4.5,5,128,224,3,1,2,2,2
EOF

# civilian_int: T3. military_mc: T1 T2 T5 T6 T9 T10: nio 5 16 3 10 4: median 5; concluded 158
# 128 121 77: median (121 + 128) / 2 = 124.5, p90 rank ceil(3.6) = 4th = 158; met_original T1
# T9 T10; missed T2; open_overdue T5; on track T6. police_fpu: T4 T8: nio T8 4; missed T4;
# open_overdue T8. police_unpol: T7, on track.
check_report timeliness --by personnel <<'EOF'
personnel,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
civilian_int,1,0,,1,224,224,0,1,0,0,0
military_mc,6,5,5,4,124.5,158,3,0,1,1,1
police_fpu,2,1,4,0,,,0,0,1,1,0
police_unpol,1,0,,0,,,0,0,0,0,1
total,10,6,4.5,5,128,224,3,1,2,2,2
EOF

# The window is on the referral date, not the date reported: 2024-03-15 to 2025-05-05 takes T1
# (reported 2024-03-10, before the window; R on its first day), T2, T3 and T4 (R on its last
# day), not T9 (R 2025-06-02). nio T1 5, T2 16: median 10.5; concluded T1 158, T2 128, T3 224:
# median 158, p90 rank ceil(2.7) = 3rd = 224; met_original T1; met_extended T3; missed T2 T4.
check_report timeliness --from 2024-03-15 --to 2025-05-05 <<'EOF'
referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
4,2,10.5,3,158,224,1,1,2,0,0
EOF

# --today D2 = 2025-06-30: referred by then T1 T2 T3 T4 T9. T1 and T2 as above. T3 not yet
# concluded nor extended (the extension is dated 2025-07-25): due 2025-08-03 >= D2, on track. T4
# still referred (closed 09-01), due 2025-08-03: on track. T9: nio met 06-12 (10 days), due
# 2025-12-02: on track. nio 5 16 10: median 10; concluded 158 128: median 143, p90 rank 2 = 158;
# met_original T1; missed T2; on track T3 T4 T9.
TODAY=$D2 check_report timeliness <<'EOF'
referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
5,3,10,2,143,158,1,0,1,0,3
EOF

# --today 2026-04-30, by entity: T8 was then closed (03-20) before its due (09-02), not yet
# reopened: its first referral counts in referred only (its nio, missed by the closing, is not the
# investigation's). T5 is live (due 07-20), on track; T10 concluded 04-20 (77 days); T6, T7 are
# not referred yet.
# oios: T3 (224, met_extended). pcc: T4 (missed), T8 (referred only).
# tcc: T1 T2 T5 T9 T10: nio 5 16 3 10 4: median 5; concluded 158 128 121 77: median
# (121 + 128) / 2 = 124.5, p90 rank ceil(3.6) = 4th = 158; met_original T1 T9 T10; missed T2;
# on track T5. The total: nio the same 5 values; concluded 77 121 128 158 224: median 128, p90 224.
TODAY=2026-04-30 check_report timeliness --by entity <<'EOF'
entity,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
oios,1,0,,1,224,224,0,1,0,0,0
pcc,2,0,,0,,,0,0,1,0,0
tcc,5,5,5,4,124.5,158,3,0,1,0,1
total,8,5,5,5,128,224,3,1,2,0,1
EOF

# Scope: omar (MONUSCO) counts T3 T6 T7 T9: nio T9 10; concluded T3 224, T9 121: median 172.5,
# p90 rank 2 = 224; met_original T9; met_extended T3; on track T6 T7.
as_omar check_report timeliness <<'EOF'
referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
4,1,10,2,172.5,224,1,1,0,0,2
EOF

# --public on --by nationality: every 1 or 2 becomes <3 (0 stays); a median or p90 over fewer
# than 3 values is blank: (none)'s 224 (1 value), BGD's 10, 102.5, 128 (2 values each), NPL's 4
# (1 value), PAK's conclude figures (2 values); PAK's median NIO days (5, 3, 10: 3 values) stays
# 5. Every count column's total has a <3 among its parts, so each becomes <3, however large:
# referred 10 = <3 + 3 + 3 + 3 would reveal (none)'s 1. The total row's statistics are over 6
# and 5 values: shown.
check_report timeliness --by nationality --public <<'EOF'
nationality,referred,nio_appointed,median_days_to_nio,concluded,median_days_to_conclude,p90_days_to_conclude,met_original,met_extended,missed,open_overdue,open_on_track
,<3,0,,<3,,,0,<3,0,0,0
BGD,3,<3,,<3,,,<3,0,<3,0,<3
NPL,3,<3,,0,,,0,0,<3,<3,<3
PAK,3,3,5,<3,,,<3,0,0,<3,0
total,<3,<3,4.5,<3,128,224,<3,<3,<3,<3,<3
EOF

# ================================ follow-up ======================================================
# Readings where the semantics are silent: the columns come in the order the spec lists them, each
# count before its days; `nationality` is the case's (as in allegations), not its subjects'; every
# entity counts; a day column with no case in its count is blank. As of D, per case (days are the
# MAX over the row's cases):
#  nio_overdue: state referred, nio live and due < D: T6 only (due 2026-09-08): D - due = 83.
#    (T4 is closed: its nio ended; T8's second nio was met.)
#  investigation_overdue: inv live and due < D: T5 (due 2026-07-20): 133; T8 (due 2026-11-11): 19.
#    (T6 due 2027-03-01, T7 due 2026-12-30: not yet.)
#  action_pending: T10 (action, substantiated; S9's final action is dated 12-05, after D):
#    D - 2026-04-20 (concluded) = 224. Not T2 (S2, S3 have final actions), not T3
#    (not_substantiated), not T7 (investigating on D).
#  paternity_pending: V2 in T2, latest step by D established, no final step before: pending since
#    its first step 2025-02-01: 667 days. V7 in T5, latest by D dna_pending (established 12-10
#    comes after D); its last final step is closed 04-01, the pending steps after it start with
#    claimed 2026-08-20: 102 days. Not V6 (support_ordered), not V9 (none).
# Observed cases (case nationality): T2 BGD, T5 PAK, T6 BGD, T8 NPL, T10 BGD.
# BGD: nio T6 83; inv none (blank days); action T10 224; paternity T2 1, 667.
# NPL: inv T8 19.
# PAK: inv T5 133; paternity T5 1, 102.
check_report follow-up <<'EOF'
nationality,nio_overdue,nio_overdue_days,investigation_overdue,investigation_overdue_days,action_pending,action_pending_days,paternity_pending,paternity_pending_days
BGD,1,83,0,,1,224,1,667
NPL,0,,1,19,0,,0,
PAK,0,,1,133,0,,1,102
total,1,83,2,133,1,224,2,667
EOF

# The same cases by mission: MINUSCA T2 T5; MONUSCO T6; UNMISS T8 T10.
check_report follow-up --by mission <<'EOF'
mission,nio_overdue,nio_overdue_days,investigation_overdue,investigation_overdue_days,action_pending,action_pending_days,paternity_pending,paternity_pending_days
MINUSCA,0,,1,133,0,,2,667
MONUSCO,1,83,0,,0,,0,
UNMISS,0,,1,19,1,224,0,
total,1,83,2,133,1,224,2,667
EOF

# --public: every count of 1 or 2 is <3; a maximum over fewer than 3 cases is blank (each row's
# over 1 case; the totals' over 1 or 2: investigation 133 and 19, paternity 667 and 102); every
# total has a <3 among its parts.
check_report follow-up --public <<'EOF'
nationality,nio_overdue,nio_overdue_days,investigation_overdue,investigation_overdue_days,action_pending,action_pending_days,paternity_pending,paternity_pending_days
BGD,<3,,0,,<3,,<3,
NPL,0,,<3,,0,,0,
PAK,0,,<3,,0,,<3,
total,<3,,<3,,<3,,<3,
EOF

# Scope: omar (MONUSCO) sees T6 only (T2, T5 are MINUSCA's, T8, T10 UNMISS's).
as_omar check_report follow-up <<'EOF'
nationality,nio_overdue,nio_overdue_days,investigation_overdue,investigation_overdue_days,action_pending,action_pending_days,paternity_pending,paternity_pending_days
BGD,1,83,0,,0,,0,
total,1,83,0,,0,,0,
EOF

# ============================= victims, assistance, paternity ===================================
# `report victims` prints three parts, each a report of its own, a blank line apart: victims
# (keyed by --by), then assistance and paternity (their default keys), over the same window,
# scope and day. `report assistance` and `report paternity` print one part each.
# composite V A P: the three parts as `report victims` prints them in CSV.
composite() { printf '%s\n\n%s\n\n%s' "$1" "$2" "$3"; }

# Victims named by D in a case reported in the window, each once: V1 female/adult, V2
# female/child, V3 female/adult (T5 and T6: once), V4 male/child, V6 female/unknown, V7
# female/adult, V8 unknown/unknown, V9 female/child; not V5 (named 12-03). 8.
VICTIMS='sex,age,victims
female,adult,3
female,child,2
female,unknown,1
male,child,1
unknown,unknown,1
total,,8'
# Their assistance lines, latest status by D: V1 medical provided (referred, then provided
# 2024-04-01); V2 medical referred, psychosocial provided; V3 psychosocial provided, legal
# declined; V4 education provided; V7 material referred (provided only on 12-15). 7 lines.
ASSISTANCE='kind,status,lines
education,provided,1
legal,declined,1
material,referred,1
medical,provided,1
medical,referred,1
psychosocial,provided,2
total,,7'
# Paternity claims (victim x case) with a step by D, latest step by D: V2 x T2 established, V6 x
# T9 support_ordered, V7 x T5 dna_pending (established 12-10 is after D), V9 x T4 none. (No
# claim is of a victim named in two cases: steps are recorded per victim, not per case.)
PATERNITY='step,claims
dna_pending,1
established,1
none,1
support_ordered,1
total,4'
check_report victims <<<"$(composite "$VICTIMS" "$ASSISTANCE" "$PATERNITY")"
check_report assistance <<<"$ASSISTANCE"
check_report paternity <<<"$PATERNITY"

# --by keys the victims part only. By age: adult V1 V3 V7; child V2 V4 V9; unknown V6 V8.
check_report victims --by age <<<"$(composite 'age,victims
adult,3
child,3
unknown,2
total,8' "$ASSISTANCE" "$PATERNITY")"

# Window on the cases' dates reported, 2026 on: T5 (V3 V7), T6 (V3 again), T10 (V4); T7's V5
# comes after D. Their lines: V3 psychosocial provided, legal declined; V4 education provided;
# V7 material referred. Claims in those cases: V7 x T5 dna_pending (V4 x T10, V3 x T6: no step).
check_report victims --from 2026-01-01 <<<"$(composite 'sex,age,victims
female,adult,2
male,child,1
total,,3' 'kind,status,lines
education,provided,1
legal,declined,1
material,referred,1
psychosocial,provided,1
total,,4' 'step,claims
dna_pending,1
total,1')"

# Scope: omar (MONUSCO): T9 (V6), T6 (V3; also in MINUSCA's T5, counted once). V6 has no
# assistance; V3's lines count though her other case is MINUSCA's (a line is the victim's, not
# a case's). One claim in his cases: V6 x T9.
as_omar check_report victims <<<"$(composite 'sex,age,victims
female,adult,1
female,unknown,1
total,,2' 'kind,status,lines
legal,declined,1
psychosocial,provided,1
total,,2' 'step,claims
support_ordered,1
total,1')"

# Assistance by status alone: declined V3 legal; provided V1 medical, V2 psychosocial, V3
# psychosocial, V4 education; referred V2 medical, V7 material.
check_report assistance --by status <<'EOF'
status,lines
declined,1
provided,4
referred,2
total,7
EOF
# By kind alone: medical V1 V2; psychosocial V2 V3; one line each of education, legal, material.
check_report assistance --by kind <<'EOF'
kind,lines
education,1
legal,1
material,1
medical,2
psychosocial,2
total,7
EOF
# On 2027-01-31: V5 is named (medical referred 12-04), V7's material is provided (12-15).
TODAY=$BUILT check_report assistance <<'EOF'
kind,status,lines
education,provided,1
legal,declined,1
material,provided,1
medical,provided,1
medical,referred,2
psychosocial,provided,2
total,,8
EOF
# On 2027-01-31: V7's claim is established too.
TODAY=$BUILT check_report paternity <<'EOF'
step,claims
established,2
none,1
support_ordered,1
total,4
EOF

# ================================ actions ========================================================
# Actions dated by D of subjects added by D, keyed by the subject's personnel, the case's outcome
# on D and the action: S1 (T1, substantiated) repatriated(i), dismissal; S2 (T2, substantiated)
# payments_suspended(i), repatriation_ban; S3 (T2) demotion; S4 (T5, no outcome) repatriated(i);
# S5 (T3 civilian_int, not_substantiated) administrative_leave(i), none; S7 (T7 police_unpol, no
# outcome on D) administrative_leave(i) (dismissal 2027-01-10 is after D); S8 (T4 police_fpu, no
# outcome) placed_on_hold(i); S9 (T10, substantiated) repatriated(i) (imprisonment 12-05 is after
# D). S6 has none. Interim 7 (S1 S2 S4 S5 S7 S8 S9), final 4 (S1 S2 S3 S5).
check_report actions <<'EOF'
personnel,outcome,action,interim,final
civilian_int,not_substantiated,administrative_leave,1,0
civilian_int,not_substantiated,none,0,1
military_mc,,repatriated,1,0
military_mc,substantiated,demotion,0,1
military_mc,substantiated,dismissal,0,1
military_mc,substantiated,payments_suspended,1,0
military_mc,substantiated,repatriated,2,0
military_mc,substantiated,repatriation_ban,0,1
police_fpu,,placed_on_hold,1,0
police_unpol,,administrative_leave,1,0
total,,,7,4
EOF
# By mission: MINUSCA S1 S2 S3 S4: interim 1+1+1 = 3, final 1+1+1 = 3; MONUSCO S5 S7: interim 2,
# final 1; UNMISS S8 S9: interim 2, final 0.
check_report actions --by mission <<'EOF'
mission,interim,final
MINUSCA,3,3
MONUSCO,2,1
UNMISS,2,0
total,7,4
EOF
# By personnel alone: civilian_int S5 (1 interim, 1 final); military_mc S1 S2 S3 S4 S9: interim
# S1 S2 S4 S9 = 4, final S1 S2 S3 = 3; police_fpu S8 interim; police_unpol S7 interim.
check_report actions --by personnel <<'EOF'
personnel,interim,final
civilian_int,1,1
military_mc,4,3
police_fpu,1,0
police_unpol,1,0
total,7,4
EOF
# On 2027-01-31: T7 is substantiated and S7 dismissed; S9 imprisoned. military_mc/substantiated:
# interim S1 S2 S9 = 3, final S1 S2 S3 S9 = 4; police_unpol/substantiated: 1 and 1.
TODAY=$BUILT check_report actions --by personnel,outcome <<'EOF'
personnel,outcome,interim,final
civilian_int,not_substantiated,1,1
military_mc,,1,0
military_mc,substantiated,3,4
police_fpu,,1,0
police_unpol,substantiated,1,1
total,,7,6
EOF

# Scope: omar's subjects are S5 (T3) and S7 (T7; no outcome on D); S6 has no action.
as_omar check_report actions <<'EOF'
personnel,outcome,action,interim,final
civilian_int,not_substantiated,administrative_leave,1,0
civilian_int,not_substantiated,none,0,1
police_unpol,,administrative_leave,1,0
total,,,2,1
EOF

finish
