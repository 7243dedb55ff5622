/**
 * Canvas benchmark (`npm run bench:canvas`): our editor canvas against a bare React Flow page
 * (default nodes and edges, same positions, no lanes; with and without onlyRenderVisibleElements,
 * the better of the two is the anchor) at 100 / 500 / 1,000 / 2,000 steps, in headless Chromium
 * against a production build of the bench page (bench/canvas-page.html, built by bench/vite.config.ts
 * into dist-bench/, apart from the app's dist/).
 *
 * Per size and page, RUNS times (default 3), each in a fresh browser context, the pages
 * interleaved so that a noisy minute on this shared machine hits all of them alike: time until the
 * steps are shown (the rendered node count stops changing), pan/zoom frame time over 2 s of
 * programmatic viewport changes (median, p95), frame time while dragging one step with the mouse
 * (median, p95), main-thread busy time per frame while panning and dragging (CDP
 * Performance.getMetrics TaskDuration; not quantized to vsync like frame gaps, so it shows
 * differences the frame times hide), and JS heap after two forced garbage collections (CDP
 * HeapProfiler.collectGarbage, then Runtime.getHeapUsage). Each figure is the median over runs.
 * Writes bench/results/canvas.json and docs/performance-canvas.md, prints a table. Not a test.
 *
 * BENCH_SIZES=1000 BENCH_RUNS=5 BENCH_SKIP_BUILD=1 narrow a run while working on one size.
 * BENCH_HEAP_SUMMARY=1 (or =shape, plain objects told apart by their property names) prints what
 * each page's heap holds, largest groups first (bench/heap-summary.ts); BENCH_HEAP_DUMP=dir also
 * writes each snapshot there, to open in DevTools' Memory tab.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
import { summarizeHeap, takeHeapSnapshot } from "./heap-summary";
import { workerHeapBytes } from "./worker-heap";

const SIZES: readonly number[] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : [100, 500, 1000, 2000];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const PAGES = ["ours", "bare", "bare-visible"] as const;
type PageKind = (typeof PAGES)[number];
const SEED = 7;
const PORT = Number(process.env.BENCH_PORT ?? 4193);
const PAN_MS = 2_000;
const DRAG_MS = 2_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

interface Figures {
  /** Until the visible step count stops changing (a node React Flow has not measured is hidden). */
  settledMs: number;
  /** Until the count of step elements in the DOM stops changing, shown or not (orientation). */
  inDomMs: number;
  rendered: number;
  panMedianMs: number;
  panP95Ms: number;
  dragMedianMs: number;
  dragP95Ms: number;
  /** Main-thread task time per frame while panning / dragging (ms). */
  panBusyMs: number;
  dragBusyMs: number;
  heapMb: number;
  /** Ours only: the layout worker's V8 heap (a separate isolate), after two forced collections. */
  workerHeapMb: number;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[at] ?? Number.NaN;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A generated map with every step placed by our auto layout, as a saved map would be. */
async function placedMap(size: number): Promise<HandoffMap> {
  const map = generateMap({ steps: size, seed: SEED + size });
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

async function dragFrames(page: Page): Promise<number[]> {
  // The node nearest the middle of the screen.
  const target = await page.evaluate(() => {
    const cx = window.innerWidth / 2;
    const cy = window.innerHeight / 2;
    let best: { x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll(".react-flow__node")) {
      const r = el.getBoundingClientRect();
      if (r.width < 4 || r.height < 4) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (best === null || d < best.d) best = { x, y, d };
    }
    return best;
  });
  if (target === null) return [];
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await page.evaluate(() => window.handoffBench.startFrames());
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < DRAG_MS) {
    i++;
    await page.mouse.move(target.x + 120 * Math.sin(i / 10), target.y + 80 * Math.sin(i / 14));
  }
  const frames = await page.evaluate(() => window.handoffBench.stopFrames());
  await page.mouse.up();
  return frames;
}

/**
 * The used V8 heap of the page's dedicated workers (MB; 0 when it has none), after two forced
 * collections. Workers are separate isolates, not in the page's Runtime.getHeapUsage: reached
 * through a browser-level CDP session attached to each worker target.
 */
async function workerHeapMb(browser: Browser): Promise<number> {
  return round((await workerHeapBytes(browser)) / 1024 / 1024);
}

