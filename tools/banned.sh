#!/bin/sh
# Fails when project code calls a banned function (as in git's banned.h):
# strcpy, sprintf, atoi, rand, gets.  snprintf and friends are fine.
cd "$(dirname "$0")/.." || exit 2
hits=$(grep -nE '(^|[^A-Za-z0-9_])(strcpy|sprintf|vsprintf|atoi|rand|gets)[[:space:]]*\(' \
    -r src bench tests include 2>/dev/null)
if [ -n "$hits" ]; then
    echo "banned functions called:"
    echo "$hits"
    exit 1
fi
exit 0
