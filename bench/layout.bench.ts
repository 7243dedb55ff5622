/**
 * Layout benchmark (`npm run bench:layout`): our full layout against a plain ELK layered run on the
 * same graph (the anchor), at 50 / 200 / 1,000 / 2,000 steps; plus ELK's partitioning cost and a
 * route-quality comparison of our router with ELK's own orthogonal routing.
 *
 * Every measurement runs in a fresh child process, so each gets its own JIT warm-up and its own
 * peak RSS (process.resourceUsage().maxRSS). Times are medians of several runs after one warm-up.
 * Writes bench/results/layout.json and prints a table. Not a test: nothing here fails the build.
 *
 * To work on the bench or check that it runs, narrow it: BENCH_SIZES=50 (comma-separated step
 * counts) and/or BENCH_RUNS=2 (timed runs per size). A narrowed run does the partitioning and
 * route-quality parts only at the sizes it was given, prints its table, and does not write
 * bench/results/layout.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ElkNode } from "elkjs/lib/elk-api";
import { layoutMap } from "../src/layout/layout-map";
import { createNodeElk } from "../src/layout/node-elk";
import { pathPoints } from "../src/layout/route-path";
import type { MapLayout, Point } from "../src/layout/types";
import type { HandoffMap } from "../src/model/types";
import { runInChild, runParentOrChild } from "./child-run";
import { generateMap } from "./generate-map";

const SIZES: readonly number[] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : [50, 200, 1000, 2000];
const RUNS = process.env.BENCH_RUNS ? Math.max(1, Number(process.env.BENCH_RUNS)) : undefined;
const NARROWED = Boolean(process.env.BENCH_SIZES || process.env.BENCH_RUNS);
const SEED = 42;
const here = dirname(fileURLToPath(import.meta.url));

type Task =
  | { kind: "ours" | "plain" | "ours-chain"; size: number; runs: number }
  | { kind: "partition-phase" | "partition-lane"; size: number; runs: number }
  | { kind: "quality"; size: number; runs: number };

interface TaskResult {
  times: number[];
  maxRssMb: number;
  extra?: Record<string, number>;
}

const mapFor = (size: number): HandoffMap => generateMap({ steps: size, seed: SEED + size });

/** The map's steps with one chain of handoffs s0 -> s1 -> ...: the deepest graph there is. */
const chainOf = (map: HandoffMap): HandoffMap => ({
  ...map,
  handoffs: map.steps
    .slice(1)
    .map((s, i) => ({ id: `h${i}`, from: `s${i}`, to: s.id, label: "", edgeCases: [] })),
});

/**
 * Maps past ELK's reach: its layering recurses per step and overflowed the stack on a 10,000-step
 * chain, so ours (iterativeRanks above ELK_MAX_CONNECTED_STEPS) is timed alone, one run each.
 */
const BIG_SIZES: readonly number[] = process.env.BENCH_BIG
  ? process.env.BENCH_BIG.split(",").map(Number)
  : [10_000];

/** The anchor: ELK layered, direction RIGHT, orthogonal routing, 180x60 boxes, no lanes. */
function plainGraph(map: HandoffMap, partition?: (stepIndex: number) => number): ElkNode {
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      ...(partition ? { "elk.partitioning.activate": "true" } : {}),
    },
    children: map.steps.map((s, i) => ({
      id: s.id,
      width: 180,
      height: 60,
      ...(partition ? { layoutOptions: { "elk.partitioning.partition": String(partition(i)) } } : {}),
    })),
    edges: map.handoffs.map((h) => ({ id: h.id, sources: [h.from], targets: [h.to] })),
  };
}

