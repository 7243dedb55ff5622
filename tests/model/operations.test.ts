import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/model/map-issue";
import * as ops from "../../src/model/operations";
import { EditError } from "../../src/model/operations";
import { parseMap } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { SEVERITIES, STEP_KINDS } from "../../src/model/types";
import { handoff, lane, map, step } from "../fixtures/model-maps";

function expectValid(result: HandoffMap) {
  const parsed = parseMap(JSON.parse(JSON.stringify(result)));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join("\n"));
  expect(parsed.map).toEqual(result);
}

describe("lanes and phases", () => {
  it("adds a lane at an index; without an id, a free counter id never taken from its name", () => {
    const given = map();
    const result = ops.addLane(given, { name: "Deal Desk", index: 1 });
    expect(result.lanes.map((l) => l.id)).toEqual(["a", "l-1", "b"]);
    expect(given.lanes).toHaveLength(2);
    expect(ops.addLane(result, { name: "Deal desk" }).lanes.at(-1)?.id).toBe("l-2");
    expect(ops.addLane(result, { id: "l-k3f9x2a7qzmd", name: "Ops" }).lanes.at(-1)?.id).toBe(
      "l-k3f9x2a7qzmd",
    );
    expect(() => ops.addLane(result, { id: "l-1", name: "Ops" })).toThrow(
      'there is already a lane with id "l-1"',
    );
  });

  it("renames, recolors and removes a lane's color", () => {
    const colored = ops.updateLane(map(), "a", { name: "Sales", color: "#e0f2fe" });
    expect(colored.lanes[0]).toEqual({ id: "a", name: "Sales", color: "#e0f2fe" });
    expect(ops.updateLane(colored, "a", { color: null }).lanes[0]).toEqual({ id: "a", name: "Sales" });
    expect(() => ops.updateLane(colored, "a", { color: "red" })).toThrow(EditError);
    expect(() => ops.updateLane(colored, "a", { name: " " })).toThrow("Lane name must not be blank");
  });

  it("moves lanes up and down, clamped at the ends", () => {
    const given = map({ lanes: [lane("a"), lane("b"), lane("c")] });
    expect(ops.moveLane(given, "c", -1).lanes.map((l) => l.id)).toEqual(["a", "c", "b"]);
    expect(ops.moveLane(given, "a", -1).lanes.map((l) => l.id)).toEqual(["a", "b", "c"]);
    expect(ops.moveLane(given, "a", 5).lanes.map((l) => l.id)).toEqual(["b", "c", "a"]);
  });

  it("refuses to remove a lane that holds steps unless told where they go", () => {
    const given = map({ steps: [step("s1", "a", { position: { x: 5, y: 6 } })] });
    expect(() => ops.removeLane(given, "a")).toThrow(
      'lane "A" still holds 1 step: choose a lane to move them to',
    );
    const moved = ops.removeLane(given, "a", { moveStepsTo: "b" });
    expect(moved.lanes.map((l) => l.id)).toEqual(["b"]);
    expect(moved.steps[0]).toEqual(step("s1", "b", { position: { x: 5, y: 6 } }));
    expect(() => ops.removeLane(moved, "b")).toThrow("a map needs at least one lane");
  });

  it("removes a phase; its steps keep their lane and lose the phase, or move to another", () => {
    const given = map({
      phases: [
        { id: "p", name: "P" },
        { id: "q", name: "Q" },
      ],
      steps: [step("s1", "a", { phase: "p" })],
    });
    expect(ops.removePhase(given, "p").steps[0]).toEqual(step("s1", "a"));
    expect(ops.removePhase(given, "p", { moveStepsTo: "q" }).steps[0]?.phase).toBe("q");
    expect(ops.movePhase(given, "q", -1).phases.map((p) => p.id)).toEqual(["q", "p"]);
  });
});

