import { useShallow } from "zustand/react/shallow";
import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import { laneName } from "./LanesPicker";
import "./lane-focus.css";

const selectBar = (s: EditorState) => ({ lanes: s.map.lanes, focus: s.laneFocus });

/**
 * While lanes are focused, a plain line over the canvas says so ("Showing 2 of 7 lanes: Sales,
 * Deal Desk"), with "Show all lanes" beside it: nobody should think the other lanes' steps were
 * deleted. Stays visible when presenting (the toolbar is hidden then).
 */
export function LaneFocusBar() {
  const store = useEditorStoreApi();
  const { lanes, focus } = useEditor(useShallow(selectBar));
  if (focus === null) return null;
  const shown = lanes.filter((lane) => focus.includes(lane.id));
  return (
    <section className="hf-lane-focus-bar" aria-label="Lane focus" data-testid="lane-focus-bar">
      <span className="hf-lane-focus-bar__text">
        Showing {shown.length} of {lanes.length} lanes: <strong>{shown.map(laneName).join(", ")}</strong>
      </span>
      <button
        type="button"
        className="hf-lane-focus-bar__all"
        onClick={() => store.getState().setLaneFocus(null)}
      >
        Show all lanes
      </button>
    </section>
  );
}