async function runTask(task: Task): Promise<TaskResult> {
  const elk = createNodeElk();
  const map = mapFor(task.size);
  const once = async (): Promise<void> => {
    switch (task.kind) {
      case "ours":
        await layoutMap(elk, map, { mode: "auto" });
        return;
      case "ours-chain":
        await layoutMap(elk, chainOf(map), { mode: "auto" });
        return;
      case "plain":
        await elk.layout(plainGraph(map));
        return;
      case "partition-phase": {
        const phase = new Map(map.phases.map((p, i) => [p.id, i]));
        await elk.layout(plainGraph(map, (i) => phase.get(map.steps[i]?.phase ?? "") ?? 0));
        return;
      }
      case "partition-lane": {
        const lane = new Map(map.lanes.map((l, i) => [l.id, i]));
        await elk.layout(plainGraph(map, (i) => lane.get(map.steps[i]?.lane ?? "") ?? 0));
        return;
      }
      case "quality":
        return;
    }
  };
  if (task.kind === "quality") return { times: [], maxRssMb: 0, extra: await routeQuality(elk, map) };
  // Warm-up on a small map of the same kind, so the first timed run is not paying for the JIT.
  const warm = generateMap({ steps: 50, seed: 1 });
  if (task.kind === "ours" || task.kind === "ours-chain") await layoutMap(elk, warm, { mode: "auto" });
  else await elk.layout(plainGraph(warm));
  const times: number[] = [];
  for (let r = 0; r < task.runs; r++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return { times, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

// ----- route quality: crossings and bends ------------------------------------------------------

function countBends(routes: Point[][]): number {
  return routes.reduce((n, r) => n + Math.max(0, r.length - 2), 0);
}

/** Proper crossings between segments of different routes (shared endpoints and overlaps excluded). */
function countCrossings(routes: Point[][]): number {
  interface Segment {
    route: number;
    fixed: number;
    from: number;
    to: number;
  }
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  routes.forEach((points, route) => {
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (!a || !b) continue;
      if (a.y === b.y && a.x !== b.x)
        horizontal.push({ route, fixed: a.y, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) });
      else if (a.x === b.x && a.y !== b.y)
        vertical.push({ route, fixed: a.x, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) });
    }
  });
  horizontal.sort((a, b) => a.from - b.from);
  let crossings = 0;
  for (const v of vertical) {
    for (const h of horizontal) {
      if (h.from >= v.fixed) break;
      if (h.route === v.route || h.to <= v.fixed) continue;
      if (h.fixed > v.from && h.fixed < v.to) crossings++;
    }
  }
  return crossings;
}

function elkRoutes(result: ElkNode): Point[][] {
  return (result.edges ?? []).map((e) => {
    const section = (e as { sections?: Array<{ startPoint: Point; endPoint: Point; bendPoints?: Point[] }> })
      .sections?.[0];
    return section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
  });
}

/**
 * Our router on our layout, against ELK routing the same boxes in an INTERACTIVE second pass (the
 * issue's other option) and ELK's plain layout of the same graph. Also counts how many steps ELK's
 * second pass moved out of their lane band: its routes only count if the boxes stay put.
 */
async function routeQuality(
  elk: ReturnType<typeof createNodeElk>,
  map: HandoffMap,
): Promise<Record<string, number>> {
  const ours: MapLayout = await layoutMap(elk, map, { mode: "auto" });
  const ourRoutes = ours.handoffs.map((h) => pathPoints(h.path));
  const interactive = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.layering.strategy": "INTERACTIVE",
      "elk.layered.crossingMinimization.strategy": "INTERACTIVE",
      "elk.layered.nodePlacement.strategy": "INTERACTIVE",
      "elk.layered.cycleBreaking.strategy": "INTERACTIVE",
    },
    children: ours.steps.map((b) => ({ id: b.id, x: b.x, y: b.y, width: b.width, height: b.height })),
    edges: map.handoffs.map((h) => ({ id: h.id, sources: [h.from], targets: [h.to] })),
  });
  const bands = new Map(ours.lanes.map((l) => [l.id, l]));
  const laneOf = new Map(map.steps.map((s) => [s.id, s.lane]));
  const yShift = (interactive.children ?? []).reduce(
    (m, c) => Math.min(m, c.y ?? 0),
    Number.POSITIVE_INFINITY,
  );
  const ourTop = ours.steps.reduce((m, b) => Math.min(m, b.y), Number.POSITIVE_INFINITY);
  let leftLane = 0;
  for (const c of interactive.children ?? []) {
    const band = bands.get(laneOf.get(c.id) ?? "");
    const centre = (c.y ?? 0) - yShift + ourTop + (c.height ?? 0) / 2;
    if (!band || centre < band.y || centre > band.y + band.height) leftLane++;
  }
  const plain = await elk.layout(plainGraph(map));
  const edges = Math.max(1, map.handoffs.length);
  const interactiveRoutes = elkRoutes(interactive);
  const plainRoutes = elkRoutes(plain);
  return {
    edges,
    oursCrossings: countCrossings(ourRoutes),
    oursBends: countBends(ourRoutes),
    interactiveCrossings: countCrossings(interactiveRoutes),
    interactiveBends: countBends(interactiveRoutes),
    interactiveStepsOutOfLane: leftLane,
    plainCrossings: countCrossings(plainRoutes),
    plainBends: countBends(plainRoutes),
  };
}

