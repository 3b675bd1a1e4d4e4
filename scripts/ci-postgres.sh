#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres) for
# the integration tests of store/postgres, scale and cmd/dyad. The tests
# start their own throwaway server in a temporary directory on a free
# loopback port (store/postgres/pgtest); this script starts nothing and
# creates no cluster.
#
# Non-interactive and idempotent: when initdb is already installed it exits
# at once. Needs root (or sudo) and Debian's package archive.
#
#   bash scripts/ci-postgres.sh
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "ci-postgres: PostgreSQL present ($(ls -d /usr/lib/postgresql/*/bin | tail -n 1))"
	exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
apt_get() {
	local i
	for i in 1 2 3; do
		if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
			-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"; then
			return 0
		fi
		echo "ci-postgres: apt-get $* failed (try $i of 3)" >&2
		sleep $((i * 5))
	done
	return 1
}

apt_get update
# postgresql-common first, to turn off the default cluster (and its service)
# before the server package would create and start it
apt_get install --no-install-recommends postgresql-common
if [ -f /etc/postgresql-common/createcluster.conf ]; then
	$SUDO sed -ri 's/^#?\s*create_main_cluster\s*=.*$/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
fi
apt_get install --no-install-recommends postgresql

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "ci-postgres: postgresql installed but no initdb under /usr/lib/postgresql/*/bin" >&2
	exit 1
fi
echo "ci-postgres: installed $(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
