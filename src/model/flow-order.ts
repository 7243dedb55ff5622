import type { Handoff, HandoffMap } from "./types";

/**
 * The order a workshop walks a map in: the process as people tell it, one step at a time.
 *
 * The rule (deterministic: the same map always walks the same way):
 *  1. Starts: the steps of kind "start", in map order; when the map has none, the steps with no
 *     incoming handoff, in map order; when every step has one (a pure cycle), the first step.
 *  2. Loop backs: a depth-first search from the starts (handoffs in map order) marks every
 *     handoff that goes back to a step still on the search path. A loop back is shown as a
 *     handoff on the presenter card, but it is not followed: its target is never visited twice.
 *  3. The walk itself is depth-first along the remaining (forward) handoffs, in map order, with
 *     one guard: a step where branches merge waits until every forward handoff into it has been
 *     walked. So a branch is followed to its end before the next branch starts, and a step never
 *     comes before a step that hands off to it (except along a loop back).
 *  4. Steps no start reaches are listed at the end, in map order, marked unreachable.
 *
 * Handoffs whose ends are missing (a map mid-repair) are ignored. Ids are only ever Map/Set keys,
 * so an id such as "__proto__" is an id like any other.
 */
export interface FlowOrder {
  /** Every step id exactly once: reachable steps in walk order, then the unreachable ones. */
  steps: string[];
  /** How many of `steps` are reachable from a start; the rest are unreachable. */
  reachableCount: number;
  /** Ids of handoffs that loop back to a step walked earlier. */
  loopBacks: ReadonlySet<string>;
}

/**
 * @example
 * const order = flowOrder(map);
 * order.steps.slice(order.reachableCount); // the steps no start reaches
 */
export function flowOrder(map: HandoffMap): FlowOrder {
  const stepIds = new Set(map.steps.map((step) => step.id));
  const outgoing = new Map<string, Handoff[]>();
  const hasIncoming = new Set<string>();
  for (const id of stepIds) outgoing.set(id, []);
  for (const handoff of map.handoffs) {
    if (!stepIds.has(handoff.from) || !stepIds.has(handoff.to) || handoff.from === handoff.to) continue;
    outgoing.get(handoff.from)?.push(handoff);
    hasIncoming.add(handoff.to);
  }

  const starts = findStarts(map, hasIncoming);
  const loopBacks = findLoopBacks(starts, outgoing);

  // Forward in-degree over the reachable part: how many forward handoffs must be walked first.
  const reachable = new Set<string>();
  const waiting = new Map<string, number>();
  for (const start of starts) markReachable(start, outgoing, loopBacks, reachable);
  for (const from of reachable)
    for (const handoff of outgoing.get(from) ?? [])
      if (!loopBacks.has(handoff.id)) waiting.set(handoff.to, (waiting.get(handoff.to) ?? 0) + 1);

  const order: string[] = [];
  const ready: string[] = [];
  // A stack: push in reverse so the first start (later: the first handoff's target) is walked first.
  for (const start of [...starts].reverse()) if ((waiting.get(start) ?? 0) === 0) ready.push(start);
  const walked = new Set<string>();
  while (ready.length > 0) {
    const id = ready.pop() as string;
    if (walked.has(id)) continue;
    walked.add(id);
    order.push(id);
    const next: string[] = [];
    for (const handoff of outgoing.get(id) ?? []) {
      if (loopBacks.has(handoff.id)) continue;
      const left = (waiting.get(handoff.to) ?? 0) - 1;
      waiting.set(handoff.to, left);
      if (left === 0) next.push(handoff.to);
    }
    for (let i = next.length - 1; i >= 0; i--) ready.push(next[i] as string);
  }

  const reachableCount = order.length;
  for (const step of map.steps) if (!walked.has(step.id)) order.push(step.id);
  return { steps: order, reachableCount, loopBacks };
}

function findStarts(map: HandoffMap, hasIncoming: ReadonlySet<string>): string[] {
  const kindStart = map.steps.filter((step) => step.kind === "start").map((step) => step.id);
  if (kindStart.length > 0) return kindStart;
  const sources = map.steps.filter((step) => !hasIncoming.has(step.id)).map((step) => step.id);
  if (sources.length > 0) return sources;
  const first = map.steps[0];
  return first === undefined ? [] : [first.id];
}

/** Iterative depth-first search (a long chain must not overflow the call stack). */
function findLoopBacks(starts: readonly string[], outgoing: ReadonlyMap<string, Handoff[]>): Set<string> {
  const loopBacks = new Set<string>();
  const done = new Set<string>();
  const onPath = new Set<string>();
  for (const start of starts) {
    if (done.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    onPath.add(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const handoffs = outgoing.get(frame.id) ?? [];
      const handoff = handoffs[frame.next];
      if (handoff === undefined) {
        stack.pop();
        onPath.delete(frame.id);
        done.add(frame.id);
        continue;
      }
      frame.next += 1;
      if (onPath.has(handoff.to)) loopBacks.add(handoff.id);
      else if (!done.has(handoff.to)) {
        onPath.add(handoff.to);
        stack.push({ id: handoff.to, next: 0 });
      }
    }
  }
  return loopBacks;
}

function markReachable(
  start: string,
  outgoing: ReadonlyMap<string, Handoff[]>,
  loopBacks: ReadonlySet<string>,
  reachable: Set<string>,
): void {
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const handoff of outgoing.get(id) ?? []) if (!loopBacks.has(handoff.id)) stack.push(handoff.to);
  }
}

/** The handoffs into and out of one step, in map order (self-loops and broken ends left out). */
export function stepHandoffs(map: HandoffMap, stepId: string): { incoming: Handoff[]; outgoing: Handoff[] } {
  const incoming: Handoff[] = [];
  const outgoing: Handoff[] = [];
  for (const handoff of map.handoffs) {
    if (handoff.from === handoff.to) continue;
    if (handoff.to === stepId) incoming.push(handoff);
    if (handoff.from === stepId) outgoing.push(handoff);
  }
  return { incoming, outgoing };
}
