/**
 * Export benchmark (`npm run bench:export`): SVG, PNG and A3 PDF export of the RevOps template and of generated maps of
 * 200, 1,000 and 4,000 steps, with edge cases on about a fifth of the handoffs.
 *
 * Layout is excluded from the measured time, and the maps are laid out with the cheap grid layout
 * of tests/fixtures/export-fixtures.ts rather than ELK: it satisfies the same MapLayout contract
 * (boxes sized by the real measureStep, orthogonal border-to-border routes) and keeps the bench
 * about the exporters. Layout cost is in bench/layout.bench.ts.
 *
 * Each (format, size) runs in a fresh child process, so each has its own JIT warm-up and its own
 * peak RSS. SVG times are medians of 15 runs after one warm-up, each run starting from a
 * collected heap (--expose-gc); PNG times are medians of 3 runs (2 at 4,000 steps), no warm-up.
 * "PNG" is renderSvg + resvg at the CLI's default 2x, reduced automatically where the image would
 * pass the 32-megapixel limit (src/cli/render-png.ts); the table says which scale was used. "PDF"
 * is the CLI's A3 PDF (buildMapPdf: the diagram fitted or tiled, then the tables), median of
 * PDF_RUNS runs, no warm-up.
 *
 * Writes bench/results/export.json and prints a Markdown table. The linearity check (4,000-step
 * SVG time at most 4.5x the 1,000-step time) is printed, and sets the exit code.
 *
 * To work on the bench or check that it runs, narrow it: BENCH_SIZES=200 (comma-separated step
 * counts), BENCH_RUNS=2 (runs per format and size) and/or BENCH_FORMATS=pdf (comma-separated, of
 * svg, png, pdf). A narrowed run prints its table but does not write bench/results/export.json,
 * and checks linearity only if it has both 1,000 and 4,000.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPdfFonts } from "../src/cli/pdf-fonts";
import { DEFAULT_PNG_SCALE, renderPngInProcess } from "../src/cli/render-png";
import { buildMapPdf } from "../src/export/pdf/build-pdf";
import { renderSvg } from "../src/export/render-svg";
import { createRevOpsTemplate } from "../src/model/templates";
import { gridLayout } from "../tests/fixtures/export-fixtures";
import { runInChild, runParentOrChild } from "./child-run";
import { benchMap, SEED } from "./export-map";

const SIZES: readonly number[] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(",").map(Number)
  : [0, 200, 1000, 4000];
/** Size 0 is the RevOps template (13 steps), the map a workshop starts from. */
const TEMPLATE = 0;
const RUNS = process.env.BENCH_RUNS ? Math.max(1, Number(process.env.BENCH_RUNS)) : undefined;
const ALL_FORMATS = ["svg", "png", "pdf"] as const;
type BenchFormat = (typeof ALL_FORMATS)[number];
/** BENCH_FORMATS=pdf (comma-separated) measures only those formats; the others print as "—". */
const FORMATS: readonly BenchFormat[] = process.env.BENCH_FORMATS
  ? ALL_FORMATS.filter((f) => (process.env.BENCH_FORMATS ?? "").split(",").includes(f))
  : ALL_FORMATS;
const NARROWED = Boolean(process.env.BENCH_SIZES || process.env.BENCH_RUNS || process.env.BENCH_FORMATS);
const LINEARITY_LIMIT = 4.5;
const here = dirname(fileURLToPath(import.meta.url));

interface Task {
  format: BenchFormat;
  size: number;
  runs: number;
}

interface TaskResult {
  times: number[];
  bytes: number;
  rssBeforeMb: number;
  peakRssMb: number;
  width: number;
  height: number;
  scale: number;
}

async function runTask(task: Task): Promise<TaskResult> {
  const map = task.size === TEMPLATE ? createRevOpsTemplate() : benchMap(task.size);
  const layout = gridLayout(map);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let bytes = 0;
  let width = layout.width;
  let height = layout.height;
  let scale = 1;
  const fonts = task.format === "pdf" ? await loadPdfFonts() : null;
  const once = async () => {
    if (fonts !== null) {
      // The CLI's A3 PDF: the diagram fitted or tiled, then the register and the change plan.
      const pdf = await buildMapPdf(map, layout, { fonts, page: "a3" });
      bytes = pdf.byteLength;
      return;
    }
    const svg = renderSvg(map, layout);
    if (task.format === "svg") {
      bytes = Buffer.byteLength(svg, "utf8");
      return;
    }
    // In this process, so the peak RSS column is resvg's; the CLI's child process adds a Node
    // start per PNG (bench/png-isolation.bench.ts).
    const image = await renderPngInProcess(svg, { scale: DEFAULT_PNG_SCALE });
    bytes = image.png.byteLength;
    width = image.width;
    height = image.height;
    scale = image.scale;
  };
  // Warm the JIT for the SVG; the PNG time is mostly resvg's native code, and one 4,000-step
  // PNG takes most of a minute, so PNG runs go without a warm-up.
  if (task.format === "svg") await once();
  const times: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < task.runs; i++) {
    // Each run starts from a collected heap, so one run's garbage is not billed to the next.
    gc?.();
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return {
    times,
    bytes,
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    width,
    height,
    scale,
  };
}

/** --expose-gc, so that each timed run can start from a collected heap. */
const inChild = (task: Task): Promise<TaskResult> =>
  runInChild<TaskResult>(import.meta.url, task, { extraExecArgv: ["--expose-gc"] });

interface BenchRow {
  steps: number;
  handoffs: number;
  edgeCases: number;
  svgMedianMs: number;
  svgKb: number;
  svgPeakRssMb: number;
  svgRssBeforeMb: number;
  pngMedianMs: number;
  pngKb: number;
  pngPixels: string;
  pngScale: number;
  pngPeakRssMb: number;
  pdfMedianMs: number;
  pdfKb: number;
  pdfPeakRssMb: number;
}

