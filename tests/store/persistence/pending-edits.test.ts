import { afterEach, describe, expect, it } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createEditorStore } from "../../../src/store/editor-store";
import { UnavailableStorage } from "../../../src/store/persistence/indexeddb-storage";
import { MapSession } from "../../../src/store/persistence/map-session";
import { StorageUnavailableError, serializeMap } from "../../../src/store/persistence/map-storage";
import { MemoryStorage } from "../../../src/store/persistence/memory-storage";
import { openInitialMap } from "../../../src/store/persistence/open-initial";
import {
  MAX_BACKUP_CHARS,
  MemoryKeyValueStore,
  PendingEdits,
} from "../../../src/store/persistence/pending-edits";
import { recoverPendingEdits } from "../../../src/store/persistence/recover-pending";
import type { TabLiveness } from "../../../src/store/persistence/tab-liveness";
import { FakeTabHub, noLayout, sleep } from "./session-fixtures";

/**
 * The write-ahead record: every change is kept synchronously beside IndexedDB, cleared once a save
 * of that map is confirmed, and replayed at the next start only onto the revision it was made on.
 * A "page going away" is a session that is dropped without waiting for anything.
 */

const closedTabs: TabLiveness = { hold: () => undefined, isAlive: async () => false };
const openTabs = (alive: Set<string>): TabLiveness => ({
  hold: () => undefined,
  isAlive: async (tabId) => alive.has(tabId),
});

const sessions: MapSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
});

interface Browser {
  storage: MemoryStorage;
  local: MemoryKeyValueStore;
  hub: FakeTabHub;
}

function browser(limit?: number): Browser {
  return { storage: new MemoryStorage(), local: new MemoryKeyValueStore(limit), hub: new FakeTabHub() };
}

/** Starts a tab the way boot() does: replay closed tabs' records, open the initial map. */
async function startTab(b: Browser, tabId: string, liveness: TabLiveness = closedTabs) {
  const pending = new PendingEdits(b.local, tabId);
  const recovery = await recoverPendingEdits(b.storage, pending, liveness);
  const initial = await openInitialMap(b.storage);
  const editor = createEditorStore({ map: initial.opened.map, runLayout: noLayout });
  const session = new MapSession({
    storage: b.storage,
    editor,
    opened: initial.opened,
    channel: b.hub.open(),
    debounceMs: 1_000,
    pending,
    recovered: recovery.recovered,
    ...(initial.notStored === undefined ? {} : { notStored: initial.notStored }),
  });
  sessions.push(session);
  const retitle = (title: string) => editor.getState().apply((m) => updateMapInfo(m, { title }));
  return { session, editor, recovery, retitle, pending };
}

async function storedTitle(b: Browser, id: string) {
  const read = await b.storage.read(id);
  return read.status === "ok" ? read.map.title : read.status;
}

describe("an edit followed at once by the page going away", () => {
  it("given a title typed and the page gone before any save, then the next start replays it", async () => {
    const b = browser();
    const first = await startTab(b, "tab-1");
    first.retitle("Typed just before reload");
    await Promise.resolve();
    first.session.dispose();
    expect(await storedTitle(b, first.session.mapId)).toBe("RevOps customer lifecycle");

    const second = await startTab(b, "tab-2");
    expect(second.recovery.applied).toEqual(["Typed just before reload"]);
    expect(second.editor.getState().map.title).toBe("Typed just before reload");
    expect(second.session.state.getState().status).toEqual({ kind: "saved" });
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given the record is written synchronously on backupNow, then nothing waits for a microtask", async () => {
    const b = browser();
    const first = await startTab(b, "tab-1");
    first.retitle("Before pagehide");
    first.session.backupNow();
    expect(new PendingEdits(b.local, "x").all().map((r) => r.title)).toEqual(["Before pagehide"]);
  });

  it("given a save confirmed, then the record is cleared; an edit during the save keeps one", async () => {
    const b = browser();
    const tab = await startTab(b, "tab-1");
    tab.retitle("First");
    const flushing = tab.session.flush();
    tab.retitle("Second, during the save");
    await flushing;
    const records = new PendingEdits(b.local, "x").all();
    expect(records.map((r) => [r.title, r.base])).toEqual([["Second, during the save", 2]]);
    await tab.session.flush();
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given a save that landed after the page was gone with a later edit on top, then the later edit is replayed", async () => {
    const b = browser();
    const first = await startTab(b, "tab-1");
    first.retitle("Saved as the page went");
    // The save lands in storage, but the page is gone before it hears back.
    const write = b.storage.write.bind(b.storage);
    let landed: Promise<unknown> = Promise.resolve();
    b.storage.write = (...args) => {
      landed = write(...args);
      return new Promise(() => undefined);
    };
    void first.session.flush();
    await Promise.resolve();
    first.retitle("Typed after the save started");
    await Promise.resolve();
    await landed;
    first.session.dispose();
    b.storage.write = write;
    expect(await storedTitle(b, first.session.mapId)).toBe("Saved as the page went");

    const second = await startTab(b, "tab-2");
    expect(second.editor.getState().map.title).toBe("Typed after the save started");
  });
});

