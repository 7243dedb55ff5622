import { createStore, type StoreApi } from "zustand/vanilla";
import { updateMapInfo } from "../../model/operations";
import { createTemplate, type TemplateId } from "../../model/templates";
import type { HandoffMap } from "../../model/types";
import type { EditorStore } from "../editor-store";
import { MapLibrary } from "./map-library";
import {
  countMap,
  describeStorageError,
  type MapEntry,
  type MapStorage,
  newMapId,
  type StorageConnectionEvent,
  serializeMap,
  type Viewport,
} from "./map-storage";
import { contentHash, type PendingEdits } from "./pending-edits";
import type { RecoveredEdit } from "./recover-pending";
import {
  type OpenedMap,
  type SaveStatus,
  type SessionState,
  type UnreadableMap,
  upsertEntry,
} from "./session-state";
import type { TabChannel, TabMessage } from "./tab-channel";
import { ViewportSaver } from "./viewport-saver";
import { WriteAheadBackup } from "./write-ahead-backup";

export type { DeletedMap, OpenedMap, SaveStatus, SessionState, UnreadableMap } from "./session-state";

export interface MapSessionOptions {
  storage: MapStorage;
  editor: EditorStore;
  opened: OpenedMap;
  channel: TabChannel;
  /** Default 500 ms: well inside the one second the issue allows. */
  debounceMs?: number;
  /** After a failed save, try again this often while there are unsaved changes. Default 5 s. */
  retryMs?: number;
  now?: () => number;
  tabId?: string;
  /** The opened map is not in storage (storage failed at start): say why, and keep trying. */
  notStored?: string;
  /** Maps found unreadable while choosing the one to open. */
  unreadable?: UnreadableMap[];
  /** The write-ahead record of unsaved edits (none: edits live only in memory until saved). */
  pending?: PendingEdits;
  /** Edits of closed tabs found at start that could not be replayed. */
  recovered?: RecoveredEdit[];
  /**
   * Called just before the tab turns read-only in a conflict: the app commits what a focused
   * field still holds (by blurring it), so "keep my version" and "download" include it.
   */
  beforeConflict?: () => void;
}

/**
 * Binds one editor store to storage: autosave, the library, and the rules that keep work safe.
 *
 * - Autosave: every document change is written within `debounceMs` (and at once on flush(), which
 *   the app calls on pagehide and on visibilitychange to hidden). Only changes after the map was
 *   opened are saved: the session starts from an opened map, so nothing unloaded is ever written.
 * - The status is "saved" only after storage confirmed the write of exactly the map on screen;
 *   a failure stays "failed" (with the reason) until a later write succeeds; editing goes on.
 * - Write-ahead record (write-ahead-backup.ts): every change is kept at once in this tab's
 *   pending record, so a reload or a closed tab at any moment loses nothing.
 * - Two tabs: every write names the revision it was made from, and storage refuses it when the
 *   stored one moved on. A tab told of a newer revision follows it when it has no unsaved edits;
 *   with unsaved edits it turns "conflict": read-only, nothing written, and the user chooses to
 *   keep their version as a new map (or download it) or to load the newer one.
 *
 * The parts around autosave are their own files over the same storage interface: the library
 * (map-library.ts), the viewport (viewport-saver.ts) and the write-ahead record. A live room
 * (src/store/live) sits beside this session: the room drives the editor's document, and this
 * session keeps saving that document as the local copy of the map in the library.
 */
export class MapSession {
  readonly state: StoreApi<SessionState>;
  private readonly storage: MapStorage;
  private readonly editor: EditorStore;
  private readonly channel: TabChannel;
  private readonly debounceMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private readonly tabId: string;
  /** The map storage holds at `revision`; the editor is clean while its map is this object. */
  private savedMap: HandoffMap | null;
  private lastError: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  /** A newer revision was announced while a write was in flight; decide once it lands. */
  private remoteRevision = 0;
  /** True while this session itself replaces the editor's map (open, follow another tab). */
  private loading = false;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly beforeConflict: () => void;
  private readonly backup: WriteAheadBackup;
  private readonly viewport: ViewportSaver;
  private readonly library: MapLibrary;
  /**
   * The createdAt of the stored map `revision` belongs to (null while it is not stored): with the
   * revision it names the version an edit was made on, in the write-ahead record. A revision alone
   * does not: a map deleted and restored counts from 1 again.
   */
  private storedCreatedAt: number | null;

