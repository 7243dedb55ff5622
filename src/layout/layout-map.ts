/**
 * Lane-aware layout of a Handoff map: map -> MapLayout (lane bands, phase columns, step boxes,
 * handoff routes). Pure apart from the ELK instance passed in; deterministic (no clock, no
 * randomness, every sort has a tie-break), so Node and the browser produce the same numbers.
 *
 * Auto mode
 *   1. ELK `layered` (direction RIGHT) runs once on the flat graph, children ordered by lane and
 *      file order, cycles already broken by us (forwardEdges). We read only its layering: which
 *      column-rank each step gets. Crossing minimisation is off (lanes fix the vertical order),
 *      so inside a rank steps keep model order: lane, then file order.
 *   2. Our own column assignment instead of `elk.partitioning`: each phase takes, in order, the
 *      distinct ELK ranks of its steps. This keeps phases as left-to-right columns at no extra
 *      cost (ELK's partitioning was measured 1.5x to 60x slower, see docs/performance-layout.md).
 *      Steps without a phase that have a position stay in the phase whose column holds them (in
 *      the keep layout); the others join the phase of their predecessors (else successors, else
 *      the first).
 *   3. Banding: in every (lane, column) cell the steps stack top to bottom; each lane band is as tall
 *      as its tallest cell, each column as wide as its widest box.
 *   4. Routing: our orthogonal A* router (route-handoffs.ts) around the fixed boxes.
 *
 * Keep mode (default when any step has a position): placed steps stay exactly where the file puts
 * them, unplaced ones go right of their placed predecessors in their lane and phase, below
 * anything in the way. Keep mode never calls ELK (`layoutForPositions` is synchronous and takes
 * about a millisecond for the template), so the canvas can call it after every committed edit.
 */
import type { ELK, ElkNode } from "elkjs/lib/elk-api";
import { edgeCaseNumbers } from "../model/edge-case-numbers";
import type { HandoffMap, Step } from "../model/types";
import { edgeCaseFlagText, measureHandoffLabel } from "./handoff-label";
import { placeLabelBlocks } from "./label-placement";
import {
  type LayoutMetrics,
  laneNameHeight,
  measureStep,
  phaseNameHeight,
  resolveMetrics,
  type StepSize,
} from "./metrics";
import { type RouteRequest, routeHandoffs } from "./route-handoffs";
import type { HandoffRoute, LaneBand, LayoutMode, MapLayout, PhaseColumn, StepBox } from "./types";

/** The part of an ELK instance the layout needs; any elkjs build (bundled or worker) fits. */
export type ElkLayouter = Pick<ELK, "layout">;

export interface LayoutOptions {
  /** Default: "keep" when any step has a position, else "auto". */
  mode?: LayoutMode;
  /** Sizing knobs; anything left out comes from DEFAULT_METRICS. */
  metrics?: Partial<LayoutMetrics>;
  /**
   * Keep mode only: the phase columns to draw, instead of columns derived from the steps. Each is
   * a phase's left edge and width in file x (as step positions are: from the lane area's left,
   * before any shift into the frame). The editor's lane focus passes the whole map's columns, so
   * a view of some lanes shows every phase where the whole map does, and a step dropped there
   * lands in the same phase. A phase not listed starts where the one before it ends.
   */
  phaseColumns?: readonly PhaseSpan[];
}

/** A phase column in file x; see LayoutOptions.phaseColumns. */
export interface PhaseSpan {
  id: string;
  x: number;
  width: number;
}

/** Options of the single ELK pass; only its layering is used, so the cheap strategies are fine. */
export const ELK_LAYOUT_OPTIONS: Readonly<Record<string, string>> = Object.freeze({
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "POLYLINE",
  "elk.separateConnectedComponents": "false",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  // Lanes decide the vertical order, not ELK: its crossing minimisation was 60-85% of the time
  // and its result would be overridden by the banding. Inside a lane cell, steps keep file order.
  "elk.layered.crossingMinimization.strategy": "NONE",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.spacing.nodeNode": "10",
  "elk.layered.spacing.nodeNodeBetweenLayers": "10",
});

/** Same size for every ELK node: ranks then map to distinct x values exactly. */
const ELK_NODE_SIZE = 20;

/**
 * Lays out a map. Resolves with the layout; rejects only if ELK itself fails.
 *
 * @example
 * const layout = await layoutMap(createNodeElk(), map, { mode: "auto" });
 */
export async function layoutMap(
  elk: ElkLayouter,
  map: HandoffMap,
  options: LayoutOptions = {},
): Promise<MapLayout> {
  const mode = options.mode ?? defaultMode(map);
  const metrics = resolveMetrics(options.metrics);
  // Given phase columns are a keep layout's whatever the steps hold (a lane focus on empty lanes).
  if (
    mode === "keep" &&
    (options.phaseColumns !== undefined || map.steps.some((s) => s.position !== undefined))
  ) {
    return layoutForPositions(map, options);
  }
  const steps = withPhasesByColumn(map, measureSteps(map, metrics), metrics);
  const labels = handoffLabelSizes(map);
  const ranks = await elkRanks(elk, map, steps);
  const placed = placeAuto(map, steps, ranks, labels, metrics);
  return assemble(map, placed.steps, placed.phases, labels, metrics, placed.widestGap);
}

