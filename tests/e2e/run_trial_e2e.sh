#!/bin/sh
# End-to-end tests of `scomm trial`: one detainer of a tiny run explained
# (the five parts), --json that parses, a wrongful sample, and bad input
# (exit 2 with the file or id named).
# usage: tests/e2e/run_trial_e2e.sh PATH/TO/scomm -> "e2e: N passed, N failed"
set -u
E2E_NAME=trial-e2e
. "$(dirname "$0")/lib.sh"
has() { # name, file, fixed string
    if grep -qF -- "$3" "$2"; then ok "$1"; else
        ko "$1: no '$3'"; sed 's/^/    /' "$2" | head -20; fi
}
# Parses a file as JSON and runs a check on it (node is a build tool here).
json_ok() { # name, file, JavaScript expression over `j`
    if node -e '
        const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        if (!('"$3"')) process.exit(1);' "$2" 2>"$T/jerr"; then
        ok "$1"; else ko "$1: $3"; sed 's/^/    /' "$T/jerr" | head -5; fi
}

# The tiny scenario of run_e2e.sh: about 33,000 persons, three months.
cat >"$T/tiny.ini" <<'INI'
# tiny scenario for the end-to-end tests
[run]
scale = 0.0001
start = 2012-10-01
end = 2012-12-31
seed = 7
INI

cd "$T" || exit 1
status "trial --help exits 0" 0 "$SCOMM" trial --help
has "help prints usage" out "usage: scomm trial RUN DETAINER-ID"
status "tiny run exits 0" 0 "$SCOMM" run tiny.ini --out r1 --quiet --threads 1
if ! command -v sqlite3 >/dev/null; then
    echo "note: sqlite3 absent, trial cases skipped"
    finish
    exit 0
