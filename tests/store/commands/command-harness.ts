import { expect } from "vitest";
import { createIdSource, seededRandomBytes } from "../../../src/model/ids";
import { parseMap } from "../../../src/model/parse-map";
import type { HandoffMap } from "../../../src/model/types";
import type { Command } from "../../../src/store/commands/command";
import {
  createEditorStore,
  type DispatchResult,
  type EditorStore,
  type LayoutRunner,
} from "../../../src/store/editor-store";
import { edgeCase, handoff, lane, map, step } from "../../fixtures/model-maps";

/** No layout: the commands are tested on the document alone (the store says so in a notice). */
const noLayout: LayoutRunner = async () => ({ ok: false, error: "no layout in this test" });

/** A store over `given` whose ids come from a seeded source: the same ids on every run. */
export function givenStore(given: HandoffMap, seed = 13): EditorStore {
  return createEditorStore({ map: given, runLayout: noLayout, ids: createIdSource(seededRandomBytes(seed)) });
}

/** A small map with every kind of thing a command touches. */
export function sampleMap(): HandoffMap {
  return map({
    lanes: [lane("sales", { name: "Sales" }), lane("ops", { name: "Ops", color: "#e0f2fe" })],
    phases: [
      { id: "plan", name: "Plan" },
      { id: "close", name: "Close" },
    ],
    steps: [
      step("qualify", "sales", { phase: "plan", position: { x: 40, y: 20 } }),
      step("quote", "sales", { phase: "close", position: { x: 400, y: 20 } }),
      step("provision", "ops", { phase: "close", position: { x: 600, y: 20 } }),
    ],
    handoffs: [
      handoff("h-quote", "qualify", "quote", {
        label: "qualified lead",
        edgeCases: [edgeCase("ec-dup", { number: 1, votes: 2 })],
      }),
      handoff("h-provision", "quote", "provision", { edgeCases: [edgeCase("ec-late", { number: 2 })] }),
    ],
    lastEdgeCaseNumber: 2,
  });
}

export interface Done<C extends Command> {
  store: EditorStore;
  before: HandoffMap;
  after: HandoffMap;
  result: Extract<DispatchResult<C>, { ok: true }>;
}

/**
 * given a map / when the command is dispatched / then the map is `after` (checked by `then`),
 * a valid map that parseMap reads back as it is, with one undo entry / then undo gives back the
 * very map it was given / then redo gives back the very map after.
 */
export function doUndoRedo<C extends Command>(
  given: HandoffMap,
  command: C,
  then: (after: HandoffMap, done: Done<C>) => void,
): Done<C> {
  const store = givenStore(given);
  const before = store.getState().map;
  const result = store.getState().dispatch(command);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  const after = store.getState().map;
  expect(after).not.toBe(before);
  const done: Done<C> = { store, before, after, result };
  then(after, done);
  const parsed = parseMap(JSON.parse(JSON.stringify(after)));
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  if (parsed.ok) expect(parsed.map).toEqual(after);
  expect(store.getState().history.past).toEqual([before]);
  store.getState().undo();
  expect(store.getState().map).toBe(before);
  store.getState().redo();
  expect(store.getState().map).toBe(after);
  return done;
}

/** given a map / when the command is dispatched / then it is refused with `error`, and nothing changed. */
export function refused(given: HandoffMap, command: Command, error: string | RegExp): void {
  const store = givenStore(given);
  const before = store.getState().map;
  const result = store.getState().dispatch(command);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(error);
  expect(store.getState().map).toBe(before);
  expect(store.getState().history.past).toEqual([]);
  expect(store.getState().notice?.tone).toBe("error");
}

export function stepOf(m: HandoffMap, id: string) {
  return m.steps.find((s) => s.id === id);
}

export function edgeCaseOf(m: HandoffMap, id: string) {
  return m.handoffs.flatMap((h) => h.edgeCases).find((e) => e.id === id);
}
