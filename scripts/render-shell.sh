#!/usr/bin/env bash
# For a static host: writes dist/index.html (the static shell with the town's name and colours)
# from the town profile in $TOWN_DIR (default towns/musterstadt).
# The profile is validated first, exactly as the backend does at start. See docs/deploy.md.
#   TOWN_DIR=towns/lindenbach scripts/render-shell.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
export TOWN_DIR="${TOWN_DIR:-towns/musterstadt}"
exec cargo run --quiet -p mock-backend -- --render-shell "$dist"
