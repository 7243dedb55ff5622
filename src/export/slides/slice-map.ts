/**
 * Cuts a map down to some of its phases and/or lanes: a smaller, complete map that the layout and
 * renderSvg draw like any other, with a stub step standing in for each step outside the cut that a
 * kept handoff goes to or comes from. Slides (one per phase) and lane focus both come from here.
 *
 * Where the stubs go, so that every cut handoff ends at the edge of the drawing:
 * - a step in a kept lane but another phase: in its own lane, in a column "Earlier" left of the
 *   kept phases or "Later" right of them (by journey order of the phases);
 * - a step in a lane that is not kept: in one lane "Other lanes" below the kept ones (in its own
 *   phase when that phase is kept, else in "Earlier" or "Later").
 * A stub's label is the real step's label; its chips name where the step lives (its lane when
 * the lane is cut, its phase when the phase is), so the slide says where the work goes.
 *
 * Handoffs with both ends outside the cut are dropped; the kept ones keep their id, label and edge
 * cases (with their stored numbers, so "EC-3" reads the same on every slide); a handoff with both
 * ends kept is the map's own object. Positions are dropped by default: a slide is laid out afresh.
 * With `positions: "keep"` (the editor's lane focus) they are kept instead, so that a keep-mode
 * layout draws every kept step where the user put it (positions are lane-relative: the chosen
 * lanes simply stack together), and each stub in "Other lanes" gets its real step's x and a y of
 * its own, packed so that no two stubs overlap. Pure: no layout run, no DOM.
 */
import { phaseAt } from "../../layout/geometry";
import { DEFAULT_METRICS, type LayoutMetrics, measureStep } from "../../layout/metrics";
import type { MapLayout } from "../../layout/types";
import type { Handoff, HandoffMap, Lane, Phase, Position, Step } from "../../model/types";

export interface SliceFilter {
  /** Phase ids to keep; undefined keeps every phase. */
  phases?: readonly string[];
  /** Lane ids to keep; undefined keeps every lane. */
  lanes?: readonly string[];
}

export interface SliceOptions {
  /**
   * "drop" (default): no step keeps a position, the slice is laid out afresh (slides, exports).
   * "keep": kept steps keep theirs; stubs in "Other lanes" get the real step's x and a packed y
   * (placeStubs); a stub whose real step has no position is left for the layout to place.
   */
  positions?: "drop" | "keep";
  /** The metrics stub sizes are measured with when packing (default: the canvas's). */
  metrics?: LayoutMetrics;
}

export interface StubInfo {
  /** The real step this stub stands for. */
  stepId: string;
  /** Whether kept handoffs go to the stub ("out" of the slice), come from it ("in"), or both. */
  direction: "in" | "out" | "both";
  /** Why the step is outside: its phase, its lane, or both. */
  cut: "phase" | "lane" | "phase-and-lane";
}

export interface MapSlice {
  map: HandoffMap;
  /** Stub step id -> what it stands for; every other step of `map` is a real step. */
  stubs: ReadonlyMap<string, StubInfo>;
  /** The real steps kept, in map order. */
  steps: readonly string[];
}

/** Ids of the pseudo lanes and phases a slice adds; a real map cannot hold ids with "~" and ":". */
export const EARLIER_PHASE_ID = "~:earlier";
export const LATER_PHASE_ID = "~:later";
export const OTHER_LANES_ID = "~:other-lanes";
export const STUB_PREFIX = "~:stub:";

export const EARLIER_PHASE_NAME = "Earlier";
export const LATER_PHASE_NAME = "Later";
export const OTHER_LANES_NAME = "Other lanes";

/** The stub id for a real step. */
export function stubId(stepId: string): string {
  return `${STUB_PREFIX}${stepId}`;
}

/**
 * The phase each step belongs to: its own `phase`, else the one `fallback` gives (the phase
 * column its box is drawn in, from the full map's layout), else none.
 */
export type PhaseOf = (step: Step) => string | undefined;

/**
 * @example
 * const slice = sliceMap(map, { phases: ["execution"] });
 * slice.map.steps.filter((s) => slice.stubs.has(s.id)).map((s) => s.label) // ["Meets qualification criteria?", ...]
 */
