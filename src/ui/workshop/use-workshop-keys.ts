import { useEffect } from "react";
import { voteEdgeCase } from "../../model/operations";
import type { EditorStore } from "../../store/editor-store";
import { cachedFlowOrder, resolvePosition, type WorkshopStore } from "../../store/workshop-store";
import { isTypingTarget } from "../keyboard/shortcuts";
import { walkView } from "./walk-view";
import { resolveWorkshopKey } from "./workshop-shortcuts";

/**
 * The workshop's keys (WORKSHOP_SHORTCUTS, which the help lists too), listened for on window in
 * the capture phase so that, during a walkthrough, they win over the canvas's own (arrow keys
 * would otherwise nudge a step). W and F always act; the rest only while walking, and only Esc
 * while the quick-capture field is open (the field handles its own keys).
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
  const command = resolveWorkshopKey(event);
  if (command === null) return false;
  const state = workshop.getState();
  const walking = state.walkthrough.active;
  let handled = true;
  switch (command) {
    case "toggleWalkthrough":
      state.toggleWalkthrough();
      break;
    case "togglePresenting":
      togglePresenting();
      break;
    case "leave":
      if (!walking) return false;
      if (state.capturing) state.setCapturing(false);
      else state.leaveWalkthrough();
      break;
    case "next":
    case "back":
    case "first":
    case "capture":
    case "pickEdgeCase":
    case "voteUp":
    case "voteDown":
      if (!walking || state.capturing) return false;
      handled = walkKey(command, event, editor, workshop);
      break;
    default: {
      const unknown: never = command;
      throw new Error(`unknown workshop key ${String(unknown)}`);
    }
  }

  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
  return handled;
}

/** A walkthrough key; false when there was nothing for it to act on (no edge case to pick). */
function walkKey(
  command: "next" | "back" | "first" | "capture" | "pickEdgeCase" | "voteUp" | "voteDown",
  event: KeyboardEvent,
  editor: EditorStore,
  workshop: WorkshopStore,
): boolean {
  const state = workshop.getState();
  if (command === "next") state.next();
  else if (command === "back") state.back();
  else if (command === "first") state.first();
  else if (command === "capture") state.setCapturing(true);
  else {
    const map = editor.getState().map;
    const order = cachedFlowOrder(map);
    const view = walkView(map, order, resolvePosition(order, state.walkthrough).index);
    const count = view?.edgeCases.length ?? 0;
    if (count === 0) return false;
    if (command === "pickEdgeCase") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      const from = state.cursor < 0 ? (step === 1 ? -1 : 0) : state.cursor;
      state.setCursor((from + step + count) % count);
    } else {
      const item = view?.edgeCases[state.cursor];
      if (item === undefined) return false;
      editor.getState().apply((m) => voteEdgeCase(m, item.edgeCase.id, command === "voteDown" ? -1 : 1));
    }
  }
  return true;
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
