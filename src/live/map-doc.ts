import * as Y from "yjs";
import { CONTRACT_FIELDS } from "../model/contract";
import { formatIssue } from "../model/map-issue";
import { parseMap } from "../model/parse-map";
import { CURRENT_VERSION, type EdgeCase, type HandoffMap, MAP_FORMAT } from "../model/types";

/**
 * The map as one Yjs document, for live rooms: the binding between the map format v1
 * (docs/format.md) and a Y.Doc that several people edit at once.
 *
 * Layout of the document (docs/live.md, "The document"):
 * - `map`: a Y.Map of the map's own fields (format, version, title, description, lastEdgeCaseNumber,
 *   lint settings).
 * - `lanes`, `phases`, `steps`, `handoffs`, `edgeCases`: a Y.Map per kind, id -> a nested Y.Map
 *   per item with one key per field. Plain objects inside a Y.Map are replaced whole, so two
 *   people editing the same step at once would lose one edit; nested Y.Maps merge per field.
 *   `systems` and `position` are single values: a drop sets x and y together, and a list of
 *   systems is typed as one field.
 * - `laneOrder`, `phaseOrder`, `stepOrder`, `handoffOrder`: Y.Arrays of ids, the order of each kind.
 *   An edge case names its handoff in its `handoff` field; each handoff's Y.Map holds the order of
 *   its edge cases in `edgeCaseOrder`, a Y.Array of ids.
 *
 * Only the document lives here: layout output, drag previews, selection and presence never do.
 *
 * Invariant: readMap of any document that writeMap and concurrent merges produced returns a map
 * that passes parseMap; whatever a concurrent delete left dangling is repaired the same way on
 * every peer, because the repair reads only the merged document.
 */

export const MAP_DOC_KEYS = {
  meta: "map",
  lanes: "lanes",
  laneOrder: "laneOrder",
  phases: "phases",
  phaseOrder: "phaseOrder",
  steps: "steps",
  stepOrder: "stepOrder",
  handoffs: "handoffs",
  handoffOrder: "handoffOrder",
  edgeCases: "edgeCases",
} as const;

/** The key of a handoff's edge-case order inside the handoff's Y.Map. */
const EDGE_CASE_ORDER = "edgeCaseOrder";

/**
 * A field's value: a JSON value (a contract's SLA or required data are small objects and arrays,
 * stored whole: the field is the unit of concurrent edits, last writer wins on it).
 */
type Field = string | number | boolean | readonly unknown[] | object | undefined;
type Fields = Record<string, Field>;

const LANE_FIELDS = ["name", "color"] as const;
const PHASE_FIELDS = ["name", "color"] as const;
const STEP_FIELDS = [
  "lane",
  "phase",
  "label",
  "kind",
  "description",
  "owner",
  "systems",
  "position",
] as const;
const HANDOFF_FIELDS = ["from", "to", "label", ...CONTRACT_FIELDS] as const;
const EDGE_CASE_FIELDS = [
  "handoff",
  "number",
  "title",
  "severity",
  "status",
  "owner",
  "mitigation",
  "description",
  "votes",
  "due",
] as const;
const META_FIELDS = ["format", "version", "title", "description", "lastEdgeCaseNumber", "lint"] as const;

export type ReadMapResult =
  | { ok: true; map: HandoffMap; repairs: string[] }
  | { ok: false; errors: string[] };

/** Every shared type of the map, e.g. the scope of a Y.UndoManager. */
export function mapDocTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [
    doc.getMap(MAP_DOC_KEYS.meta),
    doc.getMap(MAP_DOC_KEYS.lanes),
    doc.getArray(MAP_DOC_KEYS.laneOrder),
    doc.getMap(MAP_DOC_KEYS.phases),
    doc.getArray(MAP_DOC_KEYS.phaseOrder),
    doc.getMap(MAP_DOC_KEYS.steps),
    doc.getArray(MAP_DOC_KEYS.stepOrder),
    doc.getMap(MAP_DOC_KEYS.handoffs),
    doc.getArray(MAP_DOC_KEYS.handoffOrder),
    doc.getMap(MAP_DOC_KEYS.edgeCases),
  ] as Y.AbstractType<unknown>[];
}

