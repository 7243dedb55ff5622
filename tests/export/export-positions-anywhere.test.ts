/**
 * No valid map reaches the renderer with geometry it cannot draw: for steps placed anywhere the
 * file format allows (±1,000,000, negative, fractional), the SVG's viewBox holds every drawn
 * element, and resvg (which aborts the whole process on an arrowhead wholly outside the picture)
 * draws the PNG at the CLI's scale caps.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPng } from "../../src/cli/render-png";
import { renderSvg } from "../../src/export/render-svg";
import { layoutForPositions } from "../../src/layout/layout-map";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryPlacedMap } from "../fixtures/arbitrary-map";
import { makeMap } from "../fixtures/maps";
import { edgeCase } from "../fixtures/model-maps";
import { parseSvg, type SvgElement, svgPathPoints } from "./svg-tree";

/** Labels and edge cases on some handoffs, so flags and label blocks are drawn too. */
function withLabels(map: HandoffMap): HandoffMap {
  return {
    ...map,
    handoffs: map.handoffs.map((h, i) => ({
      ...h,
      label: i % 2 === 0 ? "hand over the signed order form" : h.label,
      edgeCases: i % 3 === 0 ? [edgeCase(`ec-${h.id}`)] : [],
    })),
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every point an element draws at (skipping <defs>, whose markers are drawn at path ends). */
function drawnPoints(element: SvgElement, into: Array<{ x: number; y: number; what: string }>): void {
  if (element.name === "defs") return;
  const a = (name: string) => Number(element.attrs.get(name));
  const what = `<${element.name} ${[...element.attrs].map(([k, v]) => `${k}="${v.slice(0, 40)}"`).join(" ")}>`;
  const add = (x: number, y: number) => into.push({ x, y, what });
  switch (element.name) {
    case "rect":
      add(a("x"), a("y"));
      add(a("x") + a("width"), a("y") + a("height"));
      break;
    case "line":
      add(a("x1"), a("y1"));
      add(a("x2"), a("y2"));
      break;
    case "circle":
      add(a("cx") - a("r"), a("cy") - a("r"));
      add(a("cx") + a("r"), a("cy") + a("r"));
      break;
    case "polygon":
    case "polyline":
      for (const pair of (element.attrs.get("points") ?? "").trim().split(/\s+/)) {
        const [x, y] = pair.split(",").map(Number);
        add(x ?? Number.NaN, y ?? Number.NaN);
      }
      break;
    case "path":
      for (const p of svgPathPoints(element.attrs.get("d") ?? "")) add(p.x, p.y);
      break;
    case "text":
    case "tspan":
      if (element.attrs.has("x")) add(a("x"), a("y"));
      break;
  }
  for (const child of element.children) if (typeof child !== "string") drawnPoints(child, into);
}

function outsideViewBox(svg: string): string[] {
  const root = parseSvg(svg);
  const [x, y, width, height] = (root.attrs.get("viewBox") ?? "").split(" ").map(Number);
  const view: Box = { x: x ?? Number.NaN, y: y ?? Number.NaN, width: width ?? 0, height: height ?? 0 };
  const points: Array<{ x: number; y: number; what: string }> = [];
  for (const child of root.children) if (typeof child !== "string") drawnPoints(child, points);
  return points
    .filter(
      (p) => !(p.x >= view.x && p.x <= view.x + view.width && p.y >= view.y && p.y <= view.y + view.height),
    )
    .slice(0, 5)
    .map((p) => `${p.what} draws at (${p.x}, ${p.y}), outside ${JSON.stringify(view)}`);
}

describe("export of steps placed anywhere the format allows", () => {
  it("property: the SVG's viewBox holds every drawn element", () => {
    fc.assert(
      fc.property(arbitraryPlacedMap(8).map(withLabels), (map) => {
        const svg = renderSvg(map, layoutForPositions(map));
        expect(outsideViewBox(svg)).toEqual([]);
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });

  it("property: the PNG renders at the CLI's scale caps without aborting", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPlacedMap(5).map(withLabels), async (map) => {
        const svg = renderSvg(map, layoutForPositions(map), { register: false });
        const image = await renderPng(svg);
        expect(image.png.byteLength).toBeGreaterThan(0);
      }),
      { numRuns: 6, seed: 20261208 },
    );
  }, 60_000);

  it("given a step at x -5000 (the reported crash), the PNG renders and holds the step", async () => {
    const map = withLabels(
      makeMap({
        lanes: ["a", "b"],
        steps: [
          { id: "s0", lane: "a", position: { x: 40, y: 20 } },
          { id: "s1", lane: "b", position: { x: -5000, y: 20 } },
          { id: "s2", lane: "a", position: { x: -4800, y: -900 } },
        ],
        handoffs: [
          ["s1", "s2"],
          ["s2", "s0"],
        ],
      }),
    );
    const layout = layoutForPositions(map);
    const svg = renderSvg(map, layout);
    expect(outsideViewBox(svg)).toEqual([]);
    const image = await renderPng(svg, { scale: 1 });
    expect(image.width).toBeGreaterThan(5000);
  });
});
