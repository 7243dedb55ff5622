import type { StoreApi } from "zustand/vanilla";
import { updateMapInfo } from "../../model/operations";
import type { HandoffMap } from "../../model/types";
import type { EditorStore } from "../editor-store";
import { describeStorageError, type MapEntry, type MapStorage, newMapId } from "./map-storage";
import type { SessionState, UnreadableMap } from "./session-state";
import type { TabChannel } from "./tab-channel";
import type { WriteAheadBackup } from "./write-ahead-backup";

export interface MapLibraryOptions {
  storage: MapStorage;
  editor: EditorStore;
  channel: TabChannel;
  state: StoreApi<SessionState>;
  backup: WriteAheadBackup;
  tabId: string;
  now: () => number;
}

/**
 * The library around the open map: listing, storing new maps, renaming, duplicating, deleting
 * (restorable for the rest of the session) and the edits recovered from closed tabs. It never
 * replaces the map on screen: opening is the session's (map-session.ts).
 */
export class MapLibrary {
  constructor(private readonly options: MapLibraryOptions) {}

  private get state(): StoreApi<SessionState> {
    return this.options.state;
  }

  private notify(text: string, tone: "info" | "error" = "info"): void {
    this.options.editor.getState().notify(text, tone);
  }

  async refresh(): Promise<void> {
    try {
      const library = await this.options.storage.list();
      library.entries.sort((a, b) => b.updatedAt - a.updatedAt);
      this.state.setState({ library });
    } catch {
      // Listing is best effort; the open map and its save status are unaffected.
    }
  }

  /** Writes a map under a new id (a new version 1); the reason when storage failed. */
  async create(map: HandoffMap): Promise<MapEntry | string> {
    try {
      const result = await this.options.storage.write(newMapId(), map, 0, this.options.now());
      if (!result.ok) return "a map with that id already exists";
      this.options.channel.post({ type: "library", tabId: this.options.tabId });
      return result.entry;
    } catch (error) {
      return describeStorageError(error);
    }
  }

  /** Stores a map as a new library map without opening it; rejects with the reason. */
  async add(map: HandoffMap): Promise<MapEntry> {
    const entry = await this.create(map);
    if (typeof entry === "string") throw new Error(`could not store “${map.title}”: ${entry}`);
    await this.refresh();
    return entry;
  }

  rememberUnreadable(map: UnreadableMap): void {
    this.state.setState((state) => ({
      unreadable: [...state.unreadable.filter((u) => u.id !== map.id), map],
    }));
  }

  /** Renames a map that is not open (the open one is renamed by an edit of the document). */
  async renameStored(id: string, title: string): Promise<boolean> {
    const { storage, channel, tabId, now } = this.options;
    try {
      const read = await storage.read(id);
      if (read.status !== "ok") return false;
      const result = await storage.write(id, updateMapInfo(read.map, { title }), read.entry.revision, now());
      if (!result.ok) return false;
      channel.post({ type: "saved", mapId: id, revision: result.entry.revision, tabId });
      await this.refresh();
      return true;
    } catch (error) {
      this.notify(`Could not rename the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
  }

  /** Stores a copy of `source` named “… (copy)”. */
  async duplicate(source: HandoffMap): Promise<boolean> {
    const entry = await this.create(updateMapInfo(source, { title: `${source.title} (copy)` }));
    await this.refresh();
    if (typeof entry === "string") {
      this.notify(`Could not duplicate the map: ${entry}.`, "error");
      return false;
    }
    return true;
  }

  /**
   * Deletes a stored map, keeping it (with `current` in place of the stored version when given:
   * the open map's newest state) for undoDelete().
   */
  async remove(id: string, current: HandoffMap | null): Promise<boolean> {
    const { storage, channel, tabId } = this.options;
    const read = await storage.read(id).catch(() => null);
    let kept = read?.status === "ok" ? { entry: read.entry, map: read.map } : null;
    if (kept !== null && current !== null) kept = { entry: kept.entry, map: current };
    try {
      await storage.delete(id);
    } catch (error) {
      this.notify(`Could not delete the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
    channel.post({ type: "deleted", mapId: id, tabId });
    this.state.setState((state) => ({
      deleted: kept ?? state.deleted,
      unreadable: state.unreadable.filter((u) => u.id !== id),
    }));
    return true;
  }

  async undoDelete(): Promise<boolean> {
    const deleted = this.state.getState().deleted;
    if (deleted === null) return false;
    try {
      const result = await this.options.storage.write(deleted.entry.id, deleted.map, 0, this.options.now());
      if (!result.ok) return false;
    } catch (error) {
      this.notify(`Could not restore the map: ${describeStorageError(error)}.`, "error");
      return false;
    }
    this.state.setState({ deleted: null });
    this.options.channel.post({ type: "library", tabId: this.options.tabId });
    await this.refresh();
    return true;
  }

  /** Keeps a recovered edit as a new map in the library (the open map is not touched). */
  async keepRecovered(key: string): Promise<boolean> {
    const edit = this.state.getState().recovered.find((r) => r.key === key);
    if (edit === undefined) return false;
    const title = `${edit.title} (recovered)`;
    const entry = await this.create(updateMapInfo(edit.map, { title }));
    if (typeof entry === "string") {
      this.notify(`Could not keep the recovered edits: ${entry}. Download them instead.`, "error");
      return false;
    }
    this.dropRecovered(key);
    await this.refresh();
    this.notify(`Kept the recovered edits as “${title}” in the library.`);
    return true;
  }

  dropRecovered(key: string): void {
    const edit = this.state.getState().recovered.find((r) => r.key === key);
    if (edit === undefined) return;
    this.options.backup.remove(edit.tabId, edit.mapId);
    this.state.setState((state) => ({ recovered: state.recovered.filter((r) => r.key !== edit.key) }));
  }
}
