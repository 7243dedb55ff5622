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
 * Occupied rectangles and route segments live in the layout's spatial grid so a map of thousands
 * of steps stays linear.
 *
 * This is the layout's last stage (placeLabelBlocks): every route carries its label block, and the
 * SVG export and the canvas draw it there.
 */
import { edgeCaseLabel, highestOpenSeverity, registerRows } from "../model/register-rows";
import type { EdgeCase, HandoffMap } from "../model/types";
import { edgeCaseFlagText, LABEL_CLEARANCE, measureHandoffLabel } from "./handoff-label";
import { pathPoints } from "./route-path";
import { SpatialGrid } from "./spatial-grid";
import type { HandoffRoute, MapLayout, Point, Rect } from "./types";

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
  const grid = new SpatialGrid<Rect>(CELL);
  const lines = new SpatialGrid<Segment>(CELL);
  const add = (r: Rect) => grid.add(r.x, r.y, r.x + r.width, r.y + r.height, r);
  const inBounds = (r: Rect) =>
    r.x >= bounds.x &&
    r.y >= bounds.y &&
    r.x + r.width <= bounds.x + bounds.width &&
    r.y + r.height <= bounds.y + bounds.height;
  const overlapArea = (r: Rect) => {
    let area = 0;
    grid.forEachIn(r.x, r.y, r.x + r.width, r.y + r.height, (o) => {
      const w = Math.min(r.x + r.width, o.x + o.width) - Math.max(r.x, o.x);
      const h = Math.min(r.y + r.height, o.y + o.height) - Math.max(r.y, o.y);
      if (w > 0 && h > 0) area += w * h;
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
  /**
   * Nothing in `index` (but what `skip` passes over) comes within `by` px of `r`; at exactly `by`
   * it is still clear.
   */
  const clearOf = <T extends Rect>(r: Rect, index: SpatialGrid<T>, by: number, skip?: (item: T) => boolean) =>
    !index.some(
      r.x - by,
      r.y - by,
      r.x + r.width + by,
      r.y + r.height + by,
      (o) =>
        !skip?.(o) &&
        r.x < o.x + o.width + by &&
        o.x < r.x + r.width + by &&
        r.y < o.y + o.height + by &&
        o.y < r.y + r.height + by,
    );
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
      lines.add(segment.x, segment.y, segment.x + segment.width, segment.y + segment.height, segment);
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

/**
 * The layout's last stage: each handoff's label block (its label and edge-case flag, sized by
 * measureHandoffLabel with the flag as the register numbers it) placed in map order by the
 * layout's placer, and set on its route as `labelBlock`. Handoffs with neither label nor edge
 * cases get none.
 *
 * @example
 * const layout = placeLabelBlocks(map, routedLayout);
 * layout.handoffs[0].labelBlock; // { x: 412, y: 160, width: 84, height: 39 }
 */
export function placeLabelBlocks(map: HandoffMap, layout: MapLayout): MapLayout {
  if (layout.handoffs.length === 0) return layout;
  const placer = createLayoutLabelPlacer(layout);
  const numbers = new Map(registerRows(map).map((row) => [row.edgeCase.id, row.number]));
  const routes = new Map(layout.handoffs.map((route) => [route.id, route]));
  const blocks = new Map<string, Rect>();
  for (const handoff of map.handoffs) {
    const route = routes.get(handoff.id);
    if (route === undefined || (handoff.label.trim() === "" && handoff.edgeCases.length === 0)) continue;
    const size = measureHandoffLabel(handoff.label, handoffFlagText(handoff.edgeCases, numbers));
    const at = placer.place(route, size);
    blocks.set(handoff.id, { x: at.x, y: at.y, width: size.width, height: size.height });
  }
  return {
    ...layout,
    handoffs: layout.handoffs.map((route) => {
      const block = blocks.get(route.id);
      return block === undefined ? route : { ...route, labelBlock: block };
    }),
  };
}

/**
 * A handoff's flag text ("⚑ EC-3 EC-4"), its edge cases numbered by `numbers`; null when it has
 * no edge cases.
 */
export function handoffFlagText(
  edgeCases: readonly EdgeCase[],
  numbers: ReadonlyMap<string, number>,
): string | null {
  if (edgeCases.length === 0) return null;
  const labels = edgeCases.map((edgeCase) => edgeCaseLabel(numbers.get(edgeCase.id) ?? 0));
  return edgeCaseFlagText(labels, highestOpenSeverity(edgeCases) !== null);
}