/** True when the document holds no map yet (a new room before its first writeMap). */
export function isEmptyMapDoc(doc: Y.Doc): boolean {
  try {
    const types = mapDocTypes(doc);
    return types.every((type) =>
      type instanceof Y.Map ? type.size === 0 : (type as Y.Array<unknown>).length === 0,
    );
  } catch {
    // A top-level name taken by another kind of type: not empty, and not a map either.
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Makes the document hold `map`, in one transaction with `origin`, writing only what differs:
 * changing one field of one step writes one key; moving a lane moves one id in the lane order.
 * Keys the document holds that this version does not know are left alone.
 */
export function writeMap(doc: Y.Doc, map: HandoffMap, origin?: unknown): void {
  doc.transact(() => {
    // Handoffs and edge cases a concurrent delete left dangling are invisible (readMap drops
    // them) and stay in the document untouched: when the person who deleted their step undoes
    // it, they come back. Deleting them here would make the repair permanent in the name of
    // whoever happened to edit next, out of reach of the first person's undo.
    const dangling = danglingItems(doc);
    const meta = doc.getMap<unknown>(MAP_DOC_KEYS.meta);
    writeFields(meta, {
      format: MAP_FORMAT,
      version: CURRENT_VERSION,
      title: map.title,
      description: map.description,
      lastEdgeCaseNumber: map.lastEdgeCaseNumber,
      lint: map.lint,
    });

    writeKind(
      doc,
      "lanes",
      "laneOrder",
      map.lanes.map((lane) => [lane.id, { name: lane.name, color: lane.color }]),
    );
    writeKind(
      doc,
      "phases",
      "phaseOrder",
      map.phases.map((phase) => [phase.id, { name: phase.name, color: phase.color }]),
    );
    writeKind(
      doc,
      "steps",
      "stepOrder",
      map.steps.map((step) => [
        step.id,
        {
          lane: step.lane,
          phase: step.phase,
          label: step.label,
          kind: step.kind,
          description: step.description,
          owner: step.owner,
          systems: step.systems,
          position: step.position === undefined ? undefined : { x: step.position.x, y: step.position.y },
        },
      ]),
    );
    const handoffs = writeKind(
      doc,
      "handoffs",
      "handoffOrder",
      map.handoffs.map((handoff) => [
        handoff.id,
        {
          from: handoff.from,
          to: handoff.to,
          label: handoff.label,
          ...Object.fromEntries(CONTRACT_FIELDS.map((field) => [field, handoff[field]])),
        },
      ]),
      dangling.handoffs,
    );

    const edgeCases = doc.getMap<unknown>(MAP_DOC_KEYS.edgeCases);
    const wanted = new Set<string>();
    for (const handoff of map.handoffs)
      for (const edgeCase of handoff.edgeCases) {
        wanted.add(edgeCase.id);
        writeItem(edgeCases, edgeCase.id, edgeCaseFields(edgeCase, handoff.id));
      }
    for (const id of [...edgeCases.keys()])
      if (!wanted.has(id) && !dangling.edgeCases.has(id)) edgeCases.delete(id);

    for (const handoff of map.handoffs) {
      const item = handoffs.get(handoff.id) as Y.Map<unknown>;
      let order = item.get(EDGE_CASE_ORDER);
      if (!(order instanceof Y.Array)) {
        order = new Y.Array<string>();
        item.set(EDGE_CASE_ORDER, order);
      }
      reconcileOrder(
        order as Y.Array<unknown>,
        handoff.edgeCases.map((edgeCase) => edgeCase.id),
      );
    }
  }, origin);
}

/** Handoffs whose step is gone or that loop onto one step, and edge cases on no live handoff. */
function danglingItems(doc: Y.Doc): { handoffs: Set<string>; edgeCases: Set<string> } {
  const steps = doc.getMap<unknown>(MAP_DOC_KEYS.steps);
  const handoffs = doc.getMap<unknown>(MAP_DOC_KEYS.handoffs);
  const danglingHandoffs = new Set<string>();
  for (const [id, handoff] of handoffs.entries()) {
    if (!(handoff instanceof Y.Map)) continue;
    const from = handoff.get("from");
    const to = handoff.get("to");
    if (typeof from !== "string" || typeof to !== "string") continue;
    if (!steps.has(from) || !steps.has(to) || from === to) danglingHandoffs.add(id);
  }
  const danglingEdgeCases = new Set<string>();
  for (const [id, edgeCase] of doc.getMap<unknown>(MAP_DOC_KEYS.edgeCases).entries()) {
    if (!(edgeCase instanceof Y.Map)) continue;
    const handoff = edgeCase.get("handoff");
    if (typeof handoff !== "string") continue;
    if (!handoffs.has(handoff) || danglingHandoffs.has(handoff)) danglingEdgeCases.add(id);
  }
  return { handoffs: danglingHandoffs, edgeCases: danglingEdgeCases };
}

function edgeCaseFields(edgeCase: EdgeCase, handoff: string): Fields {
  return {
    handoff,
    number: edgeCase.number,
    title: edgeCase.title,
    severity: edgeCase.severity,
    status: edgeCase.status,
    owner: edgeCase.owner,
    mitigation: edgeCase.mitigation,
    description: edgeCase.description,
    votes: edgeCase.votes,
    due: edgeCase.due,
  };
}

type KindKey = "lanes" | "phases" | "steps" | "handoffs";
type OrderKey = "laneOrder" | "phaseOrder" | "stepOrder" | "handoffOrder";

/** Writes one kind's items and order; returns the kind's Y.Map. */
function writeKind(
  doc: Y.Doc,
  kind: KindKey,
  orderKey: OrderKey,
  items: readonly (readonly [string, Fields])[],
  keep: ReadonlySet<string> = new Set(),
): Y.Map<unknown> {
  const all = doc.getMap<unknown>(MAP_DOC_KEYS[kind]);
  const wanted = new Set<string>();
  for (const [id, fields] of items) {
    wanted.add(id);
    writeItem(all, id, fields);
  }
  for (const id of [...all.keys()]) if (!wanted.has(id) && !keep.has(id)) all.delete(id);
  reconcileOrder(
    doc.getArray<unknown>(MAP_DOC_KEYS[orderKey]),
    items.map(([id]) => id),
  );
  return all;
}

function writeItem(all: Y.Map<unknown>, id: string, fields: Fields): void {
  const existing = all.get(id);
  if (existing instanceof Y.Map) {
    writeFields(existing, fields);
    return;
  }
  const created = new Y.Map<unknown>();
  all.set(id, created);
  writeFields(created, fields);
}

/** Sets each field that differs; deletes the absent ones. */
function writeFields(target: Y.Map<unknown>, fields: Fields): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      if (target.has(key)) target.delete(key);
    } else if (!sameValue(target.get(key), value)) {
      // Arrays and objects are stored as copies: Yjs keeps the object it is given.
      target.set(key, typeof value === "object" ? structuredClone(value) : value);
    }
  }
}

