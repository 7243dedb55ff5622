import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cullIndexed, cullSvg, indexSvg } from "../../../src/export/pdf/cull-svg";
import { planTiles } from "../../../src/export/pdf/tile-pages";
import { renderSvg } from "../../../src/export/render-svg";
import { pathPoints } from "../../../src/layout/route-path";
import type { Rect } from "../../../src/layout/types";
import { generatedMap, gridLayout } from "../../fixtures/export-fixtures";
import { parseSvg, walk } from "../svg-tree";

const ids = (svg: string, attr: string) =>
  [...walk(parseSvg(svg))].map((el) => el.attrs.get(attr)).filter((id) => id !== undefined);

const meets = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("cullSvg", () => {
  const map = generatedMap(60);
  const layout = gridLayout(map);
  const svg = renderSvg(map, layout);
  const index = indexSvg(svg, layout);

  it("given the whole drawing, then nothing is left out", () => {
    expect(cullSvg(svg, layout, { x: -1e6, y: -1e6, width: 2e6, height: 2e6 })).toBe(svg);
    expect(cullIndexed(index, { x: -1e6, y: -1e6, width: 2e6, height: 2e6 })).toBe(svg);
  });

  it("given a window, then it keeps exactly the steps whose boxes meet it, and stays well-formed", () => {
    const area = { x: 0, y: 0, width: layout.width / 3, height: layout.height };
    const culled = cullSvg(svg, layout, area);
    const expected = layout.steps
      .filter((b) => b.x < area.x + area.width && b.x + b.width > area.x)
      .map((b) => b.id)
      .sort();
    expect(ids(culled, "data-step-id").sort()).toEqual(expected);
    expect(ids(culled, "data-handoff-id").length).toBeLessThan(map.handoffs.length);
    // Every lane crosses the window (it is as tall as the diagram); edge-case flags and the
    // register (below the diagram, kept on every tile) are all still there.
    expect(ids(culled, "data-lane-id")).toEqual(ids(svg, "data-lane-id"));
    expect(ids(culled, "data-edge-case-id")).toEqual(ids(svg, "data-edge-case-id"));
    // Phases are kept where their column meets the window, no others.
    const phases = layout.phases
      .filter((c) => c.x < area.x + area.width && c.x + c.width > area.x)
      .map((c) => c.id);
    expect(ids(culled, "data-phase-id")).toEqual(phases);
    expect(phases.length).toBeLessThan(layout.phases.length);
  });

  it("given any window, then every step, lane, phase and handoff route on it is kept, in order, and the SVG parses", () => {
    const { width, height } = layout;
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: width, noNaN: true }),
        fc.double({ min: -200, max: height, noNaN: true }),
        fc.double({ min: 1, max: width, noNaN: true }),
        fc.double({ min: 1, max: height, noNaN: true }),
        (x, y, w, h) => {
          const area = { x, y, width: w, height: h };
          const culled = cullIndexed(index, area);
          expect(cullSvg(svg, layout, area)).toBe(culled);
          const steps = ids(culled, "data-step-id");
          // Exactly the steps whose boxes meet the window, in the document's order.
          expect(steps).toEqual(layout.steps.filter((b) => meets(b, area)).map((b) => b.id));
          const lanes = new Set(ids(culled, "data-lane-id"));
          // A lane's band runs the diagram's width, a phase's column its height.
          for (const band of layout.lanes)
            expect(lanes.has(band.id)).toBe(meets({ x: 0, y: band.y, width, height: band.height }, area));
          const phases = new Set(ids(culled, "data-phase-id"));
          for (const column of layout.phases)
            expect(phases.has(column.id)).toBe(
              meets({ x: column.x, y: 0, width: column.width, height }, area),
            );
          // A handoff with a route corner inside the window is always drawn (its label may be
          // kept beyond: the bounds are generous, never short).
          const handoffs = new Set(ids(culled, "data-handoff-id"));
          for (const route of layout.handoffs) {
            const inside = pathPoints(route.path).some(
              (p) => p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h,
            );
            if (inside) expect(handoffs.has(route.id)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("given the tiles of a page plan, then every step is on at least one tile", () => {
    const plan = planTiles(layout, { width: 500, height: 300 }, { minScale: 0.5, overlap: 24 });
    expect(plan.tiles.length).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (const tile of plan.tiles)
      for (const id of ids(cullIndexed(index, tile), "data-step-id")) seen.add(id);
    expect([...seen].sort()).toEqual(layout.steps.map((b) => b.id).sort());
  });
});
