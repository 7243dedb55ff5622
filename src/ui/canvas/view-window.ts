/**
 * The part of the map React Flow is given: a window around the view.
 *
 * React Flow keeps an internal node (position, size, handle bounds) for every node it is given
 * and an entry per node and handle in its connection lookup for every edge, and re-adopts them
 * all whenever the nodes change; `onlyRenderVisibleElements` spares the DOM, not those. On a
 * 1,000-step map they were about 1 MB of the page's heap, for steps nobody could see. So the flow
 * adapter makes nodes and edges only for what lies in a window around the view (and what must be
 * there whatever the view: see FlowInput.window), and the canvas moves the window only when the
 * view leaves it: after a pan of about a third of the screen, or a zoom out of a quarter.
 *
 * @example
 * let window = nextWindow(null, viewRect(transform, paneWidth, paneHeight));
 * window = nextWindow(window, viewRect(later, paneWidth, paneHeight)); // the same object while it covers the view
 */
import type { Rect } from "../../layout/types";

/** How much of the view's size the window reaches beyond it on every side. */
const MARGIN = 0.5;

/** The pane's visible part in flow coordinates, for a React Flow transform [x, y, zoom]. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/** `view` grown by `margin` times its size on every side. */
function around(view: Rect, margin: number): Rect {
  const dx = view.width * margin;
  const dy = view.height * margin;
  return { x: view.x - dx, y: view.y - dy, width: view.width + 2 * dx, height: view.height + 2 * dy };
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * The window to hold for this view: `current` (the same object) while it still covers the view
 * with a small margin and is not far larger than a fresh one (after zooming in a long way), else
 * a fresh window around the view.
 */
export function nextWindow(current: Rect | null, view: Rect): Rect {
  const fresh = around(view, MARGIN);
  if (current === null) return fresh;
  const tooBig = current.width * current.height > 4 * fresh.width * fresh.height;
  return !tooBig && contains(current, around(view, MARGIN / 6)) ? current : fresh;
}

/** Whether the rectangle at x, y of this size touches the window. */
export function overlaps(window: Rect, x: number, y: number, width: number, height: number): boolean {
  return (
    x <= window.x + window.width &&
    x + width >= window.x &&
    y <= window.y + window.height &&
    y + height >= window.y
  );
}

/**
 * How far a handoff's label block can reach beyond its route's box, in layout pixels: blocks are
 * placed beside the route, clear of boxes and other labels (label-placement.ts); on generated
 * 300-step maps they reached up to 64 px past it.
 */
const LABEL_REACH = 96;

/**
 * Whether a route (a flat x0, y0, x1, y1, ... polyline) or its label block, which sits beside it,
 * can touch the window: the route's box grown by LABEL_REACH.
 */
export function routeOverlaps(window: Rect, path: readonly number[]): boolean {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < path.length; i += 2) {
    const x = path[i] as number;
    const y = path[i + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return (
    minX <= maxX &&
    overlaps(
      window,
      minX - LABEL_REACH,
      minY - LABEL_REACH,
      maxX - minX + 2 * LABEL_REACH,
      maxY - minY + 2 * LABEL_REACH,
    )
  );
}
