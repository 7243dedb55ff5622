import { describe, expect, it } from "vitest";
import { sliceMap } from "../../../src/export/slides/slice-map";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { fitLayoutViewport, headerSizes } from "../../../src/ui/canvas/canvas-geometry";
import { centerYWithinLanes, fitContentViewport } from "../../../src/ui/canvas/focus-viewport";

const focused = () =>
  layoutForPositions(
    sliceMap(createRevOpsTemplate(), { lanes: ["sales", "deal-desk"] }, undefined, { positions: "keep" }).map,
  );

describe("viewports of a lane focus", () => {
  it("Fit view fits the steps drawn, larger than the whole width would allow, every one on screen", () => {
    const layout = focused();
    const [width, height] = [980, 560];
    const content = fitContentViewport(layout, layout.steps, width, height);
    const whole = fitLayoutViewport(layout, width, height);
    expect(content.zoom).toBeGreaterThan(whole.zoom);
    const { column, row } = headerSizes(layout, content.zoom);
    for (const box of layout.steps) {
      const left = box.x * content.zoom + content.x;
      const top = box.y * content.zoom + content.y;
      expect(left).toBeGreaterThanOrEqual(column);
      expect(left + box.width * content.zoom).toBeLessThanOrEqual(width);
      expect(top).toBeGreaterThanOrEqual(row);
      expect(top + box.height * content.zoom).toBeLessThanOrEqual(height);
    }
  });

  it("centring on a step of the first lane keeps the first lane under the header row", () => {
    const layout = focused();
    const zoom = 1.25;
    const first = layout.steps.find((b) => b.id === "discovery");
    if (first === undefined) throw new Error("no Discovery");
    const height = 700;
    const cy = centerYWithinLanes(layout, first.y + first.height / 2, zoom, height);
    const y = height / 2 - cy * zoom;
    // the lane area's top is at the header row, not below it
    expect(layout.phaseHeaderHeight * zoom + y).toBeCloseTo(headerSizes(layout, zoom).row, 5);
    // and the step is on screen
    expect(first.y * zoom + y).toBeGreaterThanOrEqual(0);
    expect((first.y + first.height) * zoom + y).toBeLessThanOrEqual(height);
  });
});
