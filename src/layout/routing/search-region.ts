/**
 * A* over a sparse grid in one search region: the lines one margin outside every box, the ports'
 * centre lines, the free lines and the middle of every wide channel; state = (grid node, heading).
 */
import type { Point } from "../types";
import type { BoxIndex } from "./box-index";
import { MinHeap } from "./min-heap";
import { type Occupied, occupiedCosts } from "./occupied";
import type { Region, RouteRequest, RouterInput } from "./router-input";
import { borderFor, DOWN, DX, DY, LEFT, RIGHT, UP } from "./sides";
import { binaryIndex, firstAbove, firstAtLeastIndex } from "./sorted-search";

/** Cost of one bend, in pixels of length. */
const BEND = 40;
/** Extra cost of leaving the source by side (right, bottom, left, top) ... */
const SOURCE_SIDE_COST = [0, 12, 36, 12] as const;
/** ... and of entering the target by side (right, bottom, left, top). */
const TARGET_SIDE_COST = [36, 12, 0, 12] as const;
/** Cost of a second route at the same side of a pinned box. */
const SHARED_PIN = 120;
/** Beyond this many grid nodes a region is not searched (memory), the fallback route is used. */
const MAX_GRID_NODES = 2_500_000;

export function searchRegion(
  input: RouterInput,
  index: BoxIndex,
  request: RouteRequest,
  region: Region,
  occupied: Occupied,
): Point[] | undefined {
  const { boxes, margin, freeYs } = input;
  const source = boxes[request.source];
  const target = boxes[request.target];
  if (!source || !target) return undefined;
  const half = margin / 2;
  const obstacles = index.query(region, margin);

  // Grid lines.
  const xSet = new Set<number>([region.x1, region.x2]);
  const ySet = new Set<number>([region.y1, region.y2]);
  const addX = (x: number) => {
    if (x >= region.x1 && x <= region.x2) xSet.add(x);
  };
  const addY = (y: number) => {
    if (y >= region.y1 && y <= region.y2) ySet.add(y);
  };
  for (const i of obstacles) {
    const b = boxes[i];
    if (!b) continue;
    addX(b.x - margin);
    addX(b.x + b.width + margin);
    addY(b.y - margin);
    addY(b.y + b.height + margin);
  }
  for (const b of [source, target]) {
    addX(b.x + b.width / 2);
    addY(b.y + b.height / 2);
  }
  for (const y of freeYs) addY(y);
  const xs = withChannelMiddles(
    [...xSet].sort((a, b) => a - b),
    3 * margin,
  );
  const ys = withChannelMiddles(
    [...ySet].sort((a, b) => a - b),
    3 * margin,
  );
  const nx = xs.length;
  const ny = ys.length;
  const nodes = nx * ny;
  if (nodes > MAX_GRID_NODES) return undefined;

  // Blocked nodes and unit segments: anything meeting the open interior of a box grown by half a
  // margin. Every box in the region contributes its own margin lines, so a unit segment is either
  // clear of a box or recorded here.
  const nodeBlocked = new Uint8Array(nodes);
  const hBlocked = new Uint8Array(nodes); // segment (i, j) -> (i + 1, j)
  const vBlocked = new Uint8Array(nodes); // segment (i, j) -> (i, j + 1)
  for (const k of obstacles) {
    const b = boxes[k];
    if (!b) continue;
    const ax = b.x - half;
    const bx = b.x + b.width + half;
    const ay = b.y - half;
    const by = b.y + b.height + half;
    const i0 = firstAbove(xs, ax);
    const i1 = firstAtLeastIndex(xs, bx) - 1;
    const j0 = firstAbove(ys, ay);
    const j1 = firstAtLeastIndex(ys, by) - 1;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) nodeBlocked[j * nx + i] = 1;
      for (let i = Math.max(0, i0 - 1); i <= Math.min(nx - 2, i1); i++) hBlocked[j * nx + i] = 1;
    }
    for (let i = i0; i <= i1; i++) {
      for (let j = Math.max(0, j0 - 1); j <= Math.min(ny - 2, j1); j++) vBlocked[j * nx + i] = 1;
    }
  }

  const { hCost, vCost } = occupiedCosts(occupied.segments, region, xs, ys);

  const xIndex = (x: number) => binaryIndex(xs, x);
  const yIndex = (y: number) => binaryIndex(ys, y);

  // Ports: the middle of each side, and the grid node one margin outside it.
  interface Port {
    side: number;
    border: Point;
    node: number;
    cost: number;
  }
  const ports = (box: number, costs: readonly number[]): Port[] => {
    const b = boxes[box];
    if (!b) return [];
    const pinned = input.pinned?.[box] === true;
    const cx = b.x + b.width / 2;
    const cy = b.y + b.height / 2;
    const candidates: Array<[number, Point, Point]> = [
      [RIGHT, { x: b.x + b.width, y: cy }, { x: b.x + b.width + margin, y: cy }],
      [DOWN, { x: cx, y: b.y + b.height }, { x: cx, y: b.y + b.height + margin }],
      [LEFT, { x: b.x, y: cy }, { x: b.x - margin, y: cy }],
      [UP, { x: cx, y: b.y }, { x: cx, y: b.y - margin }],
    ];
    const result: Port[] = [];
    for (const [side, border, stub] of candidates) {
      const i = xIndex(stub.x);
      const j = yIndex(stub.y);
      if (i < 0 || j < 0) continue;
      const node = j * nx + i;
      if (nodeBlocked[node]) continue;
      const shared = pinned && occupied.pinnedSides.has(box * 4 + side) ? SHARED_PIN : 0;
      result.push({ side, border, node, cost: (costs[side] ?? 0) + shared });
    }
    return result;
  };
  const starts = ports(request.source, SOURCE_SIDE_COST);
  const ends = ports(request.target, TARGET_SIDE_COST);
  if (starts.length === 0 || ends.length === 0) return undefined;

  const endAt = new Map<number, Port>();
  for (const end of ends) endAt.set(end.node, end);
  const goalXs = ends.map((e) => xs[e.node % nx] ?? 0);
  const goalYs = ends.map((e) => ys[Math.floor(e.node / nx)] ?? 0);
  const heuristic = (node: number): number => {
    const x = xs[node % nx] ?? 0;
    const y = ys[Math.floor(node / nx)] ?? 0;
    let best = Number.POSITIVE_INFINITY;
    for (let e = 0; e < goalXs.length; e++) {
      best = Math.min(best, Math.abs(x - (goalXs[e] ?? 0)) + Math.abs(y - (goalYs[e] ?? 0)));
    }
    return best;
  };

  const states = nodes * 4;
  const g = new Float64Array(states).fill(Number.POSITIVE_INFINITY);
  const previous = new Int32Array(states).fill(-1);
  const heap = new MinHeap();
  for (const start of starts) {
    const state = start.node * 4 + start.side;
    if (start.cost < (g[state] ?? 0)) {
      g[state] = start.cost;
      heap.push(state, start.cost + heuristic(start.node));
    }
  }

  let bestCost = Number.POSITIVE_INFINITY;
  let bestState = -1;
  let bestEnd: Port | undefined;
  while (heap.size > 0) {
    const f = heap.minPriority();
    if (f >= bestCost) break;
    const state = heap.pop();
    const node = state >> 2;
    const heading = state & 3;
    const cost = g[state] ?? 0;
    const end = endAt.get(node);
    if (end) {
      // The last leg enters the target against the side's outward direction.
      const inward = (end.side + 2) & 3;
      const total = cost + end.cost + (heading === inward ? 0 : BEND);
      if (total < bestCost) {
        bestCost = total;
        bestState = state;
        bestEnd = end;
      }
    }
    const i = node % nx;
    const j = (node - i) / nx;
    for (let d = 0; d < 4; d++) {
      if (d === ((heading + 2) & 3)) continue; // no U-turns
      const ni = i + (DX[d] ?? 0);
      const nj = j + (DY[d] ?? 0);
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      const next = nj * nx + ni;
      if (nodeBlocked[next]) continue;
      if (d === RIGHT && hBlocked[node]) continue;
      if (d === LEFT && hBlocked[next]) continue;
      if (d === DOWN && vBlocked[node]) continue;
      if (d === UP && vBlocked[next]) continue;
      const length = Math.abs((xs[ni] ?? 0) - (xs[i] ?? 0)) + Math.abs((ys[nj] ?? 0) - (ys[j] ?? 0));
      const penalty =
        d === RIGHT ? hCost[node] : d === LEFT ? hCost[next] : d === DOWN ? vCost[node] : vCost[next];
      const nextCost = cost + length + (d === heading ? 0 : BEND) + (penalty ?? 0);
      const nextState = next * 4 + d;
      if (nextCost < (g[nextState] ?? 0)) {
        g[nextState] = nextCost;
        previous[nextState] = state;
        heap.push(nextState, nextCost + heuristic(next));
      }
    }
  }
  if (bestState < 0 || !bestEnd) return undefined;

  const path: Point[] = [bestEnd.border];
  let state = bestState;
  let first = state;
  while (state >= 0) {
    const node = state >> 2;
    path.push({ x: xs[node % nx] ?? 0, y: ys[Math.floor(node / nx)] ?? 0 });
    first = state;
    state = previous[state] ?? -1;
  }
  // The first state is a start port: its heading is the side it leaves through.
  path.push(borderFor(source, first & 3));
  path.reverse();
  return path;
}

/** Adds the middle of every gap wider than `minGap`, so routes run down the centre of channels. */
function withChannelMiddles(sorted: number[], minGap: number): number[] {
  const result: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const value = sorted[k] ?? 0;
    result.push(value);
    const next = sorted[k + 1];
    if (next !== undefined && next - value >= minGap) result.push((value + next) / 2);
  }
  return result;
}
