/**
 * A map as BPMN 2.0 XML: one collaboration with one pool (the map), a lane per lane, a flow node
 * per step, a sequence flow per handoff, a group per phase, a text annotation per edge case, and
 * a complete BPMNDI diagram drawn from Handoff's own layout. Pure and deterministic: map and
 * layout in, string out (docs/bpmn.md has the mapping).
 *
 * What BPMN has no place for goes into Handoff's extension elements (handoff-moddle-package.ts),
 * so import-bpmn.ts restores the map exactly.
 *
 * To pass bpmnlint's recommended rules, a step that is not a decision but hands off to several
 * steps forks through a gateway Handoff adds (an implicit split is an error there), and a decision
 * that is also joined by several handoffs is entered through a joining gateway (a gateway may not
 * both join and fork). Both are marked `handoff:generated` and disappear again on import.
 */
import type { HandoffRoute, MapLayout, Point, Rect, StepBox } from "../layout/types";
import { CONTRACT_FIELDS } from "../model/contract";
import type { EdgeCase, Handoff, HandoffMap, Step, StepKind } from "../model/types";
import { HANDOFF_BPMN_NAMESPACE } from "./handoff-moddle-package";
import { createBpmnIdAllocator } from "./ids";
import { encodeExtensionText, xmlAttr, xmlText } from "./xml-text";

export interface BpmnExportOptions {
  /**
   * Written as `exporterVersion`; default: the version of Handoff's BPMN mapping, "1", so the CLI
   * and the editor write the same bytes for the same map and layout.
   */
  exporterVersion?: string;
}

const ELEMENT: Record<StepKind, { tag: string; prefix: string }> = {
  start: { tag: "startEvent", prefix: "Event" },
  end: { tag: "endEvent", prefix: "Event" },
  decision: { tag: "exclusiveGateway", prefix: "Gateway" },
  task: { tag: "task", prefix: "Activity" },
};

/** BPMN's usual sizes: events are 36 px circles, gateways 50 px diamonds, labels below them. */
const EVENT_SIZE = 36;
const GATEWAY_SIZE = 50;
const GENERATED_GATEWAY_SIZE = 36;
/** Pool and lane name bands, as bpmn-js draws them. */
const NAME_BAND = 30;
const ANNOTATION_WIDTH = 220;
const ANNOTATION_GAP = 16;
const ANNOTATION_MARGIN = 40;
/** Rough text metrics of the 11 px Arial that BPMN viewers use, for label and annotation boxes. */
const CHAR_WIDTH = 6.2;
const LINE_HEIGHT = 14;

/** A BPMN-side flow node: a step, or a gateway Handoff adds. */
interface Node {
  bpmnId: string;
  bounds: Rect;
  incoming: string[];
  outgoing: string[];
}

interface Flow {
  bpmnId: string;
  source: string;
  target: string;
  name: string;
  waypoints: Point[];
  handoff?: Handoff;
  /** For a flow Handoff adds: the step whose gateway it joins. */
  generatedFor?: string;
}

/**
 * Builds the BPMN XML.
 *
 * @example
 * const result = await runLayout(map);
 * if (result.ok) writeFile("map.bpmn", exportBpmn(map, result.layout));
 */
