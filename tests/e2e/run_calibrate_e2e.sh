#!/bin/sh
# End-to-end tests of `scomm calibrate`: the table and calibrate.json
# (every figure, keys in fixed order, the count of figures within),
# determinism across thread counts, agreement with `scomm run`, --targets,
# and bad input (exit 2, file and line named, nothing written).
# usage: tests/e2e/run_calibrate_e2e.sh PATH/TO/scomm  -> "e2e: N passed, N failed"
set -u
E2E_NAME=cal-e2e
. "$(dirname "$0")/lib.sh"

KEYS="detainers_per_year bookings_per_year declined_share custody_share
no_record_share foreign_born_share naturalized_share lpr_share
temporary_share unauthorized_share lpr_count unauthorized_count
naturalizations_per_year"
KEYS_JSON='["detainers_per_year","bookings_per_year","declined_share","custody_share","no_record_share","foreign_born_share","naturalized_share","lpr_share","temporary_share","unauthorized_share","lpr_count","unauthorized_count","naturalizations_per_year"]'

cd "$T" || exit 1
cat >tiny.ini <<'INI'
# tiny scenario: about 33,000 persons, one year
[run]
scale = 0.0001
start = 2012-10-01
end = 2013-09-30
seed = 7
INI

# ---- help ----
status "calibrate --help exits 0" 0 "$SCOMM" calibrate --help
grep -q "usage: scomm calibrate" "$T/out" && ok "--help prints usage" || ko "--help usage line"
for opt in --targets --out --seed --threads --quiet; do
    grep -q -- "$opt" "$T/out" && ok "--help documents $opt" || ko "--help lacks $opt"
done
for k in $KEYS; do
    grep -q "$k" "$T/out" || ko "--help lacks key $k"
done
grep -q "Exit status 0 whatever the verdicts" "$T/out" && ok "--help documents the exit status" || ko "--help exit status"
"$SCOMM" --help | grep -q "^  calibrate" && ok "calibrate listed in scomm --help" || ko "calibrate not in scomm --help"

# ---- the table and calibrate.json ----
status "calibrate, 1 thread" 0 "$SCOMM" calibrate tiny.ini --threads 1 --out c1
cp "$T/out" table1
for k in $KEYS; do
    grep -q "^$k " table1 && ok "table has $k" || ko "table lacks $k"
done
grep -q "^figure  *model  *published  *tolerance  *verdict  *source$" table1 \
    && ok "table header" || ko "table header"
check "every row has a verdict" test "$(grep -cE ' (within|outside)  ' table1)" = 13
line=$(grep '^calibrate: ' table1)
case "$line" in
"calibrate: "*" of 13 figures within tolerance") ok "summary line ($line)" ;;
*) ko "summary line: '$line'" ;;
esac
check "calibrate.json written" test -s c1/calibrate.json
check "calibrate.json is JSON" jq -e . c1/calibrate.json
check "top-level keys in fixed order" test "$(jq -c keys_unsorted c1/calibrate.json)" = \
    '["scenario","version","seed","scale","start","end","figures","within","total"]'
check "figure keys in fixed order" jq -e '[.figures[] | keys_unsorted ==
    ["key","figure","model","value","compare","tolerance","unit","within","source"]] | all' c1/calibrate.json
check "every figure, in order" test "$(jq -c '[.figures[].key]' c1/calibrate.json)" = "$KEYS_JSON"
check "scenario, seed, scale, period" test \
    "$(jq -c '[.scenario, .seed, .scale, .start, .end]' c1/calibrate.json)" = \
    '["tiny",7,0.0001,"2012-10-01","2013-09-30"]'
check "total = number of figures" jq -e '.total == (.figures | length) and .total == 13' c1/calibrate.json
check "within = figures within" jq -e '.within == ([.figures[] | select(.within)] | length)' c1/calibrate.json
check "table count = calibrate.json within" test \
    "$line" = "calibrate: $(jv .within c1/calibrate.json) of 13 figures within tolerance"
check "every figure has a source" jq -e '[.figures[] | .source | length > 0] | all' c1/calibrate.json
check "at_most has a null tolerance" jq -e \
    '[.figures[] | (.compare == "at_most") == (.tolerance == null)] | all' c1/calibrate.json
