/**
 * The layout's one spatial index: whatever the cell size and however far apart the items, a query
 * visits every item that meets the area, and none twice.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpatialGrid } from "../../src/layout/spatial-grid";

const span = fc
  .tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 3000 }))
  .map(([start, length]) => [start, start + length] as const);
const box = fc.tuple(span, span).map(([[x1, x2], [y1, y2]]) => ({ x1, y1, x2, y2 }));

function meets(a: { x1: number; y1: number; x2: number; y2: number }, b: typeof a): boolean {
  return a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
}

describe("SpatialGrid", () => {
  it("given random items and a random area, when queried, then every item meeting it is visited exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(box, { maxLength: 40 }),
        box,
        fc.constantFrom(16, 128, 256),
        (items, area, cell) => {
          const grid = new SpatialGrid<number>(cell);
          items.forEach((b, i) => {
            grid.add(b.x1, b.y1, b.x2, b.y2, i);
          });
          const visits: number[] = [];
          grid.forEachIn(area.x1, area.y1, area.x2, area.y2, (i) => visits.push(i));
          expect(new Set(visits).size).toBe(visits.length);
          items.forEach((b, i) => {
            if (meets(b, area)) expect(visits).toContain(i);
          });
        },
      ),
    );
  });

  it("given an item far from the area, when queried, then it is not visited", () => {
    const grid = new SpatialGrid<string>(256);
    grid.add(0, 0, 100, 40, "near");
    grid.add(1_000_000, 0, 1_000_100, 40, "far");
    const visits: string[] = [];
    grid.forEachIn(90, 30, 300, 60, (item) => visits.push(item));
    expect(visits).toEqual(["near"]);
  });

  it("given an item that passes the test, when asked for some, then it answers true and stops", () => {
    const grid = new SpatialGrid<number>(64);
    for (let i = 0; i < 10; i++) grid.add(i * 10, 0, i * 10 + 5, 5, i);
    let tested = 0;
    const found = grid.some(0, 0, 1000, 10, (i) => {
      tested++;
      return i >= 0;
    });
    expect(found).toBe(true);
    expect(tested).toBe(1);
    expect(grid.some(0, 0, 1000, 10, () => false)).toBe(false);
  });
});