export function exportBpmn(map: HandoffMap, layout: MapLayout, options: BpmnExportOptions = {}): string {
  const ids = createBpmnIdAllocator();
  const boxes = new Map(layout.steps.map((box) => [box.id, box]));
  const routes = new Map(layout.handoffs.map((route) => [route.id, route]));
  const laneIds = new Map(map.lanes.map((lane) => [lane.id, ids.next("Lane", lane.id)]));
  const phaseIds = new Map(
    map.phases.map((phase) => [
      phase.id,
      { group: ids.next("Group", phase.id), value: ids.next("CategoryValue", phase.id) },
    ]),
  );

  const nodes = new Map<string, Node>();
  const stepNodes = new Map<string, Node>();
  for (const step of map.steps) {
    const node: Node = {
      bpmnId: ids.next(ELEMENT[step.kind].prefix, step.id),
      bounds: shapeBounds(step.kind, boxes.get(step.id) ?? fallbackBox(step, layout)),
      incoming: [],
      outgoing: [],
    };
    nodes.set(node.bpmnId, node);
    stepNodes.set(step.id, node);
  }

  const outgoingCount = countBy(map.handoffs, (h) => h.from);
  const incomingCount = countBy(map.handoffs, (h) => h.to);
  const flows: Flow[] = [];
  /** Gateways Handoff adds, keyed by step id: where a step's handoffs leave from / arrive at. */
  const splits = new Map<string, Node>();
  const joins = new Map<string, Node>();
  const generated: { node: Node; step: Step; role: "split" | "join" }[] = [];
  const addFlow = (flow: Flow) => {
    flows.push(flow);
    nodes.get(flow.source)?.outgoing.push(flow.bpmnId);
    nodes.get(flow.target)?.incoming.push(flow.bpmnId);
  };
  for (const step of map.steps) {
    const stepNode = stepNodes.get(step.id);
    if (stepNode === undefined) continue;
    const b = stepNode.bounds;
    const cy = b.y + b.height / 2;
    const half = GENERATED_GATEWAY_SIZE / 2;
    if (step.kind !== "decision" && step.kind !== "end" && (outgoingCount.get(step.id) ?? 0) > 1) {
      const gateway: Node = {
        bpmnId: ids.next("Gateway_split", step.id),
        bounds: { x: b.x + b.width + 14, y: cy - half, width: 2 * half, height: 2 * half },
        incoming: [],
        outgoing: [],
      };
      nodes.set(gateway.bpmnId, gateway);
      splits.set(step.id, gateway);
      generated.push({ node: gateway, step, role: "split" });
      addFlow({
        bpmnId: ids.next("Flow_split", step.id),
        source: stepNode.bpmnId,
        target: gateway.bpmnId,
        name: "",
        generatedFor: step.id,
        waypoints: [
          { x: b.x + b.width, y: cy },
          { x: gateway.bounds.x, y: cy },
        ],
      });
    }
    if (
      step.kind === "decision" &&
      (incomingCount.get(step.id) ?? 0) > 1 &&
      (outgoingCount.get(step.id) ?? 0) > 1
    ) {
      const gateway: Node = {
        bpmnId: ids.next("Gateway_join", step.id),
        bounds: { x: b.x - 14 - 2 * half, y: cy - half, width: 2 * half, height: 2 * half },
        incoming: [],
        outgoing: [],
      };
      nodes.set(gateway.bpmnId, gateway);
      joins.set(step.id, gateway);
      generated.push({ node: gateway, step, role: "join" });
    }
  }
  for (const handoff of map.handoffs) {
    const source = splits.get(handoff.from) ?? stepNodes.get(handoff.from);
    const target = joins.get(handoff.to) ?? stepNodes.get(handoff.to);
    if (source === undefined || target === undefined) continue;
    addFlow({
      bpmnId: ids.next("Flow", handoff.id),
      source: source.bpmnId,
      target: target.bpmnId,
      name: handoff.label,
      waypoints: flowWaypoints(routes.get(handoff.id), source.bounds, target.bounds),
      handoff,
    });
  }
  for (const { node, step, role } of generated) {
    if (role !== "join") continue;
    const decision = stepNodes.get(step.id);
    if (decision === undefined) continue;
    const cy = node.bounds.y + node.bounds.height / 2;
    addFlow({
      bpmnId: ids.next("Flow_join", step.id),
      source: node.bpmnId,
      target: decision.bpmnId,
      name: "",
      generatedFor: step.id,
      waypoints: [
        { x: node.bounds.x + node.bounds.width, y: cy },
        { x: decision.bounds.x, y: cy },
      ],
    });
  }

  const pool = poolBounds(layout);
  const flowIdOf = new Map(
    flows.flatMap((f) => (f.handoff === undefined ? [] : [[f.handoff.id, f.bpmnId] as const])),
  );
  const annotations = placeAnnotations(map, routes, ids, pool, flowIdOf);

  const out = new XmlWriter();
  out.open("bpmn:definitions", [
    ["xmlns:bpmn", "http://www.omg.org/spec/BPMN/20100524/MODEL"],
    ["xmlns:bpmndi", "http://www.omg.org/spec/BPMN/20100524/DI"],
    ["xmlns:dc", "http://www.omg.org/spec/DD/20100524/DC"],
    ["xmlns:di", "http://www.omg.org/spec/DD/20100524/DI"],
    ["xmlns:handoff", HANDOFF_BPMN_NAMESPACE],
    ["id", "Definitions_handoff"],
    ["targetNamespace", "https://handoff.dev/bpmn/maps"],
    ["exporter", "Handoff"],
    ["exporterVersion", options.exporterVersion ?? "1"],
  ]);

  if (map.phases.length > 0) {
    out.open("bpmn:category", [["id", "Category_phases"]]);
    for (const phase of map.phases)
      out.leaf("bpmn:categoryValue", [
        ["id", phaseIds.get(phase.id)?.value ?? ""],
        ["value", phase.name],
      ]);
    out.close();
  }

  out.open("bpmn:collaboration", [["id", "Collaboration_handoff"]]);
  out.leaf("bpmn:participant", [
    ["id", "Participant_handoff"],
    ["name", map.title],
    ["processRef", "Process_handoff"],
  ]);
  out.close();

  out.open("bpmn:process", [
    ["id", "Process_handoff"],
    ["name", map.title],
    ["isExecutable", "false"],
  ]);
  documentation(out, map.description);
  extension(out, "handoff:map", [
    ["formatVersion", String(map.version)],
    ["title", map.title],
    ["description", map.description],
    ["lastEdgeCaseNumber", map.lastEdgeCaseNumber],
    ["lint", map.lint === undefined ? undefined : JSON.stringify(map.lint)],
  ]);

  out.open("bpmn:laneSet", [["id", "LaneSet_handoff"]]);
  for (const lane of map.lanes) {
    out.open("bpmn:lane", [
      ["id", laneIds.get(lane.id) ?? ""],
      ["name", lane.name],
    ]);
    extension(out, "handoff:lane", [
      ["id", lane.id],
      ["name", lane.name],
      ["color", lane.color],
    ]);
    for (const step of map.steps)
      if (step.lane === lane.id) out.textLeaf("bpmn:flowNodeRef", stepNodes.get(step.id)?.bpmnId ?? "");
    for (const { node, step } of generated)
      if (step.lane === lane.id) out.textLeaf("bpmn:flowNodeRef", node.bpmnId);
    out.close();
  }
  out.close();

  for (const step of map.steps) {
    const node = stepNodes.get(step.id);
    if (node === undefined) continue;
    out.open(`bpmn:${ELEMENT[step.kind].tag}`, [
      ["id", node.bpmnId],
      ["name", step.label],
    ]);
    documentation(out, step.description);
    out.open("bpmn:extensionElements");
    const stepAttributes: Attributes = [
      ["id", step.id],
      ["lane", step.lane],
      ["phase", step.phase],
      ["label", step.label],
      ["kind", step.kind],
      ["description", step.description],
      ["owner", step.owner],
      ["x", step.position === undefined ? undefined : numberText(step.position.x)],
      ["y", step.position === undefined ? undefined : numberText(step.position.y)],
    ];
    if (step.systems.length === 0) out.leaf("handoff:step", encoded(stepAttributes));
    else {
      out.open("handoff:step", encoded(stepAttributes));
      for (const system of step.systems) out.leaf("handoff:system", encoded([["name", system]]));
      out.close();
    }
    out.close();
    flowRefs(out, node);
    out.close();
  }
  for (const { node, step, role } of generated) {
    out.open("bpmn:exclusiveGateway", [
      ["id", node.bpmnId],
      // A forking exclusive gateway needs a name (bpmnlint label-required); a join does not.
      ["name", role === "split" ? `After ${step.label}` : undefined],
    ]);
    extension(out, "handoff:generated", [["for", step.id]]);
    flowRefs(out, node);
    out.close();
  }
  for (const flow of flows) {
    const attributes: Attributes = [
      ["id", flow.bpmnId],
      ["name", flow.name === "" ? undefined : flow.name],
      ["sourceRef", flow.source],
      ["targetRef", flow.target],
    ];
    const { handoff } = flow;
    if (handoff === undefined) {
      out.open("bpmn:sequenceFlow", attributes);
      extension(out, "handoff:generated", [["for", flow.generatedFor]]);
      out.close();
      continue;
    }
    out.open("bpmn:sequenceFlow", attributes);
    extension(out, "handoff:handoff", [
      ["id", handoff.id],
      ["from", handoff.from],
      ["to", handoff.to],
      ["label", handoff.label],
      ["contract", contractJson(handoff)],
    ]);
    out.close();
  }

  for (const phase of map.phases) {
    const ids = phaseIds.get(phase.id);
    out.open("bpmn:group", [
      ["id", ids?.group ?? ""],
      ["categoryValueRef", ids?.value ?? ""],
    ]);
    extension(out, "handoff:phase", [
      ["id", phase.id],
      ["name", phase.name],
      ["color", phase.color],
    ]);
    out.close();
  }
  for (const annotation of annotations) {
    out.open("bpmn:textAnnotation", [["id", annotation.bpmnId]]);
    extension(out, "handoff:edgeCase", edgeCaseAttributes(annotation.edgeCase, annotation.handoff));
    out.textLeaf("bpmn:text", annotation.text);
    out.close();
  }
  for (const annotation of annotations)
    out.leaf("bpmn:association", [
      ["id", annotation.associationId],
      ["associationDirection", "None"],
      ["sourceRef", annotation.flowId],
      ["targetRef", annotation.bpmnId],
    ]);
  out.close(); // process

  // --- diagram ---------------------------------------------------------------------------------
  out.open("bpmndi:BPMNDiagram", [["id", "BPMNDiagram_handoff"]]);
  out.open("bpmndi:BPMNPlane", [
    ["id", "BPMNPlane_handoff"],
    ["bpmnElement", "Collaboration_handoff"],
  ]);
  shape(out, "Participant_handoff", pool, { horizontal: true });
  for (const band of layout.lanes) {
    const id = laneIds.get(band.id);
    if (id === undefined) continue;
    shape(
      out,
      id,
      { x: pool.x + NAME_BAND, y: band.y, width: pool.width - NAME_BAND, height: band.height },
      { horizontal: true },
    );
  }
  for (const column of layout.phases) {
    const phaseIdsFor = phaseIds.get(column.id);
    const phase = map.phases.find((p) => p.id === column.id);
    if (phaseIdsFor === undefined || phase === undefined) continue;
    const inset = 6;
    shape(
      out,
      phaseIdsFor.group,
      {
        x: column.x + inset,
        y: pool.y + inset,
        width: Math.max(1, column.width - 2 * inset),
        height: Math.max(1, pool.height - 2 * inset),
      },
      { label: labelBox(phase.name, { x: column.x + column.width / 2, y: pool.y - 22 }, column.width - 12) },
    );
  }
  for (const step of map.steps) {
    const node = stepNodes.get(step.id);
    if (node === undefined) continue;
    const b = node.bounds;
    // Events and gateways carry their names below them, as BPMN viewers draw them.
    const label =
      step.kind === "task"
        ? undefined
        : labelBox(step.label, { x: b.x + b.width / 2, y: b.y + b.height + 4 + LINE_HEIGHT / 2 }, 120, "top");
    shape(out, node.bpmnId, b, { label, marker: step.kind === "decision" });
  }
  for (const { node, step, role } of generated) {
    const b = node.bounds;
    // Above the gateway: below it is where the step's own handoffs usually leave.
    const label =
      role === "split"
        ? labelBox(`After ${step.label}`, { x: b.x + b.width / 2, y: b.y - 20 }, 110)
        : undefined;
    shape(out, node.bpmnId, b, { marker: true, label });
  }
  for (const flow of flows) {
    const route = flow.handoff === undefined ? undefined : routes.get(flow.handoff.id);
    const label =
      flow.name === "" || route === undefined ? undefined : labelBox(flow.name, route.labelAnchor, 150);
    edge(out, flow.bpmnId, flow.waypoints, label);
  }
  for (const annotation of annotations) {
    shape(out, annotation.bpmnId, annotation.bounds);
    edge(out, annotation.associationId, [
      annotation.anchor,
      { x: annotation.bounds.x + annotation.bounds.width / 2, y: annotation.bounds.y },
    ]);
  }
  out.close();
  out.close();
  out.close(); // definitions
  return out.toString();
}

