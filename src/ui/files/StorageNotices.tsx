import { useEffect, useRef, useState } from "react";
import type { SessionState, UnreadableMap } from "../../store/persistence/map-session";
import { useMapSession, useSessionState } from "../library/session-context";
import { downloadText } from "./download";
import { fileName } from "./file-name";

const selectStatus = (s: SessionState) => s.status;
const selectUnreadable = (s: SessionState) => s.unreadable;
const selectRecovered = (s: SessionState) => s.recovered;
const selectTitle = (s: SessionState) => s.library.entries.find((e) => e.id === s.mapId)?.title ?? null;

/** A persistent warning while saving fails: editing goes on in memory, export still works. */
export function StorageWarning() {
  const status = useSessionState(selectStatus);
  if (status.kind !== "failed") return null;
  return (
    <div role="alert" className="handoff-storage-warning" data-testid="handoff-storage-warning">
      <strong>Changes are not being saved.</strong> {status.reason}. You can keep editing; use Export → JSON
      to keep a copy.
    </div>
  );
}

function downloadRaw(map: UnreadableMap) {
  downloadText(map.raw, fileName(`${map.title ?? map.id} (unreadable)`, "json"), "application/json");
}

/** Maps that could not be read: named, their raw content offered, never overwritten. */
export function UnreadableMapsNotice() {
  const unreadable = useSessionState(selectUnreadable);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = unreadable.filter((u) => !dismissed.has(u.id));
  if (shown.length === 0) return null;
  return (
    <div role="alert" className="handoff-unreadable" data-testid="handoff-unreadable">
      {shown.map((map) => (
        <div key={map.id}>
          <p>
            <strong>The map “{map.title ?? map.id}” could not be read.</strong> It is kept exactly as stored
            and nothing will overwrite it. {map.problems.slice(0, 3).join("; ")}
            {map.problems.length > 3 ? ` (and ${map.problems.length - 3} more)` : ""}
          </p>
          <button type="button" className="hf-button" onClick={() => downloadRaw(map)}>
            Download its content
          </button>
          <button
            type="button"
            className="hf-button"
            onClick={() => setDismissed(new Set([...dismissed, map.id]))}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * Edits that a closed tab had not saved, which could not be put back because the map changed
 * (or was deleted) since: kept in the browser until the user keeps, downloads or discards them.
 */
export function RecoveredEditsNotice() {
  const session = useMapSession();
  const recovered = useSessionState(selectRecovered);
  if (recovered.length === 0) return null;
  return (
    <div role="alert" className="handoff-unreadable handoff-recovered" data-testid="handoff-recovered">
      {recovered.map((edit) => (
        <div key={edit.key}>
          <p>
            <strong>Unsaved changes to “{edit.title}” were found</strong>, made {timeFormat.format(edit.at)}{" "}
            in a tab that closed before saving them.{" "}
            {edit.cause === "deleted"
              ? "The map has been deleted since."
              : "The map was changed in another tab since, so they were not applied over that work."}
          </p>
          <button type="button" className="hf-button" onClick={() => void session.keepRecovered(edit.key)}>
            Keep them as a new map
          </button>
          <button
            type="button"
            className="hf-button"
            onClick={() =>
              downloadText(edit.text, fileName(`${edit.title} (recovered)`, "json"), "application/json")
            }
          >
            Download them
          </button>
          <button type="button" className="hf-button" onClick={() => session.discardRecovered(edit.key)}>
            Discard them
          </button>
        </div>
      ))}
    </div>
  );
}

/**
 * Another tab saved this map (or deleted it) while this tab had unsaved edits: this tab stops
 * writing and covers the editor until the user chooses. Neither choice loses an edit silently.
 */
export function ConflictOverlay() {
  const session = useMapSession();
  const status = useSessionState(selectStatus);
  const title = useSessionState(selectTitle);
  const [busy, setBusy] = useState(false);
  const firstAction = useRef<HTMLButtonElement>(null);
  const inConflict = status.kind === "conflict";
  // The dialog takes focus: nothing typed after this can land in a field that no longer saves.
  useEffect(() => {
    if (inConflict) firstAction.current?.focus();
  }, [inConflict]);
  if (status.kind !== "conflict") return null;
  const act = (action: () => Promise<unknown>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  return (
    <div className="handoff-conflict-backdrop" data-testid="handoff-conflict">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="handoff-conflict-title"
        className="handoff-conflict"
      >
        <h2 id="handoff-conflict-title">
          {status.cause === "deleted"
            ? "This map was deleted in another tab"
            : "This map was changed in another tab"}
        </h2>
        <p>
          This tab is now read-only so that it cannot write over the other tab's work. Your edits here are not
          saved yet. Keep them as a new map, download them, or load the latest version.
        </p>
        <button
          type="button"
          ref={firstAction}
          className="hf-button hf-button--primary"
          disabled={busy}
          onClick={() => act(() => session.saveAsNewMap())}
        >
          Keep my version as a new map
        </button>
        <button
          type="button"
          className="hf-button"
          onClick={() =>
            downloadText(
              session.currentText(),
              fileName(`${title ?? "map"} (this tab)`, "json"),
              "application/json",
            )
          }
        >
          Download my version
        </button>
        {status.cause === "newer" ? (
          <button
            type="button"
            className="hf-button"
            disabled={busy}
            onClick={() => act(() => session.reloadLatest())}
          >
            Reload the latest version
          </button>
        ) : null}
      </div>
    </div>
  );
}
