import { describeValue, formatPath, isRecord, type MapIssue } from "./map-issue";

/**
 * What checkIntegrity reads: a valid HandoffMap, or the raw file when its shape has problems,
 * so that reference problems are reported in the same run as the schema's. Items that are not
 * objects and fields that are not strings are skipped here: the schema reports those.
 */
export interface IntegrityInput {
  readonly lanes?: unknown;
  readonly phases?: unknown;
  readonly steps?: unknown;
  readonly handoffs?: unknown;
}

function items(list: unknown): readonly unknown[] {
  return Array.isArray(list) ? list : [];
}

function text(item: unknown, field: string): string | undefined {
  const value = isRecord(item) ? item[field] : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * Checks what the schema cannot: ids unique per kind (edge-case ids across the whole map),
 * every reference resolves, no handoff from a step to itself. Returns every problem, not the first.
 */
export function checkIntegrity(map: IntegrityInput): MapIssue[] {
  const issues: MapIssue[] = [];
  const at = (...path: (string | number)[]) => formatPath(path, map);

  /**
   * Reports duplicate ids; returns the list's ids, or null when they cannot all be read (the list
   * or an item's id is broken): references into it are then not checked, never falsely faulted.
   */
  const uniqueIds = (list: "lanes" | "phases" | "steps" | "handoffs") => {
    const seen = new Map<string, number>();
    let complete = Array.isArray(map[list]);
    items(map[list]).forEach((item, index) => {
      const id = text(item, "id");
      if (id === undefined) {
        complete = false;
        return;
      }
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        issues.push({
          path: at(list, index, "id"),
          message: `duplicate id ${describeValue(id)} (also ${list}[${first}])`,
        });
    });
    return complete ? seen : null;
  };

  const laneIds = uniqueIds("lanes");
  const phaseIds = uniqueIds("phases");
  const stepIds = uniqueIds("steps");
  uniqueIds("handoffs");

  items(map.steps).forEach((step, index) => {
    const lane = text(step, "lane");
    if (lane !== undefined && laneIds !== null && !laneIds.has(lane))
      issues.push({ path: at("steps", index, "lane"), message: `no lane with id ${describeValue(lane)}` });
    const phase = text(step, "phase");
    if (phase !== undefined && phaseIds !== null && !phaseIds.has(phase))
      issues.push({ path: at("steps", index, "phase"), message: `no phase with id ${describeValue(phase)}` });
  });

  const edgeCaseIds = new Map<string, string>();
  items(map.handoffs).forEach((handoff, index) => {
    const from = text(handoff, "from");
    const to = text(handoff, "to");
    if (from !== undefined && stepIds !== null && !stepIds.has(from))
      issues.push({ path: at("handoffs", index, "from"), message: `no step with id ${describeValue(from)}` });
    if (to !== undefined && stepIds !== null && !stepIds.has(to))
      issues.push({ path: at("handoffs", index, "to"), message: `no step with id ${describeValue(to)}` });
    if (from !== undefined && from === to)
      issues.push({
        path: at("handoffs", index, "to"),
        message: `a handoff cannot go from a step to itself (${describeValue(to)})`,
      });
    items(isRecord(handoff) ? handoff.edgeCases : undefined).forEach((edgeCase, ecIndex) => {
      const id = text(edgeCase, "id");
      if (id === undefined) return;
      const ecPath = at("handoffs", index, "edgeCases", ecIndex);
      const first = edgeCaseIds.get(id);
      if (first === undefined) edgeCaseIds.set(id, ecPath);
      else
        issues.push({
          path: `${ecPath}.id`,
          message: `duplicate edge case id ${describeValue(id)} (also ${first})`,
        });
    });
  });
  return issues;
}
