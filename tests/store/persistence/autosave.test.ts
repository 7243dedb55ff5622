import { afterEach, describe, expect, it, vi } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createTemplate } from "../../../src/model/templates";
import { UnavailableStorage } from "../../../src/store/persistence/indexeddb-storage";
import { StorageUnavailableError } from "../../../src/store/persistence/map-storage";
import { MemoryStorage } from "../../../src/store/persistence/memory-storage";
import { openInitialMap } from "../../../src/store/persistence/open-initial";
import { FakeTabHub, openTab, sleep, type Tab } from "./session-fixtures";

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
const retitle = (tab: Tab, title: string) => tab.editor.getState().apply((m) => updateMapInfo(m, { title }));

let tabs: Tab[] = [];
afterEach(() => {
  for (const tab of tabs) tab.session.dispose();
  tabs = [];
  vi.useRealTimers();
});

async function open(storage = new MemoryStorage(), debounceMs = 20) {
  const tab = await openTab(storage, new FakeTabHub(), debounceMs);
  tabs.push(tab);
  return { storage, tab, status: () => tab.session.state.getState().status };
}

async function storedTitle(storage: MemoryStorage, id: string) {
  const read = await storage.read(id);
  return read.status === "ok" ? read.map.title : read.status;
}

describe("first open", () => {
  it("given an empty storage, then the RevOps template is created, stored and opened", async () => {
    const { storage, tab, status } = await open();
    expect(tab.editor.getState().map.title).toBe("RevOps customer lifecycle");
    expect(await storedTitle(storage, tab.session.mapId)).toBe("RevOps customer lifecycle");
    expect(await storage.getLastMapId()).toBe(tab.session.mapId);
    expect(status()).toEqual({ kind: "saved" });
  });

  it("given a stored map, then it opens and nothing is written until the user changes it", async () => {
    const storage = new MemoryStorage();
    await storage.write("m1", updateMapInfo(createTemplate("blank"), { title: "Kept" }), 0, 1);
    await storage.setLastMapId("m1");
    const write = vi.spyOn(storage, "write");
    const { tab } = await open(storage);
    await sleep(60);
    expect(tab.editor.getState().map.title).toBe("Kept");
    expect(write).not.toHaveBeenCalled();
  });

  it("given the last map is corrupted, then it is reported, left untouched, and another map opens", async () => {
    const storage = new MemoryStorage();
    await storage.write("good", updateMapInfo(createTemplate("blank"), { title: "Good map" }), 0, 1);
    await storage.write("bad", updateMapInfo(createTemplate("blank"), { title: "Bad map" }), 0, 2);
    storage.versions.set("bad#1", { text: "{ broken" });
    await storage.setLastMapId("bad");

    const initial = await openInitialMap(storage);
    expect(initial.opened.map.title).toBe("Good map");
    expect(initial.unreadable).toEqual([
      { id: "bad", title: "Bad map", raw: "{ broken", problems: [expect.stringMatching(/not valid JSON/)] },
    ]);
    expect(storage.versions.get("bad#1")).toEqual({ text: "{ broken" });
  });

  it("given storage cannot be opened, then the template opens in memory with the reason showing", async () => {
    const storage = new UnavailableStorage(
      new StorageUnavailableError("this browser is not letting Handoff store data"),
    );
    const initial = await openInitialMap(storage);
    expect(initial.opened.map.title).toBe("RevOps customer lifecycle");
    expect(initial.notStored).toBe("this browser is not letting Handoff store data");
    const tab = await openTab(storage, new FakeTabHub());
    tabs.push(tab);
    expect(tab.session.state.getState().status).toEqual({
      kind: "failed",
      reason: "this browser is not letting Handoff store data",
    });
    retitle(tab, "Edited in memory");
    expect(tab.editor.getState().map.title).toBe("Edited in memory");
  });
});

