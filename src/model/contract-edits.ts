import {
  INTEGRATIONS,
  type Integration,
  type RequiredDataItem,
  RULE_LEVELS,
  type RuleLevel,
  SLA_UNITS,
  type Sla,
  type SlaUnit,
} from "./contract";
import { addEdgeCase, EditError } from "./operations";
import { type Handoff, type HandoffMap, LIMITS } from "./types";

/**
 * Pure edits of handoff contracts and of the map's health-rule settings, in the style of
 * operations.ts: (map, args) -> map, an EditError naming the field when a value is refused, the
 * map passed in never changed. An empty text or a cleared value removes the field, so a contract
 * emptied again writes the same file as one never filled in.
 */

type TextField = "trigger" | "sender" | "receiver" | "systemOfRecord" | "acceptance";

export interface ContractPatch {
  trigger?: string;
  sender?: string;
  receiver?: string;
  systemOfRecord?: string;
  acceptance?: string;
  /** null clears the SLA. */
  sla?: Sla | null;
  noKnownEdgeCases?: boolean;
  /** null clears it (reads as "unknown"). */
  integration?: Integration | null;
}

const FIELD_NAMES: Record<TextField, string> = {
  trigger: "Trigger",
  sender: "Sender",
  receiver: "Receiver",
  systemOfRecord: "System of record",
  acceptance: "Acceptance",
};

const TEXT_FIELDS = Object.keys(FIELD_NAMES) as TextField[];

function limitText(field: string, value: string): string {
  if (value.length > LIMITS.textLength)
    throw new EditError(`${field} must be at most ${LIMITS.textLength} characters`);
  return value;
}

function withHandoff(map: HandoffMap, id: string, change: (handoff: Handoff) => Handoff): HandoffMap {
  const index = map.handoffs.findIndex((handoff) => handoff.id === id);
  if (index < 0) throw new EditError(`no handoff with id ${JSON.stringify(id)}`);
  const handoffs = map.handoffs.slice();
  handoffs[index] = change(map.handoffs[index] as Handoff);
  return { ...map, handoffs };
}

function checkSla(sla: Sla): Sla | undefined {
  const next: Sla = {};
  if ((sla.value === undefined) !== (sla.unit === undefined))
    throw new EditError("SLA needs both a number and a unit, or neither");
  if (sla.value !== undefined && sla.unit !== undefined) {
    if (!Number.isFinite(sla.value) || sla.value < 0 || sla.value > 1_000_000)
      throw new EditError("SLA must be a number from 0 to 1000000");
    if (!SLA_UNITS.includes(sla.unit)) throw new EditError(`SLA unit must be one of ${SLA_UNITS.join(", ")}`);
    next.value = sla.value;
    next.unit = sla.unit;
  }
  if (sla.text !== undefined && sla.text.trim() !== "") next.text = limitText("SLA note", sla.text);
  return next.value === undefined && next.text === undefined ? undefined : next;
}

export function updateContract(map: HandoffMap, id: string, patch: ContractPatch): HandoffMap {
  return withHandoff(map, id, (handoff) => {
    const next: Handoff = { ...handoff };
    for (const field of TEXT_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value.trim() === "") delete next[field];
      else next[field] = limitText(FIELD_NAMES[field], value);
    }
    if (patch.sla !== undefined) {
      const sla = patch.sla === null ? undefined : checkSla(patch.sla);
      if (sla === undefined) delete next.sla;
      else next.sla = sla;
    }
    if (patch.noKnownEdgeCases !== undefined) {
      if (patch.noKnownEdgeCases) next.noKnownEdgeCases = true;
      else delete next.noKnownEdgeCases;
    }
    if (patch.integration !== undefined) {
      if (patch.integration === null) delete next.integration;
      else if (!INTEGRATIONS.includes(patch.integration))
        throw new EditError(`Integration must be one of ${INTEGRATIONS.join(", ")}`);
      else next.integration = patch.integration;
    }
    return next;
  });
}

function requireItem(item: string): string {
  if (item.trim() === "") throw new EditError("Required data must not be blank");
  return limitText("Required data", item);
}

function withRequiredData(
  map: HandoffMap,
  id: string,
  change: (items: RequiredDataItem[]) => RequiredDataItem[],
): HandoffMap {
  return withHandoff(map, id, (handoff) => {
    const items = change(handoff.requiredData ?? []);
    const next: Handoff = { ...handoff };
    if (items.length === 0) delete next.requiredData;
    else next.requiredData = items;
    return next;
  });
}

function itemAt(items: readonly RequiredDataItem[], index: number): RequiredDataItem {
  const item = items[index];
  if (item === undefined) throw new EditError(`no required-data item ${index + 1} on this handoff`);
  return item;
}

export function addRequiredData(map: HandoffMap, id: string, item: string, agreed = false): HandoffMap {
  return withRequiredData(map, id, (items) => {
    if (items.length >= 200) throw new EditError("a handoff holds at most 200 required-data items");
    return [...items, { item: requireItem(item), agreed }];
  });
}