export function sliceMap(
  map: HandoffMap,
  filter: SliceFilter,
  phaseOf: PhaseOf = (s) => s.phase,
  options: SliceOptions = {},
): MapSlice {
  const keepPositions = options.positions === "keep";
  const phaseIndex = new Map(map.phases.map((p, i) => [p.id, i]));
  const keptPhases = filter.phases === undefined ? null : new Set(filter.phases);
  const keptLanes = filter.lanes === undefined ? null : new Set(filter.lanes);
  const lanesById = new Map(map.lanes.map((l) => [l.id, l]));
  const phasesById = new Map(map.phases.map((p) => [p.id, p]));
  // The first and last kept phase in journey order: a stub's phase is before, after or inside.
  const keptIndexes =
    keptPhases === null
      ? []
      : map.phases.flatMap((p, i) => (keptPhases.has(p.id) ? [i] : [])).sort((a, b) => a - b);
  const firstKept = keptIndexes[0] ?? 0;

  const inPhase = (step: Step) => keptPhases === null || keptPhases.has(phaseOf(step) ?? "");
  const inLane = (step: Step) => keptLanes === null || keptLanes.has(step.lane);
  const isKept = (step: Step) => inPhase(step) && inLane(step);

  const stepsById = new Map(map.steps.map((s) => [s.id, s]));
  const kept = map.steps.filter(isKept);
  const keptIds = new Set(kept.map((s) => s.id));

  const handoffs: Handoff[] = [];
  const directions = new Map<string, StubInfo["direction"]>();
  const note = (id: string, direction: "in" | "out") => {
    const before = directions.get(id);
    directions.set(id, before === undefined || before === direction ? direction : "both");
  };
  for (const handoff of map.handoffs) {
    const fromKept = keptIds.has(handoff.from);
    const toKept = keptIds.has(handoff.to);
    if (!fromKept && !toKept) continue;
    if (!stepsById.has(handoff.from) || !stepsById.has(handoff.to)) continue;
    if (!fromKept) note(handoff.from, "in");
    if (!toKept) note(handoff.to, "out");
    if (fromKept && toKept) {
      handoffs.push(handoff);
      continue;
    }
    handoffs.push({
      ...handoff,
      from: fromKept ? handoff.from : stubId(handoff.from),
      to: toKept ? handoff.to : stubId(handoff.to),
    });
  }

  let earlier = false;
  let later = false;
  let otherLanes = false;
  const stubs = new Map<string, StubInfo>();
  const stubSteps: Step[] = [];
  // Stubs in map order, so that the same slice is the same map every time.
  for (const step of map.steps) {
    const direction = directions.get(step.id);
    if (direction === undefined) continue;
    const laneCut = !inLane(step);
    const phaseCut = !inPhase(step);
    const ownPhase = phaseOf(step);
    let phase: string | undefined = ownPhase;
    if (phaseCut) {
      const index = phaseIndex.get(ownPhase ?? "");
      // A step of no phase (or one not in the map) is drawn after: it is read as "elsewhere".
      const before = index !== undefined && index < firstKept;
      phase = before ? EARLIER_PHASE_ID : LATER_PHASE_ID;
      if (before) earlier = true;
      else later = true;
    }
    if (laneCut) otherLanes = true;
    const where = [
      laneCut ? lanesById.get(step.lane)?.name : undefined,
      phaseCut && ownPhase !== undefined ? phasesById.get(ownPhase)?.name : undefined,
    ].filter((name): name is string => name !== undefined && name.trim() !== "");
    const id = stubId(step.id);
    stubs.set(id, {
      stepId: step.id,
      direction,
      cut: laneCut && phaseCut ? "phase-and-lane" : laneCut ? "lane" : "phase",
    });
    stubSteps.push({
      id,
      lane: laneCut ? OTHER_LANES_ID : step.lane,
      ...(phase === undefined ? {} : { phase }),
      label: step.label,
      // Drawn as a dashed task whatever the real step's kind (svg/step.ts).
      kind: "task",
      description: "",
      owner: "",
      systems: where,
    });
  }

  const lanes: Lane[] = map.lanes.filter((l) => keptLanes === null || keptLanes.has(l.id));
  if (otherLanes) lanes.push({ id: OTHER_LANES_ID, name: OTHER_LANES_NAME });
  const phases: Phase[] = map.phases.filter((p) => keptPhases === null || keptPhases.has(p.id));
  if (earlier) phases.unshift({ id: EARLIER_PHASE_ID, name: EARLIER_PHASE_NAME });
  if (later) phases.push({ id: LATER_PHASE_ID, name: LATER_PHASE_NAME });

  const steps = keepPositions
    ? [...kept, ...placeStubs(stubSteps, stepsById, options.metrics ?? DEFAULT_METRICS)]
    : [...kept, ...stubSteps].map(({ position: _dropped, ...step }) => step);
  return {
    map: { ...map, lanes, phases, steps, handoffs },
    stubs,
    steps: kept.map((s) => s.id),
  };
}

