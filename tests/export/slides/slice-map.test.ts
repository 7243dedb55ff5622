import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EARLIER_PHASE_ID,
  LATER_PHASE_ID,
  matchLanes,
  OTHER_LANES_ID,
  sliceMap,
  stubId,
} from "../../../src/export/slides/slice-map";
import { createTemplate } from "../../../src/model/templates";
import { arbitraryMap } from "../../fixtures/arbitrary-map";

const template = () => createTemplate("revops");

describe("sliceMap by phase", () => {
  it("given the template, when cut to Execution, then it keeps Execution's steps and stubs the far ends", () => {
    const map = template();
    const slice = sliceMap(map, { phases: ["execution"] });
    const execution = map.steps.filter((s) => s.phase === "execution").map((s) => s.id);
    expect(slice.steps).toEqual(execution);
    // Every handoff with at least one end in Execution is kept, and no other.
    const expected = map.handoffs.filter((h) => execution.includes(h.from) || execution.includes(h.to));
    expect(slice.map.handoffs.map((h) => h.id)).toEqual(expected.map((h) => h.id));
    // The qualification decision (Engagement) hands over into Execution: a stub in "Earlier".
    const decision = slice.map.steps.find((s) => s.id === stubId("qualified"));
    expect(decision?.phase).toBe(EARLIER_PHASE_ID);
    expect(slice.stubs.get(stubId("qualified"))).toMatchObject({ direction: "in", cut: "phase" });
    expect(slice.map.phases.map((p) => p.id)).toEqual([EARLIER_PHASE_ID, "execution", LATER_PHASE_ID]);
    // Stubs carry the real label and where the step lives.
    expect(decision?.label).toBe(map.steps.find((s) => s.id === "qualified")?.label);
    expect(decision?.systems).toEqual(["Engagement"]);
  });

  it("keeps edge cases with their stored numbers", () => {
    const map = template();
    const slice = sliceMap(map, { phases: ["engagement"] });
    for (const handoff of slice.map.handoffs) {
      const original = map.handoffs.find((h) => h.id === handoff.id);
      expect(handoff.edgeCases).toEqual(original?.edgeCases);
    }
  });

  it("drops positions: a slice is laid out afresh", () => {
    const map = template();
    map.steps = map.steps.map((s) => ({ ...s, position: { x: 10, y: 10 } }));
    const slice = sliceMap(map, { phases: ["engagement"] });
    expect(slice.map.steps.every((s) => s.position === undefined)).toBe(true);
  });
});

describe("sliceMap by lane", () => {
  it("given lanes sales and deal-desk, then other lanes' steps become stubs in one 'Other lanes' lane", () => {
    const map = template();
    const slice = sliceMap(map, { lanes: ["sales", "deal-desk"] });
    expect(slice.map.lanes.map((l) => l.id)).toEqual(["sales", "deal-desk", OTHER_LANES_ID]);
    const real = slice.map.steps.filter((s) => !slice.stubs.has(s.id));
    expect(real.every((s) => s.lane === "sales" || s.lane === "deal-desk")).toBe(true);
    const stubs = slice.map.steps.filter((s) => slice.stubs.has(s.id));
    expect(stubs.length).toBeGreaterThan(0);
    expect(stubs.every((s) => s.lane === OTHER_LANES_ID)).toBe(true);
    // A lane-only cut keeps the stub in its own phase and names its lane.
    for (const stub of stubs) {
      const info = slice.stubs.get(stub.id);
      const original = map.steps.find((s) => s.id === info?.stepId);
      expect(stub.phase).toBe(original?.phase);
      expect(stub.systems).toEqual([map.lanes.find((l) => l.id === original?.lane)?.name]);
    }
  });

  it("matches lanes by id, name or slug, and names the lanes when one is unknown", () => {
    const map = template();
    expect(matchLanes(map, ["Deal Desk", "sales"])).toEqual({ ok: true, lanes: ["sales", "deal-desk"] });
    expect(matchLanes(map, ["finance-orders"])).toEqual({ ok: true, lanes: ["finance"] });
    const bad = matchLanes(map, ["nope"]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain("deal-desk (Deal Desk)");
  });
});

describe("sliceMap invariants", () => {
  it("every kept handoff ends at a step of the slice; every stub has a handoff", () => {
    fc.assert(
      fc.property(arbitraryMap(), fc.nat(), fc.nat(), (map, a, b) => {
        const phases = map.phases.length === 0 ? undefined : [map.phases[a % map.phases.length]?.id ?? ""];
        const lanes = map.lanes.length === 0 ? undefined : [map.lanes[b % map.lanes.length]?.id ?? ""];
        const slice = sliceMap(map, { ...(phases ? { phases } : {}), ...(lanes ? { lanes } : {}) });
        const ids = new Set(slice.map.steps.map((s) => s.id));
        const laneIds = new Set(slice.map.lanes.map((l) => l.id));
        for (const h of slice.map.handoffs) {
          expect(ids.has(h.from) && ids.has(h.to)).toBe(true);
          expect(slice.stubs.has(h.from) && slice.stubs.has(h.to)).toBe(false);
        }
        for (const step of slice.map.steps) expect(laneIds.has(step.lane)).toBe(true);
        for (const id of slice.stubs.keys())
          expect(slice.map.handoffs.some((h) => h.from === id || h.to === id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
