import { describe, expect, it } from "vitest";
import { fromFilePosition } from "../../../src/layout/geometry";
import { OTHER_LANES_ID, stubIdOf, viewLayout, viewMap } from "../../../src/store/lane-focus";
import {
  addLaneAtEnd,
  addStepAtPoint,
  connectSteps,
  moveStepsTo,
} from "../../../src/ui/actions/editor-actions";
import { settled, stepOf, templateStore } from "../../fixtures/focus-store";

describe("editing in the focused view (the canvas's actions)", () => {
  it("given Sales and Deal Desk focused, when Discovery is dragged right within Sales, then its real position moves by as much; undo puts it back", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    await settled(store);
    const layout = viewLayout(store.getState());
    const step = stepOf(store, "discovery");
    if (layout === null || step?.position === undefined) throw new Error("not laid out");
    const corner = fromFilePosition(layout, step.position, "sales");
    if (corner === undefined) throw new Error("no Sales band");
    const before = store.getState().map;
    // when
    store.getState().beginGesture();
    moveStepsTo(store, new Map([["discovery", { x: corner.x + 48, y: corner.y + 8 }]]));
    store.getState().endGesture();
    // then
    expect(stepOf(store, "discovery")).toMatchObject({
      lane: "sales",
      position: { x: step.position.x + 48, y: step.position.y + 8 },
    });
    // then undo, then redo
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    store.getState().redo();
    expect(stepOf(store, "discovery")?.position).toEqual({ x: step.position.x + 48, y: step.position.y + 8 });
  });

  it("when a step is dropped into Deal Desk's band, then it moves to Deal Desk, at the file position of that spot", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    await settled(store);
    const layout = viewLayout(store.getState());
    const band = layout?.lanes.find((l) => l.id === "deal-desk");
    const step = stepOf(store, "discovery");
    if (layout === null || band === undefined || step?.position === undefined)
      throw new Error("not laid out");
    const x = layout.laneHeaderWidth + (layout.shiftX ?? 0) + step.position.x;
    moveStepsTo(store, new Map([["discovery", { x, y: band.y + (band.shiftY ?? 0) + 30 }]]));
    expect(stepOf(store, "discovery")).toMatchObject({
      lane: "deal-desk",
      position: { x: step.position.x, y: 30 },
    });
  });

  it("when a step is dropped into 'Other lanes', then nothing moves and a notice says why", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["sales", "deal-desk"]);
    await settled(store);
    const layout = viewLayout(store.getState());
    const other = layout?.lanes.find((l) => l.id === OTHER_LANES_ID);
    if (layout === null || other === undefined) throw new Error("not laid out");
    const before = store.getState().map;
    moveStepsTo(store, new Map([["discovery", { x: layout.laneHeaderWidth + 40, y: other.y + 20 }]]));
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toMatch(/cannot move into “Other lanes”/);
  });

  it("double-click in a focused lane adds a step there; in 'Other lanes' it is refused", async () => {
    const store = templateStore();
    await settled(store);
    store.getState().setLaneFocus(["deal-desk"]);
    await settled(store);
    const layout = viewLayout(store.getState());
    const band = layout?.lanes.find((l) => l.id === "deal-desk");
    const other = layout?.lanes.find((l) => l.id === OTHER_LANES_ID);
    if (layout === null || band === undefined || other === undefined) throw new Error("not laid out");
    const count = store.getState().map.steps.length;
    expect(
      addStepAtPoint(
        store,
        { x: layout.laneHeaderWidth + 500, y: band.y + band.height / 2 },
        { center: true },
      ),
    ).toBe(true);
    const added = store.getState().map.steps.at(-1);
    expect(added?.lane).toBe("deal-desk");
    expect(store.getState().map.steps).toHaveLength(count + 1);
    expect(
      addStepAtPoint(
        store,
        { x: layout.laneHeaderWidth + 500, y: other.y + other.height / 2 },
        { center: true },
      ),
    ).toBe(false);
    expect(store.getState().map.steps).toHaveLength(count + 1);
    expect(store.getState().notice?.text).toMatch(/Other lanes/);
  });

  it("connecting to a stub connects to the real step it stands for", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales"]);
    expect(connectSteps(store, "discovery", stubIdOf("onboarding"))).toBe(true);
    const made = store.getState().map.handoffs.at(-1);
    expect(made).toMatchObject({ from: "discovery", to: "onboarding" });
    // and the view shows it as a handoff to that stub
    const shown = viewMap(store.getState()).handoffs.find((h) => h.id === made?.id);
    expect(shown).toMatchObject({ from: "discovery", to: stubIdOf("onboarding") });
  });

  it("'Add lane' while focused shows the new lane too; a lane added another way is not shown", () => {
    const store = templateStore();
    store.getState().setLaneFocus(["sales"]);
    expect(addLaneAtEnd(store)).toBe(true);
    const added = store.getState().map.lanes.at(-1)?.id ?? "";
    expect(store.getState().laneFocus).toEqual(["sales", added]);
    store.getState().dispatch({ type: "addLane", id: "partners", name: "Partners" });
    expect(store.getState().laneFocus).toEqual(["sales", added]);
  });
});
