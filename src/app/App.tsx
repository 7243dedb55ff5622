import { useEffect, useMemo, useRef, useState } from "react";
import { LiveControl } from "../store/live/live-control";
import { StorageUnavailableError } from "../store/persistence/map-storage";
import { decodeShareFragment, isShareFragment } from "../store/persistence/share-link";
import { Editor } from "../ui/editor/Editor";
import { ToolbarGroup } from "../ui/editor/Toolbar";
import { ExportButton } from "../ui/files/ExportButton";
import { FileDropTarget } from "../ui/files/FileDropTarget";
import { FilesUiProvider, useFilesUi } from "../ui/files/files-context";
import { createFilesUiStore, type FilesUiStore } from "../ui/files/files-ui";
import { ImportButton } from "../ui/files/ImportButton";
import { ImportErrorPanel } from "../ui/files/ImportErrorPanel";
import { SaveStatus } from "../ui/files/SaveStatus";
import { ShareLinkButton } from "../ui/files/ShareLinkButton";
import {
  ConflictOverlay,
  RecoveredEditsNotice,
  StorageWarning,
  UnreadableMapsNotice,
} from "../ui/files/StorageNotices";
import { confirmLeave } from "../ui/library/confirm-leave";
import { LibraryButton, LibraryPanel } from "../ui/library/LibraryPanel";
import { MapSessionProvider } from "../ui/library/session-context";
import { JoinPrompt } from "../ui/live/JoinPrompt";
import { LiveBar } from "../ui/live/LiveBar";
import { LiveButton } from "../ui/live/LiveButton";
import { LiveControlProvider } from "../ui/live/live-context";
import { ParticipantView } from "../ui/live/ParticipantView";
import { PresenceLayer } from "../ui/live/PresenceLayer";
import { EditorStoreProvider } from "../ui/store-context";
import { AutoVersions } from "../ui/versions/AutoVersions";
import { CompareView } from "../ui/versions/CompareView";
import { VersionsSlot } from "../ui/versions/VersionsPanel";
import { ScenarioStatus, VersionsToolbar } from "../ui/versions/VersionsToolbar";
import { VersionsProvider } from "../ui/versions/versions-context";
import { ChangePlanSlot } from "../ui/workshop/ChangePlanPanel";
import { WorkshopLayer } from "../ui/workshop/Workshop";
import { WorkshopToolbar } from "../ui/workshop/WorkshopToolbar";
import { WorkshopProvider } from "../ui/workshop/workshop-context";
import { type Booted, boot } from "./boot";
import "./app.css";

function ImportProblemOverlay() {
  const problem = useFilesUi((s) => s.importProblem);
  const show = useFilesUi((s) => s.showImportProblem);
  if (problem === null) return null;
  return <ImportErrorPanel problem={problem} onClose={() => show(null)} />;
}

function useSlots(persisted: boolean | null) {
  return useMemo(
    () => ({
      toolbarEnd: (
        <>
          <ToolbarGroup label="File">
            <ImportButton />
            <ExportButton />
            <ShareLinkButton />
            <LibraryButton />
          </ToolbarGroup>
          <VersionsToolbar />
          <WorkshopToolbar />
          <ToolbarGroup label="Live">
            <LiveButton />
          </ToolbarGroup>
        </>
      ),
      statusBar: (
        <>
          <SaveStatus />
          <LiveBar />
          <ScenarioStatus />
        </>
      ),
      canvasLayer: <PresenceLayer />,
      overlays: (
        <>
          <StorageWarning />
          <UnreadableMapsNotice />
          <RecoveredEditsNotice />
          <ImportProblemOverlay />
          <FileDropTarget />
          <ConflictOverlay />
          <WorkshopLayer />
          <JoinPrompt />
          <ParticipantView />
          <CompareView />
          <AutoVersions />
        </>
      ),
      sidePanel: (
        <>
          <VersionsSlot />
          <ChangePlanSlot />
          <LibraryPanel persisted={persisted} />
        </>
      ),
    }),
    [persisted],
  );
}

/**
 * Saves what is pending when the page goes away or into the background. The write-ahead record
 * is written synchronously first (an IndexedDB save started now may not finish before the page
 * is gone), and the browser asks "leave this page?" only while a save is pending that the record
 * does not hold (see MapSession.needsLeavePrompt).
 */
