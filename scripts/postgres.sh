#!/usr/bin/env bash
# A throwaway PostgreSQL for the server's tests, from Debian's packages.
#
#   scripts/postgres.sh start   installs PostgreSQL if missing, starts a cluster on
#                               127.0.0.1:55432 (trust auth, data in /tmp), and prints
#                               its URL as the last line of stdout
#   scripts/postgres.sh stop    stops it
#
# Idempotent: a running cluster is reused. PostgreSQL refuses to run as root, so as
# root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail
PORT="${JIYN_PG_PORT:-55432}"
DATA="${JIYN_PG_DATA:-/tmp/jiyn-test-pg}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
log() { printf 'postgres: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(bin_dir)" ] || [ ! -x "$(bin_dir)/initdb" ]; then
  log "installing Debian's postgresql"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(bin_dir)"

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      log "creating a cluster in $DATA"
      mkdir -p "$DATA"
      if [ "$(id -u)" = 0 ]; then chown postgres: "$DATA"; fi
      chmod 700 "$DATA"
      as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-p ${PORT} -h 127.0.0.1 -k ''" start >/dev/null
      log "started on 127.0.0.1:${PORT}"
    fi
    echo "$URL"
    ;;
  stop)
    if [ -f "$DATA/PG_VERSION" ]; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
