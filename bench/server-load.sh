#!/usr/bin/env bash
# Push throughput of jiyn-server for small pushes (one new check-in each), measured
# with wrk (Debian's package) against a release build on 127.0.0.1 with a fresh SQLite
# file. Prints the figures and appends a JSON line to bench/results/server-load.json.
# Never fails for slowness; fails if the server or the load does not work.
#
#   bench/server-load.sh            10 s, 2 threads, 16 connections
#   SERVER_LOAD_SECS=30 bench/server-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SERVER_LOAD_SECS:-10}"
THREADS="${SERVER_LOAD_THREADS:-2}"
CONNS="${SERVER_LOAD_CONNECTIONS:-16}"
say() { printf 'server-load: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v wrk >/dev/null; then
  say "installing Debian's wrk"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
BIN="${JIYN_BENCH_SERVER:-}"
if [ -z "$BIN" ]; then
  cargo build --release -p jiyn-server --locked --quiet
  BIN="${CARGO_TARGET_DIR:-target}/release/jiyn-server"
fi

dir="$(mktemp -d)"
db="sqlite:${dir}/load.db"
forum="0193a5e0-7c1a-7cc0-9d2f-$(printf '%012x' $$)"
token="$("$BIN" token add --db "$db" --role desk --forum "$forum")"
port=$(( 20000 + RANDOM % 20000 ))
"$BIN" serve --db "$db" --listen "127.0.0.1:${port}" --rate 1000000000 2>"${dir}/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:${port}/v1/hello" >/dev/null && break
  sleep 0.1
done

say "wrk: ${THREADS} threads, ${CONNS} connections, ${SECS} s of one-change pushes"
out="$(wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" -s bench/server-load.lua \
  "http://127.0.0.1:${port}/v1/forums/${forum}/changes" -- "$token" "$forum")"
line="$(printf '%s\n' "$out" | sed -n 's/^JSON //p')"
[ -n "$line" ] || { printf '%s\n' "$out" >&2; say "FAILED: wrk printed no summary"; exit 1; }

# How many check-ins the server actually stored (every page of a pull).
stored="$(node -e '
  const [base, forum, token] = process.argv.slice(1);
  (async () => {
    let since = "", n = 0;
    for (;;) {
      const r = await fetch(`${base}/v1/forums/${forum}/changes?since=${since}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
      const j = await r.json();
      n += j.records.length;
      if (!j.more) break;
      since = j.cursor;
    }
    console.log(n);
  })().catch((e) => { console.error(e); process.exit(1); });
' "http://127.0.0.1:${port}" "$forum" "$token")"

mkdir -p bench/results
result="{\"date\":\"$(date -u +%FT%TZ)\",\"threads\":${THREADS},\"connections\":${CONNS},\"stored\":${stored},\"wrk\":${line}}"
printf '%s\n' "$result" >> bench/results/server-load.json
printf '%s\n' "$result" | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const w = r.wrk;
  console.log(`server-load: ${w.requests} pushes in ${w.seconds.toFixed(1)} s = ${w.rps.toFixed(0)} pushes/s; latency p50 ${w.p50_ms.toFixed(1)} ms, p90 ${w.p90_ms.toFixed(1)} ms, p99 ${w.p99_ms.toFixed(1)} ms; errors ${w.errors}; stored ${r.stored}`);
  if (w.errors > 0 || r.stored < w.requests) { console.error("server-load: FAILED: not every push was stored"); process.exit(1); }
'
