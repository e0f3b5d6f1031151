#!/usr/bin/env bash
# Installs what is missing for building (`install.sh build`), testing (`install.sh test`) or
# benchmarking (`install.sh bench`: also Lighthouse in bench/ and twiggy).
# Idempotent: a second run only checks versions. Pins must match Trunk.toml and Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-build}"
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # = wasm-bindgen in Cargo.lock and wasm_bindgen in Trunk.toml

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need_apt=()
command -v cc >/dev/null || need_apt+=(build-essential)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fi
# scripts/precompress.sh (part of every build) writes .br files.
command -v brotli >/dev/null || need_apt+=(brotli)
# scripts/build-split.sh writes the loader into index.html and the chunk manifest with python3.
command -v python3 >/dev/null || need_apt+=(python3)
if [ "$MODE" = test ]; then
  # scripts/schemathesis.sh: a virtualenv (Debian ships venv/ensurepip separately) and curl.
  python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
  command -v curl >/dev/null || need_apt+=(curl)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "apt-get install ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
  else
    echo "Missing system packages. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install rustup (https://rustup.rs) with a toolchain >= 1.88." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "cargo install trunk@$TRUNK_VERSION (takes ~15 minutes once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli@$WASM_BINDGEN_VERSION (takes ~5 minutes once)"
  # Not --locked: one locked dependency is missing from the registry mirror.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "npm ci (binaryen wasm-opt) in tools/"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$MODE" = test ] || [ "$MODE" = bench ]; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "npm ci in end2end/ (Playwright uses Debian's chromium, never its own download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

if [ "$MODE" = bench ]; then
  if [ ! -d bench/node_modules/lighthouse ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
    say "npm ci in bench/ (Lighthouse + puppeteer-core; Debian's chromium, never a downloaded browser)"
    (cd bench && PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  if ! command -v twiggy >/dev/null; then
    say "cargo install --locked twiggy (the wasm size profiler; ~3 minutes once)"
    cargo install --locked twiggy
  fi
fi
say "toolchain ready"
