/**
 * Health-check bench (`npm run bench:lint`): the time lintMap takes on a generated map of 200,
 * 1,000 and 2,000 steps, after an edit (a step label changed, so no cache can help: the editor
 * lints each new map version once). Target: under 20 ms per edit at 1,000 steps. Contracts are
 * put on half the handoffs and systems on every step, so every rule has work to do. Median and
 * p95 of 200 edits per size, in
 * CPU milliseconds (process.cpuUsage), so a busy machine's waits for a core are not counted. Writes bench/results/lint.json unless narrowed (BENCH_SIZES=1000).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintMap } from "../src/model/lint/lint-map";
import { updateStep } from "../src/model/operations";
import type { HandoffMap } from "../src/model/types";
import { generateMap } from "./generate-map";

const SIZES: readonly number[] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : [200, 1000, 2000];
const NARROWED = Boolean(process.env.BENCH_SIZES);
const EDITS = 200;

function withContracts(map: HandoffMap): HandoffMap {
  const systems = ["CRM", "CPQ", "ERP", "Billing"];
  return {
    ...map,
    steps: map.steps.map((step, i) => ({ ...step, systems: [systems[i % systems.length] as string] })),
    handoffs: map.handoffs.map((handoff, i) =>
      i % 2 === 0
        ? {
            ...handoff,
            trigger: "Score ≥ 60",
            sla: { value: 4, unit: "hours" as const },
            sender: "A",
            receiver: "B",
          }
        : handoff,
    ),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

const results = SIZES.map((steps) => {
  let map = withContracts(generateMap({ steps }));
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < EDITS; i++) {
    const step = map.steps[i % map.steps.length];
    if (step === undefined) break;
    map = updateStep(map, step.id, { label: `${step.label.replace(/ \d+$/, "")} ${i}` });
    // CPU time, not wall time: on a shared machine the wall clock counts the waits for a core.
    const start = process.cpuUsage();
    findings = lintMap(map, { today: "2026-06-01" }).length;
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const row = {
    steps,
    handoffs: map.handoffs.length,
    findings,
    medianMs: Number(percentile(times, 50).toFixed(2)),
    p95Ms: Number(percentile(times, 95).toFixed(2)),
  };
  console.log(
    `${String(steps).padStart(5)} steps, ${row.handoffs} handoffs, ${findings} findings: median ${row.medianMs} ms, p95 ${row.p95Ms} ms`,
  );
  return row;
});

if (!NARROWED) {
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "lint.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ bench: "lint", target: "under 20 ms per edit at 1,000 steps", cpu: os.cpus()[0]?.model, node: process.version, results }, null, 2)}\n`,
  );
}
