import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGE_SIZES, pageSize } from "../../../src/export/pdf/page-sizes";
import { planTiles } from "../../../src/export/pdf/tile-pages";

describe("planTiles", () => {
  it("given a drawing that reads when fitted, then one page at the fitting scale", () => {
    const plan = planTiles({ width: 2000, height: 600 }, { width: 1000, height: 700 }, { minScale: 0.3 });
    expect(plan).toMatchObject({ scale: 0.5, rows: 1, columns: 1, overlap: 0 });
    expect(plan.tiles).toEqual([{ row: 0, column: 0, x: 0, y: 0, width: 2000, height: 600 }]);
  });

  it("given a drawing too small when fitted, then tiles at the readable scale, overlapping", () => {
    const plan = planTiles(
      { width: 4000, height: 1000 },
      { width: 1000, height: 700 },
      { minScale: 0.5, overlap: 20 },
    );
    expect(plan.scale).toBe(0.5);
    // A tile is 2000 x 1400 drawing units; neighbours share 40 of them.
    expect(plan.overlap).toBe(40);
    expect(plan.columns).toBe(3);
    expect(plan.rows).toBe(1);
    expect(plan.tiles.map((t) => t.x)).toEqual([0, 1960, 3920]);
    expect(plan.tiles.at(-1)?.width).toBe(80);
  });

  it("covers the whole drawing, row by row, every tile inside the page", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom(...PAGE_SIZES),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (width, height, page, minScale) => {
          const size = pageSize(page);
          const plan = planTiles({ width, height }, size, { minScale });
          expect(plan.tiles).toHaveLength(plan.rows * plan.columns);
          const last = plan.tiles.at(-1);
          expect(last?.x !== undefined && last.x + last.width).toBeCloseTo(width, 6);
          expect(last?.y !== undefined && last.y + last.height).toBeCloseTo(height, 6);
          for (const tile of plan.tiles) {
            expect(tile.width * plan.scale).toBeLessThanOrEqual(size.width + 1e-6);
            expect(tile.height * plan.scale).toBeLessThanOrEqual(size.height + 1e-6);
          }
          plan.tiles.forEach((tile, i) => {
            expect(tile.row * plan.columns + tile.column).toBe(i);
          });
          expect(plan.scale).toBeGreaterThanOrEqual(
            Math.min(minScale, size.width / width, size.height / height) - 1e-9,
          );
        },
      ),
    );
  });
});

describe("pageSize", () => {
  it("is landscape by default and portrait when asked", () => {
    expect(pageSize("a4")).toEqual({ width: 841.89, height: 595.28 });
    expect(pageSize("letter", "portrait")).toEqual({ width: 612, height: 792 });
    expect(pageSize("tabloid")).toEqual({ width: 1224, height: 792 });
  });
});
