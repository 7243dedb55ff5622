import { useEffect } from "react";
import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";

const selectNotice = (s: EditorState) => s.notice;
const selectMap = (s: EditorState) => s.map;

/** How long a notice stays, by tone: errors get time to be read aloud to the room. */
const LIFETIME_MS = { info: 4_000, error: 8_000 } as const;
/** A notice that offers Undo stays long enough to reach for it. */
const UNDO_LIFETIME_MS = 10_000;

/**
 * The store's notice as a toast: a live region (status for info, alert for errors) that clears
 * itself after a while and can be dismissed. A notice about an edit can offer Undo, shown only
 * while that edit is still the latest (a later edit hides it rather than undo the wrong thing).
 */
export function NoticeArea() {
  const notice = useEditor(selectNotice);
  const map = useEditor(selectMap);
  const store = useEditorStoreApi();
  const undo = notice?.undo !== undefined && notice.undo.after === map ? notice.undo.label : null;

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(
      () => {
        if (store.getState().notice?.id === notice.id) store.getState().dismissNotice();
      },
      notice.undo === undefined ? LIFETIME_MS[notice.tone] : UNDO_LIFETIME_MS,
    );
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <div className="hf-notices">
      <div role="status" aria-live="polite" className="hf-notices__region">
        {notice !== null && notice.tone === "info" && <Toast text={notice.text} tone="info" undo={undo} />}
      </div>
      <div role="alert" className="hf-notices__region">
        {notice !== null && notice.tone === "error" && <Toast text={notice.text} tone="error" undo={undo} />}
      </div>
    </div>
  );
}

function Toast({ text, tone, undo }: { text: string; tone: "info" | "error"; undo: string | null }) {
  const store = useEditorStoreApi();
  const runUndo = () => {
    const state = store.getState();
    if (state.notice?.undo?.after === state.map) state.undo();
    state.dismissNotice();
  };
  return (
    <div className={`hf-toast hf-toast--${tone}`} data-testid="notice">
      <span className="hf-toast__text">{text}</span>
      {undo !== null && (
        <button type="button" className="hf-toast__close hf-toast__undo" onClick={runUndo}>
          {undo}
        </button>
      )}
      <button type="button" className="hf-toast__close" onClick={() => store.getState().dismissNotice()}>
        Dismiss
      </button>
    </div>
  );
}
