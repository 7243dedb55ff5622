/**
 * Every export of the template, the layout's awkward maps and random valid maps, laid out by the
 * real layoutMap (ELK): the SVG's hooks match the layout, and the other formats round-trip.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/export/render-csv";
import { renderJson } from "../../src/export/render-json";
import { renderMarkdown } from "../../src/export/render-markdown";
import { renderSvg } from "../../src/export/render-svg";
import { stripIllegalXmlChars } from "../../src/export/svg-escape";
import { SVG_THEMES } from "../../src/export/svg-theme";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { pathPoints } from "../../src/layout/route-path";
import type { MapLayout } from "../../src/layout/types";
import { parseMap, parseMapText } from "../../src/model/parse-map";
import { registerRows } from "../../src/model/register-rows";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";
import { AWKWARD_MAPS, SIX_SYSTEMS } from "../fixtures/maps";
import {
  byAttr,
  childrenNamed,
  num,
  parseSvg,
  type SvgElement,
  svgPathPoints,
  textContent,
  walk,
} from "./svg-tree";

const elk = createNodeElk();

function firstRect(group: SvgElement | undefined): { x: number; y: number; width: number; height: number } {
  const rect = group === undefined ? undefined : childrenNamed(group, "rect")[0];
  if (rect === undefined) throw new Error("no rect");
  return { x: num(rect, "x"), y: num(rect, "y"), width: num(rect, "width"), height: num(rect, "height") };
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.011;

/** The SVG agrees with the map and the layout; returns nothing, throws on the first mismatch. */
function checkSvg(map: HandoffMap, layout: MapLayout, svg: string): void {
  expect(stripIllegalXmlChars(svg)).toBe(svg);
  const root = parseSvg(svg);
  const lanes = byAttr(root, "data-lane-id");
  const phases = byAttr(root, "data-phase-id");
  const steps = byAttr(root, "data-step-id");
  const handoffs = byAttr(root, "data-handoff-id");
  expect(new Set(lanes.keys())).toEqual(new Set(map.lanes.map((l) => l.id)));
  expect(new Set(phases.keys())).toEqual(new Set(map.phases.map((p) => p.id)));
  expect(new Set(steps.keys())).toEqual(new Set(map.steps.map((s) => s.id)));
  expect(new Set(handoffs.keys())).toEqual(new Set(map.handoffs.map((h) => h.id)));
  expect(byAttr(root, "data-edge-case-id").size).toBe(registerRows(map).length);
  for (const box of layout.steps) {
    const group = steps.get(box.id);
    const rect = firstRect(group);
    expect(
      close(rect.x, box.x) &&
        close(rect.y, box.y) &&
        close(rect.width, box.width) &&
        close(rect.height, box.height),
    ).toBe(true);
    const step = map.steps.find((s) => s.id === box.id);
    expect(childrenNamed(group ?? root, "title").map(textContent)).toEqual([
      stripIllegalXmlChars(step?.label ?? ""),
    ]);
  }
  for (const band of layout.lanes) {
    const rect = firstRect(lanes.get(band.id));
    expect(close(rect.y, band.y) && close(rect.height, band.height) && close(rect.width, layout.width)).toBe(
      true,
    );
  }
  for (const route of layout.handoffs) {
    const path = childrenNamed(handoffs.get(route.id) ?? root, "path")[0];
    const points = svgPathPoints(path?.attrs.get("d") ?? "");
    const routed = pathPoints(route.path);
    expect(points.length).toBe(routed.length);
    for (const [i, p] of points.entries()) {
      const q = routed[i];
      expect(q !== undefined && close(p.x, q.x) && close(p.y, q.y)).toBe(true);
    }
  }
}

function checkOtherFormats(map: HandoffMap): void {
  // Some layout fixtures are not valid files (self-loops): the JSON must then read back with the
  // same verdict as the map itself; a valid map reads back equal.
  const reimported = parseMapText(renderJson(map));
  const direct = parseMap(map);
  expect(reimported).toEqual(direct);
  if (direct.ok) expect(reimported.ok && reimported.map).toEqual(map);
  const md = renderMarkdown(map);
  expect(md.split("\n").filter((l) => l.startsWith("| EC-"))).toHaveLength(registerRows(map).length);
  const csv = renderCsv(map);
  expect(csv.startsWith('\uFEFF"#","handoff"')).toBe(true);
}

