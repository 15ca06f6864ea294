#!/bin/sh
# Runs every unit test binary and the end-to-end CLI tests in each build
# folder given (build, build-san), then prints one line:
#     tests: N passed, N failed
# A binary that crashes counts as one failure more than it reported.
set -u
passed=0
failed=0
log=$(mktemp)
# Banned functions (tools/banned.sh) count as one test.
if sh "$(dirname "$0")/../tools/banned.sh" >"$log" 2>&1; then
    passed=$((passed + 1)); echo "ok   no banned functions"
else
    failed=$((failed + 1)); echo "FAIL banned functions"; cat "$log"
fi
for b in "$@"; do
    for t in "$b"/tests/test_*; do
        [ -x "$t" ] || continue
        name="$b/$(basename "$t")"
        CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$log" 2>&1
        rc=$?
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        p=${p:-0}; f=${f:-0}
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        passed=$((passed + p)); failed=$((failed + f))
        if [ "$f" -ne 0 ]; then
            echo "FAIL $name"; cat "$log"
        else
            echo "ok   $name ($p)"
        fi
    done
    # Every end-to-end script, tests/e2e/run_*e2e.sh, on this build.
    for e in tests/e2e/run_*e2e.sh; do
        [ -x "$e" ] && [ -x "$b/scomm" ] || continue
        name="$b $(basename "$e" .sh)"
        sh "$e" "$b/scomm" >"$log" 2>&1
        p=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log")
        f=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log")
        if [ -z "$p" ]; then p=0; f=1; fi
        passed=$((passed + p)); failed=$((failed + f))
        if [ "$f" -ne 0 ]; then
            echo "FAIL $name"; cat "$log"
        else
            echo "ok   $name ($p)"
        fi
    done
done
rm -f "$log"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
