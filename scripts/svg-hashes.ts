/**
 * Prints a SHA-256 per export output for every fixture, template and test map: the SVG in every
 * theme and option the tests use (over the real ELK layout and the tests' grid layout), the
 * layout itself, and the text formats. A refactor that must not change behaviour keeps every line.
 *
 *   npx tsx scripts/svg-hashes.ts > /tmp/before.txt   # ... refactor ...
 *   npx tsx scripts/svg-hashes.ts > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { renderBacklogCsv, renderBacklogMarkdown } from "../src/export/render-backlog";
import { renderChangePlanMarkdown } from "../src/export/render-change-plan";
import { renderCsv } from "../src/export/render-csv";
import { renderJson } from "../src/export/render-json";
import { renderMarkdown } from "../src/export/render-markdown";
import { renderSvg, type SvgExportOptions } from "../src/export/render-svg";
import { SVG_THEMES } from "../src/export/svg-theme";
import { layoutMap } from "../src/layout/layout-map";
import { createNodeElk } from "../src/layout/node-elk";
import type { MapLayout } from "../src/layout/types";
import { parseMapText } from "../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../src/model/templates";
import type { HandoffMap } from "../src/model/types";
import { arbitraryMap, arbitraryPlacedMap } from "../tests/fixtures/arbitrary-map";
import { generatedMap, gridLayout, hostileMap, revOpsSampleMap } from "../tests/fixtures/export-fixtures";
import { AWKWARD_MAPS } from "../tests/fixtures/maps";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

function fromFile(path: string): HandoffMap {
  const result = parseMapText(readFileSync(path, "utf8"));
  if (!result.ok) throw new Error(`${path} does not parse`);
  return result.map;
}

const maps: Array<[string, HandoffMap]> = [
  ["template revops", createRevOpsTemplate()],
  ["template blank", createBlankTemplate()],
  ["format v0-small", fromFile("tests/fixtures/formats/v0-small.json")],
  ["format v1-minimal", fromFile("tests/fixtures/formats/v1-minimal.json")],
  ["sample revops", revOpsSampleMap()],
  ["hostile", hostileMap()],
  ["hostile bad color", hostileMap({ badColor: true })],
  ["generated 20", generatedMap(20)],
  ["generated 120", generatedMap(120)],
  ["generated 400", generatedMap(400)],
  ...AWKWARD_MAPS.map(([name, make]): [string, HandoffMap] => [`awkward ${name}`, make()]),
  ...fc
    .sample(arbitraryMap(), { seed: 13, numRuns: 25 })
    .map((map, i): [string, HandoffMap] => [`arbitrary ${i}`, map]),
  ...fc
    .sample(arbitraryPlacedMap(), { seed: 13, numRuns: 10 })
    .map((map, i): [string, HandoffMap] => [`arbitrary placed ${i}`, map]),
];

const optionSets: Array<[string, SvgExportOptions]> = [
  ["default", {}],
  ...SVG_THEMES.map((theme): [string, SvgExportOptions] => [theme, { theme }]),
  ["no register", { register: false }],
  ["no legend", { legend: false }],
  ["diagram only", { register: false, legend: false }],
  ["id prefix", { idPrefix: "map-2" }],
  ["hostile id prefix", { idPrefix: '"><script>' }],
];

const elk = createNodeElk();
let outputs = 0;
function print(name: string, text: string): void {
  outputs++;
  console.log(`${sha(text)}  ${name}`);
}

for (const [name, map] of maps) {
  const layouts: Array<[string, MapLayout]> = [["grid", gridLayout(map)]];
  for (const mode of ["auto", "keep"] as const) {
    try {
      layouts.push([`elk ${mode}`, await layoutMap(elk, map, { mode })]);
    } catch (error) {
      print(`${name} | elk ${mode} | layout error`, String(error));
    }
  }
  for (const [layoutName, layout] of layouts) {
    print(`${name} | ${layoutName} | layout`, JSON.stringify(layout));
    for (const [optionName, options] of optionSets) {
      print(`${name} | ${layoutName} | svg ${optionName}`, renderSvg(map, layout, options));
    }
  }
  print(`${name} | markdown`, renderMarkdown(map));
  print(`${name} | csv`, renderCsv(map));
  print(`${name} | json`, renderJson(map));
  print(`${name} | backlog md`, renderBacklogMarkdown(map));
  print(`${name} | backlog csv`, renderBacklogCsv(map));
  print(`${name} | change plan`, renderChangePlanMarkdown(map));
}
console.error(`${outputs} outputs over ${maps.length} maps`);
