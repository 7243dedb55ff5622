/**
 * The L key: lane focus without the mouse. Focused: every lane again. Not focused: the lanes of
 * the selected steps and the selected lane header; nothing selected: the toolbar's Lanes panel
 * opens to choose them.
 */
import type { EditorStore } from "../../store/editor-store";

export function toggleLaneFocus(store: EditorStore): void {
  const state = store.getState();
  if (state.laneFocus !== null) {
    state.setLaneFocus(null);
    return;
  }
  const { map, selection } = state;
  const chosen = new Set(selection.steps);
  const lanes = new Set(map.steps.filter((step) => chosen.has(step.id)).map((step) => step.lane));
  if (selection.lane !== null) lanes.add(selection.lane);
  if (lanes.size === 0) {
    state.togglePanel("lanes", true);
    return;
  }
  state.setLaneFocus([...lanes]);
  if (store.getState().laneFocus === null)
    state.notify("Every lane is selected: lane focus shows some lanes, so there is nothing to hide.", "info");
}
