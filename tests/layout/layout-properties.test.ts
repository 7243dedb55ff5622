import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { layoutForPositions, layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import type { HandoffMap, Position } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";
import { layoutViolations } from "./invariants";

const elk = createNodeElk();
// Modest run counts: ELK costs a few ms per small map and the whole suite must stay quick.
const RUNS = { numRuns: 60, seed: 20261127 };

/** The map with each step's position from its auto layout, through `place` (undefined: unplaced). */
async function placeFromAuto(
  map: HandoffMap,
  place: (position: Position) => Position | undefined,
): Promise<HandoffMap> {
  const auto = await layoutMap(elk, map, { mode: "auto" });
  const positions = filePositions(auto, new Map(map.steps.map((s) => [s.id, s.lane])));
  return {
    ...map,
    steps: map.steps.map((s) => {
      const from = positions.get(s.id);
      const position = from === undefined ? undefined : place(from);
      return position === undefined ? { ...s } : { ...s, position };
    }),
  };
}

describe("layout properties on random maps", () => {
  it("auto layout keeps every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMap(), async (map) => {
        const layout = await layoutMap(elk, map, { mode: "auto" });
        expect(layoutViolations(map, layout)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("auto layout is deterministic", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMap({ maxSteps: 12 }), async (map) => {
        const first = await layoutMap(elk, map, { mode: "auto" });
        const second = await layoutMap(createNodeElk(), structuredClone(map), { mode: "auto" });
        expect(second).toEqual(first);
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it("keep mode leaves placed steps exactly where they are and keeps every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMap(), fc.infiniteStream(fc.boolean()), async (map, keepFlags) => {
        const placed = await placeFromAuto(map, (position) =>
          keepFlags.next().value === true ? position : undefined,
        );
        const layout = layoutForPositions(placed);
        expect(layoutViolations(placed, layout)).toEqual([]);
        const drawnAt = filePositions(layout, new Map(placed.steps.map((s) => [s.id, s.lane])));
        for (const step of placed.steps)
          if (step.position) expect(drawnAt.get(step.id)).toEqual(step.position);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it("keep mode with fractional positions (the file format allows them) puts each step at the nearest whole pixel and keeps every invariant", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryMap(),
        fc.infiniteStream(fc.double({ min: -0.49, max: 0.49, noNaN: true })),
        async (map, offsets) => {
          const placed = await placeFromAuto(map, (position) => ({
            x: Math.max(0, position.x + (offsets.next().value ?? 0)),
            y: Math.max(0, position.y + (offsets.next().value ?? 0)),
          }));
          const layout = layoutForPositions(placed);
          expect(layoutViolations(placed, layout)).toEqual([]);
          const drawnAt = filePositions(layout, new Map(placed.steps.map((s) => [s.id, s.lane])));
          for (const step of placed.steps) {
            if (!step.position) continue;
            const nearest = { x: Math.round(step.position.x), y: Math.round(step.position.y) };
            expect(drawnAt.get(step.id)).toEqual(nearest);
          }
        },
      ),
      { ...RUNS, numRuns: 30 },
    );
  });
});
