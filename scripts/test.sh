#!/usr/bin/env bash
# The whole suite, as README's `npm test` and CI run it: typecheck, lint, unit, end-to-end.
# Ends with one plain summary line over both vitest runs: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS="$(mktemp -d)"
trap 'rm -rf "$REPORTS"' EXIT
echo "== typecheck" && node node_modules/typescript/bin/tsc --noEmit
echo "== lint" && node node_modules/@biomejs/biome/bin/biome check .
echo "== unit and component tests"
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"
echo "== end-to-end tests (Chromium)"
bash scripts/e2e.sh --reporter=default --reporter=json --outputFile.json="$REPORTS/e2e.json"
node scripts/summarize-tests.mjs "$REPORTS/unit.json" "$REPORTS/e2e.json"
