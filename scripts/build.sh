#!/usr/bin/env bash
# Release build of the app (dist/) and the mock backend. Never downloads tools: Trunk runs
# offline with the pinned wasm-bindgen and wasm-opt on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"
cargo fetch --locked --quiet
start=$(date +%s)
TRUNK_OFFLINE=true trunk build --release --offline --locked
scripts/precompress.sh dist
echo "app built in $(( $(date +%s) - start )) s"
cargo build --locked --quiet -p mock-backend
