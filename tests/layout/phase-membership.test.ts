import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { phaseAt } from "../../src/layout/geometry";
import { layoutForPositions, layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { stepsInColumn, stepsUnderNewPhase, unphasedByColumn } from "../../src/layout/phase-membership";
import { createInProcessLayout } from "../../src/layout/run-layout";
import type { MapLayout } from "../../src/layout/types";
import { addPhase, EditError, setPhases } from "../../src/model/operations";
import { parseMap } from "../../src/model/parse-map";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore, type LayoutRunner } from "../../src/store/editor-store";
import { arbitraryMap } from "../fixtures/arbitrary-map";
import { makeMap } from "../fixtures/maps";

const elk = createNodeElk();

/** The phase whose column holds the middle of a step's box. */
function columnOf(layout: MapLayout, stepId: string): string | undefined {
  const box = layout.steps.find((b) => b.id === stepId);
  return box === undefined ? undefined : phaseAt(layout, box.x + box.width / 2)?.id;
}

function phaseOf(map: HandoffMap, stepId: string): string | undefined {
  return map.steps.find((s) => s.id === stepId)?.phase;
}

/** Two phases of placed steps, and two unplaced-phase steps far right of the last phase's own. */
function mapWithStepsRightOfTheLastPhase(): HandoffMap {
  return makeMap({
    lanes: ["a", "b"],
    phases: ["p", "q"],
    steps: [
      { id: "p1", lane: "a", phase: "p", position: { x: 24, y: 24 } },
      { id: "q1", lane: "a", phase: "q", position: { x: 400, y: 24 } },
      { id: "late1", lane: "a", position: { x: 900, y: 24 } },
      { id: "late2", lane: "b", position: { x: 1100, y: 24 } },
    ],
    handoffs: [
      ["p1", "q1"],
      ["q1", "late1"],
    ],
  });
}

describe("which phase column holds a step", () => {
  it("stepsInColumn lists the steps whose middle lies in the column, by phaseAt's rule", () => {
    const map = mapWithStepsRightOfTheLastPhase();
    const layout = layoutForPositions(map);
    // Keep mode: the last phase runs to the end of the lane area, so it holds the unphased steps.
    expect(stepsInColumn(layout, "p")).toEqual(["p1"]);
    expect(stepsInColumn(layout, "q")).toEqual(["q1", "late1", "late2"]);
  });

  it("unphasedByColumn names a phase for the unphased steps only", () => {
    const map = mapWithStepsRightOfTheLastPhase();
    const layout = layoutForPositions(map);
    expect(unphasedByColumn(layout, map)).toEqual(
      new Map([
        ["late1", "q"],
        ["late2", "q"],
      ]),
    );
    const noPhases = makeMap({ lanes: ["a"], steps: [{ id: "s", lane: "a", position: { x: 0, y: 0 } }] });
    expect(unphasedByColumn(layoutForPositions(noPhases), noPhases).size).toBe(0);
  });
});

