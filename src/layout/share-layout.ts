/**
 * Structural sharing between two layouts of the same map: the next layout, with every part that
 * equals the previous layout's replaced by the previous object itself.
 *
 * A layout is recomputed after every edit (and arrives from the worker as a fresh structured
 * clone), yet an edit usually moves a handful of boxes and routes. Sharing what did not change
 * keeps one copy of it in memory instead of two (the canvas's memoized nodes hold on to the boxes
 * and routes they were drawn from), and lets every consumer tell "unchanged" by reference
 * instead of comparing coordinates.
 *
 * Arrays of objects with a string `id` (steps, handoffs, lanes, phases) are matched by id, so an
 * insertion does not defeat sharing for everything after it; other arrays are matched by index.
 * The result is always deep-equal to `next`.
 *
 * @example
 * const layout = shareLayout(state.layout, result.layout);
 * layout.steps[3] === state.layout.steps[3]; // when that box did not move or change
 */
import { isRecord } from "../model/map-issue";
import { compactLayout } from "./compact-layout";
import type { MapLayout } from "./types";

export function shareLayout(previous: MapLayout | null, next: MapLayout): MapLayout {
  // Compacted first (compact-layout.ts): what is new stays compact, what is shared already was.
  const compact = compactLayout(next);
  return previous === null ? compact : (share(previous, compact) as MapLayout);
}

/** `next`, with every subtree deep-equal to the matching subtree of `previous` taken from it. */
export function share(previous: unknown, next: unknown): unknown {
  if (Object.is(previous, next)) return previous;
  if (Array.isArray(previous) && Array.isArray(next)) return shareArray(previous, next);
  if (isRecord(previous) && isRecord(next)) return shareRecord(previous, next);
  return next;
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === "string" ? value.id : undefined;
}

function shareArray(previous: readonly unknown[], next: readonly unknown[]): unknown[] {
  // Match elements by id when every element of both arrays has a distinct one, else by index.
  let byId: Map<string, unknown> | null = new Map();
  for (const item of previous) {
    const id = idOf(item);
    if (id === undefined || byId.has(id)) {
      byId = null;
      break;
    }
    byId.set(id, item);
  }
  let same = previous.length === next.length;
  let reused = false;
  const out = next.map((item, index) => {
    const id = byId === null ? undefined : idOf(item);
    const match = byId === null || id === undefined ? previous[index] : byId.get(id);
    const shared = match === undefined ? item : share(match, item);
    if (shared !== previous[index]) same = false;
    // An equal string counts as taken: previous's copy is kept, and next's can go.
    if (shared !== item || typeof item === "string") reused = true;
    return shared;
  });
  // Nothing taken from previous (a changed run of numbers, say): next itself, not a copy of it.
  return same ? (previous as unknown[]) : reused ? out : (next as unknown[]);
}

function shareRecord(
  previous: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const keys = Object.keys(next);
  let same = keys.length === Object.keys(previous).length;
  // An instance of a class (compact-layout.ts) is kept whole: a copy would be a plain object.
  const whole = Object.getPrototypeOf(next) !== Object.prototype;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    // Layouts never carry such a key; assigning it would set the prototype instead.
    if (key === "__proto__") return next;
    const had = Object.hasOwn(previous, key);
    const shared = had ? share(previous[key], next[key]) : next[key];
    if (!had || shared !== previous[key]) same = false;
    if (!whole) out[key] = shared;
  }
  return same ? previous : whole ? next : out;
}
