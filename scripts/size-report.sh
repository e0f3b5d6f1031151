#!/usr/bin/env bash
# Raw, gzip -9 and brotli (q 11) sizes of the release build in dist/: every file, then the first
# load of each landing route — what a first visit there downloads: HTML + CSS + JS + main wasm,
# plus the chunks of the route's split (dist/.split-manifest.json, written by
# scripts/build-split.sh); no fonts or images. The catalogue and the two QR landing routes have
# a budget of 200 KiB brotli. A build without the split (`SPLIT=0 scripts/build.sh`) reports
# the one bundle for every route.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/ is empty: run 'make build' first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "brotli missing: apt-get install -y brotli" >&2; exit 1; }
shopt -s nullglob
declare -A R G B
printf '%-6s %-44s %10s %10s %10s\n' kind file raw gzip brotli
for f in dist/index.html dist/*.css dist/*.js dist/*_bg.wasm dist/split_*.wasm dist/chunk_*.wasm; do
  case "$f" in *_bg.wasm) k=wasm;; split_*|*/split_*|*/chunk_*) k=chunk;; *.js) k=js;; *.css) k=css;; *.html) k=html;; esac
  n=${f#dist/}
  R[$n]=$(stat -c%s "$f"); G[$n]=$(gzip -9c "$f" | wc -c); B[$n]=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-6s %-44s %10d %10d %10d\n' "$k" "$n" "${R[$n]}" "${G[$n]}" "${B[$n]}"
done
# Every page loads these.
base=(index.html)
for f in dist/*.css dist/*.js dist/*_bg.wasm; do base+=("${f#dist/}"); done
manifest=dist/.split-manifest.json
chunks_of() { # split name -> its files
  [ -f "$manifest" ] || return 0
  python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1])).get(sys.argv[2], [])))' "$manifest" "$1"
}
echo
printf '%-34s %-14s %10s %10s %10s\n' "first load of" split raw gzip brotli
over=0
while IFS='|' read -r route split budget; do
  files=("${base[@]}")
  if [ "$split" != - ]; then mapfile -t more < <(chunks_of "$split"); files+=("${more[@]}"); fi
  tr=0; tg=0; tb=0
  for n in "${files[@]}"; do [ -n "$n" ] || continue; tr=$((tr+R[$n])); tg=$((tg+G[$n])); tb=$((tb+B[$n])); done
  mark=""
  if [ "$budget" = yes ]; then
    if [ "$tb" -le $((200*1024)) ]; then mark="  $((tb/1024)) KiB of 200 KiB"; else mark="  $((tb/1024)) KiB — OVER 200 KiB"; over=1; fi
  fi
  printf '%-34s %-14s %10d %10d %10d%s\n' "$route" "$split" "$tr" "$tg" "$tb" "$mark"
  [ -n "${cat_line:-}" ] || cat_line=$(printf '%-6s %-44s %10d %10d %10d' total "first load" "$tr" "$tg" "$tb")
done <<'ROUTES'
/ (catalogue)|-|yes
/anhoerung#… (hearing QR)|-|yes
/zahlen#… (notice QR)|-|yes
/leistungen/… (wizard)|wizard|no
/kasse (checkout)|checkout|no
/termin (appointments)|appointments|no
/konto (account)|account|no
/girocode|girocode|no
/barrierefreiheit, /impressum, …|info|no
ROUTES
# The catalogue's, in the shape scripts/bench.sh reads.
echo "$cat_line"
if [ "$over" = 0 ]; then
  echo "first load brotli: catalogue and QR landing routes within the 200 KiB budget"
else
  echo "first load brotli: a landing route is OVER the 200 KiB budget"
fi
