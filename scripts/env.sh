# Sourced by the project's scripts: puts the pinned tools first on PATH.
# (No `set -e` here: the caller decides.)
JIYN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$JIYN_ROOT/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk: no update check (the network is closed), no tool downloads (Trunk.toml).
export TRUNK_SKIP_VERSION_CHECK=true
# Browser tests: chromedriver drives Debian's Chromium.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
