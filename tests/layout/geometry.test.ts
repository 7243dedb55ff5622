import { describe, expect, it } from "vitest";
import { filePositions, fromFilePosition, laneAt, phaseAt, toFilePosition } from "../../src/layout/geometry";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { createRevOpsTemplate } from "../../src/model/templates";

describe("layout geometry helpers", async () => {
  const map = createRevOpsTemplate();
  const layout = await layoutMap(createNodeElk(), map, { mode: "auto" });

  it("file position and absolute corner convert both ways", () => {
    for (const step of map.steps) {
      const box = layout.steps.find((b) => b.id === step.id);
      if (!box) throw new Error(step.id);
      const position = toFilePosition(layout, box, step.lane);
      expect(position).toBeDefined();
      if (position) expect(fromFilePosition(layout, position, step.lane)).toEqual({ x: box.x, y: box.y });
    }
    expect(toFilePosition(layout, { x: 0, y: 0 }, "no such lane")).toBeUndefined();
  });

  it("filePositions gives every step a position inside its band", () => {
    const positions = filePositions(layout, new Map(map.steps.map((s) => [s.id, s.lane])));
    expect(positions.size).toBe(map.steps.length);
    for (const p of positions.values()) expect(p.y).toBeGreaterThanOrEqual(0);
  });

  it("laneAt finds the band under a y, clamping above and below", () => {
    for (const band of layout.lanes) {
      expect(laneAt(layout, band.y)?.id).toBe(band.id);
      expect(laneAt(layout, band.y + band.height / 2)?.id).toBe(band.id);
    }
    expect(laneAt(layout, -100)?.id).toBe(layout.lanes[0]?.id);
    expect(laneAt(layout, layout.height + 100)?.id).toBe(layout.lanes.at(-1)?.id);
  });

  it("phaseAt finds the column under an x, clamping left and right", () => {
    for (const column of layout.phases) {
      expect(phaseAt(layout, column.x + 1)?.id).toBe(column.id);
    }
    expect(phaseAt(layout, 0)?.id).toBe(layout.phases[0]?.id);
    expect(phaseAt(layout, layout.width + 500)?.id).toBe(layout.phases.at(-1)?.id);
    expect(phaseAt({ ...layout, phases: [] }, 10)).toBeUndefined();
  });

  it("every step box lies in the lane and phase the helpers report at its centre", () => {
    for (const step of map.steps) {
      const box = layout.steps.find((b) => b.id === step.id);
      if (!box) throw new Error(step.id);
      expect(laneAt(layout, box.y + box.height / 2)?.id).toBe(step.lane);
      expect(phaseAt(layout, box.x + box.width / 2)?.id).toBe(step.phase);
    }
  });
});
