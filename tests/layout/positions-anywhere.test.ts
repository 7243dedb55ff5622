/**
 * Keep mode for positions anywhere the file format allows (±1,000,000, fractions, negatives): every
 * step is drawn inside the frame, and the canvas's file <-> absolute conversion still answers the
 * file's own numbers, so a drag or a drop does not move the other steps.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePositions, fromFilePosition, toFilePosition } from "../../src/layout/geometry";
import { layoutForPositions } from "../../src/layout/layout-map";
import { arbitraryPlacedMap } from "../fixtures/arbitrary-map";
import { makeMap } from "../fixtures/maps";
import { layoutViolations } from "./invariants";

describe("keep mode with positions anywhere in the allowed range", () => {
  it("draws every step inside its lane band and the frame, and keeps every invariant", () => {
    fc.assert(
      fc.property(arbitraryPlacedMap(), (map) => {
        const layout = layoutForPositions(map);
        // Random positions overlap steps, and a route cannot always avoid a step lying on another.
        const violations = layoutViolations(map, layout, { allowOverlap: true, skipPhaseColumns: true });
        expect(violations.filter((v) => !/passes through step/.test(v))).toEqual([]);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it("converts file positions both ways with the file's own numbers (a drop keeps the rest still)", () => {
    fc.assert(
      fc.property(arbitraryPlacedMap(), (map) => {
        const layout = layoutForPositions(map);
        const laneOf = new Map(map.steps.map((s) => [s.id, s.lane]));
        const drawnAt = filePositions(layout, laneOf);
        for (const step of map.steps) {
          if (!step.position) continue;
          // + 0: -0 and 0 are the same pixel.
          const nearest = { x: Math.round(step.position.x) + 0, y: Math.round(step.position.y) + 0 };
          expect(drawnAt.get(step.id)).toEqual(nearest);
          const corner = fromFilePosition(layout, nearest, step.lane);
          const box = layout.steps.find((b) => b.id === step.id);
          expect(corner).toEqual({ x: box?.x, y: box?.y });
          if (corner) expect(toFilePosition(layout, corner, step.lane)).toEqual(nearest);
        }
      }),
      { numRuns: 40, seed: 20261207 },
    );
  });

  it("moves the frame, not the steps: a step at x -5000 sits at the lane area's left edge", () => {
    // given a map whose second step is far left of the first and a third is above its band
    const map = makeMap({
      lanes: ["a", "b"],
      steps: [
        { id: "s0", lane: "a", position: { x: 40, y: 20 } },
        { id: "s1", lane: "a", position: { x: -5000, y: 20 } },
        { id: "s2", lane: "b", position: { x: 300, y: -300 } },
      ],
    });
    // when it is laid out as the file says
    const layout = layoutForPositions(map);
    const box = (id: string) => layout.steps.find((b) => b.id === id);
    // then the leftmost step starts at the lane area's left edge, the others keep their distance
    expect(box("s1")?.x).toBe(layout.laneHeaderWidth);
    expect((box("s0")?.x ?? 0) - (box("s1")?.x ?? 0)).toBe(5040);
    // and the topmost step of lane b starts at its band's top
    expect(box("s2")?.y).toBe(layout.lanes[1]?.y);
    expect(layoutViolations(map, layout, { allowOverlap: true })).toEqual([]);
  });
});
