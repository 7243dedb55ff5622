/**
 * Peers that edit the same map at once, each with its own Y.Doc, exchanging updates in a random
 * order with offline periods (updates held back, then delivered): they always converge to the
 * same valid map, every read along the way is a valid map, and one peer's undo never removes
 * another peer's work.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { mapDocTypes, readMap, writeMap } from "../../src/live/map-doc";
import * as ops from "../../src/model/operations";
import { parseMap } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";

const text = fc.constantFrom("Lead capture", "Discovery", "__proto__", "步骤", "🚀 launch", "Renewal");
const pick = fc.nat({ max: 60 });
const edit = fc.oneof(
  fc.record({ kind: fc.constant("title" as const), title: text }),
  fc.record({ kind: fc.constant("addLane" as const), name: text, index: pick }),
  fc.record({ kind: fc.constant("updateLane" as const), lane: pick, name: text }),
  fc.record({ kind: fc.constant("moveLane" as const), lane: pick, delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant("removeLane" as const), lane: pick, to: pick }),
  fc.record({ kind: fc.constant("addPhase" as const), name: text }),
  fc.record({ kind: fc.constant("removePhase" as const), phase: pick }),
  fc.record({ kind: fc.constant("addStep" as const), lane: pick, phase: pick, label: text }),
  fc.record({ kind: fc.constant("updateStep" as const), step: pick, label: text, owner: text }),
  fc.record({ kind: fc.constant("dropStep" as const), step: pick, x: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ kind: fc.constant("moveStep" as const), step: pick, lane: pick }),
  fc.record({ kind: fc.constant("removeStep" as const), step: pick }),
  fc.record({ kind: fc.constant("connect" as const), from: pick, to: pick }),
  fc.record({ kind: fc.constant("reconnect" as const), handoff: pick, from: pick, to: pick }),
  fc.record({ kind: fc.constant("removeHandoff" as const), handoff: pick }),
  fc.record({ kind: fc.constant("addEdgeCase" as const), handoff: pick, title: text }),
  fc.record({ kind: fc.constant("updateEdgeCase" as const), edgeCase: pick, title: text }),
  fc.record({ kind: fc.constant("vote" as const), edgeCase: pick, delta: fc.integer({ min: -1, max: 2 }) }),
  fc.record({ kind: fc.constant("removeEdgeCase" as const), edgeCase: pick }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const at = <T extends { id: string }>(items: readonly T[], index: number): string =>
  items.length === 0 ? "missing" : (items[index % items.length] as T).id;

/** One edit through the model's pure edit functions; new ids are unique per peer, like random ids. */
function apply(m: HandoffMap, e: Edit, newId: () => string): HandoffMap {
  const edgeCases = m.handoffs.flatMap((h) => h.edgeCases);
  switch (e.kind) {
    case "title":
      return ops.updateMapInfo(m, { title: e.title });
    case "addLane":
      return ops.addLane(m, { id: newId(), name: e.name, index: e.index % (m.lanes.length + 1) });
    case "updateLane":
      return ops.updateLane(m, at(m.lanes, e.lane), { name: e.name });
    case "moveLane":
      return ops.moveLane(m, at(m.lanes, e.lane), e.delta);
    case "removeLane":
      return ops.removeLane(m, at(m.lanes, e.lane), { moveStepsTo: at(m.lanes, e.to) });
    case "addPhase":
      return ops.addPhase(m, { id: newId(), name: e.name });
    case "removePhase":
      return ops.removePhase(m, at(m.phases, e.phase));
    case "addStep":
      return ops.addStep(m, {
        id: newId(),
        lane: at(m.lanes, e.lane),
        ...(m.phases.length === 0 ? {} : { phase: at(m.phases, e.phase) }),
        label: e.label,
      });
    case "updateStep":
      return ops.updateStep(m, at(m.steps, e.step), { label: e.label, owner: e.owner });
    case "dropStep":
      return ops.setPositions(m, new Map([[at(m.steps, e.step), { x: e.x, y: 20 }]]));
    case "moveStep":
      return ops.moveStep(m, at(m.steps, e.step), { lane: at(m.lanes, e.lane) });
    case "removeStep":
      return ops.removeStep(m, at(m.steps, e.step));
    case "connect":
      return ops.connect(m, { id: newId(), from: at(m.steps, e.from), to: at(m.steps, e.to) });
    case "reconnect":
      return ops.reconnect(m, at(m.handoffs, e.handoff), {
        from: at(m.steps, e.from),
        to: at(m.steps, e.to),
      });
    case "removeHandoff":
      return ops.removeHandoff(m, at(m.handoffs, e.handoff));
    case "addEdgeCase":
      return ops.addEdgeCase(m, at(m.handoffs, e.handoff), { id: newId(), title: e.title });
    case "updateEdgeCase":
      return ops.updateEdgeCase(m, at(edgeCases, e.edgeCase), { title: e.title });
    case "vote":
      return ops.voteEdgeCase(m, at(edgeCases, e.edgeCase), e.delta);
    case "removeEdgeCase":
      return ops.removeEdgeCase(m, at(edgeCases, e.edgeCase));
  }
}

