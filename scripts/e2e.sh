#!/usr/bin/env bash
# Builds the app, serves the production build on 127.0.0.1, runs the end-to-end tests in
# Debian's Chromium, and stops the server whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
PORT="${E2E_PORT:-4173}"
node node_modules/vite/bin/vite.js build --logLevel warn
node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$PORT" --strictPort >/tmp/handoff-preview.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$PORT/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  sleep 0.2
done
E2E_BASE_URL="http://127.0.0.1:$PORT" node node_modules/vitest/vitest.mjs run --config tests/e2e/vitest.e2e.config.ts "$@"
