/**
 * The edge-case register as rows: one numbering and one way of naming a handoff, shared by the
 * SVG, Markdown and CSV exports and the editor's register panel, so "EC-3" means the same edge
 * case on every surface.
 *
 * Numbers are the ones each edge case stores (src/model/edge-case-numbers.ts): given once, never
 * changed by deleting, adding or moving other edge cases. Rows come in map order (handoffs in
 * document order, then each handoff's edge cases), which groups them by handoff.
 */
import { edgeCaseNumbers } from "./edge-case-numbers";
import type { EdgeCase, Handoff, HandoffMap, Severity } from "./types";
import { SEVERITIES } from "./types";

export interface RegisterRow {
  /** The edge case's stable number. */
  number: number;
  /** The display number, e.g. "EC-3". */
  label: string;
  handoff: Handoff;
  edgeCase: EdgeCase;
  /** Label of the source step (its id when the step is missing). */
  from: string;
  /** Label of the target step (its id when the step is missing). */
  to: string;
  /** "From → To", named by the two steps' labels. */
  handoffName: string;
}

/** The display number of the n-th edge case: `edgeCaseLabel(3) === "EC-3"`. */
export function edgeCaseLabel(number: number): string {
  return `EC-${number}`;
}

/** Step labels by step id, for naming handoffs. */
function stepLabels(map: HandoffMap): Map<string, string> {
  const labels = new Map<string, string>();
  for (const step of map.steps) labels.set(step.id, step.label);
  return labels;
}

/** "Lead enrichment → SDR outreach": the handoff named by its two steps. */
export function handoffName(map: HandoffMap, handoff: Handoff): string {
  return handoffNameWith(stepLabels(map), handoff);
}

function handoffNameWith(labels: Map<string, string>, handoff: Handoff): string {
  const from = labels.get(handoff.from) ?? handoff.from;
  const to = labels.get(handoff.to) ?? handoff.to;
  return `${from} → ${to}`;
}

/**
 * Every edge case of the map with its stable number, in map order.
 *
 * @example
 * registerRows(map).map((row) => `${row.label} ${row.handoffName}: ${row.edgeCase.title}`)
 */
export function registerRows(map: HandoffMap): RegisterRow[] {
  const labels = stepLabels(map);
  const numbers = edgeCaseNumbers(map);
  const rows: RegisterRow[] = [];
  for (const handoff of map.handoffs) {
    const from = labels.get(handoff.from) ?? handoff.from;
    const to = labels.get(handoff.to) ?? handoff.to;
    const name = handoffNameWith(labels, handoff);
    for (const edgeCase of handoff.edgeCases) {
      const number = numbers.get(edgeCase.id) ?? rows.length + 1;
      rows.push({ number, label: edgeCaseLabel(number), handoff, edgeCase, from, to, handoffName: name });
    }
  }
  return rows;
}

/** The rows by number, EC-1 first: the order of a list read out by number (the CSV register). */
export function registerRowsByNumber(map: HandoffMap): RegisterRow[] {
  return registerRows(map).sort((a, b) => a.number - b.number);
}

/** The most severe severity among the edge cases still open, or null when none is open. */
export function highestOpenSeverity(edgeCases: readonly EdgeCase[]): Severity | null {
  let highest = -1;
  for (const edgeCase of edgeCases) {
    if (edgeCase.status !== "open") continue;
    highest = Math.max(highest, SEVERITIES.indexOf(edgeCase.severity));
  }
  return SEVERITIES[highest] ?? null;
}
