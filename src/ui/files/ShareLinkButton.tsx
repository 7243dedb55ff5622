import { useState } from "react";
import { encodeShareFragment, MAX_SHARE_FRAGMENT } from "../../store/persistence/share-link";
import { useEditorStoreApi } from "../store-context";

type ShareState =
  | null
  | { kind: "link"; url: string; copied: boolean }
  | { kind: "too-large"; length: number };

/** "Copy share link": the whole map in the URL fragment, which browsers never send to a server. */
export function ShareLinkButton() {
  const editor = useEditorStoreApi();
  const [state, setState] = useState<ShareState>(null);

  const share = async () => {
    const result = await encodeShareFragment(editor.getState().map);
    if (!result.ok) {
      setState({ kind: "too-large", length: result.length });
      return;
    }
    const url = `${location.origin}${location.pathname}${result.fragment}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // Clipboard refused (permissions, insecure context): the link is shown to copy by hand.
    }
    setState({ kind: "link", url, copied });
  };

  return (
    <div className="handoff-share">
      <button type="button" onClick={() => void share()}>
        Copy share link
      </button>
      {state === null ? null : (
        <div role="dialog" aria-label="Share link" className="handoff-share-popover">
          {state.kind === "too-large" ? (
            <p role="alert">
              This map is too large for a link ({state.length.toLocaleString()} characters; links hold up to{" "}
              {MAX_SHARE_FRAGMENT.toLocaleString()}). Use Export → JSON and share the file instead.
            </p>
          ) : (
            <>
              <p role="status" className="handoff-share-copied">
                {state.copied ? "Link copied to the clipboard." : "Copy this link:"}
              </p>
              <label className="handoff-share-field">
                Share link
                <input
                  className="hf-field__input"
                  readOnly
                  value={state.url}
                  onFocus={(event) => event.currentTarget.select()}
                  data-testid="handoff-share-url"
                />
              </label>
              <p>
                The map travels inside the link, after the “#”: it is never sent to a server. Anyone with the
                link can read the map.
              </p>
            </>
          )}
          <button type="button" className="hf-button" onClick={() => setState(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