const event = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant("edit" as const), peer: fc.nat(), edit }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant("deliver" as const),
      from: fc.nat(),
      to: fc.nat(),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("offline" as const), peer: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("online" as const), peer: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("undo" as const), peer: fc.nat() }) },
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

interface Peer {
  name: string;
  doc: Y.Doc;
  origin: { peer: string };
  undo: Y.UndoManager;
  online: boolean;
  /** Updates made here, not yet delivered, per receiving peer. */
  outbox: Map<number, Uint8Array[]>;
  counter: number;
}

const REMOTE = "remote";

function read(peer: Peer): HandoffMap {
  const result = readMap(peer.doc);
  if (!result.ok) throw new Error(`${peer.name}: ${result.errors.join("; ")}`);
  return result.map;
}

function makePeers(count: number, base: HandoffMap): Peer[] {
  const seed = new Y.Doc();
  writeMap(seed, base, "seed");
  const state = Y.encodeStateAsUpdate(seed);
  const peers: Peer[] = Array.from({ length: count }, (_, index) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state, REMOTE);
    const origin = { peer: `p${index}` };
    return {
      name: `p${index}`,
      doc,
      origin,
      undo: new Y.UndoManager(mapDocTypes(doc), {
        trackedOrigins: new Set([origin]),
        captureTimeout: 0,
      }),
      online: true,
      outbox: new Map(),
      counter: 0,
    };
  });
  for (const [index, peer] of peers.entries()) {
    for (const other of peers.keys()) if (other !== index) peer.outbox.set(other, []);
    peer.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (const queue of peer.outbox.values()) queue.push(update);
    });
  }
  return peers;
}

function deliver(peers: Peer[], from: number, to: number, pickIndex: number): void {
  const queue = peers[from]?.outbox.get(to);
  if (queue === undefined || queue.length === 0) return;
  // One peer's updates arrive in the order they were made, as over a websocket through the
  // server; which peer's come first, and how many at a time, is random.
  const batch = queue.splice(0, 1 + (pickIndex % queue.length));
  for (const update of batch) Y.applyUpdate((peers[to] as Peer).doc, update, REMOTE);
}

function deliverEverything(peers: Peer[], order: number): void {
  let n = order;
  for (;;) {
    const pending = peers.flatMap((peer, from) =>
      [...peer.outbox.entries()].filter(([, queue]) => queue.length > 0).map(([to]) => [from, to] as const),
    );
    if (pending.length === 0) return;
    const [from, to] = pending[n % pending.length] as readonly [number, number];
    deliver(peers, from, to, n);
    n = (n * 7 + 3) % 1009;
  }
}