// --- geometry ------------------------------------------------------------------------------------

/** The pool: its name band left of the lanes' name bands, its lanes the full layout width. */
function poolBounds(layout: MapLayout): Rect {
  const x = layout.laneHeaderWidth - 2 * NAME_BAND;
  const top = layout.lanes[0]?.y ?? layout.phaseHeaderHeight;
  const last = layout.lanes.at(-1);
  const bottom = last === undefined ? top + 100 : last.y + last.height;
  return { x, y: top, width: Math.max(layout.width - x, 3 * NAME_BAND), height: Math.max(bottom - top, 60) };
}

/** Where a step the layout did not place is drawn: the top-left of its lane. Never expected. */
function fallbackBox(step: Step, layout: MapLayout): StepBox {
  const band = layout.lanes.find((l) => l.id === step.lane);
  return {
    id: step.id,
    x: layout.laneHeaderWidth + 20,
    y: (band?.y ?? 0) + 20,
    width: 120,
    height: 48,
    lines: [step.label],
    truncated: false,
  };
}

/** A step's BPMN shape: its layout box for a task, a standard-size event or gateway centred on it. */
function shapeBounds(kind: StepKind, box: Rect): Rect {
  if (kind === "task") return { x: box.x, y: box.y, width: box.width, height: box.height };
  const size = kind === "decision" ? GATEWAY_SIZE : EVENT_SIZE;
  return {
    x: box.x + box.width / 2 - size / 2,
    y: box.y + box.height / 2 - size / 2,
    width: size,
    height: size,
  };
}

