/**
 * Where things are on the canvas, in layout terms: which lane band holds a y, which phase column
 * holds an x, and the conversion between absolute layout coordinates (what React Flow draws) and
 * the file's relative positions (x from the lane area's left edge, y from the top of the lane).
 */
import type { LaneBand, MapLayout, PhaseColumn, Point } from "../../layout/types";
import type { Position } from "../../model/types";

/** The band that holds y; above the first band gives the first, below the last gives the last. */
export function laneAtY(layout: MapLayout, y: number): LaneBand | null {
  let best: LaneBand | null = null;
  for (const band of layout.lanes) {
    if (best === null || y >= band.y) best = band;
    if (y < band.y + band.height) break;
  }
  return best;
}

/** The phase column that holds x, the nearest one outside them; null when the map has no phases. */
export function phaseAtX(layout: MapLayout, x: number): PhaseColumn | null {
  let best: PhaseColumn | null = null;
  for (const column of layout.phases) {
    if (best === null || x >= column.x) best = column;
    if (x < column.x + column.width) break;
  }
  return best;
}

/** The absolute top-left corner of a step placed at `position` in the lane `band`. */
export function absoluteFromFile(layout: MapLayout, band: LaneBand, position: Position): Point {
  return { x: layout.laneHeaderWidth + position.x, y: band.y + position.y };
}

/**
 * The file position of a box whose top-left corner is at `point`, kept inside its lane band's
 * top and the lane area's left edge so a drop never lands a step under the headers.
 */
export function fileFromAbsolute(layout: MapLayout, band: LaneBand, point: Point): Position {
  return {
    x: Math.max(0, Math.round(point.x - layout.laneHeaderWidth)),
    y: Math.max(0, Math.round(point.y - band.y)),
  };
}
