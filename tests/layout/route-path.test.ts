import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { flatPath, pathPoints, pointCount } from "../../src/layout/route-path";
import { createTemplate } from "../../src/model/templates";

const point = fc.record({
  x: fc.integer({ min: -5000, max: 5000 }),
  y: fc.integer({ min: -5000, max: 5000 }),
});

describe("route paths", () => {
  it("stores points flat, x then y, and gives them back unchanged", () => {
    expect(
      flatPath([
        { x: 0, y: 10 },
        { x: 40, y: 10 },
        { x: 40, y: 90 },
      ]),
    ).toEqual([0, 10, 40, 10, 40, 90]);
    expect(pathPoints([0, 10, 40, 10])).toEqual([
      { x: 0, y: 10 },
      { x: 40, y: 10 },
    ]);
    expect(pointCount([0, 10, 40, 10, 40, 90])).toBe(3);
    expect(pathPoints([])).toEqual([]);
    fc.assert(
      fc.property(fc.array(point, { maxLength: 12 }), (points) => {
        const path = flatPath(points);
        expect(path).toHaveLength(points.length * 2);
        expect(pointCount(path)).toBe(points.length);
        expect(pathPoints(path)).toEqual(points);
      }),
    );
  });

  it("ignores a dangling x (a path of odd length is cut to whole points)", () => {
    expect(pathPoints([1, 2, 3])).toEqual([{ x: 1, y: 2 }]);
    expect(pointCount([1, 2, 3])).toBe(1);
  });

  it("is what the layout hands out: a flat array of whole numbers, two per point", async () => {
    const layout = await layoutMap(createNodeElk(), createTemplate("revops"), { mode: "auto" });
    expect(layout.handoffs.length).toBeGreaterThan(0);
    for (const route of layout.handoffs) {
      expect(route.path.length % 2).toBe(0);
      expect(pointCount(route.path)).toBeGreaterThanOrEqual(2);
      expect(route.path.every((v) => Number.isInteger(v))).toBe(true);
    }
  });
});