function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** The middle of the side of `r` that faces `p`. */
function sideFacing(r: Rect, p: Point): Point {
  const c = center(r);
  const dx = p.x - c.x;
  const dy = p.y - c.y;
  if (Math.abs(dx) * r.height >= Math.abs(dy) * r.width) return { x: dx >= 0 ? r.x + r.width : r.x, y: c.y };
  return { x: c.x, y: dy >= 0 ? r.y + r.height : r.y };
}

function onBorder(r: Rect, p: Point): boolean {
  const within = (v: number, a: number, b: number) => v >= a - 0.5 && v <= b + 0.5;
  const inX = within(p.x, r.x, r.x + r.width);
  const inY = within(p.y, r.y, r.y + r.height);
  const near = (v: number, edge: number) => Math.abs(v - edge) <= 0.5;
  return (
    (inY && (near(p.x, r.x) || near(p.x, r.x + r.width))) ||
    (inX && (near(p.y, r.y) || near(p.y, r.y + r.height)))
  );
}

/** An orthogonal joint from `from` to `to` (one elbow), without repeated points. */
function elbow(from: Point, to: Point, horizontalFirst: boolean): Point[] {
  if (from.x === to.x || from.y === to.y) return [from, to];
  return [from, horizontalFirst ? { x: to.x, y: from.y } : { x: from.x, y: to.y }, to];
}

