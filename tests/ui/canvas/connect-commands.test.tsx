// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { measureStep } from "../../../src/layout/metrics";
import type { HandoffMap } from "../../../src/model/types";
import type { EditorStore } from "../../../src/store/editor-store";
import {
  addConnectedStepAtPoint,
  addPhaseAtEnd,
  connectSteps,
  NEW_STEP_LABEL,
} from "../../../src/ui/actions/editor-actions";
import { Inspector } from "../../../src/ui/inspector/Inspector";
import { makeMap } from "../../fixtures/maps";
import { makeStore, renderWithStore } from "../inspector/render-editor";

/** Two lanes, two phases, a step in each; the store's layout is the keep layout at once. */
function given(map: HandoffMap = twoByTwo()): EditorStore {
  const store = makeStore(map);
  store.setState({ layout: layoutForPositions(map) });
  return store;
}

function twoByTwo(): HandoffMap {
  return makeMap({
    lanes: ["a", "b"],
    phases: ["p", "q"],
    steps: [
      { id: "s1", lane: "a", phase: "p", position: { x: 24, y: 24 } },
      { id: "s2", lane: "a", phase: "q", position: { x: 500, y: 24 } },
    ],
  });
}

const added = (store: EditorStore) => store.getState().map.steps.find((s) => s.label === NEW_STEP_LABEL);

describe("a handoff dropped on empty lane space", () => {
  it("adds a step centred on the drop, in the lane and phase there, connected from the step: one undo entry", () => {
    const store = given();
    const layout = store.getState().layout;
    const lane = layout?.lanes.find((l) => l.id === "b");
    const column = layout?.phases.find((p) => p.id === "q");
    if (layout == null || lane === undefined || column === undefined) throw new Error("no layout");
    const drop = { x: column.x + 80, y: lane.y + lane.height / 2 };
    const before = store.getState().map;

    expect(addConnectedStepAtPoint(store, drop, { from: "s1" })).toBe(true);
    const step = added(store);
    expect(step).toMatchObject({ lane: "b", phase: "q" });
    const size = measureStep(NEW_STEP_LABEL);
    expect(step?.position).toEqual({
      x: Math.round(drop.x - size.width / 2 - layout.laneHeaderWidth),
      y: Math.max(0, Math.round(drop.y - size.height / 2 - lane.y)),
    });
    expect(store.getState().map.handoffs.map((h) => [h.from, h.to])).toEqual([["s1", step?.id]]);
    // Selected, its label open for typing.
    expect(store.getState().selection.steps).toEqual([step?.id]);
    expect(store.getState().editingStepId).toBe(step?.id);

    const after = store.getState().map;
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    store.getState().redo();
    expect(store.getState().map).toBe(after);
  });

  it("from a step's incoming handle, the new step hands off to it", () => {
    const store = given();
    const lane = store.getState().layout?.lanes.find((l) => l.id === "b");
    if (lane === undefined) throw new Error("no layout");
    addConnectedStepAtPoint(store, { x: 300, y: lane.y + 30 }, { to: "s2" });
    const step = added(store);
    expect(store.getState().map.handoffs.map((h) => [h.from, h.to])).toEqual([[step?.id, "s2"]]);
  });
});

describe("a new handoff's label takes the cursor", () => {
  it("connectSteps selects the handoff and the inspector focuses its label field, once", () => {
    const store = given();
    const { container } = renderWithStore(<Inspector />, store);
    act(() => {
      connectSteps(store, "s1", "s2");
    });
    const label = screen.getByLabelText("Label");
    expect(document.activeElement).toBe(label);
    // Used up: selecting the handoff again later does not pull the cursor.
    expect(store.getState().labelFocusHandoffId).toBeNull();
    act(() => store.getState().select({}));
    act(() => store.getState().select({ handoffs: store.getState().map.handoffs.map((h) => h.id) }));
    expect(document.activeElement).not.toBe(screen.getByLabelText("Label"));
    expect(container.textContent).toContain("Step s1 → Step s2");
  });
});

describe("Add phase", () => {
  it("on a map without phases, the first phase takes every step: the inspector counts them at once", () => {
    const map = makeMap({
      lanes: ["a", "b"],
      steps: [
        { id: "s1", lane: "a", position: { x: 24, y: 24 } },
        { id: "s2", lane: "b", position: { x: 400, y: 24 } },
      ],
    });
    const store = given(map);
    renderWithStore(<Inspector />, store);
    act(() => {
      addPhaseAtEnd(store);
    });
    expect(screen.getByText("2 steps in this phase.")).toBeTruthy();
    expect(store.getState().history.past).toHaveLength(1);
    act(() => store.getState().undo());
    expect(store.getState().map.steps.every((s) => s.phase === undefined)).toBe(true);
  });
});
