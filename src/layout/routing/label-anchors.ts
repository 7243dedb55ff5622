/**
 * Each route's label anchor: on its longest (preferably horizontal) segment, the point nearest
 * the segment's middle where the handoff's label block, centred there, clears every box and, if
 * possible, every label placed before it.
 */
import { LABEL_CLEARANCE } from "../handoff-label";
import { SpatialGrid } from "../spatial-grid";
import type { Point, Rect } from "../types";
import type { BoxIndex } from "./box-index";
import { roundPoint } from "./polyline";
import { EPS, type Region, type RouteRequest, type RouterInput } from "./router-input";

/**
 * Label blocks keep this from boxes and other labels where they can: the placer's LABEL_CLEARANCE,
 * and half a pixel for the anchor's rounding to a whole pixel, so the placer accepts the spot
 * reserved here. Where no such spot is on the route, the tight gap (the old rule) still beats a
 * spot on a box; the placer then moves the block beside the route.
 */
const LABEL_GAPS = [LABEL_CLEARANCE + 0.5, 2.5] as const;

const LABEL_CELL = 256;

/** Rectangles (label blocks, route segments) with an owner route, in the layout's spatial grid. */
class RectGrid {
  private readonly grid = new SpatialGrid<{ rect: Rect; owner: number }>(LABEL_CELL);

  add(rect: Rect, owner: number): void {
    this.grid.add(rect.x, rect.y, rect.x + rect.width, rect.y + rect.height, { rect, owner });
  }

  /** The rectangles meeting r's cells, except those of `except`. */
  near(r: Rect, except: number): Rect[] {
    const found: Rect[] = [];
    this.grid.forEachIn(r.x, r.y, r.x + r.width, r.y + r.height, (o) => {
      if (o.owner !== except) found.push(o.rect);
    });
    return found;
  }
}

/**
 * One anchor per route. For a route with a label block: on its segments, horizontal ones of at
 * least 40 px first (labels read best there), longest first, the point nearest the segment's
 * middle where the block centred on it keeps LABEL_GAPS from every box, every label placed
 * before and every other route's line; failing that, from boxes and labels; failing that, from
 * boxes only; failing that, the old rule (`labelAnchor`; the SVG and canvas placers then move
 * the block beside the route).
 */
export function labelAnchors(
  paths: readonly Point[][],
  requests: readonly RouteRequest[],
  input: RouterInput,
  index: BoxIndex,
): Point[] {
  const labels = new RectGrid();
  const lines = new RectGrid();
  paths.forEach((points, route) => {
    for (let s = 0; s + 1 < points.length; s++) {
      const a = points[s];
      const b = points[s + 1];
      if (!a || !b) continue;
      const x = Math.min(a.x, b.x);
      const y = Math.min(a.y, b.y);
      lines.add({ x, y, width: Math.max(a.x, b.x) - x, height: Math.max(a.y, b.y) - y }, route);
    }
  });
  const { bounds, boxes } = input;
  return paths.map((points, k) => {
    const size = requests[k]?.label;
    if (!size || size.width <= 0 || size.height <= 0) return roundPoint(labelAnchor(points));
    const segments: Array<{ a: Point; b: Point; length: number; rank: number; order: number }> = [];
    for (let s = 0; s + 1 < points.length; s++) {
      const a = points[s];
      const b = points[s + 1];
      if (!a || !b) continue;
      const length = Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
      segments.push({ a, b, length, rank: a.y === b.y && length >= 40 ? 0 : 1, order: s });
    }
    segments.sort((s, t) => s.rank - t.rank || t.length - s.length || s.order - t.order);
    let found: Point | undefined;
    for (const avoid of [2, 1, 0]) {
      for (const gap of LABEL_GAPS) {
        const w = size.width + 2 * gap;
        const h = size.height + 2 * gap;
        for (const { a, b } of segments) {
          found = freePointOn(a, b, w, h, bounds, (region) => {
            const near: Rect[] = [];
            for (const i of index.query(region, 0)) {
              const box = boxes[i];
              if (box) near.push(box);
            }
            const area = {
              x: region.x1,
              y: region.y1,
              width: region.x2 - region.x1,
              height: region.y2 - region.y1,
            };
            if (avoid >= 1) near.push(...labels.near(area, -1));
            if (avoid >= 2) near.push(...lines.near(area, k));
            return near;
          });
          if (found) break;
        }
        if (found) break;
      }
      if (found) break;
    }
    const anchor = roundPoint(found ?? labelAnchor(points));
    labels.add(
      {
        x: anchor.x - size.width / 2,
        y: anchor.y - size.height / 2,
        width: size.width,
        height: size.height,
      },
      k,
    );
    return anchor;
  });
}