export function updateRequiredData(
  map: HandoffMap,
  id: string,
  index: number,
  patch: { item?: string; agreed?: boolean },
): HandoffMap {
  return withRequiredData(map, id, (items) => {
    const current = itemAt(items, index);
    const next = items.slice();
    next[index] = {
      item: patch.item === undefined ? current.item : requireItem(patch.item),
      agreed: patch.agreed ?? current.agreed,
    };
    return next;
  });
}

export function removeRequiredData(map: HandoffMap, id: string, index: number): HandoffMap {
  return withRequiredData(map, id, (items) => {
    itemAt(items, index);
    return items.filter((_, i) => i !== index);
  });
}

/** The title an unagreed required-data item's edge case takes. */
export function requiredDataEdgeCaseTitle(item: string): string {
  return `No agreement that "${item.trim()}" travels with this handoff`;
}

/**
 * Turns a required-data item the room could not agree on into an open edge case on the same
 * handoff (the item stays on the list: it is still required). Refused when the item is agreed or
 * already has its edge case, so pressing the key twice does not make two.
 */
export function requiredDataToEdgeCase(
  map: HandoffMap,
  id: string,
  index: number,
  edgeCaseId?: string,
): HandoffMap {
  const handoff = map.handoffs.find((h) => h.id === id);
  if (handoff === undefined) throw new EditError(`no handoff with id ${JSON.stringify(id)}`);
  const item = itemAt(handoff.requiredData ?? [], index);
  if (item.agreed) throw new EditError(`"${item.item}" is agreed: it needs no edge case`);
  const title = requiredDataEdgeCaseTitle(item.item);
  if (handoff.edgeCases.some((edgeCase) => edgeCase.title === title))
    throw new EditError(`"${item.item}" is already an edge case on this handoff`);
  const withEdgeCase = addEdgeCase(map, id, {
    ...(edgeCaseId === undefined ? {} : { id: edgeCaseId }),
    title,
    severity: "medium",
  });
  // An edge case now exists: "no known edge cases" is no longer true.
  return updateContract(withEdgeCase, id, { noKnownEdgeCases: false });
}

/** Sets a health rule's level for this map; null goes back to the rule's default. */
export function setRuleLevel(map: HandoffMap, rule: string, level: RuleLevel | null): HandoffMap {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule))
    throw new EditError(`rule id must be kebab-case, not ${JSON.stringify(rule)}`);
  const lint: Record<string, RuleLevel> = { ...(map.lint ?? {}) };
  if (level === null) delete lint[rule];
  else if (!RULE_LEVELS.includes(level))
    throw new EditError(`level must be one of ${RULE_LEVELS.join(", ")}`);
  else lint[rule] = level;
  const next: HandoffMap = { ...map };
  if (Object.keys(lint).length === 0) delete next.lint;
  else next.lint = lint;
  return next;
}

/**
 * Sets the SLA's number from what was typed ("4", "1.5", "" to clear it), with `unit` when the
 * SLA had none yet; the note is kept.
 */
export function setSlaValue(map: HandoffMap, id: string, typed: string, unit: SlaUnit): HandoffMap {
  const handoff = map.handoffs.find((h) => h.id === id);
  if (handoff === undefined) throw new EditError(`no handoff with id ${JSON.stringify(id)}`);
  const text = handoff.sla?.text;
  if (typed.trim() === "") return updateContract(map, id, { sla: text === undefined ? null : { text } });
  const value = Number(typed.trim().replace(",", "."));
  if (!/^\d+(?:[.,]\d+)?$/.test(typed.trim()) || !Number.isFinite(value))
    throw new EditError(`SLA must be a number such as 4, not ${JSON.stringify(typed)}`);
  return updateContract(map, id, {
    sla: { value, unit: handoff.sla?.unit ?? unit, ...(text === undefined ? {} : { text }) },
  });
}

/** Changes the SLA's unit; a no-op while the SLA has no number (the unit waits for one). */
export function setSlaUnit(map: HandoffMap, id: string, unit: SlaUnit): HandoffMap {
  const handoff = map.handoffs.find((h) => h.id === id);
  if (handoff === undefined) throw new EditError(`no handoff with id ${JSON.stringify(id)}`);
  if (handoff.sla?.value === undefined) return map;
  return updateContract(map, id, { sla: { ...handoff.sla, unit } });
}

/** Sets the SLA's free-text note, keeping its number and unit. */
export function setSlaText(map: HandoffMap, id: string, text: string): HandoffMap {
  const handoff = map.handoffs.find((h) => h.id === id);
  if (handoff === undefined) throw new EditError(`no handoff with id ${JSON.stringify(id)}`);
  const { value, unit } = handoff.sla ?? {};
  return updateContract(map, id, {
    sla: { ...(value === undefined || unit === undefined ? {} : { value, unit }), text },
  });
}
