import { addEdgeCase, voteEdgeCase } from "../../model/operations";
import type { EditorStore } from "../../store/editor-store";

/**
 * The participant view's two edits, in one place so they can become named commands: a vote (a
 * dot: the live session turns it into this person's dot, within the budget) and a captured edge
 * case.
 */
export function vote(editor: EditorStore, edgeCaseId: string, delta: 1 | -1): void {
  editor.getState().apply((map) => voteEdgeCase(map, edgeCaseId, delta));
}

export function captureEdgeCase(editor: EditorStore, handoffId: string, title: string): boolean {
  return editor.getState().apply((map) => addEdgeCase(map, handoffId, { title }));
}
