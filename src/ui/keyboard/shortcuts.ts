/**
 * Keyboard shortcuts as data: a key event (or anything shaped like one) resolves to a command
 * name, or null. Pure, so the table is tested without a DOM; `use-editor-shortcuts.ts` runs the
 * commands. The help overlay's list (src/ui/help/shortcuts.ts) must follow this table. Ctrl and Cmd are the same key here, so the editor works the same on every system.
 */

export type ShortcutCommand =
  | "undo"
  | "redo"
  | "delete"
  | "duplicate"
  | "selectAll"
  | "addNextStep"
  | "editLabel"
  | "clearSelection"
  | "toggleHelp"
  | "fitView";

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function resolveShortcut(event: KeyLike): ShortcutCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey) {
    if (key === "z") return event.shiftKey ? "redo" : "undo";
    if (key === "y" && !event.shiftKey) return "redo";
    if (key === "d" && !event.shiftKey) return "duplicate";
    if (key === "a" && !event.shiftKey) return "selectAll";
    return null;
  }
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  switch (key) {
    case "Delete":
    case "Backspace":
      return event.shiftKey ? null : "delete";
    case "Tab":
      return event.shiftKey ? null : "addNextStep";
    case "Enter":
      return event.shiftKey ? null : "editLabel";
    case "Escape":
      return "clearSelection";
    case "?":
      return "toggleHelp";
    default:
      return null;
  }
}

/** Typing into a field (or a dialog) owns the keyboard: no shortcut may steal its keys. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return (
    element.closest(
      "input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='dialog'], [role='menu']",
    ) !== null
  );
}
