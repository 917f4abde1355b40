#!/usr/bin/env bash
# A throwaway PostGIS server for the tests: Debian's postgresql + postgresql-15-postgis-3.
#
#   scripts/pg-test-server.sh run -- CMD...   install if missing (root), start a cluster on a free
#                                             127.0.0.1 port, run CMD with CRISISMAP_TEST_PG=<url>,
#                                             stop and delete the cluster, exit with CMD's status
#   scripts/pg-test-server.sh start DIR       start one in DIR (prints the URL); `stop DIR` ends it
#
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

PGVER=${PGVER:-15}
BIN=/usr/lib/postgresql/$PGVER/bin

install_if_missing() {
  if [ -x "$BIN/postgres" ] && [ -f "/usr/share/postgresql/$PGVER/extension/postgis.control" ]; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    echo "pg-test-server: PostGIS is missing; run: sudo apt-get install postgresql postgresql-$PGVER-postgis-3" >&2
    return 1
  fi
  echo "pg-test-server: installing postgresql and postgresql-$PGVER-postgis-3 with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql "postgresql-$PGVER-postgis-3" >/dev/null
}

as_pg() {  # run a command as the server's user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local dir=$1 port
  install_if_missing
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  port=$(free_port)
  as_pg "$BIN/initdb" -D "$dir/data" -U crisismap -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { echo "pg-test-server: initdb failed:" >&2; tail -5 "$dir/initdb.log" >&2; return 1; }
  as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { echo "pg-test-server: the server did not start:" >&2; tail -5 "$dir/server.log" >&2; return 1; }
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U crisismap -d postgres -qAt \
    -c "CREATE DATABASE crisismap_test" >/dev/null
  as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U crisismap -d crisismap_test -qAt \
    -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  echo "$port" >"$dir/port"
  echo "postgresql://crisismap@127.0.0.1:$port/crisismap_test"
}

stop() {
  local dir=$1
  if [ -d "$dir/data" ]; then as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  run)
    shift; [ "${1:-}" = "--" ] && shift
    dir=$(mktemp -d /tmp/crisismap-pg.XXXXXX)
    chmod 755 "$dir"
    trap 'stop "$dir"' EXIT
    url=$(start "$dir") || { echo "pg-test-server: no PostGIS server; the PostGIS tests cannot run" >&2; exit 1; }
    echo "pg-test-server: PostGIS test server at $url" >&2
    CRISISMAP_TEST_PG=$url CRISISMAP_TEST_PG_REQUIRED=1 "$@"
    ;;
  *) echo "usage: $0 run -- CMD... | start DIR | stop DIR" >&2; exit 2 ;;
esac
