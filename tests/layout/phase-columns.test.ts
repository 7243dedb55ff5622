import { describe, expect, it } from "vitest";
import { sliceMap } from "../../src/export/slides/slice-map";
import { originX, phaseAt } from "../../src/layout/geometry";
import { firstPaintLayout, layoutForPositions, type PhaseSpan } from "../../src/layout/layout-map";
import type { MapLayout } from "../../src/layout/types";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";

/** The whole map's phase columns in file x, as the lane focus passes them. */
function columnsOf(layout: MapLayout): PhaseSpan[] {
  return layout.phases.map((c) => ({ id: c.id, x: c.x - originX(layout), width: c.width }));
}

/** The phase under file x in a layout. */
const phaseAtFileX = (layout: MapLayout, x: number) => phaseAt(layout, x + originX(layout))?.id;

describe("keep layout with given phase columns (lane focus)", () => {
  it("given the template cut to Sales, when laid out with the whole map's columns, then every phase is where the whole map draws it", () => {
    const map = createRevOpsTemplate();
    const whole = layoutForPositions(map);
    const slice = sliceMap(map, { lanes: ["sales"] }, undefined, { positions: "keep" });
    const own = layoutForPositions(slice.map);
    const given = layoutForPositions(slice.map, { phaseColumns: columnsOf(whole) });
    expect(given.phases).toEqual(whole.phases);
    expect(given.width).toBeGreaterThanOrEqual(whole.width);
    // Without them the columns follow the few steps shown, and differ.
    expect(own.phases).not.toEqual(whole.phases);
    // The same for the quick first picture.
    expect(firstPaintLayout(slice.map, { phaseColumns: columnsOf(whole) })?.phases).toEqual(whole.phases);
  });

  it("given a whole map shifted into the frame (a step at a negative x), then file x still finds the same phase", () => {
    const template = createRevOpsTemplate();
    const map: HandoffMap = {
      ...template,
      steps: template.steps.map((s) =>
        s.id === "prospect-raises-hand" ? { ...s, position: { x: -300, y: s.position?.y ?? 0 } } : s,
      ),
    };
    const whole = layoutForPositions(map);
    expect(whole.shiftX ?? 0).toBeGreaterThan(0);
    const slice = sliceMap(map, { lanes: ["deal-desk"] }, undefined, { positions: "keep" });
    const focused = layoutForPositions(slice.map, { phaseColumns: columnsOf(whole) });
    for (let x = 0; x < 2400; x += 37) expect(phaseAtFileX(focused, x)).toBe(phaseAtFileX(whole, x));
  });

  it("a phase the columns do not list starts where the one before ends", () => {
    const map = createRevOpsTemplate();
    const whole = layoutForPositions(map);
    const columns = columnsOf(whole).filter((c) => c.id !== "execution");
    const layout = layoutForPositions(map, { phaseColumns: columns });
    const [engagement, execution] = layout.phases;
    expect(execution?.x).toBe((engagement?.x ?? 0) + (engagement?.width ?? 0));
  });
});
