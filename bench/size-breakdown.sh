#!/usr/bin/env bash
# Where the app's wasm bytes go, and the framework's own floor beside them.
#
#   bench/size-breakdown.sh
#
# Builds the app's release wasm with cargo (the same profile and flags trunk uses),
# runs wasm-bindgen keeping the names and wasm-opt -Oz keeping them (so twiggy can
# attribute each function; the shipped file is the same code without the name
# section), prints the bytes per module of Jiyn and per crate, then builds
# bench/floor (two routes of Leptos 0.8 and nothing else) the same way and prints
# both gzip sizes. Output files go to target/size/. Installs twiggy on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
if ! command -v twiggy >/dev/null 2>&1; then
  echo "installing twiggy (once)…"
  cargo install --quiet --locked twiggy
fi
out=target/size
mkdir -p "$out"
opt=tests/e2e/node_modules/.bin/wasm-opt

build() { # name, cargo args…
  local name=$1
  shift
  cargo build --quiet --release --target wasm32-unknown-unknown "$@"
}

echo "building the app's wasm (release)…"
build jiyn --locked --bin jiyn
wasm-bindgen --target web --keep-debug --out-dir "$out/app" target/wasm32-unknown-unknown/release/jiyn.wasm
"$opt" -Oz -g "$out/app/jiyn_bg.wasm" -o "$out/app/named.wasm"
"$opt" -Oz --strip-debug "$out/app/jiyn_bg.wasm" -o "$out/app/shipped.wasm"
twiggy top -n 1000000 --format csv "$out/app/named.wasm" >"$out/app/twiggy.csv"

echo "building the framework floor (bench/floor)…"
(cd bench/floor && CARGO_TARGET_DIR=../../target/floor build floor --locked)
wasm-bindgen --target web --out-dir "$out/floor" target/floor/wasm32-unknown-unknown/release/jiyn-size-floor.wasm
"$opt" -Oz "$out/floor/jiyn-size-floor_bg.wasm" -o "$out/floor/shipped.wasm"

node bench/size-breakdown.mjs "$out/app/twiggy.csv" "$out/app/shipped.wasm" "$out/floor/shipped.wasm"
