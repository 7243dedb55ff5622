/**
 * A handoff route's path (HandoffRoute.path): an orthogonal polyline stored flat, as
 * x0, y0, x1, y1, ... in whole layout pixels.
 *
 * Flat because a layout holds a path for every handoff, in the store and on the canvas for as long
 * as the map is open: as `{x, y}` objects a 1,000-step map's paths took about 0.3 MB more, an
 * object per point and (V8 boxes a shape's fields as doubles once any object of that shape has held
 * a fraction, and pointer positions do) a heap number per coordinate. A flat array of small
 * integers is one 4-byte slot per coordinate, and crosses to and from the layout worker as one
 * array per route.
 *
 * @example
 * const path = flatPath([{ x: 0, y: 10 }, { x: 40, y: 10 }]); // [0, 10, 40, 10]
 * pathPoints(path); // [{ x: 0, y: 10 }, { x: 40, y: 10 }]
 */
import type { Point } from "./types";

/** The path's points, as objects (a fresh array: for code that draws or measures one path). */
export function pathPoints(path: readonly number[]): Point[] {
  const points: Point[] = [];
  for (let i = 0; i + 1 < path.length; i += 2)
    points.push({ x: path[i] as number, y: path[i + 1] as number });
  return points;
}

/** The points as a flat path, x0, y0, x1, y1, ... */
export function flatPath(points: readonly Point[]): number[] {
  const path = new Array<number>(points.length * 2);
  points.forEach((p, i) => {
    path[2 * i] = p.x;
    path[2 * i + 1] = p.y;
  });
  return path;
}

/** How many points the path has. */
export function pointCount(path: readonly number[]): number {
  return path.length >> 1;
}
