import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { createEditorStore } from "../../../src/store/editor-store";
import { IndexedDbStorage } from "../../../src/store/persistence/indexeddb-storage";
import { MapSession } from "../../../src/store/persistence/map-session";
import { openInitialMap } from "../../../src/store/persistence/open-initial";
import { FakeTabHub, noLayout, sleep } from "./session-fixtures";

/**
 * Another tab deletes, clears or upgrades the database under an open tab: the tab opens its
 * connection again, saves what it holds, and says what happened. Nothing held in memory is lost.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function openApp() {
  const factory = new IDBFactory();
  const storage = await IndexedDbStorage.open(factory);
  const initial = await openInitialMap(storage);
  const editor = createEditorStore({ map: initial.opened.map, runLayout: noLayout });
  const session = new MapSession({
    storage,
    editor,
    opened: initial.opened,
    channel: new FakeTabHub().open(),
    debounceMs: 10,
    retryMs: 30,
  });
  cleanups.push(() => {
    session.dispose();
    storage.close();
  });
  const retitle = (title: string) => editor.getState().apply((m) => updateMapInfo(m, { title }));
  const status = () => session.state.getState().status;
  return { factory, storage, editor, session, retitle, status };
}

function deleteDatabase(factory: IDBFactory): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase("handoff");
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

async function until(check: () => boolean, ms = 2_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(10);
  }
}

describe("the database goes away under an open tab", () => {
  it("given another tab deleted the database, when the user edits, then the map is saved again and the user told", async () => {
    const app = await openApp();
    await deleteDatabase(app.factory);
    app.retitle("Edited after the database was deleted");
    await until(() => app.status().kind === "saved" && app.session.state.getState().revision > 0);
    const read = await app.storage.read(app.session.mapId);
    expect(read.status === "ok" && read.map.title).toBe("Edited after the database was deleted");
    expect(app.editor.getState().notice?.text).toMatch(/storage in this browser was deleted/);
  });

  it("given the connection closed by the browser, then the next save opens it again", async () => {
    const app = await openApp();
    // What Chromium does when site data is cleared: the connection closes (onclose).
    const db = (app.storage as unknown as { db: IDBDatabase }).db;
    db.close();
    db.onclose?.(new Event("close"));
    app.retitle("Saved on a new connection");
    await until(() => app.status().kind === "saved" && !app.session.hasUnsavedChanges);
    const read = await app.storage.read(app.session.mapId);
    expect(read.status === "ok" && read.map.title).toBe("Saved on a new connection");
  });

  it("given another tab upgraded the database, then the status says so (not a private window) and the edits stay", async () => {
    const app = await openApp();
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = app.factory.open("handoff", 2);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    cleanups.push(() => upgraded.close());
    app.retitle("Kept while storage is newer");
    await until(() => app.status().kind === "failed");
    const status = app.status();
    expect(status.kind === "failed" && status.reason).toMatch(/another tab upgraded Handoff's storage/);
    expect(status.kind === "failed" && status.reason).not.toMatch(/private window/);
    expect(app.editor.getState().map.title).toBe("Kept while storage is newer");
    expect(app.session.currentText()).toContain("Kept while storage is newer");
  });
});
