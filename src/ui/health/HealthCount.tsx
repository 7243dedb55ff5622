import { describeCounts } from "../../model/lint/lint-map";
import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import { useHealth } from "./use-health";

const selectOpen = (state: EditorState) => state.panels.has("health");

/** The toolbar's "Health: 2 errors, 9 warnings" button; it opens and closes the Health panel. */
export function HealthCount() {
  const store = useEditorStoreApi();
  const open = useEditor(selectOpen);
  const { counts } = useHealth();
  const worst = counts.error > 0 ? "error" : counts.warning > 0 ? "warning" : counts.info > 0 ? "info" : "ok";
  const text = `Health: ${counts.error + counts.warning + counts.info === 0 ? "no findings" : describeCounts({ ...counts, info: counts.error + counts.warning > 0 ? 0 : counts.info })}`;
  return (
    <button
      type="button"
      className={`hf-button hf-health-count hf-health-count--${worst}`}
      aria-pressed={open}
      title={`Health check: ${describeCounts(counts)}. Click for the findings.`}
      onClick={() => store.getState().togglePanel("health")}
    >
      <span className="hf-health-count__dot" aria-hidden="true" />
      <span aria-live="polite">{text}</span>
    </button>
  );
}
