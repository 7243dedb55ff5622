/**
 * Where a handoff's label block (its label and edge-case flag) goes: near its own line, but not
 * over a step box or another handoff's label when a free spot exists. Deterministic: candidates
 * are tried in a fixed order and the first free one wins.
 *
 * Candidates, in order: centered on the layout's label anchor (a halo interrupts the line, as on
 * any connector label), then for each segment of the route from longest to shortest: centered on
 * its midpoint, then beside it (above/below a horizontal segment, right/left of a vertical one).
 *
 * Obstacles have two priorities. Boxes and placed labels must stay clear; other handoffs' routes
 * (`options.routes`) should: a label on someone else's line reads as that line's label, but a
 * label on a box hides the box. So the first candidate clear of everything wins; failing that, the
 * first one clear of boxes and labels (whatever lines it covers); failing that, the one that
 * covers the least of the boxes and labels. A label never avoids its own route.
 *
 * Occupied rectangles and route segments live in uniform grids so a map of thousands of steps
 * stays linear.
 */
import { LABEL_CLEARANCE } from "../layout/handoff-label";
import { pathPoints } from "../layout/route-path";
import type { HandoffRoute, MapLayout, Point, Rect } from "../layout/types";

const CELL = 256;
const GAP = 4;
/**
 * Free room a label keeps from a step box or another label (px), the one the layout reserves
 * with (at 2, a flag seemed to touch the box under it on a projected slide). Lines need less.
 */
const CLEARANCE = LABEL_CLEARANCE;
const LINE_CLEARANCE = 2;
const OFFSETS = [GAP, 16, 28, 40];
/** Where along a segment a label is tried, as a fraction of its length. */
const SLIDE = [0.5, 0.25, 0.75];

