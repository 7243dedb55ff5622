// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import { useEditorShortcuts } from "../../../src/ui/keyboard/use-editor-shortcuts";

function makeStore(): EditorStore {
  return createEditorStore({
    map: createRevOpsTemplate(),
    runLayout: async (map) => ({ ok: true, layout: layoutForPositions(map) }),
  });
}

async function settled(store: EditorStore) {
  for (let i = 0; i < 20 && store.getState().layout === null; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function Harness({ store }: { store: EditorStore }) {
  useEditorShortcuts({ store, canvas: () => document.getElementById("canvas") });
  return <div id="canvas" tabIndex={-1} data-testid="canvas" />;
}

async function setup(stepId: string) {
  const store = makeStore();
  await settled(store);
  const view = render(<Harness store={store} />);
  store.getState().select({ steps: [stepId] });
  const canvas = view.getByTestId("canvas");
  canvas.focus();
  const press = async (key: string, mods: { altKey?: boolean; shiftKey?: boolean } = {}) => {
    fireEvent.keyDown(canvas, { key, ...mods });
    await settled(store);
  };
  const step = () => store.getState().map.steps.find((s) => s.id === stepId);
  const band = (lane: string) => store.getState().layout?.lanes.find((b) => b.id === lane);
  return { store, press, step, band };
}

describe("arrow keys on a selected step", () => {
  it("nudge it within its lane, stop at the lane's edge without stretching it, and say how to change lanes", async () => {
    // given Discovery, in Sales
    const { store, press, step, band } = await setup("discovery");
    const before = store.getState().map;
    const height = band("sales")?.height ?? 0;
    // when it is nudged down far more than the lane is high
    for (let i = 0; i < 30; i++) await press("ArrowDown", { shiftKey: true });
    // then it is still in Sales, and Sales is as high as it was
    expect(step()?.lane).toBe("sales");
    expect(band("sales")?.height).toBe(height);
    expect(store.getState().notice?.text).toMatch(/Alt\+↓ moves it to the lane below/);
    // and the nudges of one selection in a row are one undo entry
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    store.getState().redo();
    expect(step()?.lane).toBe("sales");
  });

  it("nudge left and right by 8 px, 32 px with Shift", async () => {
    const { press, step } = await setup("discovery");
    await press("ArrowRight");
    const x1 = step()?.position?.x ?? 0;
    await press("ArrowRight", { shiftKey: true });
    expect((step()?.position?.x ?? 0) - x1).toBe(32);
    await press("ArrowLeft");
    expect((step()?.position?.x ?? 0) - x1).toBe(24);
  });
});

describe("Alt+Up and Alt+Down on selected steps", () => {
  it("move them to the lane below and above, handoffs following, each one undo entry", async () => {
    const { store, press, step } = await setup("discovery");
    const before = store.getState().map;
    const handoffs = before.handoffs.filter((h) => h.from === "discovery" || h.to === "discovery");
    await press("ArrowDown", { altKey: true });
    expect(step()?.lane).toBe("deal-desk");
    const after = store.getState().map;
    expect(after.handoffs.filter((h) => h.from === "discovery" || h.to === "discovery")).toEqual(handoffs);
    // The step's middle lies in the new lane's band once laid out.
    const box = store.getState().layout?.steps.find((b) => b.id === "discovery");
    const band = store.getState().layout?.lanes.find((b) => b.id === "deal-desk");
    const middle = (box?.y ?? 0) + (box?.height ?? 0) / 2;
    expect(middle).toBeGreaterThan(band?.y ?? 0);
    expect(middle).toBeLessThan((band?.y ?? 0) + (band?.height ?? 0));
    // undo, redo
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    store.getState().redo();
    expect(step()?.lane).toBe("deal-desk");
    await settled(store);
    await press("ArrowUp", { altKey: true });
    await press("ArrowUp", { altKey: true });
    expect(step()?.lane).toBe("sdr");
  });

  it("say so at the first lane, and change nothing", async () => {
    const { store, press, step } = await setup("lead-capture");
    const before = store.getState().map;
    await press("ArrowUp", { altKey: true });
    expect(step()?.lane).toBe("marketing");
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toMatch(/no lane above/);
  });
});
