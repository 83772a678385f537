#!/usr/bin/env bash
# The API and the catalog feed checked from outside, against a gunicorn-served app seeded with `demo seed`:
#   1. openapi-spec-validator on /api/v1/openapi.json (0 errors)
#   2. schemathesis as consumer, operator and finance (API tokens from `users token`), bounded examples:
#      0 server errors, 0 response-schema violations, 0 undocumented status codes or content types
#   3. SHACL (rdflib + pyshacl) of /catalog.jsonld against catalog/shapes/dcat-ap-3.0.1.ttl (0 violations)
# Env: ST_MAX_EXAMPLES (default 10), ST_SEED (default 1). Runs on a throwaway SQLite database.
# One schemathesis worker: with two, Python 3.11's ast.parse (hypothesis describes its filters with it)
# is not thread-safe and schemathesis ended once with "AST constructor recursion depth mismatch".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORK=$(mktemp -d /tmp/api-contract.XXXXXX)
export DATABASE_URL="sqlite:///$WORK/contract.db" SEARCH_INDEX_DIR="$WORK/index" SECRET_KEY="contract-$RANDOM$RANDOM"
export LOGIN_RATE_LIMIT="1000 per minute"
PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
GUNICORN_PID=""
cleanup() { [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "-- seeding a throwaway database ($WORK)"
$BIN/flask --app wsgi db upgrade >/dev/null
$BIN/flask --app wsgi catalog seed >/dev/null
$BIN/flask --app wsgi demo seed >/dev/null
declare -A TOKEN
for role in consumer operator finance; do
  TOKEN[$role]=$($BIN/flask --app wsgi users token "$role@demo.cn" | tail -n 1)
done

# --limit-request-line 0: schemathesis sends query strings longer than gunicorn's default 4094 bytes,
# which gunicorn itself would refuse with an HTML page before the app sees them.
$BIN/gunicorn -w 2 --limit-request-line 0 -b "127.0.0.1:$PORT" wsgi:app >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
$BIN/python - "$BASE/api/v1/openapi.json" "$WORK/openapi.json" <<'PY'
import sys, time, urllib.request
for _ in range(60):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as response:
            open(sys.argv[2], "wb").write(response.read())
        break
    except OSError:
        time.sleep(1)
else:
    sys.exit("the app did not start")
PY

echo "-- openapi-spec-validator $BASE/api/v1/openapi.json"
$BIN/openapi-spec-validator "$WORK/openapi.json"

for role in consumer operator finance; do
  echo "-- schemathesis as $role"
  $BIN/schemathesis run "$BASE/api/v1/openapi.json" \
    -H "Authorization: Bearer ${TOKEN[$role]}" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
    --max-examples "${ST_MAX_EXAMPLES:-10}" --seed "${ST_SEED:-1}" --workers 1 \
    --request-timeout 60 --no-color >"$WORK/st-$role.log" 2>&1 || { cat "$WORK/st-$role.log"; exit 1; }
  sed -n '/SUMMARY/,$p' "$WORK/st-$role.log"
done

echo "-- SHACL (DCAT-AP 3.0.1) $BASE/catalog.jsonld"
$BIN/python .ci/validate_dcat.py "$BASE/catalog.jsonld"

if grep -q "Traceback" "$WORK/gunicorn.log"; then
  echo "the server logged a traceback during the contract run:" >&2
  grep -B2 -A20 "Traceback" "$WORK/gunicorn.log" | head -80 >&2
  exit 1
fi
echo "== API contract and DCAT-AP checks passed"
