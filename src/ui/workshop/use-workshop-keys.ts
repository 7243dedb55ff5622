import { useEffect } from "react";
import { voteEdgeCase } from "../../model/operations";
import type { EditorStore } from "../../store/editor-store";
import { cachedFlowOrder, resolvePosition, type WorkshopStore } from "../../store/workshop-store";
import { isTypingTarget } from "../keyboard/shortcuts";
import { walkView } from "./walk-view";

/**
 * The workshop's keys, listened for on window in the capture phase so that, during a
 * walkthrough, they win over the canvas's own (arrow keys would otherwise nudge a step):
 *
 *  - always: W walk through (toggle), F presentation mode (toggle);
 *  - walking: → or Space next, ← back, Home first, Esc leave, E quick capture,
 *    ↑/↓ pick an edge case on the card, + (or =) and − (or -) vote for it.
 *
 * Keys typed into a field, and keys with Ctrl, Cmd or Alt, are left alone.
 * A handled key is stopped here: it does not also scroll the page or reach the canvas.
 */
export function handleWorkshopKey(
  event: KeyboardEvent,
  editor: EditorStore,
  workshop: WorkshopStore,
  togglePresenting: () => void,
): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (isTypingTarget(event.target)) return false;
  const state = workshop.getState();
  const key = event.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;

  let handled = true;
  if (lower === "w") state.toggleWalkthrough();
  else if (lower === "f") togglePresenting();
  else if (!state.walkthrough.active) handled = false;
  else if (state.capturing && key !== "Escape") handled = false;
  else if (key === "ArrowRight" || key === " " || key === "PageDown") state.next();
  else if (key === "ArrowLeft" || key === "PageUp") state.back();
  else if (key === "Home") state.first();
  else if (key === "Escape") {
    if (state.capturing) state.setCapturing(false);
    else state.leaveWalkthrough();
  } else if (lower === "e") state.setCapturing(true);
  else if (key === "ArrowDown" || key === "ArrowUp" || key === "+" || key === "=" || key === "-") {
    const map = editor.getState().map;
    const order = cachedFlowOrder(map);
    const view = walkView(map, order, resolvePosition(order, state.walkthrough).index);
    const count = view?.edgeCases.length ?? 0;
    if (count === 0) return false;
    if (key === "ArrowDown" || key === "ArrowUp") {
      const step = key === "ArrowDown" ? 1 : -1;
      const from = state.cursor < 0 ? (step === 1 ? -1 : 0) : state.cursor;
      state.setCursor((from + step + count) % count);
    } else {
      const item = view?.edgeCases[state.cursor];
      if (item === undefined) return false;
      const delta = key === "-" ? -1 : 1;
      editor.getState().apply((m) => voteEdgeCase(m, item.edgeCase.id, delta));
    }
  } else handled = false;

  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
  return handled;
}

export function useWorkshopKeys(editor: EditorStore, workshop: WorkshopStore, togglePresenting: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      handleWorkshopKey(event, editor, workshop, togglePresenting);
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [editor, workshop, togglePresenting]);
}
