import { describe, expect, it } from "vitest";
import { renderSvg } from "../../src/export/render-svg";
import { stripIllegalXmlChars } from "../../src/export/svg-escape";
import { SVG_THEMES } from "../../src/export/svg-theme";
import { pathPoints } from "../../src/layout/route-path";
import type { MapLayout } from "../../src/layout/types";
import { edgeCaseLabel, registerRows } from "../../src/model/register-rows";
import type { HandoffMap } from "../../src/model/types";
import {
  gridLayout,
  HOSTILE_TEXTS,
  hostileMap,
  makeEdgeCase,
  makeHandoff,
  makeLane,
  makeMap,
  makePhase,
  makeStep,
  revOpsSampleMap,
} from "../fixtures/export-fixtures";
import {
  byAttr,
  childrenNamed,
  num,
  parseSvg,
  type SvgElement,
  svgPathPoints,
  textContent,
  tspanLines,
  walk,
} from "./svg-tree";

const EPS = 0.011; // coordinates are written with at most 2 decimals

interface Case {
  name: string;
  map: HandoffMap;
  layout: MapLayout;
}

function cases(): Case[] {
  const sample = revOpsSampleMap();
  const hostile = hostileMap({ badColor: true });
  const empty = makeMap({ title: "" });
  const noPhases = makeMap({
    lanes: [makeLane({ id: "a" })],
    steps: [makeStep({ id: "x", lane: "a" }), makeStep({ id: "y", lane: "a", kind: "end" })],
    handoffs: [makeHandoff({ id: "h", from: "x", to: "y" })],
  });
  return [
    { name: "RevOps sample", map: sample, layout: gridLayout(sample) },
    { name: "hostile texts", map: hostile, layout: gridLayout(hostile) },
    { name: "empty map", map: empty, layout: gridLayout(empty) },
    { name: "no phases", map: noPhases, layout: gridLayout(noPhases) },
  ];
}

function rectOf(el: SvgElement) {
  return { x: num(el, "x"), y: num(el, "y"), width: num(el, "width"), height: num(el, "height") };
}

function largestRect(group: SvgElement): SvgElement {
  const rects = childrenNamed(group, "rect");
  const largest = rects.reduce<SvgElement | undefined>(
    (best, r) =>
      best === undefined || num(r, "width") * num(r, "height") > num(best, "width") * num(best, "height")
        ? r
        : best,
    undefined,
  );
  if (largest === undefined) throw new Error("group has no rect");
  return largest;
}

function expectClose(
  actual: { x: number; y: number; width?: number; height?: number },
  expected: typeof actual,
) {
  expect(Math.abs(actual.x - expected.x)).toBeLessThan(EPS);
  expect(Math.abs(actual.y - expected.y)).toBeLessThan(EPS);
  expect(Math.abs((actual.width ?? 0) - (expected.width ?? 0))).toBeLessThan(EPS);
  expect(Math.abs((actual.height ?? 0) - (expected.height ?? 0))).toBeLessThan(EPS);
}

/** Words of a text, as wrapping keeps them (wrapping may split a long word across lines). */
const squash = (text: string) => stripIllegalXmlChars(text).replace(/\s+/g, "");

