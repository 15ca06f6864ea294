#!/bin/sh
# End-to-end tests of `scomm link`: help, bad input (exit 2, file and
# line named), model files, determinism across thread counts, output
# files, and accuracy on the FEBRL benchmark files in ../shared/data/febrl
# (skipped with a note when absent):
#     FEBRL 4 (dataset4a vs dataset4b)            f1 >= 0.999
#     FEBRL 4 without soc_sec_id                  f1 >= 0.99
#     FEBRL 1 (dataset1, deduplicated)            f1 >= 0.99
# usage: tests/e2e/run_link_e2e.sh PATH/TO/scomm -> "e2e: N passed, N failed"
set -u
E2E_NAME=link-e2e
. "$(dirname "$0")/lib.sh"
FEBRL=$SHARED/febrl
# f1 of the metrics line on the last line of $T/out, at least $2
f1_at_least() { # name, bound
    line=$(tail -n 1 "$T/out")
    f1=$(echo "$line" | sed -n 's/^precision=[0-9.]* recall=[0-9.]* f1=\([0-9.]*\) pairs=[0-9]*$/\1/p')
    if [ -n "$f1" ] && awk -v f="$f1" -v b="$2" 'BEGIN { exit !(f >= b) }'; then
        ok "$1 ($line)"
    else
        ko "$1: last line '$line', wanted f1 >= $2"
    fi
}

cd "$T" || exit 1

# --- help and usage ---------------------------------------------------------
status "link --help exits 0" 0 "$SCOMM" link --help
grep -q "usage: scomm link" "$T/out" && ok "link --help prints usage" || ko "link --help text"
grep -q "link" "$T/out" && "$SCOMM" --help | grep -q "^  link" && ok "scomm --help lists link" || ko "scomm --help lists link"
status "link without files exits 2" 2 "$SCOMM" link
status "unknown option exits 2" 2 "$SCOMM" link --frobnicate x.csv
status "three files exit 2" 2 "$SCOMM" link a.csv b.csv c.csv

# --- a small file of people with planted duplicates --------------------------
cat >people.csv <<'CSV'
id,first_name,last_name,dob,city
1,John,Smith,1980-04-12,Boston
2,Jon,Smith,1980-04-12,Boston
3,Maria,Garcia Lopez,1975-11-02,El Paso
4,Maria,Garcia,1975-11-02,El Paso
5,Wei,Zhang,1990-01-30,Seattle
6,Zhang,Wei,1990-01-30,Seattle
7,Ahmed,Hassan,1968-07-07,Detroit
8,Ahmad,Hasan,1968-07-07,Detroit
9,Robert,Johnson,1955-02-28,Chicago
10,Robert,Johnson,1955-03-28,Chicago
11,Emily,Brown,2001-09-09,Denver
12,Michael,Davis,1983-12-01,Austin
13,Sarah,Miller,1979-06-15,Portland
14,David,Wilson,1966-10-20,Phoenix
15,Laura,Moore,1992-05-05,Tampa
16,James,Taylor,1971-08-19,Omaha
17,Linda,Anderson,1958-03-03,Tulsa
18,Daniel,Thomas,1987-07-27,Reno
19,Susan,Jackson,1962-11-11,Boise
20,Paul,White,1999-01-01,Dayton
21,Karen,Harris,1970-02-14,Akron
22,Mark,Martin,1985-04-04,Fresno
23,Nancy,Thompson,1953-12-25,Mesa
24,Kevin,Garcia,1991-06-06,Miami
25,Betty,Martinez,1949-09-30,Tucson
26,Jason,Robinson,1977-05-17,Salem
27,Helen,Clark,1960-08-08,Provo
28,Brian,Rodriguez,1982-10-10,Waco
29,Sandra,Lewis,1974-01-21,Erie
30,George,Lee,1945-07-04,Troy
CSV
status "people dedupe exits 0" 0 "$SCOMM" link people.csv --id id --threads 1
head -n 1 "$T/out" | grep -q "^id_a,id_b,weight,probability,first_name,last_name,dob,city$" \
    && ok "pairs header names the compared columns" || ko "pairs header: $(head -n 1 "$T/out")"