/** Main-thread task time so far (s), from Chromium's own counters. */
async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN;
}

type View = { x: number; y: number; zoom: number };

async function measure(
  browser: Browser,
  kind: PageKind,
  map: HandoffMap,
  at: View | undefined,
): Promise<Figures & { view: View | null }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${PORT}/bench/canvas-page.html?mode=${kind}`);
  await page.waitForFunction(() => window.handoffBench !== undefined);
  const settled = await page.evaluate(([m, v]) => window.handoffBench.start(m, v), [map, at] as const);
  await page.waitForTimeout(300);
  const view = await page.evaluate(() => window.handoffBench.viewport());
  let before = await taskSeconds(cdp);
  const pan = await page.evaluate((ms) => window.handoffBench.panZoom(ms), PAN_MS);
  const panBusy = ((await taskSeconds(cdp)) - before) * 1000;
  await page.waitForTimeout(300);
  before = await taskSeconds(cdp);
  const drag = await dragFrames(page);
  const dragBusy = ((await taskSeconds(cdp)) - before) * 1000;
  // The drop's new layout (ours asks its worker for it) must have landed before the heap is read.
  await page.evaluate(() => window.handoffBench.idle(1_000));
  // Two full collections: the first may leave garbage that only becomes unreachable after it.
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  const workerHeap = await workerHeapMb(browser);
  if (process.env.BENCH_HEAP_SUMMARY === "1" || process.env.BENCH_HEAP_SUMMARY === "shape") {
    // What the page holds, by constructor (plain objects by their property names with "shape"):
    // to see where ours differs from the bare page.
    const snapshot = await takeHeapSnapshot(cdp);
    const dumpTo = process.env.BENCH_HEAP_DUMP;
    if (dumpTo !== undefined) {
      // Opens in DevTools' Memory tab: retainer paths for what the summary points at.
      mkdirSync(dumpTo, { recursive: true });
      writeFileSync(join(dumpTo, `${kind}-${map.steps.length}.heapsnapshot`), JSON.stringify(snapshot));
    }
    const groups = summarizeHeap(snapshot, 40, process.env.BENCH_HEAP_SUMMARY === "shape");
    console.error(`heap of ${kind} (${map.steps.length} steps), largest groups by self size:`);
    for (const g of groups)
      console.error(
        `  ${String(Math.round(g.bytes / 1024)).padStart(7)} KB  ${String(g.count).padStart(7)}  ${g.key}`,
      );
  }
  await context.close();
  if (errors.length > 0) throw new Error(`${kind}: ${errors.join("; ")}`);
  return {
    settledMs: round(settled.settledMs, 0),
    inDomMs: round(settled.inDomMs, 0),
    rendered: settled.rendered,
    panMedianMs: round(quantile(pan, 0.5)),
    panP95Ms: round(quantile(pan, 0.95)),
    dragMedianMs: round(quantile(drag, 0.5)),
    dragP95Ms: round(quantile(drag, 0.95)),
    panBusyMs: round(panBusy / Math.max(1, pan.length)),
    dragBusyMs: round(dragBusy / Math.max(1, drag.length)),
    // Two decimals: a ratio near its target should not turn on the rounding of a tenth.
    heapMb: round(usedSize / 1024 / 1024, 2),
    workerHeapMb: workerHeap,
    view,
  };
}

/** Per figure, the median over runs (the middle run for odd counts). */
function medianOf(runs: Figures[]): Figures {
  const first = runs[0];
  if (first === undefined) throw new Error("no runs");
  const out = { ...first };
  for (const key of Object.keys(first) as Array<keyof Figures>) {
    out[key] = round(
      quantile(
        runs.map((r) => r[key]),
        0.5,
      ),
      key === "settledMs" || key === "inDomMs" ? 0 : key === "heapMb" ? 2 : 1,
    );
  }
  return out;
}

/** The bench page's own build, apart from the app's. */
const BENCH_VITE_CONFIG = "bench/vite.config.ts";

async function startServer(): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [
      join(root, "node_modules/vite/bin/vite.js"),
      "preview",
      "--config",
      BENCH_VITE_CONFIG,
      "--host",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--strictPort",
    ],
    { cwd: root, stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/bench/canvas-page.html`);
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error("vite preview did not start");
}

