import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { isEmptyMapDoc, MAP_DOC_KEYS, mapDocTypes, readMap, writeMap } from "../../src/live/map-doc";
import { isRoomId, newRoomId } from "../../src/live/room-id";
import * as ops from "../../src/model/operations";
import { parseMap } from "../../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";

function read(doc: Y.Doc): HandoffMap {
  const result = readMap(doc);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.map;
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), "remote");
}

/** Counts the Yjs updates and their sizes that `change` makes on `doc`. */
function recordUpdates(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on("update", listener);
  change();
  doc.off("update", listener);
  return updates;
}

describe("writeMap and readMap", () => {
  it.each([
    ["the RevOps template", createRevOpsTemplate()],
    ["the blank map", createBlankTemplate()],
  ])("given %s, when written and read back, then it is the same map", (_name, map) => {
    const doc = new Y.Doc();
    writeMap(doc, map);
    const result = readMap(doc);
    expect(result).toEqual({ ok: true, map, repairs: [] });
  });

  it("given a map with every optional field, when it round-trips, then nothing is lost", () => {
    let map = createRevOpsTemplate();
    const step = map.steps[0]?.id as string;
    map = ops.updateStep(map, step, { position: { x: 12.5, y: -3 }, systems: ["HubSpot", "Salesforce"] });
    map = ops.updateLane(map, map.lanes[0]?.id as string, { color: "#e0f2fe" });
    const handoff = map.handoffs[0]?.id as string;
    map = ops.addEdgeCase(map, handoff, { id: "ec-due", title: "Late", due: "2027-01-15", votes: 3 });
    map = ops.removeEdgeCase(map, "ec-due");
    map = ops.addEdgeCase(map, handoff, { id: "ec-kept", title: "Kept", due: "2027-02-01" });
    const doc = new Y.Doc();
    writeMap(doc, map);
    expect(read(doc)).toEqual(map);
    expect(read(doc).lastEdgeCaseNumber).toBe(map.lastEdgeCaseNumber);
  });

  it("given hostile ids, when written and read, then they are kept as ids", () => {
    let map = createBlankTemplate();
    map = ops.addLane(map, { id: "__proto__", name: "Proto" });
    map = ops.addStep(map, { id: "constructor", lane: "__proto__", label: "Ctor" });
    const doc = new Y.Doc();
    writeMap(doc, map);
    expect(read(doc)).toEqual(map);
  });

  it("given a written map, when one field of one step changes, then one key is written", () => {
    const map = createRevOpsTemplate();
    const doc = new Y.Doc();
    writeMap(doc, map);
    const step = map.steps[3]?.id as string;
    const steps = doc.getMap<Y.Map<unknown>>(MAP_DOC_KEYS.steps);
    const changed: string[] = [];
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      for (const event of events)
        for (const key of event.changes.keys.keys()) changed.push(`${String(event.path.join("/"))}:${key}`);
    };
    doc.on("afterTransaction", () => {});
    steps.observeDeep(observer);
    const updates = recordUpdates(doc, () =>
      writeMap(doc, ops.updateStep(map, step, { label: "Renamed" }), "me"),
    );
    steps.unobserveDeep(observer);
    expect(changed).toEqual([`${step}:label`]);
    expect(updates).toHaveLength(1);
    expect((updates[0] as Uint8Array).byteLength).toBeLessThan(120);
  });

  it("given a written map, when the same map is written again, then nothing is written", () => {
    const map = createRevOpsTemplate();
    const doc = new Y.Doc();
    writeMap(doc, map);
    expect(recordUpdates(doc, () => writeMap(doc, map))).toEqual([]);
  });

  it("given a written map, when a lane moves, then one id moves in the lane order", () => {
    const map = createRevOpsTemplate();
    const doc = new Y.Doc();
    writeMap(doc, map);
    const order = doc.getArray<string>(MAP_DOC_KEYS.laneOrder);
    const deltas: unknown[] = [];
    order.observe((event) => deltas.push(event.changes.delta));
    const moved = ops.moveLane(map, map.lanes[0]?.id as string, 2);
    writeMap(doc, moved);
    expect(order.toArray()).toEqual(moved.lanes.map((lane) => lane.id));
    const inserted = (deltas[0] as { insert?: unknown[] }[]).flatMap((part) => part.insert ?? []);
    expect(inserted).toEqual([map.lanes[0]?.id]);
    expect(read(doc)).toEqual(moved);
  });

  it("writes the whole map in one transaction with the origin given", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (transaction: Y.Transaction) => origins.push(transaction.origin));
    const origin = { person: "ana" };
    writeMap(doc, createRevOpsTemplate(), origin);
    expect(origins).toEqual([origin]);
  });

  it("edits of every kind: do, undo (write the old map), redo", () => {
    const base = createRevOpsTemplate();
    const handoff = base.handoffs[0]?.id as string;
    const edits: ((m: HandoffMap) => HandoffMap)[] = [
      (m) => ops.updateMapInfo(m, { title: "New title", description: "Why" }),
      (m) => ops.addLane(m, { id: "l-new", name: "Legal", index: 1 }),
      (m) => ops.removeLane(m, m.lanes[0]?.id as string, { moveStepsTo: m.lanes[1]?.id as string }),
      (m) => ops.addPhase(m, { id: "p-new", name: "Renewal" }),
      (m) => ops.removePhase(m, m.phases[0]?.id as string),
      (m) => ops.removeSteps(m, [m.steps[2]?.id as string]),
      (m) => ops.reconnect(m, handoff, { to: m.steps[5]?.id as string }),
      (m) => ops.addEdgeCase(m, handoff, { id: "ec-x", title: "Missing data", severity: "high" }),
      (m) => ops.voteEdgeCase(m, m.handoffs[0]?.edgeCases[0]?.id ?? "none", 2),
    ];
    for (const edit of edits) {
      let after: HandoffMap;
      try {
        after = edit(base);
      } catch {
        continue;
      }
      const doc = new Y.Doc();
      writeMap(doc, base);
      writeMap(doc, after);
      expect(read(doc)).toEqual(after);
      writeMap(doc, base);
      expect(read(doc)).toEqual(base);
      writeMap(doc, after);
      expect(read(doc)).toEqual(after);
    }
  });
});

