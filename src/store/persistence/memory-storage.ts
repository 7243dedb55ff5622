import type { HandoffMap } from "../../model/types";
import {
  type BrokenEntry,
  type MapEntry,
  type MapRead,
  type MapStorage,
  nextEntry,
  readEntry,
  readEntryAt,
  readStored,
  readViewport,
  serializeMap,
  type Viewport,
  versionKey,
  type WriteResult,
} from "./map-storage";
import { parseStoredText } from "./parse-stored";

/** The points at which a MemoryStorage can be told to fail. */
export type StorageFaultPoint =
  | "list"
  | "read"
  /** Before anything of the new version is written. */
  | "write"
  /** After the new version is stored, before the pointer switches to it: a crash mid-save. */
  | "switch"
  | "delete"
  | "settings";

/**
 * A MapStorage in memory, laid out like the IndexedDB one (pointers, versions, settings), for
 * tests and as the model of what IndexedDB does. `fail` makes it a failing fake: return an error
 * for a point and the operation throws it there, leaving whatever it already did in place.
 * The raw maps are public so tests can plant damaged records.
 */
export class MemoryStorage implements MapStorage {
  readonly pointers = new Map<string, unknown>();
  readonly versions = new Map<string, unknown>();
  readonly settings = new Map<string, unknown>();
  fail: (point: StorageFaultPoint) => unknown = () => undefined;

  private check(point: StorageFaultPoint): void {
    const error = this.fail(point);
    if (error !== undefined) throw error;
  }

  async list(): Promise<{ entries: MapEntry[]; broken: BrokenEntry[] }> {
    this.check("list");
    const entries: MapEntry[] = [];
    const broken: BrokenEntry[] = [];
    for (const [id, pointer] of this.pointers) {
      const entry = readEntryAt(id, pointer);
      if (entry === null) broken.push({ id, problem: "the library entry of this map is damaged" });
      else entries.push(entry);
    }
    return { entries, broken };
  }

  async read(id: string): Promise<MapRead> {
    this.check("read");
    const pointer = this.pointers.get(id);
    const entry = readEntry(pointer);
    const version = entry === null ? undefined : this.versions.get(versionKey(id, entry.revision));
    return readStored(id, pointer, version, parseStoredText);
  }

  async write(id: string, map: HandoffMap, baseRevision: number, now: number): Promise<WriteResult> {
    this.check("write");
    const pointer = this.pointers.get(id);
    const current = pointer === undefined ? 0 : (readEntry(pointer)?.revision ?? -1);
    if (current !== baseRevision) return { ok: false, reason: "stale", storedRevision: Math.max(current, 0) };
    const revision = baseRevision + 1;
    this.versions.set(versionKey(id, revision), { id, revision, text: serializeMap(map), savedAt: now });
    this.check("switch");
    const entry = nextEntry(id, map, revision, readEntry(pointer), now);
    this.pointers.set(id, entry);
    this.versions.delete(versionKey(id, baseRevision));
    return { ok: true, entry };
  }

  async delete(id: string): Promise<void> {
    this.check("delete");
    this.pointers.delete(id);
    for (const key of [...this.versions.keys()]) if (key.startsWith(`${id}#`)) this.versions.delete(key);
    this.settings.delete(`viewport:${id}`);
  }

  async getLastMapId(): Promise<string | null> {
    this.check("settings");
    const value = this.settings.get("lastMapId");
    return typeof value === "string" ? value : null;
  }

  async setLastMapId(id: string): Promise<void> {
    this.check("settings");
    this.settings.set("lastMapId", id);
  }

  async getViewport(id: string): Promise<Viewport | null> {
    this.check("settings");
    return readViewport(this.settings.get(`viewport:${id}`));
  }

  async setViewport(id: string, viewport: Viewport): Promise<void> {
    this.check("settings");
    this.settings.set(`viewport:${id}`, { ...viewport });
  }

  async getSharedMapId(key: string): Promise<string | null> {
    this.check("settings");
    const value = this.settings.get(`shared:${key}`);
    return typeof value === "string" ? value : null;
  }

  async setSharedMapId(key: string, id: string): Promise<void> {
    this.check("settings");
    this.settings.set(`shared:${key}`, id);
  }
}
