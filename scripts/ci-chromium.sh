#!/bin/sh
# ci-chromium.sh installs Debian's chromium and chromium-driver for the
# browser tests of dyad serve (go test ./server/...). It is idempotent and
# quick when both are installed already; it needs root (CI runs as root).
#
#   sh scripts/ci-chromium.sh
#
# The tests find /usr/bin/chromium themselves (or $DYAD_CHROMIUM), and skip
# with a message when no Chromium is installed.
set -eu

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if installed chromium && installed chromium-driver && [ -x /usr/bin/chromium ]; then
	echo "ci-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "ci-chromium: need root to install chromium (apt-get)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
echo "ci-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
