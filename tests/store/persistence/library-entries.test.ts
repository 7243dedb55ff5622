import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createTemplate } from "../../../src/model/templates";
import { IndexedDbStorage } from "../../../src/store/persistence/indexeddb-storage";
import type { MapStorage } from "../../../src/store/persistence/map-storage";
import { MemoryStorage } from "../../../src/store/persistence/memory-storage";
import { FakeTabHub, openTab, type Tab } from "./session-fixtures";

/** Library entries that do not match their key, and share links opened more than once. */

let tabs: Tab[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  for (const tab of tabs) tab.session.dispose();
  for (const close of closers.splice(0)) close();
  tabs = [];
});

async function open(storage: MapStorage) {
  const tab = await openTab(storage, new FakeTabHub());
  tabs.push(tab);
  return tab;
}

async function storages(): Promise<[string, MapStorage, (key: string, value: unknown) => Promise<void>][]> {
  const memory = new MemoryStorage();
  const idb = await IndexedDbStorage.open(new IDBFactory());
  closers.push(() => idb.close());
  const putPointer = async (key: string, value: unknown) => {
    const db = (idb as unknown as { db: IDBDatabase }).db;
    const tx = db.transaction("maps", "readwrite");
    tx.objectStore("maps").put(value, key);
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
  };
  return [
    ["memory", memory, async (key, value) => void memory.pointers.set(key, value)],
    ["IndexedDB", idb, putPointer],
  ];
}

describe("a library entry whose id does not match its key", () => {
  it("given it is the last map, when it is edited, then it saves under its key: no false 'deleted in another tab'", async () => {
    for (const [name, storage, putPointer] of await storages()) {
      await storage.write("m1", updateMapInfo(createTemplate("blank"), { title: "Mismatched" }), 0, 1);
      const read = await storage.read("m1");
      if (read.status !== "ok") throw new Error(name);
      await putPointer("m1", { ...read.entry, id: "some-other-id" });
      await storage.setLastMapId("m1");

      const tab = await open(storage);
      expect(tab.session.mapId, name).toBe("m1");
      tab.editor.getState().apply((m) => updateMapInfo(m, { title: "Edited" }));
      await tab.session.flush();
      expect(tab.session.state.getState().status, name).toEqual({ kind: "saved" });
      const after = await storage.read("m1");
      expect(after.status === "ok" && [after.entry.id, after.map.title], name).toEqual(["m1", "Edited"]);
      const listed = await storage.list();
      expect(
        listed.entries.map((e) => e.id),
        name,
      ).toEqual(["m1"]);
      expect(listed.broken, name).toEqual([]);
    }
  });
});

describe("a share link opened more than once", () => {
  it("given a link opened before, then the map it made opens again and no copy is added", async () => {
    const storage = new MemoryStorage();
    const tab = await open(storage);
    const shared = updateMapInfo(createTemplate("blank"), { title: "Shared onboarding" });
    expect(await tab.session.openShared(structuredClone(shared))).toBe("new");
    const madeId = tab.session.mapId;
    tab.editor.getState().apply((m) => updateMapInfo(m, { description: "Changed since" }));
    await tab.session.flush();
    await tab.session.open((await storage.list()).entries.find((e) => e.id !== madeId)?.id ?? "");

    expect(await tab.session.openShared(structuredClone(shared))).toBe("opened-before");
    expect(tab.session.mapId).toBe(madeId);
    expect(tab.editor.getState().map.description).toBe("Changed since");
    expect(tab.editor.getState().notice?.text).toMatch(/opened here before/);
    expect((await storage.list()).entries).toHaveLength(2);
  });

  it("given the map it made was deleted, then the link makes a new map again", async () => {
    const storage = new MemoryStorage();
    const tab = await open(storage);
    const shared = updateMapInfo(createTemplate("blank"), { title: "Shared twice" });
    await tab.session.openShared(shared);
    await tab.session.remove(tab.session.mapId);
    expect(await tab.session.openShared(shared)).toBe("new");
    expect((await storage.list()).entries.map((e) => e.title)).toContain("Shared twice");
  });
});
