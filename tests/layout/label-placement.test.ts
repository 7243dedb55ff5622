/**
 * The label placer shared by the SVG export and the canvas: boxes and placed labels are hard
 * obstacles, other handoffs' routes soft ones, a label's own route none.
 */
import { describe, expect, it } from "vitest";
import { edgeCaseFlagText, measureHandoffLabel } from "../../src/layout/handoff-label";
import { createLabelPlacer, createLayoutLabelPlacer } from "../../src/layout/label-placement";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { flatPath, pathPoints } from "../../src/layout/route-path";
import type { HandoffRoute, MapLayout, Point, Rect } from "../../src/layout/types";
import { edgeCaseLabel, highestOpenSeverity, registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";

const bounds: Rect = { x: 0, y: 0, width: 1000, height: 1000 };
const size = { width: 80, height: 20 };

function route(id: string, points: Point[], labelAnchor?: Point): HandoffRoute {
  const first = points[0] ?? { x: 0, y: 0 };
  return { id, path: flatPath(points), labelAnchor: labelAnchor ?? first };
}

function block(at: Point): Rect {
  return { x: at.x, y: at.y, ...size };
}

/** Does the block touch any segment of the route (a zero-thickness line, 2 px of air)? */
function crosses(r: Rect, other: HandoffRoute): boolean {
  const points = pathPoints(other.path);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const sx = Math.min(a.x, b.x);
    const sy = Math.min(a.y, b.y);
    const sw = Math.abs(b.x - a.x);
    const sh = Math.abs(b.y - a.y);
    if (r.x < sx + sw + 2 && sx < r.x + r.width + 2 && r.y < sy + sh + 2 && sy < r.y + r.height + 2)
      return true;
  }
  return false;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("label placer: other routes are obstacles", () => {
  // A horizontal handoff whose anchor sits where a vertical line crosses it.
  const own = route(
    "own",
    [
      { x: 100, y: 500 },
      { x: 700, y: 500 },
    ],
    { x: 400, y: 500 },
  );
  const crossing = route("crossing", [
    { x: 400, y: 100 },
    { x: 400, y: 900 },
  ]);

  it("given a line through the anchor, when placing with routes, then the label moves off that line", () => {
    const placer = createLabelPlacer([], bounds, { routes: [own, crossing] });
    const at = placer.place(own, size);
    expect(crosses(block(at), crossing)).toBe(false);
    // Still on its own line: slid along it, not floated away.
    expect(at.y).toBeLessThanOrEqual(500);
    expect(at.y + size.height).toBeGreaterThanOrEqual(500);
  });

  it("given no routes, when placing, then the anchor wins as before (the API without options is unchanged)", () => {
    const at = createLabelPlacer([], bounds).place(own, size);
    expect(at).toEqual({ x: 400 - size.width / 2, y: 500 - size.height / 2 });
  });

  it("given its own route only, when placing, then the label sits centered on its anchor", () => {
    const at = createLabelPlacer([], bounds, { routes: [own] }).place(own, size);
    expect(at).toEqual({ x: 360, y: 490 });
  });

  it("given every spot clear of lines is on a box, when placing, then a line is covered rather than a box", () => {
    // A short handoff between two boxes, a line running along it above and below: every
    // candidate clear of both lines is on a box or out of bounds.
    const short = route(
      "short",
      [
        { x: 200, y: 500 },
        { x: 300, y: 500 },
      ],
      { x: 250, y: 500 },
    );
    const boxes: Rect[] = [
      { x: 0, y: 400, width: 200, height: 200 },
      { x: 300, y: 400, width: 200, height: 200 },
    ];
    const lines = [-60, -40, -25, -10, 10, 25, 40, 60].map((dy, i) =>
      route(`line${i}`, [
        { x: 150, y: 500 + dy },
        { x: 350, y: 500 + dy },
      ]),
    );
    const placer = createLabelPlacer(boxes, bounds, { routes: [short, ...lines] });
    const r = block(placer.place(short, size));
    for (const box of boxes) expect(overlaps(r, box)).toBe(false);
  });

  it("given a label already placed, when the next one competes for the spot, then it does not cover it", () => {
    const a = route(
      "a",
      [
        { x: 100, y: 300 },
        { x: 600, y: 300 },
      ],
      { x: 350, y: 300 },
    );
    const b = route(
      "b",
      [
        { x: 100, y: 300 },
        { x: 600, y: 300 },
      ],
      { x: 350, y: 300 },
    );
    const placer = createLabelPlacer([], bounds, { routes: [a, b] });
    const first = block(placer.place(a, size));
    const second = block(placer.place(b, size));
    expect(overlaps(first, second)).toBe(false);
  });
});

describe("label blocks on the template (placed by the layout, drawn by the SVG export and the canvas)", () => {
  /** What the layout's last stage must give: a fresh placer run over the routes in map order. */
  function placeAfresh(map: HandoffMap, layout: MapLayout) {
    const numbers = new Map(registerRows(map).map((r) => [r.edgeCase.id, r.number]));
    const placer = createLayoutLabelPlacer(layout);
    const routes = new Map(layout.handoffs.map((r) => [r.id, r]));
    const placed = new Map<string, Rect>();
    for (const handoff of map.handoffs) {
      const r = routes.get(handoff.id);
      if (r === undefined) continue;
      const flag =
        handoff.edgeCases.length === 0
          ? null
          : edgeCaseFlagText(
              handoff.edgeCases.map((ec) => edgeCaseLabel(numbers.get(ec.id) ?? 0)),
              highestOpenSeverity(handoff.edgeCases) !== null,
            );
      const s = measureHandoffLabel(handoff.label, flag);
      if (s.width === 0) continue;
      const at = placer.place(r, s);
      placed.set(handoff.id, { x: at.x, y: at.y, width: s.width, height: s.height });
    }
    return placed;
  }

  /** The blocks the layout placed. */
  function placeAll(_map: HandoffMap, layout: MapLayout): Map<string, Rect> {
    const placed = new Map<string, Rect>();
    for (const route of layout.handoffs) if (route.labelBlock) placed.set(route.id, route.labelBlock);
    return placed;
  }

  it("given the template laid out, then every route's label block is the placer's spot for the measured block", async () => {
    const map = createRevOpsTemplate();
    const layout = await layoutMap(createNodeElk(), map);
    const blocks = placeAll(map, layout);
    expect(blocks.size).toBeGreaterThan(5);
    expect(blocks).toEqual(placeAfresh(map, layout));
  });

  it("given a handoff without label or edge cases, then its route carries no label block", async () => {
    const template = createRevOpsTemplate();
    const [first, ...rest] = template.handoffs;
    if (first === undefined) throw new Error("template changed");
    const map = { ...template, handoffs: [{ ...first, label: "", edgeCases: [] }, ...rest] };
    const layout = await layoutMap(createNodeElk(), map);
    const route = layout.handoffs.find((r) => r.id === first.id);
    expect(route).toBeDefined();
    expect(route?.labelBlock).toBeUndefined();
    expect(layout.handoffs.filter((r) => r.labelBlock !== undefined)).toHaveLength(rest.length);
  });

  it("puts every label clear of the boxes and of every other handoff's route", async () => {
    const map = createRevOpsTemplate();
    const layout = await layoutMap(createNodeElk(), map);
    const placed = await placeAll(map, layout);
    expect(placed.size).toBe(
      map.handoffs.filter((h) => h.label.trim() !== "" || h.edgeCases.length > 0).length,
    );
    for (const [id, r] of placed) {
      for (const box of layout.steps) expect(overlaps(r, box), `${id} on ${box.id}`).toBe(false);
      for (const other of layout.handoffs) {
        if (other.id === id) continue;
        expect(crosses(r, other), `${id}'s label on ${other.id}'s line`).toBe(false);
      }
    }
  });

  it("puts every label block at whole pixels, like the layout it is placed on", async () => {
    const map = createRevOpsTemplate();
    const layout = await layoutMap(createNodeElk(), map);
    const placed = await placeAll(map, layout);
    expect(placed.size).toBeGreaterThan(5);
    for (const [id, r] of placed)
      expect([r.x, r.y, r.width, r.height].every(Number.isInteger), `${id}: ${JSON.stringify(r)}`).toBe(true);
  });

  it('keeps "qualified opportunity" off the "expansion opportunity" back edge', async () => {
    const map = createRevOpsTemplate();
    const layout = await layoutMap(createNodeElk(), map);
    const placed = await placeAll(map, layout);
    const qualified = map.handoffs.find((h) => h.label === "qualified opportunity");
    const expansion = map.handoffs.find((h) => h.label === "expansion opportunity");
    const label = placed.get(qualified?.id ?? "");
    const backEdge = layout.handoffs.find((r) => r.id === expansion?.id);
    if (label === undefined || backEdge === undefined) throw new Error("template changed");
    expect(crosses(label, backEdge)).toBe(false);
  });
});
