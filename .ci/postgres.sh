#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests: initdb as the postgres user into a
# temporary directory, listening on a free port on 127.0.0.1 only. Prints the DATABASE_URL.
# Usage: eval "$(bash .ci/postgres.sh start)"   …   bash .ci/postgres.sh stop "$PGDATA_DIR"
# A test that takes the server away under a running bot: halt "$PGDATA_DIR" stops it and keeps
# its data, resume "$PGDATA_DIR" starts it again on the same port.
set -euo pipefail

find_bin() {
  command -v "$1" 2>/dev/null || ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

run_server() { # dir port
  runuser -u postgres -- "$(find_bin pg_ctl)" -D "$1/data" -l "$1/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$2 -c unix_socket_directories=$1 -c fsync=off -c max_connections=200" start >&2
}

case "${1:-}" in
  start)
    if [ -z "$(find_bin initdb)" ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    fi
    INITDB=$(find_bin initdb)
    PG_CTL=$(find_bin pg_ctl)
    [ -n "$INITDB" ] && [ -n "$PG_CTL" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
    id postgres >/dev/null 2>&1 || useradd --system --home /nonexistent --shell /usr/sbin/nologin postgres
    dir=$(mktemp -d /tmp/aanzet-pg-XXXXXX)
    chown postgres "$dir"
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    runuser -u postgres -- "$INITDB" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
    echo "$port" >"$dir/port"
    run_server "$dir" "$port"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export PGDATA_DIR=$dir"
    ;;
  stop)
    dir=${2:?the directory printed by start}
    runuser -u postgres -- "$(find_bin pg_ctl)" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
    ;;
  halt)
    dir=${2:?the directory printed by start}
    runuser -u postgres -- "$(find_bin pg_ctl)" -D "$dir/data" -m fast -w stop >&2
    ;;
  resume)
    dir=${2:?the directory printed by start}
    run_server "$dir" "$(cat "$dir/port")"
    ;;
  *)
    echo "usage: $0 start | stop <dir> | halt <dir> | resume <dir>" >&2
    exit 2
    ;;
esac