/**
 * The "Other lanes" stubs with positions: each at its real step's x, and the first y from the top
 * of the band where its box (measured as the layout will draw it) clears every stub placed before
 * it, by keep mode's own gaps (layout-map.ts placeKeep), so no two stubs overlap. Placed left to
 * right (then in map order), so the result is the same every time. Other stubs are returned as
 * they are (no position: the layout places them).
 */
function placeStubs(
  stubs: readonly Step[],
  realSteps: ReadonlyMap<string, Step>,
  metrics: LayoutMetrics,
): Step[] {
  const xOf = (stub: Step): number | undefined =>
    stub.lane === OTHER_LANES_ID ? realSteps.get(stub.id.slice(STUB_PREFIX.length))?.position?.x : undefined;
  const order = stubs
    .map((stub, index) => ({ stub, index, x: xOf(stub) }))
    .filter((entry): entry is { stub: Step; index: number; x: number } => entry.x !== undefined)
    .sort((a, b) => a.x - b.x || a.index - b.index);
  const gapX = 2 * metrics.routeMargin;
  const placed: Array<{ x: number; y: number; width: number; height: number }> = [];
  const positions = new Map<string, Position>();
  for (const { stub, x } of order) {
    const { width, height } = measureStep(stub.label, metrics, { kind: stub.kind, systems: stub.systems });
    let y = metrics.lanePadding;
    for (let moved = true; moved; ) {
      moved = false;
      for (const o of placed) {
        const overlapX = x < o.x + o.width + gapX && x + width + gapX > o.x;
        const overlapY = y < o.y + o.height + metrics.rowGap && y + height + metrics.rowGap > o.y;
        if (overlapX && overlapY) {
          y = o.y + o.height + metrics.rowGap;
          moved = true;
        }
      }
    }
    placed.push({ x, y, width, height });
    positions.set(stub.id, { x, y });
  }
  return stubs.map((stub) => {
    const position = positions.get(stub.id);
    return position === undefined ? stub : { ...stub, position };
  });
}

/**
 * PhaseOf for a laid-out map: a step's own phase, else the phase column its box's middle is drawn
 * in (the rule the canvas and the phase inspector follow).
 */
export function phaseOfFromLayout(layout: MapLayout): PhaseOf {
  const boxes = new Map(layout.steps.map((box) => [box.id, box]));
  return (step) => {
    if (step.phase !== undefined) return step.phase;
    const box = boxes.get(step.id);
    return box === undefined ? undefined : phaseAt(layout, box.x + box.width / 2)?.id;
  };
}

export type LaneMatch = { ok: true; lanes: string[] } | { ok: false; error: string };

/** "Deal Desk" -> "deal-desk": how a lane may be named on the command line. */
function laneSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Lanes named by id, by name or by name as a slug ("deal-desk" for "Deal Desk"), case ignored,
 * in the map's order; an unknown name is an error that lists the lanes.
 *
 * @example
 * matchLanes(map, ["sales", "Deal Desk"]) // { ok: true, lanes: ["sales", "deal-desk"] }
 */
export function matchLanes(map: HandoffMap, names: readonly string[]): LaneMatch {
  const chosen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const lane =
      map.lanes.find((l) => l.id === name) ??
      map.lanes.find((l) => l.name.trim().toLowerCase() === name.toLowerCase()) ??
      map.lanes.find((l) => laneSlug(l.name) === laneSlug(name) || laneSlug(l.id) === laneSlug(name));
    if (lane === undefined)
      return {
        ok: false,
        error: `no lane ${JSON.stringify(name)} in this map; its lanes are ${map.lanes
          .map((l) => `${l.id} (${l.name})`)
          .join(", ")}`,
      };
    chosen.add(lane.id);
  }
  if (chosen.size === 0) return { ok: false, error: "no lanes given" };
  return { ok: true, lanes: map.lanes.filter((l) => chosen.has(l.id)).map((l) => l.id) };
}
