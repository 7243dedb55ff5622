import type { MapIssue } from "./map-issue";
import { type EdgeCase, type HandoffMap, LIMITS } from "./types";

/**
 * Stable edge-case numbers: the "3" of "EC-3", said in the room, written on a slide, in last
 * week's CSV. Each edge case stores its own `number`; nothing is derived from where it sits.
 *
 * Rules (docs/format.md, "Edge-case numbers"):
 * - A new edge case gets the highest number the map has given so far + 1: the highest of the
 *   numbers present and the map's `lastEdgeCaseNumber`, which the edits that delete edge cases
 *   raise, so a deleted edge case's number is never handed to another one.
 * - Deleting, moving or editing an edge case never changes another one's number.
 * - Reading a file: an edge case without a number (every file written before numbers were
 *   stored) gets the next one, in map order (handoffs in document order, then each handoff's
 *   edge cases), so an old file numbers exactly as the old map-order numbering did. A number
 *   already taken by an earlier edge case in map order is a duplicate: the later one is
 *   renumbered with a warning naming both, never a silent collision.
 *
 * Invariant of every map the model hands out (parsed, templated or edited): every edge case has
 * a number, a whole number from 1 to LIMITS.edgeCaseNumber, unique across the map.
 */

function isValidNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= LIMITS.edgeCaseNumber;
}

/** The highest number the map has given: present numbers and the recorded high-water mark. */
export function highestEdgeCaseNumber(map: HandoffMap): number {
  let highest = isValidNumber(map.lastEdgeCaseNumber) ? map.lastEdgeCaseNumber : 0;
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases)
      if (isValidNumber(edgeCase.number)) highest = Math.max(highest, edgeCase.number);
  return highest;
}

/**
 * The number the next new edge case gets: highest so far + 1. Only past the format's limit (a
 * hand-edited file) does it fall back to the smallest number no edge case holds.
 */
export function nextEdgeCaseNumber(map: HandoffMap): number {
  const next = highestEdgeCaseNumber(map) + 1;
  if (next <= LIMITS.edgeCaseNumber) return next;
  const taken = new Set<number>();
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases) taken.add(edgeCase.number ?? 0);
  let free = 1;
  while (taken.has(free)) free++;
  return free;
}

interface Assignment {
  /** Edge-case id -> its number, for every edge case of the map. */
  numbers: Map<string, number>;
  /** Edge cases whose stored number was a duplicate, with the number they were given. */
  renumbered: { handoffIndex: number; index: number; edgeCase: EdgeCase; was: number; firstAt: string }[];
}

function assign(map: HandoffMap): Assignment {
  const numbers = new Map<string, number>();
  const renumbered: Assignment["renumbered"] = [];
  const holder = new Map<number, string>();
  const pending: { handoffIndex: number; index: number; edgeCase: EdgeCase }[] = [];
  map.handoffs.forEach((handoff, handoffIndex) => {
    handoff.edgeCases.forEach((edgeCase, index) => {
      const stored = edgeCase.number;
      if (isValidNumber(stored) && !holder.has(stored)) {
        holder.set(stored, `handoffs[${handoffIndex}] (${handoff.id}).edgeCases[${index}] (${edgeCase.id})`);
        numbers.set(edgeCase.id, stored);
      } else pending.push({ handoffIndex, index, edgeCase });
    });
  });
  // The high-water mark covers the kept numbers only: a duplicate's own value must not count.
  let highest = isValidNumber(map.lastEdgeCaseNumber) ? map.lastEdgeCaseNumber : 0;
  for (const n of holder.keys()) highest = Math.max(highest, n);
  let free = 1;
  for (const item of pending) {
    let number = highest + 1;
    if (number > LIMITS.edgeCaseNumber) {
      while (holder.has(free)) free++;
      number = free;
    } else highest = number;
    holder.set(number, item.edgeCase.id);
    numbers.set(item.edgeCase.id, number);
    const was = item.edgeCase.number;
    if (was !== undefined) renumbered.push({ ...item, was, firstAt: holder.get(was) ?? "" });
  }
  return { numbers, renumbered };
}

/**
 * Edge-case id -> number for every edge case of the map: the stored numbers, and for a map built
 * by hand without them, the numbers reading it as a file would give (so every surface agrees).
 */
export function edgeCaseNumbers(map: HandoffMap): Map<string, number> {
  return assign(map).numbers;
}

/**
 * The map with every edge case numbered by the rules above, and a warning for each duplicate
 * that had to be renumbered. Returns the map itself when nothing needed a number.
 */
export function numberEdgeCases(map: HandoffMap): { map: HandoffMap; warnings: MapIssue[] } {
  const { numbers, renumbered } = assign(map);
  const complete = map.handoffs.every((handoff) =>
    handoff.edgeCases.every((edgeCase) => edgeCase.number === numbers.get(edgeCase.id)),
  );
  if (complete) return { map, warnings: [] };
  const warnings = renumbered.map(({ handoffIndex, index, edgeCase, was, firstAt }) => {
    const handoff = map.handoffs[handoffIndex];
    const now = numbers.get(edgeCase.id);
    return {
      path: `handoffs[${handoffIndex}] (${handoff?.id ?? ""}).edgeCases[${index}] (${edgeCase.id}).number`,
      message: `duplicate edge-case number ${was} (also ${firstAt}); renumbered EC-${now}`,
    };
  });
  return {
    map: {
      ...map,
      handoffs: map.handoffs.map((handoff) =>
        handoff.edgeCases.every((edgeCase) => edgeCase.number === numbers.get(edgeCase.id))
          ? handoff
          : {
              ...handoff,
              edgeCases: handoff.edgeCases.map((edgeCase) => {
                const number = numbers.get(edgeCase.id) as number;
                return edgeCase.number === number ? edgeCase : { ...edgeCase, number };
              }),
            },
      ),
    },
    warnings,
  };
}
