#!/usr/bin/env bash
# Prints the Content-Security-Policy for the build in dist/ (the hash of Trunk's inline loader
# changes with every build that changes file names). Used by docs/deploy.md.
set -euo pipefail
cd "$(dirname "$0")/.."
html=dist/index.html
[ -f "$html" ] || { echo "dist/index.html missing: run 'make build' first" >&2; exit 1; }
hashes=$(python3 - "$html" <<'PY'
import base64, hashlib, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for tag, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
    if " src=" not in tag:
        print("'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode()).digest()).decode(), end=" ")
PY
)
psp="${PAYMENT_PROVIDER_ORIGIN:-}"
echo "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${hashes% }; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'${psp:+ $psp}"
