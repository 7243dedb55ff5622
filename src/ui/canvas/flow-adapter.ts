/**
 * The one place React Flow types meet the model: map + layout + selection (+ the positions of a
 * drag in progress) -> React Flow nodes and edges.
 *
 * Memoized per element: a step whose inputs did not change keeps its node object, and a handoff
 * its edge object, so React Flow (which compares by reference) re-renders only what moved. That
 * is what keeps a drag or a label edit from re-rendering every node on a 1,000-step map.
 *
 * Positions: a placed step is drawn where its file position puts it in its lane band's current
 * top, not at the layout's box, so a dropped step stays where it was dropped in the moment before
 * the new layout arrives. A handoff whose end is not at its layout box (dragging, or a layout
 * still on its way) has no route: the edge then draws a plain step path between the handles.
 *
 * Routes and label spots are not in the edges: they come out as `geometry` (see edge-geometry.ts
 * for why), one object per handoff that changes only when its route or label spot does.
 *
 * Given a window around the view (FlowInput.viewWindow, view-window.ts), only what lies in it (and
 * what must be there whatever the view) becomes nodes and edges: React Flow's cost per node is
 * paid for the steps near the screen, not for all of them.
 */

import type { Edge, Node, NodeHandle } from "@xyflow/react";
import { fromFilePosition } from "../../layout/geometry";
import { DEFAULT_METRICS, measureStep } from "../../layout/metrics";
import type { HandoffRoute, MapLayout, Point, Rect, StepBox } from "../../layout/types";
import { highestOpenSeverity } from "../../model/register-rows";
import { isSystemCrossing } from "../../model/system-crossings";
import type { Handoff, HandoffMap, Severity, Step } from "../../model/types";
import type { FocusStub } from "../../store/lane-focus";
import type { EdgeGeometry } from "./edge-geometry";
import { flagTexts, placeEdgeLabels } from "./edge-labels";
import { orderedLookup } from "./ordered-lookup";
import { overlaps, routeOverlaps } from "./view-window";

/**
 * React Flow builds CSS selectors from node ids without escaping them (its handle lookup while a
 * connection is dragged: `[data-id="${flowId}-${nodeId}-..."]`), and a step id may hold any
 * character: one with `"` or `\` threw "not a valid selector" on every pointer move. So React Flow
 * gets node ids with those characters (and `~`, the escape itself) written `~hex~`: every other id
 * is passed as it is, and stepIdOfNode reverses it exactly. Use both wherever a node id meets a step id.
 */
