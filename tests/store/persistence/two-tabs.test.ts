import { afterEach, describe, expect, it } from "vitest";
import { updateMapInfo } from "../../../src/model/operations";
import { MemoryStorage } from "../../../src/store/persistence/memory-storage";
import { FakeTabHub, openTab, sleep, type Tab } from "./session-fixtures";

const retitle = (tab: Tab, title: string) => tab.editor.getState().apply((m) => updateMapInfo(m, { title }));
const status = (tab: Tab) => tab.session.state.getState().status.kind;

let tabs: Tab[] = [];
afterEach(() => {
  for (const tab of tabs) tab.session.dispose();
  tabs = [];
});

async function twoTabs() {
  const storage = new MemoryStorage();
  const hub = new FakeTabHub();
  const a = await openTab(storage, hub);
  const b = await openTab(storage, hub);
  tabs.push(a, b);
  return { storage, a, b };
}

describe("two tabs on one map", () => {
  it("given a clean tab, when the other saves an edit, then the clean tab shows it", async () => {
    const { a, b } = await twoTabs();
    expect(b.session.mapId).toBe(a.session.mapId);

    retitle(a, "Edited in A");
    await a.session.flush();
    await sleep(10);

    expect(b.editor.getState().map.title).toBe("Edited in A");
    expect(b.session.state.getState().revision).toBe(a.session.state.getState().revision);
    expect(status(b)).toBe("saved");
  });

  it("given unsaved edits in both tabs, when one saves, then the other locks and keeps its edit", async () => {
    const { storage, a, b } = await twoTabs();
    retitle(a, "Title from A");
    retitle(b, "Title from B");
    await a.session.flush();
    await sleep(10);
    await b.session.flush();

    expect(status(a)).toBe("saved");
    expect(status(b)).toBe("conflict");
    expect(b.editor.getState().map.title).toBe("Title from B");
    const stored = await storage.read(a.session.mapId);
    expect(stored.status === "ok" && stored.map.title).toBe("Title from A");

    // While locked, the editor refuses edits (keyboard shortcuts included), with the reason shown.
    retitle(b, "Typed while locked");
    expect(b.editor.getState().map.title).toBe("Title from B");
    expect(b.editor.getState().notice?.text).toMatch(/changed in another tab/);

    // Then: keeping B's version makes a new map, and both titles are in storage.
    expect(await b.session.saveAsNewMap()).toBe(true);
    expect(status(b)).toBe("saved");
    const { entries } = await storage.list();
    expect(entries.map((e) => e.title).sort()).toEqual(["Title from A", "Title from B (this tab's version)"]);
  });

  it("given both tabs writing at once, when storage compares revisions, then exactly one write wins", async () => {
    const { storage, a, b } = await twoTabs();
    retitle(a, "Title from A");
    retitle(b, "Title from B");
    await Promise.all([a.session.flush(), b.session.flush()]);
    await sleep(10);

    const kinds = [status(a), status(b)].sort();
    expect(kinds).toEqual(["conflict", "saved"]);
    const stored = await storage.read(a.session.mapId);
    const winner = status(a) === "saved" ? "Title from A" : "Title from B";
    expect(stored.status === "ok" && stored.map.title).toBe(winner);
  });

  it("given a conflict, when the user reloads the latest, then the tab shows it and saves again", async () => {
    const { a, b } = await twoTabs();
    retitle(a, "Title from A");
    retitle(b, "Title from B");
    await a.session.flush();
    await sleep(10);
    await b.session.flush();
    expect(status(b)).toBe("conflict");

    await b.session.reloadLatest();
    expect(b.editor.getState().map.title).toBe("Title from A");
    retitle(b, "B after reload");
    await b.session.flush();
    expect(status(b)).toBe("saved");
  });

  it("given the open map is deleted in another tab, then this tab locks instead of writing it back", async () => {
    const { storage, a, b } = await twoTabs();
    await a.session.remove(a.session.mapId);
    await sleep(10);
    expect(status(b)).toBe("conflict");
    expect(b.session.state.getState().status).toEqual({ kind: "conflict", cause: "deleted" });
    const { entries } = await storage.list();
    expect(entries.some((e) => e.id === b.session.mapId)).toBe(false);
  });

  it("given both tabs made the same change, when one is refused as stale, then it adopts the stored revision", async () => {
    const { a, b } = await twoTabs();
    retitle(a, "Same title");
    retitle(b, "Same title");
    await a.session.flush();
    await b.session.flush();
    await sleep(10);
    expect(status(a)).toBe("saved");
    expect(status(b)).toBe("saved");
    expect(b.session.state.getState().revision).toBe(a.session.state.getState().revision);
  });
});
