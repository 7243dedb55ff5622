import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { layoutForPositions, layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";
import { layoutViolations } from "./invariants";

const elk = createNodeElk();
// Modest run counts: ELK costs a few ms per small map and the whole suite must stay quick.
const RUNS = { numRuns: 60, seed: 20261127 };

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
        const auto = await layoutMap(elk, map, { mode: "auto" });
        const positions = filePositions(auto, new Map(map.steps.map((s) => [s.id, s.lane])));
        const placed: HandoffMap = {
          ...map,
          steps: map.steps.map((s) => {
            const position = positions.get(s.id);
            const keep = keepFlags.next().value === true;
            return keep && position ? { ...s, position } : { ...s };
          }),
        };
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
          const auto = await layoutMap(elk, map, { mode: "auto" });
          const positions = filePositions(auto, new Map(map.steps.map((s) => [s.id, s.lane])));
          const placed: HandoffMap = {
            ...map,
            steps: map.steps.map((s) => {
              const position = positions.get(s.id);
              if (!position) return { ...s };
              const dx = offsets.next().value ?? 0;
              const dy = offsets.next().value ?? 0;
              return { ...s, position: { x: Math.max(0, position.x + dx), y: Math.max(0, position.y + dy) } };
            }),
          };
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