# Each verdict follows from model, value and tolerance.
check "verdicts recomputed" jq -e '[.figures[] |
    if .model == null then .within == false
    elif .compare == "relative" then .within == (((.model / .value - 1) | fabs) <= .tolerance + 1e-9)
    elif .compare == "absolute" then .within == (((.model - .value) | fabs) <= .tolerance + 1e-9)
    else .within == (.model <= .value + 1e-9) end] | all' c1/calibrate.json
check "shares lie in 0..1" jq -e '[.figures[] | select(.unit == "share" and .model != null) |
    .model >= 0 and .model <= 1] | all' c1/calibrate.json
check "foreign-born shares sum to 1" jq -e '[.figures[] | select(.key |
    test("^(naturalized|lpr|temporary|unauthorized)_share$")) | .model] | add |
    (. - 1 | fabs) < 1e-5' c1/calibrate.json

# ---- determinism ----
status "calibrate, 2 threads" 0 "$SCOMM" calibrate tiny.ini --threads 2 --out c2 --quiet
check "calibrate.json identical for 1 and 2 threads" cmp c1/calibrate.json c2/calibrate.json
check "--quiet prints no table" test ! -s "$T/out"
status "default folder" 0 "$SCOMM" calibrate tiny.ini --quiet
check "default folder runs/calibrate-tiny" cmp c1/calibrate.json runs/calibrate-tiny/calibrate.json
status "rerun replaces calibrate.json" 0 "$SCOMM" calibrate tiny.ini --quiet --seed 8
check "--seed 8 recorded" test "$(jv .seed runs/calibrate-tiny/calibrate.json)" = 8
check "no temporary file left" sh -c '! ls runs/calibrate-tiny | grep -q tmp'

# ---- agreement with scomm run ----
status "scomm run on the same scenario" 0 "$SCOMM" run tiny.ini --out r1 --quiet
# 365 days, scale 1e-4: national detainers a year = detainers * 1e4 * 365.2425 / 365.
d=$(jv .detainers r1/summary.json)
b=$(jv .bookings r1/summary.json)
check "detainers_per_year from scomm run's detainers ($d)" jq -e --argjson d "$d" \
    '.figures[0].model == ($d * 10000 * 365.2425 / 365 | round)' c1/calibrate.json
check "bookings_per_year from scomm run's bookings ($b)" jq -e --argjson b "$b" \
    '.figures[1].model == ($b * 10000 * 365.2425 / 365 | round)' c1/calibrate.json
h=$(jv .honoured r1/summary.json)
check "declined_share from scomm run's honoured ($h of $d)" jq -e --argjson d "$d" --argjson h "$h" \
    '((.figures[2].model - (($d - $h) / $d)) | fabs) < 1e-6' c1/calibrate.json
check "calibrate writes no scomm.db" test ! -e c1/scomm.db

# ---- --targets ----
cat >mine.csv <<'CSV'
key,figure,value,compare,tolerance,unit,source
custody_share,ICE picks up at most all,1,at_most,,share,"mine, 2024"
no_record_share,nobody without a record,0,at_most,,share,mine
foreign_born_share,anything,0.5,absolute,1,share,mine
CSV
status "--targets with three figures" 0 "$SCOMM" calibrate tiny.ini --targets mine.csv --out c3
cp "$T/out" table3
check "--targets: figures in the file's order" test "$(jq -c '[.figures[].key]' c3/calibrate.json)" = \
    '["custody_share","no_record_share","foreign_born_share"]'
check "--targets: verdicts" test "$(jq -c '[.figures[].within]' c3/calibrate.json)" = '[true,false,true]'
check "--targets: within and total" test "$(jq -c '[.within, .total]' c3/calibrate.json)" = '[2,3]'
grep -q "^calibrate: 2 of 3 figures within tolerance$" table3 && ok "--targets: summary line" || ko "--targets summary line"
check "--targets: quoted source kept" test "$(jv '.figures[0].source' c3/calibrate.json)" = "mine, 2024"
check "--targets: same model values as the built-in table" test \
    "$(jq -c '.figures[] | select(.key == "custody_share") | .model' c1/calibrate.json)" = \
    "$(jq -c '.figures[0].model' c3/calibrate.json)"
