#!/usr/bin/env bash
# `make bench`: the performance benchmark (not a test — a missed budget is reported, never fatal).
# Installs what is missing, builds the release, reports sizes and the largest wasm contributors
# (twiggy), starts the mock backend on its own port and runs bench/bench.mjs: Lighthouse (mobile,
# slow 4G, 4× CPU) on each of the budget's seven pages — three runs with applied throttling (the
# budget's figures) and one simulated —, the time from the QR link to the case / notice on the
# two QR landing pages under the same applied throttling, and in-browser timings under 4× CPU
# throttling, each with a reference measured in the same run. The report goes to stdout and
# bench/results/latest.md (committed); raw Lighthouse JSON to bench/results/raw/. 15–25 minutes
# on the shared 2-core machine.
#
#   BENCH_PORT=8095       port of the benchmark's own backend
#   LH_RUNS=3 LH_SIM_RUNS=1 TIMING_RUNS=7
#   BENCH_NO_BUILD=1      measure what is already built (DIST_DIR, CARGO_TARGET_DIR respected)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

start=$(date +%s)
port="${BENCH_PORT:-8095}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
dist="${DIST_DIR:-$PWD/dist}"
raw="$PWD/bench/results/raw"

# Lighthouse and puppeteer (bench/node_modules) are needed either way.
scripts/install.sh bench
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  scripts/build.sh
fi

rm -rf "$raw"
mkdir -p "$raw"

say "size report"
if [ "$dist" = "$PWD/dist" ]; then
  scripts/size-report.sh | tee "$raw/size.txt" >&2
else
  # size-report.sh reads dist/: give it a private tree whose dist/ is the other build.
  tmp=$(mktemp -d); mkdir "$tmp/scripts"; cp scripts/size-report.sh "$tmp/scripts/"; ln -s "$dist" "$tmp/dist"
  "$tmp/scripts/size-report.sh" | tee "$raw/size.txt" >&2; rm -rf "$tmp"
fi

say "largest wasm contributors (cargo build --profile size-analysis, twiggy)"
t=$(date +%s)
cargo build --locked --quiet --profile size-analysis --target wasm32-unknown-unknown -p serviceportal
# The raw rustc output is dominated by what never ships (wasm-bindgen's custom section, DWARF):
# run it through the same wasm-bindgen and `wasm-opt -Oz` (flags from index.html) as Trunk does,
# keeping only the function names (-g), so twiggy sees the shipped code with names.
wasm="$target/wasm32-unknown-unknown/size-analysis/serviceportal.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$raw/wasm" "$wasm"
read -r -a opt_flags <<<"$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
wasm-opt -Oz -g "${opt_flags[@]}" "$raw/wasm/serviceportal_bg.wasm" -o "$raw/wasm/named.wasm"
named="$raw/wasm/named.wasm"
twiggy top -n 20 "$named" > "$raw/twiggy-top.txt"
twiggy dominators -d 2 -r 25 "$named" > "$raw/twiggy-dominators.txt"
twiggy monos -m 12 -n 0 "$named" > "$raw/twiggy-monos.txt"
twiggy top -n 1000000 -f json "$named" > "$raw/twiggy-all.json"
echo "size-analysis build and twiggy: $(( $(date +%s) - t )) s" >&2
head -n 14 "$raw/twiggy-top.txt" >&2

say "mock backend on 127.0.0.1:$port serving $dist"
if curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null; then
  echo "port $port is already in use: stop that server or run with BENCH_PORT=<free port>" >&2
  exit 1
fi
# Generous rate limit: the benchmark creates an application and logs in from one address.
PORT="$port" DIST_DIR="$dist" RATE_LIMIT_PER_MINUTE=600 "$target/debug/mock-backend" > "$raw/backend.log" 2>&1 &
backend=$!
trap 'kill "$backend" 2>/dev/null || true; wait "$backend" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null && break
  kill -0 "$backend" 2>/dev/null || { cat "$raw/backend.log" >&2; echo "the mock backend did not start" >&2; exit 1; }
  sleep 0.2
done

say "Lighthouse ×${LH_RUNS:-3} applied + ×${LH_SIM_RUNS:-1} simulated on 7 pages, QR landing and in-browser timings ×${TIMING_RUNS:-7} (measure on an idle machine)"
(cd bench && BENCH_URL="http://127.0.0.1:$port" BENCH_RAW="$raw" CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node bench.mjs)

say "make bench took $(( $(date +%s) - start )) s; report in bench/results/latest.md"