export function defaultMode(map: HandoffMap): LayoutMode {
  return map.steps.some((s) => s.position !== undefined) ? "keep" : "auto";
}

/**
 * The layout for the positions the map already has (keep mode), synchronously and without ELK.
 * Steps without a position are placed next to their placed predecessors. Cheap enough to call on
 * every committed edit.
 */
export function layoutForPositions(
  map: HandoffMap,
  options: Pick<LayoutOptions, "metrics" | "phaseColumns"> & {
    /** false: boxes and bands only, no handoff routes (`unrouted`); default true. */
    routes?: boolean;
  } = {},
): MapLayout {
  const metrics = resolveMetrics(options.metrics);
  const steps = measureSteps(map, metrics);
  const placed = placeKeep(map, steps, metrics, options.phaseColumns);
  const labels = handoffLabelSizes(map);
  const routes = options.routes ?? true;
  return assemble(map, placed.steps, placed.phases, labels, metrics, metrics.columnGap, routes, placed.shift);
}

/**
 * What a map whose steps are all placed can be drawn with at once: its lane bands and step boxes,
 * without routing the handoffs (the router is the costly part, in time and in code); null when a
 * step still needs placing, which only the full layout should decide. For drawing a saved map the
 * moment it opens, while the full layout (routes included) comes from the worker.
 */
export function firstPaintLayout(
  map: HandoffMap,
  options: Pick<LayoutOptions, "phaseColumns"> = {},
): MapLayout | null {
  return map.steps.every((step) => step.position !== undefined)
    ? layoutForPositions(map, { ...options, routes: false })
    : null;
}

// ---------------------------------------------------------------------------------------------

interface MeasuredStep {
  step: Step;
  /** Index in map.steps: the model order and every tie-break. */
  order: number;
  lane: number;
  /** Index in map.phases, -1 for none (or an unknown phase id). */
  phase: number;
  size: StepSize;
}

interface PlacedStep extends MeasuredStep {
  /** Relative to the lane area's left edge. */
  x: number;
  /** Relative to the top of the lane band. */
  y: number;
}

interface Span {
  x: number;
  width: number;
}

/** Steps whose lane does not exist are left out (a parsed map never has them). */
function measureSteps(map: HandoffMap, metrics: LayoutMetrics): MeasuredStep[] {
  const laneIndex = new Map(map.lanes.map((lane, i) => [lane.id, i]));
  const phaseIndex = new Map(map.phases.map((phase, i) => [phase.id, i]));
  const result: MeasuredStep[] = [];
  const sizes = new Map<string, StepSize>();
  map.steps.forEach((step, order) => {
    const lane = laneIndex.get(step.lane);
    if (lane === undefined) return;
    // Many steps share a label and systems (generated maps, copies): measure each kind once.
    const key = `${step.kind}\u0000${step.label}\u0000${step.systems.join("\u0001")}`;
    let size = sizes.get(key);
    if (!size) {
      size = measureStep(step.label, metrics, { kind: step.kind, systems: step.systems });
      sizes.set(key, size);
    }
    const phase = step.phase === undefined ? -1 : (phaseIndex.get(step.phase) ?? -1);
    result.push({ step, order, lane, phase, size });
  });
  return result;
}

/**
 * Auto mode: a step without a phase that has a position stays in the phase whose column holds it
 * now (its box middle in the keep layout, where the user sees it), rather than the phase its
 * neighbours suggest: the layout tidies the map, it does not move a step to another phase. The
 * store then writes that phase down (phase-membership.ts unphasedByColumn).
 */
function withPhasesByColumn(map: HandoffMap, steps: MeasuredStep[], metrics: LayoutMetrics): MeasuredStep[] {
  if (map.phases.length === 0 || !steps.some((s) => s.phase < 0 && s.step.position !== undefined))
    return steps;
  const keep = placeKeep(map, steps, metrics);
  const middle = new Map(keep.steps.map((p) => [p.step.id, p.x + p.size.width / 2]));
  return steps.map((s) => {
    const x = middle.get(s.step.id);
    if (s.phase >= 0 || s.step.position === undefined || x === undefined) return s;
    // The last column whose left edge is at or left of x; left of the first, the first (phaseAt).
    let phase = 0;
    keep.phases.forEach((span, i) => {
      if (span.x <= x) phase = i;
    });
    return { ...s, phase };
  });
}

interface Rank {
  rank: number;
  /** Position inside the rank (ELK's crossing-minimised order). */
  within: number;
}

