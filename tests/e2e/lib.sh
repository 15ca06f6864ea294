# lib.sh - what every end-to-end script shares: the scomm binary under
# test, a scratch folder removed on exit, pass/fail counters and the
# checks that feed them.  A script sets E2E_NAME, then sources this file
# with its own arguments still in place ($1: PATH/TO/scomm), and ends
# with `finish`, which prints the one line tests/run.sh reads:
# "e2e: N passed, N failed".
SCOMM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SCOMM_SHARED_DATA:-$ROOT/../shared/data}
T=$(mktemp -d "${TMPDIR:-/tmp}/scomm-${E2E_NAME:-e2e}-XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { # name, then a command that must succeed
    name=$1; shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else
        ko "$name"; sed 's/^/    /' "$T/out" "$T/err" | head -20; fi
}
status() { # name, expected status, command...
    name=$1; want=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; got=$?
    if [ "$got" = "$want" ]; then ok "$name"; else
        ko "$name (exit $got, wanted $want)"; sed 's/^/    /' "$T/err" | head -5; fi
}
errhas() { # name, text the last command's stderr must contain
    if grep -qF -- "$2" "$T/err"; then ok "$1"; else
        ko "$1: stderr lacks '$2'"; sed 's/^/    /' "$T/err" | head -5; fi
}
# jv VALUE FILE: one value of a JSON file.
jv() { jq -r "$1" "$2"; }
finish() { echo "e2e: $pass passed, $fail failed"; }
