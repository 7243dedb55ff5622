/** Headings of a route, which are also the sides of a box a route leaves or enters through. */
import type { Point, Rect } from "../types";

export const RIGHT = 0;
export const DOWN = 1;
export const LEFT = 2;
export const UP = 3;
export const DX = [1, 0, -1, 0] as const;
export const DY = [0, 1, 0, -1] as const;

/** The middle of side `side` of `b`: where a route leaves or enters it. */
export function borderFor(b: Rect, side: number): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  if (side === RIGHT) return { x: b.x + b.width, y: cy };
  if (side === DOWN) return { x: cx, y: b.y + b.height };
  if (side === LEFT) return { x: b.x, y: cy };
  return { x: cx, y: b.y };
}

/** The side of `b` whose border `p` lies on (RIGHT, DOWN, LEFT or UP); the nearest when unsure. */
export function sideOf(b: Rect, p: Point): number {
  const distances = [
    Math.abs(p.x - (b.x + b.width)),
    Math.abs(p.y - (b.y + b.height)),
    Math.abs(p.x - b.x),
    Math.abs(p.y - b.y),
  ];
  let best = 0;
  for (let s = 1; s < 4; s++) if ((distances[s] ?? 0) < (distances[best] ?? 0)) best = s;
  return best;
}
