import { formatSla, type RequiredDataItem, type Sla } from "../contract";
import { edgeCaseNumbers } from "../edge-case-numbers";
import { KNOWN_FIELDS } from "../map-schema";
import type { EdgeCase, Handoff, HandoffMap, Lane, Phase, Step } from "../types";

/**
 * The semantic difference between two maps (two versions, two scenarios, two files): what was
 * added, removed and changed, matched by id, never by position on the canvas.
 *
 * - Every entity kind: lanes, phases, steps, handoffs, edge cases (edge cases by id across the
 *   map, so one moved to another handoff is a change of its `handoff`, not a delete and an add).
 * - Field-level: every field of the format is compared, generically (a field added to the
 *   schema later shows up without code here); values are compared structurally.
 * - A step in another lane is a change of its `lane` ("moved from SDR to Marketing Ops").
 * - Layout-only fields (a step's `position`; a lane's or phase's `order` among the others) are
 *   left out unless `layout: true`; `layoutChanges` counts the entities they touched.
 *
 * Pure and deterministic: changes come in a fixed order (kind, then the newer map's order, then
 * removed ones in the older map's order), fields in the schema's order.
 */

export const DIFF_KINDS = ["lane", "phase", "step", "handoff", "edgeCase"] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];
export type ChangeType = "added" | "removed" | "changed";

export interface FieldChange {
  field: string;
  /** The raw values as in the file (ids for references); undefined when absent. */
  before: unknown;
  after: unknown;
  /** The values as a person reads them: lane and step names for references, lists joined. */
  beforeText: string;
  afterText: string;
}

export interface EntityChange {
  kind: DiffKind;
  id: string;
  change: ChangeType;
  /** Name, label or title: the newer one, the older one for a removed entity. */
  label: string;
  /** Only for "changed": every field that differs. */
  fields: FieldChange[];
  /** Edge cases: the handoff they are on (in the newer map; the older one when removed). */
  handoff?: string;
}

export interface DiffCounts {
  added: Record<DiffKind, number>;
  removed: Record<DiffKind, number>;
  changed: Record<DiffKind, number>;
  /** Edge cases whose status became "mitigated". */
  mitigated: number;
}

export interface MapDiff {
  changes: EntityChange[];
  counts: DiffCounts;
  /** Entities whose only differences are layout (hidden unless `layout: true`). */
  layoutChanges: number;
}

export interface DiffOptions {
  /** Include layout-only fields (positions, lane and phase order). Default false. */
  layout?: boolean;
}

const LAYOUT_FIELDS = new Set(["position", "order"]);
/** Fields that are not compared as fields: the id, and nested entities diffed on their own. */
const SKIPPED: Record<DiffKind, ReadonlySet<string>> = {
  lane: new Set(["id"]),
  phase: new Set(["id"]),
  step: new Set(["id"]),
  handoff: new Set(["id", "edgeCases"]),
  edgeCase: new Set(["id"]),
};
const SCHEMA_ORDER: Record<DiffKind, readonly string[]> = {
  lane: [...KNOWN_FIELDS.lane, "order"],
  phase: [...KNOWN_FIELDS.phase, "order"],
  step: [...KNOWN_FIELDS.step],
  handoff: [...KNOWN_FIELDS.handoff],
  edgeCase: ["handoff", ...KNOWN_FIELDS.edgeCase],
};

function zeroCounts(): Record<DiffKind, number> {
  return { lane: 0, phase: 0, step: 0, handoff: 0, edgeCase: 0 };
}

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(aRecord), ...Object.keys(bRecord)]);
  for (const key of keys) if (!sameValue(aRecord[key], bRecord[key])) return false;
  return true;
}

