import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createTemplate } from "../../../src/model/templates";
import { IndexedDbStorage, openDatabase } from "../../../src/store/persistence/indexeddb-storage";
import { describeStorageError, StorageUnavailableError } from "../../../src/store/persistence/map-storage";

let factory: IDBFactory;
let storage: IndexedDbStorage;

beforeEach(async () => {
  factory = new IDBFactory();
  storage = await IndexedDbStorage.open(factory);
});

afterEach(() => {
  vi.restoreAllMocks();
  storage.close();
});

async function rawVersions(): Promise<Map<string, unknown>> {
  const db = await openDatabase(factory);
  const store = db.transaction("versions").objectStore("versions");
  const [keys, values] = await Promise.all([
    new Promise<IDBValidKey[]>((resolve) => {
      const req = store.getAllKeys();
      req.onsuccess = () => resolve(req.result);
    }),
    new Promise<unknown[]>((resolve) => {
      const req = store.getAll();
      req.onsuccess = () => resolve(req.result);
    }),
  ]);
  db.close();
  return new Map(keys.map((key, i) => [String(key), values[i]]));
}

async function putRaw(storeName: string, key: string, value: unknown): Promise<void> {
  const db = await openDatabase(factory);
  const tx = db.transaction(storeName, "readwrite");
  tx.objectStore(storeName).put(value, key);
  await new Promise((resolve) => {
    tx.oncomplete = resolve;
  });
  db.close();
}