describe("two tabs and newer work", () => {
  it("given another tab is still open, then its record is left to it", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    a.retitle("A is still typing");
    await Promise.resolve();
    const other = await startTab(b, "tab-b", openTabs(new Set(["tab-a"])));
    expect(other.recovery).toEqual({ applied: [], recovered: [] });
    expect(new PendingEdits(b.local, "x").all().map((r) => r.tabId)).toEqual(["tab-a"]);
  });

  it("given the map was saved newer since the record, then the record is offered back, never applied", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    a.retitle("A's unsaved title");
    await Promise.resolve();
    a.session.dispose();
    const id = a.session.mapId;
    const read = await b.storage.read(id);
    if (read.status !== "ok") throw new Error("not stored");
    await b.storage.write(id, updateMapInfo(read.map, { title: "B saved later" }), read.entry.revision, 5);

    const c = await startTab(b, "tab-c");
    expect(c.editor.getState().map.title).toBe("B saved later");
    const recovered = c.session.state.getState().recovered;
    expect(recovered.map((r) => [r.title, r.cause])).toEqual([["A's unsaved title", "changed"]]);

    expect(await c.session.keepRecovered(recovered[0]?.key ?? "")).toBe(true);
    const titles = (await b.storage.list()).entries.map((e) => e.title).sort();
    expect(titles).toEqual(["A's unsaved title (recovered)", "B saved later"]);
    expect(c.session.state.getState().recovered).toEqual([]);
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given the map was deleted since the record, then the record is offered back as deleted", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    a.retitle("Edited, then deleted elsewhere");
    await Promise.resolve();
    a.session.dispose();
    await b.storage.delete(a.session.mapId);

    const c = await startTab(b, "tab-c");
    const recovered = c.session.state.getState().recovered;
    expect(recovered.map((r) => [r.title, r.cause])).toEqual([["Edited, then deleted elsewhere", "deleted"]]);
    c.session.discardRecovered(recovered[0]?.key ?? "");
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given a map deleted in this tab, then its record goes with it", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    a.retitle("Deleted by me");
    await Promise.resolve();
    await a.session.remove(a.session.mapId);
    await a.session.flush();
    expect(new PendingEdits(b.local, "x").all().filter((r) => r.title === "Deleted by me")).toEqual([]);
  });

  it("given a conflict resolved by loading the latest, then the record is dropped", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    const id = a.session.mapId;
    const read = await b.storage.read(id);
    if (read.status !== "ok") throw new Error("not stored");
    a.retitle("A's edit");
    await b.storage.write(id, updateMapInfo(read.map, { title: "Newer" }), read.entry.revision, 5);
    await a.session.flush();
    expect(a.session.state.getState().status).toEqual({ kind: "conflict", cause: "newer" });
    expect(new PendingEdits(b.local, "x").all().map((r) => r.title)).toEqual(["A's edit"]);
    await a.session.reloadLatest();
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });
});

