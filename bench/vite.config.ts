/**
 * The canvas bench's build (bench/canvas.bench.ts): the app's Vite config with the bench page
 * (bench/canvas-page.html) as its only input, into dist-bench/, so the page never ships in the
 * production build (dist/).
 */
import { defineConfig, mergeConfig } from "vite";
import app from "../vite.config";

export default mergeConfig(
  app,
  defineConfig({
    build: {
      outDir: "dist-bench",
      rollupOptions: { input: { bench: "bench/canvas-page.html" } },
    },
  }),
);