/** The better bare figure per metric (lower is better everywhere). */
function anchorOf(bare: Figures, visible: Figures): Figures {
  const pick = (key: keyof Figures) => Math.min(bare[key], visible[key]);
  return {
    settledMs: pick("settledMs"),
    inDomMs: pick("inDomMs"),
    rendered: Math.max(bare.rendered, visible.rendered),
    panMedianMs: pick("panMedianMs"),
    panP95Ms: pick("panP95Ms"),
    dragMedianMs: pick("dragMedianMs"),
    dragP95Ms: pick("dragP95Ms"),
    panBusyMs: pick("panBusyMs"),
    dragBusyMs: pick("dragBusyMs"),
    heapMb: pick("heapMb"),
    workerHeapMb: pick("workerHeapMb"),
  };
}

const RATIO_KEYS = [
  "settledMs",
  "panMedianMs",
  "panP95Ms",
  "dragMedianMs",
  "dragP95Ms",
  "heapMb",
  "panBusyMs",
  "dragBusyMs",
] as const;

type Row = { size: number } & Record<PageKind | "anchor", Figures> & {
    ratio: Record<string, number>;
    runs: Record<PageKind, Figures[]>;
  };

interface Results {
  machine: string;
  date: string;
  runs: number;
  panMs: number;
  dragMs: number;
  rows: Row[];
}

async function main() {
  if (process.env.BENCH_REPORT_ONLY === "1") {
    // Rewrites the report from the recorded results (after editing the text below).
    writeReport(JSON.parse(readFileSync(join(here, "results", "canvas.json"), "utf8")) as Results);
    return;
  }
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    const build = spawnSync(
      process.execPath,
      [
        join(root, "node_modules/vite/bin/vite.js"),
        "build",
        "--config",
        BENCH_VITE_CONFIG,
        "--logLevel",
        "warn",
      ],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (build.status !== 0) throw new Error("vite build failed");
  }
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"],
    headless: true,
  });
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} x${os.cpus().length}, ${round(os.totalmem() / 2 ** 30)} GB, ${os.platform()} ${os.release()}, Node ${process.version}, Chromium ${browser.version()} headless, no GPU`;
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const map = await placedMap(size);
      const runs: Record<PageKind, Figures[]> = { ours: [], bare: [], "bare-visible": [] };
      for (let run = 0; run < RUNS; run++) {
        // Ours first: the bare pages open at the viewport ours opened at, so all draw the same area.
        let at: View | undefined;
        for (const kind of PAGES) {
          const { view, ...figures } = await measure(browser, kind, map, at);
          if (kind === "ours" && view !== null) at = view;
          runs[kind].push(figures);
          console.error(`${size} ${kind} #${run + 1}: ${JSON.stringify(figures)}`);
        }
      }
      const figures = {
        ours: medianOf(runs.ours),
        bare: medianOf(runs.bare),
        "bare-visible": medianOf(runs["bare-visible"]),
      };
      const anchor = anchorOf(figures.bare, figures["bare-visible"]);
      const ratio: Record<string, number> = {};
      for (const key of RATIO_KEYS) ratio[key] = round(figures.ours[key] / anchor[key], 2);
      rows.push({ size, ...figures, anchor, ratio, runs });
    }
  } finally {
    await browser.close();
    server.kill();
  }

  const results: Results = {
    machine,
    date: new Date().toISOString(),
    runs: RUNS,
    panMs: PAN_MS,
    dragMs: DRAG_MS,
    rows,
  };
  const { table, ratios } = tables(rows);
  console.log(`Machine: ${machine}\n`);
  console.log(table.join("\n"));
  console.log("\nRatio ours / anchor (the better bare page per figure; target <= 1.25 at 1,000 steps)\n");
  console.log(ratios.join("\n"));
  // A narrowed run (BENCH_SIZES) is for working on one size: it prints, it does not record.
  if (process.env.BENCH_SIZES) return;
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results", "canvas.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeReport(results);
}

