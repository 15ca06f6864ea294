#!/bin/sh
# Installs the Debian packages scomm needs, when any is missing.
# Run by `make` before the first build; safe to run again.
set -eu
pkgs="gcc make libc6-dev unzip libsqlite3-dev sqlite3 libjansson-dev libcmocka-dev nodejs npm"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
# nodejs may come from elsewhere than Debian (it does on some images).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    missing=$(echo "$missing" | sed 's/ nodejs//; s/ npm//')
fi
[ -z "$(echo "$missing" | tr -d ' ')" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
