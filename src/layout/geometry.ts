/**
 * Pure geometry on a MapLayout for the canvas: file positions <-> absolute boxes, and which lane or
 * phase column lies under a point. No ELK, no DOM.
 */
import type { Position } from "../model/types";
import type { LaneBand, MapLayout, PhaseColumn, Point } from "./types";

/** Where file x 0 is drawn: the lane area's left edge, moved by keep mode's shift into the frame. */
export function originX(layout: Pick<MapLayout, "laneHeaderWidth" | "shiftX">): number {
  return layout.laneHeaderWidth + (layout.shiftX ?? 0);
}

/** Where file y 0 is drawn in `band`: its top, moved by keep mode's shift into the frame. */
function originY(band: LaneBand): number {
  return band.y + (band.shiftY ?? 0);
}

/**
 * The file position of a box whose top-left corner is at `corner` (absolute layout pixels), in
 * `laneId`'s band: x from the lane area's left edge, y from the top of the band. Undefined if the
 * lane is not in the layout.
 *
 * @example toFilePosition(layout, { x: 400, y: 130 }, "sales") // { x: 240, y: 34 }
 */
export function toFilePosition(layout: MapLayout, corner: Point, laneId: string): Position | undefined {
  const band = layout.lanes.find((l) => l.id === laneId);
  if (!band) return undefined;
  return { x: corner.x - originX(layout), y: corner.y - originY(band) };
}

/** The absolute top-left corner of a box at file `position` in `laneId`'s band. */
export function fromFilePosition(layout: MapLayout, position: Position, laneId: string): Point | undefined {
  const band = layout.lanes.find((l) => l.id === laneId);
  if (!band) return undefined;
  return { x: position.x + originX(layout), y: position.y + originY(band) };
}

/**
 * The lane band containing absolute `y` (top edge inclusive, bottom exclusive; the last band also
 * owns its bottom edge). Above the first band it is the first lane, below the last the last lane,
 * so a drag past the edges lands in the nearest lane. Undefined only for a map without lanes.
 */
export function laneAt(layout: MapLayout, y: number): LaneBand | undefined {
  const { lanes } = layout;
  if (lanes.length === 0) return undefined;
  let lo = 0;
  let hi = lanes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lanes[mid]?.y ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lanes[lo];
}

/**
 * The phase column containing absolute `x`, same edge rules as laneAt; undefined for a map
 * without phases. Left of the first column (over the lane headers) it is the first phase.
 */
export function phaseAt(layout: MapLayout, x: number): PhaseColumn | undefined {
  const { phases } = layout;
  if (phases.length === 0) return undefined;
  let lo = 0;
  let hi = phases.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((phases[mid]?.x ?? 0) <= x) lo = mid;
    else hi = mid - 1;
  }
  return phases[lo];
}

/**
 * File positions for every step of a layout, e.g. to freeze an auto layout into the document so
 * that later edits keep it. Keyed by step id.
 */
export function filePositions(layout: MapLayout, laneOf: ReadonlyMap<string, string>): Map<string, Position> {
  const bands = new Map(layout.lanes.map((l) => [l.id, l]));
  const result = new Map<string, Position>();
  for (const box of layout.steps) {
    const band = bands.get(laneOf.get(box.id) ?? "");
    if (band) result.set(box.id, { x: box.x - originX(layout), y: box.y - originY(band) });
  }
  return result;
}

/**
 * toFilePosition for a drop: in whole pixels and kept inside the band's top and the lane
 * area's left edge, so a drop never lands a step under the headers. Undefined for an unknown lane.
 */
export function fileFromAbsolute(layout: MapLayout, point: Point, laneId: string): Position | undefined {
  const band = layout.lanes.find((l) => l.id === laneId);
  if (band === undefined) return undefined;
  // Clamped in absolute terms: keep mode may have shifted the lane's file origin (layout.shiftX).
  const clamped = { x: Math.max(layout.laneHeaderWidth, point.x), y: Math.max(band.y, point.y) };
  const position = toFilePosition(layout, clamped, laneId);
  return position && { x: Math.round(position.x), y: Math.round(position.y) };
}