status "--targets with the shipped file" 0 "$SCOMM" calibrate tiny.ini --targets "$ROOT/data/calibration/targets.csv" --out c4 --quiet
check "shipped file = built-in table" cmp c1/calibrate.json c4/calibrate.json

# ---- bad input: exit 2, reason named, nothing written ----
status "unknown option exits 2" 2 "$SCOMM" calibrate tiny.ini --frob --out bad
errhas "unknown option named" "'--frob'"
status "--threads 0 exits 2" 2 "$SCOMM" calibrate tiny.ini --threads 0 --out bad
status "--seed abc exits 2" 2 "$SCOMM" calibrate tiny.ini --seed abc --out bad
status "two scenarios exit 2" 2 "$SCOMM" calibrate tiny.ini tiny.ini --out bad
status "missing scenario exits 2" 2 "$SCOMM" calibrate nowhere.ini --out bad
errhas "missing scenario named" "nowhere.ini"
printf '[run]\nscale = 0.0001\nseed = x\n' >badscen.ini
status "bad scenario value exits 2" 2 "$SCOMM" calibrate badscen.ini --out bad
errhas "bad scenario names file:line" "badscen.ini:3"
status "missing targets file exits 2" 2 "$SCOMM" calibrate tiny.ini --targets nowhere.csv --out bad
errhas "missing targets file named" "nowhere.csv"
printf 'key,figure,value,compare,tolerance,unit,source\nlpr_share,a,0.27,absolute,0.03,share,s\nnope,b,1,relative,0.1,count,s\n' >badkey.csv
status "unknown key exits 2" 2 "$SCOMM" calibrate tiny.ini --targets badkey.csv --out bad
errhas "unknown key names file:line and field" "badkey.csv:3: key: 'nope' is not a calibration key"
printf 'key,figure,value,compare,tolerance,unit,source\nlpr_count,a,many,relative,0.1,count,s\n' >badnum.csv
status "bad number exits 2" 2 "$SCOMM" calibrate tiny.ini --targets badnum.csv --out bad
errhas "bad number names file:line and field" "badnum.csv:2: value: 'many' is not a number"
printf 'key,figure,value,compare,tolerance,unit,source\nlpr_count,a,1,roughly,0.1,count,s\n' >badcmp.csv
status "bad compare exits 2" 2 "$SCOMM" calibrate tiny.ini --targets badcmp.csv --out bad
errhas "bad compare names file:line and field" "badcmp.csv:2: compare: 'roughly'"
printf 'key,figure,value,compare,tolerance,unit,source\nlpr_count,a,1,relative,0.1,people,s\n' >badunit.csv
status "bad unit exits 2" 2 "$SCOMM" calibrate tiny.ini --targets badunit.csv --out bad
errhas "bad unit names file:line and field" "badunit.csv:2: unit: 'people'"
printf 'key,figure,value,compare,unit,source\nlpr_count,a,1,relative,count,s\n' >nocol.csv
status "missing column exits 2" 2 "$SCOMM" calibrate tiny.ini --targets nocol.csv --out bad
errhas "missing column named" "nocol.csv:1: missing column 'tolerance'"
echo x >afile
status "--out naming a file exits 2" 2 "$SCOMM" calibrate tiny.ini --out afile
errhas "--out naming a file message" "'afile' exists and is not a folder"
check "no output after bad input" sh -c '! ls -d bad bad.tmp-* runs/calibrate-badscen 2>/dev/null | grep -q .'

# A failed write (calibrate.json is a folder) exits 1 and leaves no
# temporary file.
mkdir -p stuck/calibrate.json
status "failed write exits 1" 1 "$SCOMM" calibrate tiny.ini --out stuck --quiet
check "failed write leaves nothing half-written" test "$(ls stuck)" = calibrate.json

# ---- docs ----
for k in $KEYS; do
    grep -q "\`$k\`" "$ROOT/docs/calibration.md" && ok "docs/calibration.md documents $k" || ko "docs/calibration.md lacks $k"
done

finish
