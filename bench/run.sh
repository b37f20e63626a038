#!/usr/bin/env bash
# Jiyn's benchmarks: sizes of the release build, the store layer against hand-written
# IndexedDB code, and cold start to a usable forum page, in headless Chromium.
#
#   bench/run.sh           5 runs per benchmark (medians)
#   bench/run.sh --quick   2 runs per benchmark, same sizes
#
# Builds the release app into dist/ and the bench page (bench/index.html, the `bench`
# binary in src/bin/bench.rs) into dist/bench/, serves both on one origin, drives
# Chromium with playwright-core (bench/run.mjs), prints a table and writes
# bench/results/latest.json. Slow figures never fail; it exits non-zero only when
# something breaks. See docs/bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
args=()
for arg in "$@"; do
  case "$arg" in
    --quick) args+=(--quick) ;;
    -h|--help) usage; exit 0 ;;
    *) printf 'bench: unknown argument: %s\n\n' "$arg" >&2; usage >&2; exit 2 ;;
  esac
done

say() { printf 'bench: %s\n' "$*"; }

./scripts/setup.sh
source scripts/env.sh

mkdir -p bench/results
build_log=bench/results/build.log
: >"$build_log"
# Build output goes to the log; it is shown only when a build fails.
build() {
  if ! TRUNK_COLOR=never CARGO_TERM_COLOR=never "$@" >>"$build_log" 2>&1; then
    printf 'bench: FAILED: %s\n--- last lines of %s ---\n' "$*" "$build_log" >&2
    tail -n 40 "$build_log" >&2
    exit 1
  fi
}

# The commit the builds start from (the tree may change while they run).
JIYN_BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then
  JIYN_BENCH_COMMIT="$JIYN_BENCH_COMMIT (with uncommitted changes)"
fi
export JIYN_BENCH_COMMIT

# The app first: its build replaces dist/ entirely, dist/bench/ included.
say "building the app (trunk build --release → dist/; waits if another cargo build holds the lock)"
build trunk build --release
say "building the bench page (trunk build --release --config bench/Trunk.toml → dist/bench/)"
build trunk build --release --config bench/Trunk.toml

say "building the sync server (cargo build --release -p jiyn-server)"
build cargo build --release -p jiyn-server --locked
JIYN_BENCH_SERVER="${CARGO_TARGET_DIR:-target}/release/jiyn-server"
export JIYN_BENCH_SERVER

node bench/run.mjs "${args[@]}"

# The server alone under load: 5 s when quick, 15 s otherwise.
quick=0
for arg in "${args[@]}"; do [ "$arg" = --quick ] && quick=1; done
SERVER_LOAD_SECS="${SERVER_LOAD_SECS:-$([ "$quick" = 1 ] && echo 5 || echo 15)}" bench/server-load.sh