for pair in "1,2," "3,4," "5,6," "7,8," "9,10,"; do
    grep -q "^$pair" "$T/out" && ok "planted duplicate $pair found" || ko "planted duplicate $pair missed"
done
n=$(($(wc -l <"$T/out") - 1))
[ "$n" -eq 5 ] && ok "only the planted duplicates ($n pairs)" || { ko "$n pairs predicted, wanted 5"; cat "$T/out"; }
grep -q "^5,6,.*,swap,swap," "$T/out" && ok "swapped names reach the swap level" || ko "swap level"
status "people --all exits 0" 0 "$SCOMM" link people.csv --all -o all.csv
[ "$(wc -l <all.csv)" -gt 6 ] && ok "--all writes every candidate pair" || ko "--all"
status "people clusters exit 0" 0 "$SCOMM" link people.csv --clusters cl.csv -o /dev/null
[ "$(wc -l <cl.csv)" -eq 31 ] && head -n 1 cl.csv | grep -q "^id,cluster$" \
    && ok "clusters file has every record" || ko "clusters file"
c1=$(sed -n 's/^1,//p' cl.csv); c2=$(sed -n 's/^2,//p' cl.csv); c3=$(sed -n 's/^3,//p' cl.csv)
[ "$c1" = "$c2" ] && [ "$c1" != "$c3" ] && ok "records 1 and 2 share a cluster" || ko "cluster ids $c1 $c2 $c3"

# A model file, and its errors.
cat >model.ini <<'INI'
# how to compare people.csv
[link]
id = id
threshold = 0.5
ignore = city

[compare]
first_name = name, partner=last_name
last_name = name
dob = date

[block]
byname = last_name:soundex
bydob = dob
both = first_name:initial + dob:year
INI
status "model file exits 0" 0 "$SCOMM" link people.csv --model model.ini -v
grep -q "rule  last_name:soundex" "$T/err" && grep -q "rule  dob:exact" "$T/err" \
    && grep -q "rule  first_name:initial+dob:year" "$T/err" \
    && ok "model file sets the blocking rules" || ko "model file rules"
head -n 1 "$T/out" | grep -q "^id_a,id_b,weight,probability,first_name,last_name,dob$" \
    && ok "model file ignores a column" || ko "model file ignore: $(head -n 1 "$T/out")"
printf '[link]\nid = id\n\n[link]\ncolour = red\n' >bad.ini
status "unknown model key exits 2" 2 "$SCOMM" link people.csv --model bad.ini
errhas "unknown model key names file and line" "bad.ini:5:"
printf '[nosuch]\n' >bad2.ini
status "unknown model section exits 2" 2 "$SCOMM" link people.csv --model bad2.ini
errhas "unknown model section names file and line" "bad2.ini:1:"
printf '[compare]\nfirst_name = colour\n' >bad3.ini
status "unknown kind exits 2" 2 "$SCOMM" link people.csv --model bad3.ini
errhas "unknown kind is named" "unknown kind 'colour'"

# Flags.
status "--compare and --block exit 0" 0 "$SCOMM" link people.csv --compare dob:date --compare city:off --block 'last_name:metaphone+dob:year'
status "unknown --block column exits 2" 2 "$SCOMM" link people.csv --block nosuch
errhas "unknown --block column is named" "'nosuch'"
status "bad --threshold exits 2" 2 "$SCOMM" link people.csv --threshold 1.5
status "bad --threads exits 2" 2 "$SCOMM" link people.csv --threads 0
status "missing --id column exits 2" 2 "$SCOMM" link people.csv --id nosuch
errhas "missing --id column is named" "people.csv: missing column 'nosuch'"
status "missing --truth column exits 2" 2 "$SCOMM" link people.csv --truth nosuch
errhas "missing --truth column is named" "missing column 'nosuch'"
status "--truth regex that does not match exits 2" 2 "$SCOMM" link people.csv --truth 'last_name:^([0-9]+)$'
errhas "--truth mismatch names file and line" "people.csv:2:"
status "--truth regex without a group exits 2" 2 "$SCOMM" link people.csv --truth 'id:[0-9]'
status "--clusters with two files exits 2" 2 "$SCOMM" link people.csv people.csv --clusters x.csv

