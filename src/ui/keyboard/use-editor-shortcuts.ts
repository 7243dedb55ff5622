import { useEffect, useRef } from "react";
import type { Point } from "../../layout/types";
import type { EditorStore } from "../../store/editor-store";
import {
  addStepFromToolbar,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  pasteText,
  selectAll,
} from "../actions/editor-actions";
import { toggleLaneFocus } from "./lane-focus-key";
import { moveSelectionToLane, NUDGE_STEP, nudgeSelection } from "./move-steps";
import { isTypingTarget, type KeyLike, resolveShortcut, type ShortcutCommand } from "./shortcuts";

export interface ShortcutContext {
  store: EditorStore;
  /** The element the canvas keys (Tab, Enter) belong to; they are left alone elsewhere. */
  canvas: () => HTMLElement | null;
  fitView?: () => void;
  /** The middle of the canvas on screen, in layout coordinates: where N adds a step. */
  viewCenter?: () => Point | null;
  /** The inspector, where Tab on a selected step or handoff sends focus. */
  inspector?: () => HTMLElement | null;
}

/**
 * The arrow commands run in the capture phase, before React Flow's own arrow handling on a
 * focused step (which would move it anywhere, across lanes), and only where no walkthrough took
 * the arrows first (its listener is on window, in the capture phase, before ours on document).
 */
const ARROW_COMMANDS: ReadonlySet<ShortcutCommand> = new Set(["nudge", "moveToLaneAbove", "moveToLaneBelow"]);

/** What the keys still do while something covers the canvas (EditorState.canvasCovered). */
const WHILE_COVERED: ReadonlySet<ShortcutCommand> = new Set(["toggleHelp", "clearSelection"]);

const ARROW_DELTAS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Focusable fields and buttons, in the order Tab visits them. */
const FOCUSABLE =
  'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** The inspector's first field: where Tab goes from a selected step or handoff. */
export function firstFocusable(container: HTMLElement | null | undefined): HTMLElement | null {
  return container?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
}

/** Tab and Enter only act on the canvas (or nothing focused), so toolbar and panels keep them. */
function onCanvas(context: ShortcutContext, target: EventTarget | null): boolean {
  const active = target instanceof Node ? target : null;
  if (active === null || active === document.body || active === document.documentElement) return true;
  return context.canvas()?.contains(active) ?? false;
}

/** Runs one command; true when it did something, so the key's default action is stopped. */
export function runShortcut(
  command: ShortcutCommand,
  context: ShortcutContext,
  target: EventTarget | null,
  event?: KeyLike,
): boolean {
  const { store } = context;
  const state = store.getState();
  switch (command) {
    case "addStep":
      // The toolbar's Add step: beside the selected step, else in the middle of the view.
      addStepFromToolbar(store, context.viewCenter?.() ?? null);
      return true;
    case "undo":
      state.undo();
      return true;
    case "redo":
      state.redo();
      return true;
    case "delete":
      return deleteSelection(store);
    case "duplicate":
      duplicateSelection(store);
      return true;
    case "selectAll":
      if (!onCanvas(context, target)) return false;
      selectAll(store);
      return true;
    case "focusInspector": {
      const { selection } = state;
      if (!onCanvas(context, target) || selection.steps.length + selection.handoffs.length === 0)
        return false;
      const field = firstFocusable(context.inspector?.());
      if (field === null) return false;
      field.focus();
      // Hidden (the walkthrough and presenting put the side column away): Tab does what it does.
      return document.activeElement === field;
    }
    case "nudge": {
      if (!onCanvas(context, target) || state.selection.steps.length === 0) return false;
      const delta = ARROW_DELTAS[event?.key ?? ""];
      if (delta === undefined) return false;
      const distance = NUDGE_STEP * (event?.shiftKey === true ? 4 : 1);
      return nudgeSelection(store, delta[0] * distance, delta[1] * distance);
    }
    case "moveToLaneAbove":
    case "moveToLaneBelow":
      if (!onCanvas(context, target) || state.selection.steps.length === 0) return false;
      return moveSelectionToLane(store, command === "moveToLaneAbove" ? -1 : 1);
    case "editLabel": {
      if (!onCanvas(context, target) || state.selection.steps.length !== 1) return false;
      const id = state.selection.steps[0];
      if (id === undefined) return false;
      state.setEditingStep(id);
      return true;
    }
    case "clearSelection": {
      const { selection } = state;
      const empty =
        selection.steps.length === 0 &&
        selection.handoffs.length === 0 &&
        selection.lane === null &&
        selection.phase === null;
      if (state.panels.has("help")) {
        state.togglePanel("help", false);
        return true;
      }
      if (empty) return false;
      state.select({});
      return true;
    }
    case "toggleHelp":
      state.togglePanel("help");
      return true;
    case "fitView":
      context.fitView?.();
      return context.fitView !== undefined;
    case "laneFocus":
      toggleLaneFocus(store);
      return true;
    default: {
      const unknown: never = command;
      throw new Error(`unknown shortcut ${String(unknown)}`);
    }
  }
}

/**
 * Window-level shortcuts for one editor, plus copy/cut/paste through the clipboard events (they
 * carry the system clipboard without a permission prompt). Keys typed into fields are ignored.
 */
export function useEditorShortcuts(context: ShortcutContext): void {
  const ref = useRef(context);
  ref.current = context;

  useEffect(() => {
    const covered = () => ref.current.store.getState().canvasCovered;
    const handle = (event: KeyboardEvent, arrows: boolean) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const command = resolveShortcut(event);
      if (command === null || ARROW_COMMANDS.has(command) !== arrows) return;
      if (covered() && !WHILE_COVERED.has(command)) return;
      if (runShortcut(command, ref.current, event.target, event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    const onKeyDown = (event: KeyboardEvent) => handle(event, false);
    const onArrowKeyDown = (event: KeyboardEvent) => {
      handle(event, true);
      // React Flow's own arrow keys on a focused step (any modifiers) would move it across lanes.
      const stepKey = event.key.startsWith("Arrow") && !isTypingTarget(event.target);
      if (!event.defaultPrevented && stepKey && onFocusedStep(event.target)) event.stopPropagation();
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || hasTextSelection()) return;
      const text = copySelection(ref.current.store);
      if (text === null || event.clipboardData === null) return;
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
    };
    const onCut = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || hasTextSelection() || covered()) return;
      if (event.clipboardData === null) return;
      const text = cutSelection(ref.current.store);
      if (text === null) return;
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || covered()) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      if (text === "") return;
      event.preventDefault();
      pasteText(ref.current.store, text);
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("keydown", onArrowKeyDown, { capture: true });
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("keydown", onArrowKeyDown, { capture: true });
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}

/** A step (or React Flow's box around several) has focus: its arrow keys are ours alone. */
function onFocusedStep(target: EventTarget | null): boolean {
  return (
    target instanceof Element && target.closest(".react-flow__node, .react-flow__nodesselection") !== null
  );
}

/** Someone selected text on the page (a panel's text): copying that is theirs, not ours. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== "";
}