export function flowNodeId(stepId: string): string {
  return /[~"\\\n\r\f\0]/.test(stepId)
    ? stepId.replace(/[~"\\\n\r\f\0]/g, (c) => `~${c.charCodeAt(0).toString(16)}~`)
    : stepId;
}

/** The step id of a React Flow node id made by flowNodeId. */
export function stepIdOfNode(nodeId: string): string {
  return nodeId.includes("~")
    ? nodeId.replace(/~([0-9a-f]+)~/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : nodeId;
}

/**
 * What the layout placed inside a step's box (the StepBox itself, or measureStep's size for a
 * step the layout has not reached yet): the wrapped label, its text area and the systems chips,
 * all relative to the box. The node draws exactly these, as the SVG export does.
 */
export type StepFace = Pick<StepBox, "width" | "height" | "lines" | "textArea" | "systems">;

export interface StepNodeData extends Record<string, unknown> {
  step: Step;
  /** The label as wrapped by the layout, when the layout is current for this label. */
  lines: readonly string[] | null;
  /** The layout's face of the step when current for its label, kind and systems; else null. */
  face: StepFace | null;
  /** Edge cases on every handoff into or out of the step. */
  edgeCaseCount: number;
  /** The most severe open edge case among them; null when none is open. */
  severity: Severity | null;
  /**
   * Set on a stub of a lane focus (a stand-in for a step in a lane not shown): drawn by StubNode,
   * never dragged, selected, renamed or deleted. Absent on every real step.
   */
  stub?: FocusStub;
}

export type StepFlowNode = Node<StepNodeData, "step" | "stub">;

export interface HandoffEdgeData extends Record<string, unknown> {
  handoff: Handoff;
  crossLane: boolean;
  /** The two steps list systems and share none (src/model/system-crossings.ts). */
  systemCrossing: boolean;
  severity: Severity | null;
  /** The edge-case flag's text ("⚑ EC-3 EC-4", numbered as in the register); null: none. */
  flagText: string | null;
}

export type HandoffFlowEdge = Edge<HandoffEdgeData, "handoff">;

export interface FlowInput {
  map: HandoffMap;
  layout: MapLayout | null;
  selectedSteps: ReadonlySet<string>;
  selectedHandoffs: ReadonlySet<string>;
  /** Absolute top-left positions of steps being dragged. */
  dragPositions: ReadonlyMap<string, Point>;
  /** The stubs of a lane focus (stub step id -> what it stands for); absent or empty otherwise. */
  stubs?: ReadonlyMap<string, FocusStub>;
  /**
   * Where the view is, widened (view-window.ts): only steps in it and handoffs whose route (or,
   * without one, an end) is in it become nodes and edges, with both ends of every such handoff,
   * and, wherever they are, the selected steps and handoffs (keys and reconnects act on them
   * through React Flow), steps being dragged and the step being renamed. Absent or null: all.
   */
  viewWindow?: Rect | null;
  /** The step whose label is open for typing, if any (kept whatever the window). */
  editing?: string | null;
}

/** A step's place on the canvas in this call: its layout box (if any), top-left and size. */
interface Drawn {
  box: StepBox | undefined;
  x: number;
  y: number;
  width: number;
  height: number;
  /** measureStep's face, for a step the layout has not reached yet. */
  measured: StepFace | null;
}

export interface FlowElements {
  nodes: StepFlowNode[];
  /** Stable across layouts: an edge changes only with its handoff, flag, lane crossing or selection. */
  edges: HandoffFlowEdge[];
  /** Where each routed handoff is drawn; handed to the edges beside React Flow (edge-geometry.ts). */
  geometry: ReadonlyMap<string, EdgeGeometry>;
}

/** Handles sit at the middle of the left (in) and right (out) sides. */
const HANDLE_SIZE = 10;
const NO_BOXES: readonly StepBox[] = [];

/**
 * A handoff drawn without its route: an end is away from its box (dragging), the layout has no
 * route for it yet (added since the layout ran), or its route joins the steps it joined before a
 * reconnect (until the next layout routes it between its new ends).
 */
const DETACHED: EdgeGeometry = { route: null, labelX: 0, labelY: 0, labeled: false };
const NO_GEOMETRY: ReadonlyMap<string, EdgeGeometry> = new Map();

/** The layout has a route for the handoff, but one laid out when its ends were other steps. */
type StaleEnds = (handoff: Handoff) => boolean;

/**
 * Where every handoff rests in this layout, by its index in the map's handoffs: its route (null:
 * DETACHED) and its label block's spot (placed around the boxes and the other routes, as the SVG
 * export places it). Plain arrays, not an EdgeGeometry per handoff: a call makes those only for
 * the edges it hands out (about 100 KB less on a 1,000-step map than a map of them all).
 */
interface Resting {
  routes: Array<HandoffRoute | null>;
  /** labelX, labelY of handoff i at 2i, 2i + 1, in whole pixels (V8 Smis in a packed array). */
  labels: number[];
  labeled: boolean[];
}

function restingGeometry(
  handoffs: readonly Handoff[],
  layout: MapLayout,
  flags: ReadonlyMap<string, string>,
  staleEnds: StaleEnds,
): Resting {
  const spots = placeEdgeLabels(handoffs, layout, flags);
  const lookup = orderedLookup(layout.handoffs);
  const resting: Resting = { routes: [], labels: [], labeled: [] };
  for (const handoff of handoffs) {
    const found = lookup.get(handoff.id);
    const route = found === undefined || staleEnds(handoff) ? null : found;
    const spot = route === null ? undefined : spots.get(handoff.id);
    resting.routes.push(route);
    resting.labels.push(Math.round(spot?.x ?? 0), Math.round(spot?.y ?? 0));
    resting.labeled.push(spot !== undefined);
  }
  return resting;
}

/** Handoff i's resting geometry: `before` when that is the same, else a new object. */
function restingEntry(resting: Resting, i: number, before: EdgeGeometry | undefined): EdgeGeometry {
  const route = resting.routes[i] ?? null;
  if (route === null) return DETACHED;
  const labelX = resting.labels[2 * i] ?? 0;
  const labelY = resting.labels[2 * i + 1] ?? 0;
  const labeled = resting.labeled[i] === true;
  return before !== undefined &&
    before.route === route &&
    before.labeled === labeled &&
    before.labelX === labelX &&
    before.labelY === labelY
    ? before
    : { route, labelX, labelY, labeled };
}

/** The same ids, in any order. */
function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

function sameLines(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  return a.every((line, i) => line === b[i]);
}

function sameRect(
  a: { x: number; y: number; width: number; height: number } | undefined,
  b: { x: number; y: number; width: number; height: number } | undefined,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Same drawing inside the box: a new layout run usually hands back equal faces for most steps. */
function sameFace(a: StepFace | null, b: StepFace | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a.width !== b.width || a.height !== b.height || !sameLines(a.lines, b.lines)) return false;
  if (!sameRect(a.textArea, b.textArea)) return false;
  const p = a.systems;
  const q = b.systems;
  if (p === q) return true;
  if (p === undefined || q === undefined) return false;
  if (p.fontSize !== q.fontSize || p.overflow !== q.overflow || p.chips.length !== q.chips.length)
    return false;
  return p.chips.every((chip, i) => {
    const other = q.chips[i];
    return (
      other !== undefined && chip.text === other.text && chip.system === other.system && sameRect(chip, other)
    );
  });
}

/**
 * The box's face when the layout drew it for this step as it is now: same label (see linesFor),
 * and chips for exactly these systems (a systems edit waits for the next layout).
 */
function faceFor(step: Step, box: StepBox | undefined, lines: readonly string[] | null): StepFace | null {
  if (box === undefined || lines === null) return null;
  const systems = step.systems.filter((s) => s.trim() !== "");
  const chips = box.systems?.chips ?? [];
  const shown = chips.filter((c) => c.system !== null).length + (box.systems?.overflow ?? 0);
  return shown === systems.length ? box : null;
}

/** The layout's lines fit this label (the layout ran after the last label edit). */
function linesFor(step: Step, box: StepBox | undefined): readonly string[] | null {
  if (box === undefined) return null;
  if (box.truncated) return box.lines;
  const label = step.label.replace(/\s+/g, " ").trim();
  return box.lines.join(" ").replace(/\s+/g, " ").trim() === label ? box.lines : null;
}

function handlesFor(width: number, height: number): NodeHandle[] {
  const y = height / 2 - HANDLE_SIZE / 2;
  return [
    {
      id: null,
      type: "target",
      position: "left" as NodeHandle["position"],
      x: -HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
    {
      id: null,
      type: "source",
      position: "right" as NodeHandle["position"],
      x: width - HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
  ];
}

/** A node's size and handles, one object per distinct box size, shared by every node of that size. */
interface SizeParts {
  measured: { width: number; height: number };
  handles: NodeHandle[];
}

type StepCases = ReadonlyMap<string, { count: number; open: Handoff["edgeCases"] }>;

/** Edge cases per step, over the handoffs that touch it. */
function edgeCasesPerStep(handoffs: readonly Handoff[]): StepCases {
  const cases = new Map<string, { count: number; open: Handoff["edgeCases"] }>();
  for (const handoff of handoffs) {
    if (handoff.edgeCases.length === 0) continue;
    for (const end of handoff.from === handoff.to ? [handoff.from] : [handoff.from, handoff.to]) {
      const entry = cases.get(end) ?? { count: 0, open: [] };
      entry.count += handoff.edgeCases.length;
      entry.open = entry.open.concat(handoff.edgeCases);
      cases.set(end, entry);
    }
  }
  return cases;
}

/**
 * Makes a memoizing adapter; keep one per canvas (its caches are the memory of the last call).
 *
 * @example
 * const toFlow = createFlowAdapter();
 * const { nodes, edges } = toFlow({ map, layout, selectedSteps, selectedHandoffs, dragPositions });
 */
export function createFlowAdapter(): (input: FlowInput) => FlowElements {
  // Most boxes share a handful of sizes: React Flow only reads `measured` and `handles`, so nodes
  // of one size share them instead of each holding three objects and an array of its own.
  let sizeParts = new Map<string, SizeParts>();
  const partsFor = (width: number, height: number, next: Map<string, SizeParts>): SizeParts => {
    const key = `${width}x${height}`;
    const parts = next.get(key) ??
      sizeParts.get(key) ?? { measured: { width, height }, handles: handlesFor(width, height) };
    next.set(key, parts);
    return parts;
  };
  // The last call's nodes, edges and geometry: what the next call compares against (a node's or
  // edge's data is its memo), found by id with orderedLookup (they follow the map's order).
  let lastNodes: StepFlowNode[] = [];
  let lastEdges: HandoffFlowEdge[] = [];
  let lastGeometry: ReadonlyMap<string, EdgeGeometry> = new Map();
  // Routes and label spots per handoffs and layout (label placement depends on every label and
  // box), not per call: a drag's frames hand out these, but for the handoffs of dragged steps.
  let restingFor: { handoffs: readonly Handoff[]; layout: MapLayout } | null = null;
  let resting: Resting | null = null;
  // The resting geometry of the edges handed out (all of them without a window), for these
  // resting arrays and these edges: most calls hand out this map itself.
  let restingMap: ReadonlyMap<string, EdgeGeometry> = NO_GEOMETRY;
  let restingMapOf: { resting: Resting; edges: readonly HandoffFlowEdge[] } | null = null;
  // The handoffs the last call detached, and from which resting map (a drag's frames detach the
  // same ones from the same map); null when it detached none.
  let detachedIds: ReadonlySet<string> = new Set();
  let detachedFrom: ReadonlyMap<string, EdgeGeometry> | null = null;
  let flagsFor: readonly Handoff[] | null = null;
  // Per handoffs, not per call: a drag calls this every frame with them unchanged.
  let casesFor: readonly Handoff[] | null = null;
  let stepCases: StepCases = new Map();
  let flags = new Map<string, string>();

  return (input) => {
    const { map, layout } = input;
    if (flagsFor !== map.handoffs) {
      flags = flagTexts(map);
      flagsFor = map.handoffs;
    }
    const routed = layout !== null && layout.unrouted !== true;
    if (!routed) {
      // Let go of the last layout's routes (another map is opening; routes are on their way).
      restingFor = null;
      resting = null;
      restingMap = NO_GEOMETRY;
      restingMapOf = null;
    } else if (restingFor === null || restingFor.handoffs !== map.handoffs || restingFor.layout !== layout) {
      // Same layout, new handoffs: a reconnected handoff's route still joins its old ends.
      const before =
        restingFor !== null && restingFor.layout === layout ? orderedLookup(restingFor.handoffs) : null;
      const staleEnds: StaleEnds = (handoff) => {
        const was = before?.get(handoff.id);
        return was !== undefined && (was.from !== handoff.from || was.to !== handoff.to);
      };
      resting = restingGeometry(map.handoffs, layout, flags, staleEnds);
      restingFor = { handoffs: map.handoffs, layout };
    }
    const boxes = orderedLookup(layout?.steps ?? NO_BOXES);
    const previousNodes = orderedLookup(lastNodes);
    const previousEdges = orderedLookup(lastEdges);

    if (casesFor !== map.handoffs) {
      stepCases = edgeCasesPerStep(map.handoffs);
      casesFor = map.handoffs;
    }

    const nextSizeParts = new Map<string, SizeParts>();
    /** Steps drawn away from their layout box: their handoffs lose the route. */
    const displaced = new Set<string>();
    const stepLane = new Map<string, string>();
    const stepById = new Map<string, Step>();
    /** Where each drawn step is (top-left and size), and which of them lie in the window. */
    const drawnAt = new Map<string, Drawn>();
    const inWindow = new Set<string>();
    const { viewWindow } = input;

    for (const step of map.steps) {
      stepLane.set(step.id, step.lane);
      stepById.set(step.id, step);
      const box = boxes.get(step.id);
      let width: number;
      let height: number;
      let measured: StepFace | null = null;
      if (box !== undefined) {
        width = box.width;
        height = box.height;
      } else {
        measured = measureStep(step.label, DEFAULT_METRICS, { kind: step.kind, systems: step.systems });
        width = measured.width;
        height = measured.height;
      }
      const dragged = input.dragPositions.get(step.id);
      const placed =
        layout === null || step.position === undefined
          ? undefined
          : fromFilePosition(layout, step.position, step.lane);
      const at = dragged ?? placed ?? box;
      if (at === undefined) {
        // Not placed and not laid out yet: it appears when the layout comes back.
        displaced.add(step.id);
        continue;
      }
      const { x, y } = at;
      if (box === undefined || Math.abs(box.x - x) > 0.5 || Math.abs(box.y - y) > 0.5) displaced.add(step.id);
      drawnAt.set(step.id, { box, x, y, width, height, measured });
      if (
        viewWindow === undefined ||
        viewWindow === null ||
        dragged !== undefined ||
        step.id === input.editing ||
        input.selectedSteps.has(step.id) ||
        overlaps(viewWindow, x, y, width, height)
      )
        inWindow.add(step.id);
    }

    const { handoffs } = map;
    // Handoffs of steps away from their boxes are drawn detached (no route).
    const detaching = new Set<string>();
    if (resting !== null && displaced.size > 0)
      for (const handoff of handoffs)
        if (displaced.has(handoff.from) || displaced.has(handoff.to)) detaching.add(handoff.id);
    const edges: HandoffFlowEdge[] = [];
    let edgesChanged = false;
    /** The steps at either end of an edge handed out: React Flow draws an edge between its nodes only. */
    const ends = new Set<string>();
    /** Index in the map's handoffs of each edge handed out (for its resting geometry). */
    const handedAt: number[] = [];
    for (const [at, handoff] of handoffs.entries()) {
      if (viewWindow !== undefined && viewWindow !== null && !input.selectedHandoffs.has(handoff.id)) {
        const route = detaching.has(handoff.id) ? null : (resting?.routes[at] ?? null);
        const near =
          route === null
            ? inWindow.has(handoff.from) || inWindow.has(handoff.to)
            : routeOverlaps(viewWindow, route.path);
        if (!near) continue;
      }
      ends.add(handoff.from);
      ends.add(handoff.to);
      handedAt.push(at);
      const crossLane = stepLane.get(handoff.from) !== stepLane.get(handoff.to);
      // A stub's "systems" name its lane: the crossing is the real step's (lane focus).
      const systemCrossing = isSystemCrossing(
        input.stubs?.get(handoff.from)?.step ?? stepById.get(handoff.from),
        input.stubs?.get(handoff.to)?.step ?? stepById.get(handoff.to),
      );
      const selected = input.selectedHandoffs.has(handoff.id);
      const flagText = flags.get(handoff.id) ?? null;
      const previous = previousEdges.get(handoff.id);
      const data = previous?.data;
      if (
        previous !== undefined &&
        data !== undefined &&
        data.handoff === handoff &&
        data.flagText === flagText &&
        data.crossLane === crossLane &&
        data.systemCrossing === systemCrossing &&
        previous.selected === selected
      ) {
        edges.push(previous);
        if (lastEdges[edges.length - 1] !== previous) edgesChanged = true;
        continue;
      }
      const edge: HandoffFlowEdge = {
        id: handoff.id,
        type: "handoff",
        source: flowNodeId(handoff.from),
        target: flowNodeId(handoff.to),
        selected,
        // Its ends can be dragged to other steps once it is selected, as in a diagram tool: no
        // grab areas on every edge end competing with the steps' connection handles, and none of
        // React Flow's anchor components mounted for every edge on screen.
        reconnectable: selected,
        data: {
          handoff,
          crossLane,
          systemCrossing,
          severity: highestOpenSeverity(handoff.edgeCases),
          flagText,
        },
        ariaLabel: handoff.label === "" ? "Handoff" : `Handoff: ${handoff.label}`,
      };
      edges.push(edge);
      edgesChanged = true;
    }
    if (edges.length !== lastEdges.length) edgesChanged = true;
    const handedOut = edgesChanged ? edges : lastEdges;

    // No layout, or one without routes yet: no geometry, the edges wait (see useEdgeGeometry).
    // Else where the edges handed out rest, but the handoffs of steps away from their boxes,
    // detached. Most calls hand out the resting map itself; a drag copies it once, when it
    // starts detaching handoffs, and its later frames (the same handoffs detached) hand out that
    // copy again.
    let geometry = NO_GEOMETRY;
    if (resting !== null) {
      if (restingMapOf === null || restingMapOf.resting !== resting || restingMapOf.edges !== handedOut) {
        const next = new Map<string, EdgeGeometry>();
        for (const at of handedAt) {
          const id = handoffs[at]?.id;
          if (id !== undefined) next.set(id, restingEntry(resting, at, restingMap.get(id)));
        }
        const same = next.size === restingMap.size && [...next].every(([id, g]) => restingMap.get(id) === g);
        if (!same) restingMap = next;
        restingMapOf = { resting, edges: handedOut };
      }
      geometry = restingMap;
      const detached = [...detaching].filter((id) => restingMap.has(id));
      if (detached.length > 0) {
        const ids = new Set(detached);
        if (detachedFrom === restingMap && sameIds(ids, detachedIds)) geometry = lastGeometry;
        else {
          const copy = new Map(restingMap);
          for (const id of ids) copy.set(id, DETACHED);
          geometry = copy;
          detachedFrom = restingMap;
        }
        detachedIds = ids;
      } else {
        detachedFrom = null;
        detachedIds = new Set();
      }
    }

    const nodes: StepFlowNode[] = [];
    let nodesChanged = false;
    for (const step of map.steps) {
      const drawn = drawnAt.get(step.id);
      if (drawn === undefined || !(inWindow.has(step.id) || ends.has(step.id))) continue;
      const { box, x, y, width, height, measured } = drawn;
      const lines = linesFor(step, box);
      const face = measured ?? faceFor(step, box, lines);
      const selected = input.selectedSteps.has(step.id);
      const cases = stepCases.get(step.id);
      const edgeCaseCount = cases?.count ?? 0;
      const severity = cases === undefined ? null : highestOpenSeverity(cases.open);
      const previous = previousNodes.get(flowNodeId(step.id));
      const stub = input.stubs?.get(step.id);
      if (
        previous !== undefined &&
        previous.data.step === step &&
        previous.data.stub?.direction === stub?.direction &&
        previous.position.x === x &&
        previous.position.y === y &&
        previous.width === width &&
        previous.height === height &&
        sameLines(previous.data.lines, lines) &&
        sameFace(previous.data.face, face) &&
        previous.selected === selected &&
        previous.data.edgeCaseCount === edgeCaseCount &&
        previous.data.severity === severity
      ) {
        partsFor(width, height, nextSizeParts);
        nodes.push(previous);
        if (lastNodes[nodes.length - 1] !== previous) nodesChanged = true;
        continue;
      }
      const { measured: measuredSize, handles } = partsFor(width, height, nextSizeParts);
      const node: StepFlowNode = {
        id: flowNodeId(step.id),
        type: stub === undefined ? "step" : "stub",
        ...(stub === undefined ? {} : { draggable: false, selectable: false }),
        position:
          previous !== undefined && previous.position.x === x && previous.position.y === y
            ? previous.position
            : { x, y },
        width,
        height,
        measured: measuredSize,
        handles,
        selected,
        data: {
          step,
          // The current layout's objects: the store shares unchanged ones with the last layout
          // (shareLayout), and holding the old ones here would keep two layouts alive.
          lines,
          face,
          edgeCaseCount,
          severity,
          ...(stub === undefined ? {} : { stub }),
        },
        ariaLabel:
          stub === undefined
            ? `Step: ${step.label}`
            : `${step.label}, in ${step.systems.join(", ")} (a lane not shown)`,
      };
      nodes.push(node);
      nodesChanged = true;
    }
    if (nodes.length !== lastNodes.length) nodesChanged = true;

    sizeParts = nextSizeParts;
    // Same arrays when nothing changed, so React Flow skips its own diffing entirely.
    if (nodesChanged) lastNodes = nodes;
    if (edgesChanged) lastEdges = edges;
    lastGeometry = geometry;
    return { nodes: lastNodes, edges: lastEdges, geometry: lastGeometry };
  };
}
