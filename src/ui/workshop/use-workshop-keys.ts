import { useEffect } from "react";
import type { EditorStore } from "../../store/editor-store";
import { resolvePosition, type WorkshopStore, walkOrder } from "../../store/workshop-store";
import { isTypingTarget } from "../keyboard/shortcuts";
import { captureTargets, walkView } from "./walk-view";
import { resolveWorkshopKey } from "./workshop-shortcuts";

/**
 * The workshop's keys (WORKSHOP_SHORTCUTS, which the help lists too), listened for on window in
 * the capture phase so that, during a walkthrough, they win over the canvas's own (arrow keys
 * would otherwise nudge a step). W and F always act; E opens quick capture in the walkthrough or
 * on the selected handoff; the rest only while walking. While quick capture is open only Esc
 * acts here (the capture handles its own keys).
 *
 * Keys typed into a field, and keys with Ctrl, Cmd or Alt, are left alone; so is Space on a
 * button (or checkbox-like control) that Tab moved focus to: Space presses it, as it does
 * everywhere. Where focus came from a click or from the app, Space goes on walking; and on the
 * Walk through toggle itself (`data-walk-keys`) always, so it never ends the walk by accident.
 * A handled key is stopped here: it does not also scroll the page or reach the canvas.
 */
export function handleWorkshopKey(
  event: KeyboardEvent,
  editor: EditorStore,
  workshop: WorkshopStore,
  togglePresenting: () => void,
  focusFromKeyboard = false,
): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  if (isTypingTarget(event.target)) return false;
  if (event.key === " " && focusFromKeyboard && isPressable(event.target)) return false;
  const command = resolveWorkshopKey(event);
  if (command === null) return false;
  // A compare or a version over the canvas: no walking or capturing under it.
  if (editor.getState().canvasCovered && command !== "togglePresenting") return false;
  const state = workshop.getState();
  const walking = state.walkthrough.active;
  if (state.capturing && command !== "leave") return false;
  let handled = true;
  switch (command) {
    case "toggleWalkthrough":
      state.toggleWalkthrough();
      break;
    case "togglePresenting":
      togglePresenting();
      break;
    case "leave":
      if (state.capturing) state.setCapturing(false);
      else if (walking) state.leaveWalkthrough();
      else return false;
      break;
    case "capture":
      if (walking) captureInWalkthrough(editor, workshop);
      else captureOnSelection(editor, workshop);
      break;
    case "next":
    case "back":
    case "first":
    case "pickEdgeCase":
    case "voteUp":
    case "voteDown":
      if (!walking) return false;
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
  command: "next" | "back" | "first" | "pickEdgeCase" | "voteUp" | "voteDown",
  event: KeyboardEvent,
  editor: EditorStore,
  workshop: WorkshopStore,
): boolean {
  const state = workshop.getState();
  if (command === "next") state.next();
  else if (command === "back") state.back();
  else if (command === "first") state.first();
  else {
    const { map, laneFocus } = editor.getState();
    const order = walkOrder(editor.getState());
    const view = walkView(map, order, resolvePosition(order, state.walkthrough).index, laneFocus);
    const count = view?.edgeCases.length ?? 0;
    if (count === 0) return false;
    if (command === "pickEdgeCase") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      const from = state.cursor < 0 ? (step === 1 ? -1 : 0) : state.cursor;
      state.setCursor((from + step + count) % count);
    } else {
      const item = view?.edgeCases[state.cursor];
      if (item === undefined) return false;
      editor.getState().dispatch({
        type: "voteEdgeCase",
        edgeCase: item.edgeCase.id,
        delta: command === "voteDown" ? -1 : 1,
      });
    }
  }
  return true;
}

/** E in the walkthrough: quick capture on the card, when the step has a handoff to put it on. */
function captureInWalkthrough(editor: EditorStore, workshop: WorkshopStore): void {
  const { map, selection, laneFocus } = editor.getState();
  const order = walkOrder(editor.getState());
  const view = walkView(map, order, resolvePosition(order, workshop.getState().walkthrough).index, laneFocus);
  if (view !== null && captureTargets(view, selection.handoffs).length > 0)
    workshop.getState().setCapturing(true);
  else editor.getState().notify("This step has no handoffs to put an edge case on.", "info");
}

/**
 * E outside the walkthrough: quick capture on the selected handoff, or on the selected step's
 * one outgoing handoff (which becomes the selection, so the inspector shows where it went).
 * Anything else says what to select instead.
 */
export function captureOnSelection(editor: EditorStore, workshop: WorkshopStore): void {
  const { map, selection, notify, select } = editor.getState();
  const { steps, handoffs } = selection;
  if (steps.length === 0 && handoffs.length === 1 && handoffs[0] !== undefined) {
    workshop.getState().setCapturing(true, handoffs[0]);
    return;
  }
  if (steps.length === 1 && handoffs.length === 0) {
    const outgoing = map.handoffs.filter((h) => h.from === steps[0]);
    const only = outgoing[0];
    if (outgoing.length === 1 && only !== undefined) {
      select({ handoffs: [only.id] });
      workshop.getState().setCapturing(true, only.id);
    } else if (outgoing.length === 0)
      notify("This step hands off to nothing yet: connect it to the next step, then press E.", "info");
    else
      notify(
        `This step hands off to ${outgoing.length} steps: select the handoff the edge case is on, then press E.`,
        "info",
      );
    return;
  }
  notify(
    "To capture an edge case, select a handoff (or a step with one outgoing handoff), then press E.",
    "info",
  );
}

/** Controls Space presses: buttons and their ARIA kin (Space does not follow a link). */
const PRESSABLE =
  "button, summary, [role='button'], [role='checkbox'], [role='switch'], [role='tab'], [role='menuitem']";

function isPressable(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  const control = target.closest(PRESSABLE);
  return control !== null && !control.hasAttribute("data-walk-keys");
}

export function useWorkshopKeys(editor: EditorStore, workshop: WorkshopStore, togglePresenting: () => void) {
  useEffect(() => {
    // How focus got where it is: by Tab (a keyboard user on a control), or by a click or the app
    // itself. Decided when focus arrives; the browser's :focus-visible cannot tell, as a key
    // pressed after a click already makes the clicked button match it.
    let tabPressed = false;
    let focusFromKeyboard = false;
    const onFocusIn = () => {
      focusFromKeyboard = tabPressed;
      tabPressed = false;
    };
    const onPointerDown = () => {
      tabPressed = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      tabPressed = event.key === "Tab";
      handleWorkshopKey(event, editor, workshop, togglePresenting, focusFromKeyboard);
    };
    window.addEventListener("focusin", onFocusIn, { capture: true });
    window.addEventListener("pointerdown", onPointerDown, { capture: true });
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => {
      window.removeEventListener("focusin", onFocusIn, { capture: true });
      window.removeEventListener("pointerdown", onPointerDown, { capture: true });
      window.removeEventListener("keydown", onKeyDown, { capture: true });
    };
  }, [editor, workshop, togglePresenting]);
}
