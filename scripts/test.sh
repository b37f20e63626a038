#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and test Jiyn has:
# format, clippy (host and wasm32), host tests, browser tests in headless Chromium,
# the release build, and the end-to-end tests. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
# Snapshots are compared, never rewritten, when testing.
export INSTA_UPDATE=no

step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)

step "format"
cargo fmt --all --check

step "clippy (host)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32)"
# jiyn-core's tests are host tests (proptest, insta); its library must build for wasm32.
cargo clippy -p jiyn --all-targets --target wasm32-unknown-unknown --locked -- -D warnings
cargo clippy -p jiyn-core --lib --target wasm32-unknown-unknown --locked -- -D warnings

step "PostgreSQL for the sync server's tests (Debian's package, a throwaway cluster)"
JIYN_TEST_POSTGRES_URL="$(scripts/postgres.sh start)"
export JIYN_TEST_POSTGRES_URL
# The server's PostgreSQL tests fail rather than skip when the URL is missing.
export JIYN_REQUIRE_POSTGRES=1
trap 'scripts/postgres.sh stop' EXIT

step "host tests (jiyn-core: rules, merge, convergence, property and snapshot tests, conformance on memory; jiyn-server on SQLite and PostgreSQL)"
cargo test --workspace --locked

step "browser tests (conformance on IndexedDB, migrations, in headless Chromium)"
cargo test -p jiyn --target wasm32-unknown-unknown --locked --test idb_conformance

step "release build (trunk, size profile, wasm-opt 132)"
trunk build --release
scripts/size.sh

step "end-to-end tests (Playwright driving Chromium)"
(cd tests/e2e && npm test --silent)

step "benchmarks, quick (never fail for slowness; fail only if something breaks)"
bench/run.sh --quick

printf '\nAll checks passed in %ss.\n' "$(( $(date +%s) - started ))"
