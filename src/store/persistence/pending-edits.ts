import { isRecord } from "../../model/map-issue";

/**
 * The write-ahead record of a tab's unsaved edit, so that a reload, a navigation or a closed tab
 * at any moment loses nothing.
 *
 * IndexedDB is asynchronous: a save started on pagehide is often torn down with the page. So on
 * every document change the tab also writes the map, synchronously, to localStorage (which the
 * browser keeps even when the page goes away mid-task), and removes it once IndexedDB confirmed a
 * save of exactly that map. The next time Handoff opens, records left by tabs that are gone are
 * replayed into IndexedDB (see recover-pending.ts).
 *
 * One record per tab and map, in two keys so that the small part can change without rewriting
 * the map text:
 *
 *   handoff:pending:<tab id>:<map id>       { v: 1, mapId, tabId, title, base, created, at, hash,
 *                                             writing }
 *   handoff:pending-text:<tab id>:<map id>  the map's JSON
 *
 * `base` is the storage revision the edit was made on and `created` the stored map's createdAt (null
 * when it was never stored): a record is replayed only onto that revision of that same stored map,
 * never over newer work. Revisions alone do not name a version: a map deleted and restored, or a
 * database deleted and written again, starts again at revision 1, and its revision 3 is other work
 * than the revision 3 the edit was made on; createdAt is new each time (a write at base 0). `writing` names the revision a save in flight will create and
 * the hash of its text, so that a save which landed after the page was gone is recognised.
 */

/** The part of the Web Storage API the record needs (localStorage in the app, a Map in tests). */
export interface KeyValueStore {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PendingRecord {
  mapId: string;
  tabId: string;
  title: string;
  /** The storage revision the edit was made on (0: the map was never stored). */
  base: number;
  /** The stored map's createdAt when the edit was made (null: never stored, or unknown). */
  created: number | null;
  /** When the edit was made (ms since the epoch). */
  at: number;
  text: string;
  /** A save of this map in flight when the record was last written. */
  writing: { revision: number; hash: string } | null;
}

/**
 * "too-large": this map alone is over the limit or over what localStorage holds; "full": it
 * would fit, but records of other tabs or maps take up the room.
 */
export type BackupResult = "kept" | "too-large" | "full" | "unavailable";

const META = "handoff:pending:";
const TEXT = "handoff:pending-text:";

/**
 * Maps longer than this are not copied on every change: serialising and storing megabytes per
 * keystroke would stall typing, and localStorage holds about 5 MB per site. Such maps rely on
 * IndexedDB and the browser's "leave page?" prompt, and the editor says so.
 */
export const MAX_BACKUP_CHARS = 2_000_000;

/** A short, stable hash of a map's text (cyrb53): enough to recognise "the same text". */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length.toString(36)}-${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}

/**
 * A hash of a map's content that does not depend on key order: a map read back from storage is
 * re-parsed, and its keys need not come out in the order the editor's objects had them.
 */
