/**
 * Every document edit of versions, scenarios and "Changes to plan", in one place, each a named
 * command dispatched to the store (src/store/commands). Versions are saved and deleted outside
 * undo history: Ctrl+Z never takes a saved version away (editor-store keeps versions on undo).
 */
import { newPlanItems, planItems } from "../../model/diff/changes-to-plan";
import type { MapDiff } from "../../model/diff/diff-maps";
import type { HandoffMap, VersionTrigger } from "../../model/types";
import { AUTO_VERSION_NAMES } from "../../model/versions";
import type { EditorStore } from "../../store/editor-store";

const now = () => new Date().toISOString();

export function saveVersionNow(
  editor: EditorStore,
  name: string,
  note: string,
  trigger: VersionTrigger = "manual",
): boolean {
  return editor.getState().dispatch({ type: "saveVersion", name, note, savedAt: now(), trigger }).ok;
}

/** An automatic version at a workshop milestone (a walkthrough's end, votes revealed). */
export function saveAutoVersion(editor: EditorStore, trigger: keyof typeof AUTO_VERSION_NAMES): void {
  if (editor.getState().readOnly !== null) return;
  if (saveVersionNow(editor, AUTO_VERSION_NAMES[trigger], "", trigger))
    editor.getState().notify(`Saved the version “${AUTO_VERSION_NAMES[trigger]}”.`);
}

export function deleteVersionNow(editor: EditorStore, id: string): void {
  editor.getState().dispatch({ type: "deleteVersion", version: id });
}

export function restoreVersionNow(editor: EditorStore, id: string): boolean {
  return editor.getState().dispatch({ type: "restoreVersion", version: id, savedAt: now() }).ok;
}

export function newScenario(editor: EditorStore, name: string): boolean {
  return editor.getState().dispatch({ type: "addScenario", name }).ok;
}

export function showScenario(editor: EditorStore, id: string): void {
  editor.getState().dispatch({ type: "switchScenario", scenario: id });
}

export function renameScenarioNow(editor: EditorStore, id: string, name: string): boolean {
  return editor.getState().dispatch({ type: "renameScenario", scenario: id, name }).ok;
}

export function deleteScenarioNow(editor: EditorStore, id: string): boolean {
  return editor.getState().dispatch({ type: "deleteScenario", scenario: id }).ok;
}

/** Appends the compare's changes to the change plan (one undo entry); returns what was added and skipped. */
export function appendChangesToPlan(
  editor: EditorStore,
  before: HandoffMap,
  diff: MapDiff,
  context: string,
): { added: number; skipped: string[] } {
  const after = editor.getState().map;
  const { items, skipped } = planItems(before, after, diff, context);
  const fresh = newPlanItems(after, items);
  if (fresh.length === 0) return { added: 0, skipped };
  const done = editor.getState().dispatch({ type: "addPlanItems", items: fresh });
  return { added: done.ok ? fresh.length : 0, skipped };
}