/**
 * The point of segment a-b nearest its middle where a w x h block centred on it meets none of the
 * obstacles' interiors and stays inside `bounds`; undefined if there is none.
 */
function freePointOn(
  a: Point,
  b: Point,
  w: number,
  h: number,
  bounds: Rect,
  obstaclesIn: (region: Region) => Rect[],
): Point | undefined {
  const horizontal = a.y === b.y;
  // Work in (along, across) coordinates: the centre moves along the segment.
  const lo = horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y);
  const hi = horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y);
  const fixed = horizontal ? a.y : a.x;
  const halfAlong = (horizontal ? w : h) / 2;
  const halfAcross = (horizontal ? h : w) / 2;
  const boundLo = horizontal ? bounds.x : bounds.y;
  const boundHi = horizontal ? bounds.x + bounds.width : bounds.y + bounds.height;
  const acrossLo = horizontal ? bounds.y : bounds.x;
  const acrossHi = horizontal ? bounds.y + bounds.height : bounds.x + bounds.width;
  if (fixed - halfAcross < acrossLo - EPS || fixed + halfAcross > acrossHi + EPS) return undefined;
  const from = Math.max(lo, boundLo + halfAlong);
  const to = Math.min(hi, boundHi - halfAlong);
  if (from > to + EPS) return undefined;
  const region: Region = horizontal
    ? { x1: from - halfAlong, x2: to + halfAlong, y1: fixed - halfAcross, y2: fixed + halfAcross }
    : { x1: fixed - halfAcross, x2: fixed + halfAcross, y1: from - halfAlong, y2: to + halfAlong };
  // Forbidden open intervals of the centre, from every obstacle that overlaps across.
  const forbidden: Array<[number, number]> = [];
  for (const r of obstaclesIn(region)) {
    const rAcrossLo = horizontal ? r.y : r.x;
    const rAcrossHi = horizontal ? r.y + r.height : r.x + r.width;
    if (rAcrossHi <= fixed - halfAcross + EPS || rAcrossLo >= fixed + halfAcross - EPS) continue;
    const rLo = horizontal ? r.x : r.y;
    const rHi = horizontal ? r.x + r.width : r.y + r.height;
    forbidden.push([rLo - halfAlong, rHi + halfAlong]);
  }
  forbidden.sort((p, q) => p[0] - q[0]);
  // Allowed closed intervals inside [from, to].
  const allowed: Array<[number, number]> = [];
  let cursor = from;
  for (const [fLo, fHi] of forbidden) {
    if (fLo > cursor + EPS) allowed.push([cursor, Math.min(fLo, to)]);
    cursor = Math.max(cursor, fHi);
    if (cursor > to) break;
  }
  if (cursor <= to + EPS) allowed.push([cursor, to]);
  const middle = (lo + hi) / 2;
  let best: number | undefined;
  for (const [p, q] of allowed) {
    if (q < p - EPS) continue;
    const candidate = Math.min(Math.max(middle, p), q);
    if (best === undefined || Math.abs(candidate - middle) < Math.abs(best - middle)) best = candidate;
  }
  if (best === undefined) return undefined;
  return horizontal ? { x: best, y: fixed } : { x: fixed, y: best };
}

/** The middle of the longest horizontal segment (labels read best there), else of the longest one. */
export function labelAnchor(points: readonly Point[]): Point {
  let longest: [Point, Point] | undefined;
  let longestHorizontal: [Point, Point] | undefined;
  const length = (s: [Point, Point]) => Math.abs(s[0].x - s[1].x) + Math.abs(s[0].y - s[1].y);
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    if (!a || !b) continue;
    const segment: [Point, Point] = [a, b];
    if (!longest || length(segment) > length(longest)) longest = segment;
    if (a.y === b.y && (!longestHorizontal || length(segment) > length(longestHorizontal))) {
      longestHorizontal = segment;
    }
  }
  const chosen = longestHorizontal && length(longestHorizontal) >= 40 ? longestHorizontal : longest;
  if (!chosen) return points[0] ?? { x: 0, y: 0 };
  return { x: (chosen[0].x + chosen[1].x) / 2, y: (chosen[0].y + chosen[1].y) / 2 };
}
