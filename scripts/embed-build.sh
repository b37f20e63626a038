#!/usr/bin/env bash
# Builds the embeddable agenda widget's wasm (crates/embed) into <out>/embed/:
#   jiyn_embed.js, jiyn_embed_bg.wasm  the wasm and its wasm-bindgen glue (--target web)
#   demo-agenda.json                  the Oral demo forum's feed, for /partner-demo.html
# <out> is $TRUNK_STAGING_DIR when trunk runs this as a build hook (Trunk.toml; trunk's
# copy-dir of public/ brings embed.js, embed/*.js and the pages), else dist/, and then
# the public files are copied too, so `scripts/embed-build.sh` alone refreshes a built
# dist/. Idempotent; uses only the pinned tools scripts/setup.sh installs (the wasm
# target, wasm-bindgen 0.2.130, wasm-opt 132 from npm's binaryen). docs/embedding.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

WASM_BINDGEN_VERSION=0.2.130
WASM_OPT_VERSION=132

fail() { printf 'embed-build: %s\n' "$*" >&2; exit 1; }

if [ -n "${TRUNK_STAGING_DIR:-}" ]; then
  out="$TRUNK_STAGING_DIR"
  standalone=0
else
  out=dist
  standalone=1
fi
mkdir -p "$out/embed"

wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}$" ||
  fail "wasm-bindgen ${WASM_BINDGEN_VERSION} is needed (scripts/setup.sh installs it)"
# Debian's wasm-opt (108) breaks wasm like this; the npm one is on PATH first (env.sh).
wasm-opt --version 2>/dev/null | grep -q "version ${WASM_OPT_VERSION}\b" ||
  fail "wasm-opt ${WASM_OPT_VERSION} is needed (scripts/setup.sh installs it in tests/e2e/node_modules)"

# The release profile (opt-level z, LTO, one codegen unit, panic=abort) is already the
# smallest; it waits for trunk's own cargo build when both run (cargo's lock).
cargo build --release --locked --quiet -p jiyn-embed --target wasm32-unknown-unknown
target_dir="${CARGO_TARGET_DIR:-target}"
wasm="$target_dir/wasm32-unknown-unknown/release/jiyn_embed.wasm"
[ -f "$wasm" ] || fail "cargo did not produce $wasm"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" "$wasm"
wasm-opt -Oz -o "$out/embed/jiyn_embed_bg.wasm" "$tmp/jiyn_embed_bg.wasm"
cp "$tmp/jiyn_embed.js" "$out/embed/jiyn_embed.js"

cargo run --locked --quiet -p jiyn-embed --example feeds -- demo "$out/embed/demo-agenda.json"

if [ "$standalone" = 1 ]; then
  cp public/embed.js public/partner-demo.html "$out/"
  cp public/embed/* "$out/embed/"
fi

printf 'embed-build: %s/embed: wasm %s bytes (%s gzip)\n' "$out" \
  "$(stat -c %s "$out/embed/jiyn_embed_bg.wasm")" "$(gzip -9c "$out/embed/jiyn_embed_bg.wasm" | wc -c)"
