/**
 * The keyboard's step moves: arrows nudge the selected steps within their lane, Alt+Up and
 * Alt+Down move them to the lane above or below. Each is one command (one undo entry; nudges of
 * one selection in a row coalesce into one), through moveStepsTo like a drop, so lane, phase and
 * position follow the same rules as a drag.
 *
 * Invariant: a nudge never changes a step's lane and never stretches its band: it stops at the
 * band's padding and says which keys move a step to another lane instead.
 */
import { DEFAULT_METRICS, measureStep } from "../../layout/metrics";
import type { LaneBand, MapLayout, Point, StepBox } from "../../layout/types";
import type { Step } from "../../model/types";
import type { EditorStore } from "../../store/editor-store";
import { isOtherLanes, viewLayout } from "../../store/lane-focus";
import { drawnCorner, moveStepsTo } from "../actions/editor-actions";

/** One arrow press, in layout pixels (the canvas's snap grid); Shift moves four times as far. */
export const NUDGE_STEP = 8;
const LANE_PADDING = DEFAULT_METRICS.lanePadding;

interface Placed {
  step: Step;
  corner: Point;
  width: number;
  height: number;
  band: LaneBand;
}

function placedSelection(store: EditorStore): { layout: MapLayout; placed: Placed[] } | null {
  const { map, selection } = store.getState();
  // The layout on screen: in a lane focus, Alt+↑/↓ move between the lanes shown.
  const layout = viewLayout(store.getState());
  if (layout === null || selection.steps.length === 0) return null;
  const chosen = new Set(selection.steps);
  const boxes = new Map<string, StepBox>(layout.steps.map((box) => [box.id, box]));
  const bands = new Map(layout.lanes.map((band) => [band.id, band]));
  const placed: Placed[] = [];
  for (const step of map.steps) {
    if (!chosen.has(step.id)) continue;
    const corner = drawnCorner(layout, step);
    const band = bands.get(step.lane);
    if (corner === null || band === undefined) continue;
    const size = boxes.get(step.id) ?? measureStep(step.label);
    placed.push({ step, corner, width: size.width, height: size.height, band });
  }
  return placed.length === 0 ? null : { layout, placed };
}

/** The band's room for a box of `height`: never less than where the box already is. */
function verticalRoom(band: LaneBand, y: number, height: number): { top: number; bottom: number } {
  const top = Math.min(y, band.y + LANE_PADDING);
  const bottom = Math.max(y, band.y + band.height - height - LANE_PADDING);
  return { top, bottom };
}

/**
 * Arrow keys on selected steps: moves them by (dx, dy) layout pixels, all by the same amount,
 * kept inside their lanes. True when a step was selected (the key is used, even when blocked).
 */
export function nudgeSelection(store: EditorStore, dx: number, dy: number): boolean {
  const found = placedSelection(store);
  if (found === null) return false;
  const { layout, placed } = found;
  // The whole selection moves as one: the step with the least room decides how far.
  let allowedX = dx;
  let allowedY = dy;
  for (const { corner, height, band } of placed) {
    const room = verticalRoom(band, corner.y, height);
    if (dy > 0) allowedY = Math.min(allowedY, room.bottom - corner.y);
    if (dy < 0) allowedY = Math.max(allowedY, room.top - corner.y);
    if (dx < 0) allowedX = Math.max(allowedX, layout.laneHeaderWidth - corner.x);
  }
  if (dy !== 0 && allowedY === 0) {
    store
      .getState()
      .notify(
        dy > 0
          ? "The step is at the bottom of its lane: Alt+↓ moves it to the lane below."
          : "The step is at the top of its lane: Alt+↑ moves it to the lane above.",
        "info",
      );
    return true;
  }
  if (allowedX === 0 && allowedY === 0) return true;
  const drops = new Map<string, Point>();
  for (const { step, corner } of placed)
    drops.set(step.id, { x: corner.x + allowedX, y: corner.y + allowedY });
  moveStepsTo(store, drops, "nudgeSteps");
  return true;
}

function overlaps(layout: MapLayout, skip: ReadonlySet<string>, x: number, y: number, w: number, h: number) {
  const margin = 8;
  return layout.steps.some(
    (box) =>
      !skip.has(box.id) &&
      x < box.x + box.width + margin &&
      box.x < x + w + margin &&
      y < box.y + box.height + margin &&
      box.y < y + h + margin,
  );
}

/**
 * Alt+Up / Alt+Down: every selected step goes to the lane above (-1) or below (+1), at the same
 * x and the same height within the band where it fits, else the nearest free height in it. One
 * undo entry; handoffs are by step, so they follow. Refused with a notice at the first or last lane.
 */
export function moveSelectionToLane(store: EditorStore, direction: -1 | 1): boolean {
  const found = placedSelection(store);
  if (found === null) return false;
  const { layout, placed } = found;
  const lanes = layout.lanes.filter((band) => !isOtherLanes(band.id));
  const targets = placed.map(
    (entry) => lanes[lanes.findIndex((band) => band.id === entry.band.id) + direction],
  );
  if (targets.some((band) => band === undefined)) {
    const shown = store.getState().laneFocus === null ? "" : " shown";
    store
      .getState()
      .notify(
        direction < 0
          ? `There is no lane above: the step is in the first lane${shown}.`
          : `There is no lane below: the step is in the last lane${shown}.`,
        "info",
      );
    return true;
  }
  const moving = new Set(placed.map((entry) => entry.step.id));
  const drops = new Map<string, Point>();
  placed.forEach(({ step, corner, width, height, band }, i) => {
    const target = targets[i] as LaneBand;
    const offset = corner.y - band.y;
    const room = verticalRoom(target, target.y + LANE_PADDING, height);
    const wanted = Math.min(Math.max(target.y + offset, room.top), room.bottom);
    let y = wanted;
    // Where another step sits there, the nearest free height in the band (else the wanted one).
    for (
      let d = 0;
      d <= room.bottom - room.top && overlaps(layout, moving, corner.x, y, width, height);
      d += 8
    ) {
      const below = wanted + d;
      const above = wanted - d;
      if (below <= room.bottom && !overlaps(layout, moving, corner.x, below, width, height)) y = below;
      else if (above >= room.top && !overlaps(layout, moving, corner.x, above, width, height)) y = above;
    }
    if (overlaps(layout, moving, corner.x, y, width, height)) y = wanted;
    drops.set(step.id, { x: corner.x, y });
  });
  const ok = moveStepsTo(store, drops, "moveStepsToLane");
  const first = placed[0]?.step.id;
  if (ok && first !== undefined) store.getState().requestFocus({ kind: "step", id: first, ifHidden: true });
  return true;
}
