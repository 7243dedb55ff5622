import { useEffect } from "react";
import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";

const selectNotice = (s: EditorState) => s.notice;

/** How long a notice stays, by tone: errors get time to be read aloud to the room. */
const LIFETIME_MS = { info: 4_000, error: 8_000 } as const;

/**
 * The store's notice as a toast: a live region (status for info, alert for errors) that clears
 * itself after a while and can be dismissed.
 */
export function NoticeArea() {
  const notice = useEditor(selectNotice);
  const store = useEditorStoreApi();

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => {
      if (store.getState().notice?.id === notice.id) store.getState().dismissNotice();
    }, LIFETIME_MS[notice.tone]);
    return () => clearTimeout(timer);
  }, [notice, store]);

  return (
    <div className="hf-notices">
      <div role="status" aria-live="polite" className="hf-notices__region">
        {notice !== null && notice.tone === "info" && <Toast text={notice.text} tone="info" />}
      </div>
      <div role="alert" className="hf-notices__region">
        {notice !== null && notice.tone === "error" && <Toast text={notice.text} tone="error" />}
      </div>
    </div>
  );
}

function Toast({ text, tone }: { text: string; tone: "info" | "error" }) {
  const store = useEditorStoreApi();
  return (
    <div className={`hf-toast hf-toast--${tone}`} data-testid="notice">
      <span className="hf-toast__text">{text}</span>
      <button type="button" className="hf-toast__close" onClick={() => store.getState().dismissNotice()}>
        Dismiss
      </button>
    </div>
  );
}