function sameValue(stored: unknown, value: Field): boolean {
  // Arrays and objects (systems, a position, an SLA, required data) are small: compare as JSON.
  if (typeof value === "object" && value !== null)
    return typeof stored === "object" && stored !== null && JSON.stringify(stored) === JSON.stringify(value);
  return Object.is(stored, value);
}

/**
 * Turns the order array into `target` with few operations: the common head and tail are kept,
 * and within the rest the longest common subsequence stays put, so an id that did not move is
 * never deleted and re-inserted (which would fight a colleague's concurrent move of it).
 */
function reconcileOrder(order: Y.Array<unknown>, target: readonly string[]): void {
  const current = order.toArray();
  let start = 0;
  while (start < current.length && start < target.length && current[start] === target[start]) start++;
  let endCurrent = current.length;
  let endTarget = target.length;
  while (endCurrent > start && endTarget > start && current[endCurrent - 1] === target[endTarget - 1]) {
    endCurrent--;
    endTarget--;
  }
  const a = current.slice(start, endCurrent);
  const b = target.slice(start, endTarget);
  if (a.length === 0 && b.length === 0) return;
  const pairs = a.length * b.length <= 1_000_000 ? commonSubsequence(a, b) : [];
  // Walk the gaps between kept pairs from the end, so earlier indexes stay valid.
  let nextA = a.length;
  let nextB = b.length;
  for (let k = pairs.length; k >= 0; k--) {
    const [i, j] = k === 0 ? [-1, -1] : (pairs[k - 1] as [number, number]);
    const deleteCount = nextA - i - 1;
    if (deleteCount > 0) order.delete(start + i + 1, deleteCount);
    const inserts = b.slice(j + 1, nextB);
    if (inserts.length > 0) order.insert(start + i + 1, inserts);
    nextA = i;
    nextB = j;
  }
}