const NAMED: ReadonlyArray<readonly [string, () => HandoffMap]> = [
  ["the RevOps template", createRevOpsTemplate],
  ["the blank template", createBlankTemplate],
  ...AWKWARD_MAPS,
];

describe("exports of maps laid out by layoutMap", () => {
  for (const [name, make] of NAMED) {
    it(`given ${name}, then the SVG in every theme matches the layout and the other formats round-trip`, async () => {
      const map = make();
      const layout = await layoutMap(elk, map);
      for (const theme of SVG_THEMES) checkSvg(map, layout, renderSvg(map, layout, { theme }));
      checkOtherFormats(map);
    });
  }

  it("given random valid maps (hostile ids and labels included), then the same holds", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMap({ maxSteps: 16 }), async (map) => {
        const layout = await layoutMap(elk, map);
        checkSvg(map, layout, renderSvg(map, layout));
        checkOtherFormats(map);
      }),
      { numRuns: 40, seed: 20261127 },
    );
  });
});

describe("systems chips and header names in the SVG", () => {
  it("given steps with systems (six on one) and a 300-character lane name, then every chip the layout placed is drawn inside its step box and the lane name inside its band", async () => {
    const template = createRevOpsTemplate();
    const six = [...SIX_SYSTEMS];
    const laneName = "Deal desk and commercial approvals ".repeat(9).slice(0, 300);
    const map: HandoffMap = {
      ...template,
      lanes: template.lanes.map((lane, i) => (i === 1 ? { ...lane, name: laneName } : lane)),
      steps: template.steps.map((step, i) => (i === 3 ? { ...step, systems: six } : step)),
    };
    const layout = await layoutMap(elk, map, { mode: "auto" });
    const root = parseSvg(renderSvg(map, layout));
    const groups = byAttr(root, "data-step-id");
    let drawn = 0;
    for (const box of layout.steps) {
      const group = groups.get(box.id);
      const frame = firstRect(group);
      const chipsGroup = (group?.children ?? []).find(
        (c): c is SvgElement => typeof c !== "string" && c.attrs.get("data-role") === "step-systems",
      );
      const rects = chipsGroup === undefined ? [] : childrenNamed(chipsGroup, "rect");
      const texts = chipsGroup === undefined ? [] : childrenNamed(chipsGroup, "text").map(textContent);
      expect(texts).toEqual((box.systems?.chips ?? []).map((c) => c.text));
      for (const rect of rects) {
        drawn++;
        expect(num(rect, "x")).toBeGreaterThanOrEqual(frame.x);
        expect(num(rect, "y")).toBeGreaterThanOrEqual(frame.y);
        expect(num(rect, "x") + num(rect, "width")).toBeLessThanOrEqual(frame.x + frame.width + 0.011);
        expect(num(rect, "y") + num(rect, "height")).toBeLessThanOrEqual(frame.y + frame.height + 0.011);
      }
    }
    expect(drawn).toBeGreaterThanOrEqual(map.steps.reduce((n, s) => n + Math.min(1, s.systems.length), 0));
    const sixBox = layout.steps[3];
    expect(sixBox?.systems?.overflow).toBeGreaterThan(0);

    // The lane name is drawn at the full header size, its lines inside the band.
    const lane = byAttr(root, "data-lane-id").get(map.lanes[1]?.id ?? "");
    const band = layout.lanes[1];
    const nameText = [...(lane === undefined ? [] : walk(lane))].find(
      (e) => e.attrs.get("data-role") === "lane-name",
    );
    if (nameText === undefined || band === undefined) throw new Error("no lane name");
    expect(num(nameText, "font-size")).toBe(13);
    for (const tspan of childrenNamed(nameText, "tspan")) {
      expect(num(tspan, "y")).toBeGreaterThan(band.y);
      expect(num(tspan, "y")).toBeLessThan(band.y + band.height);
    }
  });
});
