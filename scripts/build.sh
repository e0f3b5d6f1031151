#!/usr/bin/env bash
# Release build of the app (dist/) and the mock backend. Never downloads tools: Trunk runs
# offline with the pinned wasm-bindgen and wasm-opt on PATH.
#
# The wasm is split by route (src/lazy.rs), which Trunk cannot do (trunk issue 1022): Trunk
# builds the page — CSS, copied files, index.html — from a copy of index.html without its rust
# link, and scripts/build-split.sh builds the wasm, splits it, runs wasm-bindgen and wasm-opt
# on every part, and writes the loader into dist/index.html. `SPLIT=0` builds the one bundle
# with Trunk as before (for comparisons; `trunk serve` in development is never split).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"
cargo fetch --locked --quiet
start=$(date +%s)
if [ "${SPLIT:-1}" = 0 ]; then
  TRUNK_OFFLINE=true trunk build --release --offline --locked
else
  # In a folder of its own: next to a Cargo.toml, Trunk builds the crate even without the link.
  page_dir=.release-page
  trap 'rm -rf "$page_dir"' EXIT
  mkdir -p "$page_dir"
  # Everything but the `<link data-trunk rel="rust" …>` element (two lines in index.html), with
  # the other data-trunk paths one folder up.
  awk '/<link data-trunk rel="rust"/ { skip = 1 } !skip { print } skip && />/ { skip = 0 }' index.html \
    | sed -E 's#(data-trunk [^>]*href=")([^"/][^"]*)"#\1../\2"#g' > "$page_dir/index.html"
  if grep -q 'rel="rust"' "$page_dir/index.html"; then
    echo "build.sh: could not drop the rust link" >&2
    exit 1
  fi
  TRUNK_OFFLINE=true trunk build --release --offline --locked=true "$page_dir/index.html"
  scripts/build-split.sh dist
fi
scripts/precompress.sh dist
echo "app built in $(( $(date +%s) - start )) s"
cargo build --locked --quiet -p mock-backend
