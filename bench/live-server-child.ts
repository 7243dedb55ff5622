/**
 * Runs `handoff serve`'s server alone in this process for bench/live.bench.ts, so the bench can
 * read this process's CPU time and memory from /proc without the clients in them. Prints
 * "PORT <n>" once listening; stops on SIGTERM.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLiveServer } from "../src/server/live-server";

const root = mkdtempSync(path.join(tmpdir(), "handoff-live-bench-"));
const distDir = path.join(root, "dist");
mkdirSync(distDir);
writeFileSync(path.join(distDir, "index.html"), "<!doctype html>");
const server = await startLiveServer({
  port: 0,
  host: "127.0.0.1",
  dataDir: path.join(root, "rooms"),
  distDir,
  log: { info: () => {}, warn: (message) => process.stderr.write(`${message}\n`) },
});
process.stdout.write(`PORT ${server.port}\n`);
process.once("SIGTERM", async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
  process.exit(0);
});
