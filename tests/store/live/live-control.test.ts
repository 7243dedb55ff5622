import { describe, expect, it } from "vitest";
import * as ops from "../../../src/model/operations";
import { LiveControl as Control, type LiveControl } from "../../../src/store/live/live-control";
import { MemoryStorage } from "../../../src/store/persistence/memory-storage";
import { FakeTabHub, openTab, sleep, type Tab } from "../persistence/session-fixtures";
import { MemoryRelay } from "./memory-relay";

const endpoint = { serverUrl: "ws://relay.test/live", key: null };

function memory(): Map<string, string> & {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
} {
  const store = new Map<string, string>() as Map<string, string> & {
    getItem(k: string): string | null;
    setItem(k: string, v: string): void;
  };
  store.getItem = (k) => store.get(k) ?? null;
  store.setItem = (k, v) => {
    store.set(k, v);
  };
  return store;
}

async function browser(relay: MemoryRelay): Promise<{ tab: Tab; live: LiveControl; storage: MemoryStorage }> {
  const storage = new MemoryStorage();
  const tab = await openTab(storage, new FakeTabHub());
  const live = new Control({
    editor: tab.editor,
    mapSession: tab.session,
    memory: memory(),
    keepOffline: false,
    connect: () => relay.connect,
  });
  return { tab, live, storage };
}

describe("starting, joining and leaving live rooms", () => {
  it("a participant's room opens as a library map of its own: their own map is never written over", async () => {
    const relay = new MemoryRelay();
    const ana = await browser(relay);
    const ben = await browser(relay);
    const bensOwn = ben.tab.session.mapId;
    ben.tab.editor.getState().apply((m) => ops.updateMapInfo(m, { title: "Ben's own map" }));
    await ben.tab.session.flushAll();

    const roomId = ana.live.start(endpoint, "Ana");
    await ben.live.join(endpoint, roomId, "Ben");

    expect(ben.tab.session.mapId).not.toBe(bensOwn);
    const stored = await ben.storage.read(bensOwn);
    expect(stored.status === "ok" && stored.map.title).toBe("Ben's own map");
    expect(ben.tab.editor.getState().map.steps).toEqual(ana.tab.editor.getState().map.steps);
  });

  it("the name is remembered, and leaving keeps the room's map in the library, saved", async () => {
    const relay = new MemoryRelay();
    const ana = await browser(relay);
    const ben = await browser(relay);
    const roomId = ana.live.start(endpoint, "  Ana   Lopez ");
    expect(ana.live.rememberedName).toBe("Ana Lopez");
    await ben.live.join(endpoint, roomId, "Ben");
    const id = ana.tab.editor.getState().map.steps[0]?.id ?? "";
    ana.tab.editor.getState().apply((m) => ops.updateStep(m, id, { label: "Edited live" }));
    ben.live.leave();
    expect(ben.live.state.getState().session).toBeNull();
    await ben.tab.session.flushAll();
    await sleep(30);
    const stored = await ben.storage.read(ben.tab.session.mapId);
    expect(stored.status === "ok" && stored.map.steps[0]?.label).toBe("Edited live");
  });

  it("opening another map from the library leaves the room, and the room is not written to", async () => {
    const relay = new MemoryRelay();
    const ana = await browser(relay);
    const ben = await browser(relay);
    const roomId = ana.live.start(endpoint, "Ana");
    await ben.live.join(endpoint, roomId, "Ben");
    const before = ana.tab.editor.getState().map;
    await ben.tab.session.createFromTemplate("revops", { discardUnsaved: true });
    expect(ben.live.state.getState().session).toBeNull();
    expect(ana.tab.editor.getState().map).toEqual(before);
  });
});
