/**
 * Every document edit of versions, scenarios and "Changes to plan", in one place (so they can
 * become named commands when src/store/commands lands). Versions are saved and deleted outside
 * undo history: Ctrl+Z never takes a saved version away (editor-store keeps versions on undo).
 */
import { changesToPlan } from "../../model/diff/changes-to-plan";
import type { MapDiff } from "../../model/diff/diff-maps";
import { deleteScenario, forkScenario, renameScenario, switchScenario } from "../../model/scenarios";
import type { HandoffMap, VersionTrigger } from "../../model/types";
import { AUTO_VERSION_NAMES, deleteVersion, restoreVersion, saveVersion } from "../../model/versions";
import type { EditorStore } from "../../store/editor-store";

/** A random id such as `v-k3f9x2`: never derived from a name. */
export function randomId(prefix: string): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `${prefix}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

const now = () => new Date().toISOString();

export function saveVersionNow(
  editor: EditorStore,
  name: string,
  note: string,
  trigger: VersionTrigger = "manual",
): boolean {
  return editor
    .getState()
    .apply((map) => saveVersion(map, { id: randomId("v"), name, note, savedAt: now(), trigger }), {
      history: "ignore",
    });
}

/** An automatic version at a workshop milestone (a walkthrough's end, votes revealed). */
export function saveAutoVersion(editor: EditorStore, trigger: keyof typeof AUTO_VERSION_NAMES): void {
  if (editor.getState().readOnly !== null) return;
  if (saveVersionNow(editor, AUTO_VERSION_NAMES[trigger], "", trigger))
    editor.getState().notify(`Saved the version “${AUTO_VERSION_NAMES[trigger]}”.`);
}

export function deleteVersionNow(editor: EditorStore, id: string): void {
  editor.getState().apply((map) => deleteVersion(map, id), { history: "ignore" });
}

export function restoreVersionNow(editor: EditorStore, id: string): boolean {
  return editor.getState().apply((map) => restoreVersion(map, id, { id: randomId("v"), savedAt: now() }));
}

export function newScenario(editor: EditorStore, name: string): boolean {
  return editor.getState().apply((map) => forkScenario(map, { id: randomId("sc"), name }));
}

export function showScenario(editor: EditorStore, id: string): void {
  editor.getState().apply((map) => switchScenario(map, id));
}

export function renameScenarioNow(editor: EditorStore, id: string, name: string): boolean {
  return editor.getState().apply((map) => renameScenario(map, id, name));
}

export function deleteScenarioNow(editor: EditorStore, id: string): boolean {
  return editor.getState().apply((map) => deleteScenario(map, id));
}

/** Appends the compare's changes to the change plan; returns what was added and skipped. */
export function appendChangesToPlan(
  editor: EditorStore,
  before: HandoffMap,
  diff: MapDiff,
  context: string,
): { added: number; skipped: string[] } {
  let result = { added: 0, skipped: [] as string[] };
  editor.getState().apply((after) => {
    const planned = changesToPlan(before, after, diff, { context, newId: () => randomId("ec") });
    result = { added: planned.added.length, skipped: planned.skipped };
    return planned.map;
  });
  return result;
}
