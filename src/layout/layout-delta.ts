/**
 * An older layout kept as its difference from a newer one: how the editor keeps the layouts of
 * the last few documents for instant undo (editor-store.ts) without a copy of each.
 *
 * shareLayout already makes two layouts share every box and route that did not change. But an
 * edit that grows a lane (a step dropped lower, a label that wraps to one more line) moves every
 * lane below it down, and with them most boxes and routes of the map: shared by nothing, the
 * older layout kept them all twice (about 290 KB on a 1,000-step map). Moved straight up or down
 * and otherwise the same, such a box or route is kept here as its id and that distance; the rest
 * of the older layout as it is (its unchanged parts are the newer layout's own objects anyway).
 *
 * `restoreLayout(newer, diffLayout(older, newer))` is deep-equal to `older`.
 *
 * @example
 * const kept = diffLayout(before, after); // after: the layout now on the canvas
 * restoreLayout(after, kept); // before, again (its boxes and routes rebuilt from after's)
 */
import { share } from "./share-layout";
import type { HandoffRoute, MapLayout, StepBox } from "./types";

/** A box or route that sits `dy` pixels below (negative: above) the newer layout's one with this id. */
export class Shift {
  constructor(
    readonly id: string,
    readonly dy: number,
  ) {}
}

export interface LayoutDelta {
  /** The older layout, but its boxes and routes. */
  frame: Omit<MapLayout, "steps" | "handoffs">;
  /** The older layout's boxes in order: each the box itself, or its Shift from the newer one. */
  steps: ReadonlyArray<StepBox | Shift>;
  handoffs: ReadonlyArray<HandoffRoute | Shift>;
}

export function shiftBox(box: StepBox, dy: number): StepBox {
  // The text area and the chips are relative to the box: they move with it.
  return { ...box, y: box.y + dy };
}

export function shiftRoute(route: HandoffRoute, dy: number): HandoffRoute {
  return {
    ...route,
    path: route.path.map((value, i) => (i % 2 === 1 ? value + dy : value)),
    labelAnchor: { x: route.labelAnchor.x, y: route.labelAnchor.y + dy },
    ...(route.labelBlock === undefined
      ? {}
      : { labelBlock: { ...route.labelBlock, y: route.labelBlock.y + dy } }),
  };
}

/** Each older item, or its Shift from the newer item of that id where that rebuilds it exactly. */
function diffItems<T extends { id: string }>(
  older: readonly T[],
  newer: readonly T[],
  dyOf: (older: T, newer: T) => number,
  shift: (item: T, dy: number) => T,
): Array<T | Shift> {
  const byId = new Map(newer.map((item) => [item.id, item]));
  return older.map((item) => {
    const now = byId.get(item.id);
    if (now === undefined || now === item) return item;
    const dy = dyOf(item, now);
    return dy !== 0 && Number.isFinite(dy) && share(item, shift(now, dy)) === item
      ? new Shift(item.id, dy)
      : item;
  });
}

function restoreItems<T extends { id: string }>(
  kept: ReadonlyArray<T | Shift>,
  newer: readonly T[],
  shift: (item: T, dy: number) => T,
): T[] {
  let byId: Map<string, T> | null = null;
  return kept.map((item) => {
    if (!(item instanceof Shift)) return item;
    byId ??= new Map(newer.map((n) => [n.id, n]));
    const now = byId.get(item.id);
    // diffLayout made this Shift against this very newer layout, which has the id.
    if (now === undefined)
      throw new Error(`restoreLayout: no "${item.id}" in the layout it was kept against`);
    return shift(now, item.dy);
  });
}

/** `older`, kept as its difference from `newer`. */
export function diffLayout(older: MapLayout, newer: MapLayout): LayoutDelta {
  const { steps, handoffs, ...frame } = older;
  return {
    frame,
    steps: diffItems(steps, newer.steps, (a, b) => a.y - b.y, shiftBox),
    handoffs: diffItems(handoffs, newer.handoffs, (a, b) => (a.path[1] ?? 0) - (b.path[1] ?? 0), shiftRoute),
  };
}

/** The older layout again, from the newer one it was kept against. */
export function restoreLayout(newer: MapLayout, delta: LayoutDelta): MapLayout {
  return {
    ...delta.frame,
    steps: restoreItems(delta.steps, newer.steps, shiftBox),
    handoffs: restoreItems(delta.handoffs, newer.handoffs, shiftRoute),
  };
}
