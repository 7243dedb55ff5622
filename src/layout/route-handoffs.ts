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
 * Handoffs are routed one after another (request order) and each sees the earlier ones: crossing
 * an earlier route costs CROSS, running along one costs REUSE per pixel. A second decision port
 * on the same side of a pinned box (a decision diamond: lines must meet its corners) costs
 * SHARED_PIN, so a decision's branches leave by different corners.
 *
 * Then a nudging pass separates what still runs together: collinear, overlapping segments of
 * different routes (a shared channel, or several routes on one side of a box, which all start at
 * the side's middle) are spread across the channel, a few pixels apart, ordered by where each
 * route turns next so that the spreading adds no crossing. Spreading a route's first or last
 * segment moves its end along the box side: that is the port spreading. Every move is checked
 * against the boxes and dropped when it would enter one.
 *
 * Last, each route's label anchor: on its longest (preferably horizontal) segment, the point
 * nearest the segment's middle where the handoff's label block, centred there, clears every box
 * and, if possible, every label placed before it.
 *
 * The region starts small (the two boxes, their lane bands and one column either side) and grows
 * only when no path exists in it, so a 1,000-step map routes in well under a second.
 *
 * Invariants of every returned route: consecutive points share x or y; the first point lies on the
 * source border, the last on the target border; no segment crosses the interior of any other box
 * (unless no such path exists at all, see `routeHandoffs`).
 */
import { LABEL_CLEARANCE } from "./handoff-label";
import { flatPath } from "./route-path";
import type { HandoffRoute, Point, Rect } from "./types";

export interface RouteRequest {
  id: string;
  /** Indexes into RouterInput.boxes. */
  source: number;
  target: number;
  /** The label block to find room for at the label anchor (centred on it); none: any point. */
  label?: { width: number; height: number };
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
  /** Per box: routes must meet it at side middles (decision diamonds' corners). */
  pinned?: readonly boolean[];
}

/** Cost of one bend, in pixels of length. */
const BEND = 40;
/** Extra cost of leaving the source by side (right, bottom, left, top) ... */
const SOURCE_SIDE_COST = [0, 12, 36, 12] as const;
/** ... and of entering the target by side (right, bottom, left, top). */
const TARGET_SIDE_COST = [36, 12, 0, 12] as const;
/** Cost of crossing a route laid before, in pixels of length. */
const CROSS = 80;
/** Cost per pixel of running along a route laid before (the nudging pass separates what remains). */
const REUSE = 0.5;
/** Cost of a second route at the same side of a pinned box. */
const SHARED_PIN = 120;
/** Preferred distance between nudged parallel segments, px. */
const NUDGE_GAP = 8;
/** What nudged segments keep from boxes, and moved ends from a box's corners, px. */
const NUDGE_CLEARANCE = 5;
/**
 * Label blocks keep this from boxes and other labels where they can: the placer's LABEL_CLEARANCE,
 * and half a pixel for the anchor's rounding to a whole pixel, so the placer accepts the spot
 * reserved here. Where no such spot is on the route, the tight gap (the old rule) still beats a
 * spot on a box; the placer then moves the block beside the route.
 */
const LABEL_GAPS = [LABEL_CLEARANCE + 0.5, 2.5] as const;
const EPS = 1e-6;
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

/** What routes laid so far occupy: their segments, and the used sides of pinned boxes. */
interface Occupied {
  segments: SegmentIndex;
  /** box * 4 + side */
  pinnedSides: Set<number>;
}

/** Routes every request; deterministic, results in request order. */
export function routeHandoffs(input: RouterInput, requests: readonly RouteRequest[]): HandoffRoute[] {
  const index = new BoxIndex(input.boxes);
  const occupied: Occupied = { segments: new SegmentIndex(), pinnedSides: new Set() };
  const paths: Point[][] = [];
  for (const request of requests) {
    const points = simplify(routeOne(input, index, request, occupied));
    paths.push(points);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (a && b) occupied.segments.add(a, b);
    }
    for (const [box, end] of [
      [request.source, points[0]],
      [request.target, points[points.length - 1]],
    ] as const) {
      const rect = input.boxes[box];
      if (input.pinned?.[box] && rect && end) occupied.pinnedSides.add(box * 4 + sideOf(rect, end));
    }
  }
  nudge(paths, requests, input, index, true);
  nudge(paths, requests, input, index, false);
  // Whole pixels: crisp lines, and (in V8) small integers instead of a boxed double per
  // coordinate in every consumer. Equal coordinates round alike, so segments stay orthogonal and
  // ends on box borders stay there (boxes are whole pixels).
  for (let k = 0; k < paths.length; k++) paths[k] = simplify((paths[k] ?? []).map(roundPoint));
  const anchors = labelAnchors(paths, requests, input, index);
  return requests.map((request, k) => ({
    id: request.id,
    path: flatPath(paths[k] ?? []),
    labelAnchor: anchors[k] ?? { x: 0, y: 0 },
  }));
}

