import { describe, expect, it } from "vitest";
import { listScenarios } from "../../../src/model/scenarios";
import { doUndoRedo, edgeCaseOf, givenStore, refused, sampleMap } from "./command-harness";

const AT = "2026-12-06T11:00:00.000Z";

describe("versions", () => {
  it("saveVersion: a snapshot with a random v- id, outside undo history", () => {
    const store = givenStore(sampleMap());
    const before = store.getState().map;
    const done = store.getState().dispatch({
      type: "saveVersion",
      name: "Before lunch",
      note: "agreed",
      savedAt: AT,
      trigger: "manual",
    });
    if (!done.ok) throw new Error(done.error);
    expect(done.command.id).toMatch(/^v-[0-9a-z]{12}$/);
    expect(store.getState().map.versions).toMatchObject([
      { id: done.command.id, name: "Before lunch", note: "agreed", savedAt: AT },
    ]);
    expect(store.getState().map).not.toBe(before);
    expect(store.getState().history.past).toEqual([]);
  });

  it("deleteVersion: the version is gone, outside undo history", () => {
    const store = givenStore(sampleMap());
    store
      .getState()
      .dispatch({ type: "saveVersion", id: "v-1", name: "A", note: "", savedAt: AT, trigger: "manual" });
    store.getState().dispatch({ type: "deleteVersion", version: "v-1" });
    expect(store.getState().map.versions ?? []).toEqual([]);
    expect(store.getState().history.past).toEqual([]);
  });

  it("restoreVersion: the map as saved, after a 'before restore' version (one undo entry that keeps versions)", () => {
    const store = givenStore(sampleMap());
    store
      .getState()
      .dispatch({ type: "saveVersion", id: "v-1", name: "A", note: "", savedAt: AT, trigger: "manual" });
    store.getState().dispatch({ type: "renameStep", step: "quote", label: "Price" });
    const edited = store.getState().map;
    const done = store.getState().dispatch({ type: "restoreVersion", version: "v-1", savedAt: AT });
    if (!done.ok) throw new Error(done.error);
    expect(done.command.id).toMatch(/^v-[0-9a-z]{12}$/);
    expect(store.getState().map.steps.find((s) => s.id === "quote")?.label).not.toBe("Price");
    expect(store.getState().map.versions?.map((v) => v.id)).toEqual(["v-1", done.command.id]);
    store.getState().undo();
    expect(store.getState().map.steps).toEqual(edited.steps);
    expect(store.getState().map.versions?.map((v) => v.id)).toEqual(["v-1", done.command.id]);
  });

  it("restoreVersion of a version that is not there is refused", () => {
    refused(sampleMap(), { type: "restoreVersion", version: "v-gone", savedAt: AT }, /./);
  });
});

describe("scenarios", () => {
  it("addScenario: a fork with a random sc- id, shown; undo and redo", () => {
    const { result } = doUndoRedo(sampleMap(), { type: "addScenario", name: "To-be" }, (after) => {
      expect(listScenarios(after).map((s) => s.name)).toContain("To-be");
    });
    expect(result.command.id).toMatch(/^sc-[0-9a-z]{12}$/);
  });

  it("switchScenario, renameScenario, deleteScenario: one undo entry each", () => {
    const store = givenStore(sampleMap());
    store.getState().dispatch({ type: "addScenario", id: "sc-b", name: "To-be" });
    const forked = store.getState().map;
    const other = listScenarios(forked).find((s) => s.id !== "sc-b");
    if (other === undefined) throw new Error("no first scenario");
    doUndoRedo(forked, { type: "switchScenario", scenario: other.id }, (after) => {
      expect(after.activeScenario).toBe(other.id);
    });
    doUndoRedo(forked, { type: "renameScenario", scenario: "sc-b", name: "Target" }, (after) => {
      expect(listScenarios(after).map((s) => s.name)).toContain("Target");
    });
    doUndoRedo(forked, { type: "deleteScenario", scenario: other.id }, (after) => {
      expect(listScenarios(after).map((s) => s.id)).not.toContain(other.id);
    });
  });
});

describe("changes to plan", () => {
  const item = {
    handoff: "h-quote",
    title: "Change: new step “Quote”",
    owner: "Sales",
    description: "To-be",
  };

  it("addPlanItems: open edge cases with random ids, one undo entry; items already there are left out", () => {
    const { result, after } = doUndoRedo(
      sampleMap(),
      { type: "addPlanItems", items: [item, item, { ...item, handoff: "h-provision" }] },
      () => undefined,
    );
    expect(result.command.ids).toHaveLength(2);
    const [first, second] = result.command.ids ?? [];
    expect(first).toMatch(/^ec-[0-9a-z]{12}$/);
    expect(edgeCaseOf(after, first ?? "")).toMatchObject({
      title: item.title,
      owner: "Sales",
      severity: "medium",
      status: "open",
    });
    expect(after.handoffs[1]?.edgeCases.at(-1)?.id).toBe(second);

    const again = givenStore(after)
      .getState()
      .dispatch({ type: "addPlanItems", items: [item] });
    expect(again.ok && again.command.ids).toEqual([]);
  });
});
