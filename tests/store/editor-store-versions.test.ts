import { describe, expect, it } from "vitest";
import * as ops from "../../src/model/operations";
import { forkScenario } from "../../src/model/scenarios";
import type { HandoffMap } from "../../src/model/types";
import { restoreVersion, saveVersion } from "../../src/model/versions";
import { createEditorStore, type LayoutRunner } from "../../src/store/editor-store";
import { map, step } from "../fixtures/model-maps";

const noLayout: LayoutRunner = () => new Promise(() => undefined);
const AT = "2026-12-06T11:00:00.000Z";

function given() {
  return createEditorStore({ map: map({ steps: [step("s", "a")] }), runLayout: noLayout });
}

describe("saved versions and undo", () => {
  it("given an edit then a saved version, undo takes the edit back and keeps the version; redo too", () => {
    const store = given();
    store.getState().apply((m) => ops.updateStep(m, "s", { label: "Edited" }));
    store
      .getState()
      .apply((m) => saveVersion(m, { id: "v1", name: "After edit", savedAt: AT }), { history: "ignore" });
    expect(store.getState().history.past).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().map.steps[0]?.label).toBe("Step s");
    expect(store.getState().map.versions?.map((v) => v.name)).toEqual(["After edit"]);

    store.getState().redo();
    expect(store.getState().map.steps[0]?.label).toBe("Edited");
    expect(store.getState().map.versions?.map((v) => v.name)).toEqual(["After edit"]);
  });

  it("restore is one undo entry; undoing it keeps the 'Before restoring' version", () => {
    const store = given();
    store
      .getState()
      .apply((m) => saveVersion(m, { id: "v1", name: "Start", savedAt: AT }), { history: "ignore" });
    store.getState().apply((m) => ops.removeStep(m, "s"));
    store.getState().apply((m) => restoreVersion(m, "v1", { id: "v2", savedAt: AT }));
    expect(store.getState().map.steps.map((s) => s.id)).toEqual(["s"]);
    store.getState().undo();
    expect(store.getState().map.steps).toEqual([]);
    expect(store.getState().map.versions?.map((v) => v.id)).toEqual(["v1", "v2"]);
  });

  it("a scenario fork is one undo entry: do, undo, redo", () => {
    const store = given();
    const before: HandoffMap = store.getState().map;
    store.getState().apply((m) => forkScenario(m, { id: "sc-1", name: "To-be" }));
    expect(store.getState().map.activeScenario).toBe("sc-1");
    store.getState().undo();
    expect(store.getState().map).toEqual(before);
    store.getState().redo();
    expect(store.getState().map.scenarios?.map((s) => s.name)).toEqual(["As-is", "To-be"]);
  });
});
