/**
 * Canvas under a real hand (`npm run bench:canvas-input`): pan by dragging the background, zoom
 * by ctrl+wheel and by the plain wheel, and drag a step, with mouse events sent at a steady 60 Hz
 * through CDP Input.dispatchMouseEvent without waiting for the page (a person's hand does not
 * wait for frames either). Ours is the production app (dist/), the map imported through the
 * Import button's file chooser as a person would; the anchor is bare React Flow (the bench page,
 * bench/canvas-page.html) with every node and with onlyRenderVisibleElements, same positions,
 * opened at the viewport our editor showed, same gestures, 1440x900, in the same run.
 *
 * Per gesture, a rAF loop in the page records frame gaps and whether the frame showed movement
 * (the viewport transform, or for a step drag the step's transform, differs from the last frame):
 * "slow" is the share of frame gaps over 20 ms, "moved" the share of the gesture's 60 Hz slots
 * (duration / 16.7 ms) in which a frame showed movement. The first pan after opening is measured
 * on its own, then a second pan. Heap: V8's used heap of the page after two forced collections,
 * and the layout worker's (a separate isolate) beside it.
 *
 * RUNS (default 3) alternating rounds, each page in a fresh context; medians. BENCH_SIZES=1000,2000
 * BENCH_RUNS, BENCH_SKIP_BUILD=1. Writes bench/results/canvas-input.json and prints a table,
 * with the load average before and after. Not a test.
 *
 * For finding and checking a change: BENCH_GESTURES=pan,zoom (names start with) and
 * BENCH_BARE=0 (ours only) narrow a run; BENCH_BASE_DIST=/path/to/dist adds "base", the app
 * built from another commit (e.g. main), measured in the same alternating rounds as ours (an A/B
 * on a shared machine); BENCH_TRACE=1 records a Chromium performance trace of each gesture in the
 * first round and prints where the main thread's time went (bench/trace-summary.ts);
 * BENCH_PROFILE=1 prints a CPU profile's self time per function instead; BENCH_HEAP_SUMMARY=1 (or
 * =shape) prints, in the first round, what each page's heap holds after the gestures;
 * BENCH_HEAP_DUMP=dir also writes each page's snapshot there.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type CDPSession, chromium, type Page } from "playwright-core";
import { filePositions } from "../src/layout/geometry";
import { layoutMap } from "../src/layout/layout-map";
import { createNodeElk } from "../src/layout/node-elk";
import type { HandoffMap } from "../src/model/types";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/e2e/browser";
import { generateMap } from "./generate-map";
import { largestNodes, summarizeHeap, takeHeapSnapshot } from "./heap-summary";
import { printTraceSummary, summarizeTrace, TRACE_CATEGORIES } from "./trace-summary";
import { workerHeapBytes } from "./worker-heap";

const SIZES = (process.env.BENCH_SIZES ?? "1000").split(",").map(Number);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const APP_PORT = Number(process.env.BENCH_PORT ?? 4194);
const BENCH_PORT = APP_PORT + 1;
const GESTURE_MS = 2_000;
const SLOT_MS = 1000 / 60;
const BASE_PORT = APP_PORT + 2;
const BASE_DIST = process.env.BENCH_BASE_DIST ?? "";
const BARE = process.env.BENCH_BARE !== "0";
type PageKind = "ours" | "base" | "bare" | "bare-visible";
const PAGES: PageKind[] = [
  "ours",
  ...(BASE_DIST === "" ? [] : (["base"] as const)),
  ...(BARE ? (["bare", "bare-visible"] as const) : []),
];
const ALL_GESTURES = ["first pan", "pan", "zoom (ctrl+wheel)", "wheel", "step drag"] as const;
type Gesture = (typeof ALL_GESTURES)[number];
const GESTURES: readonly Gesture[] = (() => {
  const wanted = (process.env.BENCH_GESTURES ?? "").split(",").filter((w) => w !== "");
  // "first pan" always runs first when a pan is wanted: the second pan is a second pan.
  return wanted.length === 0
    ? ALL_GESTURES
    : ALL_GESTURES.filter(
        (g) => wanted.some((w) => g.startsWith(w)) || (g === "first pan" && wanted.includes("pan")),
      );
})();
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

interface GestureFigures {
  slowShare: number;
  movedShare: number;
  medianMs: number;
  p95Ms: number;
}
interface PageFigures {
  gestures: Record<Gesture, GestureFigures>;
  heapMb: number;
  workerHeapMb: number;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;
}

async function placedMap(size: number): Promise<HandoffMap> {
  const map = generateMap({ steps: size, seed: 7 + size });
  const layout = await layoutMap(createNodeElk(), map, { mode: "auto" });
  const positions = filePositions(layout, new Map(map.steps.map((s) => [s.id, s.lane])));
  return {
    ...map,
    steps: map.steps.map((step) => {
      const position = positions.get(step.id);
      return position === undefined ? step : { ...step, position };
    }),
  };
}

/**
 * In the page: a rAF loop recording frame gaps and whether each frame showed movement. Plain
 * JavaScript text: tsx would wrap named functions in a helper the page does not have.
 */
