/**
 * Canvas-only geometry on a MapLayout: the layout's frame, the frozen headers' screen size, and
 * the viewports the canvas opens and fits to.
 * Which lane or phase holds a point, file <-> absolute positions and where a drop lands in file
 * terms (fileFromAbsolute) are src/layout/geometry.ts.
 */
import type { MapLayout } from "../../layout/types";

/**
 * The parts of a layout that frame the steps: its size, its header column and row, the lane bands
 * and the phase columns. What the lane layer, the frozen headers and the viewport fits need; not
 * the boxes and routes, which a component given the whole layout would keep alive (React keeps a
 * component's previous props on its previous fiber until it renders again).
 */
export type LayoutFrame = Pick<
  MapLayout,
  "width" | "height" | "laneHeaderWidth" | "phaseHeaderHeight" | "lanes" | "phases"
>;

/** Screen size of the frozen header column and row: they follow the zoom within readable bounds. */
export function headerSizes(layout: LayoutFrame, zoom: number): { column: number; row: number } {
  return {
    column: Math.round(Math.max(132, Math.min(180, layout.laneHeaderWidth * zoom))),
    row:
      layout.phases.length === 0
        ? 0
        : Math.round(Math.max(30, Math.min(40, layout.phaseHeaderHeight * zoom))),
  };
}

/**
 * Whether a rectangle (layout coordinates) is wholly on screen in a `paneWidth` x `paneHeight`
 * pane at `viewport`, clear of the frozen header column and row that cover the pane's edges.
 */
export function rectOnScreen(
  rect: { x: number; y: number; width: number; height: number },
  frame: LayoutFrame,
  viewport: ViewportFit,
  paneWidth: number,
  paneHeight: number,
): boolean {
  const { x, y, zoom } = viewport;
  const { column, row } = headerSizes(frame, zoom);
  const left = rect.x * zoom + x;
  const top = rect.y * zoom + y;
  return (
    left >= column &&
    top >= row &&
    left + rect.width * zoom <= paneWidth &&
    top + rect.height * zoom <= paneHeight
  );
}

/**
 * The viewport after the frame's header column or row changed size (the first phase added, the
 * last one deleted, lane names that widen the column): the lane area keeps its place against the
 * frozen headers, so the steps under them neither slide beneath the new header row nor leave a
 * strip of bare canvas. Null when nothing on screen would move.
 */
export function keepLanesAtHeaders(
  before: LayoutFrame,
  after: LayoutFrame,
  viewport: ViewportFit,
): ViewportFit | null {
  const { zoom } = viewport;
  const was = headerSizes(before, zoom);
  const now = headerSizes(after, zoom);
  // Screen offset of the lane area's corner from the headers' inner edges, before and after.
  const dx = was.column - now.column - (before.laneHeaderWidth - after.laneHeaderWidth) * zoom;
  const dy = was.row - now.row - (before.phaseHeaderHeight - after.phaseHeaderHeight) * zoom;
  if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return null;
  return { x: viewport.x - dx, y: viewport.y - dy, zoom };
}

export interface ViewportFit {
  x: number;
  y: number;
  zoom: number;
}

export interface FitOptions {
  /** Room kept free right of and below the lane area, px on screen. */
  padding?: number;
  minZoom?: number;
  maxZoom?: number;
}

/**
 * The viewport that puts the lane area's top-left corner at `zoom` against the frozen headers:
 * the first lane band starts right under the phase header row and the first phase right of the
 * lane header column, no strip of empty canvas between a header and what it labels. The frozen
 * headers cover the layout's own (smaller or larger) header column and row.
 */
function lanesAtHeaders(layout: LayoutFrame, zoom: number): ViewportFit {
  const { column, row } = headerSizes(layout, zoom);
  return { x: column - layout.laneHeaderWidth * zoom, y: row - layout.phaseHeaderHeight * zoom, zoom };
}

/**
 * The viewport that shows the whole lane area in a `width` x `height` pane, against the frozen
 * headers (see lanesAtHeaders), with `padding` right and below. Zoom is capped so a small map is
 * not blown up.
 *
 * A map wider than the pane (the usual swimlane shape) keeps its free room below rather than
 * centred: the phase header row stays on the lanes it names, as a table's header row does, and a
 * room reads it as one diagram, not as headers floating over a band in the middle of the screen.
 */
export function fitLayoutViewport(
  layout: LayoutFrame,
  width: number,
  height: number,
  options: FitOptions = {},
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
    const fit = Math.min((width - column - pad) / areaWidth, (height - row - pad) / areaHeight);
    zoom = Math.max(minZoom, Math.min(maxZoom, fit));
  }
  return lanesAtHeaders(layout, zoom);
}

/**
 * The smallest zoom at which a room can still read the map: step labels are 13 px in the
 * layout, 6.5 px at 0.5 (lane and phase names are in the frozen headers at full size whatever
 * the zoom). Below it a projected map shows its shape but not its words.
 */
export const READABLE_ZOOM = 0.5;

/**
 * The largest zoom a wide map opens at (see firstViewViewport): step labels at 9 px, and about
 * half of a three-phase map like the template across a laptop's pane. Larger shows fewer steps
 * than a room needs to see where the process goes.
 */
export const OPENING_ZOOM = 0.7;

/**
 * What a map shows when it opens without a saved viewport: the whole map (as "Fit view" shows it)
 * when that is readable, at READABLE_ZOOM or more. Otherwise the start of the map, against the
 * frozen headers, with every lane on screen and as large as the pane's height allows, between
 * READABLE_ZOOM and OPENING_ZOOM: a room sees every department and reads the steps, from where
 * the process starts; a map too tall for that opens at READABLE_ZOOM on its top lanes. "Fit view"
 * and the overview map show the rest.
 */
export function firstViewViewport(layout: LayoutFrame, width: number, height: number): ViewportFit {
  const whole = fitLayoutViewport(layout, width, height, { minZoom: 0 });
  if (whole.zoom >= READABLE_ZOOM) return whole;
  // Every lane, as tall as the pane allows: fit the height only (an unbounded width).
  return fitLayoutViewport(layout, Number.POSITIVE_INFINITY, height, {
    minZoom: READABLE_ZOOM,
    maxZoom: OPENING_ZOOM,
  });
}