describe("readMap repairs what concurrent deletes leave dangling", () => {
  /**
   * Two peers start from `map`; one writes `mine`, the other `theirs`, at the same time; then they
   * merge. Both must read the same map: that reading, which the test then checks.
   */
  function mergeConcurrent(map: HandoffMap, mine: HandoffMap, theirs: HandoffMap) {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeMap(a, map);
    sync(a, b);
    writeMap(a, mine);
    writeMap(b, theirs);
    sync(a, b);
    sync(b, a);
    const result = readMap(a);
    expect(result).toEqual(readMap(b));
    if (!result.ok) throw new Error("not ok");
    return result;
  }
  /** A blank map whose first lane holds steps s1 and s2 (and s3 with `three`). */
  function withSteps(three = false): HandoffMap {
    let map = createBlankTemplate();
    const lane = map.lanes[0]?.id as string;
    map = ops.addStep(map, { id: "s1", lane, label: "Qualify" });
    map = ops.addStep(map, { id: "s2", lane, label: "Hand over" });
    return three ? ops.addStep(map, { id: "s3", lane, label: "s3" }) : map;
  }

  it("given a step added to a lane another deletes, when merged, then the step moves to the first lane on both", () => {
    let map = createBlankTemplate();
    map = ops.addLane(map, { id: "l-legal", name: "Legal" });
    const ra = mergeConcurrent(
      map,
      ops.addStep(map, { id: "s-new", lane: "l-legal", label: "Review contract" }),
      ops.removeLane(map, "l-legal"),
    );
    expect(ra.map.steps.find((s) => s.id === "s-new")?.lane).toBe(map.lanes[0]?.id);
    expect(ra.repairs).toEqual([
      `Step "Review contract" was in a lane someone else deleted at the same time; it moved to lane "${map.lanes[0]?.name}".`,
    ]);
    expect(parseMap(ra.map).ok).toBe(true);
  });

  it("given a handoff with edge cases to a step another deletes, when merged, then the handoff is removed and said", () => {
    const map = withSteps();
    let withHandoff = ops.connect(map, { id: "h1", from: "s1", to: "s2", label: "qualified lead" });
    withHandoff = ops.addEdgeCase(withHandoff, "h1", { id: "ec1", title: "No budget" });
    const result = mergeConcurrent(map, withHandoff, ops.removeStep(map, "s2"));
    expect(result.map.handoffs).toEqual([]);
    expect(result.repairs).toEqual([
      'Handoff "qualified lead" lost a step someone else deleted at the same time; it was removed with its 1 edge case.',
    ]);
  });

  it("given an edge case added to a handoff another deletes, when merged, then it is removed and said", () => {
    let map = withSteps();
    map = ops.connect(map, { id: "h1", from: "s1", to: "s2" });
    const result = mergeConcurrent(
      map,
      ops.addEdgeCase(map, "h1", { id: "ec1", title: "No budget" }),
      ops.removeHandoff(map, "h1"),
    );
    expect(result.map.handoffs).toEqual([]);
    expect(result.repairs).toEqual([
      'Edge case "No budget" was on a handoff someone else deleted at the same time; it was removed.',
    ]);
  });

  it("given both ends of a handoff moved onto one step at once, when merged, then the loop is removed", () => {
    let map = withSteps(true);
    map = ops.connect(map, { id: "h1", from: "s1", to: "s2" });
    const result = mergeConcurrent(
      map,
      ops.reconnect(map, "h1", { from: "s3" }),
      ops.reconnect(map, "h1", { to: "s3" }),
    );
    expect(result.map.handoffs).toEqual([]);
    expect(result.repairs[0]).toMatch(/went from a step to itself; it was removed/);
  });

  it("given the last two lanes deleted by two people at once, when merged, then a restored lane holds the steps", () => {
    let map = ops.removeLane(createBlankTemplate(), "lane-2");
    map = ops.addLane(map, { id: "l2", name: "Second" });
    const first = map.lanes[0]?.id as string;
    map = ops.addStep(map, { id: "s1", lane: "l2", label: "Kept" });
    const result = mergeConcurrent(
      map,
      ops.removeLane(map, first),
      ops.removeLane(map, "l2", { moveStepsTo: first }),
    );
    expect(result.map.lanes).toEqual([{ id: "restored-lane", name: "Restored lane" }]);
    expect(result.map.steps.map((s) => [s.id, s.lane])).toEqual([["s1", "restored-lane"]]);
  });

  it("given the same lane moved by two people at once, when merged, then it appears once", () => {
    let map = createBlankTemplate();
    for (const id of ["l2", "l3", "l4"]) map = ops.addLane(map, { id, name: id });
    const first = map.lanes[0]?.id as string;
    const result = mergeConcurrent(map, ops.moveLane(map, first, 3), ops.moveLane(map, first, 1));
    expect(new Set(result.map.lanes.map((l) => l.id)).size).toBe(5);
    expect(result.map.lanes).toHaveLength(5);
  });

  it("given two edge cases added at once, when merged, then the later in map order is renumbered, said", () => {
    let map = withSteps();
    map = ops.connect(map, { id: "h1", from: "s1", to: "s2" });
    const result = mergeConcurrent(
      map,
      ops.addEdgeCase(map, "h1", { id: "ec-a", title: "From Ana" }),
      ops.addEdgeCase(map, "h1", { id: "ec-b", title: "From Ben" }),
    );
    const numbers = result.map.handoffs[0]?.edgeCases.map((ec) => ec.number);
    expect(new Set(numbers).size).toBe(2);
    expect(result.repairs.join("\n")).toMatch(/duplicate edge-case number 1/);
  });
});

