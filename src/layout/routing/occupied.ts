/**
 * What routes laid so far occupy, and what that costs the next route: crossing one costs CROSS,
 * running along one REUSE per pixel.
 */
import type { Point } from "../types";
import type { Region } from "./router-input";
import { binaryIndex, firstAbove, firstAtLeastIndex } from "./sorted-search";

/** Cost of crossing a route laid before, in pixels of length. */
const CROSS = 80;
/** Cost per pixel of running along a route laid before (the nudging pass separates what remains). */
const REUSE = 0.5;

/** What routes laid so far occupy: their segments, and the used sides of pinned boxes. */
export interface Occupied {
  segments: SegmentIndex;
  /** box * 4 + side */
  pinnedSides: Set<number>;
}

const SEGMENT_CELL = 128;

/** Axis-parallel segments of the routes laid so far, bucketed in a uniform grid. */
export class SegmentIndex {
  private readonly fixed: number[] = [];
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly horizontal: boolean[] = [];
  private readonly cells = new Map<number, number[]>();
  private readonly seen: number[] = [];
  private stamp = 0;

  add(a: Point, b: Point): void {
    const horizontal = a.y === b.y;
    if (horizontal && a.x === b.x) return;
    const id = this.fixed.length;
    this.fixed.push(horizontal ? a.y : a.x);
    this.lo.push(horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y));
    this.hi.push(horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y));
    this.horizontal.push(horizontal);
    this.seen.push(0);
    const x0 = Math.floor(Math.min(a.x, b.x) / SEGMENT_CELL);
    const x1 = Math.floor(Math.max(a.x, b.x) / SEGMENT_CELL);
    const y0 = Math.floor(Math.min(a.y, b.y) / SEGMENT_CELL);
    const y1 = Math.floor(Math.max(a.y, b.y) / SEGMENT_CELL);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const key = cy * 1_000_003 + cx;
        const list = this.cells.get(key);
        if (list) list.push(id);
        else this.cells.set(key, [id]);
      }
    }
  }

  /** Calls `visit` once for every segment meeting the region. */
  forEachIn(
    region: Region,
    visit: (fixed: number, lo: number, hi: number, horizontal: boolean) => void,
  ): void {
    if (this.fixed.length === 0) return;
    const stamp = ++this.stamp;
    const x0 = Math.floor(region.x1 / SEGMENT_CELL);
    const x1 = Math.floor(region.x2 / SEGMENT_CELL);
    const y0 = Math.floor(region.y1 / SEGMENT_CELL);
    const y1 = Math.floor(region.y2 / SEGMENT_CELL);
    // A region of more cells than there are segments (a map whose steps lie a million pixels
    // apart: 10^8 cells) is cheaper to answer segment by segment, with the same test.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.fixed.length) {
      for (let id = 0; id < this.fixed.length; id++) {
        const fixed = this.fixed[id] ?? 0;
        const lo = this.lo[id] ?? 0;
        const hi = this.hi[id] ?? 0;
        const horizontal = this.horizontal[id] ?? true;
        const meets = horizontal
          ? Math.floor(hi / SEGMENT_CELL) >= x0 &&
            Math.floor(lo / SEGMENT_CELL) <= x1 &&
            Math.floor(fixed / SEGMENT_CELL) >= y0 &&
            Math.floor(fixed / SEGMENT_CELL) <= y1
          : Math.floor(fixed / SEGMENT_CELL) >= x0 &&
            Math.floor(fixed / SEGMENT_CELL) <= x1 &&
            Math.floor(hi / SEGMENT_CELL) >= y0 &&
            Math.floor(lo / SEGMENT_CELL) <= y1;
        if (meets) visit(fixed, lo, hi, horizontal);
      }
      return;
    }
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        for (const id of this.cells.get(cy * 1_000_003 + cx) ?? []) {
          if (this.seen[id] === stamp) continue;
          this.seen[id] = stamp;
          visit(this.fixed[id] ?? 0, this.lo[id] ?? 0, this.hi[id] ?? 0, this.horizontal[id] ?? true);
        }
      }
    }
  }
}

/**
 * Extra cost of every unit grid segment for what earlier routes occupy: CROSS for crossing one
 * (half when the crossing is at a grid node, so going straight through a node costs a whole one
 * and turning onto the line half), REUSE per pixel run along one.
 */
export function occupiedCosts(
  segments: SegmentIndex,
  region: Region,
  xs: readonly number[],
  ys: readonly number[],
): { hCost: Float64Array; vCost: Float64Array } {
  const nx = xs.length;
  const ny = ys.length;
  const hCost = new Float64Array(nx * ny); // (i, j) -> (i + 1, j)
  const vCost = new Float64Array(nx * ny); // (i, j) -> (i, j + 1)
  segments.forEachIn(region, (fixed, lo, hi, horizontal) => {
    // In grid terms: `along` is the axis the segment runs on, `across` the one it is fixed on.
    const along = horizontal ? xs : ys;
    const across = horizontal ? ys : xs;
    const nAlong = along.length;
    const nAcross = across.length;
    // Our edges of the other orientation that it crosses: lines strictly inside (lo, hi).
    const crossed = horizontal ? vCost : hCost;
    const first = firstAbove(along, lo);
    const last = firstAtLeastIndex(along, hi) - 1;
    if (first <= last) {
      const k = firstAtLeastIndex(across, fixed);
      const exact = across[k] === fixed;
      for (let line = first; line <= last; line++) {
        const at = (step: number) => (horizontal ? step * nx + line : line * nx + step);
        if (exact) {
          if (k > 0) crossed[at(k - 1)] = (crossed[at(k - 1)] ?? 0) + CROSS / 2;
          if (k < nAcross - 1) crossed[at(k)] = (crossed[at(k)] ?? 0) + CROSS / 2;
        } else if (k > 0 && k < nAcross) {
          crossed[at(k - 1)] = (crossed[at(k - 1)] ?? 0) + CROSS;
        }
      }
    }
    // Our edges on the same line that run along it.
    const line = binaryIndex(across, fixed);
    if (line < 0) return;
    const reused = horizontal ? hCost : vCost;
    for (let step = Math.max(0, firstAbove(along, lo) - 1); step < nAlong - 1; step++) {
      const a = along[step] ?? 0;
      const b = along[step + 1] ?? 0;
      if (a >= hi) break;
      const overlap = Math.min(hi, b) - Math.max(lo, a);
      if (overlap <= 0) continue;
      const edge = horizontal ? line * nx + step : step * nx + line;
      reused[edge] = (reused[edge] ?? 0) + REUSE * overlap;
    }
  });
  return { hCost, vCost };
}
