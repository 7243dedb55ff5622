import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";

const selectFailure = (s: EditorState) =>
  s.layoutError !== null && (s.layout === null || s.layout.unrouted === true) ? s.layoutError : null;
const selectBlank = (s: EditorState) => s.layout === null;

/**
 * Stays over the canvas while the map cannot be drawn because its layout failed (the worker
 * crashed, ran out of time or memory): says so, what was kept, and what to do, instead of a blank
 * canvas or handoffs that never come. The notice toast says it once; this stays until it is fixed.
 */
export function LayoutFailure() {
  const store = useEditorStoreApi();
  const error = useEditor(selectFailure);
  const blank = useEditor(selectBlank);
  if (error === null) return null;
  return (
    <section className="hf-layout-failure" aria-labelledby="hf-layout-failure-title">
      <h2 id="hf-layout-failure-title">
        {blank ? "This map could not be laid out" : "The handoffs could not be laid out"}
      </h2>
      <p className="hf-layout-failure__error">{error}</p>
      <p>
        Your map is unchanged and still saved. Try again; if it fails again, export it (Export → JSON) and lay
        it out with the command line, <code>npx handoff export map.json -o map.svg</code>, which has no time
        limit, or split a very big map into smaller ones.
      </p>
      <button
        type="button"
        className="hf-layout-failure__retry"
        onClick={() => store.getState().retryLayout()}
      >
        Try again
      </button>
    </section>
  );
}