  constructor(options: MapSessionOptions) {
    this.storage = options.storage;
    this.editor = options.editor;
    this.channel = options.channel;
    this.debounceMs = options.debounceMs ?? 500;
    this.retryMs = options.retryMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.tabId = options.pending?.tabId ?? options.tabId ?? crypto.randomUUID();
    this.beforeConflict = options.beforeConflict ?? (() => undefined);
    this.savedMap = options.notStored === undefined ? options.opened.map : null;
    this.storedCreatedAt = options.notStored === undefined ? options.opened.entry.createdAt : null;
    this.lastError = options.notStored ?? null;
    if (this.editor.getState().map !== options.opened.map) this.loadIntoEditor(options.opened.map);
    this.state = createStore<SessionState>()(() => ({
      mapId: options.opened.entry.id,
      revision: options.opened.entry.revision,
      status: this.lastError === null ? { kind: "saved" } : { kind: "failed", reason: this.lastError },
      library: { entries: options.notStored === undefined ? [options.opened.entry] : [], broken: [] },
      unreadable: options.unreadable ?? [],
      deleted: null,
      recovered: options.recovered ?? [],
      backup: options.pending?.available ? "on" : "off",
    }));
    this.backup = new WriteAheadBackup({
      editor: this.editor,
      pending: options.pending ?? null,
      now: this.now,
      mapId: () => this.mapId,
      revision: () => this.state.getState().revision,
      createdAt: () => this.storedCreatedAt,
      isDirty: () => this.isDirty(),
      backup: () => this.state.getState().backup,
      setBackup: (backup) => this.state.setState({ backup }),
    });
    this.viewport = new ViewportSaver(this.storage, this.editor, () => this.mapId, this.debounceMs);
    this.library = new MapLibrary({
      storage: this.storage,
      editor: this.editor,
      channel: this.channel,
      state: this.state,
      backup: this.backup,
      tabId: this.tabId,
      now: this.now,
    });
    this.unsubscribers.push(
      this.editor.subscribe((next, previous) => {
        if (next.map !== previous.map && !this.loading) this.onDocumentChange();
        if (next.viewport !== previous.viewport && !this.loading) this.viewport.changed();
      }),
      this.channel.subscribe((message) => this.onTabMessage(message)),
      this.storage.subscribe?.((event) => this.onConnection(event)) ?? (() => undefined),
      // A tab in conflict is read-only in fact, not only behind its overlay: keyboard edits too.
      this.state.subscribe((next) => {
        this.editor
          .getState()
          .setReadOnly(
            next.status.kind === "conflict"
              ? "This map was changed in another tab: keep your version as a new map, or load the latest, before editing."
              : null,
          );
      }),
    );
    if (this.lastError !== null) {
      this.backup.schedule();
      this.schedule(this.retryMs);
    }
  }

  get mapId(): string {
    return this.state.getState().mapId;
  }

  /**
   * True while this session itself replaces the editor's document (opening a map, following
   * another tab): a document source beside it (a live room) must not take that for an edit.
   */
  get replacingDocument(): boolean {
    return this.loading;
  }

