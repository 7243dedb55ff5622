import { describe, expect, it } from "vitest";
import { copyFragment } from "../../../src/model/clipboard";
import { doUndoRedo, givenStore, refused, sampleMap, stepOf } from "./command-harness";

describe("adding steps", () => {
  it("addStep: in a lane and phase, at a position, with the id it carries", () => {
    doUndoRedo(
      sampleMap(),
      {
        type: "addStep",
        id: "s-new000000001",
        lane: "ops",
        phase: "plan",
        label: "Check credit",
        position: { x: 8, y: 16 },
      },
      (after) => {
        expect(stepOf(after, "s-new000000001")).toMatchObject({
          lane: "ops",
          phase: "plan",
          label: "Check credit",
          kind: "task",
          position: { x: 8, y: 16 },
        });
      },
    );
    refused(sampleMap(), { type: "addStep", lane: "nope", label: "X" }, 'no lane with id "nope"');
    refused(sampleMap(), { type: "addStep", lane: "ops", label: "" }, "Label must not be blank");
  });

  it("addStep: two steps with the same label get different random ids, never one from the label", () => {
    const store = givenStore(sampleMap());
    const first = store.getState().dispatch({ type: "addStep", lane: "sales", label: "New step" });
    const second = store.getState().dispatch({ type: "addStep", lane: "sales", label: "New step" });
    if (!first.ok || !second.ok) throw new Error("refused");
    expect(first.command.id).toMatch(/^s-[0-9a-z]{12}$/);
    expect(second.command.id).toMatch(/^s-[0-9a-z]{12}$/);
    expect(first.command.id).not.toBe(second.command.id);
    expect(first.command.id).not.toContain("new-step");
  });

  it("addConnectedStep: a step after another, connected from it, as one edit", () => {
    const { result } = doUndoRedo(
      sampleMap(),
      { type: "addConnectedStep", lane: "ops", label: "Invoice", other: "provision", direction: "from" },
      (after, { result }) => {
        const id = result.command.id ?? "";
        expect(stepOf(after, id)?.label).toBe("Invoice");
        expect(after.handoffs.at(-1)).toMatchObject({
          id: result.command.handoff,
          from: "provision",
          to: id,
        });
      },
    );
    expect(result.command.handoff).toMatch(/^h-[0-9a-z]{12}$/);
  });

  it("addConnectedStep: a step before another, connected to it", () => {
    doUndoRedo(
      sampleMap(),
      {
        type: "addConnectedStep",
        id: "s-lead00000001",
        handoff: "h-lead00000001",
        lane: "sales",
        label: "Lead",
        other: "qualify",
        direction: "to",
      },
      (after) => {
        expect(after.handoffs.at(-1)).toMatchObject({
          id: "h-lead00000001",
          from: "s-lead00000001",
          to: "qualify",
        });
      },
    );
    refused(
      sampleMap(),
      { type: "addConnectedStep", lane: "sales", label: "Lead", other: "nope", direction: "to" },
      'no step with id "nope"',
    );
  });
});

describe("editing steps", () => {
  it("renameStep: the label typed on the canvas", () => {
    doUndoRedo(sampleMap(), { type: "renameStep", step: "quote", label: "Send quote" }, (after) => {
      expect(stepOf(after, "quote")?.label).toBe("Send quote");
    });
  });

  it("setStepField: label, owner and description typed in the inspector", () => {
    for (const [field, value] of [
      ["label", "Qualify lead"],
      ["owner", "SDR team"],
      ["description", "BANT call"],
    ] as const)
      doUndoRedo(sampleMap(), { type: "setStepField", step: "qualify", field, value }, (after) => {
        expect(stepOf(after, "qualify")?.[field]).toBe(value);
      });
    refused(
      sampleMap(),
      { type: "setStepField", step: "qualify", field: "owner", value: "x".repeat(2001) },
      "Owner must be at most 2000 characters",
    );
  });

  it("setStepKind, setStepLane, setStepPhase, setStepSystems: the inspector's pickers", () => {
    doUndoRedo(sampleMap(), { type: "setStepKind", step: "quote", kind: "decision" }, (after) => {
      expect(stepOf(after, "quote")?.kind).toBe("decision");
    });
    doUndoRedo(sampleMap(), { type: "setStepLane", step: "quote", lane: "ops" }, (after) => {
      expect(stepOf(after, "quote")).toMatchObject({ lane: "ops", position: { x: 400, y: 20 } });
    });
    doUndoRedo(sampleMap(), { type: "setStepPhase", step: "quote", phase: null }, (after) => {
      expect(stepOf(after, "quote")?.phase).toBeUndefined();
    });
    doUndoRedo(sampleMap(), { type: "setStepPhase", step: "quote", phase: "plan" }, (after) => {
      expect(stepOf(after, "quote")?.phase).toBe("plan");
    });
    doUndoRedo(
      sampleMap(),
      { type: "setStepSystems", step: "quote", systems: ["Salesforce", "CPQ"] },
      (after) => {
        expect(stepOf(after, "quote")?.systems).toEqual(["Salesforce", "CPQ"]);
      },
    );
    refused(
      sampleMap(),
      { type: "setStepSystems", step: "quote", systems: [" "] },
      "System must not be blank",
    );
  });
});

