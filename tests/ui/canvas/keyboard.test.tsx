// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { updateStep } from "../../../src/model/operations";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import { addNextStep } from "../../../src/ui/actions/editor-actions";
import { isTypingTarget, type KeyLike, resolveShortcut } from "../../../src/ui/keyboard/shortcuts";
import { useEditorShortcuts } from "../../../src/ui/keyboard/use-editor-shortcuts";

const key = (k: string, mods: Partial<Omit<KeyLike, "key">> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

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

function Harness({ store, viewCenter }: { store: EditorStore; viewCenter?: { x: number; y: number } }) {
  useEditorShortcuts({
    store,
    canvas: () => document.getElementById("canvas"),
    inspector: () => document.getElementById("inspector"),
    ...(viewCenter === undefined ? {} : { viewCenter: () => viewCenter }),
  });
  return (
    <div>
      <div id="canvas" tabIndex={-1} data-testid="canvas" />
      <input aria-label="Some field" />
      <aside id="inspector">
        <input aria-label="Label" />
      </aside>
    </div>
  );
}

describe("shortcut table", () => {
  it.each([
    [key("z", { ctrlKey: true }), "undo"],
    [key("z", { metaKey: true }), "undo"],
    [key("Z", { ctrlKey: true, shiftKey: true }), "redo"],
    [key("z", { metaKey: true, shiftKey: true }), "redo"],
    [key("y", { ctrlKey: true }), "redo"],
    [key("d", { ctrlKey: true }), "duplicate"],
    [key("a", { metaKey: true }), "selectAll"],
    [key("Delete"), "delete"],
    [key("Backspace"), "delete"],
    [key("Tab"), "focusInspector"],
    [key("ArrowLeft"), "nudge"],
    [key("ArrowDown", { shiftKey: true }), "nudge"],
    [key("ArrowUp", { altKey: true }), "moveToLaneAbove"],
    [key("ArrowDown", { altKey: true }), "moveToLaneBelow"],
    [key("Enter"), "editLabel"],
    [key("Escape"), "clearSelection"],
    [key("?", { shiftKey: true }), "toggleHelp"],
    [key("!", { shiftKey: true, code: "Digit1" }), "fitView"],
    [key("Escape", { shiftKey: true }), "clearSelection"],
    [key("n"), "addStep"],
    [key("N", { shiftKey: false }), "addStep"],
  ] as const)("%o -> %s", (event, command) => {
    expect(resolveShortcut(event)).toBe(command);
  });

  it.each([
    key("Tab", { shiftKey: true }),
    key("c", { ctrlKey: true }),
    key("z", { ctrlKey: true, altKey: true }),
    key("x"),
    key("Delete", { ctrlKey: true }),
    key("1"),
    key("y", { metaKey: true }),
    key("Enter", { shiftKey: true }),
    key("n", { ctrlKey: true }),
    key("N", { shiftKey: true }),
  ])("%o is not a shortcut", (event) => {
    expect(resolveShortcut(event)).toBeNull();
  });

  it("fields, text areas, selects and dialogs own their keys", () => {
    const input = document.createElement("input");
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    const inDialog = document.createElement("button");
    dialog.append(inDialog);
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement("textarea"))).toBe(true);
    expect(isTypingTarget(inDialog)).toBe(true);
    expect(isTypingTarget(document.createElement("div"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("shortcut dispatch", () => {
  it("N adds a step with its label open: beside the selected step, unconnected, else in a lane", async () => {
    const store = makeStore();
    await settled(store);
    render(<Harness store={store} />);
    const before = store.getState().map;
    fireEvent.keyDown(window, { key: "n" });
    const added = store.getState().map.steps.filter((s) => !before.steps.some((b) => b.id === s.id));
    expect(added).toHaveLength(1);
    expect(store.getState().editingStepId).toBe(added[0]?.id);
    expect(store.getState().map.handoffs).toHaveLength(before.handoffs.length);

    await settled(store);
    const from = before.steps[1];
    if (from === undefined) throw new Error("the template has steps");
    store.getState().setEditingStep(null);
    store.getState().select({ steps: [from.id] });
    const second = store.getState().map;
    fireEvent.keyDown(window, { key: "n" });
    const next = store.getState().map.steps.filter((s) => !second.steps.some((b) => b.id === s.id));
    expect(next.map((s) => s.lane)).toEqual([from.lane]);
    expect(store.getState().map.handoffs).toHaveLength(before.handoffs.length);
    // One undo takes it back.
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(store.getState().map.steps).toHaveLength(second.steps.length);
  });

  it("N on a map without lanes says to add a lane first", async () => {
    const empty = { ...createRevOpsTemplate(), lanes: [], steps: [], handoffs: [] };
    const store = createEditorStore({
      map: empty,
      runLayout: async (map) => ({ ok: true, layout: layoutForPositions(map) }),
    });
    await settled(store);
    render(<Harness store={store} viewCenter={{ x: 400, y: 200 }} />);
    fireEvent.keyDown(window, { key: "n" });
    expect(store.getState().map.steps).toEqual([]);
    expect(store.getState().notice?.text).toBe("Add a lane first: every step belongs to a lane.");
  });

  it("Ctrl+Z undoes and Ctrl+Shift+Z and Ctrl+Y redo", async () => {
    const store = makeStore();
    await settled(store);
    render(<Harness store={store} />);
    const first = store.getState().map;
    const id = first.steps[0]?.id ?? "";
    store.getState().apply((m) => updateStep(m, id, { label: "Changed" }));
    const changed = store.getState().map;
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(store.getState().map).toBe(first);
    fireEvent.keyDown(window, { key: "Z", ctrlKey: true, shiftKey: true });
    expect(store.getState().map).toBe(changed);
    fireEvent.keyDown(window, { key: "z", metaKey: true });
    fireEvent.keyDown(window, { key: "y", ctrlKey: true });
    expect(store.getState().map).toBe(changed);
  });

  it("ignores shortcuts typed into a field", async () => {
    const store = makeStore();
    await settled(store);
    const view = render(<Harness store={store} />);
    const id = store.getState().map.steps[0]?.id ?? "";
    store.getState().select({ steps: [id] });
    const field = view.getByLabelText("Some field");
    fireEvent.keyDown(field, { key: "Backspace" });
    fireEvent.keyDown(field, { key: "z", ctrlKey: true });
    expect(store.getState().map.steps.some((s) => s.id === id)).toBe(true);
    expect(store.getState().selection.steps).toEqual([id]);
  });

  it("Delete removes the selected step with its handoffs as one undo entry", async () => {
    const store = makeStore();
    await settled(store);
    render(<Harness store={store} />);
    const before = store.getState().map;
    const handoff = before.handoffs[0];
    if (handoff === undefined) throw new Error("template has no handoffs");
    store.getState().select({ steps: [handoff.from] });
    fireEvent.keyDown(document.body, { key: "Delete" });
    const after = store.getState().map;
    expect(after.steps.some((s) => s.id === handoff.from)).toBe(false);
    expect(after.handoffs.some((h) => h.from === handoff.from || h.to === handoff.from)).toBe(false);
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(store.getState().map).toBe(before);
  });

  it("Tab on a selected step moves focus to the inspector and adds nothing", async () => {
    const store = makeStore();
    await settled(store);
    const view = render(<Harness store={store} />);
    const from = store.getState().map.steps[0];
    if (from === undefined) throw new Error("template has no steps");
    store.getState().select({ steps: [from.id] });
    const canvas = view.getByTestId("canvas");
    canvas.focus();
    const count = store.getState().map.steps.length;
    const event = fireEvent.keyDown(canvas, { key: "Tab" });
    expect(event).toBe(false); // handled: the browser does not move focus a second time
    expect(document.activeElement).toBe(view.getByLabelText("Label"));
    expect(store.getState().map.steps).toHaveLength(count);
    expect(store.getState().editingStepId).toBeNull();
  });

  it("addNextStep (Tab while editing a label) adds a connected step to the right, as one entry", async () => {
    const store = makeStore();
    await settled(store);
    const from = store.getState().map.steps[0];
    if (from === undefined) throw new Error("template has no steps");
    store.getState().select({ steps: [from.id] });
    // The label was just made longer: the new step clears the wider box before any layout.
    store.getState().apply((m) => updateStep(m, from.id, { label: "A much longer label than before" }));
    expect(addNextStep(store)).toBe(true);
    const { map, selection, editingStepId } = store.getState();
    const added = map.steps[map.steps.length - 1];
    expect(added?.lane).toBe(from.lane);
    expect(selection.steps).toEqual([added?.id]);
    expect(editingStepId).toBe(added?.id);
    expect(map.handoffs.some((h) => h.from === from.id && h.to === added?.id)).toBe(true);
    await settled(store);
    const box = (id: string) => store.getState().layout?.steps.find((b) => b.id === id);
    expect(box(added?.id ?? "")?.x ?? 0).toBeGreaterThan((box(from.id)?.x ?? 0) + (box(from.id)?.width ?? 0));
    // One entry: a single undo takes back the step and its handoff.
    store.getState().undo();
    expect(store.getState().map.steps).toHaveLength(map.steps.length - 1);
  });

  it("Tab with focus outside the canvas (a toolbar button) moves focus as usual", async () => {
    const store = makeStore();
    await settled(store);
    const view = render(<Harness store={store} />);
    store.getState().select({ steps: [store.getState().map.steps[0]?.id ?? ""] });
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    const count = store.getState().map.steps.length;
    const event = fireEvent.keyDown(outside, { key: "Tab" });
    expect(event).toBe(true);
    expect(store.getState().map.steps).toHaveLength(count);
    outside.remove();
    view.unmount();
  });

  it("Ctrl+D duplicates and Ctrl+A selects everything", async () => {
    const store = makeStore();
    await settled(store);
    render(<Harness store={store} />);
    const map = store.getState().map;
    const id = map.steps[0]?.id ?? "";
    store.getState().select({ steps: [id] });
    fireEvent.keyDown(document.body, { key: "d", ctrlKey: true });
    expect(store.getState().map.steps).toHaveLength(map.steps.length + 1);
    fireEvent.keyDown(document.body, { key: "a", ctrlKey: true });
    expect(store.getState().selection.steps).toHaveLength(map.steps.length + 1);
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(store.getState().selection.steps).toHaveLength(0);
  });

  it("paste events carry fragments through the system clipboard", async () => {
    const store = makeStore();
    await settled(store);
    render(<Harness store={store} />);
    const map = store.getState().map;
    store.getState().select({ steps: [map.steps[0]?.id ?? "", map.steps[1]?.id ?? ""] });
    const data = new Map<string, string>();
    const clipboardData = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? "",
    };
    fireEvent.copy(document.body, { clipboardData });
    expect(data.get("text/plain")).toContain("handoff-fragment");
    fireEvent.paste(document.body, { clipboardData });
    expect(store.getState().map.steps).toHaveLength(map.steps.length + 2);
    fireEvent.paste(document.body, { clipboardData: { getData: () => "not a fragment" } });
    expect(store.getState().notice?.text).toMatch(/no Handoff steps/);
  });
});