# --- malformed CSV --------------------------------------------------------------
: >empty.csv
status "empty file exits 2" 2 "$SCOMM" link empty.csv
errhas "empty file is named" "empty.csv"
printf 'a,b\n' >header.csv
status "header-only file exits 2" 2 "$SCOMM" link header.csv
errhas "header-only file says so" "no records"
printf 'name,dob\nann,1980-01-01\nbob,1981-01-01,extra\n' >ragged.csv
status "ragged row exits 2" 2 "$SCOMM" link ragged.csv
errhas "ragged row names file and line" "ragged.csv:3:"
printf 'name,dob\nann,1980-01-01\nb\377b,1981-01-01\n' >utf8.csv
status "bad UTF-8 exits 2" 2 "$SCOMM" link utf8.csv
errhas "bad UTF-8 names file and line" "utf8.csv:3:"
printf 'first_name,dob\nann,1980-01-01\n' >other.csv
status "linking to a file without the compared columns exits 2" 2 \
    "$SCOMM" link people.csv other.csv --compare last_name:name
errhas "the missing column is named" "missing column 'last_name'"
status "missing file exits 2" 2 "$SCOMM" link nosuch.csv
errhas "missing file is named" "nosuch.csv"

# --- FEBRL -----------------------------------------------------------------------
if [ -f "$FEBRL/dataset4a.csv" ] && [ -f "$FEBRL/dataset4b.csv" ] && [ -f "$FEBRL/dataset1.csv" ]; then
    TRUTH='rec_id:rec-(\d+)-'
    status "FEBRL 4 exits 0" 0 "$SCOMM" link "$FEBRL/dataset4a.csv" "$FEBRL/dataset4b.csv" \
        --truth "$TRUTH" --out f4.csv --threads 1
    f1_at_least "FEBRL 4 f1 >= 0.999" 0.999
    [ "$(wc -l <"$T/out")" -eq 1 ] && ok "with --out, stdout is the metrics line alone" || ko "stdout with --out"
    head -n 1 f4.csv | grep -q "^id_a,id_b,weight,probability,given_name,surname," \
        && ok "FEBRL 4 pairs header" || ko "FEBRL 4 pairs header"
    grep -q "^rec-1070-org,rec-1070-dup-0," f4.csv && ok "FEBRL 4 ids from rec_id" || ko "FEBRL 4 ids"
    status "FEBRL 4 on two threads exits 0" 0 "$SCOMM" link "$FEBRL/dataset4a.csv" "$FEBRL/dataset4b.csv" \
        --truth "$TRUTH" --out f4t.csv --threads 2 --all
    status "FEBRL 4 on one thread, all pairs" 0 "$SCOMM" link "$FEBRL/dataset4a.csv" "$FEBRL/dataset4b.csv" \
        --truth "$TRUTH" --out f4o.csv --threads 1 --all
    cmp -s f4t.csv f4o.csv && ok "FEBRL 4 output identical for 1 and 2 threads" || ko "thread determinism"
    status "FEBRL 4 without soc_sec_id exits 0" 0 "$SCOMM" link "$FEBRL/dataset4a.csv" \
        "$FEBRL/dataset4b.csv" --truth "$TRUTH" --ignore soc_sec_id --out /dev/null
    f1_at_least "FEBRL 4 without soc_sec_id f1 >= 0.99" 0.99
    status "FEBRL 1 dedupe exits 0" 0 "$SCOMM" link "$FEBRL/dataset1.csv" --truth "$TRUTH" \
        --clusters f1c.csv
    f1_at_least "FEBRL 1 dedupe f1 >= 0.99" 0.99
    n=$(($(wc -l <"$T/out") - 2))
    p=$(tail -n 1 "$T/out" | sed -n 's/.* pairs=\([0-9]*\)$/\1/p')
    [ "$n" = "$p" ] && ok "pairs on stdout, then the metrics line ($n pairs)" || ko "stdout pairs $n vs $p"
    [ "$(wc -l <f1c.csv)" -eq 1001 ] && ok "FEBRL 1 clusters for every record" || ko "FEBRL 1 clusters"
else
    echo "note: $FEBRL absent, FEBRL checks skipped"
fi

finish