/** How far a rectangle is from the nearest segment of a polyline (0 when it touches one). */
function distanceToRoute(r: Rect, segments: ReadonlyArray<{ a: Point; b: Point }>): number {
  let best = Number.POSITIVE_INFINITY;
  for (const { a, b } of segments) {
    const dx = Math.max(0, Math.min(a.x, b.x) - (r.x + r.width), r.x - Math.max(a.x, b.x));
    const dy = Math.max(0, Math.min(a.y, b.y) - (r.y + r.height), r.y - Math.max(a.y, b.y));
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

export interface LabelPlacer {
  /** Top-left corner for a block of `size` near `route`; the block is then marked occupied. */
  place(route: HandoffRoute, size: { width: number; height: number }): Point;
}

export interface LabelPlacerOptions {
  /** Every handoff's route: labels keep off the other routes' lines when they can (see above). */
  routes?: readonly HandoffRoute[];
}

/** A route segment as a zero-thickness rectangle, tagged with its route's id. */
interface Segment extends Rect {
  route: string;
}

/**
 * The placer the SVG export and the canvas use on a layout: inside the lane area, around the step
 * boxes, off the other handoffs' routes.
 *
 * @example
 * const topLeft = createLayoutLabelPlacer(layout).place(route, measureHandoffLabel(label, flagText));
 */
export function createLayoutLabelPlacer(layout: MapLayout): LabelPlacer {
  return createLabelPlacer(
    layout.steps,
    {
      x: layout.laneHeaderWidth,
      y: layout.phaseHeaderHeight,
      width: layout.width - layout.laneHeaderWidth,
      height: layout.height - layout.phaseHeaderHeight,
    },
    { routes: layout.handoffs },
  );
}

/**
 * @example
 * const placer = createLabelPlacer(layout.steps, lanesArea, { routes: layout.handoffs });
 * const topLeft = placer.place(route, measureHandoffLabel(label, flagText));
 */
export function createLabelPlacer(
  obstacles: readonly Rect[],
  bounds: Rect,
  options: LabelPlacerOptions = {},
): LabelPlacer {
  const grid = new Map<string, Rect[]>();
  const lines = new Map<string, Segment[]>();
  const cells = (r: Rect, visit: (key: string) => void) => {
    const x0 = Math.floor(r.x / CELL);
    const x1 = Math.floor((r.x + r.width) / CELL);
    const y0 = Math.floor(r.y / CELL);
    const y1 = Math.floor((r.y + r.height) / CELL);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) visit(`${cx},${cy}`);
  };
  const addTo = <T extends Rect>(index: Map<string, T[]>, r: T) =>
    cells(r, (key) => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [r]);
      else list.push(r);
    });
  const add = (r: Rect) => addTo(grid, r);
  const inBounds = (r: Rect) =>
    r.x >= bounds.x &&
    r.y >= bounds.y &&
    r.x + r.width <= bounds.x + bounds.width &&
    r.y + r.height <= bounds.y + bounds.height;
  const overlapArea = (r: Rect) => {
    let area = 0;
    const seen = new Set<Rect>();
    cells(r, (key) => {
      for (const o of grid.get(key) ?? []) {
        if (seen.has(o)) continue;
        seen.add(o);
        const w = Math.min(r.x + r.width, o.x + o.width) - Math.max(r.x, o.x);
        const h = Math.min(r.y + r.height, o.y + o.height) - Math.max(r.y, o.y);
        if (w > 0 && h > 0) area += w * h;
      }
    });
    return area;
  };
  /** When nothing is free: the candidate inside the diagram that covers the least. */
  const leastCovering = (candidates: readonly Rect[], fallback: Rect): Rect => {
    let best = fallback;
    let bestArea = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      if (!inBounds(c)) continue;
      const area = overlapArea(c);
      if (area < bestArea) {
        best = c;
        bestArea = area;
      }
    }
    return best;
  };
  /** `r` grown by `by` on every side: the cells to look in for obstacles that near. */
  const grown = (r: Rect, by: number): Rect => ({
    x: r.x - by,
    y: r.y - by,
    width: r.width + 2 * by,
    height: r.height + 2 * by,
  });
  /**
   * Nothing in `index` (but what `skip` passes over) comes within `by` px of `r`; at exactly `by`
   * it is still clear.
   */
  const clearOf = <T extends Rect>(
    r: Rect,
    index: Map<string, T[]>,
    by: number,
    skip?: (item: T) => boolean,
  ) => {
    let clear = true;
    cells(grown(r, by), (key) => {
      if (!clear) return;
      for (const o of index.get(key) ?? []) {
        if (skip?.(o)) continue;
        if (
          r.x < o.x + o.width + by &&
          o.x < r.x + r.width + by &&
          r.y < o.y + o.height + by &&
          o.y < r.y + r.height + by
        ) {
          clear = false;
          return;
        }
      }
    });
    return clear;
  };
  const free = (r: Rect) => inBounds(r) && clearOf(r, grid, CLEARANCE);
  for (const o of obstacles) add(o);
  for (const route of options.routes ?? []) {
    const points = pathPoints(route.path);
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a === undefined || b === undefined) continue;
      const segment: Segment = {
        x: Math.min(a.x, b.x),
        y: Math.min(a.y, b.y),
        width: Math.abs(b.x - a.x),
        height: Math.abs(b.y - a.y),
        route: route.id,
      };
      addTo(lines, segment);
    }
  }
  /** Clear of every route but `own` (touching a line counts: the halo would cut it). */
  const offLines = (r: Rect, own: string) => clearOf(r, lines, LINE_CLEARANCE, (s) => s.route === own);

  return {
    place(route, { width, height }) {
      const centered = (p: Point): Rect => ({ x: p.x - width / 2, y: p.y - height / 2, width, height });
      const candidates: Rect[] = [centered(route.labelAnchor)];
      const segments: { a: Point; b: Point; length: number; index: number }[] = [];
      const points = pathPoints(route.path);
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1];
        const b = points[i];
        if (a === undefined || b === undefined) continue;
        segments.push({ a, b, length: Math.abs(b.x - a.x) + Math.abs(b.y - a.y), index: i });
      }
      segments.sort((s, t) => t.length - s.length || s.index - t.index);
      for (const { a, b } of segments) {
        // The middle first, then a quarter from either end: a label can slide along its line
        // past a crossing or a neighbouring box.
        for (const t of SLIDE) {
          // Whole pixels (the route's are, and label sizes are even): crisp text, cheap numbers.
          const at = { x: Math.round(a.x + (b.x - a.x) * t), y: Math.round(a.y + (b.y - a.y) * t) };
          candidates.push(centered(at));
          if (a.y === b.y) {
            // Between two boxes in a row the gap is often narrower than the label: rise above them.
            for (const offset of OFFSETS) {
              candidates.push({ x: at.x - width / 2, y: at.y - offset - height, width, height });
              candidates.push({ x: at.x - width / 2, y: at.y + offset, width, height });
            }
          } else {
            candidates.push({ x: at.x + GAP, y: at.y - height / 2, width, height });
            candidates.push({ x: at.x - GAP - width, y: at.y - height / 2, width, height });
          }
        }
      }
      // After the anchor, the nearest to the label's own line first (stable: ties keep the order
      // above), so a label never floats off to a far free spot when a near one exists.
      const rest = candidates
        .slice(1)
        .map((rect, order) => ({ rect, order, distance: distanceToRoute(rect, segments) }))
        .sort((p, q) => p.distance - q.distance || p.order - q.order)
        .map((c) => c.rect);
      const ordered = [candidates[0] as Rect, ...rest];
      const chosen =
        ordered.find((c) => free(c) && offLines(c, route.id)) ??
        ordered.find(free) ??
        leastCovering(ordered, centered(route.labelAnchor));
      add(chosen);
      return { x: chosen.x, y: chosen.y };
    },
  };
}