describe("per-person undo with Y.UndoManager and a tracked origin", () => {
  it("given Ana adds a step and Ben renames another, when Ana undoes, then only her step goes", () => {
    const map = createRevOpsTemplate();
    const ana = new Y.Doc();
    const ben = new Y.Doc();
    writeMap(ana, map, "seed");
    sync(ana, ben);
    const anaOrigin = { person: "ana" };
    const undo = new Y.UndoManager(mapDocTypes(ana), { trackedOrigins: new Set([anaOrigin]) });
    const lane = map.lanes[0]?.id as string;
    const other = map.steps[1]?.id as string;
    writeMap(ana, ops.addStep(map, { id: "s-ana", lane, label: "Ana's step" }), anaOrigin);
    writeMap(ben, ops.updateStep(map, other, { label: "Ben's label" }), "ben");
    sync(ana, ben);
    sync(ben, ana);
    expect(read(ana).steps.some((s) => s.id === "s-ana")).toBe(true);
    // when
    undo.undo();
    sync(ana, ben);
    // then
    for (const doc of [ana, ben]) {
      const result = read(doc);
      expect(result.steps.some((s) => s.id === "s-ana")).toBe(false);
      expect(result.steps.find((s) => s.id === other)?.label).toBe("Ben's label");
    }
    // and redo brings it back
    undo.redo();
    expect(read(ana).steps.some((s) => s.id === "s-ana")).toBe(true);
  });

  it("given a delete undone after a colleague's handoff to the deleted step, then the handoff comes back", () => {
    let map = createBlankTemplate();
    const lane = map.lanes[0]?.id as string;
    map = ops.addStep(map, { id: "s1", lane, label: "One" });
    map = ops.addStep(map, { id: "s2", lane, label: "Two" });
    const ana = new Y.Doc();
    const ben = new Y.Doc();
    writeMap(ana, map, "seed");
    sync(ana, ben);
    const anaOrigin = { person: "ana" };
    const undo = new Y.UndoManager(mapDocTypes(ana), { trackedOrigins: new Set([anaOrigin]) });
    writeMap(ana, ops.removeStep(map, "s2"), anaOrigin);
    writeMap(ben, ops.connect(map, { id: "h-ben", from: "s1", to: "s2" }), "ben");
    sync(ana, ben);
    sync(ben, ana);
    expect(read(ben).handoffs).toEqual([]);
    // Ben edits again: his write must not make the repair permanent.
    writeMap(ben, ops.updateMapInfo(read(ben), { title: "Ben's title" }), "ben");
    sync(ben, ana);
    undo.undo();
    sync(ana, ben);
    expect(read(ben).handoffs.map((h) => h.id)).toEqual(["h-ben"]);
    expect(read(ben).title).toBe("Ben's title");
  });
});

