#!/usr/bin/env bash
# The whole suite, as README's `npm test` and CI run it: typecheck, lint, unit, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck" && node node_modules/typescript/bin/tsc --noEmit
echo "== lint" && node node_modules/@biomejs/biome/bin/biome check .
echo "== unit" && node node_modules/vitest/vitest.mjs run
echo "== end-to-end" && bash scripts/e2e.sh
