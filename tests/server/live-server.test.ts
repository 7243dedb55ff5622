/**
 * `handoff serve` against real clients: the server runs in this process on a free port, the
 * clients are y-websocket providers (or raw websockets for hostile input) over loopback.
 */
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CLOSE_CODES } from "../../src/live/live-protocol";
import { MAP_DOC_KEYS, readMap, writeMap } from "../../src/live/map-doc";
import { newRoomId } from "../../src/live/room-id";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import {
  connectClient,
  makeDirs,
  rawClient,
  startTestServer,
  type TestServer,
  waitFor,
  whenSynced,
} from "./live-harness";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options);
  cleanups.push(() => started.stop());
  return started;
}

function client(wsUrl: string, room: string, options: Parameters<typeof connectClient>[2] = {}) {
  const connected = connectClient(wsUrl, room, options);
  cleanups.push(() => {
    connected.provider.destroy();
    connected.doc.destroy();
  });
  return connected;
}

function mapOf(doc: Y.Doc): HandoffMap | null {
  const result = readMap(doc);
  return result.ok ? result.map : null;
}

/** A y-websocket sync update message carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe("sync", () => {
  it("given two people in one room, when one writes the map and the other edits it, then both have both", async () => {
    const { wsUrl } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    const ben = client(wsUrl, room);
    await Promise.all([whenSynced(ana.provider), whenSynced(ben.provider)]);
    const map = createRevOpsTemplate();
    writeMap(ana.doc, map, "ana");
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
    expect(mapOf(ben.doc)).toEqual(map);
    const edited = ops.updateStep(map, map.steps[0]?.id as string, { label: "Ben's label" });
    writeMap(ben.doc, edited, "ben");
    await waitFor(() => mapOf(ana.doc)?.steps[0]?.label === "Ben's label", "Ana to receive Ben's edit");
    expect(mapOf(ana.doc)).toEqual(edited);
  });

  it("given a room with a map, when a late joiner connects, then it receives the whole map; other rooms stay apart", async () => {
    const { wsUrl } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    await whenSynced(ana.provider);
    writeMap(ana.doc, createRevOpsTemplate(), "ana");
    const late = client(wsUrl, room);
    await waitFor(() => mapOf(late.doc) !== null, "the late joiner to receive the map");
    const elsewhere = client(wsUrl, newRoomId());
    await whenSynced(elsewhere.provider);
    expect(mapOf(elsewhere.doc)).toBeNull();
  });

  it("relays presence (awareness) between the people in a room", async () => {
    const { wsUrl } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    const ben = client(wsUrl, room);
    await Promise.all([whenSynced(ana.provider), whenSynced(ben.provider)]);
    ana.provider.awareness.setLocalStateField("user", { name: "Ana", color: "#0ea5e9" });
    await waitFor(
      () => [...ben.provider.awareness.getStates().values()].some((s) => s.user?.name === "Ana"),
      "Ben to see Ana",
    );
  });
});

describe("the editor and the discovery endpoint", () => {
  it("serves the editor, its assets, and says a live server is here", async () => {
    const { url } = await server({ key: "secret" });
    const info = await fetch(`${url}/handoff-live.json`);
    expect(await info.json()).toEqual({ version: 1, keyRequired: true });
    const index = await fetch(`${url}/?room=${newRoomId()}&key=secret`);
    expect(index.status).toBe(200);
    expect(index.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await index.text()).toContain("<title>Handoff</title>");
    const asset = await fetch(`${url}/assets/app-1234.js`);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${url}/%2e%2e/%2e%2e/etc/passwd`)).text()).not.toMatch(/root:/);
    expect((await fetch(`${url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${url}/`, { method: "POST" })).status).toBe(405);
  });

  it("without a key, says none is required", async () => {
    const { url } = await server();
    expect(await (await fetch(`${url}/handoff-live.json`)).json()).toEqual({
      version: 1,
      keyRequired: false,
    });
  });
});

describe("persistence", () => {
  it("given edits in two rooms, when the server stops and starts again, then every room is intact", async () => {
    const dirs = makeDirs();
    const first = await startTestServer({}, dirs);
    const rooms = [newRoomId(), newRoomId()];
    const expected: HandoffMap[] = [];
    for (const [index, room] of rooms.entries()) {
      const writer = connectClient(first.wsUrl, room);
      await whenSynced(writer.provider);
      let map = createRevOpsTemplate();
      writeMap(writer.doc, map);
      map = ops.updateMapInfo(map, { title: `Room ${index}` });
      writeMap(writer.doc, map);
      expected.push(map);
      const watcher = connectClient(first.wsUrl, room);
      await waitFor(() => mapOf(watcher.doc)?.title === `Room ${index}`, "the edit to reach a second client");
      writer.provider.destroy();
      watcher.provider.destroy();
    }
    await first.server.close();
    const second = await startTestServer({}, dirs);
    cleanups.push(() => second.stop());
    for (const [index, room] of rooms.entries()) {
      const reader = client(second.wsUrl, room);
      await whenSynced(reader.provider);
      await waitFor(() => mapOf(reader.doc) !== null, "the stored map");
      expect(mapOf(reader.doc)).toEqual(expected[index]);
    }
  });

  it("compacts the log into a snapshot once it grows, and loads from it", async () => {
    const dirs = makeDirs();
    const first = await startTestServer({ limits: { compactBytes: 4096 } }, dirs);
    const room = newRoomId();
    const writer = connectClient(first.wsUrl, room);
    await whenSynced(writer.provider);
    let map = createRevOpsTemplate();
    writeMap(writer.doc, map);
    for (let i = 0; i < 40; i++) {
      map = ops.updateStep(map, map.steps[i % map.steps.length]?.id as string, { owner: `Owner ${i}` });
      writeMap(writer.doc, map);
    }
    const watcher = connectClient(first.wsUrl, room);
    await waitFor(
      () => mapOf(watcher.doc)?.steps.some((s) => s.owner === "Owner 39") === true,
      "the last edit",
    );
    const { readdirSync, statSync } = await import("node:fs");
    const roomDir = `${dirs.dataDir}/${room}`;
    expect(readdirSync(roomDir).sort()).toEqual(["snapshot.bin", "updates.log"]);
    expect(statSync(`${roomDir}/updates.log`).size).toBeLessThan(4096 + 1024);
    writer.provider.destroy();
    watcher.provider.destroy();
    await first.server.close();
    const second = await startTestServer({}, dirs);
    cleanups.push(() => second.stop());
    const reader = client(second.wsUrl, room);
    await waitFor(() => mapOf(reader.doc) !== null, "the stored map");
    expect(mapOf(reader.doc)).toEqual(map);
  });
});

describe("bad input ends only the connection that sent it", () => {
  it("malformed, truncated and text frames close that connection with 4400; unknown types are ignored", async () => {
    const { wsUrl, lines } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    await whenSynced(ana.provider);
    writeMap(ana.doc, createRevOpsTemplate(), "ana");

    const frames: (Uint8Array | string)[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      new Uint8Array([0, 2, 0x85, 0x01, 1, 2]), // an update whose length runs past the end
      new Uint8Array([0, 1, 5, 1, 2, 3, 4, 5]), // five bytes that are not an update
      new Uint8Array([0, 9]), // sync message type 9
      new Uint8Array([1, 3, 1, 2, 3]), // awareness that is not awareness
      new Uint8Array([1, 0x80, 0x80, 0x08, ...new Uint8Array(131072)]), // 128 KB of presence
      new Uint8Array([]),
      "hello",
    ];
    for (const frame of frames) {
      const raw = rawClient(`${wsUrl}/${room}`);
      expect(await raw.opened).toBe(true);
      raw.ws.send(frame);
      expect((await raw.closed).code).toBe(CLOSE_CODES.badMessage);
    }
    const unknown = rawClient(`${wsUrl}/${room}`);
    expect(await unknown.opened).toBe(true);
    unknown.ws.send(new Uint8Array([7, 1, 2, 3]));
    unknown.ws.send(new Uint8Array([0, 0, 1, 0])); // then a sync step 1 (empty state vector): answered
    await waitFor(() => unknown.messages.some((m) => m[0] === 0 && m[1] === 1), "a sync step 2 reply");
    unknown.ws.close();

    // The room and the server are fine: a new person joins and gets the map; Ana still edits.
    const ben = client(wsUrl, room);
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
    const edited = ops.updateMapInfo(mapOf(ana.doc) as HandoffMap, { title: "Still here" });
    writeMap(ana.doc, edited, "ana");
    await waitFor(() => mapOf(ben.doc)?.title === "Still here", "Ana's edit after the bad frames");
    expect(lines.some((line) => /malformed message/.test(line))).toBe(true);
  });

  it("a 10 MB frame is refused (1009) and logged with the limit; the room goes on", async () => {
    const { wsUrl, lines } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    await whenSynced(ana.provider);
    writeMap(ana.doc, createRevOpsTemplate(), "ana");
    const raw = rawClient(`${wsUrl}/${room}`);
    expect(await raw.opened).toBe(true);
    const big = new Uint8Array(10 * 1024 * 1024);
    big[0] = 0;
    big[1] = 2;
    raw.ws.send(big);
    expect((await raw.closed).code).toBe(CLOSE_CODES.messageTooBig);
    await waitFor(() => lines.some((l) => /larger than the 4 MB limit/.test(l)), "the log line");
    const ben = client(wsUrl, room);
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
  });

  it("a thousand connections from one address: past 64 refused (429), others still served", async () => {
    const { wsUrl, lines } = await server();
    const room = newRoomId();
    const flood = Array.from({ length: 1000 }, () =>
      rawClient(`${wsUrl}/${room}`, { localAddress: "127.0.0.2" }),
    );
    cleanups.push(() => {
      for (const raw of flood) raw.ws.terminate();
    });
    const opened = await Promise.all(flood.map((raw) => raw.opened));
    expect(opened.filter(Boolean).length).toBe(64);
    expect(lines.filter((l) => /refused connections from 127\.0\.0\.2/.test(l))).toHaveLength(1);
    // Someone else, from another address, is served as usual.
    const ana = client(wsUrl, room);
    await whenSynced(ana.provider);
    writeMap(ana.doc, createRevOpsTemplate(), "ana");
    const ben = client(wsUrl, room);
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
  }, 60_000);

  it("an update that would make the map invalid is refused: the sender is told, the room keeps its state", async () => {
    const { wsUrl, lines } = await server();
    const room = newRoomId();
    const ana = client(wsUrl, room);
    await whenSynced(ana.provider);
    const map = createRevOpsTemplate();
    writeMap(ana.doc, map, "ana");

    // Mallory syncs properly, then deletes a label: the map would have a step without a label.
    const mallory = client(wsUrl, room);
    await waitFor(() => mapOf(mallory.doc) !== null, "Mallory to sync");
    const permission: string[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => permission.push(args.join(" "));
    cleanups.push(() => {
      console.warn = originalWarn;
    });
    const step = map.steps[0]?.id as string;
    (mallory.doc.getMap(MAP_DOC_KEYS.steps).get(step) as Y.Map<unknown>).delete("label");
    await waitFor(() => mallory.closes.length > 0, "Mallory to be disconnected");
    expect(mallory.closes[0]?.code).toBe(CLOSE_CODES.invalidMap);
    expect(mallory.closes[0]?.reason).toMatch(/not a valid map/);
    expect(permission.join("\n")).toMatch(/Permission denied/);
    expect(lines.some((l) => /refused a message .*not a valid map/.test(l))).toBe(true);

    // A raw update that is a valid Yjs update but puts a number where a lane belongs.
    const raw = rawClient(`${wsUrl}/${room}`);
    expect(await raw.opened).toBe(true);
    const evil = new Y.Doc();
    evil.getMap(MAP_DOC_KEYS.lanes).set("lane-x", 42);
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(evil)));
    expect((await raw.closed).code).toBe(CLOSE_CODES.invalidMap);

    // The room kept its last valid state, for Ana and for anyone joining.
    const ben = client(wsUrl, room);
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
    expect(mapOf(ben.doc)).toEqual(map);
    const edited = ops.updateMapInfo(map, { title: "After the attack" });
    writeMap(ana.doc, edited, "ana");
    await waitFor(() => mapOf(ben.doc)?.title === "After the attack", "Ana's next edit");
    expect(mapOf(ben.doc)).toEqual(edited);
  });

  it("a new room refuses a first update that is not a map", async () => {
    const { wsUrl } = await server();
    const room = newRoomId();
    const raw = rawClient(`${wsUrl}/${room}`);
    expect(await raw.opened).toBe(true);
    const evil = new Y.Doc();
    evil.getMap(MAP_DOC_KEYS.meta).set("title", "No lanes, no format");
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(evil)));
    expect((await raw.closed).code).toBe(CLOSE_CODES.invalidMap);
  });
});

describe("access", () => {
  it("with --key, a connection without the key or with a wrong one is refused (4401); with it, it syncs", async () => {
    const { wsUrl, lines } = await server({ key: "correct horse" });
    const room = newRoomId();
    const none = rawClient(`${wsUrl}/${room}`);
    expect((await none.closed).code).toBe(CLOSE_CODES.keyRequired);
    expect(none.messages).toEqual([]);
    const wrong = client(wsUrl, room, { key: "battery staple" });
    await waitFor(() => wrong.closes.length > 0, "the wrong key to be refused");
    expect(wrong.closes[0]).toEqual({ code: CLOSE_CODES.keyRequired, reason: "wrong key" });
    expect(wrong.provider.synced).toBe(false);
    const right = client(wsUrl, room, { key: "correct horse" });
    await whenSynced(right.provider);
    expect(lines.some((l) => /refused a connection from .*: wrong key/.test(l))).toBe(true);
    expect(lines.join("\n")).not.toContain("battery staple");
  });

  it("refuses room ids shorter than 128 bits (4404)", async () => {
    const { wsUrl } = await server();
    for (const id of ["workshop", "a".repeat(21), "room%2F..%2F..", `${"a".repeat(30)}.json`]) {
      const raw = rawClient(`${wsUrl}/${id}`);
      expect((await raw.closed).code).toBe(CLOSE_CODES.badRoomId);
    }
    const ok = rawClient(`${wsUrl}/${newRoomId()}`);
    expect(await ok.opened).toBe(true);
    ok.ws.close();
  });
});