/**
 * The layout's route, made to start on the source's BPMN shape and end on the target's (events
 * and gateways are smaller than the layout's boxes; a generated gateway stands beside its step).
 */
function flowWaypoints(route: HandoffRoute | undefined, source: Rect, target: Rect): Point[] {
  const points: Point[] = [];
  const path = route?.path ?? [];
  for (let i = 0; i + 1 < path.length; i += 2) points.push({ x: path[i] ?? 0, y: path[i + 1] ?? 0 });
  if (points.length < 2) {
    const a = center(source);
    const b = center(target);
    return [sideFacing(source, b), sideFacing(target, a)];
  }
  const first = points[0] as Point;
  if (!onBorder(source, first)) {
    const exit = sideFacing(source, first);
    const horizontal = exit.y === center(source).y;
    points.splice(0, 1, ...elbow(exit, first, horizontal));
  }
  const last = points.at(-1) as Point;
  if (!onBorder(target, last)) {
    const entry = sideFacing(target, last);
    const horizontal = entry.y === center(target).y;
    points.splice(points.length - 1, 1, ...elbow(last, entry, !horizontal));
  }
  return dedupe(points);
}

function dedupe(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p.x !== points[i - 1]?.x || p.y !== points[i - 1]?.y);
}

interface PlacedAnnotation {
  bpmnId: string;
  associationId: string;
  flowId: string;
  edgeCase: EdgeCase;
  handoff: Handoff;
  text: string;
  bounds: Rect;
  anchor: Point;
}

/** "EC-3 [HIGH] Title — mitigation", what a BPMN reader sees of an edge case. */
export function annotationText(edgeCase: EdgeCase): string {
  const number = edgeCase.number === undefined ? "" : `EC-${edgeCase.number} `;
  const mitigation = edgeCase.mitigation.trim() === "" ? "" : ` — ${edgeCase.mitigation}`;
  return `${number}[${edgeCase.severity.toUpperCase()}] ${edgeCase.title}${mitigation}`;
}

