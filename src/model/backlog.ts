import { type EdgeCase, type Handoff, type HandoffMap, SEVERITIES } from "./types";

/**
 * The ranked backlog: the open edge cases in the order the room voted them, the input to the
 * change-management plan.
 *
 * Rank rule: votes, most first; then severity, most severe first; then map order (handoffs in
 * document order, each handoff's edge cases in order), which is the register's numbering, so
 * two edge cases with equal votes and severity keep their EC-n order.
 */
export interface BacklogEntry {
  edgeCase: EdgeCase;
  handoff: Handoff;
  /** 0-based position in map order; the register's number is `mapIndex + 1`. */
  mapIndex: number;
}

/** Every edge case of the map with its handoff, in map order. */
export function edgeCasesInMapOrder(map: HandoffMap): BacklogEntry[] {
  const entries: BacklogEntry[] = [];
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases) entries.push({ edgeCase, handoff, mapIndex: entries.length });
  return entries;
}

/** The rank rule above, as a comparator for `Array.prototype.sort`. */
export function compareByRank(a: BacklogEntry, b: BacklogEntry): number {
  return (
    b.edgeCase.votes - a.edgeCase.votes ||
    SEVERITIES.indexOf(b.edgeCase.severity) - SEVERITIES.indexOf(a.edgeCase.severity) ||
    a.mapIndex - b.mapIndex
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
