#!/usr/bin/env bash
# API conformance: schemathesis generates requests from the committed docs/openapi.json and
# runs them against a throwaway mock backend. Fails on any 500, undocumented status code,
# response that does not match its schema, or other check failure.
#
# Extra arguments go to `schemathesis run` (e.g. `--report har --report-dir /tmp/st`).
# Environment (all optional):
#   SCHEMATHESIS_PORT      port of the throwaway backend (8099)
#   SCHEMATHESIS_EXAMPLES  max generated cases per operation and phase (100)
#   SCHEMATHESIS_SEED      hypothesis seed (20261121): the same seed replays the same run
#   MOCK_BACKEND           a backend binary to test instead of target/debug/mock-backend
#                          (which is built or brought up to date first)
set -euo pipefail
cd "$(dirname "$0")/.."

# The version is pinned in scripts/schemathesis-requirements.txt, with every dependency.
REQUIREMENTS=scripts/schemathesis-requirements.txt
SCHEMATHESIS_VERSION="$(sed -n 's/^schemathesis==//p' "$REQUIREMENTS")"
PORT="${SCHEMATHESIS_PORT:-8099}"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-100}"
SEED="${SCHEMATHESIS_SEED:-20261121}"
BIN="${MOCK_BACKEND:-target/debug/mock-backend}"
BASE="http://127.0.0.1:$PORT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# (a) schemathesis, pinned, in the project's virtualenv; reinstalled when the pins change.
STAMP=.venv/.schemathesis-requirements
if ! cmp -s "$REQUIREMENTS" "$STAMP" || [ ! -x .venv/bin/schemathesis ]; then
  say "pip install schemathesis==$SCHEMATHESIS_VERSION into .venv"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$STAMP"
fi

# (b) the backend on a port of its own, with an empty app and no rate limit in the way.
if [ -z "${MOCK_BACKEND:-}" ]; then
  # A no-op after scripts/build.sh; otherwise a stale binary would be tested against a newer
  # description.
  say "cargo build -p mock-backend"
  cargo build --locked --quiet -p mock-backend
fi
if [ ! -x "$BIN" ]; then
  echo "No backend binary at $BIN." >&2
  exit 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Port $PORT is in use; set SCHEMATHESIS_PORT to a free port." >&2
  exit 1
fi
WORK="$(mktemp -d)"
mkdir -p "$WORK/dist"
echo '<!doctype html><title>schemathesis</title>' >"$WORK/dist/index.html"
backend_pid=""
cleanup() {
  # (d) the backend never outlives the run, whatever happened.
  if [ -n "$backend_pid" ]; then
    kill "$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

PORT="$PORT" DIST_DIR="$WORK/dist" RATE_LIMIT_PER_MINUTE=100000 "$BIN" >"$WORK/backend.log" 2>&1 &
backend_pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "$BASE/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    echo "The backend did not start:" >&2
    cat "$WORK/backend.log" >&2
    exit 1
  fi
  sleep 0.1
done
curl -fsS "$BASE/api/health" >/dev/null || { echo "The backend did not answer /api/health." >&2; exit 1; }

# Hearing sessions for the authenticated operations (see scripts/schemathesis.toml).
hearing_token() {
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d '{"case_number":"OWI-2026-000102","access_code":"R4WD-9HNE"}' "$BASE/api/v1/hearings/session" |
    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
HEARING_TOKEN="$(hearing_token)"
HEARING_LOGOUT_TOKEN="$(hearing_token)"
if [ -z "$HEARING_TOKEN" ] || [ -z "$HEARING_LOGOUT_TOKEN" ]; then
  echo "Signing in to the demo hearing case failed." >&2
  exit 1
fi
export HEARING_TOKEN HEARING_LOGOUT_TOKEN
# Likewise notice sessions for the notice operations.
notice_token() {
  curl -fsS -X POST -H 'Content-Type: application/json' \
    -d '{"kassenzeichen":"6.0100.000201.3","access_code":"N7KD-4PRA"}' "$BASE/api/v1/notices/session" |
    sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
NOTICE_TOKEN="$(notice_token)"
NOTICE_LOGOUT_TOKEN="$(notice_token)"
if [ -z "$NOTICE_TOKEN" ] || [ -z "$NOTICE_LOGOUT_TOKEN" ]; then
  echo "Signing in to the demo notice failed." >&2
  exit 1
fi
export NOTICE_TOKEN NOTICE_LOGOUT_TOKEN

# Citizen-account sessions (cookie) for the account operations: the code flow through the
# bundled mock provider, as a browser would go it.
account_session() {
  local jar authorize callback
  jar="$(mktemp "$WORK/jar.XXXXXX")"
  authorize="$(curl -fsS -c "$jar" -o /dev/null -w '%{redirect_url}' "$BASE/api/v1/auth/login")"
  callback="$(curl -fsS -o /dev/null -w '%{redirect_url}' --data "${authorize#*\?}&identity=marie" "$BASE/mock-idp/authorize")"
  curl -fsS -b "$jar" -c "$jar" -o /dev/null "$callback"
  awk '$6 == "portal_session" { print $7 }' "$jar"
}
ACCOUNT_SESSION="$(account_session)"
if [ -z "$ACCOUNT_SESSION" ]; then
  echo "Signing in with the demo citizen account failed." >&2
  exit 1
fi
export ACCOUNT_SESSION

# (c) every operation of the committed description, all checks, a fixed seed, bounded cases.
# One worker: with two, Python 3.11's AST module (used by Hypothesis to describe strategies)
# is not thread-safe and fails now and then with "AST constructor recursion depth mismatch".
# The HTML payment provider (/mock-psp) is not in the description, so it is not tested here.
say "schemathesis $SCHEMATHESIS_VERSION against $BASE (seed $SEED, up to $EXAMPLES cases per operation)"
start=$(date +%s)
set +e -o pipefail
.venv/bin/schemathesis --config-file scripts/schemathesis.toml run docs/openapi.json \
  --url "$BASE" \
  --checks all \
  --max-examples "$EXAMPLES" \
  --seed "$SEED" \
  --generation-database none \
  --workers 1 \
  --request-timeout 10 \
  --no-color \
  "$@" 2>&1 | tee "$WORK/schemathesis.log"
status=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - start ))
# Schemathesis's own summary ("N generated, ...", "== N failures ... =="), as one closing line.
generated="$(sed -n 's/^ *\([0-9]*\) generated, .*/\1/p' "$WORK/schemathesis.log" | tail -1)"
failed="$(sed -n 's/^=* \([0-9]*\) failures\{0,1\}[ ,].*/\1/p' "$WORK/schemathesis.log" | tail -1)"
passed=$(( ${generated:-0} - ${failed:-0} ))
if [ "$status" -ne 0 ]; then
  echo "Backend log (last lines):" >&2
  tail -20 "$WORK/backend.log" >&2 || true
  echo "schemathesis: FAILED (exit $status) after ${elapsed}s — see the failures above; reproduce with SCHEMATHESIS_SEED=$SEED." >&2
  echo "schemathesis: ${passed} passed, ${failed:-1} failed"
  exit "$status"
fi
say "schemathesis: the API conforms to docs/openapi.json (${elapsed}s)"
echo "schemathesis: ${passed} passed, 0 failed"
