import { useEffect, useRef } from "react";
import type { EditorStore } from "../../store/editor-store";
import {
  addNextStep,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  pasteText,
  selectAll,
} from "../editor/editor-commands";
import { isTypingTarget, resolveShortcut, type ShortcutCommand } from "./shortcuts";

export interface ShortcutContext {
  store: EditorStore;
  /** The element the canvas keys (Tab, Enter) belong to; they are left alone elsewhere. */
  canvas: () => HTMLElement | null;
  fitView?: () => void;
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
): boolean {
  const { store } = context;
  const state = store.getState();
  switch (command) {
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
    case "addNextStep":
      if (!onCanvas(context, target) || state.selection.steps.length !== 1) return false;
      return addNextStep(store);
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
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const command = resolveShortcut(event);
      if (command === null) return;
      if (runShortcut(command, ref.current, event.target)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || hasTextSelection()) return;
      const text = copySelection(ref.current.store);
      if (text === null || event.clipboardData === null) return;
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
    };
    const onCut = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || hasTextSelection()) return;
      if (event.clipboardData === null) return;
      const text = cutSelection(ref.current.store);
      if (text === null) return;
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      if (text === "") return;
      event.preventDefault();
      pasteText(ref.current.store, text);
    };
    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, []);
}

/** Someone selected text on the page (a panel's text): copying that is theirs, not ours. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== "";
}
