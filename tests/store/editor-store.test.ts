import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { createInProcessLayout } from "../../src/layout/run-layout";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore, type LayoutRunner, positionsFromLayout } from "../../src/store/editor-store";
import { HISTORY_LIMIT } from "../../src/store/history";
import { map, step } from "../fixtures/model-maps";

const noLayout: LayoutRunner = async () => ({ ok: false, error: "no layout in this test" });
const given = (m: HandoffMap = map({ steps: [step("s", "a")] }), runLayout = noLayout) =>
  createEditorStore({ map: m, runLayout });

describe("apply and history", () => {
  it("records one entry per edit: do, undo, redo", () => {
    const store = given();
    const first = store.getState().map;
    store.getState().apply((m) => ops.updateStep(m, "s", { label: "Discovery" }));
    const second = store.getState().map;
    expect(second.steps[0]?.label).toBe("Discovery");
    store.getState().undo();
    expect(store.getState().map).toBe(first);
    store.getState().redo();
    expect(store.getState().map).toBe(second);
  });

  it("coalesces a field edit typed key by key into one entry, and seals it on blur", () => {
    const store = given();
    const first = store.getState().map;
    for (const label of ["D", "Di", "Dis", "Disc"])
      store.getState().apply((m) => ops.updateStep(m, "s", { label }), { coalesce: "step:s:label" });
    store.getState().sealHistory();
    store
      .getState()
      .apply((m) => ops.updateStep(m, "s", { label: "Discovery" }), { coalesce: "step:s:label" });
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().map.steps[0]?.label).toBe("Disc");
    store.getState().undo();
    expect(store.getState().map).toBe(first);
  });

  it("makes a whole gesture one entry, taking the before state at its start", () => {
    const store = given(map({ steps: [step("s", "a", { position: { x: 0, y: 0 } })] }));
    const first = store.getState().map;
    store.getState().beginGesture();
    for (let x = 1; x <= 30; x++)
      store.getState().apply((m) => ops.updateStep(m, "s", { position: { x, y: 0 } }));
    store.getState().endGesture();
    expect(store.getState().history.past).toEqual([first]);
    store.getState().undo();
    expect(store.getState().map).toBe(first);
  });

  it("keeps 'ignore' edits out of history", () => {
    const store = given();
    store.getState().apply((m) => ops.updateStep(m, "s", { owner: "RevOps" }), { history: "ignore" });
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().map.steps[0]?.owner).toBe("RevOps");
  });

  it("bounds history at its limit", () => {
    const store = given();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++)
      store.getState().apply((m) => ops.updateStep(m, "s", { owner: `owner ${i}` }));
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it("turns a refused edit into an error notice and leaves the map alone", () => {
    const store = given();
    const before = store.getState().map;
    expect(store.getState().apply((m) => ops.connect(m, { from: "s", to: "s" }))).toBe(false);
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice).toMatchObject({
      tone: "error",
      text: "a handoff cannot go from a step to itself",
    });
    expect(store.getState().history.past).toEqual([]);
  });

  it("prunes the selection when undo removes what was selected", () => {
    const store = given();
    store.getState().apply((m) => ops.addStep(m, { lane: "b", label: "New" }));
    store.getState().select({ steps: ["s", "new"] });
    store.getState().undo();
    expect(store.getState().selection.steps).toEqual(["s"]);
  });

  it("counts revisions on every document change, undo and redo included, and never on session changes", () => {
    const store = given();
    store.getState().apply((m) => ops.updateStep(m, "s", { owner: "x" }));
    store.getState().select({ steps: ["s"] });
    store.getState().togglePanel("register");
    store.getState().undo();
    store.getState().redo();
    expect(store.getState().revision).toBe(3);
  });
});

describe("read-only", () => {
  it("refuses apply, undo and redo with the reason, and lifts when cleared", () => {
    const store = given();
    store.getState().apply((m) => ops.updateStep(m, "s", { owner: "x" }));
    const before = store.getState().map;
    store.getState().setReadOnly("changed in another tab");
    expect(store.getState().apply((m) => ops.updateStep(m, "s", { owner: "y" }))).toBe(false);
    store.getState().undo();
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe("changed in another tab");
    store.getState().setReadOnly(null);
    store.getState().undo();
    expect(store.getState().map).not.toBe(before);
  });
});