async function elkRanks(
  elk: ElkLayouter,
  map: HandoffMap,
  steps: MeasuredStep[],
): Promise<Map<string, Rank>> {
  const edges = forwardEdges(map, steps);
  // Steps without any handoff need no ranking: they take the first rank, after the connected
  // steps of their cell, in file order. Handing them to ELK costs it quadratic time in one wide
  // layer (1,500 unconnected steps: 6 s and 800 MB; 3,000: 45 s and 3 GB).
  const connected = new Set(edges.flat());
  // Model order: lane by lane, file order inside a lane.
  const ordered = steps
    .filter((s) => connected.has(s.step.id))
    .sort((a, b) => a.lane - b.lane || a.order - b.order);
  const ranks = new Map<string, Rank>();
  if (ordered.length > ELK_MAX_CONNECTED_STEPS) {
    const ids = ordered.map((s) => s.step.id);
    const rankOf = iterativeRanks(ids, edges);
    ids.forEach((id, i) => {
      ranks.set(id, { rank: rankOf.get(id) ?? 0, within: i });
    });
  } else if (ordered.length > 0) {
    const graph: ElkNode = {
      id: "root",
      layoutOptions: { ...ELK_LAYOUT_OPTIONS },
      children: ordered.map((s) => ({ id: s.step.id, width: ELK_NODE_SIZE, height: ELK_NODE_SIZE })),
      edges: edges.map(([from, to], i) => ({ id: `e${i}`, sources: [from], targets: [to] })),
    };
    const result = await elk.layout(graph);
    const xs = new Map<string, { x: number; y: number }>();
    for (const child of result.children ?? []) xs.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
    const distinct = [...new Set([...xs.values()].map((p) => p.x))].sort((a, b) => a - b);
    const rankOfX = new Map(distinct.map((x, i) => [x, i]));
    for (const [id, p] of xs) ranks.set(id, { rank: rankOfX.get(p.x) ?? 0, within: p.y });
  }
  for (const s of steps)
    if (!connected.has(s.step.id))
      ranks.set(s.step.id, { rank: 0, within: Number.MAX_SAFE_INTEGER / 2 + s.order });
  return ranks;
}

/**
 * Above this many connected steps ELK is not asked for the layering: its layerers walk the graph
 * with recursive depth-first searches (network simplex's component search, longest path, Coffman-
 * Graham), one stack frame per step along a path, and a 10,000-step chain overflowed the stack
 * ("Maximum call stack size exceeded"; 5,000 still worked). Such maps get iterativeRanks instead.
 */
export const ELK_MAX_CONNECTED_STEPS = 4_000;

/**
 * A layering without recursion, for maps too big for ELK's: longest path from the steps nobody
 * hands to (Kahn's topological order), then, in reverse order, every step pulled right to just
 * before its earliest successor, so a side branch's start does not sit at rank 0 with one long
 * edge to the flow it joins. That second pass is what network simplex mostly buys on these flows.
 * `edges` must be acyclic (forwardEdges); ranks are 0-based, gaps allowed (columns take the
 * distinct ranks).
 */
export function iterativeRanks(
  ids: readonly string[],
  edges: ReadonlyArray<[string, string]>,
): Map<string, number> {
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const successors: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  for (const [from, to] of edges) {
    const a = index.get(from);
    const b = index.get(to);
    if (a === undefined || b === undefined || a === b) continue;
    successors[a]?.push(b);
    indegree[b] = (indegree[b] ?? 0) + 1;
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const b of successors[order[k] ?? 0] ?? []) {
      indegree[b] = (indegree[b] ?? 0) - 1;
      if (indegree[b] === 0) order.push(b);
    }
  }
  // A cycle (forwardEdges never leaves one) would leave steps out: they go last, in model order.
  if (order.length < n) for (let i = 0; i < n; i++) if ((indegree[i] ?? 0) > 0) order.push(i);
  const rank = new Int32Array(n);
  for (const a of order)
    for (const b of successors[a] ?? []) rank[b] = Math.max(rank[b] ?? 0, (rank[a] ?? 0) + 1);
  for (let k = order.length - 1; k >= 0; k--) {
    const a = order[k] ?? 0;
    const next = successors[a] ?? [];
    if (next.length === 0) continue;
    let earliest = Number.POSITIVE_INFINITY;
    for (const b of next) earliest = Math.min(earliest, rank[b] ?? 0);
    if (earliest - 1 > (rank[a] ?? 0)) rank[a] = earliest - 1;
  }
  return new Map(ids.map((id, i) => [id, rank[i] ?? 0]));
}

/**
 * The handoffs as a DAG for ELK: a depth-first search in the author's order (start steps first,
 * then steps nobody hands to, then the rest; handoffs in file order) reverses the edges that close
 * a cycle. So "Deal desk -> back to Mutual close plan" stays a back edge, whatever ELK's own
 * greedy cycle breaker would pick. Iterative, so 2,000-step chains do not overflow the stack.
 */
