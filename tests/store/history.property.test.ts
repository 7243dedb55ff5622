import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addEdgeCase,
  addLane,
  addStep,
  connect,
  moveLane,
  removeSteps,
  setPositions,
  updateEdgeCase,
  updateStep,
} from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore, type EditorStore } from "../../src/store/editor-store";

/**
 * Random sequences of edits through the store: recorded edits, coalesced field typing, drag
 * gestures, selection and panel changes (never entries), undos and redos in between. Then undoing
 * everything must give back the very first document, and redoing everything the last one (or,
 * when the sequence ended on undos, the newest state, from which as many undos lead back to it).
 */

type Command =
  | { kind: "addStep"; lane: number; label: string }
  | { kind: "rename"; step: number; text: string }
  | { kind: "type"; step: number; text: string }
  | { kind: "connect"; from: number; to: number }
  | { kind: "remove"; step: number }
  | { kind: "addLane"; name: string }
  | { kind: "moveLane"; lane: number; delta: number }
  | { kind: "edgeCase"; handoff: number; title: string }
  | { kind: "editEdgeCase"; handoff: number; title: string }
  | { kind: "drag"; step: number; moves: { x: number; y: number }[] }
  | { kind: "select"; step: number }
  | { kind: "panel" }
  | { kind: "undo" }
  | { kind: "redo" };

const text = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/);
const index = fc.nat({ max: 40 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("addStep" as const), lane: index, label: text }),
  fc.record({ kind: fc.constant("rename" as const), step: index, text }),
  fc.record({ kind: fc.constant("type" as const), step: index, text }),
  fc.record({ kind: fc.constant("connect" as const), from: index, to: index }),
  fc.record({ kind: fc.constant("remove" as const), step: index }),
  fc.record({ kind: fc.constant("addLane" as const), name: text }),
  fc.record({ kind: fc.constant("moveLane" as const), lane: index, delta: fc.constantFrom(-1, 1) }),
  fc.record({ kind: fc.constant("edgeCase" as const), handoff: index, title: text }),
  fc.record({ kind: fc.constant("editEdgeCase" as const), handoff: index, title: text }),
  fc.record({
    kind: fc.constant("drag" as const),
    step: index,
    moves: fc.array(fc.record({ x: fc.integer({ min: 0, max: 900 }), y: fc.integer({ min: 0, max: 80 }) }), {
      minLength: 1,
      maxLength: 6,
    }),
  }),
  fc.record({ kind: fc.constant("select" as const), step: index }),
  fc.constant({ kind: "panel" as const }),
  fc.constant({ kind: "undo" as const }),
  fc.constant({ kind: "redo" as const }),
);

function pick<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

function run(store: EditorStore, cmd: Command): void {
  const state = store.getState();
  const map = state.map;
  switch (cmd.kind) {
    case "addStep": {
      const lane = pick(map.lanes, cmd.lane);
      if (lane) state.apply((m) => addStep(m, { lane: lane.id, label: cmd.label }));
      return;
    }
    case "rename": {
      const step = pick(map.steps, cmd.step);
      if (step) state.apply((m) => updateStep(m, step.id, { label: cmd.text }));
      return;
    }
    case "type": {
      // Typing into one field, a keystroke at a time: one entry for the whole edit.
      const step = pick(map.steps, cmd.step);
      if (!step) return;
      for (let i = 1; i <= cmd.text.length; i++)
        state.apply((m) => updateStep(m, step.id, { description: cmd.text.slice(0, i) }), {
          coalesce: `step:${step.id}:description`,
        });
      state.sealHistory();
      return;
    }
    case "connect": {
      const from = pick(map.steps, cmd.from);
      const to = pick(map.steps, cmd.to);
      if (from && to) state.apply((m) => connect(m, { from: from.id, to: to.id }));
      return;
    }
    case "remove": {
      const step = pick(map.steps, cmd.step);
      if (step) state.apply((m) => removeSteps(m, [step.id]));
      return;
    }
    case "addLane":
      state.apply((m) => addLane(m, { name: cmd.name }));
      return;
    case "moveLane": {
      const lane = pick(map.lanes, cmd.lane);
      if (lane) state.apply((m) => moveLane(m, lane.id, cmd.delta));
      return;
    }
    case "edgeCase": {
      const handoff = pick(map.handoffs, cmd.handoff);
      if (handoff) state.apply((m) => addEdgeCase(m, handoff.id, { title: cmd.title, severity: "high" }));
      return;
    }
    case "editEdgeCase": {
      const edgeCase = pick(
        map.handoffs.flatMap((h) => h.edgeCases),
        cmd.handoff,
      );
      if (edgeCase) state.apply((m) => updateEdgeCase(m, edgeCase.id, { title: cmd.title }));
      return;
    }
    case "drag": {
      const step = pick(map.steps, cmd.step);
      if (!step) return;
      state.beginGesture();
      for (const move of cmd.moves)
        store.getState().apply((m) => setPositions(m, new Map([[step.id, move]])));
      store.getState().endGesture();
      return;
    }
    case "select": {
      const step = pick(map.steps, cmd.step);
      state.select({ steps: step ? [step.id] : [] });
      return;
    }
    case "panel":
      state.togglePanel("register");
      return;
    case "undo":
      state.undo();
      return;
    case "redo":
      state.redo();
      return;
    default: {
      const unknown: never = cmd;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function makeStore(map: HandoffMap): EditorStore {
  // A layout that never answers: the keep layout may not write positions behind history's back.
  return createEditorStore({ map, runLayout: () => new Promise(() => {}) });
}

describe("undo history through the store", () => {
  it("property: undo all gives the first document exactly, redo all the last", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const first = createRevOpsTemplate();
        const store = makeStore(first);
        for (const cmd of commands) run(store, cmd);
        const last = store.getState().map;
        // Trailing undos leave redoable states beyond `last`: redo all goes to the newest of them.
        const pending = store.getState().history.future.length;

        let guard = 0;
        while (store.getState().history.past.length > 0 && guard++ < 1_000) store.getState().undo();
        expect(store.getState().map).toBe(first);
        expect(store.getState().map).toEqual(createRevOpsTemplate());

        guard = 0;
        while (store.getState().history.future.length > 0 && guard++ < 1_000) store.getState().redo();
        if (pending === 0) expect(store.getState().map).toBe(last);
        for (let i = 0; i < pending; i++) store.getState().undo();
        expect(store.getState().map).toBe(last);
      }),
      { numRuns: 200 },
    );
  });

  it("one drag is one entry, one field edit is one entry, selection and panels are none", () => {
    const store = makeStore(createRevOpsTemplate());
    const step = store.getState().map.steps[0];
    if (step === undefined) throw new Error("template has no steps");
    run(store, {
      kind: "drag",
      step: 0,
      moves: [
        { x: 1, y: 1 },
        { x: 5, y: 5 },
        { x: 9, y: 9 },
      ],
    });
    expect(store.getState().history.past).toHaveLength(1);
    run(store, { kind: "type", step: 0, text: "Several keystrokes" });
    expect(store.getState().history.past).toHaveLength(2);
    run(store, { kind: "select", step: 1 });
    run(store, { kind: "panel" });
    expect(store.getState().history.past).toHaveLength(2);
  });
});
