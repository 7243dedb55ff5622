import type { EditorStore } from "../../store/editor-store";

/**
 * Selects a handoff and asks the canvas to bring it into view, and, given one of its edge cases,
 * asks the inspector to open that edge case's row: what a click on a register row, a health
 * finding, a change-plan card or a backlog entry does, so the room sees where the edge case lives.
 */
export function showHandoff(store: EditorStore, handoffId: string, edgeCaseId?: string): void {
  const state = store.getState();
  state.select({ handoffs: [handoffId] });
  state.requestFocus({ kind: "handoff", id: handoffId });
  if (edgeCaseId !== undefined) state.revealEdgeCase(edgeCaseId);
}
