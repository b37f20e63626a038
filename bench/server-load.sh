#!/usr/bin/env bash
# jiyn-server under load, on 127.0.0.1 with a fresh SQLite file (synchronous=FULL) and
# an organizer token:
#
# 1. push throughput of small pushes: wrk (Debian's package) posts pushes of ONE new
#    check-in each (bench/server-load.lua: unique change and record ids, every answer
#    checked for `accepted`); then everything is pulled back and counted;
# 2. bulk: 10,000 check-ins pushed as 10 pushes of 1,000, then pulled in pages of
#    5,000, both with curl, timed end to end.
#
# Prints the figures and appends a JSON line to bench/results/server-load.json. Never
# fails for slowness; fails if a push is refused or lost, or the server does not work.
#
#   bench/server-load.sh                    10 s, 2 threads, 16 connections
#   SERVER_LOAD_SECS=30 bench/server-load.sh
#   SERVER_LOAD_THREADS, SERVER_LOAD_CONNECTIONS: the other two
#   JIYN_BENCH_SERVER=path/to/jiyn-server   use that build (else a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SERVER_LOAD_SECS:-10}"
THREADS="${SERVER_LOAD_THREADS:-2}"
CONNS="${SERVER_LOAD_CONNECTIONS:-16}"
say() { printf 'server-load: %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if ! command -v wrk >/dev/null; then
  say "installing Debian's wrk"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || fail "curl is needed"
command -v node >/dev/null || fail "node is needed (scripts/setup.sh installs it)"
BIN="${JIYN_BENCH_SERVER:-}"
if [ -z "$BIN" ]; then
  say "building jiyn-server (release)"
  cargo build --release -p jiyn-server --locked --quiet
  BIN="${CARGO_TARGET_DIR:-target}/release/jiyn-server"
fi
[ -x "$BIN" ] || fail "no server binary at $BIN"
case "$BIN" in */debug/*) build=debug ;; *) build=release ;; esac

dir="$(mktemp -d)"
db="sqlite:${dir}/load.db"
suffix="$(printf '%012x' $$)"
forum="0193a5e0-7c1a-7cc0-9d2f-${suffix}"
bulk_forum="0193a5e0-7c1b-7cc0-9d2f-${suffix}"
token="$("$BIN" token add --db "$db" --role organizer --all-forums --label load)"
port=$(( 20000 + RANDOM % 20000 ))
base="http://127.0.0.1:${port}"
"$BIN" serve --db "$db" --listen "127.0.0.1:${port}" --rate 1000000000 2>"${dir}/server.log" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
up=0
for _ in $(seq 1 100); do
  if curl -sf "${base}/v1/hello" >/dev/null; then up=1; break; fi
  sleep 0.1
done
[ "$up" = 1 ] || { cat "${dir}/server.log" >&2; fail "the server did not start"; }

# Pulls a forum page by page (pages of 5,000) into $dir/<name>-page-N.json; prints the
# pages' total seconds in curl. Only curl and sed run between pages (the cursor and
# `more` end every answer), so wall time is the pull's.
pull_all() {
  local forum="$1" name="$2" since="" secs=0 t tail p
  for p in $(seq 1 10000); do
    t="$(curl -sS --fail-with-body -o "${dir}/${name}-page-${p}.json" -w '%{time_total}' \
      -H "authorization: Bearer ${token}" -H 'jiyn-protocol: 1' \
      "${base}/v1/forums/${forum}/changes?since=${since}&limit=5000")" ||
      { cat "${dir}/${name}-page-${p}.json" >&2; fail "a pull failed"; }
    secs="$(awk -v a="$secs" -v b="$t" 'BEGIN { print a + b }')"
    tail="$(tail -c 200 "${dir}/${name}-page-${p}.json")"
    since="$(printf '%s' "$tail" | sed -n 's/.*"cursor":"\([0-9]*\)".*/\1/p')"
    [ -n "$since" ] || fail "a pull answer without a cursor"
    case "$tail" in *'"more":true'*) ;; *) break ;; esac
  done
  echo "$secs"
}

# Counts the records in every page of a pull_all.
count_pulled() {
  node -e '
    const fs = require("fs");
    const [dir, name] = process.argv.slice(1);
    let n = 0;
    for (const f of fs.readdirSync(dir)) {
      if (f.startsWith(`${name}-page-`)) n += JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")).records.length;
    }
    console.log(n);
  ' "$dir" "$1"
}

# 1. Small pushes under wrk.
say "wrk: ${THREADS} threads, ${CONNS} connections, ${SECS} s of one-change pushes (${build} build)"
out="$(wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" -s bench/server-load.lua \
  "${base}/v1/forums/${forum}/changes" -- "$token" "$forum")"
