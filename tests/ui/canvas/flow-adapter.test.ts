import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../src/export/render-svg";
import { filePositions } from "../../../src/layout/geometry";
import { measureHandoffLabel } from "../../../src/layout/handoff-label";
import { firstPaintLayout, layoutForPositions } from "../../../src/layout/layout-map";
import type { MapLayout } from "../../../src/layout/types";
import { addEdgeCase, connect, reconnect, updateStep } from "../../../src/model/operations";
import { registerRows } from "../../../src/model/register-rows";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { createFlowAdapter, type FlowInput } from "../../../src/ui/canvas/flow-adapter";
import { byAttr, childrenNamed, num, parseSvg } from "../../export/svg-tree";

const none = new Set<string>();

function given(): { map: HandoffMap; layout: MapLayout; input: FlowInput } {
  const map = createRevOpsTemplate();
  const layout = layoutForPositions(map);
  return {
    map,
    layout,
    input: { map, layout, selectedSteps: none, selectedHandoffs: none, dragPositions: new Map() },
  };
}

/** The map with every step placed where the layout put it, as a saved map is. */
function placedMap(map: HandoffMap, layout: MapLayout): HandoffMap {
  const positions = filePositions(layout, new Map(map.steps.map((s) => [s.id, s.lane])));
  return { ...map, steps: map.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
}

describe("flow adapter", () => {
  it("maps every step to a step node at its layout box, with explicit size and handles", () => {
    const { map, layout, input } = given();
    const { nodes } = createFlowAdapter()(input);
    expect(nodes.map((n) => n.id)).toEqual(map.steps.map((s) => s.id));
    for (const node of nodes) {
      const box = layout.steps.find((b) => b.id === node.id);
      expect(box).toBeDefined();
      expect(node.type).toBe("step");
      expect(node.position.x).toBeCloseTo(box?.x ?? Number.NaN, 5);
      expect(node.position.y).toBeCloseTo(box?.y ?? Number.NaN, 5);
      expect(node.width).toBe(box?.width);
      expect(node.measured).toEqual({ width: box?.width, height: box?.height });
      expect(node.handles?.map((h) => h.type)).toEqual(["target", "source"]);
      expect(node.data.step).toBe(map.steps.find((s) => s.id === node.id));
    }
  });

  it("lets only a selected handoff's ends be dragged to other steps", () => {
    const { map, input } = given();
    const picked = map.handoffs[2]?.id ?? "";
    const adapt = createFlowAdapter();
    expect(adapt(input).edges.every((edge) => edge.reconnectable === false)).toBe(true);
    const { edges } = adapt({ ...input, selectedHandoffs: new Set([picked]) });
    expect(edges.filter((edge) => edge.reconnectable === true).map((edge) => edge.id)).toEqual([picked]);
  });

  it("maps every handoff to an edge, with its route in the geometry, and marks cross-lane ones", () => {
    const { map, layout, input } = given();
    const { edges, geometry } = createFlowAdapter()(input);
    expect(edges.map((e) => e.id)).toEqual(map.handoffs.map((h) => h.id));
    const laneOf = new Map(map.steps.map((s) => [s.id, s.lane]));
    for (const edge of edges) {
      const handoff = map.handoffs.find((h) => h.id === edge.id);
      expect(edge.source).toBe(handoff?.from);
      expect(edge.target).toBe(handoff?.to);
      expect(geometry.get(edge.id)?.route).toBe(layout.handoffs.find((r) => r.id === edge.id));
      expect(edge.data?.crossLane).toBe(laneOf.get(edge.source) !== laneOf.get(edge.target));
    }
    expect(edges.some((e) => e.data?.crossLane)).toBe(true);
    expect(edges.some((e) => !e.data?.crossLane)).toBe(true);
  });

  it("returns the very same arrays when nothing changed", () => {
    const { input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    const second = adapt({ ...input, selectedSteps: new Set(), dragPositions: new Map() });
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
    expect(second.geometry).toBe(first.geometry);
  });

  it("given a new layout that moves routes, then the edges stay the same objects and only the geometry changes", () => {
    const { map, input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    // A taller first lane pushes every lane below it down: most routes move.
    const step = map.steps.find((s) => s.lane === map.lanes[0]?.id);
    if (step === undefined) throw new Error("template changed");
    const taller = updateStep(map, step.id, { position: { x: step.position?.x ?? 0, y: 400 } });
    const relaid = layoutForPositions(taller);
    const second = adapt({ ...input, map: taller, layout: relaid });
    const moved = second.edges.filter((e) => second.geometry.get(e.id) !== first.geometry.get(e.id));
    expect(moved.length).toBeGreaterThan(map.handoffs.length / 2);
    for (const edge of moved) {
      expect(second.geometry.get(edge.id)?.route).toBe(relaid.handoffs.find((r) => r.id === edge.id));
      expect(edge).toBe(first.edges.find((e) => e.id === edge.id));
    }
    expect(second.edges).toBe(first.edges);
  });

  it("gives a new object only to the step that changed (an unchanged step keeps its node)", () => {
    const { map, input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    const target = map.steps[3];
    if (target === undefined) throw new Error("template too small");
    const edited = updateStep(map, target.id, { label: "Renamed step" });
    const second = adapt({ ...input, map: edited });
    expect(second.nodes).not.toBe(first.nodes);
    second.nodes.forEach((node, i) => {
      if (node.id === target.id) expect(node).not.toBe(first.nodes[i]);
      else expect(node).toBe(first.nodes[i]);
    });
    // The layout was not re-run for the new label: its old lines are not used for it.
    expect(second.nodes.find((n) => n.id === target.id)?.data.lines).toBeNull();
    expect(second.edges).toBe(first.edges);
  });

  it("finds the last call's nodes and edges by id, not by place: reordered lists keep every object", () => {
    const { map, layout, input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    // Steps reversed (handoffs keep their order: it numbers the edge-case flags).
    const reversed: HandoffMap = { ...map, steps: [...map.steps].reverse() };
    // The layout's lists in yet another order than the map's.
    const rotated: MapLayout = {
      ...layout,
      steps: [...layout.steps.slice(3), ...layout.steps.slice(0, 3)],
      handoffs: [...layout.handoffs.slice(5), ...layout.handoffs.slice(0, 5)],
    };
    const second = adapt({ ...input, map: reversed, layout: rotated });
    expect(second.nodes.map((n) => n.id)).toEqual(reversed.steps.map((s) => s.id));
    for (const node of second.nodes) expect(node).toBe(first.nodes.find((n) => n.id === node.id));
    for (const edge of second.edges) expect(edge).toBe(first.edges.find((e) => e.id === edge.id));
    for (const [id, geometry] of second.geometry) expect(geometry).toBe(first.geometry.get(id));
  });

  it("selecting one step re-creates only that node", () => {
    const { map, input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    const id = map.steps[0]?.id ?? "";
    const second = adapt({ ...input, selectedSteps: new Set([id]) });
    second.nodes.forEach((node, i) => {
      if (node.id === id) {
        expect(node.selected).toBe(true);
        expect(node).not.toBe(first.nodes[i]);
      } else expect(node).toBe(first.nodes[i]);
    });
  });

  it("while dragging, moves only the dragged node and drops the route of its handoffs", () => {
    const { map, input } = given();
    const adapt = createFlowAdapter();
    const first = adapt(input);
    const dragged = map.handoffs[0]?.from ?? "";
    const second = adapt({ ...input, dragPositions: new Map([[dragged, { x: 999, y: 555 }]]) });
    second.nodes.forEach((node, i) => {
      if (node.id === dragged) expect(node.position).toEqual({ x: 999, y: 555 });
      else expect(node).toBe(first.nodes[i]);
    });
    expect(second.edges).toBe(first.edges);
    for (const edge of second.edges) {
      const touches = edge.source === dragged || edge.target === dragged;
      if (touches) expect(second.geometry.get(edge.id)).toMatchObject({ route: null, labeled: false });
      else expect(second.geometry.get(edge.id)).toBe(first.geometry.get(edge.id));
    }
  });

  it("hands a drag's later frames the same geometry, and the drop the resting geometry again", () => {
    const { map, input } = given();
    const adapt = createFlowAdapter();
    const resting = adapt(input).geometry;
    const dragged = map.handoffs[0]?.from ?? "";
    const frame = (x: number) => adapt({ ...input, dragPositions: new Map([[dragged, { x, y: 555 }]]) });
    const first = frame(900);
    const second = frame(950);
    expect(first.geometry).not.toBe(resting);
    expect(second.geometry).toBe(first.geometry);
    const dropped = adapt(input);
    expect(dropped.geometry).toBe(resting);
  });

  it("draws a handoff added or reconnected since the layout ran without a route, until it is routed", () => {
    const { map, layout, input } = given();
    const adapt = createFlowAdapter();
    const before = adapt(input);
    const reconnected = map.handoffs[1];
    const other = map.steps.find((s) => s.id !== reconnected?.from && s.id !== reconnected?.to);
    if (reconnected === undefined || other === undefined) throw new Error("template changed");
    let edited = reconnect(map, reconnected.id, { to: other.id });
    edited = connect(edited, { from: other.id, to: reconnected.from });
    const added = edited.handoffs.at(-1)?.id ?? "";
    // The old layout: its route for the reconnected handoff joins the steps it joined before.
    const stale = adapt({ ...input, map: edited });
    expect(stale.geometry.get(reconnected.id)).toMatchObject({ route: null, labeled: false });
    expect(stale.geometry.get(added)).toMatchObject({ route: null, labeled: false });
    for (const handoff of map.handoffs)
      if (handoff.id !== reconnected.id)
        expect(stale.geometry.get(handoff.id)).toBe(before.geometry.get(handoff.id));
    // The new layout routes both.
    const relaid = layoutForPositions(edited);
    const routed = adapt({ ...input, map: edited, layout: relaid });
    expect(routed.geometry.get(reconnected.id)?.route).toBe(
      relaid.handoffs.find((r) => r.id === reconnected.id),
    );
    expect(routed.geometry.get(added)?.route).toBe(relaid.handoffs.find((r) => r.id === added));
    expect(layout).not.toBe(relaid);
  });

  it("counts the edge cases on a step's handoffs and colors by the highest open severity", () => {
    const { map, layout } = given();
    const handoff = map.handoffs.find((h) => h.edgeCases.length === 0) ?? map.handoffs[0];
    if (handoff === undefined) throw new Error("template has no handoffs");
    const withCase = addEdgeCase(map, handoff.id, { title: "Lost in transit", severity: "critical" });
    const { nodes, edges } = createFlowAdapter()({
      map: withCase,
      layout,
      selectedSteps: none,
      selectedHandoffs: none,
      dragPositions: new Map(),
    });
    const expected = withCase.handoffs
      .filter((h) => h.from === handoff.from || h.to === handoff.from)
      .reduce((sum, h) => sum + h.edgeCases.length, 0);
    const source = nodes.find((n) => n.id === handoff.from);
    expect(source?.data.edgeCaseCount).toBe(expected);
    expect(source?.data.severity).toBe("critical");
    expect(edges.find((e) => e.id === handoff.id)?.data?.severity).toBe("critical");
  });

  it("draws a placed step from its file position even before the new layout arrives", () => {
    const { map, layout, input } = given();
    const step = map.steps[1];
    if (step === undefined) throw new Error("template too small");
    const moved = updateStep(map, step.id, { position: { x: 40, y: 8 } });
    const { nodes } = createFlowAdapter()({ ...input, map: moved });
    const band = layout.lanes.find((b) => b.id === step.lane);
    expect(nodes.find((n) => n.id === step.id)?.position).toEqual({
      x: layout.laneHeaderWidth + 40,
      y: (band?.y ?? 0) + 8,
    });
  });

  it("without a layout, draws only steps it can place (none) and edges without routes", () => {
    const { input } = given();
    const { nodes, edges, geometry } = createFlowAdapter()({ ...input, layout: null });
    expect(nodes).toEqual([]);
    expect(edges.length).toBeGreaterThan(0);
    // No geometry at all: the edges wait for a layout (HandoffEdge draws nothing).
    expect(geometry.size).toBe(0);
  });

  it("given a first-paint layout without routes, then every step is drawn and the handoffs wait for their routes", () => {
    const { map, layout, input } = given();
    const placed = placedMap(map, layout);
    const quick = firstPaintLayout(placed);
    if (quick === null) throw new Error("every step is placed");
    expect(quick.unrouted).toBe(true);
    expect(quick.handoffs).toEqual([]);
    const adapt = createFlowAdapter();
    const first = adapt({ ...input, map: placed, layout: quick });
    expect(first.nodes.map((n) => n.id)).toEqual(placed.steps.map((s) => s.id));
    expect(first.geometry.size).toBe(0);
    // The full layout arrives: same boxes, so the same nodes; now every handoff has its route.
    const full = layoutForPositions(placed);
    const second = adapt({ ...input, map: placed, layout: full });
    expect(second.geometry.size).toBe(placed.handoffs.length);
    for (const route of full.handoffs) expect(second.geometry.get(route.id)?.route).toBe(route);
    second.nodes.forEach((node, i) => {
      expect(node.position).toEqual(first.nodes[i]?.position);
    });
  });

  it("hands each step node the layout's face (text area and systems chips) to draw, as the SVG does", () => {
    const { layout, input } = given();
    const { nodes } = createFlowAdapter()(input);
    for (const node of nodes) {
      const box = layout.steps.find((b) => b.id === node.id);
      expect(node.data.face?.textArea).toEqual(box?.textArea);
      expect(node.data.face?.systems).toEqual(box?.systems);
    }
    expect(nodes.some((n) => (n.data.face?.systems?.chips.length ?? 0) > 1)).toBe(true);
  });

  it("drops a step's face when its systems changed after the layout ran (no stale chips)", () => {
    const { map, input } = given();
    const step = map.steps.find((s) => s.systems.length > 0);
    if (step === undefined) throw new Error("template has no systems");
    const edited = updateStep(map, step.id, { systems: [...step.systems, "Data warehouse"] });
    const { nodes } = createFlowAdapter()({ ...input, map: edited });
    expect(nodes.find((n) => n.id === step.id)?.data.face).toBeNull();
  });

  it("numbers the flags as the register does and puts each label block where the SVG export puts it", () => {
    const { map, layout, input } = given();
    const { edges, geometry } = createFlowAdapter()(input);
    const rows = registerRows(map);
    const root = parseSvg(renderSvg(map, layout));
    const groups = byAttr(root, "data-handoff-id");
    for (const handoff of map.handoffs) {
      const edge = edges.find((e) => e.id === handoff.id);
      const labels = rows.filter((r) => r.handoff.id === handoff.id).map((r) => r.label);
      if (labels.length === 0) expect(edge?.data?.flagText).toBeNull();
      else for (const label of labels) expect(edge?.data?.flagText).toContain(label);
      if (handoff.label.trim() === "") continue;
      // The SVG's label halo is the group's first rect: top-left of the block, centered on it.
      const group = groups.get(handoff.id);
      const halo = group === undefined ? undefined : childrenNamed(group, "rect")[0];
      const placed = geometry.get(handoff.id);
      if (halo === undefined || placed?.labeled !== true) throw new Error(`no label for ${handoff.id}`);
      const at = { x: placed.labelX, y: placed.labelY };
      const size = measureHandoffLabel(handoff.label, edge?.data?.flagText ?? null);
      expect(num(halo, "y")).toBeCloseTo(at.y, 1);
      expect(num(halo, "x")).toBeCloseTo(at.x + size.width / 2 - size.labelWidth / 2, 1);
    }
  });
});
