/** Clean-up of a route's points. */
import type { Point } from "../types";

/** Drops repeated and collinear middle points. */
export function simplify(points: readonly Point[]): Point[] {
  const deduped: Point[] = [];
  for (const p of points) {
    const last = deduped[deduped.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) deduped.push({ x: p.x, y: p.y });
  }
  const result: Point[] = [];
  for (let k = 0; k < deduped.length; k++) {
    const p = deduped[k];
    if (!p) continue;
    const before = result[result.length - 1];
    const after = deduped[k + 1];
    if (before && after && ((before.x === p.x && p.x === after.x) || (before.y === p.y && p.y === after.y))) {
      continue;
    }
    result.push(p);
  }
  return result;
}

export function roundPoint(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
