#!/bin/sh
# End-to-end tests of `scomm sweep`: the grid's order in the table and in
# sweep.json, the values as given, the 95% intervals, agreement with
# `scomm run` at the same values and seed, determinism across thread
# counts, the top causes, and bad input (exit 2, flag and value named,
# no folder left behind).
# usage: tests/e2e/run_sweep_e2e.sh PATH/TO/scomm  -> "e2e: N passed, N failed"
set -u
E2E_NAME=sweep-e2e
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
cat >tiny.ini <<'INI'
# tiny scenario: about 33,000 persons, three months
[run]
scale = 0.0001
start = 2012-10-01
end = 2012-12-31
seed = 7
INI

status "sweep --help exits 0" 0 "$SCOMM" sweep --help
grep -q "usage: scomm sweep" "$T/out" && ok "sweep --help prints usage" || ko "sweep --help text"
"$SCOMM" --help | grep -q "^  sweep " && ok "sweep listed in scomm --help" || ko "sweep not in scomm --help"

# A 2 x 2 grid, two replications: jail.hold_hours shapes only the hold,
# registry.omission the records; the last --vary varies fastest.
V1=jail.hold_hours
V2=registry.omission
status "2x2 grid, 2 reps, 1 thread" 0 "$SCOMM" sweep tiny.ini --vary "$V1=24,48" \
    --vary "$V2=0, 0.1" --reps 2 --threads 1 --out s1
cp "$T/out" table1
rows=$(awk -v h="$V1" '$1 == h {on = 1; next} on && NF == 0 {exit} on {print $1 "/" $2}' table1 | tr '\n' ' ')
check "table: 4 rows in grid order ($rows)" test "$rows" = "24/0 24/0.1 48/0 48/0.1 "
# Row 1's last metric (missed): fields 15 and 16 after two values and
# six "mean ±half" cells.
cell=$(awk -v h="$V1" '$1 == h {getline; print $15, $16; exit}' table1)
want=$(jq -r '.points[0].metrics.missed | "\(.mean) \(.high - .mean)"' s1/sweep.json |
       awk '{printf "%.1f ±%.1f", $1, $2}')
check "table: point 1 missed '$cell' = mean ±half-width '$want'" test "$cell" = "$want"
grep -q "95% interval" table1 && ok "table names the interval" || ko "table interval line"
grep -q "^output: s1/sweep.json" table1 && ok "table names sweep.json" || ko "table output line"
check "sweep.json is JSON" jq -e . s1/sweep.json
check "top-level keys in fixed order" test "$(jq -c keys_unsorted s1/sweep.json)" = \
    '["scenario","version","policy","seed","replications","seeds","scale","start","end","interval","vary","points"]'
check "scenario, policy, seeds" test "$(jq -c '[.scenario,.policy,.replications,.seeds]' s1/sweep.json)" = \
    '["tiny","database-only",2,[7,8]]'
check "vary lists the flags' keys and values" test "$(jq -c .vary s1/sweep.json)" = \
    "[{\"key\":\"$V1\",\"values\":[24,48]},{\"key\":\"$V2\",\"values\":[0,0.1]}]"
