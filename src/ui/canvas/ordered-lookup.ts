/**
 * Finding items by id in a list that usually holds them in the order they are asked for: the
 * canvas looks up a layout's boxes and routes, and the last call's nodes and edges, walking the
 * map's steps and handoffs, which those lists follow. A cursor answers such a walk without an
 * index; the first question out of order builds one (a Map over the list) for the rest of the
 * walk. Against keeping a Map per list: a 1,000-step map's four lists held about 80 KB of hash
 * tables for as long as the canvas lived, and a drag frame rebuilt two of them.
 *
 * One lookup serves one walk: make it when the walk starts and drop it after.
 *
 * @example
 * const boxOf = orderedLookup(layout.steps);
 * for (const step of map.steps) draw(step, boxOf.get(step.id));
 */
export interface OrderedLookup<T> {
  get(id: string): T | undefined;
}

export function orderedLookup<T extends { readonly id: string }>(items: readonly T[]): OrderedLookup<T> {
  let next = 0;
  let positions: Map<string, number> | null = null;
  return {
    get(id) {
      const candidate = items[next];
      if (candidate !== undefined && candidate.id === id) {
        next++;
        return candidate;
      }
      positions ??= new Map(items.map((item, at) => [item.id, at]));
      const at = positions.get(id);
      if (at === undefined) return undefined;
      // Back in step after an insertion or a deletion: the next question is likely the next item.
      next = at + 1;
      return items[at];
    },
  };
}
