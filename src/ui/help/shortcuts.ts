/**
 * What the help overlay lists: the editor's key table (src/ui/keyboard/shortcuts.ts) and the
 * workshop's (src/ui/workshop/workshop-shortcuts.ts), the same data the keys are dispatched from,
 * so the help cannot drift from what the keys do. Only the wording of key names lives here.
 */
import { EDITOR_SHORTCUTS, type KeyCombo, type Shortcut } from "../keyboard/shortcuts";
import { WORKSHOP_SHORTCUTS } from "../workshop/workshop-shortcuts";

export { type KeyCombo, SHORTCUT_GROUPS, type Shortcut, type ShortcutGroup } from "../keyboard/shortcuts";

export const SHORTCUTS: readonly Shortcut[] = [...EDITOR_SHORTCUTS, ...WORKSHOP_SHORTCUTS];

/**
 * What the mouse does on the canvas beyond the key table's clicks and drags (Shift+Click,
 * Shift+Drag, Double-click are there): shown as sentences, there are no keys to list.
 */
export const MOUSE_GESTURES: readonly { gesture: string; action: string }[] = [
  {
    gesture: "Drag from a step's right dot onto another step",
    action: "Connect them with a handoff; type what changes hands",
  },
  {
    gesture: "Drag from a step's dot onto empty lane space",
    action: "Add a step there, connected, in that lane and phase; type its label",
  },
  { gesture: "Select a handoff, then drag either end onto another step", action: "Reconnect that end" },
  {
    gesture: "Drag a step into another lane or phase",
    action: "Move it there (the lane it will land in is highlighted; it settles on the grid on drop)",
  },
  { gesture: "Press or drag in the overview (bottom right)", action: "Show that part of the map" },
  {
    gesture: "Lane focus: click a dashed stub in “Other lanes”",
    action: "Select the handoffs that end at it (a stub stands for a step in a lane not shown)",
  },
  {
    gesture: "Lane focus: double-click a stub, or click its lane chip",
    action: "Show that lane too",
  },
  {
    gesture: "Lane focus: drag a handoff onto a stub",
    action: "Connect to the real step it stands for",
  },
];

/** How a key name is shown: "Mod" is written "Ctrl/Cmd". */
export function keyLabel(key: string): string {
  return key === "Mod" ? "Ctrl/Cmd" : key;
}

/** "Ctrl/Cmd+Shift+Z or Ctrl+Y": the shortcut's keys as plain text. */
export function formatKeys(keys: readonly KeyCombo[]): string {
  return keys.map((combo) => combo.map(keyLabel).join("+")).join(" or ");
}
