import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { diffLayout, restoreLayout, Shift } from "../../src/layout/layout-delta";
import { layoutForPositions } from "../../src/layout/layout-map";
import { shareLayout } from "../../src/layout/share-layout";
import { setPositions } from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";

/** Every step placed where the layout put it, as a saved map is. */
function placed(base: HandoffMap): HandoffMap {
  const positions = filePositions(layoutForPositions(base), new Map(base.steps.map((s) => [s.id, s.lane])));
  return { ...base, steps: base.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
}

/** The map with one step moved by dx, dy (file position). */
function moved(map: HandoffMap, index: number, dx: number, dy: number): HandoffMap {
  const step = map.steps[index];
  if (step?.position === undefined) return map;
  return setPositions(map, new Map([[step.id, { x: step.position.x + dx, y: step.position.y + dy }]]));
}

describe("diffLayout and restoreLayout", () => {
  it("given a step dropped lower so that its lane grows, then the lanes below are kept as shifts and the older layout comes back exactly", () => {
    const map = placed(createRevOpsTemplate());
    const firstLane = map.lanes[0]?.id;
    const lowest = map.steps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => step.lane === firstLane)
      .sort((a, b) => (b.step.position?.y ?? 0) - (a.step.position?.y ?? 0))[0];
    if (lowest === undefined) throw new Error("template changed");
    const older = layoutForPositions(map);
    const newer = shareLayout(older, layoutForPositions(moved(map, lowest.index, 0, 160)));
    expect(newer.lanes[1]?.y).toBeGreaterThan(older.lanes[1]?.y ?? 0);

    const delta = diffLayout(older, newer);
    const shiftedSteps = delta.steps.filter((item) => item instanceof Shift);
    const shiftedRoutes = delta.handoffs.filter((item) => item instanceof Shift);
    // Every step of every lane below the grown one moved straight down, and is kept as a shift
    // (as is the dropped step itself: it too only moved down).
    const shiftedIds = new Set(shiftedSteps.map((item) => item.id));
    const below = map.steps.filter((step) => step.lane !== firstLane);
    expect(below.length).toBeGreaterThan(0);
    for (const step of below) expect(shiftedIds.has(step.id)).toBe(true);
    expect(shiftedIds.has(lowest.step.id)).toBe(true);
    expect(shiftedRoutes.length).toBeGreaterThan(0);
    expect(restoreLayout(newer, delta)).toEqual(older);
  });

  it("rebuilds a shifted box from the newer box's own text area, lines and chips", () => {
    const map = placed(createRevOpsTemplate());
    const older = layoutForPositions(map);
    const newer = shareLayout(older, layoutForPositions(moved(map, 0, 0, 200)));
    const restored = restoreLayout(newer, diffLayout(older, newer));
    const newerById = new Map(newer.steps.map((box) => [box.id, box]));
    const rebuilt = restored.steps.filter((box) => !older.steps.includes(box));
    expect(rebuilt.length).toBeGreaterThan(0);
    for (const box of rebuilt) {
      const now = newerById.get(box.id);
      if (now === undefined || box.lines !== now.lines) continue;
      expect(box.textArea).toBe(now.textArea);
      expect(box.systems).toBe(now.systems);
    }
  });

  it("keeps a box or route that changed in any other way as it is", () => {
    const map = placed(createRevOpsTemplate());
    const older = layoutForPositions(map);
    const newer = shareLayout(older, layoutForPositions(moved(map, 2, 80, 0)));
    const delta = diffLayout(older, newer);
    const step = map.steps[2];
    const kept = delta.steps.find((item) => !(item instanceof Shift) && item.id === step?.id);
    expect(kept).toBe(older.steps.find((box) => box.id === step?.id));
    expect(restoreLayout(newer, delta)).toEqual(older);
  });

  it("property: any step moved anywhere, the older layout is restored deep-equal from the newer one", () => {
    fc.assert(
      fc.property(
        arbitraryMap({ maxSteps: 12 }),
        fc.nat(),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -300, max: 300 }),
        (base, pick, dx, dy) => {
          const map = placed(base);
          if (map.steps.length === 0) return;
          const older = layoutForPositions(map);
          const newer = shareLayout(older, layoutForPositions(moved(map, pick % map.steps.length, dx, dy)));
          const delta = diffLayout(older, newer);
          expect(restoreLayout(newer, delta)).toEqual(older);
        },
      ),
      { numRuns: 80, seed: 20261206 },
    );
  });
});
