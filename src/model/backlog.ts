import { edgeCaseNumbers } from "./edge-case-numbers";
import { type EdgeCase, type Handoff, type HandoffMap, SEVERITIES } from "./types";

/**
 * The ranked backlog: the open edge cases in the order the room voted them, the input to the
 * change-management plan.
 *
 * Rank rule: votes, most first; then severity, most severe first; then the edge case's stable
 * number (EC-n), lowest first, so two edge cases with equal votes and severity keep their EC-n order.
 */
export interface BacklogEntry {
  edgeCase: EdgeCase;
  handoff: Handoff;
  /** 0-based position in map order (handoffs in document order, then their edge cases). */
  mapIndex: number;
  /** The stable number shown as "EC-n" (edge-case-numbers.ts). */
  number: number;
}

/** Every edge case of the map with its handoff and number, in map order. */
export function edgeCasesInMapOrder(map: HandoffMap): BacklogEntry[] {
  const numbers = edgeCaseNumbers(map);
  const entries: BacklogEntry[] = [];
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases)
      entries.push({
        edgeCase,
        handoff,
        mapIndex: entries.length,
        number: numbers.get(edgeCase.id) ?? entries.length + 1,
      });
  return entries;
}

/** The rank rule above, as a comparator for `Array.prototype.sort`. */
export function compareByRank(a: BacklogEntry, b: BacklogEntry): number {
  return (
    b.edgeCase.votes - a.edgeCase.votes ||
    SEVERITIES.indexOf(b.edgeCase.severity) - SEVERITIES.indexOf(a.edgeCase.severity) ||
    a.number - b.number
  );
}

/**
 * @example
 * rankedBacklog(map)[0]?.edgeCase.title // the most-voted open edge case
 */
export function rankedBacklog(map: HandoffMap): BacklogEntry[] {
  return edgeCasesInMapOrder(map)
    .filter((entry) => entry.edgeCase.status === "open")
    .sort(compareByRank);
}
