/**
 * What a health rule reports. The JSON form of a list of findings (`handoff lint --format json`)
 * is a public contract, documented in docs/lint.md: add fields, never rename or remove them.
 */

/** Ordered from most to least severe: the panel and the CLI list findings in this order. */
export const FINDING_SEVERITIES = ["error", "warning", "info"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface Finding {
  /** The rule's stable kebab-case id, e.g. "handoff-no-sla". */
  rule: string;
  severity: FindingSeverity;
  /** One plain sentence naming the thing, e.g. `Handoff "Qualified lead" has no SLA.` */
  message: string;
  /** Where in the file, as in parse messages: `handoffs[3] (h-qualified)`. */
  path: string;
  /** The ids of the steps, handoffs, edge cases, lanes or phases it is about; the first is its target. */
  ids: string[];
}

export function severityRank(severity: FindingSeverity): number {
  return FINDING_SEVERITIES.indexOf(severity);
}
