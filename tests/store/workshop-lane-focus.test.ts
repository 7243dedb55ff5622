import { describe, expect, it } from "vitest";
import { flowOrder } from "../../src/model/flow-order";
import { createRevOpsTemplate } from "../../src/model/templates";
import { createEditorStore } from "../../src/store/editor-store";
import { stubIdOf } from "../../src/store/lane-focus";
import {
  createWorkshopStore,
  nearestInOrder,
  resolvePosition,
  walkOrder,
} from "../../src/store/workshop-store";
import { walkView } from "../../src/ui/workshop/walk-view";

function setup() {
  const editor = createEditorStore({ map: createRevOpsTemplate(), runLayout: () => new Promise(() => {}) });
  const workshop = createWorkshopStore({ editor, now: () => 0 });
  const at = () => resolvePosition(walkOrder(editor.getState()), workshop.getState().walkthrough).stepId;
  const laneOf = (id: string | null) => editor.getState().map.steps.find((s) => s.id === id)?.lane;
  return { editor, workshop, at, laneOf };
}

describe("the walkthrough in a lane focus", () => {
  it("walks only the lanes shown, in the journey's order", () => {
    const { editor, workshop, at, laneOf } = setup();
    editor.getState().setLaneFocus(["sales", "deal-desk"]);
    const journey = flowOrder(editor.getState().map).steps;
    const expected = journey.filter((id) => ["sales", "deal-desk"].includes(laneOf(id) ?? ""));
    expect(walkOrder(editor.getState()).steps).toEqual(expected);
    // when walked to the end
    workshop.getState().startWalkthrough();
    const visited = [at()];
    for (let i = 0; i < 20; i++) {
      workshop.getState().next();
      if (at() !== visited.at(-1)) visited.push(at());
    }
    // then it visited exactly those
    expect(visited).toEqual(expected);
  });

  it("the same map and focus give the same order object (a stable selector)", () => {
    const { editor } = setup();
    editor.getState().setLaneFocus(["sales"]);
    expect(walkOrder(editor.getState())).toBe(walkOrder(editor.getState()));
  });

  it("given a walk at a Sales step, when the focus changes to Deal Desk, then it goes on from the next Deal Desk step of the journey", () => {
    const { editor, workshop, at, laneOf } = setup();
    workshop.getState().startWalkthrough();
    while (laneOf(at()) !== "sales") workshop.getState().next();
    const sales = at();
    // when
    editor.getState().setLaneFocus(["deal-desk"]);
    // then
    const journey = flowOrder(editor.getState().map).steps;
    const next = journey.slice(journey.indexOf(sales ?? "")).find((id) => laneOf(id) === "deal-desk");
    expect(at()).toBe(next);
    // and showing every lane again keeps that step
    editor.getState().setLaneFocus(null);
    expect(at()).toBe(next);
  });

  it("nearestInOrder: the step itself, else the next shown, else the one before, else none", () => {
    const full = { steps: ["a", "b", "c", "d"], reachableCount: 4, loopBacks: new Set<string>() };
    const cut = (steps: string[]) => ({ steps, reachableCount: steps.length, loopBacks: new Set<string>() });
    expect(nearestInOrder(full, cut(["b", "d"]), "b")).toBe("b");
    expect(nearestInOrder(full, cut(["b", "d"]), "c")).toBe("d");
    expect(nearestInOrder(full, cut(["a", "b"]), "d")).toBe("b");
    expect(nearestInOrder(full, cut([]), "d")).toBeNull();
  });

  it("refuses to start when the lanes shown have no steps, and says so", () => {
    const { editor, workshop } = setup();
    editor.getState().dispatch({ type: "addLane", id: "empty", name: "Partners" });
    editor.getState().setLaneFocus(["empty"]);
    workshop.getState().startWalkthrough();
    expect(workshop.getState().walkthrough.active).toBe(false);
    expect(editor.getState().notice?.text).toMatch(/no steps to walk through/);
  });

  it("the presenter card names an end in a hidden lane with its lane, and highlights its stub", () => {
    const { editor } = setup();
    const map = editor.getState().map;
    const focus = ["deal-desk"];
    const order = walkOrder({ map, laneFocus: focus });
    const view = walkView(map, order, 0, focus);
    if (view === null) throw new Error("no step");
    expect(view.step.lane).toBe("deal-desk");
    const outside = view.handoffs.find(
      (entry) => map.steps.find((s) => s.id === entry.otherStepId)?.lane !== "deal-desk",
    );
    if (outside === undefined) throw new Error("no handoff to another lane");
    const other = map.steps.find((s) => s.id === outside.otherStepId);
    const lane = map.lanes.find((l) => l.id === other?.lane);
    expect(outside.name).toContain(`${other?.label} (${lane?.name})`);
    expect(view.focus.neighbourIds).toContain(stubIdOf(outside.otherStepId));
  });
});
