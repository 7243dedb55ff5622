/**
 * What the router adds beyond the geometry invariants: spread ports, separated parallel lines,
 * few crossings, and label anchors where the label block fits.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { pathPoints } from "../../src/layout/route-path";
import type { MapLayout, Point, Rect } from "../../src/layout/types";
import { createRevOpsTemplate } from "../../src/model/templates";
import { AWKWARD_MAPS } from "../fixtures/maps";
import { layoutViolations } from "./invariants";
import { labelBlocks } from "./label-blocks";

const elk = createNodeElk();

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function ends(layout: MapLayout): Point[] {
  return layout.handoffs
    .map((h) => pathPoints(h.path))
    .flatMap((points) => [points[0], points[points.length - 1]])
    .filter((p) => !!p);
}

/** Total length along which segments of two different routes lie on top of one another. */
function sharedLength(layout: MapLayout): number {
  const segments: Array<{ route: number; horizontal: boolean; fixed: number; lo: number; hi: number }> = [];
  layout.handoffs.forEach((h, route) => {
    const points = pathPoints(h.path);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (!a || !b) continue;
      const horizontal = a.y === b.y;
      segments.push({
        route,
        horizontal,
        fixed: horizontal ? a.y : a.x,
        lo: horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y),
        hi: horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y),
      });
    }
  });
  let shared = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i];
      const b = segments[j];
      if (!a || !b || a.route === b.route || a.horizontal !== b.horizontal || a.fixed !== b.fixed) continue;
      shared += Math.max(0, Math.min(a.hi, b.hi) - Math.max(a.lo, b.lo));
    }
  }
  return shared;
}

describe("routes on the RevOps template", () => {
  const map = createRevOpsTemplate();
  let layout: MapLayout;
  beforeAll(async () => {
    layout = await layoutMap(elk, map, { mode: "auto" });
  });

  it("keeps every geometry invariant", () => {
    expect(layoutViolations(map, layout)).toEqual([]);
  });

  it("given steps with several handoffs on one side, then every handoff has its own end point", () => {
    const seen = new Set<string>();
    for (const p of ends(layout)) {
      const key = `${p.x},${p.y}`;
      expect(seen.has(key), `two handoffs end at ${key}`).toBe(false);
      seen.add(key);
    }
  });

  it("no two handoffs run on top of one another", () => {
    expect(sharedLength(layout)).toBe(0);
  });

  it("decision steps are met at the middle of a side (the diamond's corners), one handoff per corner", () => {
    const decisions = new Set(map.steps.filter((s) => s.kind === "decision").map((s) => s.id));
    const boxes = new Map(layout.steps.map((b) => [b.id, b]));
    const routes = new Map(layout.handoffs.map((h) => [h.id, h]));
    for (const h of map.handoffs) {
      const points = pathPoints(routes.get(h.id)?.path ?? []);
      for (const [id, p] of [
        [h.from, points[0]],
        [h.to, points[points.length - 1]],
      ] as const) {
        const box = boxes.get(id);
        if (!decisions.has(id) || !box || !p) continue;
        const atMiddle = p.x === box.x + box.width / 2 || p.y === box.y + box.height / 2;
        expect(atMiddle, `handoff ${h.id} meets decision ${id} off its corners`).toBe(true);
      }
    }
  });

  it("every cross-lane label block fits at its anchor without covering a step, and no two blocks overlap", () => {
    const blocks = [...labelBlocks(map, layout)];
    const lane = new Map(map.steps.map((s) => [s.id, s.lane]));
    const crossLane = new Set(
      map.handoffs.filter((h) => lane.get(h.from) !== lane.get(h.to)).map((h) => h.id),
    );
    const covering: string[] = [];
    for (const [id, block] of blocks) {
      if (layout.steps.some((box) => overlaps(block, box))) covering.push(id);
    }
    // In-lane handoffs between neighbouring steps (64 px apart) have no room for a label on the
    // line at all: the SVG and canvas placers put those beside the route. Known, counted here.
    expect(covering.filter((id) => crossLane.has(id))).toEqual([]);
    expect(covering.length).toBeLessThanOrEqual(5);
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const [a, ra] = blocks[i] ?? ["", undefined];
        const [b, rb] = blocks[j] ?? ["", undefined];
        if (ra && rb) expect(overlaps(ra, rb), `labels of ${a} and ${b} overlap`).toBe(false);
      }
    }
  });
});

describe("routes on awkward maps", () => {
  for (const [name, make] of AWKWARD_MAPS) {
    it(`${name}: invariants hold, and labels stay off the steps wherever a route has room`, async () => {
      const map = make();
      const layout = await layoutMap(elk, map, { mode: "auto" });
      expect(layoutViolations(map, layout)).toEqual([]);
      const blocks = labelBlocks(map, layout);
      let covering = 0;
      for (const block of blocks.values()) if (layout.steps.some((box) => overlaps(block, box))) covering++;
      // Short in-lane handoffs between neighbours have no room on the route at all; those fall
      // back to the export's placer. Most labels must fit.
      expect(covering).toBeLessThanOrEqual(Math.ceil(blocks.size / 2));
    });
  }
});