function routeOne(input: RouterInput, index: BoxIndex, request: RouteRequest, occupied: Occupied): Point[] {
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

function searchRegion(
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

function roundPoint(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) };
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

/** The side of `b` whose border `p` lies on (RIGHT, DOWN, LEFT or UP); the nearest when unsure. */
function sideOf(b: Rect, p: Point): number {
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

// ----- what earlier routes occupy -----------------------------------------------------------

const SEGMENT_CELL = 128;

/** Axis-parallel segments of the routes laid so far, bucketed in a uniform grid. */
class SegmentIndex {
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
function occupiedCosts(
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

// ----- nudging: spread routes that run together ---------------------------------------------

interface Member {
  route: number;
  /** Segment k runs from points[k] to points[k + 1]. */
  k: number;
  lo: number;
  hi: number;
  /** Where the route goes beyond each end, across the line: -1, +1, or 0 at a box. */
  dirLo: number;
  dirHi: number;
  /** The box an end of the segment touches (route start or end), else -1. */
  boxLo: number;
  boxHi: number;
}

/**
 * Spreads overlapping collinear segments of different routes (horizontal ones when `horizontal`,
 * else vertical ones) across their line. NOTE mutates `paths`.
 */
function nudge(
  paths: Point[][],
  requests: readonly RouteRequest[],
  input: RouterInput,
  index: BoxIndex,
  horizontal: boolean,
): void {
  const across = (p: Point) => (horizontal ? p.y : p.x);
  const along = (p: Point) => (horizontal ? p.x : p.y);
  const lines = new Map<number, Member[]>();
  paths.forEach((points, route) => {
    const last = points.length - 1;
    for (let k = 0; k < last; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (!a || !b || across(a) !== across(b) || along(a) === along(b)) continue;
      const loIndex = along(a) < along(b) ? k : k + 1;
      const hiIndex = loIndex === k ? k + 1 : k;
      const beyond = (end: number) => {
        const neighbour = points[end === k ? k - 1 : k + 2];
        return neighbour ? Math.sign(across(neighbour) - across(a)) : 0;
      };
      const boxAt = (end: number) => {
        const request = requests[route];
        if (!request) return -1;
        if (end === 0) return request.source;
        if (end === last) return request.target;
        return -1;
      };
      const member: Member = {
        route,
        k,
        lo: along(loIndex === k ? a : b),
        hi: along(loIndex === k ? b : a),
        dirLo: beyond(loIndex),
        dirHi: beyond(hiIndex),
        boxLo: boxAt(loIndex),
        boxHi: boxAt(hiIndex),
      };
      const list = lines.get(across(a));
      if (list) list.push(member);
      else lines.set(across(a), [member]);
    }
  });
  for (const [line, members] of lines) {
    if (members.length < 2) continue;
    members.sort((a, b) => a.lo - b.lo || a.hi - b.hi || a.route - b.route || a.k - b.k);
    let bundle: Member[] = [];
    let reach = Number.NEGATIVE_INFINITY;
    for (const m of members) {
      if (m.lo >= reach - EPS) {
        if (bundle.length > 1) spreadBundle(paths, bundle, line, input, index, horizontal);
        bundle = [];
        reach = Number.NEGATIVE_INFINITY;
      }
      bundle.push(m);
      reach = Math.max(reach, m.hi);
    }
    if (bundle.length > 1) spreadBundle(paths, bundle, line, input, index, horizontal);
  }
}

/**
 * Which of two overlapping segments goes to the lower side of the line (negative: `a`). At each
 * end, the segment that turns inside the other's span must lie on the side it turns to, or its
 * turn would cross the other; when the two ends disagree a crossing is unavoidable.
 */
function compareMembers(a: Member, b: Member): number {
  let low = 0;
  if (a.lo > b.lo) low = a.dirLo;
  else if (a.lo < b.lo) low = -b.dirLo;
  else low = Math.sign(a.dirLo - b.dirLo);
  let high = 0;
  if (a.hi < b.hi) high = a.dirHi;
  else if (a.hi > b.hi) high = -b.dirHi;
  else high = Math.sign(a.dirHi - b.dirHi);
  return low || high || a.route - b.route || a.k - b.k;
}

function spreadBundle(
  paths: Point[][],
  bundle: Member[],
  line: number,
  input: RouterInput,
  index: BoxIndex,
  horizontal: boolean,
): void {
  const { boxes } = input;
  bundle.sort(compareMembers);
  const n = bundle.length;
  const across = (r: Rect) =>
    horizontal ? { start: r.y, end: r.y + r.height } : { start: r.x, end: r.x + r.width };
  const alongOf = (r: Rect) =>
    horizontal ? { start: r.x, end: r.x + r.width } : { start: r.y, end: r.y + r.height };

  // Room on either side of the line: up to the nearest box the bundle passes.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const m of bundle) {
    lo = Math.min(lo, m.lo);
    hi = Math.max(hi, m.hi);
  }
  const reach = 4 * NUDGE_GAP + NUDGE_CLEARANCE;
  const region: Region = horizontal
    ? { x1: lo, x2: hi, y1: line - reach, y2: line + reach }
    : { x1: line - reach, x2: line + reach, y1: lo, y2: hi };
  let below = reach; // room towards smaller coordinates
  let above = reach;
  for (const i of index.query(region, 0)) {
    const b = boxes[i];
    if (!b) continue;
    const span = alongOf(b);
    if (span.end <= lo + EPS || span.start >= hi - EPS) continue;
    const side = across(b);
    if (side.end <= line + EPS) below = Math.min(below, line - side.end);
    else if (side.start >= line - EPS) above = Math.min(above, side.start - line);
  }
  let minOffset = -(below - NUDGE_CLEARANCE);
  let maxOffset = above - NUDGE_CLEARANCE;
  // Ends on a box side stay on that side, clear of its corners.
  let pinnedAt = -1;
  for (let i = 0; i < n; i++) {
    const m = bundle[i];
    if (!m) continue;
    for (const box of [m.boxLo, m.boxHi]) {
      const b = boxes[box];
      if (!b) continue;
      if (input.pinned?.[box]) {
        if (pinnedAt >= 0 && pinnedAt !== i) return; // two fixed ends on one line: leave it
        pinnedAt = i;
      }
      const side = across(b);
      minOffset = Math.max(minOffset, side.start + NUDGE_CLEARANCE - line);
      maxOffset = Math.min(maxOffset, side.end - NUDGE_CLEARANCE - line);
    }
  }
  if (maxOffset - minOffset < 2) return;

  for (const gap of [NUDGE_GAP, NUDGE_GAP / 2, NUDGE_GAP / 4]) {
    const offsets = bundle.map((_, i) => (i - (n - 1) / 2) * gap);
    const shift = pinnedAt >= 0 ? -(offsets[pinnedAt] ?? 0) : 0;
    let fits = true;
    for (let i = 0; i < n; i++) {
      const o = (offsets[i] ?? 0) + shift;
      offsets[i] = o;
      if (o < minOffset - EPS || o > maxOffset + EPS) fits = false;
    }
    if (!fits) continue;
    if (applyOffsets(paths, bundle, offsets, line, horizontal, boxes, index)) return;
  }
}

/** Moves each member's segment by its offset if no moved or stretched segment enters a box. */
function applyOffsets(
  paths: Point[][],
  bundle: readonly Member[],
  offsets: readonly number[],
  line: number,
  horizontal: boolean,
  boxes: readonly Rect[],
  index: BoxIndex,
): boolean {
  const moved = (p: Point, value: number): Point =>
    horizontal ? { x: p.x, y: value } : { x: value, y: p.y };
  const across = (p: Point) => (horizontal ? p.y : p.x);
  const changes: Array<{ route: number; k: number; a: Point; b: Point }> = [];
  for (let i = 0; i < bundle.length; i++) {
    const m = bundle[i];
    const points = m ? paths[m.route] : undefined;
    if (!m || !points) continue;
    const a = points[m.k];
    const b = points[m.k + 1];
    if (!a || !b) continue;
    const value = line + (offsets[i] ?? 0);
    const na = moved(a, value);
    const nb = moved(b, value);
    if (hitsBox(na, nb, boxes, index)) return false;
    // The perpendicular neighbours stretch or shrink; they must keep their direction.
    const before = points[m.k - 1];
    const after = points[m.k + 2];
    for (const [fixed, from, to] of [
      [before, a, na],
      [after, b, nb],
    ] as const) {
      if (!fixed) continue;
      const old = across(from) - across(fixed);
      const now = across(to) - across(fixed);
      if (Math.sign(old) !== Math.sign(now) || Math.abs(now) < 1) return false;
      if (hitsBox(fixed, to, boxes, index)) return false;
    }
    changes.push({ route: m.route, k: m.k, a: na, b: nb });
  }
  for (const { route, k, a, b } of changes) {
    const points = paths[route];
    if (!points) continue;
    points[k] = a;
    points[k + 1] = b;
  }
  return true;
}

/** Does the axis-parallel segment a-b meet the open interior of any box? */
function hitsBox(a: Point, b: Point, boxes: readonly Rect[], index: BoxIndex): boolean {
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  for (const i of index.query({ x1: minX, x2: maxX, y1: minY, y2: maxY }, 0)) {
    const r = boxes[i];
    if (!r) continue;
    if (minX < r.x + r.width - EPS && maxX > r.x + EPS && minY < r.y + r.height - EPS && maxY > r.y + EPS) {
      return true;
    }
  }
  return false;
}

// ----- label anchors ------------------------------------------------------------------------

const LABEL_CELL = 256;

/** Rectangles (label blocks, route segments) with an owner route, bucketed in a uniform grid. */
class RectGrid {
  private readonly cells = new Map<number, Array<{ rect: Rect; owner: number }>>();

  private visit(r: Rect, fn: (key: number) => void): void {
    const x0 = Math.floor(r.x / LABEL_CELL);
    const x1 = Math.floor((r.x + r.width) / LABEL_CELL);
    const y0 = Math.floor(r.y / LABEL_CELL);
    const y1 = Math.floor((r.y + r.height) / LABEL_CELL);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) fn(cy * 1_000_003 + cx);
  }

  add(rect: Rect, owner: number): void {
    const entry = { rect, owner };
    this.visit(rect, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(entry);
      else this.cells.set(key, [entry]);
    });
  }

  /** The rectangles meeting r's cells, except those of `except`. */
  near(r: Rect, except: number): Rect[] {
    const found = new Set<Rect>();
    this.visit(r, (key) => {
      for (const o of this.cells.get(key) ?? []) if (o.owner !== except) found.add(o.rect);
    });
    return [...found];
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
function labelAnchors(
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