function useFlushOnHide(booted: Booted) {
  useEffect(() => {
    const session = booted.session;
    const flush = () => {
      session.backupNow();
      void session.flushAll();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      session.backupNow();
      if (!session.hasUnsavedChanges) return;
      void session.flushAll();
      if (!session.needsLeavePrompt) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [booted]);
}

/**
 * A share link pasted into the address bar of a tab that already shows Handoff changes only the
 * fragment: no reload, so the app reads it on hashchange, as boot() does on start.
 */
function useShareLinkChanges(booted: Booted, files: FilesUiStore) {
  useEffect(() => {
    const onHashChange = () => {
      const hash = location.hash;
      if (!isShareFragment(hash)) return;
      // The fragment has done its job; going back or reloading must not open it again.
      history.replaceState(null, "", location.pathname + location.search);
      void (async () => {
        const shared = await decodeShareFragment(hash);
        if (!shared.ok) {
          files.getState().showImportProblem({ source: "the share link", errors: shared.errors });
          return;
        }
        files.getState().showImportProblem(null);
        if (!(await confirmLeave(booted.session))) return;
        const outcome = await booted.session.openShared(shared.map, { discardUnsaved: true });
        if (outcome === "new")
          booted.editor.getState().notify(`Opened the shared map “${shared.map.title}” as a new map.`);
      })();
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [booted, files]);
}

/** The live rooms beside the library: names and rooms remembered in localStorage when it works. */
function createLiveControl(booted: Booted): LiveControl {
  let memory: Storage | null = null;
  try {
    memory = localStorage;
  } catch {
    memory = null;
  }
  return new LiveControl({ editor: booted.editor, mapSession: booted.session, memory });
}

function Ready({ booted, files }: { booted: Booted; files: FilesUiStore }) {
  useFlushOnHide(booted);
  useShareLinkChanges(booted, files);
  const slots = useSlots(booted.persisted);
  const [live] = useState(() => createLiveControl(booted));
  return (
    <EditorStoreProvider store={booted.editor}>
      <MapSessionProvider session={booted.session}>
        <LiveControlProvider control={live}>
          <FilesUiProvider store={files}>
            <WorkshopProvider>
              <VersionsProvider>
                <Editor slots={slots} />
              </VersionsProvider>
            </WorkshopProvider>
          </FilesUiProvider>
        </LiveControlProvider>
      </MapSessionProvider>
    </EditorStoreProvider>
  );
}

/** How long "Opening your maps…" may take before the app says storage is not answering. */
export const OPEN_TIMEOUT_MS = 5_000;

type AppState =
  | { kind: "opening"; slow: boolean }
  | { kind: "ready"; booted: Booted; files: FilesUiStore }
  | { kind: "error"; message: string };

function ready(booted: Booted): AppState {
  const files = createFilesUiStore(
    booted.shareErrors === null ? null : { source: "the share link", errors: booted.shareErrors },
  );
  return { kind: "ready", booted, files };
}

/**
 * The composition root: storage opens and the last map loads before the editor exists, so the
 * editor never shows (or saves) anything but the stored work or a deliberate new map. If storage
 * does not answer within OPEN_TIMEOUT_MS, the app says so and offers to go on in memory.
 */
export function App() {
  const [state, setState] = useState<AppState>({ kind: "opening", slow: false });
  // Booted once per page: React's StrictMode runs effects twice in development, and a second
  // boot would be a second session (and, on a first run, a second template map).
  const booting = useRef<Promise<Booted> | null>(null);
  /** The user chose to go on in memory: a late answer from storage is ignored. */
  const choseMemory = useRef(false);
  useEffect(() => {
    let cancelled = false;
    booting.current ??= boot();
    booting.current.then(
      (result) => {
        if (!cancelled && !choseMemory.current) setState(ready(result));
      },
      (error: unknown) => {
        if (!cancelled && !choseMemory.current)
          setState({ kind: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
    const timer = setTimeout(() => {
      if (!cancelled) setState((s) => (s.kind === "opening" ? { kind: "opening", slow: true } : s));
    }, OPEN_TIMEOUT_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);
  const continueInMemory = () => {
    choseMemory.current = true;
    const reason = new StorageUnavailableError(
      "the browser's storage did not answer when Handoff started, so this map is kept in this tab only. Export → JSON keeps a copy; reload to try storage again",
    );
    boot({ inMemory: reason }).then(
      (result) => setState(ready(result)),
      (error: unknown) =>
        setState({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  };
  if (state.kind === "opening")
    return (
      <div className="handoff-opening">
        <p role="status">Opening your maps…</p>
        {state.slow ? (
          <div role="alert" className="handoff-opening-slow">
            <p>
              <strong>The browser's storage is not answering.</strong> Your saved maps cannot be opened right
              now (another Handoff tab may be upgrading it, or the browser is busy). You can wait, reload the
              page, or start a map that is kept in this tab only.
            </p>
            <button type="button" className="hf-button hf-button--primary" onClick={continueInMemory}>
              Continue without saving
            </button>
            <button type="button" className="hf-button" onClick={() => location.reload()}>
              Reload
            </button>
          </div>
        ) : null}
      </div>
    );
  if (state.kind === "error")
    return (
      <p className="handoff-opening" role="alert">
        Handoff could not start: {state.message}
      </p>
    );
  return <Ready booted={state.booted} files={state.files} />;
}
