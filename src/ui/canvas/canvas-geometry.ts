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

/** Screen size of the frozen header column and row: they follow the zoom within readable bounds. */
export function headerSizes(layout: MapLayout, zoom: number): { column: number; row: number } {
  return {
    column: Math.round(Math.max(132, Math.min(180, layout.laneHeaderWidth * zoom))),
    row:
      layout.phases.length === 0
        ? 0
        : Math.round(Math.max(30, Math.min(40, layout.phaseHeaderHeight * zoom))),
  };
}

export interface ViewportFit {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows the whole lane area in a `width` x `height` pane, its top-left corner
 * just inside the frozen headers (which cover the layout's own header column and row), so
 * nothing the room needs to read hides under a header. Zoom is capped so a small map is not blown up.
 */
export function fitLayoutViewport(
  layout: MapLayout,
  width: number,
  height: number,
  options: { padding?: number; minZoom?: number; maxZoom?: number } = {},
): ViewportFit {
  const pad = options.padding ?? 16;
  const minZoom = options.minZoom ?? 0.1;
  const maxZoom = options.maxZoom ?? 1.25;
  const areaWidth = Math.max(1, layout.width - layout.laneHeaderWidth);
  const areaHeight = Math.max(1, layout.height - layout.phaseHeaderHeight);
  let zoom = 1;
  // The header sizes depend on the zoom and the zoom on the room they leave: settle in a few rounds.
  for (let round = 0; round < 4; round++) {
    const { column, row } = headerSizes(layout, zoom);
    const fit = Math.min((width - column - 2 * pad) / areaWidth, (height - row - 2 * pad) / areaHeight);
    zoom = Math.max(minZoom, Math.min(maxZoom, fit));
  }
  const { column, row } = headerSizes(layout, zoom);
  return {
    x: column + pad - layout.laneHeaderWidth * zoom,
    y: row + pad - layout.phaseHeaderHeight * zoom,
    zoom,
  };
}

/** The smallest zoom at which step labels stay readable on a projector (11-13 px type). */
export const READABLE_ZOOM = 0.65;

/**
 * What a map shows when it opens without a saved viewport: the whole lane area when it fits at a
 * readable zoom, otherwise its top-left corner (the first lanes and phases, where a process
 * starts) at READABLE_ZOOM, just inside the frozen headers. "Fit view" still shows everything.
 */
export function firstViewViewport(layout: MapLayout, width: number, height: number): ViewportFit {
  return fitLayoutViewport(layout, width, height, { minZoom: READABLE_ZOOM });
}