check "4 points" test "$(jq '.points | length' s1/sweep.json)" = 4
check "points in grid order, last --vary fastest" test \
    "$(jq -c "[.points[].values | [.\"$V1\", .\"$V2\"]]" s1/sweep.json)" = \
    '[[24,0],[24,0.1],[48,0],[48,0.1]]'
check "metric keys in fixed order" test "$(jq -c '.points[0].metrics|keys_unsorted' s1/sweep.json)" = \
    '["detainers","wrongful","wrongful_citizen","wrongful_lawful_not_removable","wrongful_share","hold_hours","missed"]'
check "metric fields" test "$(jq -c '.points[0].metrics.detainers|keys_unsorted' s1/sweep.json)" = \
    '["mean","sd","low","high","reps"]'
check "two reps per metric" jq -e '[.points[].metrics[].reps | length == 2] | all' s1/sweep.json
check "intervals are mean +/- t*sd/sqrt(N)" jq -e '
    .interval.df == 1 and .interval.t == 12.7062 and
    ([.points[].metrics[] |
     (.reps | length) as $n |
     (.reps | add / $n) as $m |
     ((.reps | map((. - $m) * (. - $m)) | add) / ($n - 1) | sqrt) as $sd |
     ($m - 12.706204736174698 * $sd / (2 | sqrt)) as $lo |
     (((.mean - $m) | fabs) < 1e-3) and (((.sd - $sd) | fabs) < 1e-3) and
     (((.low - $lo) | fabs) < 1e-3) and
     (((.high + .low - 2 * .mean) | fabs) < 1e-3)] | all)' s1/sweep.json
check "wrongful = citizens + lawful" jq -e '
    [.points[].metrics | (.wrongful.reps | tostring) ==
     ([.wrongful_citizen.reps, .wrongful_lawful_not_removable.reps] |
      transpose | map(add) | tostring)] | all' s1/sweep.json
check "share = wrongful / detainers" jq -e '
    [.points[].metrics | [.wrongful.reps, .detainers.reps, .wrongful_share.reps] |
     transpose[] | (if .[1] == 0 then 0 else .[0] / .[1] end) - .[2] | fabs < 1e-4] | all' s1/sweep.json
# The hold limit changes the hours held, not who is detained.
check "hold_hours: same detainers at 24 and 48 hours" jq -e '
    .points[0].metrics.detainers.reps == .points[2].metrics.detainers.reps' s1/sweep.json
check "hold_hours: 48 hours hold longer than 24" jq -e '
    .points[2].metrics.hold_hours.mean > .points[0].metrics.hold_hours.mean' s1/sweep.json
check "causes: at most 3, known names, counts within wrongful" jq -e '
    [.points[] | (.causes | length) <= 3 and
     ([.causes | to_entries[] | .value.reps] | transpose |
      map(add // 0)) as $c |
     [range(2) as $r | ($c[$r] // 0) <= .metrics.wrongful.reps[$r]] | all] | all' s1/sweep.json
check "causes: the same ones at every point, largest first" jq -e '
    . as $root |
    ([.points[] | .causes | keys_unsorted] | unique | length == 1) and
    ([.points[0].causes | keys_unsorted[] as $k |
      [$k, ([$root.points[] | .causes[$k].reps | add] | add)]] |
     . as $t | [range(1; length) | $t[. - 1][1] >= $t[.][1]] | all)' s1/sweep.json
for k in $(jq -r '.points[0].causes | keys_unsorted[]' s1/sweep.json); do
    grep -q "$k" table1 && ok "table has cause column $k" || ko "table lacks cause $k"
done

# The cause columns are the three largest primary causes: on a scenario
# with many errors (four causes), one point equals `scomm run`'s causes
# sorted as the summary sorts them, cut after three.
cat >errors.ini <<'INI'
[run]
scale = 0.0005
start = 2012-10-01
end = 2012-12-31
seed = 7
[registry]
post_naturalization = 0.3
omission = 0.2
name_typo = 0.2
post_adjustment = 0.5
misattach = 0.05
[booking]
pob_wrong_foreign = 0.05
booking_name_typo = 0.2
INI
status "run with many errors" 0 "$SCOMM" run errors.ini --out r-err --quiet
status "one-point sweep with many errors" 0 "$SCOMM" sweep errors.ini --vary registry.misattach=0.05 --out s-err --quiet
want=$(jq -c '[.causes | to_entries[] | select(.value > 0)] as $p |
    .causes_contributing as $c |
    [$p | sort_by([-.value, -$c[.key], .key])[] | {(.key): .value}] |
    .[0:3] | add' r-err/summary.json)
check "causes: at least four in the run" jq -e '[.causes[] | select(. > 0)] | length >= 4' r-err/summary.json
check "causes: the three largest, in order ($want)" test \
    "$(jq -c '.points[0].causes | map_values(.reps[0])' s-err/sweep.json)" = "$want"

# Point 4 (48 h, omission 0.1) is `scomm run` with those values; rep r
# uses seed 7 + r.
sed 's/^seed = 7$/seed = 7\n\n[registry]\nomission = 0.1\n\n[jail]\nhold_hours = 48/' tiny.ini >p4.ini
for r in 0 1; do
    status "run at point 4, seed $((7 + r))" 0 "$SCOMM" run p4.ini --seed $((7 + r)) --out "r$r" --quiet
    for k in detainers missed; do
        a=$(jv ".$k" "r$r/summary.json")
        b=$(jv ".points[3].metrics.$k.reps[$r]" s1/sweep.json)
        check "point 4 rep $r $k equals scomm run ($a)" test "$a" = "$b"
    done
    check "point 4 rep $r hold hours equal scomm run" test \
        "$(jv .hold_hours.total "r$r/summary.json")" = "$(jv ".points[3].metrics.hold_hours.reps[$r]" s1/sweep.json)"
    check "point 4 rep $r wrongful citizens equal scomm run" test \
        "$(jv .detainers_wrongful.citizen "r$r/summary.json")" = \
        "$(jv ".points[3].metrics.wrongful_citizen.reps[$r]" s1/sweep.json)"
done

status "2x2 grid, 2 reps, 2 threads" 0 "$SCOMM" sweep tiny.ini --vary "$V1=24,48" \
    --vary "$V2=0,0.1" --reps 2 --threads 2 --out s2 --quiet
check "sweep.json identical for 1 and 2 threads" cmp s1/sweep.json s2/sweep.json
check "--quiet prints no table" test ! -s "$T/out"

# One replication, a date key, another policy, the default folder.
status "one replication, dates, judicial" 0 "$SCOMM" sweep tiny.ini \
    --vary run.end=2012-10-31,2012-12-31 --policy judicial
grep -q "no interval" "$T/out" && ok "one replication: table says no interval" || ko "no-interval note"
check "default folder runs/sweep-tiny" test -s runs/sweep-tiny/sweep.json
check "one replication: sd, low, high null" jq -e '
    .interval.df == null and ([.points[].metrics[] |
    .sd == null and .low == null and .high == null] | all)' runs/sweep-tiny/sweep.json
check "dates are strings as given" test "$(jq -c '.vary[0].values' runs/sweep-tiny/sweep.json)" = \
    '["2012-10-31","2012-12-31"]'
check "--policy names the policy" test "$(jv .policy runs/sweep-tiny/sweep.json)" = judicial
check "a longer period has no fewer detainers" jq -e '
    .points[0].metrics.detainers.mean <= .points[1].metrics.detainers.mean' runs/sweep-tiny/sweep.json
check "judicial detains no more than database-only" jq -e --slurpfile db s1/sweep.json '
    .points[1].metrics.detainers.reps[0] <= $db[0].points[0].metrics.detainers.reps[0]' runs/sweep-tiny/sweep.json

# A scenario's own policy.
cat >own.ini <<'INI'
[run]
scale = 0.0001
start = 2012-10-01
end = 2012-12-31
seed = 7
policy = never

[policy.never]
rule = never: otherwise no-detainer
INI
status "the scenario's own policy" 0 "$SCOMM" sweep own.ini --vary registry.omission=0,0.1 --out s5 --quiet
check "own policy: never detains" jq -e '.policy == "never" and
    ([.points[].metrics.detainers.mean == 0] | all) and
    ([.points[].causes | length == 0] | all)' s5/sweep.json

# Bad input: exit 2, the flag and the value named, nothing written.
status "bad key exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.nope=1 --out bad
errhas "bad key is named" "--vary registry.nope: unknown key"
status "bad value exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0,abc --out bad
errhas "bad value is named" "--vary registry.omission=abc: 'abc' is not a number"
status "out-of-range value exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.post_naturalization=0.9,1.5 --out bad
errhas "out-of-range value is named" "--vary registry.post_naturalization=1.5: 1.5 is outside 0..1"
status "a key varied twice exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0 \
    --vary registry.omission=0.1 --out bad
errhas "key varied twice message" "--vary registry.omission: the key is varied twice"
status "a value given twice exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0.1,0.10 --out bad
errhas "value given twice message" "--vary registry.omission=0.10: the value is given twice"
status "more than 64 points exits 2" 2 "$SCOMM" sweep tiny.ini \
    --vary registry.omission=0,0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08 \
    --vary registry.name_typo=0,0.01,0.02,0.03,0.04,0.05,0.06,0.07 --out bad
errhas "more than 64 points message" "--vary: the grid has 72 points, more than 64"
status "--reps 0 exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0 --reps 0 --out bad
errhas "--reps 0 message" "--reps: '0' is not a whole number"
status "an invalid point exits 2" 2 "$SCOMM" sweep tiny.ini --vary world.fb_naturalized=0.3 --out bad
errhas "an invalid point is named" "--vary: point 1 (world.fb_naturalized=0.3) is not a valid scenario"
status "no --vary exits 2" 2 "$SCOMM" sweep tiny.ini --out bad
status "--vary run.seed exits 2" 2 "$SCOMM" sweep tiny.ini --vary run.seed=1,2 --out bad
errhas "--vary run.seed message" "--vary run.seed: seeds come from --seed and --reps"
status "not KEY=VALUES exits 2" 2 "$SCOMM" sweep tiny.ini --vary omission --out bad
status "unknown policy exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0 --policy nope --out bad
errhas "unknown policy is named" "--policy: unknown policy 'nope'"
echo x >afile
status "--out naming a file exits 2" 2 "$SCOMM" sweep tiny.ini --vary registry.omission=0 --out afile
check "no output after bad input" sh -c '! ls -d bad bad.tmp-* 2>/dev/null | grep -q .'

finish
