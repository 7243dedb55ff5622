/**
 * Viewports for a lane focus. The focused view keeps every step's x, so it is as wide as the whole
 * map while only a few lanes tall: fitting its whole width (as "Fit view" does for the map) would
 * show three thin lanes at a third of their size. These fit what is drawn instead, and keep a
 * short view from sliding off its lanes.
 */
import type { Rect } from "../../layout/types";
import { headerSizes, type LayoutFrame, type ViewportFit } from "./canvas-geometry";

/** Room kept around the steps, layout px. */
const MARGIN = 32;

/**
 * "Fit view" in a lane focus: every step and stub in view, across (from a little left of the
 * leftmost to a little right of the rightmost) and every lane shown down, against the frozen
 * headers, no larger than `maxZoom`.
 */
export function fitContentViewport(
  frame: LayoutFrame,
  boxes: readonly Rect[],
  width: number,
  height: number,
  options: { minZoom?: number; maxZoom?: number; padding?: number } = {},
): ViewportFit {
  const pad = options.padding ?? 16;
  const minZoom = options.minZoom ?? 0.1;
  const maxZoom = options.maxZoom ?? 1.25;
  let left = frame.laneHeaderWidth;
  let right = frame.width;
  if (boxes.length > 0) {
    left = Math.max(frame.laneHeaderWidth, Math.min(...boxes.map((b) => b.x)) - MARGIN);
    right = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN;
  }
  const areaWidth = Math.max(1, right - left);
  const areaHeight = Math.max(1, frame.height - frame.phaseHeaderHeight);
  let zoom = 1;
  for (let round = 0; round < 4; round++) {
    const { column, row } = headerSizes(frame, zoom);
    const fit = Math.min((width - column - pad) / areaWidth, (height - row - pad) / areaHeight);
    zoom = Math.max(minZoom, Math.min(maxZoom, fit));
  }
  const { column, row } = headerSizes(frame, zoom);
  return { x: column - left * zoom, y: row - frame.phaseHeaderHeight * zoom, zoom };
}

/**
 * The y of a point to centre on so that the lanes do not leave bare canvas above the first lane
 * (or, when they are taller than the pane, below the last): a walkthrough step in the top lane,
 * of the whole map or of a three-lane focus, is shown with the lanes under it, not with half a
 * screen of nothing above.
 */
export function centerYWithinLanes(
  frame: LayoutFrame,
  centerY: number,
  zoom: number,
  paneHeight: number,
): number {
  const { row } = headerSizes(frame, zoom);
  let y = paneHeight / 2 - centerY * zoom;
  const bottom = paneHeight - frame.height * zoom;
  if (y < bottom) y = bottom;
  const top = row - frame.phaseHeaderHeight * zoom;
  if (y > top) y = top;
  return (paneHeight / 2 - y) / zoom;
}
