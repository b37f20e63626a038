#!/usr/bin/env bash
# Installs whatever is missing, builds the release app and serves it on
# http://127.0.0.1:8080 (override with PORT). Data lives in the browser's IndexedDB;
# on first start the app offers to load the demo forums.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
source scripts/env.sh
trunk build --release
exec node tests/e2e/server.mjs --root dist --port "${PORT:-8080}"