fi
det=$(sqlite3 r1/scomm.db 'select booking from detainers order by booking limit 1')
wrong=$(sqlite3 r1/scomm.db "select d.booking from detainers d join judgements j
    on j.booking = d.booking where j.verdict in ('wrong_citizen','wrong_lawful')
    order by d.booking limit 1")
nodet=$(sqlite3 r1/scomm.db 'select id from bookings where id not in
    (select booking from detainers) order by id limit 1')
nbook=$(sqlite3 r1/scomm.db 'select count(*) from bookings')
nwrong=$(sqlite3 r1/scomm.db "select count(*) from detainers d join judgements j
    on j.booking = d.booking where j.verdict in ('wrong_citizen','wrong_lawful')")
if [ -n "$det" ]; then ok "the run has a detainer ($det)"; else ko "no detainer in the tiny run"; fi

status "trial of a detainer exits 0" 0 "$SCOMM" trial r1 "$det"
for part in "Detainer on booking $det" "1. Booking record" "2. IDENT" \
            "3. Registry searches" "4. Evidence and decision" \
            "5. The truth" "rule " "I-247A box" "true status" "verdict" \
            "what the databases missed"; do
    has "text has '$part'" out "$part"
done
rule=$(sqlite3 r1/scomm.db "select rule from detainers where booking = $det")
has "text names the rule of the detainers table" out "$rule"
status "trial of the scomm.db path exits 0" 0 "$SCOMM" trial r1/scomm.db "$det"
cp out db_out
"$SCOMM" trial r1 "$det" >dir_out 2>/dev/null
if cmp -s db_out dir_out; then ok "folder and file give the same case"; else ko "folder and file differ"; fi

status "trial --json exits 0" 0 "$SCOMM" trial r1 "$det" --json
json_ok "--json is one JSON object of the booking" out \
    "j.booking === $det && j.decision.rule === '$rule' && Array.isArray(j.searches.records) && Array.isArray(j.truth.missed)"
json_ok "--json keys in order" out \
    "Object.keys(j).join() === 'booking,run,booking_record,ident,searches,decision,truth'"

if [ -n "$wrong" ]; then
    status "trial of a wrongful detainer exits 0" 0 "$SCOMM" trial r1 "$wrong"
    has "wrongful case has a verdict wrong_" out "verdict       wrong_"
    has "wrongful case has a cause" out "cause         "
    cause=$(sqlite3 r1/scomm.db "select cause from judgements where booking = $wrong")
    has "wrongful case names its cause" out "$cause"
    has "wrongful case lists contributing causes" out "contributing  "
    has "wrongful case says what removing each source does" out \
        "without each error source present, removed alone"
    prim=$(sqlite3 r1/scomm.db "select cause from judgement_causes
        where booking = $wrong and role = 'primary'")
    if [ "$prim" = "$cause" ]; then ok "judgement_causes has the primary cause"; else ko "judgement_causes primary '$prim', judgements '$cause'"; fi
    bad=$(sqlite3 r1/scomm.db "select count(*) from judgements j where
        j.verdict like 'wrong%' and (select count(*) from judgement_causes c
        where c.booking = j.booking and c.role = 'primary') != 1")
    if [ "$bad" = 0 ]; then ok "one primary cause per wrongful detainer"; else ko "$bad wrongful detainers without one primary cause"; fi
    status "trial --json of the wrongful case exits 0" 0 "$SCOMM" trial r1 "$wrong" --json
    json_ok "--json has contributing and sources" out \
        "Array.isArray(j.truth.contributing) && Array.isArray(j.truth.sources)"
else
    echo "note: no wrongful detainer in the tiny run"
fi

status "--wrongful --sample 3 exits 0" 0 "$SCOMM" trial r1 --wrongful --sample 3
nsample=$nwrong; [ "$nsample" -gt 3 ] && nsample=3
n=$(grep -c '^Detainer on booking' out)
if [ "$n" = "$nsample" ]; then ok "sample prints min(3, $nwrong) cases"; else ko "sample printed $n cases, wanted $nsample"; fi
has "sample header counts the wrongful" out "of $nwrong wrongful detainers"
cp out s1
"$SCOMM" trial r1 --wrongful --sample 3 >s2 2>/dev/null
if cmp -s s1 s2; then ok "sample is deterministic"; else ko "sample differs between calls"; fi
status "--wrongful --json exits 0" 0 "$SCOMM" trial r1 --wrongful --sample 3 --seed 9 --json
json_ok "--wrongful --json parses" out \
    "j.wrongful_total === $nwrong && j.cases.length === $nsample && j.seed === 9 && j.cases.every(c => c.truth.verdict.startsWith('wrong_'))"

# Bad input: exit 2, the subject named.
status "no such run exits 2" 2 "$SCOMM" trial nowhere 1
has "no such run named" err "nowhere"
mkdir emptydir
status "folder without scomm.db exits 2" 2 "$SCOMM" trial emptydir 1
has "folder without scomm.db named" err "emptydir"
echo "not a database at all, just some text that is long enough" >fake.db
status "not a database exits 2" 2 "$SCOMM" trial fake.db 1
has "not a database named" err "fake.db"
sqlite3 partial.db 'create table bookings(id integer primary key)'
status "missing tables exit 2" 2 "$SCOMM" trial partial.db 1
has "missing table reported" err "not a scomm database"
status "booking beyond the run exits 2" 2 "$SCOMM" trial r1 "$nbook"
has "no such booking said" err "no booking $nbook"
if [ -n "$nodet" ]; then
    status "booking without detainer exits 2" 2 "$SCOMM" trial r1 "$nodet"
    has "booking without detainer said" err "got no detainer"
fi
status "non-numeric id exits 2" 2 "$SCOMM" trial r1 abc
status "negative id exits 2" 2 "$SCOMM" trial r1 -- -3
status "no id exits 2" 2 "$SCOMM" trial r1
status "no run exits 2" 2 "$SCOMM" trial
status "unknown flag exits 2" 2 "$SCOMM" trial r1 "$det" --frob
status "--sample 0 exits 2" 2 "$SCOMM" trial r1 --wrongful --sample 0
status "--sample without --wrongful exits 2" 2 "$SCOMM" trial r1 "$det" --sample 3
status "--wrongful with an id exits 2" 2 "$SCOMM" trial r1 "$det" --wrongful
status "--seed abc exits 2" 2 "$SCOMM" trial r1 --wrongful --seed abc
check_nothing_written() {
    if [ ! -e nowhere ] && [ ! -e emptydir/scomm.db ]; then ok "nothing created by bad input"; else ko "bad input created files"; fi
}
check_nothing_written

finish