function textHeight(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor((width - 10) / CHAR_WIDTH));
  const lines = text
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.min(lines, 40) * LINE_HEIGHT + 12;
}

/**
 * Edge-case annotations in rows below the pool, each as near below its handoff's label as the
 * row allows, so the dotted associations run down rather than across; an annotation that would
 * overlap the row's previous one moves to the next row.
 */
function placeAnnotations(
  map: HandoffMap,
  routes: ReadonlyMap<string, HandoffRoute>,
  ids: ReturnType<typeof createBpmnIdAllocator>,
  pool: Rect,
  flowIdOf: ReadonlyMap<string, string>,
): PlacedAnnotation[] {
  const placed: PlacedAnnotation[] = [];
  const top = pool.y + pool.height + ANNOTATION_MARGIN;
  const items = map.handoffs
    .filter((handoff) => flowIdOf.has(handoff.id))
    .flatMap((handoff) =>
      handoff.edgeCases.map((edgeCase) => {
        const route = routes.get(handoff.id);
        const anchor = route?.labelAnchor ?? { x: pool.x + pool.width / 2, y: pool.y + pool.height };
        const text = annotationText(edgeCase);
        return { handoff, edgeCase, anchor, text, height: textHeight(text, ANNOTATION_WIDTH) };
      }),
    );
  // Rows first (by x alone), then each row as tall as its tallest annotation.
  const rowRight: number[] = [];
  const placing = new Map<EdgeCase, { x: number; row: number }>();
  for (const item of [...items].sort((a, b) => a.anchor.x - b.anchor.x)) {
    const x = Math.max(pool.x, Math.round(item.anchor.x - ANNOTATION_WIDTH / 2));
    let row = rowRight.findIndex((right) => right + ANNOTATION_GAP <= x);
    if (row === -1) row = rowRight.push(x) - 1;
    rowRight[row] = x + ANNOTATION_WIDTH;
    placing.set(item.edgeCase, { x, row });
  }
  const rowHeight = rowRight.map(() => 0);
  for (const item of items) {
    const row = placing.get(item.edgeCase)?.row ?? 0;
    rowHeight[row] = Math.max(rowHeight[row] ?? 0, item.height);
  }
  const rowTop: number[] = [];
  rowHeight.reduce((y, height, row) => {
    rowTop[row] = y;
    return y + height + ANNOTATION_GAP;
  }, top);
  const boundsOf = new Map<EdgeCase, Rect>();
  for (const item of items) {
    const at = placing.get(item.edgeCase) ?? { x: pool.x, row: 0 };
    boundsOf.set(item.edgeCase, {
      x: at.x,
      y: rowTop[at.row] ?? top,
      width: ANNOTATION_WIDTH,
      height: item.height,
    });
  }
  for (const item of items) {
    placed.push({
      bpmnId: ids.next("TextAnnotation", item.edgeCase.id),
      associationId: ids.next("Association", item.edgeCase.id),
      flowId: flowIdOf.get(item.handoff.id) ?? "",
      edgeCase: item.edgeCase,
      handoff: item.handoff,
      text: item.text,
      bounds: boundsOf.get(item.edgeCase) ?? { x: pool.x, y: top, width: ANNOTATION_WIDTH, height: 40 },
      anchor: item.anchor,
    });
  }
  return placed;
}

