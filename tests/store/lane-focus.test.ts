import { describe, expect, it } from "vitest";
import {
  isStubId,
  OTHER_LANES_ID,
  phaseColumnsOf,
  realStepId,
  viewLayout,
  viewMap,
} from "../../src/store/lane-focus";
import { settled, stepOf, templateStore } from "../fixtures/focus-store";

describe("lane focus: set and cleared", () => {
  it("given the template, when Sales and Deal Desk are focused, then the view holds their steps and stubs in 'Other lanes'", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["deal-desk", "sales"]);
    const { laneFocus, focusView } = store.getState();
    // in map order, whatever order they were given in
    expect(laneFocus).toEqual(["sales", "deal-desk"]);
    expect(focusView?.map.lanes.map((l) => l.id)).toEqual(["sales", "deal-desk", OTHER_LANES_ID]);
    const real = focusView?.map.steps.filter((s) => !isStubId(s.id)) ?? [];
    expect(real.every((s) => s.lane === "sales" || s.lane === "deal-desk")).toBe(true);
    expect(focusView?.stubs.size).toBeGreaterThan(0);
    // drawn at once (boxes and bands), routed a moment later
    expect(focusView?.layout?.lanes.map((l) => l.id)).toEqual(["sales", "deal-desk", OTHER_LANES_ID]);
    await settled(store);
    expect(store.getState().focusView?.layout?.unrouted).toBeUndefined();
    expect(store.getState().focusView?.layout?.handoffs.length).toBeGreaterThan(0);
    // the canvas reads the view; the whole map's layout stays the whole map's
    expect(viewMap(store.getState())).toBe(store.getState().focusView?.map);
    expect(viewLayout(store.getState())).toBe(store.getState().focusView?.layout);
    expect(store.getState().layout?.lanes).toHaveLength(7);
  });

  it("lays the view out with the whole map's phase columns", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["sales"]);
    await settled(store);
    const whole = store.getState().layout;
    const view = store.getState().focusView?.layout;
    if (whole === null || view === null || view === undefined) throw new Error("no layout");
    expect(phaseColumnsOf(view)).toEqual(phaseColumnsOf(whole));
  });

  it("when cleared, or given no lane or every lane, then there is no focus and no view", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales"]);
    store.getState().setLaneFocus(null);
    expect(store.getState().laneFocus).toBeNull();
    expect(store.getState().focusView).toBeNull();
    store.getState().setLaneFocus([]);
    expect(store.getState().laneFocus).toBeNull();
    store.getState().setLaneFocus(store.getState().map.lanes.map((l) => l.id));
    expect(store.getState().laneFocus).toBeNull();
    store.getState().setLaneFocus(["no-such-lane"]);
    expect(store.getState().laneFocus).toBeNull();
  });

  it("keeps only the selection that stays in view, and never enters history", () => {
    const store = templateStore();
    store.getState().select({ steps: ["discovery", "lead-capture"], handoffs: ["h1"] });
    const history = store.getState().history;
    const revision = store.getState().revision;
    store.getState().setLaneFocus(["sales"]);
    expect(store.getState().selection.steps).toEqual(["discovery"]);
    expect(store.getState().selection.handoffs).toEqual([]);
    expect(store.getState().history).toBe(history);
    expect(store.getState().revision).toBe(revision);
  });
});

describe("lane focus follows the map", () => {
  it("given Sales and Deal Desk focused, when Deal Desk is deleted, then the focus keeps Sales; when Sales goes too, it ends", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    store.getState().dispatch({ type: "removeLane", lane: "deal-desk", moveStepsTo: "finance" });
    expect(store.getState().laneFocus).toEqual(["sales"]);
    expect(store.getState().focusView?.lanes).toEqual(["sales"]);
    store.getState().dispatch({ type: "removeLane", lane: "sales", moveStepsTo: "finance" });
    expect(store.getState().laneFocus).toBeNull();
    expect(store.getState().focusView).toBeNull();
  });

  it("given a focus, when a step is renamed, then the real map changes and the view shows it; undo and redo follow", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales"]);
    const before = store.getState().map;
    // when
    store.getState().dispatch({ type: "renameStep", step: "discovery", label: "Discovery call" });
    // then
    expect(stepOf(store, "discovery")?.label).toBe("Discovery call");
    expect(viewMap(store.getState()).steps.find((s) => s.id === "discovery")?.label).toBe("Discovery call");
    // then undo
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    expect(viewMap(store.getState()).steps.find((s) => s.id === "discovery")?.label).toBe(
      before.steps.find((s) => s.id === "discovery")?.label,
    );
    // then redo
    store.getState().redo();
    expect(stepOf(store, "discovery")?.label).toBe("Discovery call");
    expect(store.getState().laneFocus).toEqual(["sales"]);
  });

  it("renaming a step in a hidden lane renames its stub", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    const stub = viewMap(store.getState()).steps.find((s) => isStubId(s.id));
    if (stub === undefined) throw new Error("no stub");
    store.getState().dispatch({ type: "renameStep", step: realStepId(stub.id), label: "Renamed elsewhere" });
    expect(viewMap(store.getState()).steps.find((s) => s.id === stub.id)?.label).toBe("Renamed elsewhere");
  });

  it("an unchanged stub stays the same object across edits, so the canvas does not redraw it", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    const stubs = viewMap(store.getState()).steps.filter((s) => isStubId(s.id));
    store.getState().dispatch({ type: "renameStep", step: "discovery", label: "Discovery call" });
    const after = viewMap(store.getState()).steps.filter((s) => isStubId(s.id));
    expect(after).toEqual(stubs);
    for (const [i, stub] of after.entries()) expect(stub).toBe(stubs[i]);
  });
});
