/** One handoff's route: a search in growing regions, a self-loop, or the fallback. */
import type { Point, Rect } from "../types";
import type { BoxIndex } from "./box-index";
import type { Occupied } from "./occupied";
import type { Region, RouteRequest, RouterInput } from "./router-input";
import { searchRegion } from "./search-region";
import { firstAtLeast, lastAtMost } from "./sorted-search";

/**
 * The region starts small (the two boxes, their lane bands and one column either side) and grows
 * only when no path exists in it.
 */
export function routeOne(
  input: RouterInput,
  index: BoxIndex,
  request: RouteRequest,
  occupied: Occupied,
): Point[] {
  const source = input.boxes[request.source];
  const target = input.boxes[request.target];
  if (!source || !target) throw new Error(`route ${request.id}: unknown box`);
  if (request.source === request.target) return selfLoop(source, input.margin);

  const { bounds, margin, freeYs } = input;
  const bx1 = bounds.x;
  const by1 = bounds.y;
  const bx2 = bounds.x + bounds.width;
  const by2 = bounds.y + bounds.height;
  const left = Math.min(source.x, target.x);
  const right = Math.max(source.x + source.width, target.x + target.width);
  const top = Math.min(source.y, target.y) - margin;
  const bottom = Math.max(source.y + source.height, target.y + target.height) + margin;
  const lineAbove = lastAtMost(freeYs, top) ?? by1;
  const lineBelow = firstAtLeast(freeYs, bottom) ?? by2;

  const regions: Region[] = [
    {
      x1: Math.max(bx1, left - input.reachX),
      x2: Math.min(bx2, right + input.reachX),
      y1: Math.max(by1, lineAbove),
      y2: Math.min(by2, lineBelow),
    },
    {
      x1: Math.max(bx1, left - 3 * input.reachX),
      x2: Math.min(bx2, right + 3 * input.reachX),
      y1: by1,
      y2: by2,
    },
    { x1: bx1, x2: bx2, y1: by1, y2: by2 },
  ];
  for (const region of regions) {
    const points = searchRegion(input, index, request, region, occupied);
    if (points) return points;
  }
  return fallbackRoute(source, target);
}

/** A loop off the right side and back in through the top, for a handoff from a step to itself. */
function selfLoop(b: Rect, margin: number): Point[] {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const outX = b.x + b.width + margin;
  const outY = b.y - margin;
  return [
    { x: b.x + b.width, y: cy },
    { x: outX, y: cy },
    { x: outX, y: outY },
    { x: cx, y: outY },
    { x: cx, y: b.y },
  ];
}

/**
 * Only used when the boxes leave no way through (overlapping boxes in a kept layout): a plain
 * three-leg route from the right of the source to the left of the target.
 */
function fallbackRoute(source: Rect, target: Rect): Point[] {
  const sy = source.y + source.height / 2;
  const ty = target.y + target.height / 2;
  const sx = source.x + source.width;
  const tx = target.x;
  const midX = (sx + tx) / 2;
  return [
    { x: sx, y: sy },
    { x: midX, y: sy },
    { x: midX, y: ty },
    { x: tx, y: ty },
  ];
}
