#!/usr/bin/env bash
# A throwaway PostgreSQL for jiyn-server's tests, from Debian's packages.
#
#   scripts/postgres.sh start   installs Debian's postgresql if missing, creates a cluster
#                               in target/pg-data (trust auth, 127.0.0.1 only), starts it
#                               if it is not running, waits until it answers, and prints
#                               its URL as the last line of stdout:
#                               postgres://postgres@127.0.0.1:55432/postgres
#   scripts/postgres.sh stop    stops that cluster (installs nothing)
#
# Idempotent: run it twice and the running cluster is reused. Everything but the URL
# goes to stderr. PostgreSQL refuses to run as root, so as root the cluster belongs to
# the `postgres` user the package creates. It is for tests only: fsync is off.
# JIYN_PG_PORT and JIYN_PG_DATA override the port and the data directory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${JIYN_PG_PORT:-55432}"
DATA="${JIYN_PG_DATA:-$ROOT/target/pg-data}"
SOCKETS="$(dirname "$DATA")/pg-run"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
log() { printf 'postgres: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
installed() { [ -n "$(bin_dir)" ] && [ -x "$(bin_dir)/initdb" ]; }

# Runs a PostgreSQL program as the cluster's owner (`postgres` when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# As root the cluster belongs to `postgres`, which must be able to reach the data
# directory: a checkout under a private home (mode 700) is out of its reach, so then
# the default moves to /tmp (one directory per checkout).
resolve_data() {
  if [ -z "${JIYN_PG_DATA:-}" ] && [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 &&
    ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    DATA="/tmp/jiyn-test-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
    SOCKETS="${DATA}-run"
  fi
}

# Whether something answers as PostgreSQL on our port.
answering() { "$(bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1; }

start() {
  if ! installed; then
    log "installing Debian's postgresql"
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 ||
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin
  bin="$(bin_dir)"
  resolve_data
  # A cluster (this one, or one an earlier run left) already answers: reuse it.
  if answering; then
    echo "$URL"
    return
  fi
  mkdir -p "$DATA" "$SOCKETS"
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$DATA" "$SOCKETS"
    if ! runuser -u postgres -- test -w "$DATA"; then
      log "the postgres user cannot reach $DATA; set JIYN_PG_DATA to a directory it can"
      exit 1
    fi
  fi
  chmod 700 "$DATA"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    as_owner "$bin/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
      -o "-p ${PORT} -h 127.0.0.1 -k ${SOCKETS} -c fsync=off -c full_page_writes=off" \
      start >/dev/null || {
      log "it did not start; its log:"
      tail -20 "$DATA/server.log" >&2 || true
      exit 1
    }
    log "started on 127.0.0.1:${PORT}"
  fi
  for _ in $(seq 1 60); do
    answering && break
    sleep 0.5
  done
  answering || { log "it does not answer on 127.0.0.1:${PORT}"; exit 1; }
  echo "$URL"
}

stop() {
  resolve_data
  if installed && [ -f "$DATA/PG_VERSION" ] &&
    as_owner "$(bin_dir)/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$(bin_dir)/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