const PROBE_SCRIPT = `
(() => {
  const probe = { frames: [], last: "", running: false, target: null };
  window.__inputProbe = probe;
  const signature = () => {
    const viewport = document.querySelector(".react-flow__viewport");
    return (viewport ? viewport.style.transform : "") + "|" + (probe.target ? probe.target.style.transform : "");
  };
  const tick = (now) => {
    if (!probe.running) return;
    const s = signature();
    probe.frames.push({ at: now, moved: s !== probe.last });
    probe.last = s;
    requestAnimationFrame(tick);
  };
  window.__probeStart = (target) => {
    probe.target = target;
    probe.frames = [];
    probe.running = true;
    probe.last = signature();
    requestAnimationFrame(tick);
  };
})();
`;

/** A point on the background, near the middle: nothing under it but the pane or a lane band. */
async function backgroundPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const flow = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (flow === undefined) return null;
    const cx = flow.left + flow.width / 2;
    const cy = flow.top + flow.height / 2;
    for (let r = 0; r < 400; r += 10)
      for (let a = 0; a < 16; a++) {
        const x = cx + r * Math.cos((a * Math.PI) / 8);
        const y = cy + r * Math.sin((a * Math.PI) / 8);
        const el = document.elementFromPoint(x, y);
        if (el === null || el.closest(".react-flow") === null) continue;
        if (
          el.closest(
            ".react-flow__node, .react-flow__edge, .react-flow__panel, button, [role=button], input",
          ) !== null
        )
          continue;
        // Room around it: the hand moves 150 px either way.
        return { x, y };
      }
    return { x: cx, y: cy };
  });
  if (point === null) throw new Error("no .react-flow on the page");
  return point;
}