/** The fields of two records in schema order, then any others alphabetically. */
function fieldsOf(kind: DiffKind, a: object, b: object): string[] {
  const order = SCHEMA_ORDER[kind];
  const present = new Set([...Object.keys(a), ...Object.keys(b)]);
  const known = order.filter((field) => present.has(field));
  const others = [...present].filter((field) => !order.includes(field)).sort();
  return [...known, ...others].filter((field) => !SKIPPED[kind].has(field));
}

/** A value as a person reads it. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return "none";
  if (typeof value === "string") return value === "" ? "empty" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(valueText).join(", ");
  if (typeof value === "object") {
    const { x, y } = value as { x?: unknown; y?: unknown };
    if (typeof x === "number" && typeof y === "number") return `${x}, ${y}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** How one side of the compare names things referred to by id. */
interface Names {
  lanes: Map<string, Lane>;
  phases: Map<string, Phase>;
  steps: Map<string, Step>;
  handoffs: Map<string, Handoff>;
  numbers: Map<string, number>;
}

function namesOf(map: HandoffMap): Names {
  return {
    lanes: new Map(map.lanes.map((l) => [l.id, l])),
    phases: new Map(map.phases.map((p) => [p.id, p])),
    steps: new Map(map.steps.map((s) => [s.id, s])),
    handoffs: new Map(map.handoffs.map((h) => [h.id, h])),
    numbers: edgeCaseNumbers(map),
  };
}

/** A handoff as a person names it: its label, or "From → To" by its steps' labels. */
export function handoffTitle(handoff: Handoff, steps: ReadonlyMap<string, Step>): string {
  if (handoff.label.trim() !== "") return handoff.label;
  return `${steps.get(handoff.from)?.label ?? handoff.from} → ${steps.get(handoff.to)?.label ?? handoff.to}`;
}

function referenceText(kind: DiffKind, field: string, value: unknown, names: Names): string {
  if (typeof value === "string") {
    if (kind === "step" && field === "lane") return names.lanes.get(value)?.name ?? value;
    if (kind === "step" && field === "phase") return names.phases.get(value)?.name ?? value;
    if (kind === "handoff" && (field === "from" || field === "to"))
      return names.steps.get(value)?.label ?? value;
    if (kind === "edgeCase" && field === "handoff") {
      const handoff = names.handoffs.get(value);
      return handoff === undefined ? value : handoffTitle(handoff, names.steps);
    }
  }
  if (kind === "step" && field === "phase" && value === undefined) return "no phase";
  if (kind === "handoff" && field === "sla" && typeof value === "object" && value !== null)
    return formatSla(value as Sla) || "none";
  if (kind === "handoff" && field === "requiredData" && Array.isArray(value) && value.length > 0)
    return (value as RequiredDataItem[]).map((d) => (d.agreed ? `${d.item} (agreed)` : d.item)).join(", ");
  return valueText(value);
}

interface Side<T> {
  items: readonly T[];
  names: Names;
}

/** Entities of one kind, keyed by id, with the pseudo-fields the diff compares. */
type Flat = { id: string } & Record<string, unknown>;

function withOrder<T extends { id: string }>(items: readonly T[], common: ReadonlySet<string>): Flat[] {
  let order = 0;
  return items.map((item) => (common.has(item.id) ? { ...item, order: ++order } : { ...item }));
}