export function contentHash(value: unknown): string {
  return textHash(JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}

/** localStorage when the browser lets the page use it (it throws in some private modes). */
export function browserKeyValueStore(): KeyValueStore | null {
  try {
    const store = globalThis.localStorage;
    if (store === undefined) return null;
    const probe = "handoff:probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}

export class PendingEdits {
  constructor(
    private readonly store: KeyValueStore | null,
    readonly tabId: string,
  ) {}

  get available(): boolean {
    return this.store !== null;
  }

  /**
   * Keeps `text` as this tab's unsaved edit of `mapId`, made on revision `base`. Synchronous: when
   * it returns "kept", the edit survives the page going away.
   */
  save(
    mapId: string,
    edit: {
      base: number;
      created: number | null;
      title: string;
      text: string;
      at: number;
      writing?: PendingRecord["writing"];
    },
  ): BackupResult {
    const store = this.store;
    if (store === null) return "unavailable";
    if (edit.text.length > MAX_BACKUP_CHARS) {
      this.clear(mapId);
      return "too-large";
    }
    const meta = {
      v: 1,
      mapId,
      tabId: this.tabId,
      title: edit.title,
      base: edit.base,
      created: edit.created,
      at: edit.at,
      hash: textHash(edit.text),
      writing: edit.writing ?? null,
    };
    try {
      // Text first: a record whose meta is there always has its text.
      store.setItem(TEXT + this.suffix(mapId), edit.text);
      store.setItem(META + this.suffix(mapId), JSON.stringify(meta));
      return "kept";
    } catch {
      // Over quota (or storage refused): an old record must not stand for the newer edit.
      this.clear(mapId);
      return this.hasOtherRecords(mapId) ? "full" : "too-large";
    }
  }

  private hasOtherRecords(mapId: string): boolean {
    const store = this.store;
    if (store === null) return false;
    const own = META + this.suffix(mapId);
    try {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key?.startsWith(META) && key !== own) return true;
      }
    } catch {
      // Unknown: say "too large", the message that asks the same of the user.
    }
    return false;
  }

  /** A save of this map is in flight: it will create `revision` with content `hash` (contentHash). */
  markWriting(mapId: string, revision: number, hash: string): void {
    const store = this.store;
    if (store === null) return;
    try {
      const raw = store.getItem(META + this.suffix(mapId));
      if (raw === null) return;
      const meta: unknown = JSON.parse(raw);
      if (!isRecord(meta)) return;
      store.setItem(META + this.suffix(mapId), JSON.stringify({ ...meta, writing: { revision, hash } }));
    } catch {
      // The record stays as it was: at worst a landed save is not recognised and the edit is
      // offered back to the user instead of being replayed.
    }
  }

  /** This tab's record of `mapId` is no longer needed (saved, or deliberately dropped). */
  clear(mapId: string): void {
    this.remove(this.tabId, mapId);
  }

  remove(tabId: string, mapId: string): void {
    const store = this.store;
    if (store === null) return;
    try {
      store.removeItem(`${META}${tabId}:${mapId}`);
      store.removeItem(`${TEXT}${tabId}:${mapId}`);
    } catch {
      // Nothing more to do: a leftover record is checked against storage before any replay.
    }
  }

  /**
   * Every record in this browser, of every tab, newest first. Records are untrusted: damaged ones
   * are dropped.
   */
  all(): PendingRecord[] {
    const store = this.store;
    if (store === null) return [];
    const keys: string[] = [];
    try {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i);
        if (key?.startsWith(META)) keys.push(key);
      }
    } catch {
      return [];
    }
    const records: PendingRecord[] = [];
    for (const key of keys) {
      const record = this.readRecord(key);
      if (record !== null) records.push(record);
      else {
        const rest = key.slice(META.length);
        try {
          store.removeItem(key);
          store.removeItem(TEXT + rest);
        } catch {
          // ignore: a damaged record is never replayed
        }
      }
    }
    // Newest first: of two closed tabs' edits on the same version, the newer is replayed and the
    // older, finding the version moved on, is offered back.
    return records.sort((a, b) => b.at - a.at);
  }

  private readRecord(key: string): PendingRecord | null {
    const store = this.store;
    if (store === null) return null;
    try {
      const meta: unknown = JSON.parse(store.getItem(key) ?? "null");
      if (!isRecord(meta) || meta.v !== 1) return null;
      const { mapId, tabId, title, base, created, at, hash, writing } = meta;
      if (typeof mapId !== "string" || typeof tabId !== "string" || `${META}${tabId}:${mapId}` !== key)
        return null;
      if (typeof title !== "string" || typeof hash !== "string") return null;
      if (typeof base !== "number" || !Number.isInteger(base) || base < 0 || typeof at !== "number")
        return null;
      const text = store.getItem(`${TEXT}${tabId}:${mapId}`);
      if (text === null || textHash(text) !== hash) return null;
      let inFlight: PendingRecord["writing"] = null;
      if (isRecord(writing) && typeof writing.revision === "number" && typeof writing.hash === "string")
        inFlight = { revision: writing.revision, hash: writing.hash };
      return {
        mapId,
        tabId,
        title,
        base,
        created: typeof created === "number" ? created : null,
        at,
        text,
        writing: inFlight,
      };
    } catch {
      return null;
    }
  }

  private suffix(mapId: string): string {
    return `${this.tabId}:${mapId}`;
  }
}

/** A KeyValueStore in memory, with an optional size limit in characters (tests, fallbacks). */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.limit) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