describe("a new phase takes the steps under its column", () => {
  it("the first phase of a map takes every step", () => {
    const map = makeMap({
      lanes: ["a", "b"],
      steps: [
        { id: "s1", lane: "a", position: { x: 24, y: 24 } },
        { id: "s2", lane: "b", position: { x: 700, y: 24 } },
        { id: "s3", lane: "b", position: { x: 1500, y: 40 } },
      ],
    });
    const phase = { id: "phase-1", name: "Phase 1" };
    const steps = stepsUnderNewPhase(map, phase);
    expect(steps).toEqual(["s1", "s2", "s3"]);
    const next = addPhase(map, { ...phase, steps });
    expect(next.steps.map((s) => s.phase)).toEqual(["phase-1", "phase-1", "phase-1"]);
    // Lanes and positions stay.
    expect(next.steps.map((s) => [s.lane, s.position])).toEqual(map.steps.map((s) => [s.lane, s.position]));
  });

  it("a phase added after the last takes the unphased steps right of that phase's own", () => {
    const map = mapWithStepsRightOfTheLastPhase();
    const phase = { id: "r", name: "Phase r" };
    const steps = stepsUnderNewPhase(map, phase);
    expect(steps).toEqual(["late1", "late2"]);
    const next = addPhase(map, { ...phase, steps });
    expect(next.steps.map((s) => s.phase)).toEqual(["p", "q", "r", "r"]);
    const layout = layoutForPositions(next);
    expect(stepsInColumn(layout, "r")).toEqual(["late1", "late2"]);
  });

  it("a phase added between two phases whose steps fill them takes nothing", () => {
    const map = makeMap({
      lanes: ["a"],
      phases: ["p", "q"],
      steps: [
        { id: "p1", lane: "a", phase: "p", position: { x: 24, y: 24 } },
        { id: "q1", lane: "a", phase: "q", position: { x: 260, y: 24 } },
      ],
    });
    expect(stepsUnderNewPhase(map, { id: "mid", name: "Mid", index: 1 })).toEqual([]);
  });

  it("addPhase refuses a step that does not exist, and leaves the map as it was", () => {
    const map = mapWithStepsRightOfTheLastPhase();
    const frozen = JSON.stringify(map);
    expect(() => addPhase(map, { name: "R", steps: ["nope"] })).toThrow(EditError);
    expect(() => addPhase(map, { name: "R", steps: ["nope"] })).toThrow('no step with id "nope"');
    expect(JSON.stringify(map)).toBe(frozen);
  });

  /** Random maps with every step placed anywhere, and where the new phase goes. */
  const anyPlacement = arbitraryMap({ maxSteps: 14 }).chain((map) =>
    fc
      .record({
        xs: fc.array(fc.integer({ min: 0, max: 3000 }), {
          minLength: map.steps.length,
          maxLength: map.steps.length,
        }),
        ys: fc.array(fc.integer({ min: 0, max: 200 }), {
          minLength: map.steps.length,
          maxLength: map.steps.length,
        }),
        index: fc.nat({ max: map.phases.length }),
      })
      .map(({ xs, ys, index }) => ({
        index,
        map: {
          ...map,
          steps: map.steps.map((s, i) => ({ ...s, position: { x: xs[i] ?? 0, y: ys[i] ?? 0 } })),
        },
      })),
  );

  /**
   * Random maps laid out the way a workshop builds them: each phase's steps in its own stretch,
   * left to right in phase order, unphased steps in the room between and after the phases (where
   * steps added before a phase existed sit), so no step straddles two phases.
   */
  const SLOT = 1200;
  const orderedPlacement = arbitraryMap({ maxSteps: 14 }).chain((map) =>
    fc
      .record({
        offsets: fc.array(fc.integer({ min: 0, max: 160 }), {
          minLength: map.steps.length,
          maxLength: map.steps.length,
        }),
        // 1..phases: before phase k (k >= 1) or after the last; 0 only on a map without phases.
        slots: fc.array(fc.integer({ min: Math.min(1, map.phases.length), max: map.phases.length }), {
          minLength: map.steps.length,
          maxLength: map.steps.length,
        }),
        index: fc.nat({ max: map.phases.length }),
      })
      .map(({ offsets, slots, index }) => {
        const phaseIndex = new Map(map.phases.map((p, i) => [p.id, i]));
        return {
          index,
          map: {
            ...map,
            steps: map.steps.map((s, i) => {
              const own = s.phase === undefined ? undefined : phaseIndex.get(s.phase);
              // Phase k's steps at k * SLOT; unphased ones half a slot before phase k or after the last.
              const x =
                own === undefined
                  ? (slots[i] ?? 0) * SLOT - SLOT / 2 + (offsets[i] ?? 0)
                  : own * SLOT + (offsets[i] ?? 0);
              return { ...s, position: { x: Math.max(0, x), y: (offsets[i] ?? 0) % 90 } };
            }),
          },
        };
      }),
  );

  it("property: the steps under the new, still empty, column join it; no step of another phase changes", () => {
    fc.assert(
      fc.property(anyPlacement, ({ map, index }) => {
        const phase = { id: "added", name: "Added", index };
        const under = stepsInColumn(layoutForPositions(addPhase(map, phase), { routes: false }), "added");
        const next = addPhase(map, { ...phase, steps: stepsUnderNewPhase(map, phase) });
        for (const step of map.steps) {
          if (under.includes(step.id)) expect(phaseOf(next, step.id)).toBe("added");
          // Beyond those, only unphased steps may join (as the column widens round them).
          else if (step.phase !== undefined) expect(phaseOf(next, step.id)).toBe(step.phase);
          else expect([undefined, "added"]).toContain(phaseOf(next, step.id));
        }
        // As valid as the map it came from (the arbitrary maps include blank labels on purpose).
        const reread = (m: HandoffMap) => parseMap(JSON.parse(JSON.stringify(m))).ok;
        expect(reread(next)).toBe(reread(map));
      }),
      { numRuns: 150, seed: 20261206 },
    );
  });

  it("property: on a map whose phases do not overlap, after adding a phase every step whose middle lies in its column belongs to it", () => {
    fc.assert(
      fc.property(orderedPlacement, ({ map, index }) => {
        const phase = { id: "added", name: "Added", index };
        const next = addPhase(map, { ...phase, steps: stepsUnderNewPhase(map, phase) });
        const layout = layoutForPositions(next, { routes: false });
        for (const id of stepsInColumn(layout, "added")) expect(phaseOf(next, id)).toBe("added");
      }),
      { numRuns: 150, seed: 20261206 },
    );
  });
});

