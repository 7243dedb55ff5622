/**
 * The workshop's keys as data, in the keyboard table's terms (src/ui/keyboard/shortcuts.ts):
 * use-workshop-keys.ts dispatches from this list and the help overlay lists it, so the two agree.
 * Entries without a command are handled by the quick-capture field itself and only listed.
 */
import { type KeyLike, resolveFrom, type Shortcut } from "../keyboard/shortcuts";

export type WorkshopCommand =
  | "toggleWalkthrough"
  | "togglePresenting"
  | "next"
  | "back"
  | "first"
  | "leave"
  | "capture"
  | "pickEdgeCase"
  | "voteUp"
  | "voteDown";

export const WORKSHOP_SHORTCUTS: readonly Shortcut<WorkshopCommand>[] = [
  {
    group: "Workshop",
    keys: [["W"]],
    action: "Start or leave the walkthrough",
    command: "toggleWalkthrough",
  },
  {
    group: "Workshop",
    keys: [["→"], ["Space"], ["PageDown"]],
    action: "Walkthrough: next step",
    command: "next",
  },
  { group: "Workshop", keys: [["←"], ["PageUp"]], action: "Walkthrough: previous step", command: "back" },
  { group: "Workshop", keys: [["Home"]], action: "Walkthrough: back to the first step", command: "first" },
  {
    group: "Workshop",
    keys: [["Esc"]],
    action: "Leave the walkthrough (it remembers where you were)",
    command: "leave",
  },
  {
    group: "Workshop",
    keys: [["E"]],
    action:
      "Capture an edge case: on the walkthrough's current handoff, or on the selected handoff (or the selected step's one outgoing handoff)",
    command: "capture",
  },
  {
    group: "Workshop",
    keys: [["↑"], ["↓"]],
    action: "Walkthrough: pick an edge case on the presenter card",
    command: "pickEdgeCase",
  },
  { group: "Workshop", keys: [["+"], ["="]], action: "Vote the picked edge case up", command: "voteUp" },
  { group: "Workshop", keys: [["-"]], action: "Vote the picked edge case down", command: "voteDown" },
  {
    group: "Workshop",
    keys: [["C"]],
    action: "Walkthrough: open or close the contract of the current handoff on the presenter card",
    command: null,
  },
  {
    group: "Workshop",
    keys: [["U"]],
    action: "Walkthrough: turn the next unagreed required-data item into an edge case",
    command: null,
  },
  {
    group: "Workshop",
    keys: [["↑"], ["↓"]],
    action: "While capturing, in the title: choose the handoff when there are several",
    command: null,
  },
  {
    group: "Workshop",
    keys: [
      ["Alt", "1"],
      ["Alt", "2"],
      ["Alt", "3"],
      ["Alt", "4"],
    ],
    action: "While capturing, in the title: severity low, medium, high, critical (every other key types)",
    command: null,
  },
  {
    group: "Workshop",
    keys: [["Tab"]],
    action: "While capturing: to the severity choice, then 1–4 or the arrows choose it (Shift+Tab back)",
    command: null,
  },
  { group: "Workshop", keys: [["Enter"]], action: "While capturing: save the edge case", command: null },
  { group: "Workshop", keys: [["Esc"]], action: "While capturing: drop it", command: null },
  { group: "Workshop", keys: [["F"]], action: "Presentation mode on or off", command: "togglePresenting" },
];

export function resolveWorkshopKey(event: KeyLike): WorkshopCommand | null {
  return resolveFrom(WORKSHOP_SHORTCUTS, event);
}
