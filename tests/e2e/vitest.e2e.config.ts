import { defineConfig } from "vitest/config";

/** End-to-end tests: real Chromium against the production build (see scripts/e2e.sh). */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time on this 2-core machine.
    fileParallelism: false,
  },
});