function run(peers: Peer[], events: readonly Event[]): void {
  for (const e of events) {
    switch (e.type) {
      case "edit": {
        const peer = peers[e.peer % peers.length] as Peer;
        const before = read(peer);
        let after: HandoffMap;
        try {
          after = apply(before, e.edit, () => `${peer.name}-${peer.counter++}`);
        } catch (error) {
          if (error instanceof ops.EditError) break;
          throw error;
        }
        writeMap(peer.doc, after, peer.origin);
        expect(read(peer)).toEqual(after);
        break;
      }
      case "deliver": {
        const from = e.from % peers.length;
        const to = e.to % peers.length;
        if (from === to || !peers[from]?.online || !peers[to]?.online) break;
        deliver(peers, from, to, e.pick);
        read(peers[to] as Peer);
        break;
      }
      case "offline":
        (peers[e.peer % peers.length] as Peer).online = false;
        break;
      case "online":
        (peers[e.peer % peers.length] as Peer).online = true;
        break;
      case "undo": {
        const peer = peers[e.peer % peers.length] as Peer;
        peer.undo.undo();
        read(peer);
        break;
      }
    }
  }
}

describe("property: concurrent peers converge to the same valid map", () => {
  it.each([2, 3])("%i peers, random edits, random delivery order, offline periods", (count) => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 50 }), fc.nat(), (events, order) => {
        const peers = makePeers(count, createRevOpsTemplate());
        run(peers, events);
        for (const peer of peers) peer.online = true;
        deliverEverything(peers, order);
        const maps = peers.map(read);
        expect(parseMap(JSON.parse(JSON.stringify(maps[0]))).ok).toBe(true);
        for (const map of maps.slice(1)) expect(map).toEqual(maps[0]);
        // A repair written back by one peer's next edit converges too.
        const first = peers[0] as Peer;
        writeMap(first.doc, maps[0] as HandoffMap, first.origin);
        deliverEverything(peers, order);
        const again = peers.map(read);
        for (const map of again) expect(map).toEqual(again[0]);
      }),
      { numRuns: count === 2 ? 40 : 30 },
    );
  });
});

describe("property: undo on one peer never removes another peer's work", () => {
  it.each([2, 3])("%i peers: the first undoes all its edits; the others' items stay", (count) => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 50 }), fc.nat(), (events, order) => {
        const peers = makePeers(count, createRevOpsTemplate());
        // Only the others undo during the run; the first peer undoes everything at the end.
        run(
          peers,
          events.filter((e) => e.type !== "undo" || e.peer % count !== 0),
        );
        for (const peer of peers) peer.online = true;
        deliverEverything(peers, order);
        const before = read(peers[0] as Peer);
        const undoer = peers[0] as Peer;
        while (undoer.undo.canUndo()) undoer.undo.undo();
        deliverEverything(peers, order);
        const after = peers.map(read);
        for (const map of after.slice(1)) expect(map).toEqual(after[0]);
        const final = after[0] as HandoffMap;

        // Whatever the others created and still had before the undo, resting only on items the
        // first peer did not create, is still there.
        const createdByFirst = (id: string) => id.startsWith("p0-");
        const byOthers = (id: string) => /^p[1-9]-/.test(id);
        const finalIds = new Map<string, string>();
        for (const lane of final.lanes) finalIds.set(lane.id, lane.name);
        for (const phase of final.phases) finalIds.set(phase.id, phase.name);
        for (const step of final.steps) finalIds.set(step.id, step.label);
        for (const handoff of final.handoffs) {
          finalIds.set(handoff.id, handoff.label);
          for (const ec of handoff.edgeCases) finalIds.set(ec.id, ec.title);
        }
        const expectKept = (id: string) => {
          if (byOthers(id)) expect(finalIds.has(id), `${id} was removed by p0's undo`).toBe(true);
        };
        for (const lane of before.lanes) expectKept(lane.id);
        for (const phase of before.phases) expectKept(phase.id);
        for (const step of before.steps) expectKept(step.id);
        for (const handoff of before.handoffs) {
          if (createdByFirst(handoff.from) || createdByFirst(handoff.to)) continue;
          expectKept(handoff.id);
          if (createdByFirst(handoff.id)) continue;
          for (const ec of handoff.edgeCases) expectKept(ec.id);
        }
      }),
      { numRuns: count === 2 ? 30 : 25 },
    );
  });
});
