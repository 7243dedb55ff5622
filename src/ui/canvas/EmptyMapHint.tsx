import type { EditorState } from "../../store/editor-store";
import { useEditor } from "../store-context";

const selectCounts = (s: EditorState) => (s.map.lanes.length === 0 ? -1 : s.map.steps.length);

/**
 * What to do first on a map with no steps, over the middle of the empty canvas: the key and the
 * gesture that add one. It lets the pointer through, so a double-click there still adds a step.
 */
export function EmptyMapHint() {
  const steps = useEditor(selectCounts);
  if (steps > 0) return null;
  return (
    <p className="hf-empty-hint" data-testid="empty-map-hint">
      {steps < 0 ? (
        <>
          No lanes yet: <strong>Add lane</strong> in the toolbar makes the first department.
        </>
      ) : (
        <>
          No steps yet. Press <kbd>N</kbd> to add one and type its name, or double-click in a lane.
        </>
      )}
    </p>
  );
}
