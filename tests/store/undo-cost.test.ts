/**
 * Undo and redo must not cost the whole map per step: at 2,000 steps, 500 alternating undo/redo
 * took 70 s because every one started a whole-map layout (and a copy of the map to the worker),
 * queued behind the others. The timing lives in bench/history.bench.ts; these tests hold the
 * behaviour that makes it cheap.
 */
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../src/layout/layout-map";
import type { LayoutResult } from "../../src/layout/layout-protocol";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore } from "../../src/store/editor-store";

/** A layout runner like the worker's: answers later, counting what it was asked. */
function slowRunner() {
  const asked: HandoffMap[] = [];
  const waiting: Array<() => void> = [];
  const run = (map: HandoffMap) =>
    new Promise<LayoutResult>((resolve) => {
      asked.push(map);
      waiting.push(() => resolve({ ok: true, layout: layoutForPositions(map) }));
    });
  /** Answers every request so far, and those they start, until none is left. */
  const settle = async () => {
    for (let guard = 0; guard < 50; guard++) {
      const next = waiting.shift();
      if (next === undefined) {
        await new Promise((r) => setTimeout(r, 0));
        if (waiting.length === 0) return;
        continue;
      }
      next();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { asked, run, settle };
}

function placedTemplate(): HandoffMap {
  const map = createRevOpsTemplate();
  const layout = layoutForPositions(map);
  return {
    ...map,
    steps: map.steps.map((s) => {
      const box = layout.steps.find((b) => b.id === s.id);
      const band = layout.lanes.find((l) => l.id === s.lane);
      return {
        ...s,
        position: { x: (box?.x ?? 0) - layout.laneHeaderWidth, y: (box?.y ?? 0) - (band?.y ?? 0) },
      };
    }),
  };
}

describe("undo and redo do not lay out the whole map per step", () => {
  it("given 40 quick alternating undo/redo while a layout runs, then at most two more layouts run", async () => {
    // given a map with one edit, laid out
    const runner = slowRunner();
    const store = createEditorStore({ map: placedTemplate(), runLayout: (m) => runner.run(m) });
    store.getState().apply((m) => ops.updateMapInfo(m, { title: "Edited" }));
    await runner.settle();
    const before = runner.asked.length;
    // when undo and redo alternate 40 times without waiting
    for (let i = 0; i < 40; i++) {
      if (i % 2 === 0) store.getState().undo();
      else store.getState().redo();
    }
    await runner.settle();
    // then the layouts asked for are a handful, not 40, and the last document's layout is shown
    expect(runner.asked.length - before).toBeLessThanOrEqual(2);
    expect(store.getState().map.title).toBe("Edited");
    expect(store.getState().layout?.unrouted).toBeUndefined();
  });

  it("given two laid-out documents, when undo and redo go back and forth, then each gets its layout at once", async () => {
    const runner = slowRunner();
    const store = createEditorStore({ map: placedTemplate(), runLayout: (m) => runner.run(m) });
    await runner.settle();
    const first = store.getState().layout;
    const moved = store.getState().map.steps[0];
    store.getState().apply((m) => ops.updateStep(m, moved?.id ?? "", { position: { x: 5_000, y: 10 } }));
    await runner.settle();
    const second = store.getState().layout;
    const asked = runner.asked.length;
    // when
    store.getState().undo();
    // then, synchronously, the first document's boxes, with no new layout asked for
    expect(store.getState().layout?.steps).toEqual(first?.steps);
    store.getState().redo();
    expect(store.getState().layout?.steps).toEqual(second?.steps);
    expect(runner.asked.length).toBe(asked);
  });

  it("given three edits that each grow the first lane, when undone and redone one by one, then every document gets exactly its own layout at once", async () => {
    const runner = slowRunner();
    const store = createEditorStore({ map: placedTemplate(), runLayout: (m) => runner.run(m) });
    await runner.settle();
    const layouts = [store.getState().layout];
    const firstLane = store.getState().map.lanes[0]?.id;
    for (let edit = 1; edit <= 3; edit++) {
      // The first lane's lowest step, dropped lower: the lane grows, every lane below moves down.
      const lowest = store
        .getState()
        .map.steps.filter((s) => s.lane === firstLane)
        .sort((a, b) => (b.position?.y ?? 0) - (a.position?.y ?? 0))[0];
      if (lowest?.position === undefined) throw new Error("template changed");
      const position = { x: lowest.position.x, y: lowest.position.y + 120 };
      store.getState().apply((m) => ops.updateStep(m, lowest.id, { position }));
      await runner.settle();
      layouts.push(store.getState().layout);
    }
    expect(layouts[3]?.lanes[1]?.y).toBeGreaterThan(layouts[0]?.lanes[1]?.y ?? 0);
    const asked = runner.asked.length;
    for (let back = 2; back >= 0; back--) {
      store.getState().undo();
      expect(store.getState().layout).toEqual(layouts[back]);
    }
    for (let forward = 1; forward <= 3; forward++) {
      store.getState().redo();
      expect(store.getState().layout).toEqual(layouts[forward]);
    }
    expect(runner.asked.length).toBe(asked);
  });
});