  get readOnly(): boolean {
    return this.state.getState().status.kind === "conflict";
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.viewport.dispose();
    this.backup.dispose();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  // Autosave ------------------------------------------------------------------------------------

  private isDirty(): boolean {
    return this.editor.getState().map !== this.savedMap;
  }

  private onDocumentChange(): void {
    if (this.readOnly) return;
    this.backup.schedule();
    this.refreshStatus();
    this.schedule(this.debounceMs);
  }

  /** True while the map on screen is not yet confirmed by storage: leaving now needs the backup. */
  get hasUnsavedChanges(): boolean {
    return this.isDirty() || this.writing !== null;
  }

  /**
   * Whether leaving now would lose work, so the browser should ask "Leave site?": unsaved changes
   * that the write-ahead record does not hold (too large, no room, no localStorage). With the
   * record on, the next start replays the edit, and a prompt on every quick reload only teaches
   * people to click through it. Call backupNow() first.
   */
  get needsLeavePrompt(): boolean {
    return this.hasUnsavedChanges && this.state.getState().backup !== "on";
  }

  /** Writes the due backup now (synchronously). The app calls it when the page is going away. */
  backupNow(): void {
    this.backup.now();
  }

  private schedule(delay: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private refreshStatus(): void {
    const current = this.state.getState().status;
    if (current.kind === "conflict") return;
    const next: SaveStatus =
      this.lastError !== null
        ? { kind: "failed", reason: this.lastError }
        : this.isDirty() || this.writing !== null
          ? { kind: "saving" }
          : { kind: "saved" };
    if (
      next.kind !== current.kind ||
      (next.kind === "failed" && current.kind === "failed" && next.reason !== current.reason)
    )
      this.state.setState({ status: next });
  }

  /** Writes unsaved changes now; resolves when storage has answered (or nothing was due). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing !== null) await this.writing;
    if (this.readOnly || !this.isDirty()) return;
    this.writing = this.writeOnce();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
    this.refreshStatus();
    if (this.readOnly) return;
    if (this.remoteRevision > this.state.getState().revision) await this.followRemote(this.remoteRevision);
    else if (this.isDirty()) this.schedule(this.lastError === null ? this.debounceMs : this.retryMs);
  }

  private async writeOnce(): Promise<void> {
    const map = this.editor.getState().map;
    const { mapId, revision } = this.state.getState();
    this.refreshStatus();
    this.backup.writing(mapId, revision + 1, map);
    try {
      const result = await this.storage.write(mapId, map, revision, this.now());
      // Storage was recreated while this write was on its way (onConnection): the next one
      // starts from the new, empty database.
      if (!result.ok && this.state.getState().revision !== revision && this.mapId === mapId) return;
      if (!result.ok) {
        if (!(await this.adoptIfSame(mapId, map)))
          this.enterConflict(result.storedRevision === 0 ? "deleted" : "newer");
        return;
      }
      // The user may have opened another map while this write was in flight.
      if (this.state.getState().mapId !== mapId) return;
      this.savedMap = map;
      this.lastError = null;
      this.storedCreatedAt = result.entry.createdAt;
      this.state.setState((state) => ({
        revision: result.entry.revision,
        library: { ...state.library, entries: upsertEntry(state.library.entries, result.entry) },
      }));
      this.backup.written();
      this.backup.settle(mapId);
      this.channel.post({ type: "saved", mapId, revision: result.entry.revision, tabId: this.tabId });
    } catch (error) {
      this.lastError = describeStorageError(error);
    } finally {
      this.backup.written();
    }
  }

  /**
   * Another tab saved exactly the map this tab holds (both filled in the same layout positions
   * after opening the same map, say): nothing to choose between, so take its revision.
   */
  private async adoptIfSame(mapId: string, map: HandoffMap): Promise<boolean> {
    const read = await this.storage.read(mapId).catch(() => null);
    if (read === null || read.status !== "ok" || this.mapId !== mapId) return false;
    if (serializeMap(read.map) !== serializeMap(map)) return false;
    this.savedMap = map;
    this.lastError = null;
    this.storedCreatedAt = read.entry.createdAt;
    this.state.setState({ revision: read.entry.revision });
    this.backup.settle(mapId);
    return true;
  }

  private enterConflict(cause: "newer" | "deleted"): void {
    // Typed text still in a field goes into the map while it can still be edited.
    if (!this.readOnly) this.beforeConflict();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.state.setState({ status: { kind: "conflict", cause } });
  }

  // The connection ---------------------------------------------------------------------------------

  /**
   * Storage's connection closed under this tab (another tab deleted, cleared or upgraded the
   * database) and was opened again. When the database is new and empty, the map on screen is
   * written again, as a first version: the edits held here are never lost.
   */
  private onConnection(event: StorageConnectionEvent): void {
    if (event.type !== "reopened" || !event.recreated) return;
    if (this.state.getState().revision === 0 && this.savedMap === null) return;
    this.savedMap = null;
    this.storedCreatedAt = null;
    this.state.setState({ revision: 0 });
    void this.refreshLibrary();
    this.editor
      .getState()
      .notify(
        "Handoff's storage in this browser was deleted (by another tab, or by clearing site data). The open map is being saved again; other maps stored only in this browser are gone unless another tab still has them open.",
        "error",
      );
    if (this.readOnly) return;
    this.backup.schedule();
    this.refreshStatus();
    this.schedule(0);
  }

  async flushAll(): Promise<void> {
    this.viewport.flush();
    await this.flush();
  }

  // Other tabs -------------------------------------------------------------------------------------

  private onTabMessage(message: TabMessage): void {
    if (message.tabId === this.tabId) return;
    if (message.type === "library") {
      void this.refreshLibrary();
      return;
    }
    void this.refreshLibrary();
    if (message.mapId !== this.mapId) return;
    if (message.type === "deleted") {
      if (!this.readOnly) this.enterConflict("deleted");
      return;
    }
    if (message.revision <= this.state.getState().revision) return;
    if (this.writing !== null) {
      this.remoteRevision = Math.max(this.remoteRevision, message.revision);
      return;
    }
    void this.followRemote(message.revision);
  }

  /** Another tab saved a newer version: take it when clean, otherwise stop and ask. */
  private async followRemote(revision: number): Promise<void> {
    this.remoteRevision = 0;
    if (this.readOnly) return;
    const mapId = this.mapId;
    if (this.isDirty()) {
      if (!(await this.adoptIfSame(mapId, this.editor.getState().map))) this.enterConflict("newer");
      return;
    }
    const read = await this.storage.read(mapId).catch(() => null);
    if (read === null || read.status !== "ok" || this.mapId !== mapId) return;
    if (read.entry.revision < revision || read.entry.revision <= this.state.getState().revision) return;
    if (this.isDirty()) {
      this.enterConflict("newer");
      return;
    }
    this.savedMap = read.map;
    this.loadIntoEditor(read.map, { keepViewport: true });
    this.storedCreatedAt = read.entry.createdAt;
    this.state.setState({ revision: read.entry.revision });
    this.refreshStatus();
  }

  /** Conflict: load the newest stored version (this tab's unsaved edits are dropped). */
  async reloadLatest(): Promise<void> {
    const mapId = this.mapId;
    const read = await this.storage.read(mapId);
    this.backup.clear(mapId);
    if (read.status === "ok") {
      this.savedMap = read.map;
      this.loadIntoEditor(read.map, { keepViewport: true });
      this.storedCreatedAt = read.entry.createdAt;
      this.lastError = null;
      this.state.setState({ revision: read.entry.revision, status: { kind: "saved" } });
      return;
    }
    if (read.status === "corrupt") this.rememberUnreadable(read);
    await this.openMostRecent();
  }

  /** Conflict: keep this tab's version as a new map in the library and continue on it. */
  async saveAsNewMap(): Promise<boolean> {
    const map = this.editor.getState().map;
    const title = map.title.endsWith("(this tab's version)")
      ? map.title
      : `${map.title} (this tab's version)`;
    const copy = updateMapInfo(map, { title });
    const entry = await this.library.create(copy);
    if (typeof entry === "string") {
      this.editor
        .getState()
        .notify(`Could not save this tab's version: ${entry}. Download it instead.`, "error");
      return false;
    }
    this.switchTo({ entry, map: copy }, null);
    this.editor.getState().notify(`Saved this tab's version as “${title}”.`);
    return true;
  }

  // Library ---------------------------------------------------------------------------------------

  refreshLibrary(): Promise<void> {
    return this.library.refresh();
  }

  /** Stores a map as a new library map without opening it; rejects with the reason. */
  addToLibrary(map: HandoffMap): Promise<MapEntry> {
    return this.library.add(map);
  }

  /** Saves the open map, then shows `opened` (already stored) in the editor. */
  private switchTo(opened: OpenedMap, viewport: Viewport | null): void {
    // The open map was saved or deliberately left (see leave()): its record is done with.
    this.backup.forget(this.mapId);
    this.savedMap = opened.map;
    this.storedCreatedAt = opened.entry.createdAt;
    this.lastError = null;
    this.loadIntoEditor(opened.map);
    this.editor.getState().restoreViewport(viewport);
    this.state.setState((state) => ({
      mapId: opened.entry.id,
      revision: opened.entry.revision,
      status: { kind: "saved" },
      library: { ...state.library, entries: upsertEntry(state.library.entries, opened.entry) },
    }));
    this.storage.setLastMapId(opened.entry.id).catch(() => undefined);
  }

  private loadIntoEditor(map: HandoffMap, options: { keepViewport?: boolean } = {}): void {
    this.loading = true;
    try {
      const viewport = this.editor.getState().viewport;
      this.editor.getState().load(map);
      if (options.keepViewport && this.editor.getState().viewport !== viewport)
        this.editor.getState().restoreViewport(viewport);
    } finally {
      this.loading = false;
    }
  }

  private rememberUnreadable(map: UnreadableMap): void {
    this.library.rememberUnreadable(map);
  }

  /**
   * Saves what is pending and says whether the open map may be left without losing work. False
   * while saving fails or another tab holds newer work: the caller asks the user before it passes
   * `discardUnsaved` (the app offers Export → JSON first).
   */
  async prepareToLeave(): Promise<boolean> {
    await this.flush();
    return !this.isDirty();
  }

  private async leave(discardUnsaved: boolean): Promise<boolean> {
    if (await this.prepareToLeave()) return true;
    if (discardUnsaved) return true;
    this.editor
      .getState()
      .notify(
        "The open map has changes that are not saved. Export it (Export → JSON) before opening another map.",
        "error",
      );
    return false;
  }

  /** Opens a stored map. A map that cannot be read is named and offered for download instead. */
  async open(id: string, options: { discardUnsaved?: boolean } = {}): Promise<boolean> {
    if (id === this.mapId && !this.readOnly) return true;
    if (!(await this.leave(options.discardUnsaved ?? false))) return false;
    let read: Awaited<ReturnType<MapStorage["read"]>>;
    try {
      read = await this.storage.read(id);
    } catch (error) {
      this.editor.getState().notify(`Could not open the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
    if (read.status === "missing") {
      this.editor.getState().notify("That map is no longer in the library.", "error");
      void this.refreshLibrary();
      return false;
    }
    if (read.status === "corrupt") {
      this.rememberUnreadable({ id: read.id, title: read.title, raw: read.raw, problems: read.problems });
      return false;
    }
    const viewport = await this.storage.getViewport(id).catch(() => null);
    this.switchTo({ entry: read.entry, map: read.map }, viewport);
    return true;
  }

  /**
   * A new map (from a template, an import or a share link), stored first, then opened. When
   * storage refuses, the map still opens, in memory, with the failure showing: nothing is lost.
   */
  async openNew(map: HandoffMap, options: { discardUnsaved?: boolean } = {}): Promise<boolean> {
    if (!(await this.leave(options.discardUnsaved ?? false))) return false;
    const created = await this.library.create(map);
    if (typeof created !== "string") {
      this.switchTo({ entry: created, map }, null);
      return true;
    }
    const now = this.now();
    this.switchTo(
      {
        entry: {
          id: newMapId(),
          title: map.title,
          revision: 0,
          createdAt: now,
          updatedAt: now,
          counts: countMap(map),
        },
        map,
      },
      null,
    );
    this.savedMap = null;
    this.storedCreatedAt = null;
    this.lastError = created;
    this.backup.schedule();
    this.refreshStatus();
    this.schedule(this.retryMs);
    return false;
  }

  /**
   * Opens the map of a share link. The first time a link's map is opened it becomes a new map in
   * the library; opening the same map again (matched by its content hash) opens the map it made
   * then, and says so, instead of piling up copies. Resolves with what happened.
   */
  async openShared(
    map: HandoffMap,
    options: { discardUnsaved?: boolean } = {},
  ): Promise<"opened-before" | "new" | "not-stored" | "not-opened"> {
    const key = contentHash(map);
    const knownId = await this.storage.getSharedMapId(key).catch(() => null);
    if (knownId !== null) {
      const read = await this.storage.read(knownId).catch(() => null);
      if (read?.status === "ok") {
        if (!(await this.open(knownId, options))) return "not-opened";
        this.editor
          .getState()
          .notify(
            `This link was opened here before: showing the map it made then, “${read.map.title}”, with any changes since. Duplicate it in the Library for a fresh copy.`,
          );
        return "opened-before";
      }
    }
    const before = this.mapId;
    if (!(await this.openNew(map, options))) return this.mapId === before ? "not-opened" : "not-stored";
    await this.storage.setSharedMapId(key, this.mapId).catch(() => undefined);
    return "new";
  }

  createFromTemplate(template: TemplateId, options: { discardUnsaved?: boolean } = {}): Promise<boolean> {
    return this.openNew(createTemplate(template), options);
  }

  async rename(id: string, title: string): Promise<boolean> {
    const trimmed = title.trim();
    if (trimmed === "") return false;
    if (id === this.mapId) {
      return this.editor.getState().apply((map) => updateMapInfo(map, { title: trimmed }));
    }
    return this.library.renameStored(id, trimmed);
  }

  async duplicate(id: string): Promise<boolean> {
    let source: HandoffMap;
    if (id === this.mapId) source = this.editor.getState().map;
    else {
      const read = await this.storage.read(id).catch(() => null);
      if (read === null || read.status !== "ok") return false;
      source = read.map;
    }
    return this.library.duplicate(source);
  }

  /** Deletes a map; undoDelete() brings it back for the rest of the session. */
  async remove(id: string): Promise<boolean> {
    const open = id === this.mapId;
    if (!(await this.library.remove(id, open ? this.editor.getState().map : null))) return false;
    if (open) {
      this.savedMap = this.editor.getState().map;
      await this.openMostRecent();
    }
    await this.refreshLibrary();
    return true;
  }

  undoDelete(): Promise<boolean> {
    return this.library.undoDelete();
  }

  /** After the open map went away: the most recently changed readable map, or a new one. */
  private async openMostRecent(): Promise<void> {
    await this.refreshLibrary();
    for (const entry of this.state.getState().library.entries) {
      if (entry.id === this.mapId) continue;
      if (await this.open(entry.id, { discardUnsaved: true })) return;
    }
    await this.openNew(createTemplate("revops"), { discardUnsaved: true });
  }

  // Edits recovered from closed tabs -------------------------------------------------------------------

  /** Keeps a recovered edit as a new map in the library (the open map is not touched). */
  keepRecovered(key: string): Promise<boolean> {
    return this.library.keepRecovered(key);
  }

  discardRecovered(key: string): void {
    this.library.dropRecovered(key);
  }

  /** The map as it is on screen, for "download my version". */
  currentText(): string {
    return serializeMap(this.editor.getState().map);
  }
}
