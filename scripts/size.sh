#!/usr/bin/env bash
# Prints the size of the built app's wasm, JS and CSS: raw and gzip (-9).
set -euo pipefail
cd "$(dirname "$0")/.."
printf '%-40s %10s %10s\n' file raw gzip
for f in dist/*.wasm dist/*.js dist/*.css; do
  [ -f "$f" ] || continue
  printf '%-40s %10d %10d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