/** Sends events at 60 Hz for GESTURE_MS, never awaiting one before the next is due. */
async function at60Hz(cdp: CDPSession, event: (i: number) => Record<string, unknown>): Promise<void> {
  const started = Date.now();
  let i = 0;
  const sent: Promise<unknown>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // One event per slot that has passed (a late timer catches up, as input queues do).
      const due = Math.floor((Date.now() - started) / SLOT_MS);
      while (i <= due) {
        sent.push(cdp.send("Input.dispatchMouseEvent", event(i) as never).catch(() => undefined));
        i++;
      }
      if (Date.now() - started >= GESTURE_MS) {
        clearInterval(timer);
        resolve();
      }
    }, SLOT_MS);
  });
  await Promise.all(sent);
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** BENCH_PROFILE=1: the functions with the most self time in a CPU profile, printed. */
function printProfile(label: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = `${frame?.functionName || "(anonymous)"} ${frame?.url.split("/").pop() ?? ""}:${frame?.lineNumber ?? 0}:${frame?.columnNumber ?? 0}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.error(`CPU profile, ${label}: self time (ms)`);
  for (const [key, ms] of top) console.error(`  ${ms.toFixed(1).padStart(8)}  ${key}`);
}

async function gesture(
  page: Page,
  cdp: CDPSession,
  kind: Gesture,
  label = "",
  { trace = false, profile = false } = {},
): Promise<GestureFigures> {
  let target: { x: number; y: number } | null = null;
  if (kind === "step drag") {
    target = await page.evaluate(() => {
      const flow = document.querySelector(".react-flow")?.getBoundingClientRect();
      if (flow === undefined) return null;
      const cx = flow.left + flow.width / 2;
      const cy = flow.top + flow.height / 2;
      let best: { x: number; y: number; d: number; i: number } | null = null;
      const nodes = [...document.querySelectorAll(".react-flow__node")];
      nodes.forEach((el, i) => {
        const r = el.getBoundingClientRect();
        if (r.width < 4 || r.height < 4) return;
        const x = r.left + r.width / 2;
        const y = r.top + Math.min(12, r.height / 2);
        const d = Math.hypot(x - cx, y - cy);
        if (best === null || d < best.d) best = { x, y, d, i };
      });
      if (best === null) return null;
      const b = best as { x: number; y: number; i: number };
      (window as unknown as { __dragTarget: Element | undefined }).__dragTarget = nodes[b.i];
      return { x: b.x, y: b.y };
    });
    if (target === null) throw new Error("no step on screen to drag");
  } else if (kind === "first pan" || kind === "pan") target = await backgroundPoint(page);
  else {
    const flow = await page.evaluate(() => {
      const r = document.querySelector(".react-flow")?.getBoundingClientRect();
      return r === undefined ? null : { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    if (flow === null) throw new Error("no .react-flow");
    target = flow;
  }
  const { x, y } = target;
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x, y });
  const drag = kind === "first pan" || kind === "pan" || kind === "step drag";
  if (drag) {
    await cdp.send("Input.dispatchMouseEvent", {
      type: "mousePressed",
      x,
      y,
      button: "left",
      buttons: 1,
      clickCount: 1,
    });
  }
  await page.evaluate(() => {
    const w = window as unknown as { __probeStart: (t: Element | null) => void; __dragTarget?: Element };
    w.__probeStart(w.__dragTarget ?? null);
  });
  const profiling = profile;
  const tracing = trace;
  const browser = page.context().browser();
  if (tracing && browser !== null) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  if (profiling) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const t0 = Date.now();
  if (drag) {
    // A slow loop: 150 px out and back, both axes, never still.
    await at60Hz(cdp, (i) => ({
      type: "mouseMoved",
      x: x + 150 * Math.sin(i / 12),
      y: y + 90 * Math.sin(i / 17),
      button: "left",
      buttons: 1,
    }));
  } else {
    const ctrl = kind === "zoom (ctrl+wheel)";
    // In, then out, then in: a quarter second each way, as a hand rolls a wheel.
    await at60Hz(cdp, (i) => ({
      type: "mouseWheel",
      x,
      y,
      deltaX: 0,
      deltaY: Math.floor(i / 15) % 2 === 0 ? -20 : 20,
      modifiers: ctrl ? 2 : 0,
    }));
  }
  const elapsed = Date.now() - t0;
  if (profiling) {
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
    printProfile(`${label}, ${kind}`, profile);
  }
  if (tracing && browser !== null) {
    const trace = await browser.stopTracing();
    printTraceSummary(`${label}, ${kind}`, summarizeTrace(trace.toString("utf8")));
    // BENCH_TRACE_DIR: the raw trace too, for DevTools' Performance panel.
    const dir = process.env.BENCH_TRACE_DIR;
    if (dir !== undefined && dir !== "") {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${label}-${kind.replace(/\W+/g, "-")}.json`), trace);
    }
  }
  if (drag)
    await cdp.send("Input.dispatchMouseEvent", {
      type: "mouseReleased",
      x,
      y,
      button: "left",
      buttons: 0,
      clickCount: 1,
    });
  const frames = await page.evaluate(() => {
    const w = window as unknown as {
      __inputProbe: { frames: { at: number; moved: boolean }[]; running: boolean };
      __dragTarget?: Element;
    };
    w.__inputProbe.running = false;
    w.__dragTarget = undefined;
    return w.__inputProbe.frames;
  });
  const gaps = frames.slice(1).map((f, i) => f.at - (frames[i]?.at ?? f.at));
  const moved = frames.filter((f) => f.moved).length;
  await page.waitForTimeout(500);
  return {
    slowShare: round((100 * gaps.filter((g) => g > 20).length) / Math.max(1, gaps.length)),
    movedShare: round(Math.min(100, (100 * moved) / (elapsed / SLOT_MS))),
    medianMs: round(quantile(gaps, 0.5)),
    p95Ms: round(quantile(gaps, 0.95)),
  };
}

