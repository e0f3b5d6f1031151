#!/usr/bin/env bash
# Writes `<file>.br` (brotli -q 11) and `<file>.gz` (gzip -9) next to each built asset in the
# given folder (default dist/), so servers send what was compressed once at build time instead
# of compressing on the fly at a low quality (the mock backend: tower-http's precompressed
# ServeDir; nginx: brotli_static/gzip_static, docs/deploy.md). index.html is left alone: the
# backend fills it per town and compresses it per response.
set -euo pipefail
dir="${1:-dist}"
command -v brotli >/dev/null || { echo "brotli missing: apt-get install -y brotli" >&2; exit 1; }
shopt -s nullglob
n=0
for f in "$dir"/*.wasm "$dir"/*.js "$dir"/*.css "$dir"/*.svg "$dir"/*.txt; do
  brotli -q 11 -f -k -o "$f.br" "$f"
  gzip -9 -n -c "$f" > "$f.gz"
  n=$((n+1))
done
echo "precompressed $n files in $dir (.br q11, .gz -9)"