describe("renderSvg", () => {
  for (const { name, map, layout } of cases()) {
    describe(`given the ${name}`, () => {
      for (const theme of SVG_THEMES) {
        it(`when rendered in the ${theme} theme, then it is one well-formed SVG 1.1 document`, () => {
          const svg = renderSvg(map, layout, { theme });
          const root = parseSvg(svg);
          expect(root.name).toBe("svg");
          expect(root.attrs.get("xmlns")).toBe("http://www.w3.org/2000/svg");
          expect(root.attrs.get("version")).toBe("1.1");
          expect(svg).not.toMatch(/<!DOCTYPE|<!ENTITY|<!\[CDATA\[/i);
          // Nothing XML 1.0 forbids, not even escaped.
          expect(stripIllegalXmlChars(svg)).toBe(svg);
        });
      }

      it("then the viewBox is in layout units and holds the whole diagram", () => {
        const root = parseSvg(renderSvg(map, layout));
        const [x, y, w, h] = (root.attrs.get("viewBox") ?? "").split(" ").map(Number);
        expect(x).toBeLessThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(0);
        expect((x ?? 0) + (w ?? 0)).toBeGreaterThanOrEqual(layout.width);
        expect((y ?? 0) + (h ?? 0)).toBeGreaterThanOrEqual(layout.height);
        expect(num(root, "width")).toBe(w);
        expect(num(root, "height")).toBe(h);
      });

      it("then every lane is a data-lane-id group whose largest rect covers its band, with its name", () => {
        const root = parseSvg(renderSvg(map, layout));
        const groups = byAttr(root, "data-lane-id");
        expect(groups.size).toBe(map.lanes.length);
        for (const lane of map.lanes) {
          const group = groups.get(lane.id);
          const band = layout.lanes.find((b) => b.id === lane.id);
          if (group === undefined || band === undefined) throw new Error(`lane ${lane.id} missing`);
          expectClose(rectOf(largestRect(group)), {
            x: 0,
            y: band.y,
            width: layout.width,
            height: band.height,
          });
          const nameText = childrenNamed(group, "text").find((t) => t.attrs.get("data-role") === "lane-name");
          expect(squash(tspanLines(nameText ?? group).join(""))).toBe(squash(lane.name));
        }
      });

      it("then every phase is a data-phase-id group whose rect covers its column, with its name", () => {
        const root = parseSvg(renderSvg(map, layout));
        const groups = byAttr(root, "data-phase-id");
        expect(groups.size).toBe(map.phases.length);
        for (const phase of map.phases) {
          const group = groups.get(phase.id);
          const column = layout.phases.find((c) => c.id === phase.id);
          if (group === undefined || column === undefined) throw new Error(`phase ${phase.id} missing`);
          expectClose(rectOf(largestRect(group)), {
            x: column.x,
            y: 0,
            width: column.width,
            height: layout.height,
          });
          const nameText = childrenNamed(group, "text").find(
            (t) => t.attrs.get("data-role") === "phase-name",
          );
          expect(squash(tspanLines(nameText ?? group).join(""))).toBe(squash(phase.name));
        }
      });

      it("then every step has its exact box, its full label as <title>, the layout's lines, and nothing outside", () => {
        const root = parseSvg(renderSvg(map, layout));
        const groups = byAttr(root, "data-step-id");
        expect(groups.size).toBe(map.steps.length);
        for (const step of map.steps) {
          const group = groups.get(step.id);
          const box = layout.steps.find((b) => b.id === step.id);
          if (group === undefined || box === undefined) throw new Error(`step ${step.id} missing`);
          const titles = childrenNamed(group, "title");
          expect(titles.map(textContent)).toEqual([stripIllegalXmlChars(step.label)]);
          expectClose(rectOf(largestRect(group)), box);
          const label = childrenNamed(group, "text").find((t) => t.attrs.get("data-role") === "step-label");
          expect(label && tspanLines(label)).toEqual(box.lines.map(stripIllegalXmlChars));
          for (const el of walk(group)) {
            const inside = (x: number, y: number) => {
              expect(x).toBeGreaterThanOrEqual(box.x - EPS);
              expect(x).toBeLessThanOrEqual(box.x + box.width + EPS);
              expect(y).toBeGreaterThanOrEqual(box.y - EPS);
              expect(y).toBeLessThanOrEqual(box.y + box.height + EPS);
            };
            if (el.name === "rect") {
              inside(num(el, "x"), num(el, "y"));
              inside(num(el, "x") + num(el, "width"), num(el, "y") + num(el, "height"));
            } else if (el.name === "polygon") {
              for (const pair of (el.attrs.get("points") ?? "").split(" ")) {
                const [px, py] = pair.split(",").map(Number);
                inside(px ?? Number.NaN, py ?? Number.NaN);
              }
            } else if (el.name === "tspan") {
              inside(num(el, "x"), num(el, "y"));
            }
          }
        }
      });

      it("then every handoff is a data-handoff-id group whose one path is the layout's route, with an arrowhead", () => {
        const root = parseSvg(renderSvg(map, layout));
        const groups = byAttr(root, "data-handoff-id");
        expect(groups.size).toBe(map.handoffs.length);
        const markerIds = new Set(
          Array.from(walk(root), (e) => (e.name === "marker" ? e.attrs.get("id") : undefined)),
        );
        for (const handoff of map.handoffs) {
          const group = groups.get(handoff.id);
          const route = layout.handoffs.find((r) => r.id === handoff.id);
          if (group === undefined || route === undefined) throw new Error(`handoff ${handoff.id} missing`);
          const paths = childrenNamed(group, "path");
          expect(paths).toHaveLength(1);
          const points = svgPathPoints(paths[0]?.attrs.get("d") ?? "");
          const routed = pathPoints(route.path);
          expect(points).toHaveLength(routed.length);
          for (const [i, p] of points.entries())
            expectClose(p, routed[i] ?? { x: Number.NaN, y: Number.NaN });
          const marker = /^url\(#(.+)\)$/.exec(paths[0]?.attrs.get("marker-end") ?? "")?.[1];
          expect(markerIds.has(marker)).toBe(true);
          if (handoff.label.trim() !== "") {
            const text = childrenNamed(group, "text").find(
              (t) => t.attrs.get("data-role") === "handoff-label",
            );
            expect(squash(tspanLines(text ?? group).join(""))).toBe(squash(handoff.label));
          }
        }
      });

      it("then every handoff with edge cases has one flag listing their numbers, and every edge case a register row", () => {
        const root = parseSvg(renderSvg(map, layout));
        const rows = registerRows(map);
        const handoffGroups = byAttr(root, "data-handoff-id");
        for (const handoff of map.handoffs) {
          const flags = Array.from(walk(handoffGroups.get(handoff.id) ?? root)).filter((e) =>
            e.attrs.has("data-edge-case-flag"),
          );
          if (handoff.edgeCases.length === 0) {
            expect(flags).toHaveLength(0);
            continue;
          }
          expect(flags).toHaveLength(1);
          const expected = rows.filter((r) => r.handoff === handoff).map((r) => r.label);
          expect(flags[0]?.attrs.get("data-edge-case-flag")?.split(" ")).toEqual(expected);
        }
        const rowGroups = byAttr(root, "data-edge-case-id");
        expect(rowGroups.size).toBe(rows.length);
        for (const row of rows) {
          const group = rowGroups.get(row.edgeCase.id);
          if (group === undefined) throw new Error(`row ${row.edgeCase.id} missing`);
          expect(group.attrs.get("data-edge-case-number")).toBe(row.label);
          expect(childrenNamed(group, "title").map(textContent)).toEqual([
            stripIllegalXmlChars(row.edgeCase.title),
          ]);
          const titleCell = childrenNamed(group, "text").find((t) => t.attrs.get("data-column") === "title");
          expect(squash(tspanLines(titleCell ?? group).join(""))).toBe(squash(row.edgeCase.title));
          const mitigationCell = childrenNamed(group, "text").find(
            (t) => t.attrs.get("data-column") === "mitigation",
          );
          const mitigation = row.edgeCase.mitigation.trim() === "" ? "—" : row.edgeCase.mitigation;
          expect(squash(tspanLines(mitigationCell ?? group).join(""))).toBe(squash(mitigation));
        }
      });

      it("then the same input gives byte-identical output", () => {
        const again = structuredClone(map);
        for (const theme of SVG_THEMES) {
          expect(renderSvg(again, structuredClone(layout), { theme })).toBe(
            renderSvg(map, layout, { theme }),
          );
        }
      });
    });
  }

  describe("given hostile labels", () => {
    const map = hostileMap({ badColor: true });
    const svg = renderSvg(map, gridLayout(map));
    const root = parseSvg(svg);
    const ALLOWED_ELEMENTS = new Set([
      "svg",
      "title",
      "desc",
      "defs",
      "marker",
      "g",
      "rect",
      "line",
      "path",
      "polygon",
      "circle",
      "text",
      "tspan",
    ]);

    it("then only drawing elements appear: no script, img, foreignObject, a, image or use", () => {
      for (const el of walk(root)) expect(ALLOWED_ELEMENTS.has(el.name), el.name).toBe(true);
    });

    it("then no attribute is an event handler or a reference outside the document", () => {
      for (const el of walk(root)) {
        for (const [name, value] of el.attrs) {
          expect(name.toLowerCase().startsWith("on"), name).toBe(false);
          expect(name).not.toMatch(/href|src|style/i);
          if (value.includes("url(")) expect(value).toMatch(/^url\(#handoff-[\w-]+\)$/);
        }
      }
    });

    it("then no fill or stroke comes from the file's text (a bad lane color falls back to the theme)", () => {
      for (const el of walk(root)) {
        for (const attr of ["fill", "stroke"]) {
          const value = el.attrs.get(attr);
          if (value !== undefined) expect(value).toMatch(/^(#[0-9a-f]{6}|none|url\(#[\w-]+\))$/);
        }
      }
    });

    it("then every hostile text is there as plain text, whole", () => {
      const allText = squash(textContent(root));
      for (const text of HOSTILE_TEXTS) expect(allText).toContain(squash(text));
    });

    it("then ids with quotes, angle brackets and __proto__ round-trip through the data hooks", () => {
      expect(byAttr(root, "data-lane-id").has('lane"><x')).toBe(true);
      expect(byAttr(root, "data-lane-id").has("__proto__")).toBe(true);
      expect(byAttr(root, "data-phase-id").has("constructor")).toBe(true);
      expect(byAttr(root, "data-step-id").has("step<3>")).toBe(true);
      expect(byAttr(root, "data-handoff-id").has("h'2")).toBe(true);
      expect(byAttr(root, "data-edge-case-id").has('ec"0')).toBe(true);
    });
  });

  describe("given options", () => {
    const map = revOpsSampleMap();
    const layout = gridLayout(map);

    it("when the register is off, then there are no register rows but the flags stay", () => {
      const root = parseSvg(renderSvg(map, layout, { register: false }));
      expect(byAttr(root, "data-edge-case-id").size).toBe(0);
      expect(byAttr(root, "data-edge-case-flag").size).toBeGreaterThan(0);
    });

    it("when the legend is off, then there is no legend group", () => {
      const root = parseSvg(renderSvg(map, layout, { legend: false }));
      expect(Array.from(walk(root)).some((e) => e.attrs.get("data-role") === "legend")).toBe(false);
    });

    it("when the print theme is chosen, then every color is a gray", () => {
      const root = parseSvg(renderSvg(map, layout, { theme: "print" }));
      for (const el of walk(root)) {
        for (const attr of ["fill", "stroke"]) {
          const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(el.attrs.get(attr) ?? "");
          if (m) expect(m[1] === m[2] && m[2] === m[3], `${attr}=${el.attrs.get(attr)}`).toBe(true);
        }
      }
    });

    it("when an id prefix is given, then the markers use it; when it is unsafe, then the default is kept", () => {
      expect(renderSvg(map, layout, { idPrefix: "map-2" })).toContain('id="map-2-arrow-cross-lane"');
      expect(renderSvg(map, layout, { idPrefix: '"><script>' })).toContain('id="handoff-arrow-cross-lane"');
    });
  });

  describe("given handoffs in and across lanes", () => {
    const map = revOpsSampleMap();
    const root = parseSvg(renderSvg(map, gridLayout(map)));
    const groups = byAttr(root, "data-handoff-id");

    it("then cross-lane handoffs are drawn differently from flow inside a lane", () => {
      const stroke = (id: string) => childrenNamed(groups.get(id) ?? root, "path")[0]?.attrs.get("stroke");
      expect(groups.get("h2")?.attrs.get("data-cross-lane")).toBe("true");
      expect(groups.get("h1")?.attrs.get("data-cross-lane")).toBe("false");
      expect(stroke("h2")).not.toBe(stroke("h1"));
    });

    it("then a flag takes the color of the highest open severity, and a resolved one says so", () => {
      const flags = byAttr(root, "data-edge-case-flag");
      // h2: high + critical, both open -> critical. h4: only a mitigated one -> none.
      expect(flags.get(`${edgeCaseLabel(1)} ${edgeCaseLabel(2)}`)?.attrs.get("data-severity")).toBe(
        "critical",
      );
      expect(flags.get(edgeCaseLabel(3))?.attrs.get("data-severity")).toBe("none");
    });
  });

  describe("given long lane and phase names in small bands", () => {
    const long = "Customer success, onboarding and professional services (EMEA and APAC)";
    const map = makeMap({
      lanes: [makeLane({ id: "a", name: long })],
      phases: [makePhase({ id: "p", name: long })],
      steps: [makeStep({ id: "s", lane: "a", phase: "p", label: "x" })],
      handoffs: [
        makeHandoff({
          id: "h",
          from: "s",
          to: "s",
          label: long,
          edgeCases: [makeEdgeCase({ id: "e", title: long })],
        }),
      ],
    });
    it("then the names wrap onto several lines and are never cut short", () => {
      const root = parseSvg(renderSvg(map, gridLayout(map, { laneHeaderWidth: 120, phaseHeaderHeight: 40 })));
      const laneName = Array.from(walk(root)).find((e) => e.attrs.get("data-role") === "lane-name");
      const phaseName = Array.from(walk(root)).find((e) => e.attrs.get("data-role") === "phase-name");
      expect(tspanLines(laneName ?? root).length).toBeGreaterThan(1);
      expect(squash(tspanLines(laneName ?? root).join(""))).toBe(squash(long));
      expect(squash(tspanLines(phaseName ?? root).join(""))).toBe(squash(long));
      expect(textContent(root)).not.toContain("…");
    });
  });
});
