#!/usr/bin/env bash
# Serves the built app and the API with demo data on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-8080}"
export DIST_DIR="${DIST_DIR:-$PWD/dist}"
exec ./target/debug/mock-backend
