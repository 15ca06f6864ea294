#!/bin/sh
# End-to-end tests of the scomm command: help, runs, determinism across
# thread counts, bad input (exit 2, file and line named, nothing
# half-written), and docs generated from the code.
# usage: tests/e2e/run_e2e.sh PATH/TO/scomm    -> "e2e: N passed, N failed"
set -u
E2E_NAME=e2e
. "$(dirname "$0")/lib.sh"

# A small scenario: about 33,000 persons, three months.
cat >"$T/tiny.ini" <<'INI'
# tiny scenario for the end-to-end tests
[run]
scale = 0.0001
start = 2012-10-01
end = 2012-12-31
seed = 7
INI

status "help exits 0" 0 "$SCOMM" --help
grep -q "never contacts a real database" "$T/out" && ok "help says it never contacts a database" || ko "help text"
status "run --help exits 0" 0 "$SCOMM" run --help
grep -q "usage: scomm run" "$T/out" && ok "run --help prints usage" || ko "run --help text"
status "params --help exits 0" 0 "$SCOMM" params --help
status "unknown command exits 2" 2 "$SCOMM" frobnicate
status "no command exits 2" 2 "$SCOMM"

cd "$T" || exit 1
status "tiny run exits 0" 0 "$SCOMM" run tiny.ini --out r1 --threads 1
grep -q "^detainers" "$T/out" && grep -q "wrongful" "$T/out" && ok "text summary on stdout" || ko "text summary"
check "run folder has scomm.db" test -s r1/scomm.db
check "run folder has summary.json" test -s r1/summary.json
for k in '"scenario"' '"seed"' '"version"' '"bookings"' '"ident_hits"' \
         '"queries"' '"detainers"' '"detainers_wrongful"' '"citizen"' \
         '"lawful_not_removable"' '"causes"'; do
    grep -q "$k" r1/summary.json && ok "summary.json has $k" || ko "summary.json lacks $k"
done
grep -q '"seed": 7' r1/summary.json && ok "seed from the scenario" || ko "seed from scenario"
check "no temporary folder left" sh -c '! ls -d r1.tmp-* 2>/dev/null | grep -q .'

status "tiny run, 2 threads" 0 "$SCOMM" run tiny.ini --out r2 --threads 2 --quiet
check "summary.json identical for 1 and 2 threads" cmp r1/summary.json r2/summary.json
if command -v sqlite3 >/dev/null; then
    sqlite3 r1/scomm.db .dump >d1.sql; sqlite3 r2/scomm.db .dump >d2.sql
    check "database dump identical for 1 and 2 threads" cmp d1.sql d2.sql
    check "database has bookings" test "$(sqlite3 r1/scomm.db 'select count(*) from bookings')" -gt 0
    n_det=$(sqlite3 r1/scomm.db 'select count(*) from detainers')
    j_det=$(sed -n 's/^  "detainers": \([0-9]*\).*/\1/p' r1/summary.json)
    check "detainers table matches summary.json" test "$n_det" = "$j_det"
fi
status "seed flag overrides" 0 "$SCOMM" run tiny.ini --out r3 --seed 8 --quiet
grep -q '"seed": 8' r3/summary.json && ok "--seed recorded" || ko "--seed recorded"
check "another seed gives another run" sh -c '! cmp -s r1/summary.json r3/summary.json'

# Bad input: exit 2, the file and line named, nothing written.
printf '[run]\nscale = 0.0001\nbogus_key = 3\n' >bad1.ini
status "unknown key exits 2" 2 "$SCOMM" run bad1.ini --out bad
grep -q "bad1.ini:3" "$T/err" && ok "unknown key names file:line" || ko "unknown key message: $(cat "$T/err")"
printf '[world]\nforeign_born_share = 1.5\n' >bad2.ini
status "out-of-range value exits 2" 2 "$SCOMM" run bad2.ini --out bad
grep -q "bad2.ini:2" "$T/err" && grep -q foreign_born_share "$T/err" && ok "bad value names file:line:key" || ko "bad value message: $(cat "$T/err")"
printf '[world]\nfb_lpr = 0.5\n' >bad3.ini
status "shares not summing to 1 exit 2" 2 "$SCOMM" run bad3.ini --out bad
printf 'scale = 0.0001\n' >bad4.ini
status "key outside a section exits 2" 2 "$SCOMM" run bad4.ini --out bad
status "missing scenario file exits 2" 2 "$SCOMM" run nowhere.ini --out bad
status "--threads 0 exits 2" 2 "$SCOMM" run tiny.ini --threads 0 --out bad
status "--seed abc exits 2" 2 "$SCOMM" run tiny.ini --seed abc --out bad
status "unknown option exits 2" 2 "$SCOMM" run tiny.ini --frob
status "two scenarios exit 2" 2 "$SCOMM" run tiny.ini tiny.ini
status "missing geo folder exits 2" 2 "$SCOMM" run tiny.ini --geo-dir nowhere --out bad
check "no output after bad input" sh -c '! ls -d bad bad.tmp-* 2>/dev/null | grep -q .'
mkdir notarun; echo keep >notarun/file
status "existing non-run folder refused" 2 "$SCOMM" run tiny.ini --out notarun --quiet
check "non-run folder untouched" sh -c 'test "$(cat notarun/file)" = keep && ! ls -d notarun.tmp-* 2>/dev/null | grep -q .'
status "existing run folder replaced" 0 "$SCOMM" run tiny.ini --out r1 --quiet --threads 2
check "replaced run equal" cmp r1/summary.json r2/summary.json

# County detail from the reference data, when present.
if [ -d "$SHARED/geo" ]; then
    status "county-level run exits 0" 0 "$SCOMM" run tiny.ini --geo-dir "$SHARED/geo" --out rc --quiet
    check "county-level summary written" test -s rc/summary.json
else
    echo "note: $SHARED/geo absent, county-level run skipped"
fi

# Docs and the default scenario are generated from the parameter table.
"$SCOMM" params --markdown >params.md
check "docs/parameters.md matches 'scomm params --markdown'" cmp params.md "$ROOT/docs/parameters.md"
"$SCOMM" params --ini >default.ini
check "data/scenarios/default.ini matches 'scomm params --ini'" cmp default.ini "$ROOT/data/scenarios/default.ini"

finish