function labelBox(text: string, anchor: Point, maxWidth: number, align: "middle" | "top" = "middle"): Rect {
  const width = Math.max(20, Math.min(maxWidth, Math.ceil(text.length * CHAR_WIDTH) + 4));
  const height = textHeight(text, width) - 12 + 2;
  return {
    x: Math.round(anchor.x - width / 2),
    y: Math.round(align === "top" ? anchor.y - LINE_HEIGHT / 2 : anchor.y - height / 2),
    width,
    height,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// --- XML -----------------------------------------------------------------------------------------

type Attributes = [name: string, value: string | number | undefined][];

/** Indented XML; every attribute value and text escaped here, nowhere else. */
class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private readonly stack: string[] = [];

  private attributes(attributes: Attributes): string {
    return attributes
      .filter((a): a is [string, string | number] => a[1] !== undefined)
      .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
      .join("");
  }

  private indent(): string {
    return "  ".repeat(this.stack.length);
  }

  open(tag: string, attributes: Attributes = []): void {
    this.lines.push(`${this.indent()}<${tag}${this.attributes(attributes)}>`);
    this.stack.push(tag);
  }

  leaf(tag: string, attributes: Attributes = []): void {
    this.lines.push(`${this.indent()}<${tag}${this.attributes(attributes)} />`);
  }

  textLeaf(tag: string, text: string, attributes: Attributes = []): void {
    this.lines.push(`${this.indent()}<${tag}${this.attributes(attributes)}>${xmlText(text)}</${tag}>`);
  }

  close(): void {
    const tag = this.stack.pop();
    this.lines.push(`${this.indent()}</${tag}>`);
  }

  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function encoded(attributes: Attributes): Attributes {
  return attributes.map(([name, value]) => [
    name,
    typeof value === "string" ? encodeExtensionText(value) : value,
  ]);
}

function extension(out: XmlWriter, tag: string, attributes: Attributes): void {
  out.open("bpmn:extensionElements");
  out.leaf(tag, encoded(attributes));
  out.close();
}

/**
 * A handoff's contract (trigger, required data, SLA, owners, system of record, acceptance…) as
 * JSON in one extension attribute: BPMN has no place for any of it, and a round trip keeps it
 * exactly; undefined when the handoff has none.
 */
function contractJson(handoff: Handoff): string | undefined {
  const contract: Record<string, unknown> = {};
  for (const field of CONTRACT_FIELDS) if (handoff[field] !== undefined) contract[field] = handoff[field];
  return Object.keys(contract).length === 0 ? undefined : JSON.stringify(contract);
}

function documentation(out: XmlWriter, text: string): void {
  if (text.trim() !== "") out.textLeaf("bpmn:documentation", text);
}

function flowRefs(out: XmlWriter, node: Node): void {
  for (const id of node.incoming) out.textLeaf("bpmn:incoming", id);
  for (const id of node.outgoing) out.textLeaf("bpmn:outgoing", id);
}

function edgeCaseAttributes(edgeCase: EdgeCase, handoff: Handoff): Attributes {
  return [
    ["id", edgeCase.id],
    ["handoff", handoff.id],
    ["number", edgeCase.number],
    ["title", edgeCase.title],
    ["severity", edgeCase.severity],
    ["status", edgeCase.status],
    ["owner", edgeCase.owner],
    ["mitigation", edgeCase.mitigation],
    ["description", edgeCase.description],
    ["votes", edgeCase.votes],
    ["due", edgeCase.due],
  ];
}

/** -0 is written "-0" (String(-0) is "0"), so positions survive exactly. */
function numberText(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

function shape(
  out: XmlWriter,
  element: string,
  bounds: Rect,
  options: { horizontal?: boolean; label?: Rect; marker?: boolean } = {},
): void {
  out.open("bpmndi:BPMNShape", [
    ["id", `${element}_di`],
    ["bpmnElement", element],
    ["isHorizontal", options.horizontal ? "true" : undefined],
    ["isMarkerVisible", options.marker ? "true" : undefined],
  ]);
  out.leaf("dc:Bounds", boundsAttributes(bounds));
  if (options.label !== undefined) {
    out.open("bpmndi:BPMNLabel");
    out.leaf("dc:Bounds", boundsAttributes(options.label));
    out.close();
  }
  out.close();
}

function edge(out: XmlWriter, element: string, waypoints: Point[], label?: Rect): void {
  out.open("bpmndi:BPMNEdge", [
    ["id", `${element}_di`],
    ["bpmnElement", element],
  ]);
  for (const p of waypoints)
    out.leaf("di:waypoint", [
      ["x", round(p.x)],
      ["y", round(p.y)],
    ]);
  if (label !== undefined) {
    out.open("bpmndi:BPMNLabel");
    out.leaf("dc:Bounds", boundsAttributes(label));
    out.close();
  }
  out.close();
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function boundsAttributes(r: Rect): Attributes {
  return [
    ["x", round(r.x)],
    ["y", round(r.y)],
    ["width", round(r.width)],
    ["height", round(r.height)],
  ];
}
