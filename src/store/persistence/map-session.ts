import { createStore, type StoreApi } from "zustand/vanilla";
import { updateMapInfo } from "../../model/operations";
import { createTemplate, type TemplateId } from "../../model/templates";
import type { HandoffMap } from "../../model/types";
import type { EditorStore } from "../editor-store";
import {
  type BrokenEntry,
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
import type { TabChannel, TabMessage } from "./tab-channel";

/**
 * Binds one editor store to storage: autosave, the library, and the rules that keep work safe.
 *
 * - Autosave: every document change is written within `debounceMs` (and at once on flush(), which
 *   the app calls on pagehide and on visibilitychange to hidden). Only changes after the map was
 *   opened are saved: the session starts from an opened map, so nothing unloaded is ever written.
 * - The status is "saved" only after storage confirmed the write of exactly the map on screen;
 *   a failure stays "failed" (with the reason) until a later write succeeds; editing goes on.
 * - Write-ahead record: every document change is also kept, synchronously, in this tab's pending
 *   record (pending-edits.ts), cleared once storage confirmed a save of the map on screen, so a
 *   reload or a closed tab at any moment loses nothing (the next start replays it).
 * - Two tabs: every write names the revision it was made from, and storage refuses it when the
 *   stored one moved on. A tab told of a newer revision follows it when it has no unsaved edits;
 *   with unsaved edits it turns "conflict": read-only, nothing written, and the user chooses to
 *   keep their version as a new map (or download it) or to load the newer one.
 */

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "failed"; reason: string }
  | { kind: "conflict"; cause: "newer" | "deleted" };

/** A map that could not be read: named, offered for download, never written over. */
export interface UnreadableMap {
  id: string;
  title: string | null;
  raw: string;
  problems: string[];
}

export interface DeletedMap {
  entry: MapEntry;
  map: HandoffMap;
}

export interface SessionState {
  mapId: string;
  /** The storage revision the editor's map was loaded from or last saved as. */
  revision: number;
  status: SaveStatus;
  library: { entries: MapEntry[]; broken: BrokenEntry[] };
  unreadable: UnreadableMap[];
  /** The last deleted map, restorable until the tab closes. */
  deleted: DeletedMap | null;
  /** Edits left by closed tabs that could not be replayed (the map changed or went since). */
  recovered: RecoveredEdit[];
  /**
   * Whether every change is also kept in the write-ahead record: "too-large" when the map does
   * not fit, "full" when records of other tabs or maps take up the room (the editor says to wait
   * for "Saved" before closing), "off" without one.
   */
  backup: "on" | "too-large" | "full" | "off";
}

