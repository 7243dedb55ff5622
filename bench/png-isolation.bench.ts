/**
 * What running resvg in a child process costs (`npx tsx bench/png-isolation.bench.ts`): the CLI's
 * renderPng (child process, so a resvg panic cannot abort the CLI) against renderPngInProcess,
 * on the RevOps template laid out by ELK and on generated maps of 200 and 1,000 steps (no edge
 * cases, grid layout, as in export.bench.ts). Median of BENCH_RUNS (default 7) runs each, alternating, after
 * one warm-up of each. Prints a Markdown table.
 */
import { DEFAULT_PNG_SCALE, renderPng, renderPngInProcess } from "../src/cli/render-png";
import { renderSvg } from "../src/export/render-svg";
import { createNodeElk } from "../src/layout/node-elk";
import { createInProcessLayout } from "../src/layout/run-layout";
import { createRevOpsTemplate } from "../src/model/templates";
import { gridLayout } from "../tests/fixtures/export-fixtures";
import { generateMap } from "./generate-map";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function time(render: typeof renderPng, svg: string): Promise<number> {
  const start = performance.now();
  await render(svg, { scale: DEFAULT_PNG_SCALE });
  return performance.now() - start;
}

const template = createRevOpsTemplate();
const laid = await createInProcessLayout(createNodeElk())(template, {});
if (!laid.ok) throw new Error(laid.error);
const cases: [string, string][] = [
  [
    "one rectangle (the fixed cost)",
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>',
  ],
  ["RevOps template (13 steps)", renderSvg(template, laid.layout)],
  ...[200, 1000].map((steps): [string, string] => {
    const map = generateMap({
      steps,
      seed: 7 + steps,
      lanes: Math.max(8, Math.round(steps / 125)),
      phases: Math.max(4, Math.round(steps / 24)),
    });
    return [`${steps.toLocaleString("en-US")} steps`, renderSvg(map, gridLayout(map))];
  }),
];

console.log("| map | in process (ms) | child process (ms) | added (ms) | added (%) |\n|---|---|---|---|---|");
for (const [name, svg] of cases) {
  await time(renderPngInProcess, svg);
  await time(renderPng, svg);
  const inProcess: number[] = [];
  const child: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    inProcess.push(await time(renderPngInProcess, svg));
    child.push(await time(renderPng, svg));
  }
  const a = median(inProcess);
  const b = median(child);
  console.log(
    `| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b - a).toFixed(0)} | ${((b / a - 1) * 100).toFixed(0)}% |`,
  );
}
