import { describe, expect, it } from "vitest";
import { BROWSER_CANVAS_LIMITS } from "../../../src/export/png-size";
import { pngCanvasSize } from "../../../src/ui/files/png";

const svgOf = (width: number, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="-32 -80 ${width} ${height}"></svg>`;

describe("the browser PNG's canvas size", () => {
  it("given a small diagram, then it is the SVG's size times the asked scale", () => {
    expect(pngCanvasSize(svgOf(1200, 800), 2)).toEqual({ width: 2400, height: 1600 });
  });

  it("given a large map, then the canvas stays within Safari's area limit (a larger one draws blank)", () => {
    const size = pngCanvasSize(svgOf(6000, 4000), 2);
    expect(size.width * size.height).toBeLessThanOrEqual(BROWSER_CANVAS_LIMITS.maxPixels);
    expect(size.width / size.height).toBeCloseTo(1.5, 2);
  });

  it("given a very wide map, then no side passes the browser's side limit", () => {
    const size = pngCanvasSize(svgOf(40_000, 600), 2);
    expect(size.width).toBeLessThanOrEqual(BROWSER_CANVAS_LIMITS.maxSide);
    expect(size.height).toBeGreaterThanOrEqual(1);
  });

  it("given an SVG without a size, then it says so", () => {
    expect(() => pngCanvasSize("<svg></svg>", 2)).toThrow(/no size/);
  });
});
