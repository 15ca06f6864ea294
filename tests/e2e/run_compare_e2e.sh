#!/bin/sh
# End-to-end tests of policies as data and `scomm compare`: the table and
# compare.json, determinism across thread counts, agreement with
# `scomm run`, the 95% intervals, a scenario's own policies, and bad
# input (exit 2, file and line named).
# usage: tests/e2e/run_compare_e2e.sh PATH/TO/scomm  -> "e2e: N passed, N failed"
set -u
E2E_NAME=cmp-e2e
. "$(dirname "$0")/lib.sh"

cd "$T" || exit 1
cat >tiny.ini <<'INI'
# tiny scenario: about 33,000 persons, one year
[run]
scale = 0.0001
start = 2012-10-01
end = 2013-09-30
seed = 7
INI

status "compare --help exits 0" 0 "$SCOMM" compare --help
grep -q "usage: scomm compare" "$T/out" && ok "compare --help prints usage" || ko "compare --help text"
"$SCOMM" --help | grep -q "compare" && ok "compare listed in scomm --help" || ko "compare not in scomm --help"

status "compare, 2 reps, 1 thread" 0 "$SCOMM" compare tiny.ini --reps 2 --threads 1 --out c1
for p in database-only priorities-2014 individualized judicial; do
    grep -q "^$p " "$T/out" && ok "table has $p" || ko "table lacks $p"
done
grep -q "95% interval" "$T/out" && ok "table names the interval" || ko "table interval line"
check "compare.json written" test -s c1/compare.json
check "compare.json is JSON" jq -e . c1/compare.json
check "top-level keys in fixed order" test "$(jq -c keys_unsorted c1/compare.json)" = \
    '["scenario","version","seed","replications","seeds","scale","start","end","interval","policies"]'
check "metric keys in fixed order" test "$(jq -c '.policies[0].metrics|keys_unsorted' c1/compare.json)" = \
    '["detainers","supported","wrongful","wrongful_citizen","wrongful_lawful_not_removable","hold_hours","hold_hours_wrongful","missed"]'
check "replications and seeds" test "$(jq -c '[.replications,.seeds]' c1/compare.json)" = '[2,[7,8]]'
check "policies in the order asked" test "$(jq -c '[.policies[].policy]' c1/compare.json)" = \
    '["database-only","priorities-2014","individualized","judicial"]'
check "shipped rules listed" test "$(jv '.policies[3].rules[-1]' c1/compare.json)" = \
    "no-affirmative-evidence: otherwise no-detainer"

status "compare, 2 reps, 2 threads" 0 "$SCOMM" compare tiny.ini --reps 2 --threads 2 --out c2 --quiet
check "compare.json identical for 1 and 2 threads" cmp c1/compare.json c2/compare.json
check "--quiet prints no table" test ! -s "$T/out"

# The 95% interval: mean +/- t(0.975, 1) sd / sqrt(2), from the reps.
check "intervals are mean +/- t*sd/sqrt(N)" jq -e '
    [.policies[].metrics[] |
     (.reps | length) as $n |
     (.reps | add / $n) as $m |
     ((.reps | map((. - $m) * (. - $m)) | add) / ($n - 1) | sqrt) as $sd |
     ($m - 12.706204736174698 * $sd / (2 | sqrt)) as $lo |
     (((.mean - $m) | fabs) < 1e-3) and (((.sd - $sd) | fabs) < 1e-3) and
     (((.low - $lo) | fabs) < 1e-3) and
     (((.high + .low - 2 * .mean) | fabs) < 1e-3)] | all' c1/compare.json
check "wrongful = citizens + lawful" jq -e '
    [.policies[].metrics | (.wrongful.reps | tostring) ==
     ([.wrongful_citizen.reps, .wrongful_lawful_not_removable.reps] |
      transpose | map(add) | tostring)] | all' c1/compare.json
check "judicial issues fewer detainers than database-only" jq -e '
    .policies[3].metrics.detainers.mean < .policies[0].metrics.detainers.mean' c1/compare.json
check "judicial has no more wrongful detainers" jq -e '
    .policies[3].metrics.wrongful.mean <= .policies[0].metrics.wrongful.mean' c1/compare.json
check "individualized has no more wrongful detainers" jq -e '
    .policies[2].metrics.wrongful.mean <= .policies[0].metrics.wrongful.mean' c1/compare.json
check "individualized detains no more than database-only" jq -e '
    [range(.replications) as $r |
     .policies[2].metrics.detainers.reps[$r] <=
     .policies[0].metrics.detainers.reps[$r]] | all' c1/compare.json