/** A format left out by BENCH_FORMATS: every figure NaN, printed as "—". */
const SKIPPED: TaskResult = {
  times: [Number.NaN],
  bytes: Number.NaN,
  rssBeforeMb: Number.NaN,
  peakRssMb: Number.NaN,
  width: Number.NaN,
  height: Number.NaN,
  scale: Number.NaN,
};
/** PDF runs per size, no warm-up (like PNG, a run is long and mostly one pass over the map). */
const PDF_RUNS = 3;

/** A figure for the table: "—" for a format that was not measured. */
const shown = (x: number, unit = ""): string => (Number.isNaN(x) ? "—" : `${x.toLocaleString("en")}${unit}`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const machine = {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const map = size === TEMPLATE ? createRevOpsTemplate() : benchMap(size);
    const edgeCases = map.handoffs.reduce((sum, h) => sum + h.edgeCases.length, 0);
    const measure = (format: BenchFormat, runs: number): Promise<TaskResult> =>
      FORMATS.includes(format) ? inChild({ format, size, runs }) : Promise.resolve(SKIPPED);
    const svg = await measure("svg", RUNS ?? 15);
    const png = await measure("png", RUNS ?? (size >= 4000 ? 2 : 3));
    const pdf = await measure("pdf", RUNS ?? PDF_RUNS);
    const row = {
      steps: size,
      handoffs: map.handoffs.length,
      edgeCases,
      svgMedianMs: round(median(svg.times), 1),
      svgKb: round(svg.bytes / 1024),
      svgPeakRssMb: round(svg.peakRssMb),
      svgRssBeforeMb: round(svg.rssBeforeMb),
      pngMedianMs: round(median(png.times)),
      pngKb: round(png.bytes / 1024),
      pngPixels: `${png.width} x ${png.height}`,
      pngScale: round(png.scale, 2),
      pngPeakRssMb: round(png.peakRssMb),
      pdfMedianMs: round(median(pdf.times)),
      pdfKb: round(pdf.bytes / 1024),
      pdfPeakRssMb: round(pdf.peakRssMb),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  const at = (steps: number) => rows.find((r) => r.steps === steps);
  const svgRatio = round((at(4000)?.svgMedianMs ?? 0) / (at(1000)?.svgMedianMs ?? 1), 2);
  const pngRatio = round((at(4000)?.pngMedianMs ?? 0) / (at(1000)?.pngMedianMs ?? 1), 2);
  const pdfRatio = round((at(4000)?.pdfMedianMs ?? 0) / (at(1000)?.pdfMedianMs ?? 1), 2);
  const pdfSizeRatio = round((at(4000)?.pdfKb ?? 0) / (at(1000)?.pdfKb ?? 1), 2);

  const out = join(here, "results", "export.json");
  if (!NARROWED) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ machine, seed: SEED, layout: "grid fixture (excluded from times)", rows, svgRatio, pngRatio, pdfRatio, pdfSizeRatio, linearityLimit: LINEARITY_LIMIT }, null, 2)}\n`,
    );
  }

  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}`,
  );
  const runs =
    RUNS === undefined
      ? `SVG: median of 15 runs after a warm-up; PNG: median of 3 (2 at 4,000 steps); PDF: median of ${PDF_RUNS}`
      : `SVG: median of ${RUNS} runs after a warm-up; PNG and PDF: median of ${RUNS}`;
  console.log(`Layout excluded (grid fixture). ${runs}. Peak RSS of a fresh process.\n`);
  console.log(
    "| steps | handoffs | edge cases | SVG (ms) | SVG size | SVG peak RSS | PNG (ms) | PNG size | PNG pixels (scale) | PNG peak RSS | A3 PDF (ms) | PDF size | PDF peak RSS |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.steps === TEMPLATE ? "template (13)" : r.steps.toLocaleString("en")} | ${r.handoffs.toLocaleString("en")} | ${r.edgeCases.toLocaleString("en")} | ${shown(r.svgMedianMs)} | ${shown(r.svgKb, " KB")} | ${shown(r.svgPeakRssMb, " MB")} | ${shown(r.pngMedianMs)} | ${shown(r.pngKb, " KB")} | ${Number.isNaN(r.pngScale) ? "—" : `${r.pngPixels} (${r.pngScale}x)`} | ${shown(r.pngPeakRssMb, " MB")} | ${shown(r.pdfMedianMs)} | ${shown(r.pdfKb, " KB")} | ${shown(r.pdfPeakRssMb, " MB")} |`,
    );
  }
  const checked = at(4000) !== undefined && at(1000) !== undefined;
  const ok = !checked || Number.isNaN(svgRatio) || svgRatio <= LINEARITY_LIMIT;
  console.log(
    checked
      ? `\n4,000 / 1,000 steps: SVG ${shown(svgRatio, "x")}, PNG ${shown(pngRatio, "x")}, PDF ${shown(pdfRatio, "x")} time and ${shown(pdfSizeRatio, "x")} size (limit for SVG ${LINEARITY_LIMIT}x: ${Number.isNaN(svgRatio) ? "not measured" : ok ? "ok" : "FAILED"})`
      : "\n4,000 / 1,000 steps: not both in this run, linearity not checked",
  );
  console.log(
    NARROWED ? `narrowed run (BENCH_SIZES / BENCH_RUNS / BENCH_FORMATS): ${out} not written` : `wrote ${out}`,
  );
  if (!ok) process.exitCode = 1;
}

await runParentOrChild({ parent: main, child: runTask });