describe("IndexedDbStorage", () => {
  it("given a saved map, when it is read back, then it is the same map with its entry", async () => {
    const map = createTemplate("revops");
    const written = await storage.write("m1", map, 0, 1000);
    expect(written.ok).toBe(true);

    const read = await storage.read("m1");
    expect(read.status).toBe("ok");
    if (read.status !== "ok") return;
    expect(read.map).toEqual(map);
    expect(read.entry).toMatchObject({
      id: "m1",
      title: map.title,
      revision: 1,
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(read.entry.counts.steps).toBe(map.steps.length);
    expect((await storage.list()).entries.map((e) => e.id)).toEqual(["m1"]);
  });

  it("keeps only the current version after a save, under a new revision", async () => {
    const map = createTemplate("blank");
    await storage.write("m1", map, 0, 1);
    const next = await storage.write("m1", updateMapInfo(map, { title: "Second" }), 1, 2);
    expect(next.ok && next.entry.revision).toBe(2);
    expect([...(await rawVersions()).keys()]).toEqual(["m1#2"]);
    const read = await storage.read("m1");
    expect(read.status === "ok" && read.entry.createdAt).toBe(1);
  });

  it("refuses a write made from an older revision (a tab that is behind)", async () => {
    const map = createTemplate("blank");
    await storage.write("m1", map, 0, 1);
    await storage.write("m1", updateMapInfo(map, { title: "Newer" }), 1, 2);

    const stale = await storage.write("m1", updateMapInfo(map, { title: "Older tab" }), 1, 3);
    expect(stale).toEqual({ ok: false, reason: "stale", storedRevision: 2 });
    const read = await storage.read("m1");
    expect(read.status === "ok" && read.map.title).toBe("Newer");
  });

  it("refuses to create a map over an existing id", async () => {
    await storage.write("m1", createTemplate("blank"), 0, 1);
    expect(await storage.write("m1", createTemplate("revops"), 0, 2)).toMatchObject({
      ok: false,
      reason: "stale",
    });
  });

  it("given a crash mid-save (the pointer switch fails), then the old version is intact", async () => {
    const map = createTemplate("blank");
    await storage.write("m1", map, 0, 1);
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === "maps") throw new DOMException("crash", "UnknownError");
      return put.apply(this, args);
    });

    await expect(storage.write("m1", updateMapInfo(map, { title: "Half saved" }), 1, 2)).rejects.toThrow(
      "crash",
    );
    vi.restoreAllMocks();

    const read = await storage.read("m1");
    expect(read.status === "ok" && read.map.title).toBe(map.title);
    expect(read.status === "ok" && read.entry.revision).toBe(1);
    expect([...(await rawVersions()).keys()]).toEqual(["m1#1"]);
  });

  it("given a full storage, then the write rejects with QuotaExceededError in plain words", async () => {
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    const error = await storage.write("m1", createTemplate("blank"), 0, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(describeStorageError(error)).toMatch(/storage for this site is full/);
    vi.restoreAllMocks();
    expect(await storage.read("m1")).toEqual({ status: "missing" });
  });

  it("given a full storage, then settings writes reject with the quota error and leave no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await storage.setViewport("m1", { x: 1, y: 2, zoom: 1 });
      vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      });
      const viewportError = await storage.setViewport("m1", { x: 9, y: 9, zoom: 2 }).catch((e: unknown) => e);
      const lastIdError = await storage.setLastMapId("m1").catch((e: unknown) => e);
      const writeError = await storage.write("m1", createTemplate("blank"), 0, 1).catch((e: unknown) => e);
      for (const error of [viewportError, lastIdError, writeError])
        expect((error as DOMException).name).toBe("QuotaExceededError");
      // The aborts settle on later turns of the event loop; give them time to surface if unhandled.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      vi.restoreAllMocks();
      expect(await storage.getViewport("m1")).toEqual({ x: 1, y: 2, zoom: 1 });
      expect(await storage.getLastMapId()).toBeNull();
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("reports a stored map that is not valid JSON as corrupt, with its raw text", async () => {
    await storage.write("m1", createTemplate("blank"), 0, 1);
    await putRaw("versions", "m1#1", { id: "m1", revision: 1, text: "{ not json" });
    const read = await storage.read("m1");
    expect(read).toMatchObject({
      status: "corrupt",
      id: "m1",
      title: "Untitled process map",
      raw: "{ not json",
    });
    expect(read.status === "corrupt" && read.problems[0]).toMatch(/not valid JSON/);
  });

  it("reports a stored map that fails validation with the CLI's messages", async () => {
    const map = createTemplate("revops");
    await storage.write("m1", map, 0, 1);
    const bad = JSON.parse(JSON.stringify(map)) as { handoffs: { to: string }[] };
    if (bad.handoffs[0]) bad.handoffs[0].to = "nowhere";
    await putRaw("versions", "m1#1", { id: "m1", revision: 1, text: JSON.stringify(bad) });
    const read = await storage.read("m1");
    expect(read.status).toBe("corrupt");
    expect(read.status === "corrupt" && read.problems.join("\n")).toMatch(
      /handoffs\[0\].*\.to: no step with id "nowhere"/,
    );
  });

  it("reports a damaged pointer, and a missing version, without throwing", async () => {
    await putRaw("maps", "broken", { nonsense: true });
    expect((await storage.list()).broken).toEqual([
      { id: "broken", problem: "the library entry of this map is damaged" },
    ]);
    expect((await storage.read("broken")).status).toBe("corrupt");

    await storage.write("m2", createTemplate("blank"), 0, 1);
    const db = await openDatabase(factory);
    const tx = db.transaction("versions", "readwrite");
    tx.objectStore("versions").delete("m2#1");
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    const read = await storage.read("m2");
    expect(read.status === "corrupt" && read.problems).toEqual([
      "the saved version 1 of this map is missing",
    ]);
  });

  it("deletes a map with its versions and viewport", async () => {
    await storage.write("m1", createTemplate("blank"), 0, 1);
    await storage.setViewport("m1", { x: 1, y: 2, zoom: 0.5 });
    await storage.delete("m1");
    expect(await storage.read("m1")).toEqual({ status: "missing" });
    expect(await storage.getViewport("m1")).toBeNull();
    expect((await rawVersions()).size).toBe(0);
  });

  it("keeps the last map id and viewports, ignoring malformed ones", async () => {
    await storage.setLastMapId("m1");
    await storage.setViewport("m1", { x: 10, y: -20, zoom: 1.5 });
    expect(await storage.getLastMapId()).toBe("m1");
    expect(await storage.getViewport("m1")).toEqual({ x: 10, y: -20, zoom: 1.5 });
    await putRaw("settings", "viewport:m1", { x: "a", y: 0, zoom: 1 });
    expect(await storage.getViewport("m1")).toBeNull();
  });

  it("stores maps whose ids are __proto__ like any other", async () => {
    await storage.write("__proto__", createTemplate("blank"), 0, 1);
    expect((await storage.read("__proto__")).status).toBe("ok");
  });

  it("says storage is unavailable when the browser blocks IndexedDB", async () => {
    const blocked = {
      open() {
        throw new DOMException("blocked", "SecurityError");
      },
    } as unknown as IDBFactory;
    const error = await openDatabase(blocked).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(describeStorageError(error)).toMatch(/not letting Handoff store data/);
  });

  it("given an open blocked by another tab that succeeds later, then the late connection is closed, not leaked", async () => {
    const closed = vi.fn();
    const req = { result: { close: closed } } as unknown as IDBOpenDBRequest;
    const waiting = { open: () => req } as unknown as IDBFactory;
    const opening = openDatabase(waiting).catch((e: unknown) => e);
    req.onblocked?.call(req, new Event("blocked") as IDBVersionChangeEvent);
    expect(await opening).toBeInstanceOf(StorageUnavailableError);
    // The other tab closed: the request that was blocked now succeeds, with nobody to take it.
    req.onsuccess?.call(req, new Event("success"));
    expect(closed).toHaveBeenCalledOnce();
  });
});
