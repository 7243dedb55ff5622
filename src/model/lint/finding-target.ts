import type { HandoffMap } from "../types";
import type { Finding } from "./finding";

/** What the editor selects and shows for a finding. */
export type FindingTarget =
  | { kind: "step"; id: string }
  | { kind: "handoff"; id: string; edgeCase?: string }
  | { kind: "lane"; id: string }
  | { kind: "phase"; id: string };

/**
 * The first of a finding's ids that the map still holds, as something the editor can select: an
 * edge case selects its handoff. null when none is left (the map changed since the lint).
 */
export function findingTarget(map: HandoffMap, finding: Finding): FindingTarget | null {
  for (const id of finding.ids) {
    if (map.steps.some((step) => step.id === id)) return { kind: "step", id };
    if (map.handoffs.some((handoff) => handoff.id === id)) return { kind: "handoff", id };
    const owner = map.handoffs.find((handoff) => handoff.edgeCases.some((edgeCase) => edgeCase.id === id));
    if (owner !== undefined) return { kind: "handoff", id: owner.id, edgeCase: id };
    if (map.lanes.some((lane) => lane.id === id)) return { kind: "lane", id };
    if (map.phases.some((phase) => phase.id === id)) return { kind: "phase", id };
  }
  return null;
}
