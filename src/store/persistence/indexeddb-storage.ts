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
  type StorageConnectionEvent,
  StorageUnavailableError,
  serializeMap,
  type Viewport,
  versionKey,
  type WriteResult,
} from "./map-storage";
import { parseStoredText } from "./parse-stored";

/**
 * Maps in IndexedDB (docs/storage.md names these for backups and support):
 *
 *   database "handoff", version 1
 *     "maps"      key: map id                 value: MapEntry (the pointer the library lists)
 *     "versions"  key: "<map id>#<revision>"  value: { id, revision, text, savedAt }
 *     "settings"  key: "lastMapId" | "viewport:<map id>" | "shared:<content hash>" (the map id a
 *                 share link made the first time it was opened)
 *
 * A save is one readwrite transaction over "maps" and "versions": check the pointer's revision,
 * put the new version, switch the pointer, drop the old version. IndexedDB commits a transaction
 * whole or not at all, and the order (version before pointer) keeps the rule true even if that
 * ever changed: a crash or a QuotaExceededError mid-save leaves the old version as it was.
 */

export const DATABASE_NAME = "handoff";
export const DATABASE_VERSION = 1;
const MAPS = "maps";
const VERSIONS = "versions";
const SETTINGS = "settings";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // The failing request's error: the transaction's own is still null while its error event
    // bubbles (a QuotaExceededError must reach describeStorageError by name).
    tx.onerror = (event) =>
      reject(
        (event.target as IDBRequest | null)?.error ?? tx.error ?? new Error("IndexedDB transaction failed"),
      );
    tx.onabort = () => reject(tx.error ?? new DOMException("The save was aborted", "AbortError"));
  });
}

/**
 * Runs `body` in a readwrite transaction and resolves with its result once the transaction has
 * committed. If the body throws (a put over quota, a stub in a test), the transaction is aborted so
 * nothing half-done commits, and the body's error is what the caller sees: the abort that follows
 * is expected and must not surface as a second, unhandled rejection.
 */
async function readwrite<T>(
  db: IDBDatabase,
  stores: string[],
  body: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const tx = db.transaction(stores, "readwrite");
  const done = finished(tx);
  done.catch(() => undefined);
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw error;
  }
  await done;
  return result;
}

/** An open database, and whether opening it created it (there was no database before). */
interface Opened {
  db: IDBDatabase;
  created: boolean;
}

function openWithInfo(factory: IDBFactory | undefined): Promise<Opened> {
  if (factory === undefined)
    return Promise.reject(new StorageUnavailableError("this browser has no IndexedDB"));
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    let created = false;
    try {
      req = factory.open(DATABASE_NAME, DATABASE_VERSION);
    } catch (error) {
      reject(
        new StorageUnavailableError(`this browser is not letting Handoff store data (${String(error)})`),
      );
      return;
    }
    req.onupgradeneeded = (event) => {
      created = event.oldVersion === 0;
      const db = req.result;
      for (const name of [MAPS, VERSIONS, SETTINGS])
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    };
    let gaveUp = false;
    req.onsuccess = () => {
      // A blocked open was already answered with an error, but the request stays pending and
      // succeeds once the other tab lets go: nobody holds that connection, and left open it
      // would block the next upgrade or delete in turn.
      if (gaveUp) req.result.close();
      else resolve({ db: req.result, created });
    };
    req.onerror = () => {
      if (req.error?.name === "VersionError")
        reject(
          new StorageUnavailableError(
            "another tab upgraded Handoff's storage to a newer version of Handoff. Reload this tab to keep saving; until then your edits are kept in this tab",
          ),
        );
      else
        reject(
          new StorageUnavailableError(
            `this browser is not letting Handoff store data (a private window or blocked site data?): ${req.error?.message ?? "open failed"}`,
          ),
        );
    };
    req.onblocked = () => {
      gaveUp = true;
      reject(new StorageUnavailableError("another Handoff tab is upgrading storage; close it and reload"));
    };
  });
}

