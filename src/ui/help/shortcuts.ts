/**
 * Every keyboard shortcut of the editor and the workshop mode, as the help overlay lists them.
 * Data only: the keys are bound in src/ui/keyboard (editing) and the workshop components; when a
 * binding changes, change its line here too (tests/ui/help checks the list covers each area).
 *
 * A key combo is a list of key names pressed together; "Mod" is Ctrl on Windows and Linux and
 * Cmd on a Mac (the editor treats them alike). A shortcut may have several combos ("or").
 */

export const SHORTCUT_GROUPS = ["Editing", "Selection", "History", "View", "Workshop"] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export type KeyCombo = readonly string[];

export interface Shortcut {
  group: ShortcutGroup;
  /** Alternatives, any one of which does it. */
  keys: readonly KeyCombo[];
  /** What it does, as a sentence fragment. */
  action: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  // Editing
  {
    group: "Editing",
    keys: [["Tab"]],
    action: "Add the next step to the right of the selected step, connected, and type its label",
  },
  { group: "Editing", keys: [["Enter"], ["Double-click"]], action: "Edit the selected step's label" },
  { group: "Editing", keys: [["Enter"]], action: "While editing a label: save it" },
  { group: "Editing", keys: [["Esc"]], action: "While editing a label or a field: cancel the change" },
  {
    group: "Editing",
    keys: [["Delete"], ["Backspace"]],
    action: "Delete the selection (a step takes its handoffs)",
  },
  { group: "Editing", keys: [["Mod", "D"]], action: "Duplicate the selected steps" },
  { group: "Editing", keys: [["Mod", "C"]], action: "Copy the selection (also into another map)" },
  { group: "Editing", keys: [["Mod", "X"]], action: "Cut the selection" },
  { group: "Editing", keys: [["Mod", "V"]], action: "Paste, with fresh ids" },

  // Selection
  { group: "Selection", keys: [["Mod", "A"]], action: "Select all steps and handoffs" },
  { group: "Selection", keys: [["Shift", "Click"]], action: "Add to the selection" },
  { group: "Selection", keys: [["Shift", "Drag"]], action: "Select with a box" },
  { group: "Selection", keys: [["Esc"]], action: "Clear the selection" },

  // History
  { group: "History", keys: [["Mod", "Z"]], action: "Undo" },
  {
    group: "History",
    keys: [
      ["Mod", "Shift", "Z"],
      ["Ctrl", "Y"],
    ],
    action: "Redo",
  },

  // View
  { group: "View", keys: [["Shift", "1"]], action: "Fit the whole map in view" },
  { group: "View", keys: [["?"]], action: "Show or hide this help" },

  // Workshop (issue 7)
  { group: "Workshop", keys: [["W"]], action: "Start or leave the walkthrough" },
  { group: "Workshop", keys: [["→"], ["Space"]], action: "Walkthrough: next step" },
  { group: "Workshop", keys: [["←"]], action: "Walkthrough: previous step" },
  { group: "Workshop", keys: [["Home"]], action: "Walkthrough: back to the first step" },
  { group: "Workshop", keys: [["Esc"]], action: "Leave the walkthrough (it remembers where you were)" },
  { group: "Workshop", keys: [["E"]], action: "Capture an edge case on the current handoff" },
  {
    group: "Workshop",
    keys: [["↑"], ["↓"]],
    action: "While capturing: choose the handoff when there are several",
  },
  {
    group: "Workshop",
    keys: [["1"], ["2"], ["3"], ["4"]],
    action: "While capturing: severity low, medium, high, critical",
  },
  { group: "Workshop", keys: [["Enter"]], action: "While capturing: save the edge case" },
  { group: "Workshop", keys: [["F"]], action: "Presentation mode on or off" },
];

/** How a key name is shown: "Mod" is written "Ctrl/Cmd". */
export function keyLabel(key: string): string {
  return key === "Mod" ? "Ctrl/Cmd" : key;
}

/** "Ctrl/Cmd+Shift+Z or Ctrl+Y": the shortcut's keys as plain text. */
export function formatKeys(keys: readonly KeyCombo[]): string {
  return keys.map((combo) => combo.map(keyLabel).join("+")).join(" or ");
}