describe("steps", () => {
  it("adds a step with defaults, refusing unknown lanes and blank labels", () => {
    const result = ops.addStep(map(), { lane: "a", label: "Lead capture", position: { x: 10, y: 20 } });
    expect(result.steps).toEqual([step("s-1", "a", { label: "Lead capture", position: { x: 10, y: 20 } })]);
    expect(() => ops.addStep(map(), { lane: "nope", label: "x" })).toThrow('no lane with id "nope"');
    // A -0 (pointer arithmetic gives them) is stored as 0, as a saved file reads it back.
    const signed = ops.addStep(map(), { lane: "a", label: "Zero", position: { x: -0, y: -0 } });
    expect(Object.is(signed.steps[0]?.position?.x, 0)).toBe(true);
    expect(Object.is(signed.steps[0]?.position?.y, 0)).toBe(true);
    expectValid(signed);
    expect(() => ops.addStep(map(), { lane: "a", label: "" })).toThrow("Label must not be blank");
    expect(() => ops.addStep(map(), { lane: "a", label: "x", position: { x: Number.NaN, y: 0 } })).toThrow(
      EditError,
    );
  });

  it("moves a step to another lane and phase, keeping its position in file terms", () => {
    const given = map({
      phases: [{ id: "p", name: "P" }],
      steps: [step("s", "a", { position: { x: 40, y: 8 } })],
    });
    const moved = ops.moveStep(given, "s", { lane: "b", phase: "p" });
    expect(moved.steps[0]).toEqual(step("s", "b", { phase: "p", position: { x: 40, y: 8 } }));
    expect(ops.moveStep(moved, "s", { lane: "a", phase: null, position: null }).steps[0]).toEqual(
      step("s", "a"),
    );
  });

  it("removing steps removes their handoffs, in one edit", () => {
    const given = map({
      steps: [step("x", "a"), step("y", "a"), step("z", "b")],
      handoffs: [handoff("h1", "x", "y"), handoff("h2", "y", "z"), handoff("h3", "z", "x")],
    });
    const result = ops.removeStep(given, "y");
    expect(result.steps.map((s) => s.id)).toEqual(["x", "z"]);
    expect(result.handoffs.map((h) => h.id)).toEqual(["h3"]);
  });

  it("shares every object it did not change", () => {
    const given = createRevOpsTemplate();
    const result = ops.updateStep(given, "discovery", { owner: "AE team" });
    expect(result.steps.filter((s, i) => s !== given.steps[i]).map((s) => s.id)).toEqual(["discovery"]);
    expect(result.handoffs).toBe(given.handoffs);
    expect(result.lanes).toBe(given.lanes);
  });
});

describe("handoffs and edge cases", () => {
  const given = map({ steps: [step("x", "a"), step("y", "b"), step("z", "b")] });

  it("connects, reconnects and refuses self-loops", () => {
    const connected = ops.connect(given, { from: "x", to: "y", label: "new lead" });
    expect(connected.handoffs).toEqual([handoff("h-1", "x", "y", { label: "new lead" })]);
    expect(() => ops.connect(given, { from: "x", to: "x" })).toThrow(
      "a handoff cannot go from a step to itself",
    );
    expect(ops.reconnect(connected, "h-1", { to: "z" }).handoffs[0]?.to).toBe("z");
    expect(() => ops.reconnect(connected, "h-1", { to: "x" })).toThrow(EditError);
    expect(ops.removeHandoff(connected, "h-1").handoffs).toEqual([]);
  });

  it("adds, edits, votes and removes edge cases with ids unique across the map", () => {
    let m = ops.connect(ops.connect(given, { from: "x", to: "y" }), { from: "y", to: "z" });
    m = ops.addEdgeCase(m, "h-1", { id: "ec1", title: "Duplicate lead", severity: "high" });
    m = ops.addEdgeCase(m, "h-2", { title: "Wrong owner" });
    // Given ids are kept; without one, a free counter id (the editor always passes random ones).
    expect(m.handoffs.map((h) => h.edgeCases.map((e) => e.id))).toEqual([["ec1"], ["ec-1"]]);
    m = ops.updateEdgeCase(m, "ec-1", { status: "mitigated", owner: "RevOps", due: "2027-02-28" });
    expect(m.handoffs[1]?.edgeCases[0]).toMatchObject({
      status: "mitigated",
      owner: "RevOps",
      due: "2027-02-28",
    });
    expect(() => ops.updateEdgeCase(m, "ec-1", { due: "2027-02-30" })).toThrow("due must be a date");
    m = ops.voteEdgeCase(ops.voteEdgeCase(m, "ec1", 1), "ec1", 1);
    expect(m.handoffs[0]?.edgeCases[0]?.votes).toBe(2);
    expect(ops.voteEdgeCase(m, "ec1", -5).handoffs[0]?.edgeCases[0]?.votes).toBe(0);
    m = ops.removeEdgeCase(m, "ec1");
    expect(m.handoffs[0]?.edgeCases).toEqual([]);
    expectValid(m);
  });
});

/**
 * Long random sequences of edits: whatever is asked, every result parses as a valid map equal
 * to itself. Refused edits (EditError) leave the map as it was.
 */