wrk_json="$(printf '%s\n' "$out" | sed -n 's/^JSON //p')"
[ -n "$wrk_json" ] || { printf '%s\n' "$out" >&2; fail "wrk printed no summary"; }
pull_all "$forum" small >/dev/null
stored="$(count_pulled small)"

# 2. Bulk: 10 pushes of 1,000 new check-ins, then the pull of all 10,000.
node -e '
  const [dir, forum] = process.argv.slice(1);
  const hex = (n, w) => n.toString(16).padStart(w, "0");
  const stamp = "1762840800000-00000-bulk";
  for (let p = 0; p < 10; p++) {
    const changes = [];
    for (let i = 0; i < 1000; i++) {
      const n = p * 1000 + i;
      const change = `0000b01c-0001-7000-8000-${hex(n, 12)}`;
      const record = `0000b01c-0002-7000-8000-${hex(n, 12)}`;
      const payload = JSON.stringify({
        meta: { id: record, forum, created: stamp, hlc: stamp },
        participant: forum, action: "check_in", desk: "bulk", at: "2025-11-11T04:05:00Z",
      });
      changes.push({ id: change, kind: "check_in", record, forum, hlc: stamp,
        fields: ["action", "at", "desk", "participant"], payload });
    }
    require("fs").writeFileSync(`${dir}/push-${p}.json`,
      JSON.stringify({ protocol: 1, device: "bulk", changes }));
  }
' "$dir" "$bulk_forum"
push_start="$(now_ms)"
for p in $(seq 0 9); do
  curl -sS --fail-with-body -o "${dir}/answer-${p}.json" \
    -H "authorization: Bearer ${token}" -H 'jiyn-protocol: 1' \
    -H 'content-type: application/json' --data-binary "@${dir}/push-${p}.json" \
    "${base}/v1/forums/${bulk_forum}/changes" ||
    { cat "${dir}/answer-${p}.json" >&2; fail "a bulk push failed"; }
done
push_ms=$(( $(now_ms) - push_start ))
bulk_accepted="$(node -e '
  const fs = require("fs");
  let n = 0;
  for (let p = 0; p < 10; p++) {
    const j = JSON.parse(fs.readFileSync(`${process.argv[1]}/answer-${p}.json`, "utf8"));
    if (j.rejected.length) console.error(JSON.stringify(j.rejected[0]));
    n += j.accepted.length;
  }
  console.log(n);
' "$dir")"
pull_start="$(now_ms)"
pull_curl_s="$(pull_all "$bulk_forum" bulk)"
pull_ms=$(( $(now_ms) - pull_start ))
bulk_pulled="$(count_pulled bulk)"

mkdir -p bench/results
result="{\"date\":\"$(date -u +%FT%TZ)\",\"build\":\"${build}\",\"threads\":${THREADS},\"connections\":${CONNS},\"stored\":${stored},\"wrk\":${wrk_json},\"bulk\":{\"changes\":10000,\"accepted\":${bulk_accepted},\"push_ms\":${push_ms},\"pulled\":${bulk_pulled},\"pull_ms\":${pull_ms},\"pull_curl_ms\":$(awk -v s="$pull_curl_s" 'BEGIN { printf "%d", s * 1000 }')}}"
printf '%s\n' "$result" >> bench/results/server-load.json
printf '%s\n' "$result" | node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const w = r.wrk, b = r.bulk;
  console.log(`server-load: ${w.requests} one-change pushes in ${w.seconds.toFixed(1)} s = ${w.rps.toFixed(0)} pushes/s; latency p50 ${w.p50_ms.toFixed(1)} ms, p90 ${w.p90_ms.toFixed(1)} ms, p99 ${w.p99_ms.toFixed(1)} ms; accepted ${w.accepted}, not accepted ${w.not_accepted}, errors ${w.errors}; stored ${r.stored}`);
  console.log(`server-load: bulk: 10,000 check-ins pushed as 10 x 1,000 in ${b.push_ms} ms (accepted ${b.accepted}), pulled in pages of 5,000 in ${b.pull_ms} ms (${b.pulled} records; ${b.pull_curl_ms} ms in curl)`);
  const broken = [];
  if (w.errors > 0 || w.not_accepted > 0) broken.push("some pushes were not accepted");
  if (w.accepted === 0) broken.push("no push was accepted");
  // wrk may stop counting while its last pushes are answered: more stored is fine.
  if (r.stored < w.accepted) broken.push(`stored ${r.stored} < accepted ${w.accepted}`);
  if (b.accepted !== 10000 || b.pulled !== 10000) broken.push("the bulk push or pull lost records");
  if (broken.length) { console.error(`server-load: FAILED: ${broken.join("; ")}`); process.exit(1); }
'
