import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OTHER_LANES_ID, sliceMap, stubId } from "../../../src/export/slides/slice-map";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { DEFAULT_METRICS, measureStep } from "../../../src/layout/metrics";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap, Step } from "../../../src/model/types";
import { arbitraryMap } from "../../fixtures/arbitrary-map";

const keep = { positions: "keep" } as const;

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The stubs of a slice as boxes, measured as the layout measures them, at their positions. */
function stubBoxes(steps: readonly Step[]): Box[] {
  return steps
    .filter((s) => s.lane === OTHER_LANES_ID && s.position !== undefined)
    .map((s) => {
      const size = measureStep(s.label, DEFAULT_METRICS, { kind: s.kind, systems: s.systems });
      return {
        id: s.id,
        x: s.position?.x ?? 0,
        y: s.position?.y ?? 0,
        width: size.width,
        height: size.height,
      };
    });
}

function overlapping(boxes: readonly Box[]): [string, string] | null {
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        return [a.id, b.id];
  return null;
}

describe("sliceMap with positions kept (the editor's lane focus)", () => {
  it("given the placed template, when cut to Sales and Deal Desk, then kept steps keep their positions and objects", () => {
    const map = createRevOpsTemplate();
    const slice = sliceMap(map, { lanes: ["sales", "deal-desk"] }, undefined, keep);
    const kept = map.steps.filter((s) => s.lane === "sales" || s.lane === "deal-desk");
    expect(slice.steps).toEqual(kept.map((s) => s.id));
    for (const step of kept) expect(slice.map.steps).toContain(step);
    // A handoff inside the lanes shown is the map's own object; a cut one is a copy with a stub end.
    for (const handoff of slice.map.handoffs) {
      const original = map.handoffs.find((h) => h.id === handoff.id);
      if (slice.stubs.has(handoff.from) || slice.stubs.has(handoff.to)) expect(handoff).not.toBe(original);
      else expect(handoff).toBe(original);
    }
  });

  it("gives each stub its real step's x and a y in 'Other lanes', two stubs never overlapping", () => {
    const map = createRevOpsTemplate();
    const slice = sliceMap(map, { lanes: ["sales", "deal-desk"] }, undefined, keep);
    const stubs = slice.map.steps.filter((s) => slice.stubs.has(s.id));
    expect(stubs.length).toBeGreaterThan(0);
    for (const stub of stubs) {
      const real = map.steps.find((s) => stubId(s.id) === stub.id);
      expect(stub.lane).toBe(OTHER_LANES_ID);
      expect(stub.position?.x).toBe(real?.position?.x);
      expect(stub.position?.y).toBeGreaterThanOrEqual(DEFAULT_METRICS.lanePadding);
      // The label is the real step's, the chip its lane's name.
      expect(stub.label).toBe(real?.label);
      expect(stub.systems).toEqual([map.lanes.find((l) => l.id === real?.lane)?.name]);
    }
    expect(overlapping(stubBoxes(slice.map.steps))).toBeNull();
  });

  it("when laid out in keep mode, then kept steps are drawn at their file positions in their lanes", () => {
    const map = createRevOpsTemplate();
    const slice = sliceMap(map, { lanes: ["sales", "deal-desk"] }, undefined, keep);
    const layout = layoutForPositions(slice.map);
    expect(layout.lanes.map((l) => l.id)).toEqual(["sales", "deal-desk", OTHER_LANES_ID]);
    for (const step of slice.map.steps) {
      const box = layout.steps.find((b) => b.id === step.id);
      const band = layout.lanes.find((l) => l.id === step.lane);
      expect(box?.x).toBe(layout.laneHeaderWidth + (layout.shiftX ?? 0) + (step.position?.x ?? Number.NaN));
      expect(box?.y).toBe((band?.y ?? 0) + (band?.shiftY ?? 0) + (step.position?.y ?? Number.NaN));
    }
  });

  it("leaves a stub whose real step has no position to the layout, which keeps it clear of the others", () => {
    const map = createRevOpsTemplate();
    const unplaced: HandoffMap = {
      ...map,
      steps: map.steps.map((s) => (s.id === "order-management" ? { ...s, position: undefined } : s)),
    };
    const slice = sliceMap(unplaced, { lanes: ["deal-desk"] }, undefined, keep);
    const stub = slice.map.steps.find((s) => s.id === stubId("order-management"));
    expect(stub).toBeDefined();
    expect(stub?.position).toBeUndefined();
    const layout = layoutForPositions(slice.map);
    const boxes = layout.steps.filter((b) => slice.stubs.has(b.id));
    expect(overlapping(boxes)).toBeNull();
  });

  it("property: every kept handoff ends at a kept step or a stub; stubs never overlap; kept steps keep their positions", () => {
    const positioned = arbitraryMap({ maxLanes: 5, maxSteps: 20 }).chain((map) =>
      fc
        .array(
          fc.record({ x: fc.integer({ min: -400, max: 3000 }), y: fc.integer({ min: -50, max: 400 }) }),
          {
            minLength: map.steps.length,
            maxLength: map.steps.length,
          },
        )
        .map((points) => ({
          ...map,
          steps: map.steps.map((s, i) => ({ ...s, position: points[i] ?? { x: 0, y: 0 } })),
        })),
    );
    fc.assert(
      fc.property(positioned, fc.nat(), fc.nat(), (map, a, b) => {
        const lanes = [map.lanes[a % map.lanes.length]?.id ?? "", map.lanes[b % map.lanes.length]?.id ?? ""];
        const slice = sliceMap(map, { lanes }, undefined, keep);
        const ids = new Set(slice.map.steps.map((s) => s.id));
        for (const h of slice.map.handoffs) {
          expect(ids.has(h.from)).toBe(true);
          expect(ids.has(h.to)).toBe(true);
          const keptOrStub = (id: string) => slice.stubs.has(id) || slice.steps.includes(id);
          expect(keptOrStub(h.from) && keptOrStub(h.to)).toBe(true);
        }
        for (const id of slice.steps) {
          const real = map.steps.find((s) => s.id === id);
          expect(slice.map.steps.find((s) => s.id === id)?.position).toEqual(real?.position);
        }
        expect(overlapping(stubBoxes(slice.map.steps))).toBeNull();
        // And as drawn: the layout keeps them apart too.
        const layout = layoutForPositions(slice.map, { routes: false });
        expect(overlapping(layout.steps.filter((box) => slice.stubs.has(box.id)))).toBeNull();
      }),
      { numRuns: 80 },
    );
  });

  it("keeps dropping positions by default: slides are laid out afresh", () => {
    const slice = sliceMap(createRevOpsTemplate(), { lanes: ["sales"] });
    expect(slice.map.steps.every((s) => s.position === undefined)).toBe(true);
  });
});
