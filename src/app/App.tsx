import { useEffect, useMemo, useRef, useState } from "react";
import { Editor } from "../ui/editor/Editor";
import { ToolbarGroup } from "../ui/editor/Toolbar";
import { ExportMenu } from "../ui/files/ExportMenu";
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
import { LibraryButton, LibraryPanel } from "../ui/library/LibraryPanel";
import { MapSessionProvider } from "../ui/library/session-context";
import { EditorStoreProvider } from "../ui/store-context";
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
            <ExportMenu />
            <ShareLinkButton />
            <LibraryButton />
          </ToolbarGroup>
          <WorkshopToolbar />
        </>
      ),
      statusBar: <SaveStatus />,
      overlays: (
        <>
          <StorageWarning />
          <UnreadableMapsNotice />
          <RecoveredEditsNotice />
          <ImportProblemOverlay />
          <FileDropTarget />
          <ConflictOverlay />
          <WorkshopLayer />
        </>
      ),
      sidePanel: (
        <>
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
 * is gone), and the browser asks "leave this page?" while a save is still pending.
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

function Ready({ booted, files }: { booted: Booted; files: FilesUiStore }) {
  useFlushOnHide(booted);
  const slots = useSlots(booted.persisted);
  return (
    <EditorStoreProvider store={booted.editor}>
      <MapSessionProvider session={booted.session}>
        <FilesUiProvider store={files}>
          <WorkshopProvider>
            <Editor slots={slots} />
          </WorkshopProvider>
        </FilesUiProvider>
      </MapSessionProvider>
    </EditorStoreProvider>
  );
}

/**
 * The composition root: storage opens and the last map loads before the editor exists, so the
 * editor never shows (or saves) anything but the stored work or a deliberate new map.
 */
export function App() {
  const [booted, setBooted] = useState<{ booted: Booted; files: FilesUiStore } | { error: string } | null>(
    null,
  );
  // Booted once per page: React's StrictMode runs effects twice in development, and a second
  // boot would be a second session (and, on a first run, a second template map).
  const booting = useRef<Promise<Booted> | null>(null);
  useEffect(() => {
    let cancelled = false;
    booting.current ??= boot();
    booting.current.then(
      (result) => {
        if (cancelled) return;
        const files = createFilesUiStore(
          result.shareErrors === null ? null : { source: "the share link", errors: result.shareErrors },
        );
        setBooted({ booted: result, files });
      },
      (error: unknown) => {
        if (!cancelled) setBooted({ error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  if (booted === null)
    return (
      <p className="handoff-opening" role="status">
        Opening your maps…
      </p>
    );
  if ("error" in booted)
    return (
      <p className="handoff-opening" role="alert">
        Handoff could not start: {booted.error}
      </p>
    );
  return <Ready booted={booted.booted} files={booted.files} />;
}
