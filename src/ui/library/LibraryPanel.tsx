import { useMemo, useState } from "react";
import type { TemplateId } from "../../model/templates";
import type { EditorState } from "../../store/editor-store";
import type { MapSession, SessionState } from "../../store/persistence/map-session";
import { countMap, type MapEntry } from "../../store/persistence/map-storage";
import { CloseButton } from "../fields/CloseButton";
import { useFocusReturn } from "../fields/use-focus-return";
import { useEditor, useEditorStoreApi } from "../store-context";
import { confirmLeave } from "./confirm-leave";
import { useMapSession, useSessionState } from "./session-context";

const selectLibrary = (s: SessionState) => s.library;
const selectMapId = (s: SessionState) => s.mapId;
const selectDeleted = (s: SessionState) => s.deleted;
const selectLibraryOpen = (s: EditorState) => s.panels.has("library");
const selectMap = (s: EditorState) => s.map;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

async function openMap(session: MapSession, id: string) {
  if (id === session.mapId || (await confirmLeave(session))) await session.open(id, { discardUnsaved: true });
}

async function newMap(session: MapSession, template: TemplateId) {
  if (await confirmLeave(session)) await session.createFromTemplate(template, { discardUnsaved: true });
}

export function LibraryButton() {
  const editor = useEditorStoreApi();
  const open = useEditor(selectLibraryOpen);
  return (
    <button type="button" aria-pressed={open} onClick={() => editor.getState().togglePanel("library")}>
      Library
    </button>
  );
}

function LibraryRow({ entry, current }: { entry: MapEntry; current: boolean }) {
  const session = useMapSession();
  const [renaming, setRenaming] = useState<string | null>(null);
  const renameButton = useFocusReturn<HTMLButtonElement>(renaming !== null);
  return (
    <li aria-current={current ? "true" : undefined} data-testid="handoff-library-entry">
      {renaming === null ? (
        <button
          type="button"
          className="handoff-library-open"
          onClick={() => void openMap(session, entry.id)}
        >
          {entry.title}
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void session.rename(entry.id, renaming).then(() => setRenaming(null));
          }}
        >
          <label className="handoff-library-rename">
            New title
            <input
              className="hf-field__input"
              // biome-ignore lint/a11y/noAutofocus: the rename field appears because the user asked for it
              autoFocus
              // The title is selected: typing replaces it, the arrows keep it to edit.
              onFocus={(event) => event.currentTarget.select()}
              value={renaming}
              onChange={(event) => setRenaming(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") setRenaming(null);
              }}
            />
          </label>
          <button type="submit" className="hf-button hf-button--primary">
            Save title
          </button>
        </form>
      )}
      <p className="handoff-library-meta">
        Changed {dateFormat.format(entry.updatedAt)} · {plural(entry.counts.steps, "step")} ·{" "}
        {plural(entry.counts.handoffs, "handoff")} · {plural(entry.counts.edgeCases, "edge case")}
        {current ? " · open" : ""}
      </p>
      <div className="handoff-library-actions">
        <button
          type="button"
          ref={renameButton}
          className="hf-button"
          aria-label={`Rename ${entry.title}`}
          onClick={() => setRenaming(entry.title)}
        >
          Rename
        </button>
        <button
          type="button"
          className="hf-button"
          aria-label={`Duplicate ${entry.title}`}
          onClick={() => void session.duplicate(entry.id)}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="hf-button hf-button--danger"
          aria-label={`Delete ${entry.title}`}
          onClick={() => void session.remove(entry.id)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** Every stored map: open, rename, duplicate, delete (undoable for the session), new maps. */
export function LibraryPanel({ persisted = null }: { persisted?: boolean | null }) {
  const session = useMapSession();
  const editor = useEditorStoreApi();
  const open = useEditor(selectLibraryOpen);
  const library = useSessionState(selectLibrary);
  const mapId = useSessionState(selectMapId);
  const deleted = useSessionState(selectDeleted);
  const map = useEditor(selectMap);
  // The open map as it is on screen, saved or not: the library never hides unsaved work.
  const entries = useMemo(() => {
    const stored = library.entries.find((e) => e.id === mapId);
    const current: MapEntry = {
      id: mapId,
      title: map.title,
      revision: stored?.revision ?? 0,
      createdAt: stored?.createdAt ?? Date.now(),
      updatedAt: stored?.updatedAt ?? Date.now(),
      counts: countMap(map),
    };
    return [current, ...library.entries.filter((e) => e.id !== mapId)];
  }, [library.entries, mapId, map]);
  if (!open) return null;
  return (
    <section aria-label="Library" className="handoff-library" data-testid="handoff-library">
      <header>
        <h2>Library</h2>
        <CloseButton label="Close library" onClick={() => editor.getState().togglePanel("library", false)} />
      </header>
      <div className="handoff-library-actions">
        <button
          type="button"
          className="hf-button hf-button--primary"
          onClick={() => void newMap(session, "revops")}
        >
          New RevOps map
        </button>
        <button type="button" className="hf-button" onClick={() => void newMap(session, "blank")}>
          New blank map
        </button>
      </div>
      {deleted === null ? null : (
        <p role="status">
          Deleted “{deleted.entry.title}”.{" "}
          <button type="button" className="hf-button" onClick={() => void session.undoDelete()}>
            Undo delete
          </button>
        </p>
      )}
      <ul aria-label="Maps">
        {entries.map((entry) => (
          <LibraryRow key={entry.id} entry={entry} current={entry.id === mapId} />
        ))}
        {library.broken.map((broken) => (
          <li key={broken.id}>
            <button
              type="button"
              className="handoff-library-open"
              onClick={() => void openMap(session, broken.id)}
            >
              {broken.id}
            </button>
            <p className="handoff-library-meta">Could not be read: {broken.problem}</p>
          </li>
        ))}
      </ul>
      <p className="handoff-library-storage">
        Maps are stored in this browser only
        {persisted === true
          ? " (kept even when disk space runs low)."
          : ". The browser may clear them if disk space runs low."}{" "}
        Export → JSON keeps a copy.
      </p>
    </section>
  );
}
