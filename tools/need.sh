#!/bin/sh
# need.sh: make sure the Debian packages a make target depends on are here.
#
# Usage: need.sh WHAT:PACKAGE ...
# WHAT is a command looked up on PATH, or an absolute path that must exist.
# Missing packages are installed with apt-get: directly as root, through
# sudo otherwise. Where neither can work (no sudo, or no terminal to ask
# for a password), it stops with the exact command to run.
set -eu

missing=""
for need in "$@"; do
    what=${need%%:*}
    package=${need#*:}
    case $what in
        /*) [ -e "$what" ] && continue ;;
        *) command -v "$what" >/dev/null 2>&1 && continue ;;
    esac
    case " $missing " in
        *" $package "*) ;;
        *) missing="$missing $package" ;;
    esac
done
[ -z "$missing" ] && exit 0

install="apt-get install -y --no-install-recommends$missing"
echo "longboot needs these Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
    sudo="sudo"
else
    echo "Install them, then run make again:" >&2
    echo "    sudo apt-get update && sudo $install" >&2
    exit 1
fi
echo "Installing them: $sudo apt-get update && $sudo $install"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo $install
