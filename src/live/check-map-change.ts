import * as Y from "yjs";
import { formatIssue } from "../model/map-issue";
import { edgeCaseSchema, handoffSchema, laneSchema, phaseSchema, stepSchema } from "../model/map-schema";
import { CURRENT_VERSION, LIMITS, MAP_FORMAT } from "../model/types";
import { MAP_DOC_KEYS } from "./map-doc";

/**
 * Checks one transaction's changes to a map document that was valid before it, in time
 * proportional to the change, not to the map: what a live server does for every update.
 *
 * Why checking only the changed items is enough: readMap repairs every reference and order
 * problem (those arise from honest concurrency), so the only way a document stops being a map is
 * an item, or the map's own fields, becoming malformed: a value of the wrong type, a required
 * field deleted, a shared type where a value belongs. Those are properties of one item each, and
 * an item can only become malformed in a transaction that changes it. The property test in
 * tests/live/check-map-change.test.ts holds this against readMap.
 *
 * `changed` is Yjs' `transaction.changed`: the types that existed before the transaction whose
 * content changed, with the map keys that changed (null for list changes). Items created in the
 * transaction show up as a changed key of their kind's map and are checked whole.
 *
 * Returns the problems in plain words; empty when the document is still a map.
 */
export function checkMapChange(
  doc: Y.Doc,
  changed: ReadonlyMap<object, ReadonlySet<string | null>>,
): string[] {
  const kinds = new Map<object, Kind>();
  for (const kind of KINDS) kinds.set(doc.getMap(MAP_DOC_KEYS[kind.key]), kind);
  const orders = new Set<object>(
    (["laneOrder", "phaseOrder", "stepOrder", "handoffOrder"] as const).map((key) =>
      doc.getArray(MAP_DOC_KEYS[key]),
    ),
  );
  const meta = doc.getMap(MAP_DOC_KEYS.meta);
  const problems: string[] = [];
  const checked = new Set<Y.Map<unknown>>();

  const checkItem = (kind: Kind, id: string, item: unknown) => {
    if (item === undefined) return; // deleted
    if (!(item instanceof Y.Map)) {
      problems.push(`${kind.noun} ${JSON.stringify(id)} is not a record`);
      return;
    }
    if (checked.has(item)) return;
    checked.add(item);
    problems.push(...checkFields(kind, id, item));
  };

  for (const [type, keys] of changed) {
    if (type === meta) {
      problems.push(...checkMeta(meta));
      continue;
    }
    if (orders.has(type)) {
      if ((type as Y.Array<unknown>).toArray().some((id) => typeof id !== "string"))
        problems.push("an order holds an id that is not text");
      continue;
    }
    const kind = kinds.get(type);
    if (kind !== undefined) {
      for (const key of keys) if (key !== null) checkItem(kind, key, (type as Y.Map<unknown>).get(key));
      continue;
    }
    if (!(type instanceof Y.AbstractType)) continue;
    // A change inside an item: its parent is a kind's map (fields) or, for an edge-case order,
    // the handoff's map is the parent's parent.
    const parent = type.parent;
    const parentKind = parent === null ? undefined : kinds.get(parent);
    if (parentKind !== undefined && type instanceof Y.Map) {
      checkItem(parentKind, itemKey(type) ?? "?", type);
      continue;
    }
    const grandparent = parent?.parent ?? null;
    if (type instanceof Y.Array && grandparent !== null && kinds.get(grandparent)?.key === "handoffs") {
      if (type.toArray().some((id) => typeof id !== "string"))
        problems.push("an edge-case order holds an id that is not text");
    }
    // Anything else is outside the map (another top-level type, or content readMap never
    // reads): it cannot make the map invalid.
  }
  return problems;
}

interface Kind {
  key: "lanes" | "phases" | "steps" | "handoffs" | "edgeCases";
  noun: string;
  fields: readonly string[];
  check: (raw: Record<string, unknown>) => string[];
}

