/**
 * The server's per-update check against the full read: whatever a transaction does to a valid
 * map document, when readMap would refuse the result, checkMapChange (which looks only at what
 * the transaction touched) refuses it too; and honest edits through writeMap always pass.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkMapChange } from "../../src/live/check-map-change";
import { MAP_DOC_KEYS, mapDocTypes, readMap, writeMap } from "../../src/live/map-doc";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";

const base = createRevOpsTemplate();
const baseState = (() => {
  const doc = new Y.Doc();
  writeMap(doc, base);
  return Y.encodeStateAsUpdate(doc);
})();

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  mapDocTypes(doc);
  Y.applyUpdate(doc, baseState);
  return doc;
}

/** Runs `change` in one transaction and returns what it touched, as a server sees it. */
function touchedBy(doc: Y.Doc, change: () => void): Map<object, Set<string | null>> {
  const touched = new Map<object, Set<string | null>>();
  const collect = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) touched.set(type, new Set(keys));
  };
  doc.on("afterTransaction", collect);
  doc.transact(change);
  doc.off("afterTransaction", collect);
  return touched;
}

const KINDS = ["lanes", "phases", "steps", "handoffs", "edgeCases"] as const;
const FIELDS = [
  "name",
  "color",
  "lane",
  "phase",
  "label",
  "kind",
  "description",
  "owner",
  "systems",
  "position",
  "from",
  "to",
  "handoff",
  "number",
  "title",
  "severity",
  "status",
  "votes",
  "due",
  "edgeCaseOrder",
];
const value = fc.oneof(
  fc.constantFrom<unknown>(
    "",
    "  ",
    "task",
    "high",
    "open",
    "#fff",
    "2027-01-01",
    "x".repeat(2001),
    0,
    -1,
    1.5,
    3,
  ),
  fc.constantFrom<unknown>(null, true, [], ["HubSpot"], [1], { x: 1, y: 2 }, { x: "a" }, "lane-x"),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.constant("Y.Map"),
  fc.constant("Y.Array"),
);
const mutation = fc.oneof(
  fc.record({
    type: fc.constant("set" as const),
    kind: fc.constantFrom(...KINDS),
    pick: fc.nat(),
    field: fc.constantFrom(...FIELDS),
    value,
  }),
  fc.record({
    type: fc.constant("delete" as const),
    kind: fc.constantFrom(...KINDS),
    pick: fc.nat(),
    field: fc.constantFrom(...FIELDS),
  }),
  fc.record({
    type: fc.constant("replace" as const),
    kind: fc.constantFrom(...KINDS),
    pick: fc.nat(),
    value,
  }),
  fc.record({
    type: fc.constant("add" as const),
    kind: fc.constantFrom(...KINDS),
    fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 6 }),
  }),
  fc.record({
    type: fc.constant("meta" as const),
    field: fc.constantFrom("format", "version", "title", "description", "lastEdgeCaseNumber"),
    value,
  }),
  fc.record({
    type: fc.constant("metaDelete" as const),
    field: fc.constantFrom("format", "version", "title", "description"),
  }),
  fc.record({
    type: fc.constant("order" as const),
    key: fc.constantFrom("laneOrder", "stepOrder", "handoffOrder"),
    value,
  }),
  fc.record({ type: fc.constant("removeEntity" as const), kind: fc.constantFrom(...KINDS), pick: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function materialise(v: unknown): unknown {
  if (v === "Y.Map") return new Y.Map();
  if (v === "Y.Array") return new Y.Array();
  return v;
}

function apply(doc: Y.Doc, m: Mutation): void {
  const pickKey = (kind: (typeof KINDS)[number], pick: number) => {
    const keys = [...doc.getMap(MAP_DOC_KEYS[kind]).keys()].sort();
    return keys.length === 0 ? undefined : keys[pick % keys.length];
  };
  switch (m.type) {
    case "set":
    case "delete": {
      const key = pickKey(m.kind, m.pick);
      const item = key === undefined ? undefined : doc.getMap(MAP_DOC_KEYS[m.kind]).get(key);
      if (!(item instanceof Y.Map)) return;
      if (m.type === "set") item.set(m.field, materialise(m.value));
      else item.delete(m.field);
      return;
    }
    case "replace": {
      const key = pickKey(m.kind, m.pick);
      if (key !== undefined) doc.getMap(MAP_DOC_KEYS[m.kind]).set(key, materialise(m.value));
      return;
    }
    case "add": {
      const item = new Y.Map<unknown>();
      doc.getMap(MAP_DOC_KEYS[m.kind]).set("new-item", item);
      for (const [field, v] of m.fields) item.set(field, materialise(v));
      return;
    }
    case "meta":
      doc.getMap(MAP_DOC_KEYS.meta).set(m.field, materialise(m.value));
      return;
    case "metaDelete":
      doc.getMap(MAP_DOC_KEYS.meta).delete(m.field);
      return;
    case "order":
      doc.getArray(MAP_DOC_KEYS[m.key]).insert(0, [materialise(m.value)]);
      return;
    case "removeEntity": {
      const key = pickKey(m.kind, m.pick);
      if (key !== undefined) doc.getMap(MAP_DOC_KEYS[m.kind]).delete(key);
      return;
    }
  }
}

describe("checkMapChange", () => {
  it("property: refuses every transaction after which readMap refuses the document", () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = freshDoc();
        const touched = touchedBy(doc, () => {
          for (const m of mutations) apply(doc, m);
        });
        const problems = checkMapChange(doc, touched);
        if (!readMap(doc).ok) {
          refused++;
          expect(problems).not.toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
    // Not vacuous: many of the random transactions do break the map.
    expect(refused).toBeGreaterThan(100);
  });

  it("passes honest edits written by writeMap", () => {
    const step = base.steps[2]?.id as string;
    const handoff = base.handoffs[1]?.id as string;
    const edits = [
      ops.updateStep(base, step, { label: "New", systems: ["HubSpot"], position: { x: 1, y: 2 } }),
      ops.addLane(base, { id: "l-new", name: "Legal", color: "#e0f2fe" }),
      ops.addEdgeCase(base, handoff, { id: "ec-new", title: "Late", due: "2027-01-15" }),
      ops.removeSteps(base, [step]),
      ops.updateMapInfo(base, { title: "Renamed", description: "Why" }),
    ];
    for (const edited of edits) {
      const doc = freshDoc();
      const touched = touchedBy(doc, () => writeMap(doc, edited));
      expect(checkMapChange(doc, touched)).toEqual([]);
    }
  });

  it("names the item and the field", () => {
    const doc = freshDoc();
    const step = base.steps[0]?.id as string;
    const touched = touchedBy(doc, () => {
      (doc.getMap(MAP_DOC_KEYS.steps).get(step) as Y.Map<unknown>).set("kind", "banana");
    });
    expect(checkMapChange(doc, touched).join("\n")).toContain(`step ${JSON.stringify(step)}: kind:`);
  });
});
