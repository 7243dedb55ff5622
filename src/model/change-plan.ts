import { type BacklogEntry, compareByRank, edgeCasesInMapOrder } from "./backlog";
import type { HandoffMap } from "./types";

/**
 * The change plan: who will do what about the edge cases the workshop kept, by when.
 *
 * Which edge cases: status "open" (still to be fixed) and "accepted" (the room decided to live
 * with it; listed so the decision and its owner are on record). "Mitigated" ones are done.
 *
 * Grouping: by the edge case's owner, trimmed, with runs of white space collapsed and case
 * ignored ("Marketing ops" and "marketing  Ops" are one group, named as first written in map
 * order). Edge cases without an owner come first, as "Unassigned" (the facilitator's to-do);
 * the other groups follow in alphabetical order of their key.
 *
 * Within a group: open before accepted; then by due date, earliest first, undated last; then by
 * backlog rank (votes, severity, map order).
 */
export const UNASSIGNED = "Unassigned";

export interface ChangePlanGroup {
  /** The owner as written, or "Unassigned". */
  owner: string;
  unassigned: boolean;
  items: BacklogEntry[];
}

/** The change plan's grouping key for an owner: trimmed, runs of white space collapsed, case ignored. */
export function ownerKey(owner: string): string {
  return owner.trim().replace(/\s+/g, " ").toLowerCase();
}

function compareInGroup(a: BacklogEntry, b: BacklogEntry): number {
  const status = Number(a.edgeCase.status === "accepted") - Number(b.edgeCase.status === "accepted");
  if (status !== 0) return status;
  const aDue = a.edgeCase.due;
  const bDue = b.edgeCase.due;
  if (aDue !== bDue) {
    if (aDue === undefined) return 1;
    if (bDue === undefined) return -1;
    return aDue < bDue ? -1 : 1;
  }
  return compareByRank(a, b);
}

/**
 * @example
 * changePlan(map).map((group) => `${group.owner}: ${group.items.length}`)
 */
export function changePlan(map: HandoffMap): ChangePlanGroup[] {
  const groups = new Map<string, ChangePlanGroup>();
  for (const entry of edgeCasesInMapOrder(map)) {
    const { status, owner } = entry.edgeCase;
    if (status !== "open" && status !== "accepted") continue;
    const key = ownerKey(owner);
    let group = groups.get(key);
    if (group === undefined) {
      group =
        key === ""
          ? { owner: UNASSIGNED, unassigned: true, items: [] }
          : { owner: owner.trim().replace(/\s+/g, " "), unassigned: false, items: [] };
      groups.set(key, group);
    }
    group.items.push(entry);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const group = groups.get(key) as ChangePlanGroup;
    group.items.sort(compareInGroup);
    return group;
  });
}
