/**
 * Orthogonal routing of handoffs around fixed boxes.
 *
 * For each handoff we build a sparse grid over a search region: the lines that run one margin
 * outside every box in the region, the centre lines of the source and target (their ports), the
 * free horizontal lines the caller knows about (lane boundaries) and the middle of every wide
 * channel. A* over (grid node, heading) finds the path with the least length + bend penalty that
 * never enters a box grown by half a margin. Routes leave the source from the middle of a side and
 * enter the target in the middle of a side; right-out / left-in is preferred, so forward handoffs
 * read left to right and back edges go over or under the steps in between.
 *
 * The region starts small (the two boxes, their lane bands and one column either side) and grows
 * only when no path exists in it, so a 1,000-step map routes in well under a second.
 *
 * Invariants of every returned route: consecutive points share x or y; the first point lies on the
 * source border, the last on the target border; no segment crosses the interior of any other box
 * (unless no such path exists at all, see `routeHandoffs`).
 */
import type { HandoffRoute, Point, Rect } from "./types";

export interface RouteRequest {
  id: string;
  /** Indexes into RouterInput.boxes. */
  source: number;
  target: number;
}

export interface RouterInput {
  /** Every step box: the obstacles. */
  boxes: readonly Rect[];
  /** The area routes may use (the lane area). */
  bounds: Rect;
  /** y of lines known to cross no box (lane boundaries), ascending. */
  freeYs: readonly number[];
  margin: number;
  /** How far beyond the two boxes the first search region reaches left and right. */
  reachX: number;
}

/** Cost of one bend, in pixels of length. */
const BEND = 40;
/** Extra cost of leaving the source by side (right, bottom, left, top) ... */
const SOURCE_SIDE_COST = [0, 12, 36, 12] as const;
/** ... and of entering the target by side (right, bottom, left, top). */
const TARGET_SIDE_COST = [36, 12, 0, 12] as const;
/** Beyond this many grid nodes a region is not searched (memory), the fallback route is used. */
const MAX_GRID_NODES = 2_500_000;

// Headings, also the sides of a box a route leaves or enters through.
const RIGHT = 0;
const DOWN = 1;
const LEFT = 2;
const UP = 3;
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

interface Region {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Boxes sorted by left edge, for cheap region queries. */
class BoxIndex {
  private readonly order: number[];
  private readonly maxWidth: number;

  constructor(private readonly boxes: readonly Rect[]) {
    this.order = boxes.map((_, i) => i).sort((a, b) => (boxes[a]?.x ?? 0) - (boxes[b]?.x ?? 0) || a - b);
    this.maxWidth = boxes.reduce((w, b) => Math.max(w, b.width), 0);
  }

  /** Indexes of the boxes whose rectangle grown by `grow` meets the region. */
  query(region: Region, grow: number): number[] {
    const { order, boxes } = this;
    const minLeft = region.x1 - grow - this.maxWidth;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((boxes[order[mid] ?? 0]?.x ?? 0) < minLeft) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo; k < order.length; k++) {
      const index = order[k] ?? 0;
      const b = boxes[index];
      if (!b) continue;
      if (b.x - grow > region.x2) break;
      if (b.x + b.width + grow < region.x1) continue;
      if (b.y - grow > region.y2 || b.y + b.height + grow < region.y1) continue;
      found.push(index);
    }
    return found;
  }
}

/** Routes every request; deterministic, results in request order. */
export function routeHandoffs(input: RouterInput, requests: readonly RouteRequest[]): HandoffRoute[] {
  const index = new BoxIndex(input.boxes);
  return requests.map((request) => routeOne(input, index, request));
}

function routeOne(input: RouterInput, index: BoxIndex, request: RouteRequest): HandoffRoute {
  const source = input.boxes[request.source];
  const target = input.boxes[request.target];
  if (!source || !target) throw new Error(`route ${request.id}: unknown box`);
  if (request.source === request.target) return finish(request.id, selfLoop(source, input.margin));

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
    const points = searchRegion(input, index, request, region);
    if (points) return finish(request.id, points);
  }
  return finish(request.id, fallbackRoute(source, target));
}

function searchRegion(
  input: RouterInput,
  index: BoxIndex,
  request: RouteRequest,
  region: Region,
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

  const xIndex = (x: number) => binaryIndex(xs, x);
  const yIndex = (y: number) => binaryIndex(ys, y);

  // Ports: the middle of each side, and the grid node one margin outside it.
  interface Port {
    side: number;
    border: Point;
    node: number;
    cost: number;
  }
  const ports = (b: Rect, costs: readonly number[]): Port[] => {
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
      result.push({ side, border, node, cost: costs[side] ?? 0 });
    }
    return result;
  };
  const starts = ports(source, SOURCE_SIDE_COST);
  const ends = ports(target, TARGET_SIDE_COST);
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
      const nextCost = cost + length + (d === heading ? 0 : BEND);
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

function borderFor(b: Rect, side: number): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  if (side === RIGHT) return { x: b.x + b.width, y: cy };
  if (side === DOWN) return { x: cx, y: b.y + b.height };
  if (side === LEFT) return { x: b.x, y: cy };
  return { x: cx, y: b.y };
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

function finish(id: string, raw: Point[]): HandoffRoute {
  const points = simplify(raw);
  return { id, points, labelAnchor: labelAnchor(points) };
}

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

function binaryIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the first element strictly greater than value (length if none). */
function firstAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first element greater than or equal to value (length if none). */
function firstAtLeastIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function lastAtMost(sorted: readonly number[], value: number): number | undefined {
  const k = firstAbove(sorted, value) - 1;
  return k >= 0 ? sorted[k] : undefined;
}

function firstAtLeast(sorted: readonly number[], value: number): number | undefined {
  return sorted[firstAtLeastIndex(sorted, value)];
}

/** Binary min-heap of integer items by float priority; ties pop in a fixed (deterministic) order. */
class MinHeap {
  private items = new Int32Array(64);
  private priorities = new Float64Array(64);
  size = 0;

  push(item: number, priority: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
      const priorities = new Float64Array(this.size * 2);
      priorities.set(this.priorities);
      this.priorities = priorities;
    }
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if ((this.priorities[parent] ?? 0) <= priority) break;
      this.items[k] = this.items[parent] ?? 0;
      this.priorities[k] = this.priorities[parent] ?? 0;
      k = parent;
    }
    this.items[k] = item;
    this.priorities[k] = priority;
  }

  minPriority(): number {
    return this.priorities[0] ?? Number.POSITIVE_INFINITY;
  }

  pop(): number {
    const top = this.items[0] ?? 0;
    const last = --this.size;
    const item = this.items[last] ?? 0;
    const priority = this.priorities[last] ?? 0;
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (this.priorities[right] ?? 0) < (this.priorities[child] ?? 0)) child = right;
      if ((this.priorities[child] ?? 0) >= priority) break;
      this.items[k] = this.items[child] ?? 0;
      this.priorities[k] = this.priorities[child] ?? 0;
      k = child;
    }
    this.items[k] = item;
    this.priorities[k] = priority;
    return top;
  }
}