function forwardEdges(map: HandoffMap, steps: MeasuredStep[]): Array<[string, string]> {
  const known = new Set(steps.map((s) => s.step.id));
  const outgoing = new Map<string, string[]>();
  const hasIncoming = new Set<string>();
  for (const h of map.handoffs) {
    if (h.from === h.to || !known.has(h.from) || !known.has(h.to)) continue;
    const list = outgoing.get(h.from);
    if (list) list.push(h.to);
    else outgoing.set(h.from, [h.to]);
    hasIncoming.add(h.to);
  }
  const roots = [
    ...steps.filter((s) => s.step.kind === "start"),
    ...steps.filter((s) => s.step.kind !== "start" && !hasIncoming.has(s.step.id)),
    ...steps,
  ];
  // 0 unvisited, 1 on the DFS stack, 2 done.
  const state = new Map<string, number>();
  const edges: Array<[string, string]> = [];
  for (const root of roots) {
    if (state.has(root.step.id)) continue;
    state.set(root.step.id, 1);
    const stack: Array<{ id: string; next: number }> = [{ id: root.step.id, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (!frame) break;
      const targets = outgoing.get(frame.id) ?? [];
      const to = targets[frame.next++];
      if (to === undefined) {
        state.set(frame.id, 2);
        stack.pop();
        continue;
      }
      const seen = state.get(to);
      if (seen === 1) edges.push([to, frame.id]);
      else edges.push([frame.id, to]);
      if (seen === undefined) {
        state.set(to, 1);
        stack.push({ id: to, next: 0 });
      }
    }
  }
  return edges;
}

/**
 * The phase each step is drawn in: its own, else inferred from neighbours (predecessors first, in
 * rank order, then successors), else the first phase. -1 when the map has no phases.
 */
function effectivePhases(
  map: HandoffMap,
  steps: MeasuredStep[],
  ranks: Map<string, Rank>,
): Map<string, number> {
  const phaseOf = new Map<string, number>();
  if (map.phases.length === 0) {
    for (const s of steps) phaseOf.set(s.step.id, -1);
    return phaseOf;
  }
  for (const s of steps) if (s.phase >= 0) phaseOf.set(s.step.id, s.phase);
  const rank = (id: string) => ranks.get(id)?.rank ?? 0;
  const unphased = steps.filter((s) => s.phase < 0);
  if (unphased.length > 0) {
    const incoming = new Map<string, string[]>();
    const outgoing = new Map<string, string[]>();
    for (const h of map.handoffs) {
      incoming.set(h.to, [...(incoming.get(h.to) ?? []), h.from]);
      outgoing.set(h.from, [...(outgoing.get(h.from) ?? []), h.to]);
    }
    const byRank = [...unphased].sort((a, b) => rank(a.step.id) - rank(b.step.id) || a.order - b.order);
    for (const s of byRank) {
      const from = (incoming.get(s.step.id) ?? []).filter((p) => rank(p) < rank(s.step.id));
      const phases = from.map((p) => phaseOf.get(p)).filter((p): p is number => p !== undefined);
      if (phases.length > 0) phaseOf.set(s.step.id, Math.max(...phases));
    }
    for (const s of [...byRank].reverse()) {
      if (phaseOf.has(s.step.id)) continue;
      const to = (outgoing.get(s.step.id) ?? []).filter((n) => rank(n) > rank(s.step.id));
      const phases = to.map((n) => phaseOf.get(n)).filter((p): p is number => p !== undefined);
      phaseOf.set(s.step.id, phases.length > 0 ? Math.min(...phases) : 0);
    }
  }
  return phaseOf;
}

function placeAuto(
  map: HandoffMap,
  steps: MeasuredStep[],
  ranks: Map<string, Rank>,
  labels: ReadonlyMap<string, LabelSize>,
  metrics: LayoutMetrics,
): { steps: PlacedStep[]; phases: Span[]; widestGap: number } {
  const phaseOf = effectivePhases(map, steps, ranks);
  const groupCount = Math.max(1, map.phases.length);
  const group = (s: MeasuredStep) => Math.max(0, phaseOf.get(s.step.id) ?? 0);
  const rank = (s: MeasuredStep) => ranks.get(s.step.id)?.rank ?? 0;

  // Columns: per phase, the distinct ranks of its steps, left to right.
  const ranksInGroup: number[][] = Array.from({ length: groupCount }, () => []);
  for (const s of steps) ranksInGroup[group(s)]?.push(rank(s));
  const columnOf = new Map<string, number>();
  const groupFirstColumn: number[] = [];
  let columnCount = 0;
  const localColumn: Array<Map<number, number>> = [];
  for (let g = 0; g < groupCount; g++) {
    const distinct = [...new Set(ranksInGroup[g])].sort((a, b) => a - b);
    groupFirstColumn.push(columnCount);
    localColumn.push(new Map(distinct.map((r, i) => [r, i])));
    columnCount += distinct.length;
  }
  for (const s of steps) {
    const g = group(s);
    columnOf.set(s.step.id, (groupFirstColumn[g] ?? 0) + (localColumn[g]?.get(rank(s)) ?? 0));
  }

  // Cells: (lane, column) -> steps, in ELK's order inside the rank.
  const cells = new Map<number, MeasuredStep[]>();
  const cellKey = (lane: number, column: number) => lane * columnCount + column;
  for (const s of steps) {
    const key = cellKey(s.lane, columnOf.get(s.step.id) ?? 0);
    const cell = cells.get(key);
    if (cell) cell.push(s);
    else cells.set(key, [s]);
  }
  const within = (s: MeasuredStep) => ranks.get(s.step.id)?.within ?? 0;
  const stackHeight = (cell: MeasuredStep[]) =>
    cell.reduce((h, s) => h + s.size.height, 0) + (cell.length - 1) * metrics.rowGap;
  const laneHeight = laneMinHeights(map, metrics);
  const columnWidth = new Array<number>(columnCount).fill(0);
  for (const [key, cell] of cells) {
    cell.sort((a, b) => within(a) - within(b) || a.order - b.order);
    const lane = Math.floor(key / columnCount);
    laneHeight[lane] = Math.max(laneHeight[lane] ?? 0, stackHeight(cell) + 2 * metrics.lanePadding);
    const column = key % columnCount;
    for (const s of cell) columnWidth[column] = Math.max(columnWidth[column] ?? 0, s.size.width);
  }

  const gapAfter = labelGaps(map, steps, columnOf, columnCount, labels, metrics);

  // Column and phase x, relative to the lane area.
  const columnX = new Array<number>(columnCount).fill(0);
  const phases: Span[] = [];
  let widestGap = metrics.columnGap;
  let x = 0;
  for (let g = 0; g < groupCount; g++) {
    const first = groupFirstColumn[g] ?? 0;
    const last = g + 1 < groupCount ? (groupFirstColumn[g + 1] ?? columnCount) : columnCount;
    let inner = 0;
    for (let c = first; c < last; c++) {
      if (c > first) {
        const gap = Math.max(metrics.columnGap, gapAfter[c - 1] ?? 0);
        widestGap = Math.max(widestGap, gap);
        inner += gap;
      }
      columnX[c] = inner;
      inner += columnWidth[c] ?? 0;
    }
    // Centre the columns in a phase wider than they need; a label between this phase's first
    // column and the previous phase's last one may push them right (a wider left padding).
    const prevRight =
      first > 0 && first < last ? (columnX[first - 1] ?? 0) + (columnWidth[first - 1] ?? 0) : null;
    const need = first > 0 ? (gapAfter[first - 1] ?? 0) : 0;
    let leftPad = metrics.phasePadding;
    let width = 0;
    let offset = 0;
    for (let round = 0; round < 8; round++) {
      width = Math.max(
        map.phases.length > 0 ? metrics.minPhaseWidth : 0,
        inner + leftPad + metrics.phasePadding,
      );
      offset = x + leftPad + Math.floor((width - inner - leftPad - metrics.phasePadding) / 2);
      const deficit = prevRight === null ? 0 : Math.ceil(need - (offset - prevRight));
      if (deficit <= 0) break;
      leftPad += deficit;
    }
    if (leftPad > metrics.phasePadding) widestGap = Math.max(widestGap, need);
    for (let c = first; c < last; c++) columnX[c] = (columnX[c] ?? 0) + offset;
    phases.push({ x, width });
    x += width;
  }

  const placed: PlacedStep[] = [];
  for (const [key, cell] of cells) {
    const lane = Math.floor(key / columnCount);
    const column = key % columnCount;
    let y = Math.floor(((laneHeight[lane] ?? 0) - stackHeight(cell)) / 2);
    for (const s of cell) {
      const cx = (columnX[column] ?? 0) + Math.floor(((columnWidth[column] ?? 0) - s.size.width) / 2);
      placed.push({ ...s, x: cx, y });
      y += s.size.height + metrics.rowGap;
    }
  }
  placed.sort((a, b) => a.order - b.order);
  return { steps: placed, phases: map.phases.length > 0 ? phases : [], widestGap };
}

/**
 * Per column c, the clear width a labelled handoff needs between columns c and c + 1: a handoff
 * inside one lane between neighbouring columns runs straight across that gap, and its label
 * block (as reserved at the anchor) should sit on that line, not beside it on other routes. The
 * block's width plus a route margin either side (the arrowhead and the line's first leg stay
 * visible). 0 where nothing needs more than the normal gap.
 */
function labelGaps(
  map: HandoffMap,
  steps: MeasuredStep[],
  columnOf: ReadonlyMap<string, number>,
  columnCount: number,
  labels: ReadonlyMap<string, LabelSize>,
  metrics: LayoutMetrics,
): number[] {
  const gaps = new Array<number>(Math.max(0, columnCount - 1)).fill(0);
  if (labels.size === 0) return gaps;
  const laneOf = new Map(steps.map((s) => [s.step.id, s.lane]));
  for (const h of map.handoffs) {
    const label = labels.get(h.id);
    const a = columnOf.get(h.from);
    const b = columnOf.get(h.to);
    if (!label || a === undefined || b === undefined || Math.abs(a - b) !== 1) continue;
    if (laneOf.get(h.from) !== laneOf.get(h.to)) continue;
    const c = Math.min(a, b);
    gaps[c] = Math.max(gaps[c] ?? 0, Math.ceil(label.width + 2 * metrics.routeMargin));
  }
  return gaps;
}

function placeKeep(
  map: HandoffMap,
  steps: MeasuredStep[],
  metrics: LayoutMetrics,
  fixedColumns?: readonly PhaseSpan[],
): { steps: PlacedStep[]; phases: Span[]; shift: FrameShift } {
  const pad = metrics.phasePadding;
  const placed = new Map<string, PlacedStep>();
  // To the nearest whole pixel: the file format allows fractions (hand-written or imported files),
  // and every coordinate of a layout is whole (routes end on box borders only if boxes are).
  for (const s of steps) {
    const position = s.step.position;
    if (position) placed.set(s.step.id, { ...s, x: Math.round(position.x), y: Math.round(position.y) });
  }

  // Where each phase's placed steps are, to keep new steps between their neighbours' phases.
  const phaseCount = map.phases.length;
  const minLeft = new Array<number>(phaseCount).fill(Number.POSITIVE_INFINITY);
  const maxRight = new Array<number>(phaseCount).fill(Number.NEGATIVE_INFINITY);
  const extend = (s: PlacedStep) => {
    if (s.phase < 0) return;
    minLeft[s.phase] = Math.min(minLeft[s.phase] ?? 0, s.x);
    maxRight[s.phase] = Math.max(maxRight[s.phase] ?? 0, s.x + s.size.width);
  };
  for (const s of placed.values()) extend(s);

  const incoming = new Map<string, string[]>();
  for (const h of map.handoffs) incoming.set(h.to, [...(incoming.get(h.to) ?? []), h.from]);
  const byLane = new Map<number, PlacedStep[]>();
  for (const s of placed.values()) byLane.set(s.lane, [...(byLane.get(s.lane) ?? []), s]);

  const gapX = 2 * metrics.routeMargin;
  // Earlier phases first, so a later phase's new steps go right of them; unphased steps last.
  const unplaced = steps
    .filter((s) => !placed.has(s.step.id))
    .sort(
      (a, b) =>
        (a.phase < 0 ? phaseCount : a.phase) - (b.phase < 0 ? phaseCount : b.phase) || a.order - b.order,
    );
  for (const s of unplaced) {
    const { width, height } = s.size;
    let x = pad;
    for (const from of incoming.get(s.step.id) ?? []) {
      const p = placed.get(from);
      if (p) x = Math.max(x, p.x + p.size.width + metrics.columnGap);
    }
    if (s.phase >= 0) {
      let lo = pad;
      for (let q = 0; q < s.phase; q++) {
        const right = maxRight[q] ?? Number.NEGATIVE_INFINITY;
        if (Number.isFinite(right)) lo = Math.max(lo, right + 2 * pad);
      }
      let hi = Number.POSITIVE_INFINITY;
      for (let q = s.phase + 1; q < phaseCount; q++) hi = Math.min(hi, (minLeft[q] ?? 0) - 2 * pad);
      // Beside the predecessor if that fits the phase, else at the phase's left edge: hugging the
      // right edge would leave no room for new steps of the phases in between.
      if (x < lo || x > hi - width) x = lo;
    }
    // First free spot from the top of the lane at that x.
    const others = byLane.get(s.lane) ?? [];
    let y = metrics.lanePadding;
    for (let moved = true; moved; ) {
      moved = false;
      for (const o of others) {
        const overlapX = x < o.x + o.size.width + gapX && x + width + gapX > o.x;
        const overlapY = y < o.y + o.size.height + metrics.rowGap && y + height + metrics.rowGap > o.y;
        if (overlapX && overlapY) {
          y = o.y + o.size.height + metrics.rowGap;
          moved = true;
        }
      }
    }
    const p: PlacedStep = { ...s, x, y };
    placed.set(s.step.id, p);
    byLane.set(s.lane, [...others, p]);
    extend(p);
  }

  const shift = shiftIntoFrame(placed.values(), map.lanes.length);
  if (shift.x > 0)
    for (let p = 0; p < phaseCount; p++) {
      minLeft[p] = (minLeft[p] ?? 0) + shift.x;
      maxRight[p] = (maxRight[p] ?? 0) + shift.x;
    }

  if (fixedColumns !== undefined)
    return {
      steps: steps.map((s) => placed.get(s.step.id)).filter((p): p is PlacedStep => !!p),
      phases: givenColumns(map, fixedColumns, shift.x, metrics),
      shift,
    };

  // Phase columns: each ends halfway between its own steps and the next phases' steps.
  const phases: Span[] = [];
  let start = 0;
  for (let p = 0; p < phaseCount; p++) {
    const right = maxRight[p] ?? Number.NEGATIVE_INFINITY;
    const has = Number.isFinite(right);
    let nextLeft = Number.POSITIVE_INFINITY;
    for (let q = p + 1; q < phaseCount; q++) nextLeft = Math.min(nextLeft, minLeft[q] ?? 0);
    const lower = has ? right + pad : start;
    const upper = nextLeft - pad;
    const desired = Math.max(
      start + metrics.minPhaseWidth,
      has && Number.isFinite(nextLeft) ? Math.floor((right + nextLeft) / 2) : lower,
    );
    // Never left of `start`: a file may put a later phase's steps left of an earlier one's.
    const end = Math.max(start, lower, Math.min(upper, desired));
    phases.push({ x: start, width: end - start });
    start = end;
  }
  return {
    steps: steps.map((s) => placed.get(s.step.id)).filter((p): p is PlacedStep => !!p),
    phases,
    shift,
  };
}

/**
 * Phase columns given in file x (LayoutOptions.phaseColumns), moved by this layout's shift into
 * the frame: contiguous from 0, in the map's phase order, never narrower than nothing. The first
 * starts at the lane area's edge whatever it was given (this layout may be shifted less than the
 * one the columns came from); the last keeps its width, and assemble stretches it to the area's end.
 */
function givenColumns(
  map: HandoffMap,
  columns: readonly PhaseSpan[],
  shiftX: number,
  metrics: LayoutMetrics,
): Span[] {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const lefts: number[] = [];
  let start = 0;
  map.phases.forEach((phase, p) => {
    const given = byId.get(phase.id);
    const left = p === 0 || given === undefined ? start : Math.max(start, Math.round(given.x + shiftX));
    lefts.push(left);
    start =
      given === undefined
        ? left + metrics.minPhaseWidth
        : Math.max(left, Math.round(given.x + shiftX + given.width));
  });
  return lefts.map((x, p) => {
    const next = lefts[p + 1];
    return { x, width: next === undefined ? Math.max(0, start - x) : next - x };
  });
}

/** How far keep mode moved the steps to bring them into the frame; see MapLayout.shiftX. */
interface FrameShift {
  x: number;
  /** Per lane index. */
  lanes: number[];
}

/**
 * Keep mode draws what the file says, and a file may put steps left of the lane area or above
 * their band (anywhere within ±1,000,000): hand-written, imported or generated files do. Such
 * steps would be drawn under the headers or outside the picture (and resvg aborts the process on
 * arrowheads wholly outside it). So the frame moves instead: every step shifts right until the
 * leftmost one starts at the lane area's left edge, and each lane's steps shift down until its
 * topmost one starts at the band's top. Steps keep their distances; the file is not touched, and
 * the layout says how far it moved (shiftX, LaneBand.shiftY) so that file <-> absolute positions
 * (geometry.ts) still answer the file's numbers. Steps right of or below everything just make
 * the frame bigger. NOTE mutates the placed steps.
 */
function shiftIntoFrame(placed: Iterable<PlacedStep>, laneCount: number): FrameShift {
  const all = [...placed];
  let minX = 0;
  const minY = new Array<number>(laneCount).fill(0);
  for (const s of all) {
    minX = Math.min(minX, s.x);
    minY[s.lane] = Math.min(minY[s.lane] ?? 0, s.y);
  }
  const shift: FrameShift = { x: -minX, lanes: minY.map((y) => -y) };
  if (shift.x > 0 || shift.lanes.some((y) => y > 0))
    for (const s of all) {
      s.x += shift.x;
      s.y += shift.lanes[s.lane] ?? 0;
    }
  return shift;
}

/** Each lane band's least height: minLaneHeight, or the lane's wrapped name in the header column. */
function laneMinHeights(map: HandoffMap, metrics: LayoutMetrics): number[] {
  return map.lanes.map((lane) =>
    metrics.laneHeaderWidth > 0
      ? Math.max(metrics.minLaneHeight, laneNameHeight(lane.name, metrics.laneHeaderWidth))
      : metrics.minLaneHeight,
  );
}

/** Lane bands from the placed steps, absolute boxes, then routes. */
function assemble(
  map: HandoffMap,
  steps: PlacedStep[],
  phaseSpans: Span[],
  labels: ReadonlyMap<string, LabelSize>,
  metrics: LayoutMetrics,
  widestGap: number,
  route = true,
  shift?: FrameShift,
): MapLayout {
  const header = metrics.laneHeaderWidth;
  const heights = laneMinHeights(map, metrics);
  let right = 0;
  for (const s of steps) {
    heights[s.lane] = Math.max(heights[s.lane] ?? 0, s.y + s.size.height + metrics.lanePadding);
    right = Math.max(right, s.x + s.size.width + metrics.phasePadding);
  }
  const lastPhase = phaseSpans[phaseSpans.length - 1];
  const phaseEnd = lastPhase ? lastPhase.x + lastPhase.width : 0;
  // A map without phases still gets at least one phase width of lane area.
  const areaWidth = Math.max(right, phaseEnd, metrics.minPhaseWidth);
  const phases: PhaseColumn[] = map.phases.map((phase, i) => {
    const span = phaseSpans[i] ?? { x: phaseEnd, width: 0 };
    // The last phase runs to the end of the lane area.
    const width = i === map.phases.length - 1 ? areaWidth - span.x : span.width;
    return { id: phase.id, x: header + span.x, width };
  });
  // The header row is as tall as the tallest wrapped phase name (all phases share the row).
  let top = metrics.phaseHeaderHeight;
  if (top > 0) {
    map.phases.forEach((phase, i) => {
      top = Math.max(top, phaseNameHeight(phase.name, phases[i]?.width ?? 0));
    });
  }
  const lanes: LaneBand[] = [];
  let y = top;
  map.lanes.forEach((lane, i) => {
    const height = heights[i] ?? metrics.minLaneHeight;
    const shiftY = shift?.lanes[i] ?? 0;
    lanes.push(shiftY > 0 ? { id: lane.id, y, height, shiftY } : { id: lane.id, y, height });
    y += height;
  });

  const boxes: StepBox[] = steps.map((s) => ({
    id: s.step.id,
    x: header + s.x,
    y: (lanes[s.lane]?.y ?? top) + s.y,
    width: s.size.width,
    height: s.size.height,
    lines: s.size.lines,
    truncated: s.size.truncated,
    textArea: s.size.textArea,
    ...(s.size.systems === undefined ? {} : { systems: s.size.systems }),
  }));
  const width = header + areaWidth;
  const height = y;
  const frame = {
    width,
    height,
    ...(shift !== undefined && shift.x > 0 ? { shiftX: shift.x } : {}),
    laneHeaderWidth: header,
    phaseHeaderHeight: top,
    lanes,
    phases,
    steps: boxes,
  };
  if (!route) return { ...frame, handoffs: [], unrouted: true };
  return placeLabelBlocks(map, {
    ...frame,
    handoffs: routeAll(map, boxes, lanes, labels, { width, height, top, widestGap }, metrics),
  });
}

function routeAll(
  map: HandoffMap,
  boxes: StepBox[],
  lanes: LaneBand[],
  labels: ReadonlyMap<string, LabelSize>,
  size: { width: number; height: number; top: number; widestGap: number },
  metrics: LayoutMetrics,
): HandoffRoute[] {
  const boxIndex = new Map(boxes.map((b, i) => [b.id, i]));
  const kinds = new Map(map.steps.map((s) => [s.id, s.kind]));
  const requests: RouteRequest[] = [];
  for (const h of map.handoffs) {
    const source = boxIndex.get(h.from);
    const target = boxIndex.get(h.to);
    if (source === undefined || target === undefined) continue;
    const label = labels.get(h.id);
    requests.push(label === undefined ? { id: h.id, source, target } : { id: h.id, source, target, label });
  }
  const freeYs = [...lanes.map((l) => l.y), size.height];
  return routeHandoffs(
    {
      boxes,
      bounds: {
        x: metrics.laneHeaderWidth,
        y: size.top,
        width: size.width - metrics.laneHeaderWidth,
        height: size.height - size.top,
      },
      freeYs,
      margin: metrics.routeMargin,
      // One column either side, across the widest gap a label opened.
      reachX: metrics.stepMaxWidth / 2 + Math.max(metrics.columnGap, size.widestGap) + metrics.routeMargin,
      // Decisions are drawn as diamonds: lines meet them at the corners, the sides' middles.
      pinned: boxes.map((b) => kinds.get(b.id) === "decision"),
    },
    requests,
  );
}

type LabelSize = { width: number; height: number };

/**
 * The label block each handoff reserves at its anchor (see reservedLabelSize); handoffs with
 * nothing to draw are left out. Edge cases show their stable numbers, as the register does.
 */
function handoffLabelSizes(map: HandoffMap): Map<string, LabelSize> {
  const sizes = new Map<string, LabelSize>();
  const stored = edgeCaseNumbers(map);
  for (const h of map.handoffs) {
    const numbers = h.edgeCases.map((ec) => `EC-${stored.get(ec.id) ?? 0}`);
    const size = reservedLabelSize(h.label, numbers);
    if (size !== undefined) sizes.set(h.id, size);
  }
  return sizes;
}

/**
 * The room a handoff's label needs at its anchor: the block the SVG export and the canvas draw
 * (wrapped label, flag with the edge-case numbers; the larger of its open and resolved forms).
 * Undefined when there is nothing to draw.
 */
function reservedLabelSize(label: string, edgeCaseNumbers: readonly string[]): RouteRequest["label"] {
  if (label.trim() === "" && edgeCaseNumbers.length === 0) return undefined;
  const flags =
    edgeCaseNumbers.length === 0
      ? [null]
      : [edgeCaseFlagText(edgeCaseNumbers, true), edgeCaseFlagText(edgeCaseNumbers, false)];
  let width = 0;
  let height = 0;
  for (const flag of flags) {
    const size = measureHandoffLabel(label, flag);
    width = Math.max(width, size.width);
    height = Math.max(height, size.height);
  }
  return { width, height };
}