# Replication 0 is the scenario's own run, under each policy.
status "run under database-only" 0 "$SCOMM" run tiny.ini --out r-db --quiet
for k in detainers missed; do
    a=$(jv ".$k" r-db/summary.json)
    b=$(jv ".policies[0].metrics.$k.reps[0]" c1/compare.json)
    check "rep 0 $k equals scomm run ($a)" test "$a" = "$b"
done
check "rep 0 hold hours equal scomm run" test "$(jv .hold_hours.total r-db/summary.json)" = \
    "$(jv '.policies[0].metrics.hold_hours.reps[0]' c1/compare.json)"
sed 's/^seed = 7$/seed = 7\npolicy = judicial/' tiny.ini >tiny-judicial.ini
status "run under judicial" 0 "$SCOMM" run tiny-judicial.ini --out r-ju --quiet
check "summary names the judicial policy" test "$(jv .policy r-ju/summary.json)" = judicial
check "judicial rep 0 equals scomm run" test \
    "$(jq -c '[.detainers, .detainers_wrongful.citizen, .missed]' r-ju/summary.json)" = \
    "$(jq -c '[.policies[3].metrics | .detainers.reps[0], .wrongful_citizen.reps[0], .missed.reps[0]]' c1/compare.json)"
if command -v sqlite3 >/dev/null; then
    rules=$(sqlite3 r-ju/scomm.db 'select distinct rule from detainers order by 1' | tr '\n' ' ')
    case "$rules" in
    *no-record-of-status*|"") ko "judicial run stores its own rule names ($rules)" ;;
    *) ok "judicial run stores its own rule names ($rules)" ;;
    esac
fi

# The order of the policies changes nothing: re-deciding equals running.
status "compare in reverse order" 0 "$SCOMM" compare tiny.ini --reps 2 --out c3 --quiet \
    --policy judicial,individualized,priorities-2014,database-only
check "same figures in either order" test \
    "$(jq -c '[.policies[] | {(.policy): .metrics}] | add' c1/compare.json | jq -S -c .)" = \
    "$(jq -c '[.policies[] | {(.policy): .metrics}] | add' c3/compare.json | jq -S -c .)"

status "one replication" 0 "$SCOMM" compare tiny.ini --policy judicial --out c4
grep -q "no interval" "$T/out" && ok "one replication: table says no interval" || ko "no-interval note"
check "one replication: sd, low, high null" jq -e '
    .policies[0].metrics.detainers | .sd == null and .low == null and .high == null' c4/compare.json
check "two replications: t(0.975, 1)" jq -e '.interval.df == 1 and .interval.t == 12.7062' c1/compare.json
sed 's/^end = 2013-09-30$/end = 2012-10-31/' tiny.ini >month.ini
status "32 replications" 0 "$SCOMM" compare month.ini --reps 32 --policy judicial --out c32 --quiet
check "32 replications: t(0.975, 31) by Cornish-Fisher" jq -e '.interval.df == 31 and .interval.t == 2.0395' c32/compare.json
check "32 replications: 32 seeds from 7" jq -e '.seeds | length == 32 and .[0] == 7 and .[31] == 38' c32/compare.json
check "one replication: df and t null" jq -e '.interval.df == null and .interval.t == null' c4/compare.json

# A scenario's own policies, in compare and in run.
cat >own.ini <<'INI'
[run]
scale = 0.0001
start = 2012-10-01
end = 2013-09-30
seed = 7
policy = orders-only

[policy.orders-only]
description = "final orders and nothing else"
rule = no-query: when not queried then no-detainer
rule = final-order: when has_final_order then detainer final-order
rule = nothing-else: otherwise no-detainer

[policy.never]
rule = never: otherwise no-detainer
INI
status "compare with the scenario's policies" 0 "$SCOMM" compare own.ini --policy database-only,orders-only,never --out c5 --quiet
check "own policy: defined_in names the scenario" test "$(jv '.policies[1].defined_in' c5/compare.json)" = own.ini
check "never: no detainer, no hour" jq -e '.policies[2].metrics |
    .detainers.mean == 0 and .hold_hours.mean == 0 and .wrongful.mean == 0' c5/compare.json
check "orders-only detains fewer than database-only" jq -e '
    .policies[1].metrics.detainers.mean < .policies[0].metrics.detainers.mean' c5/compare.json
status "run with the scenario's own policy" 0 "$SCOMM" run own.ini --out r-own --quiet
check "run: summary names the scenario's policy" test "$(jv .policy r-own/summary.json)" = orders-only
check "run: scomm.db keeps the scenario's policy rules" test \
    "$(sqlite3 r-own/scomm.db 'SELECT group_concat(rule, "|") FROM (SELECT rule FROM policy_rules ORDER BY seq)')" = \
    "no-query: when not queried then no-detainer|final-order: when has_final_order then detainer final-order|nothing-else: otherwise no-detainer"