const zodCheck =
  (schema: {
    safeParse: (v: unknown) => {
      success: boolean;
      error?: { issues: readonly { path: PropertyKey[]; message: string }[] };
    };
  }) =>
  (raw: Record<string, unknown>): string[] => {
    const result = schema.safeParse(raw);
    if (result.success) return [];
    return (result.error?.issues ?? []).map((issue) =>
      formatIssue({ path: issue.path.map(String).join("."), message: issue.message }),
    );
  };

const isId = (value: unknown) =>
  typeof value === "string" && value.length > 0 && value.length <= LIMITS.idLength;

const KINDS: readonly Kind[] = [
  { key: "lanes", noun: "lane", fields: ["name", "color"], check: zodCheck(laneSchema) },
  { key: "phases", noun: "phase", fields: ["name", "color"], check: zodCheck(phaseSchema) },
  {
    key: "steps",
    noun: "step",
    fields: ["lane", "phase", "label", "kind", "description", "owner", "systems", "position"],
    check: zodCheck(stepSchema),
  },
  { key: "handoffs", noun: "handoff", fields: ["from", "to", "label"], check: zodCheck(handoffSchema) },
  {
    key: "edgeCases",
    noun: "edge case",
    fields: ["number", "title", "severity", "status", "owner", "mitigation", "description", "votes", "due"],
    check: zodCheck(edgeCaseSchema),
  },
];

function checkFields(kind: Kind, id: string, item: Y.Map<unknown>): string[] {
  const raw: Record<string, unknown> = { id };
  for (const field of kind.fields) {
    if (!item.has(field)) continue;
    const value = item.get(field);
    if (value instanceof Y.AbstractType)
      return [`${kind.noun} ${JSON.stringify(id)}.${field}: a shared type where a value belongs`];
    raw[field] = value;
  }
  const problems = kind.check(raw).map((problem) => `${kind.noun} ${JSON.stringify(id)}: ${problem}`);
  if (kind.key === "edgeCases" && !isId(item.get("handoff")))
    problems.push(`edge case ${JSON.stringify(id)}: handoff: expected the id of a handoff`);
  if (kind.key === "handoffs" && item.has("edgeCaseOrder")) {
    const order = item.get("edgeCaseOrder");
    if (!(order instanceof Y.Array))
      problems.push(`handoff ${JSON.stringify(id)}: its edge-case order is not a list`);
    else if (order.toArray().some((entry) => typeof entry !== "string"))
      problems.push(`handoff ${JSON.stringify(id)}: its edge-case order holds an id that is not text`);
  }
  return problems;
}

function checkMeta(meta: Y.Map<unknown>): string[] {
  const problems: string[] = [];
  if (meta.get("format") !== MAP_FORMAT) problems.push(`map.format: must be "${MAP_FORMAT}"`);
  if (meta.get("version") !== CURRENT_VERSION) problems.push(`map.version: must be ${CURRENT_VERSION}`);
  const title = meta.get("title");
  if (typeof title !== "string" || title.trim() === "" || title.length > LIMITS.textLength)
    problems.push("map.title: must be text, not blank, at most 2,000 characters");
  const description = meta.get("description");
  if (
    description !== undefined &&
    (typeof description !== "string" || description.length > LIMITS.longTextLength)
  )
    problems.push("map.description: must be text of at most 20,000 characters");
  const last = meta.get("lastEdgeCaseNumber");
  if (
    last !== undefined &&
    !(Number.isInteger(last) && (last as number) >= 1 && (last as number) <= LIMITS.edgeCaseNumber)
  )
    problems.push("map.lastEdgeCaseNumber: must be a whole number from 1 to 1,000,000,000");
  return problems;
}

/** The key under which a nested type sits in its parent map. */
function itemKey(type: { _item: Y.Item | null }): string | null {
  return type._item?.parentSub ?? null;
}
