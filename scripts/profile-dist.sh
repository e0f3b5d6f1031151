#!/usr/bin/env bash
# A copy of dist/ whose wasm keeps its function names, for bench/profile.mjs (CPU profiles name
# the Rust functions). Same code as dist/: the size-analysis profile (release without strip),
# then the same wasm-bindgen and `wasm-opt -Oz` flags as Trunk, plus `-g`. Run after a build:
#
# It replaces the one bundle's wasm, so it needs the unsplit build (`SPLIT=0`):
#
#   SPLIT=0 scripts/build.sh && scripts/profile-dist.sh [OUT_DIR]   # default target/profile-dist
#   PORT=8097 DIST_DIR=target/profile-dist target/debug/mock-backend &
#   node bench/profile.mjs step http://127.0.0.1:8097
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"
target="${CARGO_TARGET_DIR:-$PWD/target}"
out="${1:-$target/profile-dist}"
[ -f dist/index.html ] || { echo "no dist/: run scripts/build.sh first" >&2; exit 1; }
if compgen -G 'dist/split_*.wasm' >/dev/null; then
  echo "dist/ is split by route: build the one bundle with SPLIT=0 scripts/build.sh first" >&2
  exit 1
fi

cargo build --locked --quiet --profile size-analysis --target wasm32-unknown-unknown -p serviceportal
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" "$target/wasm32-unknown-unknown/size-analysis/serviceportal.wasm"
read -r -a opt_flags <<<"$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
wasm-opt -Oz -g "${opt_flags[@]}" "$work/serviceportal_bg.wasm" -o "$work/named.wasm"

rm -rf "$out"
cp -r dist "$out"
js=$(cd "$out" && ls serviceportal-*.js)
wasm=$(cd "$out" && ls serviceportal-*_bg.wasm)
cp "$work/serviceportal.js" "$out/$js"
cp "$work/named.wasm" "$out/$wasm"
# The named files differ from the hashed ones: drop the integrity attributes (the inline loader,
# and so the CSP hash, stay the same).
sed -i 's/ integrity="[^"]*"//g' "$out/index.html"
echo "profile build in $out"