describe("layout", () => {
  const run = createInProcessLayout(createNodeElk());
  const runLayout: LayoutRunner = (m, mode) => run(m, { mode });

  it("lays out a map without positions once, writing the positions outside history", async () => {
    const store = given(createRevOpsTemplate(), runLayout);
    await expect.poll(() => store.getState().layout !== null).toBe(true);
    await expect.poll(() => store.getState().map.steps.every((s) => s.position !== undefined)).toBe(true);
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().layout?.steps).toHaveLength(13);
  });

  it("auto layout is one undoable entry", async () => {
    const store = given(createRevOpsTemplate(), runLayout);
    await expect.poll(() => store.getState().map.steps.every((s) => s.position !== undefined)).toBe(true);
    store.getState().apply((m) => ops.updateStep(m, "discovery", { position: { x: 5000, y: 0 } }));
    const moved = store.getState().map;
    expect(await store.getState().autoLayout()).toBe(true);
    expect(store.getState().map.steps.find((s) => s.id === "discovery")?.position?.x).not.toBe(5000);
    store.getState().undo();
    expect(store.getState().map).toBe(moved);
  });

  it("a failed auto layout leaves the map unchanged and says why", async () => {
    let calls = 0;
    const failing: LayoutRunner = async (m, mode) => {
      if (mode === "auto") return { ok: false, error: "timed out after 10 s" };
      calls++;
      return runLayout(m, mode);
    };
    const store = given(createRevOpsTemplate(), failing);
    await expect.poll(() => calls > 0).toBe(true);
    const before = store.getState().map;
    expect(await store.getState().autoLayout()).toBe(false);
    expect(store.getState().map).toBe(before);
    expect(store.getState().notice?.text).toBe(
      "Auto layout failed: timed out after 10 s. The map is unchanged.",
    );
  });

  it("a failed keep layout is said, not swallowed, and tried once more; the quick first layout stays meanwhile", async () => {
    const placed = map({
      steps: [step("s", "a", { position: { x: 0, y: 0 } }), step("t", "a", { position: { x: 200, y: 0 } })],
    });
    let calls = 0;
    const flaky: LayoutRunner = async (m, mode) => {
      calls++;
      if (calls === 1) return { ok: false, error: "layout worker failed: boom" };
      return runLayout(m, mode);
    };
    const store = createEditorStore({
      map: placed,
      runLayout: flaky,
      layoutAtOnce: (m) => layoutForPositions(m, { routes: false }),
    });
    expect(store.getState().layout?.unrouted).toBe(true);
    await expect
      .poll(() => store.getState().notice?.text)
      .toBe("The handoffs could not be laid out (layout worker failed: boom). Trying again…");
    expect(store.getState().layout?.unrouted).toBe(true);
    await expect.poll(() => store.getState().layout?.unrouted, { timeout: 5000 }).toBeUndefined();
    expect(calls).toBe(2);
    expect(store.getState().layoutError).toBeNull();
  });

  it("load() drops a pending focus request: it was for the map that was open", () => {
    const store = given();
    store.getState().requestFocus({ kind: "step", id: "s", ifHidden: true });
    expect(store.getState().focusRequest).not.toBeNull();
    store.getState().load(map({ steps: [step("s", "a")] }));
    expect(store.getState().focusRequest).toBeNull();
  });

  it("an auto layout that finishes after the map changed is not applied", async () => {
    let release: () => void = () => {};
    const slow: LayoutRunner = async (m, mode) => {
      if (mode === "auto") await new Promise<void>((resolve) => (release = resolve));
      return runLayout(m, mode);
    };
    const store = given(map({ steps: [step("s", "a", { position: { x: 0, y: 0 } })] }), slow);
    const pending = store.getState().autoLayout();
    store.getState().apply((m) => ops.updateStep(m, "s", { label: "Changed meanwhile" }));
    const changed = store.getState().map;
    release();
    expect(await pending).toBe(false);
    expect(store.getState().map).toBe(changed);
  });
});

describe("positions written back from a layout", () => {
  const run = createInProcessLayout(createNodeElk());
  const runLayout: LayoutRunner = (m, mode) => run(m, { mode });

  it("given a step placed beside one at a negative x, then its written position keeps it where it was drawn", async () => {
    const m = map({
      steps: [step("s", "a", { position: { x: -500, y: 10 } }), step("t", "a")],
      handoffs: [],
    });
    const first = await run(m, { mode: "keep" });
    if (!first.ok) throw new Error(first.error);
    const positions = positionsFromLayout(first.layout, m);
    const placed = ops.setPositions(m, new Map([["t", positions?.get("t") ?? { x: 0, y: 0 }]]));
    const second = await run(placed, { mode: "keep" });
    if (!second.ok) throw new Error(second.error);

    const gap = (layout: typeof first.layout) => {
      const boxes = new Map(layout.steps.map((b) => [b.id, b]));
      return (boxes.get("t")?.x ?? 0) - (boxes.get("s")?.x ?? 0);
    };
    expect(positions?.get("s")).toEqual({ x: -500, y: 10 });
    expect(gap(second.layout)).toBe(gap(first.layout));
  });

  it("given a layout wider than a file can store, then no position is written, it is said once, and auto layout changes nothing", async () => {
    // A 10,000-step chain is laid out about 2,000,000 px wide; here the boxes are moved out of range.
    const beyond: LayoutRunner = async (m, mode) => {
      const result = await runLayout(m, mode);
      if (!result.ok) return result;
      const steps = result.layout.steps.map((b, i) => (i === 0 ? b : { ...b, x: b.x + 1_500_000 }));
      return { ...result, layout: { ...result.layout, steps } };
    };
    const store = given(map({ steps: [step("s", "a"), step("t", "a")], handoffs: [] }), beyond);
    await expect.poll(() => store.getState().notice?.text ?? "").toContain("laid out beyond ±1,000,000 px");
    expect(store.getState().notice?.tone).toBe("info");
    expect(store.getState().map.steps.every((s) => s.position === undefined)).toBe(true);
    expect(store.getState().history.past).toEqual([]);

    store.getState().notify("something else");
    store.getState().apply((m) => ops.updateStep(m, "s", { label: "Renamed" }));
    await expect.poll(() => store.getState().layoutStatus).toBe("idle");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState().notice?.text).toBe("something else");

    expect(await store.getState().autoLayout()).toBe(false);
    expect(store.getState().notice?.text).toContain("Auto layout changed nothing");
    expect(store.getState().map.steps.every((s) => s.position === undefined)).toBe(true);
  });
});