async function workerHeapMb(browser: Browser): Promise<number> {
  return round((await workerHeapBytes(browser)) / 1024 / 1024, 2);
}

async function quiet(page: Page, ms: number): Promise<void> {
  // No long task for `ms`: the layout the import asked for has landed and been drawn.
  await page.evaluate(
    (quietMs) =>
      new Promise<void>((resolve) => {
        let last = performance.now();
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) last = Math.max(last, e.startTime + e.duration);
        }).observe({ type: "longtask", buffered: false });
        const started = performance.now();
        const check = setInterval(() => {
          if (performance.now() - last >= quietMs || performance.now() - started > 30_000) {
            clearInterval(check);
            resolve();
          }
        }, 100);
      }),
    ms,
  );
}

type View = { x: number; y: number; zoom: number };

/**
 * Opens the app and imports the map through the Import button, driven as the bare page is: plain
 * page scripts, CDP mouse events and CDP's file chooser. Playwright's locators would load its
 * selector engine into this page alone, and the heap figure would count it as ours.
 */
async function openOurs(page: Page, cdp: CDPSession, map: HandoffMap, port: number): Promise<View> {
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => document.querySelector(".react-flow__node") !== null, undefined, {
    timeout: 30_000,
  });
  await quiet(page, 1_000);
  const file = join(os.tmpdir(), `handoff-bench-${process.pid}.handoff.json`);
  writeFileSync(file, JSON.stringify(map));
  await cdp.send("Page.enable");
  await cdp.send("Page.setInterceptFileChooserDialog", { enabled: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const chosen = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error("ours: Import opened no file chooser in 30 s")), 30_000);
      cdp.once("Page.fileChooserOpened", (event: { backendNodeId?: number }) => {
        if (event.backendNodeId === undefined) reject(new Error("Import opened no file input"));
        else
          cdp
            .send("DOM.setFileInputFiles", { files: [file], backendNodeId: event.backendNodeId })
            .then(() => resolve(), reject);
      });
    });
    const button = await page.evaluate(() => {
      const found = [...document.querySelectorAll("button")].find(
        (b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim() === "Import",
      );
      const box = found?.getBoundingClientRect();
      return box === undefined ? null : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    if (button === null) throw new Error("ours: no Import button");
    await page.mouse.click(button.x, button.y);
    await chosen;
    await page.waitForFunction((title) => document.body.textContent?.includes(title) === true, map.title, {
      timeout: 30_000,
    });
  } finally {
    clearTimeout(timer);
    await cdp.send("Page.setInterceptFileChooserDialog", { enabled: false }).catch(() => undefined);
    rmSync(file, { force: true });
  }
  await quiet(page, 1_500);
  return page.evaluate(() => {
    const t = document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "";
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(t);
    return m ? { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) } : { x: 0, y: 0, zoom: 1 };
  });
}

