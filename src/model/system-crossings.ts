import type { Integration } from "./contract";
import type { Handoff, HandoffMap, Step } from "./types";

/**
 * System crossings: a handoff whose two steps each list systems but share none, so data must move
 * from one tool to another. Steps that list no systems say nothing either way and never make a
 * crossing (a map without systems would otherwise be all crossings). Systems compare ignoring case
 * and spacing ("Salesforce" and " salesforce ").
 */

function systemKey(system: string): string {
  return system.trim().replace(/\s+/g, " ").toLowerCase();
}

export function isSystemCrossing(from: Step | undefined, to: Step | undefined): boolean {
  if (from === undefined || to === undefined) return false;
  const a = new Set(from.systems.map(systemKey).filter((key) => key !== ""));
  const b = to.systems.map(systemKey).filter((key) => key !== "");
  if (a.size === 0 || b.length === 0) return false;
  return !b.some((key) => a.has(key));
}

export interface SystemCrossing {
  handoff: Handoff;
  from: Step;
  to: Step;
  /** The recorded integration, "unknown" when none was recorded. */
  integration: Integration;
}

/** Every system crossing in map order. */
export function systemCrossings(map: HandoffMap): SystemCrossing[] {
  const steps = new Map(map.steps.map((step) => [step.id, step]));
  const crossings: SystemCrossing[] = [];
  for (const handoff of map.handoffs) {
    const from = steps.get(handoff.from);
    const to = steps.get(handoff.to);
    if (from && to && isSystemCrossing(from, to))
      crossings.push({ handoff, from, to, integration: handoff.integration ?? "unknown" });
  }
  return crossings;
}

/** Dark zones: system crossings where someone types the data in again by hand. */
export function darkZones(map: HandoffMap): SystemCrossing[] {
  return systemCrossings(map).filter((crossing) => crossing.integration === "manual re-entry");
}
