/**
 * Canvas-only geometry on a MapLayout: where a drop lands in file terms (clamped clear of the
 * headers), the frozen headers' screen size, and the viewports the canvas opens and fits to.
 * Which lane or phase holds a point, and file <-> absolute positions, are src/layout/geometry.ts.
 */
import { toFilePosition } from "../../layout/geometry";
import type { MapLayout, Point } from "../../layout/types";
import type { Position } from "../../model/types";

/**
 * Layout's toFilePosition for a drop: in whole pixels and kept inside the band's top and the lane
 * area's left edge, so a drop never lands a step under the headers. Undefined for an unknown lane.
 */
export function fileFromAbsolute(layout: MapLayout, point: Point, laneId: string): Position | undefined {
  const position = toFilePosition(layout, point, laneId);
  return position && { x: Math.max(0, Math.round(position.x)), y: Math.max(0, Math.round(position.y)) };
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
