#!/usr/bin/env bash
# Prints the Content-Security-Policy for the rendered shell in dist/ (scripts/render-shell.sh):
# the hashes of its inline scripts and styles (Trunk's loader changes with every build that
# changes file names; the town's colours with its profile). Used by docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
html=dist/index.html
[ -f "$html" ] || { echo "dist/index.html missing: run 'make build' first" >&2; exit 1; }
grep -q '{{town\.' "$html" && { echo "dist/index.html is a template: run scripts/render-shell.sh first (the town's colours are part of a hashed style)" >&2; exit 1; }
hashes() {
python3 - "$html" "$1" <<'PY'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
element = sys.argv[2]
for tag, body in re.findall(r"<%s([^>]*)>(.*?)</%s>" % (element, element), html, re.S):
    if " src=" not in tag:
        print("'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode()).digest()).decode(), end=" ")
PY
}
scripts=$(hashes script)
styles=$(hashes style)
psp="${PAYMENT_PROVIDER_ORIGIN:-}"
echo "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${scripts% }; style-src 'self' ${styles% }; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'${psp:+ $psp}"