async function measure(
  browser: Browser,
  kind: PageKind,
  map: HandoffMap,
  view: View | null,
  firstRound: boolean,
): Promise<{ figures: PageFigures; view: View | null }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript({ content: PROBE_SCRIPT });
  const cdp = await context.newCDPSession(page);
  let opened = view;
  if (kind === "ours" || kind === "base")
    opened = await openOurs(page, cdp, map, kind === "ours" ? APP_PORT : BASE_PORT);
  else {
    await page.goto(`http://127.0.0.1:${BENCH_PORT}/bench/canvas-page.html?mode=${kind}`);
    await page.waitForFunction(
      () => (window as unknown as { handoffBench?: unknown }).handoffBench !== undefined,
    );
    await page.evaluate(
      ([m, v]) =>
        (
          window as unknown as { handoffBench: { start(m: unknown, v?: unknown): Promise<unknown> } }
        ).handoffBench.start(m, v ?? undefined),
      [map, view] as const,
    );
    await quiet(page, 1_000);
  }
  const gestures = {} as Record<Gesture, GestureFigures>;
  const ourPage = kind === "ours" || kind === "base";
  const options = {
    trace: process.env.BENCH_TRACE === "1" && firstRound,
    profile: process.env.BENCH_PROFILE === "1" && ourPage,
  };
  for (const g of GESTURES) gestures[g] = await gesture(page, cdp, g, kind, options);
  await quiet(page, 1_000);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  const summary = process.env.BENCH_HEAP_SUMMARY;
  if ((summary === "1" || summary === "shape") && firstRound) {
    // What the page holds, by constructor, and its largest single objects (bench/heap-summary.ts).
    const snapshot = await takeHeapSnapshot(cdp);
    const dumpTo = process.env.BENCH_HEAP_DUMP;
    if (dumpTo !== undefined && dumpTo !== "") {
      // BENCH_HEAP_DUMP=dir: the raw snapshot too, for retainer paths in DevTools' Memory tab.
      mkdirSync(dumpTo, { recursive: true });
      writeFileSync(join(dumpTo, `${kind}-${map.steps.length}.heapsnapshot`), JSON.stringify(snapshot));
    }
    console.error(`heap, ${kind}: ${round(usedSize / 1024 / 1024, 2)} MB used`);
    for (const g of summarizeHeap(snapshot, 40, summary === "shape"))
      console.error(
        `  ${(g.bytes / 1024).toFixed(0).padStart(7)} KB ${String(g.count).padStart(7)}  ${g.key}`,
      );
    console.error("  largest single objects:");
    for (const g of largestNodes(snapshot))
      console.error(`  ${(g.bytes / 1024).toFixed(0).padStart(7)} KB  ${g.key}`);
  }
  const workerHeap = await workerHeapMb(browser);
  await context.close();
  if (errors.length > 0) throw new Error(`${kind}: ${errors.join("; ")}`);
  return {
    figures: { gestures, heapMb: round(usedSize / 1024 / 1024, 2), workerHeapMb: workerHeap },
    view: opened,
  };
}

function medianFigures(runs: PageFigures[]): PageFigures {
  const med = (f: (p: PageFigures) => number) => round(quantile(runs.map(f), 0.5), 2);
  const gestures = {} as Record<Gesture, GestureFigures>;
  for (const g of GESTURES)
    gestures[g] = {
      slowShare: med((p) => p.gestures[g].slowShare),
      movedShare: med((p) => p.gestures[g].movedShare),
      medianMs: med((p) => p.gestures[g].medianMs),
      p95Ms: med((p) => p.gestures[g].p95Ms),
    };
  return { gestures, heapMb: med((p) => p.heapMb), workerHeapMb: med((p) => p.workerHeapMb) };
}

function serve(config: string[], port: number, probe: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      join(root, "node_modules/vite/bin/vite.js"),
      "preview",
      ...config,
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--strictPort",
    ],
    { cwd: root, stdio: "ignore" },
  );
  return (async () => {
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) return server;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    server.kill();
    throw new Error(`vite preview on ${port} did not start`);
  })();
}

