/**
 * What routes laid so far occupy, and what that costs the next route: crossing one costs CROSS,
 * running along one REUSE per pixel.
 */
import { SpatialGrid } from "../spatial-grid";
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

/** An axis-parallel segment of a route laid before: on line `fixed`, from `lo` to `hi`. */
interface Segment {
  fixed: number;
  lo: number;
  hi: number;
  horizontal: boolean;
}

/** The segments of the routes laid so far, in the layout's spatial grid. */
export class SegmentIndex {
  private readonly grid = new SpatialGrid<Segment>(SEGMENT_CELL);

  add(a: Point, b: Point): void {
    const horizontal = a.y === b.y;
    if (horizontal && a.x === b.x) return;
    this.grid.add(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y), {
      fixed: horizontal ? a.y : a.x,
      lo: horizontal ? Math.min(a.x, b.x) : Math.min(a.y, b.y),
      hi: horizontal ? Math.max(a.x, b.x) : Math.max(a.y, b.y),
      horizontal,
    });
  }

  /** Calls `visit` once for every segment meeting the region's cells. */
  forEachIn(region: Region, visit: (segment: Segment) => void): void {
    this.grid.forEachIn(region.x1, region.y1, region.x2, region.y2, visit);
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
  segments.forEachIn(region, ({ fixed, lo, hi, horizontal }) => {
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
