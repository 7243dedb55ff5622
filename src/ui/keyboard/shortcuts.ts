/**
 * Keyboard shortcuts as data: one table says which keys do what, and both the dispatcher
 * (resolveShortcut) and the help overlay read it, so what the help lists is what the keys do.
 * Pure, so the table is tested without a DOM; `use-editor-shortcuts.ts` runs the commands.
 *
 * A key combo is a list of key names pressed together, the key last: "Mod" is Ctrl on Windows
 * and Linux and Cmd on a Mac (the editor treats them alike), "Ctrl" is Ctrl only. Click, Drag
 * and Double-click are pointer gestures: listed for people, never matched against a key event.
 */

export type ShortcutCommand =
  | "addStep"
  | "undo"
  | "redo"
  | "delete"
  | "duplicate"
  | "selectAll"
  | "focusInspector"
  | "editLabel"
  | "clearSelection"
  | "toggleHelp"
  | "fitView"
  | "nudge"
  | "moveToLaneAbove"
  | "moveToLaneBelow"
  | "laneFocus";

export const SHORTCUT_GROUPS = ["Editing", "Selection", "History", "View", "Workshop"] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export type KeyCombo = readonly string[];

export interface Shortcut<C extends string = string> {
  group: ShortcutGroup;
  /** Alternatives, any one of which does it. */
  keys: readonly KeyCombo[];
  /** What it does, as a sentence fragment (the help's wording). */
  action: string;
  /**
   * What the table's dispatcher runs; null when the keys are handled where they act (the
   * clipboard events, React Flow's selection, the label editor) and only listed here.
   */
  command: C | null;
}

/** The editor's keys, in the order the help lists them. */
export const EDITOR_SHORTCUTS: readonly Shortcut<ShortcutCommand>[] = [
  {
    group: "Editing",
    keys: [["N"]],
    action: "Add a step (right of the selected step, else in the middle of the view) and type its label",
    command: "addStep",
  },
  {
    group: "Editing",
    keys: [["Enter"], ["Double-click"]],
    action: "Edit the selected step's label",
    command: "editLabel",
  },
  { group: "Editing", keys: [["Enter"]], action: "While editing a label: save it", command: null },
  {
    group: "Editing",
    keys: [["Tab"]],
    action: "While editing a label: save it and add the next step to the right, connected, to type its label",
    command: null,
  },
  {
    group: "Editing",
    keys: [["Shift", "Tab"]],
    action: "While editing a label: save it and go back to the step",
    command: null,
  },
  {
    group: "Editing",
    keys: [["Esc"]],
    action: "While editing a label or a field: cancel the change",
    command: null,
  },
  {
    group: "Editing",
    keys: [["←"], ["→"], ["↑"], ["↓"]],
    action:
      "Nudge the selected steps within their lane (with Shift: 4× as far); they stop at the lane's edge",
    command: "nudge",
  },
  {
    group: "Editing",
    keys: [["Alt", "↑"]],
    action: "Move the selected steps to the lane above (their handoffs follow)",
    command: "moveToLaneAbove",
  },
  {
    group: "Editing",
    keys: [["Alt", "↓"]],
    action: "Move the selected steps to the lane below (their handoffs follow)",
    command: "moveToLaneBelow",
  },
  {
    group: "Editing",
    keys: [["Delete"], ["Backspace"]],
    action: "Delete the selection (a step takes its handoffs)",
    command: "delete",
  },
  { group: "Editing", keys: [["Mod", "D"]], action: "Duplicate the selected steps", command: "duplicate" },
  // Copy, cut and paste run on the clipboard events (they carry the system clipboard).
  {
    group: "Editing",
    keys: [["Mod", "C"]],
    action: "Copy the selection (also into another map)",
    command: null,
  },
  { group: "Editing", keys: [["Mod", "X"]], action: "Cut the selection", command: null },
  { group: "Editing", keys: [["Mod", "V"]], action: "Paste, with fresh ids", command: null },
  {
    group: "Editing",
    keys: [["Double-click"]],
    action: "On empty space in a lane: add a step there",
    command: null,
  },

  { group: "Selection", keys: [["Mod", "A"]], action: "Select all steps and handoffs", command: "selectAll" },
  // React Flow's selection keys (Canvas: selectionKeyCode, multiSelectionKeyCode).
  { group: "Selection", keys: [["Shift", "Click"]], action: "Add to the selection", command: null },
  { group: "Selection", keys: [["Shift", "Drag"]], action: "Select with a box", command: null },
  { group: "Selection", keys: [["Esc"]], action: "Clear the selection", command: "clearSelection" },
  {
    group: "Selection",
    keys: [["Tab"]],
    action: "On a selected step or handoff: move focus to the inspector (Shift+Tab comes back)",
    command: "focusInspector",
  },

  { group: "History", keys: [["Mod", "Z"]], action: "Undo", command: "undo" },
  {
    group: "History",
    keys: [
      ["Mod", "Shift", "Z"],
      ["Ctrl", "Y"],
    ],
    action: "Redo",
    command: "redo",
  },

  { group: "View", keys: [["Shift", "1"]], action: "Fit the whole map in view", command: "fitView" },
  {
    group: "View",
    keys: [["L"]],
    action:
      "Lane focus: show only the selected steps' lanes (or the selected lane); again: show all lanes. With nothing selected: choose the lanes",
    command: "laneFocus",
  },
  { group: "View", keys: [["?"]], action: "Show or hide this help", command: "toggleHelp" },
];

