/**
 * Live rooms bench (`npm run bench:live`): 30 simulated participants in one room on a 300-step
 * map, each making one edit a second, on one server. Measures, per edit, the time from the edit
 * to every other participant having it (p50, p95, max), and the server process's CPU and peak
 * memory (from /proc, the server runs in its own process).
 *
 * Anchor, in the same run: the same clients and the same edits on a bare @y/websocket-server
 * 0.1.1 (`npx y-websocket`: in memory, no validation, no disk). Ours checks every update and
 * fsyncs it to the room's log before broadcasting it. The two alternate in rounds (anchor, ours,
 * anchor, ours) so the machine's load drifts over both alike. Target: p95 <= 1.2x the anchor and
 * under 100 ms on loopback.
 *
 * An edit is one field of one step (owner, or a dropped position), as writeMap writes it: one key
 * in one step's Y.Map, in a transaction with the participant's origin. The clients are
 * y-websocket 3 providers (the `ws` library as WebSocket) spread over worker threads
 * (bench/live-clients.worker.ts; LIVE_BENCH_THREADS, default 3), so that the clients' own work
 * does not queue behind one event loop; times come from one monotonic clock.
 *
 * LIVE_BENCH_SECONDS (default 60) shortens the run for a quick check; LIVE_BENCH_CLIENTS (default
 * 30). Writes bench/results/live.json unless shortened.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { writeMap } from "../src/live/map-doc";
import { newRoomId } from "../src/live/room-id";
import { generateMap } from "./generate-map";

const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.LIVE_BENCH_CLIENTS ?? 30);
const STEPS = 300;
const ROUNDS = 2;
const NARROWED = process.env.LIVE_BENCH_SECONDS !== undefined || process.env.LIVE_BENCH_CLIENTS !== undefined;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

interface RunningServer {
  child: ChildProcess;
  port: number;
  path: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const match = pattern.exec(text);
      if (match !== null) {
        child.stdout?.off("data", onData);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before it was ready:\n${text}`)));
  });
}

async function startOurs(): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/live-server-child.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const match = await waitForLine(child, /PORT (\d+)/);
  return { child, port: Number(match[1]), path: "/live" };
}

async function startAnchor(): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/@y/websocket-server/src/server.js"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await waitForLine(child, /running at/);
  return { child, port, path: "" };
}

async function stop(server: RunningServer): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = Date.now();
  return new Promise((resolve) => {
    const tick = () => {
      if (check()) resolve(true);
      else if (Date.now() - start > timeoutMs) resolve(false);
      else setTimeout(tick, 20);
    };
    tick();
  });
}

interface RoundResult {
  latencies: number[];
  lost: number;
  cpuPercent: number;
  peakRssMb: number;
}

const WORKERS = Number(process.env.LIVE_BENCH_THREADS ?? 3);

async function round(server: RunningServer, seconds: number, seed: number): Promise<RoundResult> {
  const url = `ws://127.0.0.1:${server.port}${server.path}`;
  const room = newRoomId();
  const map = generateMap({ steps: STEPS, seed: 300 });

  // One client writes the map, as the facilitator starting a session does, then leaves.
  const seedDoc = new Y.Doc();
  const seeder = new WebsocketProvider(url, room, seedDoc, {
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await waitUntil(() => seeder.synced, 30_000);
  writeMap(seedDoc, map, "facilitator");

  const workers = Array.from({ length: WORKERS }, (_, w) => {
    const indices = Array.from({ length: CLIENTS }, (_, i) => i).filter((i) => i % WORKERS === w);
    return new Worker(new URL("./live-clients-worker-entry.mjs", import.meta.url), {
      workerData: { url, room, indices, steps: STEPS, seconds, clients: CLIENTS, seed },
    });
  });
  const message = (worker: Worker, type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (data: Record<string, unknown>) => {
        if (data.type !== type) return;
        worker.off("message", onMessage);
        resolve(data);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  await Promise.all(workers.map((worker) => message(worker, "ready")));
  seeder.destroy();
  seedDoc.destroy();

  const pid = server.child.pid as number;
  const cpuStart = cpuMs(pid);
  const wallStart = performance.now();
  let peakRss = rssMb(pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(pid));
  }, 250);
  for (const worker of workers) worker.postMessage({ type: "go", delayMs: 200 });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200 + 3000));
  clearInterval(sampler);
  const cpu = cpuMs(pid) - cpuStart;
  const wall = performance.now() - wallStart;
  const results = await Promise.all(
    workers.map((worker) => {
      const result = message(worker, "result");
      worker.postMessage({ type: "stop" });
      return result;
    }),
  );
  await Promise.all(workers.map((worker) => worker.terminate()));

  const sentAt = new Map<string, bigint>();
  const arrived = new Map<string, { count: number; last: bigint }>();
  for (const result of results) {
    for (const [mark, at] of result.sent as [string, string][]) sentAt.set(mark, BigInt(at));
    for (const [mark, count, last] of result.arrivals as [string, number, string][]) {
      const seen = arrived.get(mark);
      const at = BigInt(last);
      if (seen === undefined) arrived.set(mark, { count, last: at });
      else {
        seen.count += count;
        if (at > seen.last) seen.last = at;
      }
    }
  }
  const latencies: number[] = [];
  for (const [mark, at] of sentAt) {
    const seen = arrived.get(mark);
    if (seen !== undefined && seen.count >= CLIENTS - 1) latencies.push(Number(seen.last - at) / 1e6);
  }
  return {
    latencies,
    lost: sentAt.size - latencies.length,
    cpuPercent: (cpu / wall) * 100,
    peakRssMb: peakRss,
  };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

function summarise(results: RoundResult[]) {
  const latencies = results.flatMap((r) => r.latencies);
  return {
    edits: latencies.length,
    /** Edits not seen arriving everywhere: overwritten by a later edit of the same step first, or late. */
    unseen: results.reduce((n, r) => n + r.lost, 0),
    p50Ms: round2(quantile(latencies, 0.5)),
    p95Ms: round2(quantile(latencies, 0.95)),
    maxMs: round2(Math.max(...latencies)),
    serverCpuPercent: round2(results.reduce((n, r) => n + r.cpuPercent, 0) / results.length),
    serverPeakRssMb: round2(Math.max(...results.map((r) => r.peakRssMb))),
  };
}

