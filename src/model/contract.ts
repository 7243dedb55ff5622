/**
 * The handoff contract (format v1, optional fields on a handoff): what starts it, what travels
 * with it, how fast the next team acts, who owns each side, where it is recorded and what proves
 * it was accepted. Every field is optional and absent until someone fills it in, so files written
 * before contracts existed read back exactly as they were. docs/format.md is the public contract.
 */

export const SLA_UNITS = ["minutes", "hours", "business-hours", "days", "business-days"] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

/** How data crosses from one system to another on a system crossing. */
export const INTEGRATIONS = ["automated", "manual re-entry", "unknown"] as const;
export type Integration = (typeof INTEGRATIONS)[number];

/** A per-map setting for a health rule: off, or the severity its findings take. */
export const RULE_LEVELS = ["off", "info", "warning", "error"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface RequiredDataItem {
  /** What must travel with the handoff ("company domain"). */
  item: string;
  /** Ticked when the room agreed that it travels. */
  agreed: boolean;
}

/** A target such as "≤ 4 business hours"; value and unit come together, text says the rest. */
export interface Sla {
  value?: number;
  unit?: SlaUnit;
  text?: string;
}

export interface HandoffContract {
  trigger?: string;
  requiredData?: RequiredDataItem[];
  sla?: Sla;
  sender?: string;
  receiver?: string;
  systemOfRecord?: string;
  acceptance?: string;
  /** The room examined the handoff and found no edge cases: an empty list is a decision. */
  noKnownEdgeCases?: boolean;
  /** How data moves when the two steps share no system; absent reads as "unknown". */
  integration?: Integration;
}

/** The contract's field names, in the order the inspector and the tables show them. */
export const CONTRACT_FIELDS = [
  "trigger",
  "requiredData",
  "sla",
  "sender",
  "receiver",
  "systemOfRecord",
  "acceptance",
  "noKnownEdgeCases",
  "integration",
] as const satisfies readonly (keyof HandoffContract)[];

const UNIT_WORDS: Record<SlaUnit, [string, string]> = {
  minutes: ["minute", "minutes"],
  hours: ["hour", "hours"],
  "business-hours": ["business hour", "business hours"],
  days: ["day", "days"],
  "business-days": ["business day", "business days"],
};

/** "≤ 4 business hours", "≤ 1 day; same day in Q4", or "" when there is no SLA. */
export function formatSla(sla: Sla | undefined): string {
  if (sla === undefined) return "";
  const parts: string[] = [];
  if (sla.value !== undefined && sla.unit !== undefined) {
    const [one, many] = UNIT_WORDS[sla.unit];
    parts.push(`≤ ${sla.value} ${sla.value === 1 ? one : many}`);
  }
  const text = sla.text?.trim() ?? "";
  if (text !== "") parts.push(text);
  return parts.join("; ");
}

/** The short form for the canvas: "≤ 4 bus. h". */
export function formatSlaShort(sla: Sla | undefined): string {
  if (sla?.value === undefined || sla.unit === undefined) return sla?.text?.trim() ? "SLA" : "";
  const short: Record<SlaUnit, string> = {
    minutes: "min",
    hours: "h",
    "business-hours": "bus. h",
    days: "d",
    "business-days": "bus. d",
  };
  return `≤ ${sla.value} ${short[sla.unit]}`;
}

export function hasSla(sla: Sla | undefined): boolean {
  return formatSla(sla) !== "";
}
