import { describe, expect, it } from "vitest";
import { removeStep } from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore } from "../../src/store/editor-store";
import { cachedFlowOrder, createWorkshopStore, resolvePosition } from "../../src/store/workshop-store";
import { wsMap, wsStep } from "../fixtures/workshop-fixtures";

function setup(map: HandoffMap = wsMap([wsStep("a", { kind: "start" }), "b", "c"], ["a>b", "b>c"])) {
  let clock = 1_000;
  const editor = createEditorStore({ map, runLayout: () => new Promise(() => {}) });
  const workshop = createWorkshopStore({ editor, now: () => clock });
  const position = () =>
    resolvePosition(cachedFlowOrder(editor.getState().map), workshop.getState().walkthrough);
  return { editor, workshop, position, tick: (ms: number) => (clock += ms) };
}

describe("walkthrough", () => {
  it("starts at the first step, moves forward and back, clamped at the ends", () => {
    const { workshop, position } = setup();
    workshop.getState().startWalkthrough();
    expect(position().stepId).toBe("a");
    workshop.getState().next();
    workshop.getState().next();
    workshop.getState().next();
    expect(position().stepId).toBe("c");
    workshop.getState().back();
    expect(position().stepId).toBe("b");
    workshop.getState().first();
    workshop.getState().back();
    expect(position().stepId).toBe("a");
  });

  it("keeps its position when left and resumed", () => {
    const { workshop, position } = setup();
    workshop.getState().toggleWalkthrough();
    workshop.getState().next();
    workshop.getState().toggleWalkthrough();
    expect(workshop.getState().walkthrough.active).toBe(false);
    workshop.getState().toggleWalkthrough();
    expect(workshop.getState().walkthrough.active).toBe(true);
    expect(position().stepId).toBe("b");
  });

  it("asks the canvas to bring each step into view, and never touches the document or history", () => {
    const { editor, workshop } = setup();
    const before = editor.getState().map;
    workshop.getState().startWalkthrough();
    workshop.getState().next();
    expect(editor.getState().focusRequest).toMatchObject({ kind: "step", id: "b" });
    expect(editor.getState().map).toBe(before);
    expect(editor.getState().history.past).toHaveLength(0);
  });

  it("follows the step by id when the map changes, by index while it is deleted", () => {
    const { editor, workshop, position } = setup();
    workshop.getState().startWalkthrough();
    workshop.getState().next(); // at b, index 1
    editor.getState().apply((m) => removeStep(m, "b"));
    expect(position()).toEqual({ index: 1, stepId: "c" });
    editor.getState().undo();
    expect(position().stepId).toBe("b"); // the step is back, and so is the walkthrough
  });

  it("walks the template in flow order", () => {
    const { workshop, position } = setup(createRevOpsTemplate());
    workshop.getState().startWalkthrough();
    const seen = [position().stepId];
    for (let i = 0; i < 3; i++) {
      workshop.getState().next();
      seen.push(position().stepId);
    }
    expect(seen).toEqual(["prospect-raises-hand", "lead-capture", "enrich-route", "outreach-qualify"]);
  });
});

describe("timer", () => {
  it("counts down while running, holds while paused, and resets to the set length", () => {
    const { workshop, tick } = setup();
    const remaining = () => {
      const { timer } = workshop.getState();
      return timer.endsAt === null ? timer.remainingMs : timer.endsAt - (tick(0) as number);
    };
    workshop.getState().setTimerMinutes(2);
    workshop.getState().startTimer();
    tick(30_000);
    expect(remaining()).toBe(90_000);
    workshop.getState().pauseTimer();
    tick(60_000);
    expect(remaining()).toBe(90_000);
    workshop.getState().startTimer();
    tick(10_000);
    expect(remaining()).toBe(80_000);
    workshop.getState().resetTimer();
    expect(workshop.getState().timer).toEqual({ durationMs: 120_000, remainingMs: 120_000, endsAt: null });
  });

  it("starts a fresh round when started again after reaching zero", () => {
    const { workshop, tick } = setup();
    workshop.getState().setTimerMinutes(1);
    workshop.getState().startTimer();
    tick(70_000);
    workshop.getState().startTimer();
    expect(workshop.getState().timer.remainingMs).toBe(60_000);
  });
});

describe("presentation", () => {
  it("asks the canvas to come closer to each step while presenting", () => {
    const { editor, workshop } = setup();
    workshop.getState().startWalkthrough();
    expect(editor.getState().focusRequest).not.toHaveProperty("minZoom");
    workshop.getState().setPresenting(true);
    workshop.getState().next();
    expect(editor.getState().focusRequest).toMatchObject({ kind: "step", id: "b", minZoom: 1.25 });
  });
});