/** Index pairs of a longest common subsequence of a and b, ascending. */
function commonSubsequence(a: readonly unknown[], b: readonly string[]): [number, number][] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Reading

class NotAMap extends Error {}

/**
 * Builds the map the document holds. References a concurrent delete left dangling, duplicate
 * ids in an order after concurrent moves, and items missing from their order are repaired, the
 * same on every peer (the repair depends only on the merged document), each described in plain
 * words in `repairs` for a notice. The map passes parseMap. `ok: false` only for a document that
 * cannot be a map: no map yet, or values of the wrong kind (a hostile or broken client).
 *
 * Dangling handoffs and edge cases stay in the document (see writeMap), so their repair is
 * reported on every read until someone undoes the delete that left them: show a notice for the
 * repairs that were not in the previous read's list, not for every read.
 */
export function readMap(doc: Y.Doc): ReadMapResult {
  try {
    if (isEmptyMapDoc(doc)) return { ok: false, errors: ["the document holds no map yet"] };
    return readUnchecked(doc);
  } catch (error) {
    if (error instanceof NotAMap) return { ok: false, errors: [error.message] };
    // Yjs throws when a top-level name already holds another kind of type.
    return {
      ok: false,
      errors: [`not a map document: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

interface Entry {
  id: string;
  fields: Map<string, unknown>;
  item: Y.Map<unknown>;
}

function readUnchecked(doc: Y.Doc): ReadMapResult {
  const repairs: string[] = [];
  const meta = doc.getMap<unknown>(MAP_DOC_KEYS.meta);
  const raw: Record<string, unknown> = {};
  for (const key of META_FIELDS) if (meta.has(key)) raw[key] = plain(meta.get(key), `map.${key}`);
  // writeMap writes format and version with everything else: a document without them was not
  // written as a map.
  if (meta.get("format") !== MAP_FORMAT || meta.get("version") !== CURRENT_VERSION)
    throw new NotAMap(`not a map document: no "format": "${MAP_FORMAT}", "version": ${CURRENT_VERSION}`);

  const lanes = ordered(doc, "lanes", "laneOrder", LANE_FIELDS, "Lane", repairs);
  const phases = ordered(doc, "phases", "phaseOrder", PHASE_FIELDS, "Phase", repairs);
  const steps = ordered(doc, "steps", "stepOrder", STEP_FIELDS, "Step", repairs);
  const handoffs = ordered(doc, "handoffs", "handoffOrder", HANDOFF_FIELDS, "Handoff", repairs);

  if (lanes.length === 0) {
    // Two people deleted the last two lanes at once: gather what is left in one new lane.
    const fields = new Map<string, unknown>([["name", "Restored lane"]]);
    lanes.push({ id: RESTORED_LANE_ID, fields, item: new Y.Map() });
    repairs.push(
      'Every lane was deleted at once by different people; a lane named "Restored lane" now holds what was left.',
    );
  }
  const laneIds = new Set(lanes.map((lane) => lane.id));
  const phaseIds = new Set(phases.map((phase) => phase.id));
  const firstLane = lanes[0] as Entry;

  for (const step of steps) {
    const lane = step.fields.get("lane");
    if (typeof lane === "string" && !laneIds.has(lane)) {
      step.fields.set("lane", firstLane.id);
      repairs.push(
        `Step ${quoted(step, "label")} was in a lane someone else deleted at the same time; it moved to lane ${quoted(firstLane, "name")}.`,
      );
    }
    const phase = step.fields.get("phase");
    if (typeof phase === "string" && !phaseIds.has(phase)) {
      step.fields.delete("phase");
      repairs.push(
        `Step ${quoted(step, "label")} was in a phase someone else deleted at the same time; it now has no phase.`,
      );
    }
  }

  const stepIds = new Set(steps.map((step) => step.id));
  const edgeCases = doc.getMap<unknown>(MAP_DOC_KEYS.edgeCases);
  const edgeCaseEntries = new Map<string, Entry>();
  for (const [id, value] of sortedEntries(edgeCases))
    edgeCaseEntries.set(id, entry(id, value, EDGE_CASE_FIELDS, "edge case"));

  const keptHandoffs: Entry[] = [];
  const placed = new Set<string>();
  for (const handoff of handoffs) {
    const from = handoff.fields.get("from");
    const to = handoff.fields.get("to");
    const onHandoff = [...edgeCaseEntries.values()].filter((ec) => ec.fields.get("handoff") === handoff.id);
    const losing = onHandoff.length === 0 ? "" : ` with its ${count(onHandoff.length, "edge case")}`;
    if ((typeof from === "string" && !stepIds.has(from)) || (typeof to === "string" && !stepIds.has(to))) {
      repairs.push(
        `Handoff ${handoffName(handoff, steps)} lost a step someone else deleted at the same time; it was removed${losing}.`,
      );
      for (const ec of onHandoff) placed.add(ec.id);
      continue;
    }
    if (typeof from === "string" && from === to) {
      repairs.push(
        `Handoff ${handoffName(handoff, steps)} was pointed at both ends by two people at once and went from a step to itself; it was removed${losing}.`,
      );
      for (const ec of onHandoff) placed.add(ec.id);
      continue;
    }
    keptHandoffs.push(handoff);
  }

  const rawHandoffs = keptHandoffs.map((handoff) => {
    const order = handoff.item.get(EDGE_CASE_ORDER);
    if (order !== undefined && !(order instanceof Y.Array))
      throw new NotAMap(`handoff ${JSON.stringify(handoff.id)}: its edge-case order is not a list`);
    const belongs = (id: string) => edgeCaseEntries.get(id)?.fields.get("handoff") === handoff.id;
    const ids = orderIds(
      order instanceof Y.Array ? order : undefined,
      `handoff ${JSON.stringify(handoff.id)}`,
    );
    const list: Entry[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id) || !belongs(id)) continue;
      seen.add(id);
      list.push(edgeCaseEntries.get(id) as Entry);
    }
    for (const ec of edgeCaseEntries.values())
      if (ec.fields.get("handoff") === handoff.id && !seen.has(ec.id)) {
        seen.add(ec.id);
        list.push(ec);
        repairs.push(
          `Edge case ${quoted(ec, "title")} was missing from its handoff's list after concurrent edits; it was put at the end.`,
        );
      }
    for (const ec of list) placed.add(ec.id);
    return {
      ...rawItem(handoff),
      edgeCases: list.map((ec) => {
        const { handoff: _handoff, ...fields } = rawItem(ec);
        return fields;
      }),
    };
  });

  for (const ec of edgeCaseEntries.values())
    if (!placed.has(ec.id))
      repairs.push(
        `Edge case ${quoted(ec, "title")} was on a handoff someone else deleted at the same time; it was removed.`,
      );

  raw.lanes = lanes.map(rawItem);
  raw.phases = phases.map(rawItem);
  raw.steps = steps.map(rawItem);
  raw.handoffs = rawHandoffs;

  const parsed = parseMap(raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(formatIssue) };
  // Two people adding an edge case at once both take the next number: the later one in map order
  // is renumbered by parseMap, the same on every peer.
  for (const warning of parsed.warnings) repairs.push(formatIssue(warning));
  return { ok: true, map: parsed.map, repairs };
}

