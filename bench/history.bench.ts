/**
 * History and paste bench (`npm run bench:history`): the store time of undo/redo and of a
 * 500-step paste against the map's size (200 / 1,000 / 2,000 steps). Store time is what the main
 * thread spends inside the store call, its subscribers included (the keep relayout's start, with
 * the copy of the map a worker's postMessage makes); the layout itself runs in the worker and is
 * not counted. Target: undo/redo under 16 ms (one frame) at 2,000 steps.
 *
 * The layout runner stands in for the worker client: it copies the map (structuredClone, as
 * postMessage does) at once and answers later. Undo/redo alternate 500 times without waiting, like
 * a held-down key; medians and p95 of the 500. Paste: 7 pastes of 500 steps copied from the map
 * itself (each undone before the next), median. Writes bench/results/history.json unless narrowed
 * (BENCH_SIZES=200).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { filePositions } from "../src/layout/geometry";
import { layoutForPositions } from "../src/layout/layout-map";
import type { LayoutResult } from "../src/layout/layout-protocol";
import { copyFragment } from "../src/model/clipboard";
import type { HandoffMap } from "../src/model/types";
import { createEditorStore } from "../src/store/editor-store";
import { generateMap } from "./generate-map";

const SIZES: readonly number[] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : [200, 1000, 2000];
const NARROWED = Boolean(process.env.BENCH_SIZES);
const ALTERNATIONS = 500;
const PASTES = 7;
const here = dirname(fileURLToPath(import.meta.url));

/** A generated map with every step placed, as the editor holds it after its first layout. */
function placedMap(size: number): HandoffMap {
  const map = generateMap({ steps: size, seed: 42 + size });
  const layout = layoutForPositions(map, { routes: false });
  const positions = filePositions(layout, new Map(map.steps.map((s) => [s.id, s.lane])));
  return { ...map, steps: map.steps.map((s) => ({ ...s, position: positions.get(s.id) ?? { x: 0, y: 0 } })) };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const round = (ms: number) => Math.round(ms * 100) / 100;

async function measure(size: number): Promise<Record<string, number>> {
  const map = placedMap(size);
  let layouts = 0;
  const store = createEditorStore({
    map,
    runLayout: (m) => {
      layouts++;
      const copy = structuredClone(m);
      return new Promise<LayoutResult>((resolve) =>
        setTimeout(() => resolve({ ok: true, layout: layoutForPositions(copy, { routes: false }) }), 0),
      );
    },
  });
  const idle = () => new Promise((r) => setTimeout(r, 20));
  await idle();
  // Two edits, each laid out: undo/redo then move between laid-out documents, as in a session.
  for (const [i, step] of map.steps.slice(0, 2).entries()) {
    store.getState().dispatch({ type: "renameStep", step: step.id, label: `Edited ${i}` });
    await idle();
  }
  layouts = 0;
  const times: number[] = [];
  for (let i = 0; i < ALTERNATIONS; i++) {
    const t = performance.now();
    if (i % 2 === 0) store.getState().undo();
    else store.getState().redo();
    times.push(performance.now() - t);
  }
  await idle();
  const undoLayouts = layouts;

  const fragment = copyFragment(
    map,
    map.steps.slice(0, 500).map((s) => s.id),
  );
  if (fragment === null) throw new Error("nothing to copy");
  const pastes: number[] = [];
  for (let i = 0; i < PASTES; i++) {
    const t = performance.now();
    // The editor's path: the paste command, its 500 + handoffs fresh random ids drawn by dispatch.
    store.getState().dispatch({ type: "paste", fragment });
    pastes.push(performance.now() - t);
    await idle();
    store.getState().undo();
    await idle();
  }
  return {
    steps: size,
    undoRedoMedianMs: round(quantile(times, 0.5)),
    undoRedoP95Ms: round(quantile(times, 0.95)),
    undoRedoLayoutsStarted: undoLayouts,
    paste500MedianMs: round(quantile(pastes, 0.5)),
  };
}

const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
};
console.log(`History bench on ${machine.cpu} x${machine.cores}, Node ${machine.node}, ${machine.platform}`);
const rows: Array<Record<string, number>> = [];
for (const size of SIZES) {
  const row = await measure(size);
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.log("\n| steps | undo/redo median (ms) | p95 (ms) | layouts started by 500 | 500-step paste (ms) |");
console.log("|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.steps} | ${r.undoRedoMedianMs} | ${r.undoRedoP95Ms} | ${r.undoRedoLayoutsStarted} | ${r.paste500MedianMs} |`,
  );
const out = join(here, "results", "history.json");
if (!NARROWED) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ machine, alternations: ALTERNATIONS, pastes: PASTES, rows }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
}
