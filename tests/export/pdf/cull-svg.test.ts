import { describe, expect, it } from "vitest";
import { cullSvg } from "../../../src/export/pdf/cull-svg";
import { renderSvg } from "../../../src/export/render-svg";
import { generatedMap, gridLayout } from "../../fixtures/export-fixtures";
import { parseSvg, walk } from "../svg-tree";

const ids = (svg: string, attr: string) =>
  [...walk(parseSvg(svg))].map((el) => el.attrs.get(attr)).filter((id) => id !== undefined);

describe("cullSvg", () => {
  const map = generatedMap(60);
  const layout = gridLayout(map);
  const svg = renderSvg(map, layout);

  it("given the whole drawing, then nothing is left out", () => {
    expect(cullSvg(svg, layout, { x: -1e6, y: -1e6, width: 2e6, height: 2e6 })).toBe(svg);
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
    // Lanes, phases, legend and register are all still there.
    expect(ids(culled, "data-lane-id")).toEqual(ids(svg, "data-lane-id"));
    expect(ids(culled, "data-edge-case-id")).toEqual(ids(svg, "data-edge-case-id"));
  });
});