// y-websocket adds a process "exit" listener per provider.
process.setMaxListeners(CLIENTS * 4 + 10);
const perRound = Math.max(1, Math.round(SECONDS / ROUNDS));
const ours: RoundResult[] = [];
const anchor: RoundResult[] = [];
console.log(
  `live bench: ${CLIENTS} participants, ${STEPS}-step map, one edit a second each, ${ROUNDS} rounds of ${perRound} s per server`,
);
for (let r = 0; r < ROUNDS; r++) {
  for (const which of ["anchor", "ours"] as const) {
    const server = which === "ours" ? await startOurs() : await startAnchor();
    try {
      const result = await round(server, perRound, 1000 + r);
      (which === "ours" ? ours : anchor).push(result);
      console.log(
        `  round ${r + 1} ${which.padEnd(6)} p50 ${round2(quantile(result.latencies, 0.5))} ms, p95 ${round2(
          quantile(result.latencies, 0.95),
        )} ms, unseen ${result.lost}, server CPU ${round2(result.cpuPercent)} %, peak RSS ${round2(result.peakRssMb)} MB`,
      );
    } finally {
      await stop(server);
    }
  }
}
const summary = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? "?"} x${os.cpus().length}, load ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}, Node ${process.version}`,
  clients: CLIENTS,
  steps: STEPS,
  seconds: perRound * ROUNDS,
  ours: summarise(ours),
  anchor: summarise(anchor),
  p95Ratio: 0,
};
summary.p95Ratio = round2(summary.ours.p95Ms / summary.anchor.p95Ms);
console.log(JSON.stringify(summary, null, 2));
if (!NARROWED) {
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "live.json"), `${JSON.stringify(summary, null, 2)}\n`);
}
process.exit(0);
