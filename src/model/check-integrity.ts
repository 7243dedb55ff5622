import type { MapIssue } from "./map-issue";
import type { HandoffMap } from "./types";

/**
 * Checks what the schema cannot: ids unique per kind (edge-case ids across the whole map),
 * every reference resolves, no handoff from a step to itself. Returns every problem, not the first.
 */
export function checkIntegrity(map: HandoffMap): MapIssue[] {
  const issues: MapIssue[] = [];
  const at = (list: string, index: number, id: string) => `${list}[${index}] (${id})`;

  const uniqueIds = (list: "lanes" | "phases" | "steps" | "handoffs", items: readonly { id: string }[]) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else
        issues.push({
          path: `${at(list, index, item.id)}.id`,
          message: `duplicate id ${JSON.stringify(item.id)} (also ${list}[${first}])`,
        });
    });
    return seen;
  };

  const laneIds = uniqueIds("lanes", map.lanes);
  const phaseIds = uniqueIds("phases", map.phases);
  const stepIds = uniqueIds("steps", map.steps);
  uniqueIds("handoffs", map.handoffs);

  map.steps.forEach((step, index) => {
    if (!laneIds.has(step.lane))
      issues.push({
        path: `${at("steps", index, step.id)}.lane`,
        message: `no lane with id ${JSON.stringify(step.lane)}`,
      });
    if (step.phase !== undefined && !phaseIds.has(step.phase))
      issues.push({
        path: `${at("steps", index, step.id)}.phase`,
        message: `no phase with id ${JSON.stringify(step.phase)}`,
      });
  });

  const edgeCaseIds = new Map<string, string>();
  map.handoffs.forEach((handoff, index) => {
    const here = at("handoffs", index, handoff.id);
    if (!stepIds.has(handoff.from))
      issues.push({ path: `${here}.from`, message: `no step with id ${JSON.stringify(handoff.from)}` });
    if (!stepIds.has(handoff.to))
      issues.push({ path: `${here}.to`, message: `no step with id ${JSON.stringify(handoff.to)}` });
    if (handoff.from === handoff.to)
      issues.push({
        path: `${here}.to`,
        message: `a handoff cannot go from a step to itself (${JSON.stringify(handoff.to)})`,
      });
    handoff.edgeCases.forEach((edgeCase, ecIndex) => {
      const ecPath = `${here}.edgeCases[${ecIndex}] (${edgeCase.id})`;
      const first = edgeCaseIds.get(edgeCase.id);
      if (first === undefined) edgeCaseIds.set(edgeCase.id, ecPath);
      else
        issues.push({
          path: `${ecPath}.id`,
          message: `duplicate edge case id ${JSON.stringify(edgeCase.id)} (also ${first})`,
        });
    });
  });
  return issues;
}