/** The id of the lane readMap makes when every lane was deleted at once. */
export const RESTORED_LANE_ID = "restored-lane";

/**
 * One kind's items in order: the order array with unknown ids and repeats dropped, then the items
 * the order misses, by id. Deterministic: it reads only the merged document.
 */
function ordered(
  doc: Y.Doc,
  kind: KindKey,
  orderKey: OrderKey,
  fieldNames: readonly string[],
  noun: string,
  repairs: string[],
): Entry[] {
  const all = doc.getMap<unknown>(MAP_DOC_KEYS[kind]);
  const ids = orderIds(doc.getArray<unknown>(MAP_DOC_KEYS[orderKey]), orderKey);
  const result: Entry[] = [];
  const seen = new Set<string>();
  const moved = new Set<string>();
  const label = noun === "Lane" || noun === "Phase" ? "name" : "label";
  for (const id of ids) {
    const value = all.get(id);
    if (value === undefined) continue;
    if (seen.has(id)) {
      const first = result.find((item) => item.id === id) as Entry;
      if (!moved.has(id))
        repairs.push(
          `${noun} ${quoted(first, label)} was moved by two people at once; it stays where the first move put it.`,
        );
      moved.add(id);
      continue;
    }
    seen.add(id);
    result.push(entry(id, value, fieldNames, noun.toLowerCase()));
  }
  for (const [id, value] of sortedEntries(all)) {
    if (seen.has(id)) continue;
    const item = entry(id, value, fieldNames, noun.toLowerCase());
    result.push(item);
    repairs.push(
      `${noun} ${quoted(item, label)} was missing from the ${noun.toLowerCase()} order after concurrent edits; it was put at the end.`,
    );
  }
  return result;
}

