/**
 * Which phase a step belongs to by where it is drawn: the phase column that holds the middle of
 * its box (phaseAt's edge rules, the same rule a drop follows). Pure; no ELK, no DOM.
 *
 * Two edits use it, so that a phase's step count (the phase inspector reads the map) agrees with
 * what the canvas shows as soon as the edit lands:
 *  - adding a phase: the steps under the new phase's column join it (stepsUnderNewPhase);
 *  - auto layout: every step without a phase joins the phase it was laid out in (unphasedByColumn).
 */
import { addPhase, type NewPhase } from "../model/operations";
import type { HandoffMap } from "../model/types";
import { phaseAt } from "./geometry";
import { type LayoutOptions, layoutForPositions } from "./layout-map";
import type { MapLayout } from "./types";

/** Ids of the steps whose box middle lies in the column of `phaseId`, in layout order. */
export function stepsInColumn(layout: MapLayout, phaseId: string): string[] {
  return layout.steps
    .filter((box) => phaseAt(layout, box.x + box.width / 2)?.id === phaseId)
    .map((box) => box.id);
}

/**
 * The steps a new phase would have under its column once added: the map is laid out in keep mode
 * (what the canvas draws after the edit) with the phase in place and still empty, and every step
 * whose middle lies in its column is taken. On a map without phases that is every step (the one
 * column spans the lane area); added after the last phase, the steps right of that phase's own.
 *
 * A keep-mode column is drawn around its own steps, so taking steps moves its left edge (the
 * previous phase now ends halfway to them) and may bring more unphased steps under it: those are
 * taken too, until the column holds no unphased step it has not taken. A step of another phase is
 * only taken from the empty column, never by that widening, which could eat into a neighbour.
 *
 * @example
 * const steps = stepsUnderNewPhase(map, { id: "phase-4", name: "Phase 4" });
 * next = addPhase(map, { id: "phase-4", name: "Phase 4", steps });
 */
export function stepsUnderNewPhase(
  map: HandoffMap,
  phase: NewPhase & { id: string },
  options: Pick<LayoutOptions, "metrics"> = {},
): string[] {
  const { steps: _ignored, ...empty } = phase;
  const layoutWith = (steps: readonly string[]) =>
    layoutForPositions(addPhase(map, { ...empty, steps }), { ...options, routes: false });
  const taken = new Set(stepsInColumn(layoutWith([]), phase.id));
  if (taken.size === 0) return [];
  const unphased = new Set(map.steps.filter((step) => step.phase === undefined).map((step) => step.id));
  // Each round only adds steps, so this ends within one round per unphased step; the cap bounds
  // the cost on a huge map whose unphased steps are strung out one per round.
  for (let round = 0; round < 16; round++) {
    const more = stepsInColumn(layoutWith([...taken]), phase.id).filter(
      (id) => !taken.has(id) && unphased.has(id),
    );
    if (more.length === 0) break;
    for (const id of more) taken.add(id);
  }
  return map.steps.filter((step) => taken.has(step.id)).map((step) => step.id);
}

/**
 * For each step without a phase (or with one the map does not have), the phase whose column
 * holds its box in `layout`; empty for a map without phases. An auto layout writes these down.
 */
export function unphasedByColumn(layout: MapLayout, map: HandoffMap): Map<string, string> {
  const result = new Map<string, string>();
  if (layout.phases.length === 0) return result;
  const known = new Set(map.phases.map((phase) => phase.id));
  const unphased = new Set(
    map.steps.filter((step) => step.phase === undefined || !known.has(step.phase)).map((step) => step.id),
  );
  for (const box of layout.steps) {
    if (!unphased.has(box.id)) continue;
    const column = phaseAt(layout, box.x + box.width / 2);
    if (column !== undefined && known.has(column.id)) result.set(box.id, column.id);
  }
  return result;
}