describe("property: edits keep the map valid", () => {
  const text = fc.oneof(
    fc.constantFrom("Lead capture", "Discovery", "__proto__", "constructor", "步骤", "🚀 launch", "  ", ""),
    fc.string({ maxLength: 30 }),
  );
  const pick = fc.nat({ max: 50 });
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("addLane" as const),
      name: text,
      index: fc.option(pick, { nil: undefined }),
    }),
    fc.record({ kind: fc.constant("updateLane" as const), lane: pick, name: text }),
    fc.record({ kind: fc.constant("moveLane" as const), lane: pick, delta: fc.integer({ min: -3, max: 3 }) }),
    fc.record({
      kind: fc.constant("removeLane" as const),
      lane: pick,
      to: fc.option(pick, { nil: undefined }),
    }),
    fc.record({ kind: fc.constant("addPhase" as const), name: text }),
    fc.record({
      kind: fc.constant("removePhase" as const),
      phase: pick,
      to: fc.option(pick, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant("movePhase" as const),
      phase: pick,
      delta: fc.integer({ min: -3, max: 3 }),
    }),
    fc.record({
      kind: fc.constant("addStep" as const),
      lane: pick,
      phase: fc.option(pick, { nil: undefined }),
      label: text,
      stepKind: fc.constantFrom(...STEP_KINDS),
      x: fc.option(fc.double({ min: -1e7, max: 1e7, noNaN: false }), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant("updateStep" as const), step: pick, label: text, owner: text }),
    fc.record({
      kind: fc.constant("moveStep" as const),
      step: pick,
      lane: pick,
      phase: fc.option(pick, { nil: null }),
    }),
    fc.record({ kind: fc.constant("removeSteps" as const), steps: fc.array(pick, { maxLength: 3 }) }),
    fc.record({ kind: fc.constant("connect" as const), from: pick, to: pick, label: text }),
    fc.record({ kind: fc.constant("reconnect" as const), handoff: pick, from: pick, to: pick }),
    fc.record({ kind: fc.constant("removeHandoff" as const), handoff: pick }),
    fc.record({
      kind: fc.constant("addEdgeCase" as const),
      handoff: pick,
      title: text,
      severity: fc.constantFrom(...SEVERITIES),
    }),
    fc.record({
      kind: fc.constant("updateEdgeCase" as const),
      edgeCase: pick,
      title: text,
      votes: fc.integer(),
    }),
    fc.record({
      kind: fc.constant("voteEdgeCase" as const),
      edgeCase: pick,
      delta: fc.integer({ min: -3, max: 3 }),
    }),
    fc.record({ kind: fc.constant("removeEdgeCase" as const), edgeCase: pick }),
  );
  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

  const at = <T extends { id: string }>(items: readonly T[], index: number): string =>
    items.length === 0 ? "missing" : (items[index % items.length] as T).id;

  function run(m: HandoffMap, o: Op): HandoffMap {
    const edgeCases = m.handoffs.flatMap((h) => h.edgeCases);
    switch (o.kind) {
      case "addLane":
        return ops.addLane(m, { name: o.name, ...(o.index === undefined ? {} : { index: o.index }) });
      case "updateLane":
        return ops.updateLane(m, at(m.lanes, o.lane), { name: o.name });
      case "moveLane":
        return ops.moveLane(m, at(m.lanes, o.lane), o.delta);
      case "removeLane":
        return ops.removeLane(
          m,
          at(m.lanes, o.lane),
          o.to === undefined ? {} : { moveStepsTo: at(m.lanes, o.to) },
        );
      case "addPhase":
        return ops.addPhase(m, { name: o.name });
      case "removePhase":
        return ops.removePhase(
          m,
          at(m.phases, o.phase),
          o.to === undefined ? {} : { moveStepsTo: at(m.phases, o.to) },
        );
      case "movePhase":
        return ops.movePhase(m, at(m.phases, o.phase), o.delta);
      case "addStep":
        return ops.addStep(m, {
          lane: at(m.lanes, o.lane),
          ...(o.phase === undefined || m.phases.length === 0 ? {} : { phase: at(m.phases, o.phase) }),
          label: o.label,
          kind: o.stepKind,
          ...(o.x === undefined ? {} : { position: { x: o.x, y: 10 } }),
        });
      case "updateStep":
        return ops.updateStep(m, at(m.steps, o.step), { label: o.label, owner: o.owner });
      case "moveStep":
        return ops.moveStep(m, at(m.steps, o.step), {
          lane: at(m.lanes, o.lane),
          phase: o.phase === null || m.phases.length === 0 ? null : at(m.phases, o.phase),
        });
      case "removeSteps":
        return ops.removeSteps(m, new Set(o.steps.map((i) => at(m.steps, i))));
      case "connect":
        return ops.connect(m, { from: at(m.steps, o.from), to: at(m.steps, o.to), label: o.label });
      case "reconnect":
        return ops.reconnect(m, at(m.handoffs, o.handoff), {
          from: at(m.steps, o.from),
          to: at(m.steps, o.to),
        });
      case "removeHandoff":
        return ops.removeHandoff(m, at(m.handoffs, o.handoff));
      case "addEdgeCase":
        return ops.addEdgeCase(m, at(m.handoffs, o.handoff), { title: o.title, severity: o.severity });
      case "updateEdgeCase":
        return ops.updateEdgeCase(m, at(edgeCases, o.edgeCase), { title: o.title, votes: o.votes });
      case "voteEdgeCase":
        return ops.voteEdgeCase(m, at(edgeCases, o.edgeCase), o.delta);
      case "removeEdgeCase":
        return ops.removeEdgeCase(m, at(edgeCases, o.edgeCase));
    }
  }

  it("from the template and from the blank map", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 60 }), (fromTemplate, sequence) => {
        let m: HandoffMap = fromTemplate ? createRevOpsTemplate() : map();
        for (const o of sequence) {
          const before = m;
          const frozen = JSON.stringify(before);
          try {
            m = run(m, o);
          } catch (error) {
            if (!(error instanceof EditError)) throw error;
          }
          expect(JSON.stringify(before)).toBe(frozen); // the input is never changed
          expectValid(m);
        }
      }),
      { numRuns: 100 },
    );
  });
});