function orderIds(order: Y.Array<unknown> | undefined, where: string): string[] {
  if (order === undefined) return [];
  const ids = order.toArray();
  for (const id of ids) if (typeof id !== "string") throw new NotAMap(`${where}: an id that is not text`);
  return ids as string[];
}

/** A Y.Map's entries sorted by key in code-unit order: the same on every peer. */
function sortedEntries(all: Y.Map<unknown>): [string, unknown][] {
  return [...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function entry(id: string, value: unknown, fieldNames: readonly string[], noun: string): Entry {
  if (!(value instanceof Y.Map)) throw new NotAMap(`${noun} ${JSON.stringify(id)} is not a record`);
  const fields = new Map<string, unknown>();
  for (const key of fieldNames)
    if (value.has(key)) fields.set(key, plain(value.get(key), `${noun} ${JSON.stringify(id)}.${key}`));
  return { id, fields, item: value };
}

/** A stored value as plain data (copied), or NotAMap for a shared type where a value belongs. */
function plain(value: unknown, where: string): unknown {
  if (value instanceof Y.AbstractType) throw new NotAMap(`${where}: a shared type where a value belongs`);
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}

function rawItem(item: Entry): Record<string, unknown> {
  const raw: Record<string, unknown> = { id: item.id };
  for (const [key, value] of item.fields) raw[key] = value;
  return raw;
}

function quoted(item: Entry, field: string): string {
  const value = item.fields.get(field);
  return JSON.stringify(typeof value === "string" && value.trim() !== "" ? value : item.id);
}

function handoffName(handoff: Entry, steps: readonly Entry[]): string {
  const label = handoff.fields.get("label");
  if (typeof label === "string" && label.trim() !== "") return JSON.stringify(label);
  const from = steps.find((step) => step.id === handoff.fields.get("from"));
  const to = steps.find((step) => step.id === handoff.fields.get("to"));
  if (from !== undefined && to !== undefined)
    return `from ${quoted(from, "label")} to ${quoted(to, "label")}`;
  if (from !== undefined) return `from ${quoted(from, "label")}`;
  if (to !== undefined) return `to ${quoted(to, "label")}`;
  return JSON.stringify(handoff.id);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
