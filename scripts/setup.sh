#!/usr/bin/env bash
# Installs everything Jiyn needs to build, serve and test, pinned and idempotent.
# Quiet when everything is already in place. Fetches only from package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

log() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

# 1b. rustfmt and clippy (in rustup's default profile, but not in the minimal one).
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^${component}"; then
    log "adding the ${component} component"
    rustup component add "${component}" >/dev/null
  fi
done

# 2. trunk (0.22 needs a newer rustc than this machine has).
if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}$"; then
  log "installing trunk ${TRUNK_VERSION} (takes several minutes once)"
  cargo install trunk --version "${TRUNK_VERSION}" --locked --quiet
fi

# 3. wasm-bindgen CLI, matching the crate pinned in Cargo.toml.
#    Not --locked: its lockfile asks for a crate version the registry does not serve.
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}$"; then
  log "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}" --quiet
fi

# 4. Debian's Chromium and its driver (browser tests and end-to-end tests).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. npm tools: playwright-core (drives Debian's Chromium) and binaryen's wasm-opt 132.
if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  log "installing npm packages in tests/e2e"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# 6. Crates, so later builds work offline.
cargo fetch --locked --quiet
