import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173 },
  worker: { format: "es" },
  build: {
    // bench.html is the canvas bench's page (bench/canvas.bench.ts); it ships in dist/ but nothing links to it.
    rollupOptions: { input: { main: "index.html", bench: "bench.html" } },
  },
});