/** Opens (and on first use creates) the database. Rejects with StorageUnavailableError. */
export async function openDatabase(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<IDBDatabase> {
  return (await openWithInfo(factory)).db;
}

/** A closed connection fails with InvalidStateError ("the database connection is closing"). */
const isClosedConnection = (error: unknown) =>
  (error instanceof DOMException || error instanceof Error) && error.name === "InvalidStateError";

export class IndexedDbStorage implements MapStorage {
  private db: IDBDatabase | null;
  private reopening: Promise<IDBDatabase> | null = null;
  private readonly listeners = new Set<(event: StorageConnectionEvent) => void>();

  constructor(
    db: IDBDatabase,
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
  ) {
    this.db = null;
    this.attach(db);
  }

  static async open(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<IndexedDbStorage> {
    return new IndexedDbStorage(await openDatabase(factory), factory);
  }

  /** Told when the connection closes under this tab and when it is open again. */
  subscribe(listener: (event: StorageConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    const db = this.db;
    this.db = null;
    this.listeners.clear();
    db?.close();
  }

  private emit(event: StorageConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private attach(db: IDBDatabase): void {
    this.db = db;
    // Another tab wants to delete or upgrade the database: let it (holding on would block it),
    // and open again on the next operation.
    db.onversionchange = () => {
      db.close();
      this.detach(db, "versionchange");
    };
    // Closed by the browser (site data cleared, storage evicted).
    db.onclose = () => this.detach(db, "closed");
  }

  private detach(db: IDBDatabase, cause: "versionchange" | "closed"): void {
    if (this.db !== db) return;
    this.db = null;
    this.emit({ type: "closed", cause });
  }

  /** The open connection, opening it again when it was closed under this tab. */
  private connection(): Promise<IDBDatabase> {
    if (this.db !== null) return Promise.resolve(this.db);
    this.reopening ??= openWithInfo(this.factory)
      .then(({ db, created }) => {
        this.attach(db);
        this.emit({ type: "reopened", recreated: created });
        return db;
      })
      .finally(() => {
        this.reopening = null;
      });
    return this.reopening;
  }

  /** Runs `body` on the connection; once more on a fresh one if it was closed meanwhile. */
  private async use<T>(body: (db: IDBDatabase) => Promise<T>): Promise<T> {
    const db = await this.connection();
    try {
      return await body(db);
    } catch (error) {
      if (!isClosedConnection(error)) throw error;
      if (this.db === db) {
        this.db = null;
        db.close();
        this.emit({ type: "closed", cause: "closed" });
      }
      return body(await this.connection());
    }
  }

  list(): Promise<{ entries: MapEntry[]; broken: BrokenEntry[] }> {
    return this.use((db) => this.listIn(db));
  }

  private async listIn(db: IDBDatabase): Promise<{ entries: MapEntry[]; broken: BrokenEntry[] }> {
    const tx = db.transaction(MAPS, "readonly");
    const store = tx.objectStore(MAPS);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    const entries: MapEntry[] = [];
    const broken: BrokenEntry[] = [];
    keys.forEach((key, index) => {
      const entry = typeof key === "string" ? readEntryAt(key, values[index]) : null;
      if (entry !== null) entries.push(entry);
      else broken.push({ id: String(key), problem: "the library entry of this map is damaged" });
    });
    return { entries, broken };
  }

  read(id: string): Promise<MapRead> {
    return this.use((db) => this.readIn(db, id));
  }

  private async readIn(db: IDBDatabase, id: string): Promise<MapRead> {
    const tx = db.transaction([MAPS, VERSIONS], "readonly");
    const pointer: unknown = await request(tx.objectStore(MAPS).get(id));
    const entry = readEntry(pointer);
    const version: unknown =
      entry === null
        ? undefined
        : await request(tx.objectStore(VERSIONS).get(versionKey(id, entry.revision)));
    return readStored(id, pointer, version, parseStoredText);
  }

  write(id: string, map: HandoffMap, baseRevision: number, now: number): Promise<WriteResult> {
    const text = serializeMap(map);
    return this.use((db) => this.writeIn(db, id, map, text, baseRevision, now));
  }

  private writeIn(
    db: IDBDatabase,
    id: string,
    map: HandoffMap,
    text: string,
    baseRevision: number,
    now: number,
  ): Promise<WriteResult> {
    return readwrite(db, [MAPS, VERSIONS], async (tx): Promise<WriteResult> => {
      const maps = tx.objectStore(MAPS);
      const versions = tx.objectStore(VERSIONS);
      const pointer: unknown = await request(maps.get(id));
      const previous = readEntry(pointer);
      const current = pointer === undefined ? 0 : (previous?.revision ?? -1);
      if (current !== baseRevision)
        return { ok: false, reason: "stale", storedRevision: Math.max(current, 0) };
      const revision = baseRevision + 1;
      const entry = nextEntry(id, map, revision, previous, now);
      versions.put({ id, revision, text, savedAt: now }, versionKey(id, revision));
      maps.put(entry, id);
      if (baseRevision > 0) versions.delete(versionKey(id, baseRevision));
      return { ok: true, entry };
    });
  }

  async delete(id: string): Promise<void> {
    await this.use((db) =>
      readwrite(db, [MAPS, VERSIONS, SETTINGS], (tx) => {
        tx.objectStore(MAPS).delete(id);
        tx.objectStore(VERSIONS).delete(IDBKeyRange.bound(`${id}#`, `${id}#\uffff`));
        tx.objectStore(SETTINGS).delete(`viewport:${id}`);
      }),
    );
  }

  private getSetting(key: string): Promise<unknown> {
    return this.use((db) => request(db.transaction(SETTINGS, "readonly").objectStore(SETTINGS).get(key)));
  }

  private async setSetting(key: string, value: unknown): Promise<void> {
    await this.use((db) =>
      readwrite(db, [SETTINGS], (tx) => {
        tx.objectStore(SETTINGS).put(value, key);
      }),
    );
  }

  async getLastMapId(): Promise<string | null> {
    const value = await this.getSetting("lastMapId");
    return typeof value === "string" ? value : null;
  }

  setLastMapId(id: string): Promise<void> {
    return this.setSetting("lastMapId", id);
  }

  async getViewport(id: string): Promise<Viewport | null> {
    return readViewport(await this.getSetting(`viewport:${id}`));
  }

  setViewport(id: string, viewport: Viewport): Promise<void> {
    return this.setSetting(`viewport:${id}`, { x: viewport.x, y: viewport.y, zoom: viewport.zoom });
  }

  async getSharedMapId(key: string): Promise<string | null> {
    const value = await this.getSetting(`shared:${key}`);
    return typeof value === "string" ? value : null;
  }

  setSharedMapId(key: string, id: string): Promise<void> {
    return this.setSetting(`shared:${key}`, id);
  }
}

/** A storage that could not be opened: reads find nothing, writes fail with the reason. */
export class UnavailableStorage implements MapStorage {
  constructor(readonly reason: StorageUnavailableError) {}
  async list() {
    return { entries: [], broken: [] };
  }
  async read(): Promise<MapRead> {
    return { status: "missing" };
  }
  async write(): Promise<WriteResult> {
    throw this.reason;
  }
  async delete(): Promise<void> {
    throw this.reason;
  }
  async getLastMapId() {
    return null;
  }
  async setLastMapId(): Promise<void> {}
  async getViewport() {
    return null;
  }
  async setViewport(): Promise<void> {}
  async getSharedMapId() {
    return null;
  }
  async setSharedMapId(): Promise<void> {}
}