function diffKind(
  kind: DiffKind,
  before: Side<Flat>,
  after: Side<Flat>,
  label: (item: Flat, names: Names) => string,
  options: DiffOptions,
  out: { changes: EntityChange[]; counts: DiffCounts; layoutChanges: number },
  extra?: (item: Flat) => Partial<EntityChange>,
) {
  const older = new Map(before.items.map((item) => [item.id, item]));
  const newer = new Set(after.items.map((item) => item.id));
  for (const item of after.items) {
    const old = older.get(item.id);
    if (old === undefined) {
      out.changes.push({
        kind,
        id: item.id,
        change: "added",
        label: label(item, after.names),
        fields: [],
        ...extra?.(item),
      });
      out.counts.added[kind]++;
      continue;
    }
    const fields: FieldChange[] = [];
    let layoutOnly = false;
    for (const field of fieldsOf(kind, old, item)) {
      if (sameValue(old[field], item[field])) continue;
      if (LAYOUT_FIELDS.has(field) && options.layout !== true) {
        layoutOnly = true;
        continue;
      }
      fields.push({
        field,
        before: old[field],
        after: item[field],
        beforeText: referenceText(kind, field, old[field], before.names),
        afterText: referenceText(kind, field, item[field], after.names),
      });
    }
    if (fields.length === 0) {
      if (layoutOnly) out.layoutChanges++;
      continue;
    }
    out.changes.push({
      kind,
      id: item.id,
      change: "changed",
      label: label(item, after.names),
      fields,
      ...extra?.(item),
    });
    out.counts.changed[kind]++;
    if (kind === "edgeCase" && old.status !== "mitigated" && item.status === "mitigated")
      out.counts.mitigated++;
  }
  for (const item of before.items) {
    if (newer.has(item.id)) continue;
    out.changes.push({
      kind,
      id: item.id,
      change: "removed",
      label: label(item, before.names),
      fields: [],
      ...extra?.(item),
    });
    out.counts.removed[kind]++;
  }
}

function edgeCasesOf(map: HandoffMap): Flat[] {
  const flat: Flat[] = [];
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases) flat.push({ handoff: handoff.id, ...edgeCase });
  return flat;
}

/**
 * @example
 * const diff = diffMaps(asIs, toBe);
 * summarizeDiff(diff); // "+4 steps, −2 handoffs, 7 changed, 3 edge cases mitigated"
 */
export function diffMaps(before: HandoffMap, after: HandoffMap, options: DiffOptions = {}): MapDiff {
  const out = {
    changes: [] as EntityChange[],
    counts: { added: zeroCounts(), removed: zeroCounts(), changed: zeroCounts(), mitigated: 0 },
    layoutChanges: 0,
  };
  const b = namesOf(before);
  const a = namesOf(after);
  const common = <T extends { id: string }>(x: readonly T[], y: readonly T[]) => {
    const ids = new Set(y.map((item) => item.id));
    return new Set(x.filter((item) => ids.has(item.id)).map((item) => item.id));
  };
  const lanes = common(before.lanes, after.lanes);
  const phases = common(before.phases, after.phases);
  const name = (item: Flat) => String(item.name ?? item.id);
  diffKind(
    "lane",
    { items: withOrder(before.lanes, lanes), names: b },
    { items: withOrder(after.lanes, lanes), names: a },
    name,
    options,
    out,
  );
  diffKind(
    "phase",
    { items: withOrder(before.phases, phases), names: b },
    { items: withOrder(after.phases, phases), names: a },
    name,
    options,
    out,
  );
  diffKind(
    "step",
    { items: before.steps as unknown as Flat[], names: b },
    { items: after.steps as unknown as Flat[], names: a },
    (item) => String(item.label),
    options,
    out,
  );
  diffKind(
    "handoff",
    { items: before.handoffs as unknown as Flat[], names: b },
    { items: after.handoffs as unknown as Flat[], names: a },
    (item, names) => handoffTitle(item as unknown as Handoff, names.steps),
    options,
    out,
  );
  diffKind(
    "edgeCase",
    { items: edgeCasesOf(before), names: b },
    { items: edgeCasesOf(after), names: a },
    (item, names) => {
      const number = (item as unknown as EdgeCase).number ?? names.numbers.get(item.id);
      return number === undefined ? String(item.title) : `EC-${number} ${String(item.title)}`;
    },
    options,
    out,
    (item) => ({ handoff: String(item.handoff) }),
  );
  return out;
}

/** True when the diff holds no change (layout-only changes hidden by the options do not count). */
export function isEmptyDiff(diff: MapDiff): boolean {
  return diff.changes.length === 0;
}