function tables(rows: readonly Row[]): { table: string[]; ratios: string[] } {
  const header =
    "| steps | page | shown (ms) | in DOM (ms) | nodes rendered | pan median / p95 (ms) | drag median / p95 (ms) | heap (MB) | layout worker heap (MB) | busy per frame, pan / drag (ms) |";
  const rule = "|---|---|---|---|---|---|---|---|---|---|";
  const line = (size: number, name: string, f: Figures) =>
    `| ${size} | ${name} | ${f.settledMs} | ${f.inDomMs} | ${f.rendered} | ${f.panMedianMs} / ${f.panP95Ms} | ${f.dragMedianMs} / ${f.dragP95Ms} | ${f.heapMb} | ${f.workerHeapMb > 0 ? f.workerHeapMb : "-"} | ${f.panBusyMs} / ${f.dragBusyMs} |`;
  const table = [header, rule];
  const ratios = [
    "| steps | shown | pan median | pan p95 | drag median | drag p95 | heap | (busy pan) | (busy drag) |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    table.push(
      line(row.size, "ours", row.ours),
      line(row.size, "bare", row.bare),
      line(row.size, "bare, visible only", row["bare-visible"]),
    );
    ratios.push(
      `| ${row.size} | ${RATIO_KEYS.map((key) => (row.ratio[key] ?? Number.NaN).toFixed(2)).join(" | ")} |`,
    );
  }
  return { table, ratios };
}

/** Hand-written notes below this line in docs/performance-canvas.md survive a re-run. */
const NOTES_MARK = "<!-- notes: written by hand, kept by the bench -->";

function writeReport(results: Results) {
  const { table, ratios } = tables(results.rows);
  const file = join(root, "docs", "performance-canvas.md");
  const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
  const at = previous.indexOf(NOTES_MARK);
  const notes = at < 0 ? `${NOTES_MARK}\n` : previous.slice(at);
  mkdirSync(join(root, "docs"), { recursive: true });
  writeFileSync(
    file,
    [
      "# Canvas performance",
      "",
      "Measured by `npm run bench:canvas` (bench/canvas.bench.ts) against the production build, in headless",
      'Chromium, 1440x900, generated maps laid out by our auto layout. "Bare" is React Flow with default',
      "nodes and edges at the same positions and no lanes, with and without `onlyRenderVisibleElements`;",
      "the anchor is the better of the two per figure. Both bare pages open at the viewport our editor",
      "opened at, so all three draw the same part of the map (the bare page has no toolbar or side",
      "panel, so its pane is larger and shows a little more).",
      "",
      `Every figure is the median of ${results.runs} runs, each in a fresh browser context, the three pages`,
      "interleaved. Frame times are the gaps between animation frames (vsync-quantized: 16.7, 33.3,",
      "50 ms ...): 2 s of programmatic pan and zoom, then 2 s of dragging the step nearest the middle.",
      '"Busy per frame" is main-thread task time (CDP Performance.getMetrics TaskDuration) divided by',
      "frames; it is not quantized, so it shows differences the frame gaps hide, but on this shared",
      "machine it also counts time the thread waited for a core. Heap is V8's used heap of the page",
      "after two forced full collections (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage),",
      "read once the page is idle (for ours: the layout the drop asked its worker for has arrived and",
      "nothing has changed for 1 s).",
      "Ours runs its layout in the layout worker, as the app does; that worker is a separate V8",
      'isolate, so its heap is not in "heap": it is shown beside it (read through a CDP session on',
      "the worker target) and is not part of the ratio. The bare pages have no layout and no worker.",
      '"Shown" is the time until the number of visible steps stops changing, from the first render',
      "call for the bare pages (their positions are handed to them) and from before the editor store",
      "is created for ours (our own first layout of the map is part of showing it). A step counts once",
      "it is visible: React Flow puts a node it has not measured in the DOM hidden",
      "(`visibility: hidden`) and shows it after measuring it; ours are given their sizes, so they",
      'show at once. "In DOM" is when the count of step elements, hidden or not, stopped changing.',
      "The bare page with every node mounts all 1,000 hidden first, so its in-DOM time is early and",
      "its shown time late; with `onlyRenderVisibleElements` it also mounts every node once (an",
      "unmeasured node counts as visible) before it draws only those on screen.",
      "",
      `Machine: ${results.machine}. Run ${results.date}.`,
      "",
      table.join("\n"),
      "",
      "Ratio ours / anchor (target: at most 1.25 at 1,000 steps; busy columns for orientation):",
      "",
      ratios.join("\n"),
      "",
      "Raw figures, every run included: bench/results/canvas.json. Headless Chromium without a GPU",
      "paints in software, so absolute frame times are higher than on a laptop; the ratios are what",
      "this bench is for.",
      "",
      notes,
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
