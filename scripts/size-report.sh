#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli (q 11) sizes of the release build in dist/ and the total of
# what a first visit to the catalogue downloads (HTML + JS + wasm + CSS; no fonts or images).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "dist/ is empty: run 'make build' first" >&2; exit 1; }
command -v brotli >/dev/null || { echo "brotli missing: apt-get install -y brotli" >&2; exit 1; }
printf '%-6s %-44s %10s %10s %10s\n' kind file raw gzip brotli
tr=0; tg=0; tb=0
for f in dist/index.html dist/*.js dist/*_bg.wasm dist/*.css; do
  [ -f "$f" ] || continue
  case "$f" in *.wasm) k=wasm;; *.js) k=js;; *.css) k=css;; *.html) k=html;; esac
  r=$(stat -c%s "$f"); g=$(gzip -9c "$f" | wc -c); b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr+r)); tg=$((tg+g)); tb=$((tb+b))
  printf '%-6s %-44s %10d %10d %10d\n' "$k" "${f#dist/}" "$r" "$g" "$b"
done
printf '%-6s %-44s %10d %10d %10d\n' total "first load" "$tr" "$tg" "$tb"
budget=$((200*1024))
if [ "$tb" -le "$budget" ]; then
  echo "first load brotli: $((tb/1024)) KiB of the 200 KiB budget"
else
  echo "first load brotli: $((tb/1024)) KiB — OVER the 200 KiB budget"
fi
