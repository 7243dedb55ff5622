import type { EditorStore } from "../../store/editor-store";

/**
 * The participant view's two edits, as named commands: a vote (a dot: the live session turns it
 * into this person's dot, within the budget) and a captured edge case.
 */
export function vote(editor: EditorStore, edgeCaseId: string, delta: 1 | -1): void {
  editor.getState().dispatch({ type: "voteEdgeCase", edgeCase: edgeCaseId, delta });
}

export function captureEdgeCase(editor: EditorStore, handoffId: string, title: string): boolean {
  return editor.getState().dispatch({ type: "addEdgeCase", handoff: handoffId, title }).ok;
}