async function main(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    for (const args of [
      ["build", "--logLevel", "warn"],
      ["build", "--config", "bench/vite.config.ts", "--logLevel", "warn"],
    ]) {
      const built = spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), ...args], {
        cwd: root,
        stdio: "inherit",
      });
      if (built.status !== 0) throw new Error(`vite ${args.join(" ")} failed`);
    }
  }
  const loadBefore = os.loadavg().map((l) => round(l, 1));
  const app = await serve([], APP_PORT, "/");
  const base = BASE_DIST === "" ? null : await serve(["--outDir", BASE_DIST], BASE_PORT, "/");
  const bench = await serve(["--config", "bench/vite.config.ts"], BENCH_PORT, "/bench/canvas-page.html");
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const rows: Array<{
    size: number;
    pages: Record<PageKind, PageFigures>;
    runs: Record<PageKind, PageFigures[]>;
  }> = [];
  try {
    for (const size of SIZES) {
      const map = await placedMap(size);
      const runs = Object.fromEntries(PAGES.map((kind) => [kind, [] as PageFigures[]])) as Record<
        PageKind,
        PageFigures[]
      >;
      for (let round_ = 0; round_ < RUNS; round_++) {
        const firstRound = round_ === 0;
        // Ours first: the other pages open at the viewport our editor showed. With a base build,
        // which of the two goes first alternates by round.
        const first: PageKind = BASE_DIST !== "" && round_ % 2 === 1 ? "base" : "ours";
        const opened = await measure(browser, first, map, null, firstRound);
        runs[first].push(opened.figures);
        for (const kind of PAGES.filter((k) => k !== first))
          runs[kind].push((await measure(browser, kind, map, opened.view, firstRound)).figures);
        console.error(`size ${size} round ${round_ + 1}/${RUNS} done, load ${os.loadavg()[0]?.toFixed(1)}`);
      }
      rows.push({
        size,
        runs,
        pages: Object.fromEntries(PAGES.map((kind) => [kind, medianFigures(runs[kind])])) as Record<
          PageKind,
          PageFigures
        >,
      });
    }
  } finally {
    await browser.close();
    app.kill();
    base?.kill();
    bench.kill();
  }
  const loadAfter = os.loadavg().map((l) => round(l, 1));
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model ?? "?"} x${cpus.length}, ${round(os.totalmem() / 2 ** 30)} GB, load average ${loadBefore.join(" / ")} before, ${loadAfter.join(" / ")} after`;
  const out = { machine, date: new Date().toISOString(), runs: RUNS, gestureMs: GESTURE_MS, rows };
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results/canvas-input.json"), `${JSON.stringify(out, null, 2)}\n`);
  const lines = [
    `Machine: ${machine}. Run ${out.date}, ${RUNS} alternating rounds, medians.`,
    "",
    "| steps | gesture | frames over 20 ms: ours / bare / bare visible-only | frames showing movement: ours / bare / bare visible-only | gap median / p95 (ms), ours | slow target met | movement target met |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const p = row.pages as Partial<Record<PageKind, PageFigures>>;
    for (const g of GESTURES) {
      const o = row.pages.ours.gestures[g];
      const b = p.bare?.gestures[g];
      const v = p["bare-visible"]?.gestures[g];
      const bestSlow = b === undefined || v === undefined ? Number.NaN : Math.min(b.slowShare, v.slowShare);
      const bestMoved =
        b === undefined || v === undefined ? Number.NaN : Math.max(b.movedShare, v.movedShare);
      const met = (ok: boolean) => (Number.isNaN(bestSlow) ? "-" : ok ? "yes" : "no");
      lines.push(
        `| ${row.size} | ${g} | ${o.slowShare} % / ${b?.slowShare ?? "-"} % / ${v?.slowShare ?? "-"} % | ${o.movedShare} % / ${b?.movedShare ?? "-"} % / ${v?.movedShare ?? "-"} % | ${o.medianMs} / ${o.p95Ms} | ${met(o.slowShare <= 1.25 * bestSlow + 5)} | ${met(o.movedShare >= 0.9 * bestMoved)} |`,
      );
    }
    const anchor = Math.min(p.bare?.heapMb ?? Number.NaN, p["bare-visible"]?.heapMb ?? Number.NaN);
    lines.push(
      `| ${row.size} | heap (MB) | ${p.ours?.heapMb} / ${p.bare?.heapMb ?? "-"} / ${p["bare-visible"]?.heapMb ?? "-"} (ratio ${round((p.ours?.heapMb ?? 0) / anchor, 2)}); layout worker ${p.ours?.workerHeapMb} | | | | |`,
    );
  }
  const withBase = rows.filter((row) => row.pages.base !== undefined);
  if (withBase.length > 0) {
    lines.push(
      "",
      "A/B in the same rounds: ours (this build) against base (BENCH_BASE_DIST), medians; per-round values in the JSON.",
      "",
      "| steps | gesture | frames over 20 ms: ours / base | frames showing movement: ours / base | gap median / p95 (ms): ours / base |",
      "|---|---|---|---|---|",
    );
    for (const row of withBase) {
      for (const g of GESTURES) {
        const o = row.pages.ours.gestures[g];
        const b = row.pages.base.gestures[g];
        lines.push(
          `| ${row.size} | ${g} | ${o.slowShare} % / ${b.slowShare} % | ${o.movedShare} % / ${b.movedShare} % | ${o.medianMs} / ${o.p95Ms} ; ${b.medianMs} / ${b.p95Ms} |`,
        );
      }
      lines.push(`| ${row.size} | heap (MB) | ${row.pages.ours.heapMb} / ${row.pages.base.heapMb} | | |`);
    }
  }
  console.log(lines.join("\n"));
}

await main();