describe("moving steps", () => {
  const moves = [
    { step: "qualify", lane: "ops", phase: "close", position: { x: 48, y: 28 } },
    { step: "quote", lane: "sales", position: { x: 408, y: 28 } },
  ];

  it("moveSteps: a drag's drop moves every dropped step at once", () => {
    doUndoRedo(sampleMap(), { type: "moveSteps", moves }, (after) => {
      expect(stepOf(after, "qualify")).toMatchObject({
        lane: "ops",
        phase: "close",
        position: { x: 48, y: 28 },
      });
      // Dropped where no phase column is, a step keeps its phase.
      expect(stepOf(after, "quote")).toMatchObject({
        lane: "sales",
        phase: "close",
        position: { x: 408, y: 28 },
      });
    });
    refused(
      sampleMap(),
      { type: "moveSteps", moves: [{ step: "quote", lane: "sales", position: { x: Number.NaN, y: 0 } }] },
      "position x must be a finite number",
    );
  });

  it("nudgeSteps and moveStepsToLane: the keyboard's moves", () => {
    doUndoRedo(sampleMap(), { type: "nudgeSteps", moves }, (after) => {
      expect(stepOf(after, "quote")?.position).toEqual({ x: 408, y: 28 });
    });
    doUndoRedo(sampleMap(), { type: "moveStepsToLane", moves }, (after) => {
      expect(stepOf(after, "qualify")?.lane).toBe("ops");
    });
  });
});

describe("deleting, pasting, duplicating", () => {
  it("deleteSelection: steps with their handoffs, and handoffs, as one edit", () => {
    doUndoRedo(
      sampleMap(),
      { type: "deleteSelection", steps: ["provision"], handoffs: ["h-quote"] },
      (after) => {
        expect(after.steps.map((s) => s.id)).toEqual(["qualify", "quote"]);
        expect(after.handoffs).toEqual([]);
        // The deleted edge cases' numbers are never given again.
        expect(after.lastEdgeCaseNumber).toBe(2);
      },
    );
    // A handoff that goes with its step is not removed twice.
    doUndoRedo(sampleMap(), { type: "deleteSelection", steps: ["quote"], handoffs: ["h-quote"] }, (after) => {
      expect(after.handoffs).toEqual([]);
    });
  });

  it("paste: into the map it came from, fresh ids, a little below and right", () => {
    const given = sampleMap();
    const fragment = copyFragment(given, ["qualify", "quote"]);
    if (fragment === null) throw new Error("nothing copied");
    const { result, after } = doUndoRedo(given, { type: "paste", fragment }, () => {});
    const ids = result.command.ids;
    expect(ids?.steps).toHaveLength(2);
    const [a, b] = ids?.steps ?? [];
    expect(a).toMatch(/^s-[0-9a-z]{12}$/);
    expect(stepOf(after, a ?? "")).toMatchObject({
      label: "Step qualify",
      lane: "sales",
      position: { x: 72, y: 44 },
    });
    expect(stepOf(after, b ?? "")?.position).toEqual({ x: 432, y: 44 });
    const pasted = after.handoffs.find((h) => h.id === ids?.handoffs[0]);
    expect(pasted).toMatchObject({ from: a, to: b, label: "qualified lead" });
    // The pasted edge case is a new one: a new id and the next number.
    expect(pasted?.edgeCases[0]).toMatchObject({ id: ids?.edgeCases[0]?.[0], number: 3, votes: 2 });
  });

  it("paste: the completed command replays to the same map", () => {
    const given = sampleMap();
    const fragment = copyFragment(given, ["qualify", "quote"]);
    if (fragment === null) throw new Error("nothing copied");
    const first = givenStore(given, 1);
    const done = first.getState().dispatch({ type: "paste", fragment });
    if (!done.ok) throw new Error(done.error);
    const replay = givenStore(given, 99);
    replay.getState().dispatch(JSON.parse(JSON.stringify(done.command)));
    expect(replay.getState().map).toEqual(first.getState().map);
  });

  it("duplicateSteps: copies next to the originals, with the handoffs between them", () => {
    doUndoRedo(
      sampleMap(),
      { type: "duplicateSteps", steps: ["quote", "provision"] },
      (after, { result }) => {
        expect(after.steps).toHaveLength(5);
        expect(after.handoffs).toHaveLength(3);
        const [copy] = result.command.ids?.steps ?? [];
        expect(stepOf(after, copy ?? "")?.position).toEqual({ x: 432, y: 44 });
      },
    );
    refused(sampleMap(), { type: "duplicateSteps", steps: [] }, "select the steps to duplicate");
  });
});
