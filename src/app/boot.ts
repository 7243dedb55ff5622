import { createLayoutClient } from "../layout/layout-client";
import { firstPaintLayout } from "../layout/layout-map";
import type { MapIssue } from "../model/map-issue";
import { createEditorStore, type EditorStore, type LayoutRunner } from "../store/editor-store";
import { IndexedDbStorage, UnavailableStorage } from "../store/persistence/indexeddb-storage";
import { MapSession } from "../store/persistence/map-session";
import { type MapStorage, StorageUnavailableError } from "../store/persistence/map-storage";
import { openInitialMap } from "../store/persistence/open-initial";
import { browserKeyValueStore, PendingEdits } from "../store/persistence/pending-edits";
import { recoverPendingEdits } from "../store/persistence/recover-pending";
import { decodeShareFragment, isShareFragment } from "../store/persistence/share-link";
import { openTabChannel } from "../store/persistence/tab-channel";
import { browserTabLiveness } from "../store/persistence/tab-liveness";

export interface Booted {
  storage: MapStorage;
  editor: EditorStore;
  session: MapSession;
  /** The problems of a share link that could not be opened (the last map opened instead). */
  shareErrors: MapIssue[] | null;
  /** Whether the browser agreed to keep this site's storage under pressure. */
  persisted: boolean | null;
}

/** Opens storage; a browser that refuses gets an UnavailableStorage and the editor goes on. */
async function openStorage(): Promise<MapStorage> {
  try {
    return await IndexedDbStorage.open();
  } catch (error) {
    const reason =
      error instanceof StorageUnavailableError
        ? error
        : new StorageUnavailableError(`this browser is not letting Handoff store data (${String(error)})`);
    return new UnavailableStorage(reason);
  }
}

async function requestPersistence(): Promise<boolean | null> {
  try {
    if (navigator.storage?.persist === undefined) return null;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

/**
 * Fields commit what was typed when they lose focus (the step label editor, lane names, the
 * inspector's fields): blurring the focused one puts its text into the map.
 */
function commitFocusedField(): void {
  const focused = document.activeElement;
  if (focused instanceof HTMLElement && focused !== document.body) focused.blur();
}

/** Runs `task` while holding a Web Lock (where the browser has them), so tabs take turns. */
function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks === undefined) return task();
  return locks.request(name, task) as Promise<T>;
}

/**
 * The composition root's async part: storage, the map to open, the editor store bound to it.
 * Nothing is saved until this has finished, so an empty editor can never overwrite saved work.
 */
export async function boot(options: { inMemory?: StorageUnavailableError } = {}): Promise<Booted> {
  const client = createLayoutClient();
  // The worker's scripts load while storage opens.
  client.warm();
  const runLayout: LayoutRunner = (map, mode, options) => client.run(map, { ...options, mode });
  const [storage, persisted] =
    options.inMemory === undefined
      ? await Promise.all([openStorage(), requestPersistence()])
      : [new UnavailableStorage(options.inMemory), null];
  const tabId = crypto.randomUUID();
  const local = browserKeyValueStore();
  const liveness = browserTabLiveness(local);
  liveness.hold(tabId);
  // "Continue without saving" promises a map kept in this tab only: no record, or the next start
  // would store it in the library.
  const pending = new PendingEdits(options.inMemory === undefined ? local : null, tabId);
  const channel = openTabChannel();
  // One tab at a time replays closed tabs' edits and picks (or on a first run creates) the map
  // to open: two tabs starting together never replay the same edit or make two templates. In
  // memory, or when storage could not be opened, there is nothing to replay into (the records
  // wait for storage) and nothing to share. Replayed maps are announced to the open tabs.
  const { recovery, initial } =
    options.inMemory === undefined
      ? await exclusively("handoff-open", async () => {
          const recovery = await recoverPendingEdits(storage, pending, liveness, { channel });
          return { recovery, initial: await openInitialMap(storage) };
        })
      : { recovery: { applied: [], recovered: [] }, initial: await openInitialMap(storage) };
  const editor = createEditorStore({ map: initial.opened.map, runLayout, layoutAtOnce: firstPaintLayout });
  if (initial.viewport !== null) editor.getState().restoreViewport(initial.viewport);
  const session = new MapSession({
    storage,
    editor,
    opened: initial.opened,
    channel,
    unreadable: initial.unreadable,
    pending,
    recovered: recovery.recovered,
    beforeConflict: commitFocusedField,
    ...(initial.notStored === undefined ? {} : { notStored: initial.notStored }),
  });
  void session.refreshLibrary();
  if (recovery.applied.length > 0)
    editor
      .getState()
      .notify(
        `Restored the last changes to ${recovery.applied.map((t) => `“${t}”`).join(", ")}, made just before the page closed.`,
      );

  let shareErrors: MapIssue[] | null = null;
  if (isShareFragment(location.hash)) {
    const shared = await decodeShareFragment(location.hash);
    // The fragment has done its job; a reload must not import the map a second time.
    history.replaceState(null, "", location.pathname + location.search);
    // Nothing has been edited yet: the map on screen is the stored one (or an unsaved template).
    if (shared.ok) await session.openShared(shared.map, { discardUnsaved: true });
    else shareErrors = shared.errors;
  }
  return { storage, editor, session, shareErrors, persisted };
}
