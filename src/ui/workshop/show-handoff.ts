import type { EditorStore } from "../../store/editor-store";

/**
 * Selects a handoff and asks the canvas to bring it into view: what a click on a register row,
 * a change-plan card or a backlog entry does, so the room sees where the edge case lives.
 */
export function showHandoff(store: EditorStore, handoffId: string): void {
  const state = store.getState();
  state.select({ handoffs: [handoffId] });
  state.requestFocus({ kind: "handoff", id: handoffId });
}

/** True when a click landed on a control of its own (a field, a button): the card ignores it. */
export function fromControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("input, textarea, select, button, label, a") !== null;
}
