/**
 * Where a handoff's label block (its label and edge-case flag) goes: near its own line, but not
 * over a step box or another handoff's label when a free spot exists. Deterministic: candidates
 * are tried in a fixed order and the first free one wins.
 *
 * Candidates, in order: centered on the layout's label anchor (a halo interrupts the line, as on
 * any connector label), then for each segment of the route from longest to shortest: centered on
 * its midpoint, then beside it (above/below a horizontal segment, right/left of a vertical one).
 * When none is free, the candidate that covers the least of the boxes and labels wins.
 *
 * Occupied rectangles live in a uniform grid so a map of thousands of steps stays linear.
 */
import type { HandoffRoute, Point, Rect } from "../layout/types";

const CELL = 256;
const GAP = 4;
const OFFSETS = [GAP, 16, 28, 40];

export interface LabelPlacer {
  /** Top-left corner for a block of `size` near `route`; the block is then marked occupied. */
  place(route: HandoffRoute, size: { width: number; height: number }): Point;
}

export function createLabelPlacer(obstacles: readonly Rect[], bounds: Rect): LabelPlacer {
  const grid = new Map<string, Rect[]>();
  const cells = (r: Rect, visit: (key: string) => void) => {
    const x0 = Math.floor(r.x / CELL);
    const x1 = Math.floor((r.x + r.width) / CELL);
    const y0 = Math.floor(r.y / CELL);
    const y1 = Math.floor((r.y + r.height) / CELL);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) visit(`${cx},${cy}`);
  };
  const add = (r: Rect) =>
    cells(r, (key) => {
      const list = grid.get(key);
      if (list === undefined) grid.set(key, [r]);
      else list.push(r);
    });
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
  const free = (r: Rect) => {
    if (!inBounds(r)) return false;
    let clear = true;
    cells(r, (key) => {
      if (!clear) return;
      for (const o of grid.get(key) ?? []) {
        if (
          r.x < o.x + o.width + 2 &&
          o.x < r.x + r.width + 2 &&
          r.y < o.y + o.height + 2 &&
          o.y < r.y + r.height + 2
        ) {
          clear = false;
          return;
        }
      }
    });
    return clear;
  };
  for (const o of obstacles) add(o);

  return {
    place(route, { width, height }) {
      const centered = (p: Point): Rect => ({ x: p.x - width / 2, y: p.y - height / 2, width, height });
      const candidates: Rect[] = [centered(route.labelAnchor)];
      const segments: { a: Point; b: Point; length: number; index: number }[] = [];
      for (let i = 1; i < route.points.length; i++) {
        const a = route.points[i - 1];
        const b = route.points[i];
        if (a === undefined || b === undefined) continue;
        segments.push({ a, b, length: Math.abs(b.x - a.x) + Math.abs(b.y - a.y), index: i });
      }
      segments.sort((s, t) => t.length - s.length || s.index - t.index);
      for (const { a, b } of segments) {
        const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        candidates.push(centered(mid));
        if (a.y === b.y) {
          // Between two boxes in a row the gap is often narrower than the label: rise above them.
          for (const offset of OFFSETS) {
            candidates.push({ x: mid.x - width / 2, y: mid.y - offset - height, width, height });
            candidates.push({ x: mid.x - width / 2, y: mid.y + offset, width, height });
          }
        } else {
          candidates.push({ x: mid.x + GAP, y: mid.y - height / 2, width, height });
          candidates.push({ x: mid.x - GAP - width, y: mid.y - height / 2, width, height });
        }
      }
      const chosen = candidates.find(free) ?? leastCovering(candidates, centered(route.labelAnchor));
      add(chosen);
      return { x: chosen.x, y: chosen.y };
    },
  };
}
