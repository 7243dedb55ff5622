import { describe, expect, it } from "vitest";
import { firstPaintLayout, layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore } from "../../../src/store/editor-store";
import { isStubId } from "../../../src/store/lane-focus";
import { createFlowAdapter, stepIdOfNode } from "../../../src/ui/canvas/flow-adapter";

const none = new Set<string>();

function focused(lanes: string[]) {
  const store = createEditorStore({
    map: createRevOpsTemplate(),
    runLayout: async (map, _mode, options) => ({ ok: true, layout: layoutForPositions(map, options) }),
    layoutAtOnce: firstPaintLayout,
  });
  store.getState().setLaneFocus(lanes);
  const view = store.getState().focusView;
  if (view === null || view.layout === null) throw new Error("no focused view");
  return { store, view };
}

describe("flow adapter in a lane focus", () => {
  it("draws stubs as 'stub' nodes that cannot be dragged or selected, and real steps as steps", () => {
    const { view } = focused(["sales", "deal-desk"]);
    const { nodes } = createFlowAdapter()({
      map: view.map,
      layout: view.layout,
      selectedSteps: none,
      selectedHandoffs: none,
      dragPositions: new Map(),
      stubs: view.stubs,
    });
    const stubs = nodes.filter((n) => n.type === "stub");
    // Node ids write "~" escaped (flowNodeId): read back, each is a stub id.
    expect(stubs.map((n) => stepIdOfNode(n.id)).every(isStubId)).toBe(true);
    expect(stubs).toHaveLength(view.stubs.size);
    for (const stub of stubs) {
      expect(stub.draggable).toBe(false);
      expect(stub.selectable).toBe(false);
      expect(stub.data.stub?.step.id).toBe(stub.data.stub?.stepId);
      expect(stub.ariaLabel).toMatch(/\(a lane not shown\)$/);
    }
    const steps = nodes.filter((n) => n.type === "step");
    expect(steps.every((n) => n.draggable === undefined && n.selectable === undefined)).toBe(true);
  });

  it("judges a system crossing by the real step, not by the lane name a stub shows as its chip", () => {
    const { store } = focused(["sales"]);
    // Discovery and the SDR step that hands to it share a system: no crossing, in focus as outside.
    store.getState().dispatch({ type: "setStepSystems", step: "discovery", systems: ["CRM"] });
    store.getState().dispatch({ type: "setStepSystems", step: "qualified", systems: ["CRM"] });
    const view = store.getState().focusView;
    if (view === null) throw new Error("no view");
    const { edges } = createFlowAdapter()({
      map: view.map,
      layout: view.layout,
      selectedSteps: none,
      selectedHandoffs: none,
      dragPositions: new Map(),
      stubs: view.stubs,
    });
    const handoff = store.getState().map.handoffs.find((h) => h.from === "qualified" && h.to === "discovery");
    const edge = edges.find((e) => e.id === handoff?.id);
    expect(edge).toBeDefined();
    expect(edge?.data?.systemCrossing).toBe(false);
  });
});