describe("limits", () => {
  it("given a map larger than localStorage holds, then the editor says so and no stale record stays", async () => {
    const b = browser(25_000);
    const tab = await startTab(b, "tab-1");
    tab.retitle("Small enough");
    await Promise.resolve();
    expect(new PendingEdits(b.local, "x").all()).toHaveLength(1);
    tab.editor.getState().apply((m) => updateMapInfo(m, { description: "x".repeat(20_000) }));
    await Promise.resolve();
    expect(tab.session.state.getState().backup).toBe("too-large");
    expect(tab.editor.getState().notice?.text).toMatch(/too large .* wait until the status says “Saved”/);
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given other records take up localStorage, then the editor says the backup space is full, not that the map is too large", async () => {
    const b = browser(25_000);
    const tab = await startTab(b, "tab-1");
    const own = serializeMap(tab.editor.getState().map).length;
    const other = new PendingEdits(b.local, "tab-other");
    expect(
      other.save("map-other", { base: 1, created: 1, title: "Other", text: "x".repeat(25_000 - own), at: 1 }),
    ).toBe("kept");
    tab.retitle("No room left");
    await Promise.resolve();
    expect(tab.session.state.getState().backup).toBe("full");
    expect(tab.editor.getState().notice?.text).toMatch(/backup space is full/);
    expect(tab.editor.getState().notice?.text).not.toMatch(/too large/);
  });

  it("given the record holds the edit, then leaving asks nothing; without room for it, leaving asks first", async () => {
    const b = browser(25_000);
    const tab = await startTab(b, "tab-1");
    tab.retitle("Held by the record");
    tab.session.backupNow();
    expect(tab.session.hasUnsavedChanges).toBe(true);
    expect(tab.session.needsLeavePrompt).toBe(false);
    tab.editor.getState().apply((m) => updateMapInfo(m, { description: "x".repeat(20_000) }));
    tab.session.backupNow();
    expect(tab.session.state.getState().backup).toBe("too-large");
    expect(tab.session.needsLeavePrompt).toBe(true);
    await tab.session.flush();
    expect(tab.session.needsLeavePrompt).toBe(false);
  });

  it("given a map over the backup limit, then it is not copied at all", () => {
    const pending = new PendingEdits(new MemoryKeyValueStore(), "t");
    const text = "x".repeat(MAX_BACKUP_CHARS + 1);
    expect(pending.save("m", { base: 1, created: 1, title: "t", text, at: 1 })).toBe("too-large");
    expect(pending.all()).toEqual([]);
  });

  it("given damaged or forged records, then they are dropped, never replayed", async () => {
    const b = browser();
    const tab = await startTab(b, "tab-1");
    b.local.setItem("handoff:pending:t2:m", "{not json");
    b.local.setItem("handoff:pending:t3:m", JSON.stringify({ v: 1, mapId: "other", tabId: "t3" }));
    const good = new PendingEdits(b.local, "t4");
    good.save(tab.session.mapId, { base: 1, created: 1, title: "Not a map", text: "{}", at: 1 });
    const next = await startTab(b, "tab-5");
    expect(next.recovery).toEqual({ applied: [], recovered: [] });
    expect(b.local.items.size).toBe(0);
    expect(next.editor.getState().map.title).toBe(tab.editor.getState().map.title);
  });

  it("given a map that was never stored (storage failed), then the next start stores it", async () => {
    const b = browser();
    b.storage.fail = (point) => (point === "write" ? new Error("disk") : undefined);
    const tab = await startTab(b, "tab-1");
    tab.retitle("Only in memory");
    await Promise.resolve();
    await sleep(0);
    tab.session.dispose();
    b.storage.fail = () => undefined;
    const next = await startTab(b, "tab-2");
    expect(next.recovery.applied).toEqual(["Only in memory"]);
    expect((await b.storage.list()).entries.map((e) => e.title)).toContain("Only in memory");
  });
});