describe("autosave", () => {
  it("given several quick edits, then one write within the debounce saves the last of them", async () => {
    const { storage, tab, status } = await open();
    const write = vi.spyOn(storage, "write");
    retitle(tab, "One");
    retitle(tab, "Two");
    retitle(tab, "Three");
    expect(status()).toEqual({ kind: "saving" });
    await vi.waitFor(() => expect(status()).toEqual({ kind: "saved" }));
    expect(write).toHaveBeenCalledTimes(1);
    expect(await storedTitle(storage, tab.session.mapId)).toBe("Three");
  });

  it("saves within a second with the default delay", async () => {
    const storage = new MemoryStorage();
    const tab = await openTab(storage, new FakeTabHub(), null);
    tabs.push(tab);
    // Fake clock: the debounce is checked against the promise, not against a loaded machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    retitle(tab, "Soon");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await storedTitle(storage, tab.session.mapId)).toBe("Soon");
  });

  it("flush() writes at once (what pagehide and visibilitychange call)", async () => {
    const { storage, tab, status } = await open(new MemoryStorage(), 60_000);
    retitle(tab, "Flushed");
    await tab.session.flush();
    expect(status()).toEqual({ kind: "saved" });
    expect(await storedTitle(storage, tab.session.mapId)).toBe("Flushed");
  });

  it("given a full storage, then the status says not saved, editing goes on, and it never claims saved", async () => {
    const { storage, tab, status } = await open();
    storage.fail = (point) => (point === "write" ? quota() : undefined);
    retitle(tab, "Not stored");
    await tab.session.flush();
    expect(status()).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/storage for this site is full/),
    });
    retitle(tab, "Still not stored");
    await tab.session.flush();
    expect(status().kind).toBe("failed");
    expect(tab.editor.getState().map.title).toBe("Still not stored");
    expect(await storedTitle(storage, tab.session.mapId)).toBe("RevOps customer lifecycle");

    storage.fail = () => undefined;
    await vi.waitFor(() => expect(status()).toEqual({ kind: "saved" }), { timeout: 1_000 });
    expect(await storedTitle(storage, tab.session.mapId)).toBe("Still not stored");
  });

  it("given a crash between storing the version and switching to it, then the old version is read", async () => {
    const { storage, tab, status } = await open();
    storage.fail = (point) => (point === "switch" ? new Error("tab crashed") : undefined);
    retitle(tab, "Half written");
    await tab.session.flush();
    expect(status().kind).toBe("failed");
    expect(await storedTitle(storage, tab.session.mapId)).toBe("RevOps customer lifecycle");
  });

  it("keeps the viewport per map, outside the document", async () => {
    const { storage, tab } = await open();
    const revision = tab.editor.getState().revision;
    tab.editor.getState().setViewport({ x: 12, y: 34, zoom: 0.75 });
    await vi.waitFor(async () =>
      expect(await storage.getViewport(tab.session.mapId)).toEqual({ x: 12, y: 34, zoom: 0.75 }),
    );
    expect(tab.editor.getState().revision).toBe(revision);

    const again = await openInitialMap(storage);
    expect(again.viewport).toEqual({ x: 12, y: 34, zoom: 0.75 });
  });
});

describe("library", () => {
  it("creates, opens, renames, duplicates and deletes maps; a delete can be undone", async () => {
    const { storage, tab } = await open();
    const first = tab.session.mapId;
    await tab.session.createFromTemplate("blank");
    const second = tab.session.mapId;
    expect(second).not.toBe(first);
    expect(tab.editor.getState().map.title).toBe("Untitled process map");

    expect(await tab.session.rename(first, "Renamed while closed")).toBe(true);
    expect(await storedTitle(storage, first)).toBe("Renamed while closed");
    expect(await tab.session.rename(second, "Renamed while open")).toBe(true);
    await tab.session.flush();
    expect(await storedTitle(storage, second)).toBe("Renamed while open");

    expect(await tab.session.duplicate(first)).toBe(true);
    await tab.session.refreshLibrary();
    const titles = () =>
      tab.session.state
        .getState()
        .library.entries.map((e) => e.title)
        .sort();
    expect(titles()).toEqual(["Renamed while closed", "Renamed while closed (copy)", "Renamed while open"]);

    expect(await tab.session.open(first)).toBe(true);
    expect(tab.editor.getState().map.title).toBe("Renamed while closed");

    expect(await tab.session.remove(second)).toBe(true);
    expect(titles()).toEqual(["Renamed while closed", "Renamed while closed (copy)"]);
    expect(await tab.session.undoDelete()).toBe(true);
    expect(titles()).toEqual(["Renamed while closed", "Renamed while closed (copy)", "Renamed while open"]);
  });

  it("deleting the open map opens the most recent other one", async () => {
    const { tab } = await open();
    const first = tab.session.mapId;
    await tab.session.createFromTemplate("blank");
    await tab.session.remove(tab.session.mapId);
    expect(tab.session.mapId).toBe(first);
    expect(tab.editor.getState().map.title).toBe("RevOps customer lifecycle");
  });

  it("opening a corrupted map names it and stays on the current map", async () => {
    const { storage, tab } = await open();
    const current = tab.session.mapId;
    await storage.write("bad", createTemplate("blank"), 0, 1);
    storage.versions.set("bad#1", { text: "[]" });
    expect(await tab.session.open("bad")).toBe(false);
    expect(tab.session.mapId).toBe(current);
    expect(tab.session.state.getState().unreadable).toMatchObject([{ id: "bad", raw: "[]" }]);
  });

  it("given a save that failed, opening another map is refused unless the user discards the edits", async () => {
    const { storage, tab } = await open();
    const first = tab.session.mapId;
    await tab.session.createFromTemplate("blank");
    storage.fail = (point) => (point === "write" ? quota() : undefined);
    retitle(tab, "Unsaved work");

    expect(await tab.session.prepareToLeave()).toBe(false);
    expect(await tab.session.open(first)).toBe(false);
    expect(tab.editor.getState().map.title).toBe("Unsaved work");
    expect(tab.editor.getState().notice?.text).toMatch(/not saved.*Export/);

    expect(await tab.session.open(first, { discardUnsaved: true })).toBe(true);
    expect(tab.editor.getState().map.title).toBe("RevOps customer lifecycle");
  });

  it("a new map still opens, in memory, when storage refuses it", async () => {
    const { storage, tab, status } = await open();
    storage.fail = (point) => (point === "write" ? quota() : undefined);
    expect(await tab.session.createFromTemplate("blank")).toBe(false);
    expect(tab.editor.getState().map.title).toBe("Untitled process map");
    expect(status().kind).toBe("failed");
  });
});