describe("readMap refuses a document that cannot be a map", () => {
  it("given an empty document, then it says there is no map yet", () => {
    const doc = new Y.Doc();
    expect(isEmptyMapDoc(doc)).toBe(true);
    expect(readMap(doc)).toEqual({ ok: false, errors: ["the document holds no map yet"] });
  });

  it("given a step that is a plain value, then it is not a map", () => {
    const doc = new Y.Doc();
    writeMap(doc, createRevOpsTemplate());
    doc.getMap(MAP_DOC_KEYS.steps).set("evil", "not a record");
    const result = readMap(doc);
    expect(result.ok).toBe(false);
  });

  it("given a label of the wrong type, then the error names the field", () => {
    const doc = new Y.Doc();
    const map = createRevOpsTemplate();
    writeMap(doc, map);
    (doc.getMap(MAP_DOC_KEYS.steps).get(map.steps[0]?.id as string) as Y.Map<unknown>).set("label", 42);
    const result = readMap(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join("\n")).toMatch(/label: expected a string, got number 42/);
  });

  it("given a top-level name taken by another kind of type, then it is not a map", () => {
    const doc = new Y.Doc();
    doc.getArray(MAP_DOC_KEYS.steps).insert(0, ["x"]);
    expect(readMap(doc).ok).toBe(false);
  });

  it("given a blank title, then the error names it", () => {
    const doc = new Y.Doc();
    writeMap(doc, createRevOpsTemplate());
    doc.getMap(MAP_DOC_KEYS.meta).set("title", "   ");
    const result = readMap(doc);
    expect(result.ok).toBe(false);
  });
});

describe("room ids", () => {
  it("are 128 random bits in 22 characters of base64url, and the server's rule accepts them", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRoomId()));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(isRoomId(id)).toBe(true);
    }
  });

  it("refuses short, long and strange ids", () => {
    expect(isRoomId("workshop")).toBe(false);
    expect(isRoomId("a".repeat(21))).toBe(false);
    expect(isRoomId("a".repeat(65))).toBe(false);
    expect(isRoomId(`${"a".repeat(21)}/`)).toBe(false);
    expect(isRoomId("0123456789abcdef0123456789abcdef")).toBe(true);
  });
});
