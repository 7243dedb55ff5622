import { describe, expect, it } from "vitest";
import { filePositions } from "../../../src/layout/geometry";
import { firstPaintLayout, layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { drawableLayout, textExport } from "../../../src/ui/files/export-formats";

function placedTemplate() {
  const map = createRevOpsTemplate();
  const positions = filePositions(layoutForPositions(map), new Map(map.steps.map((s) => [s.id, s.lane])));
  return { ...map, steps: map.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
}

describe("exports from the editor", () => {
  it("given the quick first-paint layout (no routes yet), then SVG waits for the routes; text formats do not", () => {
    const map = placedTemplate();
    const quick = firstPaintLayout(map);
    expect(quick?.unrouted).toBe(true);
    expect(drawableLayout(quick)).toBeNull();
    expect(textExport("svg", map, quick)).toBeNull();
    expect(textExport("svg", map, null)).toBeNull();
    expect(textExport("md", map, quick)?.text).toContain(map.title);
  });

  it("given the full layout, then the SVG has every handoff's route", () => {
    const map = placedTemplate();
    const full = layoutForPositions(map);
    expect(drawableLayout(full)).toBe(full);
    const svg = textExport("svg", map, full)?.text ?? "";
    for (const handoff of map.handoffs) expect(svg).toContain(`data-handoff-id="${handoff.id}"`);
  });
});