export interface OpenedMap {
  entry: MapEntry;
  map: HandoffMap;
}

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
  private viewportTimer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  /** A newer revision was announced while a write was in flight; decide once it lands. */
  private remoteRevision = 0;
  /** True while this session itself replaces the editor's map (open, follow another tab). */
  private loading = false;
  private readonly unsubscribers: (() => void)[] = [];
  private readonly pending: PendingEdits | null;
  private readonly beforeConflict: () => void;
  /** A backup of the editor's map is due (coalesced: one per task, or per interval when large). */
  private backupDue = false;
  private backupTimer: ReturnType<typeof setTimeout> | null = null;
  /** The length of the last map text backed up: large maps are backed up less often. */
  private lastBackupChars = 0;
  /** The save in flight, named in every backup written meanwhile (see PendingRecord.writing). */
  private inFlight: { revision: number; hash: string } | null = null;
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
    this.pending = options.pending ?? null;
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
      backup: this.pending?.available ? "on" : "off",
    }));
    this.unsubscribers.push(
      this.editor.subscribe((next, previous) => {
        if (next.map !== previous.map && !this.loading) this.onDocumentChange();
        if (next.viewport !== previous.viewport && !this.loading) this.onViewportChange();
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
      this.scheduleBackup();
      this.schedule(this.retryMs);
    }
  }

  get mapId(): string {
    return this.state.getState().mapId;
  }

  get readOnly(): boolean {
    return this.state.getState().status.kind === "conflict";
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.viewportTimer !== null) clearTimeout(this.viewportTimer);
    if (this.backupTimer !== null) clearTimeout(this.backupTimer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
  }

  // Autosave ------------------------------------------------------------------------------------

  private isDirty(): boolean {
    return this.editor.getState().map !== this.savedMap;
  }

  private onDocumentChange(): void {
    if (this.readOnly) return;
    this.scheduleBackup();
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

  // Write-ahead record ------------------------------------------------------------------------------

  /**
   * Several store updates in one task make one backup, written before the task's page can go
   * away (a microtask). Maps over LARGE_BACKUP_CHARS are copied at most every LARGE_BACKUP_MS;
   * backupNow() on pagehide and beforeunload covers the rest.
   */
  private scheduleBackup(): void {
    if (this.pending === null || this.backupDue) return;
    this.backupDue = true;
    if (this.lastBackupChars <= LARGE_BACKUP_CHARS) queueMicrotask(() => this.backupNow());
    else this.backupTimer = setTimeout(() => this.backupNow(), LARGE_BACKUP_MS);
  }

  /** Writes the due backup now (synchronously). The app calls it when the page is going away. */
  backupNow(): void {
    if (this.backupTimer !== null) clearTimeout(this.backupTimer);
    this.backupTimer = null;
    if (!this.backupDue || this.pending === null) return;
    this.backupDue = false;
    if (!this.isDirty()) return;
    const map = this.editor.getState().map;
    const text = serializeMap(map);
    this.lastBackupChars = text.length;
    const result = this.pending.save(this.mapId, {
      base: this.state.getState().revision,
      created: this.storedCreatedAt,
      title: map.title,
      text,
      at: this.now(),
      writing: this.inFlight,
    });
    const backup = result === "kept" ? "on" : result === "unavailable" ? "off" : result;
    if (backup !== this.state.getState().backup) {
      this.state.setState({ backup });
      if (backup === "too-large")
        this.editor
          .getState()
          .notify(
            "This map is too large for the browser's instant backup: before you reload or close this tab, wait until the status says “Saved”.",
            "error",
          );
      if (backup === "full")
        this.editor
          .getState()
          .notify(
            "The browser's instant backup space is full (unsaved edits of other tabs or maps take it up): before you reload or close this tab, wait until the status says “Saved”.",
            "error",
          );
    }
  }

  /** The map on screen is saved (or deliberately dropped): its record is no longer needed. */
  private settleBackup(mapId: string): void {
    if (this.pending === null) return;
    if (mapId === this.mapId && this.isDirty()) {
      this.backupDue = true;
      this.backupNow();
    } else this.pending.clear(mapId);
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
    // The record must stand for the map being written before the write can land.
    this.backupNow();
    // Only a kept record needs the hash (a map too large for it has none to mark).
    if (this.pending !== null && this.state.getState().backup === "on") {
      this.inFlight = { revision: revision + 1, hash: contentHash(map) };
      this.pending.markWriting(mapId, this.inFlight.revision, this.inFlight.hash);
    }
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
        library: { ...state.library, entries: upsert(state.library.entries, result.entry) },
      }));
      this.inFlight = null;
      this.settleBackup(mapId);
      this.channel.post({ type: "saved", mapId, revision: result.entry.revision, tabId: this.tabId });
    } catch (error) {
      this.lastError = describeStorageError(error);
    } finally {
      this.inFlight = null;
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
    this.settleBackup(mapId);
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
    this.scheduleBackup();
    this.refreshStatus();
    this.schedule(0);
  }

  // Viewport --------------------------------------------------------------------------------------

  private onViewportChange(): void {
    if (this.viewportTimer !== null) clearTimeout(this.viewportTimer);
    this.viewportTimer = setTimeout(() => {
      this.viewportTimer = null;
      void this.saveViewport();
    }, this.debounceMs);
  }

  /** The viewport is a convenience: failing to keep it never blocks or misreports a save. */
  private async saveViewport(): Promise<void> {
    const viewport = this.editor.getState().viewport;
    if (viewport === null) return;
    try {
      await this.storage.setViewport(this.mapId, viewport);
    } catch {
      // The document's save status covers what matters; a lost viewport costs one pan.
    }
  }

  async flushAll(): Promise<void> {
    if (this.viewportTimer !== null) {
      clearTimeout(this.viewportTimer);
      this.viewportTimer = null;
      void this.saveViewport();
    }
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
    this.pending?.clear(mapId);
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
    const entry = await this.create(copy);
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

  async refreshLibrary(): Promise<void> {
    try {
      const library = await this.storage.list();
      library.entries.sort((a, b) => b.updatedAt - a.updatedAt);
      this.state.setState({ library });
    } catch {
      // Listing is best effort; the open map and its save status are unaffected.
    }
  }

  /** Writes a map under a new id (a new version 1); the reason when storage failed. */
  private async create(map: HandoffMap): Promise<MapEntry | string> {
    try {
      const result = await this.storage.write(newMapId(), map, 0, this.now());
      if (!result.ok) return "a map with that id already exists";
      this.channel.post({ type: "library", tabId: this.tabId });
      return result.entry;
    } catch (error) {
      return describeStorageError(error);
    }
  }

  /** Stores a map as a new library map without opening it; rejects with the reason. */
  async addToLibrary(map: HandoffMap): Promise<MapEntry> {
    const entry = await this.create(map);
    if (typeof entry === "string") throw new Error(`could not store “${map.title}”: ${entry}`);
    await this.refreshLibrary();
    return entry;
  }

  /** Saves the open map, then shows `opened` (already stored) in the editor. */
  private switchTo(opened: OpenedMap, viewport: Viewport | null): void {
    // The open map was saved or deliberately left (see leave()): its record is done with.
    this.pending?.clear(this.mapId);
    this.backupDue = false;
    this.savedMap = opened.map;
    this.storedCreatedAt = opened.entry.createdAt;
    this.lastError = null;
    this.loadIntoEditor(opened.map);
    this.editor.getState().restoreViewport(viewport);
    this.state.setState((state) => ({
      mapId: opened.entry.id,
      revision: opened.entry.revision,
      status: { kind: "saved" },
      library: { ...state.library, entries: upsert(state.library.entries, opened.entry) },
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
    this.state.setState((state) => ({
      unreadable: [...state.unreadable.filter((u) => u.id !== map.id), map],
    }));
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
    const created = await this.create(map);
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
    this.scheduleBackup();
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
    try {
      const read = await this.storage.read(id);
      if (read.status !== "ok") return false;
      const result = await this.storage.write(
        id,
        updateMapInfo(read.map, { title: trimmed }),
        read.entry.revision,
        this.now(),
      );
      if (!result.ok) return false;
      this.channel.post({ type: "saved", mapId: id, revision: result.entry.revision, tabId: this.tabId });
      await this.refreshLibrary();
      return true;
    } catch (error) {
      this.editor.getState().notify(`Could not rename the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
  }

  async duplicate(id: string): Promise<boolean> {
    let source: HandoffMap;
    if (id === this.mapId) source = this.editor.getState().map;
    else {
      const read = await this.storage.read(id).catch(() => null);
      if (read === null || read.status !== "ok") return false;
      source = read.map;
    }
    const entry = await this.create(updateMapInfo(source, { title: `${source.title} (copy)` }));
    await this.refreshLibrary();
    if (typeof entry === "string") {
      this.editor.getState().notify(`Could not duplicate the map: ${entry}.`, "error");
      return false;
    }
    return true;
  }

  /** Deletes a map; undoDelete() brings it back for the rest of the session. */
  async remove(id: string): Promise<boolean> {
    let kept: DeletedMap | null = null;
    const read = await this.storage.read(id).catch(() => null);
    if (read?.status === "ok") kept = { entry: read.entry, map: read.map };
    if (id === this.mapId && kept !== null) kept = { entry: kept.entry, map: this.editor.getState().map };
    try {
      await this.storage.delete(id);
    } catch (error) {
      this.editor.getState().notify(`Could not delete the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
    this.channel.post({ type: "deleted", mapId: id, tabId: this.tabId });
    this.state.setState((state) => ({
      deleted: kept ?? state.deleted,
      unreadable: state.unreadable.filter((u) => u.id !== id),
    }));
    if (id === this.mapId) {
      this.savedMap = this.editor.getState().map;
      await this.openMostRecent();
    }
    await this.refreshLibrary();
    return true;
  }

  async undoDelete(): Promise<boolean> {
    const deleted = this.state.getState().deleted;
    if (deleted === null) return false;
    try {
      const result = await this.storage.write(deleted.entry.id, deleted.map, 0, this.now());
      if (!result.ok) return false;
    } catch (error) {
      this.editor.getState().notify(`Could not restore the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
    this.state.setState({ deleted: null });
    this.channel.post({ type: "library", tabId: this.tabId });
    await this.refreshLibrary();
    return true;
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
  async keepRecovered(key: string): Promise<boolean> {
    const edit = this.state.getState().recovered.find((r) => r.key === key);
    if (edit === undefined) return false;
    const title = `${edit.title} (recovered)`;
    const entry = await this.create(updateMapInfo(edit.map, { title }));
    if (typeof entry === "string") {
      this.editor
        .getState()
        .notify(`Could not keep the recovered edits: ${entry}. Download them instead.`, "error");
      return false;
    }
    this.dropRecovered(edit);
    await this.refreshLibrary();
    this.editor.getState().notify(`Kept the recovered edits as “${title}” in the library.`);
    return true;
  }

  discardRecovered(key: string): void {
    const edit = this.state.getState().recovered.find((r) => r.key === key);
    if (edit !== undefined) this.dropRecovered(edit);
  }

  private dropRecovered(edit: RecoveredEdit): void {
    this.pending?.remove(edit.tabId, edit.mapId);
    this.state.setState((state) => ({ recovered: state.recovered.filter((r) => r.key !== edit.key) }));
  }

  /** The map as it is on screen, for "download my version". */
  currentText(): string {
    return serializeMap(this.editor.getState().map);
  }
}

/** Maps whose text is longer are backed up at most every LARGE_BACKUP_MS, not on every change. */
const LARGE_BACKUP_CHARS = 300_000;
const LARGE_BACKUP_MS = 250;

function upsert(entries: readonly MapEntry[], entry: MapEntry): MapEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => b.updatedAt - a.updatedAt);
}
