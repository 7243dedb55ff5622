/**
 * The nudging pass: collinear, overlapping segments of different routes are spread across their
 * line, a few pixels apart, ordered by where each route turns next so that spreading adds no
 * crossing. Every move is checked against the boxes and dropped when it would enter one.
 */
import type { Point, Rect } from "../types";
import type { BoxIndex } from "./box-index";
import { EPS, type Region, type RouteRequest, type RouterInput } from "./router-input";

/** Preferred distance between nudged parallel segments, px. */
const NUDGE_GAP = 8;
/** What nudged segments keep from boxes, and moved ends from a box's corners, px. */
const NUDGE_CLEARANCE = 5;

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
export function nudge(
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