describe("auto layout keeps unphased steps in the phase whose column holds them", () => {
  /**
   * "late" has no phase and sits in q's column, but its only predecessor is in p: inferring
   * from neighbours would pull it back into p.
   */
  function unphasedInALaterColumn(): HandoffMap {
    return makeMap({
      lanes: ["a", "b"],
      phases: ["p", "q"],
      steps: [
        { id: "p1", lane: "a", phase: "p", position: { x: 24, y: 24 } },
        { id: "q1", lane: "a", phase: "q", position: { x: 500, y: 24 } },
        { id: "late", lane: "b", position: { x: 520, y: 24 } },
      ],
      handoffs: [
        ["p1", "q1"],
        ["p1", "late"],
      ],
    });
  }

  it("layoutMap draws it in that phase's column", async () => {
    const map = unphasedInALaterColumn();
    expect(columnOf(layoutForPositions(map), "late")).toBe("q");
    const auto = await layoutMap(elk, map, { mode: "auto" });
    expect(columnOf(auto, "late")).toBe("q");
  });

  it("an unphased step without a position still follows its neighbours", async () => {
    const map = unphasedInALaterColumn();
    const unplaced = {
      ...map,
      steps: map.steps.map((s) => (s.id === "late" ? { ...s, position: undefined } : s)),
    };
    delete unplaced.steps[2]?.position;
    const auto = await layoutMap(elk, unplaced, { mode: "auto" });
    expect(columnOf(auto, "late")).toBe("p");
  });

  it("the store's auto layout writes that phase down in the same undo entry: do, undo, redo", async () => {
    const run = createInProcessLayout(elk);
    const runLayout: LayoutRunner = (m, mode) => run(m, { mode });
    const store = createEditorStore({ map: unphasedInALaterColumn(), runLayout });
    const before = store.getState().map;
    expect(await store.getState().autoLayout()).toBe(true);
    const after = store.getState().map;
    expect(phaseOf(after, "late")).toBe("q");
    expect(after.steps.every((s) => s.phase !== undefined)).toBe(true);
    expect(store.getState().history.past).toEqual([before]);
    store.getState().undo();
    expect(phaseOf(store.getState().map, "late")).toBeUndefined();
    store.getState().redo();
    expect(store.getState().map).toBe(after);
  });
});

describe("setPhases", () => {
  it("puts steps into phases in one edit; unknown steps and phases are refused", () => {
    const map = mapWithStepsRightOfTheLastPhase();
    const next = setPhases(
      map,
      new Map([
        ["late1", "q"],
        ["late2", "p"],
      ]),
    );
    expect(next.steps.map((s) => s.phase)).toEqual(["p", "q", "q", "p"]);
    expect(setPhases(map, new Map())).toBe(map);
    expect(() => setPhases(map, new Map([["nope", "p"]]))).toThrow('no step with id "nope"');
    expect(() => setPhases(map, new Map([["late1", "nope"]]))).toThrow('no phase with id "nope"');
  });
});