describe("what a record is replayed onto", () => {
  it("given the map was deleted, restored and saved up to the record's revision again, then the record is offered back, never applied", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    const id = a.session.mapId;
    a.retitle("A saved once");
    await a.session.flush();
    a.retitle("A saved twice");
    await a.session.flush();
    expect(a.session.state.getState().revision).toBe(3);
    a.retitle("A's edit on revision 3, then a crash");
    a.session.backupNow();
    const tabB = await startTab(b, "tab-b", openTabs(new Set(["tab-a"])));
    a.session.dispose();
    // Tab B deletes the map, undoes the delete (revision 1 again) and saves twice: revision 3.
    await sleep(2);
    expect(await tabB.session.remove(id)).toBe(true);
    expect(await tabB.session.undoDelete()).toBe(true);
    expect(await tabB.session.open(id)).toBe(true);
    tabB.retitle("B's work after the restore");
    await tabB.session.flush();
    tabB.retitle("B's newer work after the restore");
    await tabB.session.flush();
    expect(tabB.session.state.getState().revision).toBe(3);

    const c = await startTab(b, "tab-c");
    expect(c.recovery.applied).toEqual([]);
    expect(await storedTitle(b, id)).toBe("B's newer work after the restore");
    expect(c.recovery.recovered.map((r) => [r.title, r.cause])).toEqual([
      ["A's edit on revision 3, then a crash", "changed"],
    ]);
  });

  it("given two starts replaying the same record at once, then the one that loses the race finds it stored, not changed", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    const id = a.session.mapId;
    a.retitle("Replayed by both");
    a.session.backupNow();
    a.session.dispose();
    // The other start replays the same record between this start's read and its write.
    const write = b.storage.write.bind(b.storage);
    b.storage.write = async (...args) => {
      b.storage.write = write;
      await write(...args);
      return write(...args);
    };
    const recovery = await recoverPendingEdits(b.storage, new PendingEdits(b.local, "tab-c"), closedTabs);
    expect(recovery).toEqual({ applied: [], recovered: [] });
    expect(await storedTitle(b, id)).toBe("Replayed by both");
    expect(new PendingEdits(b.local, "x").all()).toEqual([]);
  });

  it("given storage could not be opened, then no record is offered as deleted and all stay for the next start", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    a.retitle("Safe on disk, storage blocked now");
    a.session.backupNow();
    a.session.dispose();
    const unavailable = new UnavailableStorage(new StorageUnavailableError("blocked"));
    const recovery = await recoverPendingEdits(unavailable, new PendingEdits(b.local, "tab-c"), closedTabs);
    expect(recovery).toEqual({ applied: [], recovered: [] });
    expect(new PendingEdits(b.local, "x").all().map((r) => r.title)).toEqual([
      "Safe on disk, storage blocked now",
    ]);
  });

  it("given a record replayed, then open tabs are told of the new revision and a clean tab showing the map follows", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    const id = a.session.mapId;
    const watcher = await startTab(b, "tab-w", openTabs(new Set(["tab-a"])));
    a.retitle("Replayed while another tab watches");
    a.session.backupNow();
    a.session.dispose();
    const recovery = await recoverPendingEdits(b.storage, new PendingEdits(b.local, "tab-c"), closedTabs, {
      channel: b.hub.open(),
    });
    expect(recovery.applied).toEqual(["Replayed while another tab watches"]);
    await sleep(0);
    await sleep(0);
    expect(watcher.session.mapId).toBe(id);
    expect(watcher.editor.getState().map.title).toBe("Replayed while another tab watches");
    expect(watcher.session.state.getState().revision).toBe(2);
  });

  it("given two closed tabs' edits on the same version, then the newer is applied and the older offered back", async () => {
    const b = browser();
    const a = await startTab(b, "tab-a");
    const id = a.session.mapId;
    const read = await b.storage.read(id);
    if (read.status !== "ok") throw new Error("not stored");
    const base = { base: read.entry.revision, created: read.entry.createdAt };
    const older = updateMapInfo(read.map, { title: "Older edit" });
    const newer = updateMapInfo(read.map, { title: "Newer edit" });
    // The newer record is written first, so that storage order is not the order by time.
    new PendingEdits(b.local, "tab-new").save(id, {
      ...base,
      title: "Newer edit",
      text: JSON.stringify(newer),
      at: 20,
    });
    new PendingEdits(b.local, "tab-old").save(id, {
      ...base,
      title: "Older edit",
      text: JSON.stringify(older),
      at: 10,
    });
    a.session.dispose();
    const recovery = await recoverPendingEdits(b.storage, new PendingEdits(b.local, "tab-c"), closedTabs);
    expect(recovery.applied).toEqual(["Newer edit"]);
    expect(recovery.recovered.map((r) => [r.title, r.cause])).toEqual([["Older edit", "changed"]]);
    expect(await storedTitle(b, id)).toBe("Newer edit");
  });
});
