import type { Handoff, HandoffMap, Lane, Phase, Step } from "../../model/types";
import type { EditorState, Selection } from "../../store/editor-store";

/** Stable selectors for the inspector: each returns a reference the store already holds. */
export const selectSelection = (state: EditorState): Selection => state.selection;
export const selectMap = (state: EditorState): HandoffMap => state.map;
export const selectLanes = (state: EditorState): readonly Lane[] => state.map.lanes;
export const selectPhases = (state: EditorState): readonly Phase[] => state.map.phases;
export const selectSteps = (state: EditorState): readonly Step[] => state.map.steps;

export function findStep(map: HandoffMap, id: string): Step | undefined {
  return map.steps.find((step) => step.id === id);
}

export function findHandoff(map: HandoffMap, id: string): Handoff | undefined {
  return map.handoffs.find((handoff) => handoff.id === id);
}

/** What the inspector shows for a selection. */
export type InspectorTarget =
  | { kind: "map" }
  | { kind: "step"; id: string }
  | { kind: "handoff"; id: string }
  | { kind: "lane"; id: string }
  | { kind: "phase"; id: string }
  | { kind: "many"; steps: readonly string[]; handoffs: readonly string[] };

export function inspectorTarget(selection: Selection): InspectorTarget {
  const { steps, handoffs } = selection;
  if (steps.length + handoffs.length > 1) return { kind: "many", steps, handoffs };
  const step = steps[0];
  if (step !== undefined) return { kind: "step", id: step };
  const handoff = handoffs[0];
  if (handoff !== undefined) return { kind: "handoff", id: handoff };
  if (selection.lane !== null) return { kind: "lane", id: selection.lane };
  if (selection.phase !== null) return { kind: "phase", id: selection.phase };
  return { kind: "map" };
}