export interface KeyLike {
  key: string;
  /** The physical key ("Digit1"): Shift+1 types "!" on most layouts. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const POINTER_GESTURES = new Set(["Click", "Drag", "Double-click"]);
/** Key names as people read them -> KeyboardEvent.key. */
const EVENT_KEYS: Readonly<Record<string, string>> = {
  Esc: "Escape",
  Space: " ",
  "→": "ArrowRight",
  "←": "ArrowLeft",
  "↑": "ArrowUp",
  "↓": "ArrowDown",
};
/**
 * Keys whose Shift state does not matter: "?" and "+" need Shift on many layouts; Esc is Esc;
 * the arrows nudge farther with Shift (the command reads shiftKey itself).
 */
const SHIFT_EITHER = new Set(["?", "+", "Esc", "←", "→", "↑", "↓"]);

function keyMatches(name: string, event: KeyLike): boolean {
  if (/^[0-9]$/.test(name)) return event.key === name || event.code === `Digit${name}`;
  const expected = EVENT_KEYS[name] ?? name;
  return expected.length === 1 ? event.key.toLowerCase() === expected.toLowerCase() : event.key === expected;
}

/** The event is this combo: its key, and exactly its modifiers (Ctrl and Cmd both count as Mod). */
export function matchesCombo(combo: KeyCombo, event: KeyLike): boolean {
  const name = combo[combo.length - 1];
  if (name === undefined || POINTER_GESTURES.has(name)) return false;
  const modifiers = combo.slice(0, -1);
  const mod = event.ctrlKey || event.metaKey;
  if (modifiers.includes("Ctrl")) {
    if (!event.ctrlKey || event.metaKey) return false;
  } else if (modifiers.includes("Mod") !== mod) return false;
  if (modifiers.includes("Alt") !== event.altKey) return false;
  if (!SHIFT_EITHER.has(name) && modifiers.includes("Shift") !== event.shiftKey) return false;
  return keyMatches(name, event);
}

/** The first command in `table` whose keys the event is; null when none. */
export function resolveFrom<C extends string>(table: readonly Shortcut<C>[], event: KeyLike): C | null {
  for (const shortcut of table) {
    if (shortcut.command === null) continue;
    if (shortcut.keys.some((combo) => matchesCombo(combo, event))) return shortcut.command;
  }
  return null;
}

export function resolveShortcut(event: KeyLike): ShortcutCommand | null {
  return resolveFrom(EDITOR_SHORTCUTS, event);
}

/**
 * Where focus owns the keyboard, so no shortcut may act on its keys: a text field (any input, a
 * textarea), a select, anything contenteditable, and open dialogs and menus. THE guard: every
 * key handler of the app (the editor's and the workshop's window listeners) asks it first.
 */
const OWNS_KEYS =
  "input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='dialog'], [role='alertdialog'], [role='menu']";

export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable === true) return true;
  return element.closest(OWNS_KEYS) !== null;
}