// ----- parent: fork a child per task ----------------------------------------------------------

const inChild = (task: Task, timeoutMs: number) =>
  runInChild<TaskResult>(import.meta.url, task, { timeoutMs });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const machine = {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
  console.log(`Layout bench on ${machine.cpu} x${machine.cores}, Node ${machine.node}, ${machine.platform}`);
  const rows: Array<Record<string, number | string | null>> = [];
  for (const size of SIZES) {
    const runs = RUNS ?? (size <= 200 ? 7 : size <= 1000 ? 5 : 3);
    const map = mapFor(size);
    const ours = await inChild({ kind: "ours", size, runs }, 600_000);
    const plain = await inChild({ kind: "plain", size, runs }, 600_000);
    if ("timedOut" in ours || "timedOut" in plain) throw new Error(`size ${size} timed out`);
    const oursMs = median(ours.times);
    const plainMs = median(plain.times);
    const row = {
      steps: size,
      lanes: map.lanes.length,
      handoffs: map.handoffs.length,
      oursMs: Math.round(oursMs),
      plainElkMs: Math.round(plainMs),
      ratio: Math.round((oursMs / plainMs) * 100) / 100,
      oursPeakRssMb: Math.round(ours.maxRssMb),
      plainPeakRssMb: Math.round(plain.maxRssMb),
      runs,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }

  const big: Array<Record<string, number | string | null>> = [];
  for (const size of NARROWED && !process.env.BENCH_BIG ? [] : BIG_SIZES) {
    for (const kind of ["ours", "ours-chain"] as const) {
      const result = await inChild({ kind, size, runs: 1 }, 600_000);
      const row = {
        kind: kind === "ours" ? "generated" : "chain",
        steps: size,
        oursMs: "timedOut" in result ? ">600000" : Math.round(result.times[0] ?? 0),
        oursPeakRssMb: "timedOut" in result ? null : Math.round(result.maxRssMb),
      };
      big.push(row);
      console.log(JSON.stringify(row));
    }
  }

  // ELK's own partitioning, one run each, stopped after 60 s.
  const partitions: Array<Record<string, number | string | null>> = [];
  for (const [kind, sizes] of [
    ["partition-phase", [50, 200, 1000, 2000]],
    ["partition-lane", [200, 500]],
  ] as const) {
    for (const size of NARROWED ? sizes.filter((n) => SIZES.includes(n)) : sizes) {
      const result = await inChild({ kind, size, runs: 1 }, 60_000);
      const ms = "timedOut" in result ? null : Math.round(result.times[0] ?? 0);
      const row = { kind, steps: size, ms: ms ?? ">60000" };
      partitions.push(row);
      console.log(JSON.stringify(row));
      if (ms === null) break;
    }
  }

  const quality: Array<Record<string, number>> = [];
  for (const size of NARROWED ? SIZES : [50, 200]) {
    const result = await inChild({ kind: "quality", size, runs: 0 }, 300_000);
    if (!("timedOut" in result) && result.extra) {
      quality.push({ steps: size, ...result.extra });
      console.log(JSON.stringify({ steps: size, ...result.extra }));
    }
  }

  const out = join(here, "results", "layout.json");
  if (!NARROWED) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ machine, seed: SEED, rows, big, partitions, quality }, null, 2)}\n`,
    );
  }

  console.log(
    "\n| steps | lanes | handoffs | ours (ms) | plain ELK (ms) | ratio | peak RSS ours / plain (MB) |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.steps} | ${r.lanes} | ${r.handoffs} | ${r.oursMs} | ${r.plainElkMs} | ${r.ratio} | ${r.oursPeakRssMb} / ${r.plainPeakRssMb} |`,
    );
  }
  console.log(NARROWED ? `\nnarrowed run (BENCH_SIZES / BENCH_RUNS): ${out} not written` : `\nwrote ${out}`);
}

await runParentOrChild({ parent: main, child: runTask });