check "run and compare agree on the scenario's policy" test \
    "$(jv .detainers r-own/summary.json)" = "$(jv '.policies[1].metrics.detainers.reps[0]' c5/compare.json)"
cat >extra.ini <<'INI'
# more policies, for --policy-file
[policy.hit-only]
rule = no-query: when not queried then no-detainer
rule = hit: when ident_hit and no_record_of_status then detainer biometric-and-records
rule = rest: otherwise no-detainer
INI
status "--policy-file adds definitions" 0 "$SCOMM" compare tiny.ini --policy-file extra.ini --policy hit-only,database-only --out c6 --quiet
check "--policy-file: defined_in names the file" test "$(jv '.policies[0].defined_in' c6/compare.json)" = extra.ini

# Bad input: exit 2 with the reason; file and line for bad rules.
status "unknown policy exits 2" 2 "$SCOMM" compare tiny.ini --policy database-only,nope --out bad
errhas "unknown policy is named" "unknown policy 'nope'"
status "policy named twice exits 2" 2 "$SCOMM" compare tiny.ini --policy judicial,judicial --out bad
errhas "policy named twice message" "'judicial' named twice"
status "empty policy name exits 2" 2 "$SCOMM" compare tiny.ini --policy judicial, --out bad
status "--reps 0 exits 2" 2 "$SCOMM" compare tiny.ini --reps 0 --out bad
status "--reps abc exits 2" 2 "$SCOMM" compare tiny.ini --reps abc --out bad
status "--reps 1001 exits 2" 2 "$SCOMM" compare tiny.ini --reps 1001 --out bad
status "unknown option exits 2" 2 "$SCOMM" compare tiny.ini --frob
status "missing scenario exits 2" 2 "$SCOMM" compare nowhere.ini --out bad
echo x >afile
status "--out naming a file exits 2" 2 "$SCOMM" compare tiny.ini --out afile
errhas "--out naming a file message" "'afile' exists and is not a folder"
status "missing policy file exits 2" 2 "$SCOMM" compare tiny.ini --policy-file nowhere.ini --out bad
printf '[policy.bad]\nrule = a: when not queried then no-detainer\nrule = b: when queried and has_record then no-detainer\nrule = c: otherwise no-detainer\n' >badrule.ini
status "bad rule in a policy file exits 2" 2 "$SCOMM" compare tiny.ini --policy-file badrule.ini --out bad
errhas "bad rule names file:line and field" "badrule.ini:3: [policy.bad] rule: 'has_record': unknown fact"
printf '[policy.bad]\nrule = a: when not queried then no-detainer\n' >noend.ini
status "policy without otherwise exits 2" 2 "$SCOMM" compare tiny.ini --policy-file noend.ini --out bad
errhas "missing otherwise names file:line" "noend.ini:1: [policy.bad]: policy 'bad' does not end with an 'otherwise' rule"
printf '[policy.judicial]\nrule = a: otherwise no-detainer\n' >shadow.ini
status "redefining a shipped policy exits 2" 2 "$SCOMM" compare tiny.ini --policy-file shadow.ini --out bad
errhas "redefinition message" "shadow.ini:1: [policy.judicial]: a shipped policy has that name"
printf '[run]\nscale = 0.0001\npolicy = mine\n\n[policy.mine]\nrule = a: when ident_hit then detainer biometric\nrule = z: otherwise no-detainer\n' >badscen.ini
status "run: bad rule in the scenario exits 2" 2 "$SCOMM" run badscen.ini --out bad
errhas "run: bad rule names file:line" "badscen.ini:6: [policy.mine] rule: 'biometric': unknown box"
status "compare: bad rule in the scenario exits 2" 2 "$SCOMM" compare badscen.ini --out bad
errhas "compare: bad rule names file:line" "badscen.ini:6: [policy.mine] rule:"
printf '[run]\nscale = 0.0001\npolicy = mine\n' >undef.ini
status "run: undefined policy exits 2" 2 "$SCOMM" run undef.ini --out bad
errhas "run: undefined policy is named" "unknown policy 'mine'"
check "no output after bad input" sh -c '! ls -d bad bad.tmp-* 2>/dev/null | grep -q .'

# docs/policies.md documents every fact of the rule language.
facts=$(sed -n 's/^    \[SC_FACT_[A-Z_]*\] = "\([a-z_]*\)",$/\1/p' "$ROOT/src/core/policy.c")
check "policy.c lists the facts" test -n "$facts"
for f in $facts; do
    grep -q "\`$f\`" "$ROOT/docs/policies.md" && ok "docs/policies.md documents $f" || ko "docs/policies.md lacks fact $f"
done

finish
