import type { Handoff, HandoffMap } from "../types";
import type { ChangeType, DiffKind, MapDiff } from "./diff-maps";

/**
 * The map the compare view draws: the newer map, with what the older one had and the newer one
 * lost put back in its old place (a removed lane after the lane it followed, a removed step in
 * its old lane at its old position, a removed handoff between its old ends), and the change of
 * every entity, so a renderer can colour it: added green, changed amber, removed a dashed ghost.
 */
export interface CompareMap {
  map: HandoffMap;
  /** `${kind}:${id}` -> the change; entities not listed are unchanged. */
  changes: ReadonlyMap<string, ChangeType>;
}

export function changeKey(kind: DiffKind, id: string): string {
  return `${kind}:${id}`;
}

/** `after` with the items only `before` has inserted after the item they followed there. */
function mergeOrdered<T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] {
  const kept = new Set(after.map((item) => item.id));
  const merged = [...after];
  let previous: string | null = null;
  for (const item of before) {
    if (kept.has(item.id)) {
      previous = item.id;
      continue;
    }
    const at = previous === null ? 0 : merged.findIndex((x) => x.id === previous) + 1;
    merged.splice(at, 0, item);
    previous = item.id;
  }
  return merged;
}

export function compareMap(before: HandoffMap, after: HandoffMap, diff: MapDiff): CompareMap {
  const changes = new Map<string, ChangeType>();
  for (const change of diff.changes) changes.set(changeKey(change.kind, change.id), change.change);
  const afterSteps = new Set(after.steps.map((s) => s.id));
  const afterHandoffs = new Set(after.handoffs.map((h) => h.id));
  const afterEdgeCases = new Set(after.handoffs.flatMap((h) => h.edgeCases.map((e) => e.id)));
  const ghostHandoffs: Handoff[] = before.handoffs
    .filter((h) => !afterHandoffs.has(h.id))
    // An edge case that lives on in the newer map is drawn there, not on the ghost too.
    .map((h) => ({ ...h, edgeCases: h.edgeCases.filter((e) => !afterEdgeCases.has(e.id)) }));
  return {
    map: {
      ...after,
      lanes: mergeOrdered(before.lanes, after.lanes),
      phases: mergeOrdered(before.phases, after.phases),
      steps: [...after.steps, ...before.steps.filter((s) => !afterSteps.has(s.id))],
      handoffs: [...after.handoffs, ...ghostHandoffs],
    },
    changes,
  };
}
