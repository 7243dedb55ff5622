import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateMap } from "../../../bench/generate-map";
import { filePositions } from "../../../src/layout/geometry";
import { layoutForPositions } from "../../../src/layout/layout-map";
import type { MapLayout, Rect } from "../../../src/layout/types";
import type { HandoffMap } from "../../../src/model/types";
import { createFlowAdapter, type FlowInput } from "../../../src/ui/canvas/flow-adapter";
import { nextWindow, routeOverlaps, viewRect } from "../../../src/ui/canvas/view-window";

const none = new Set<string>();

/** A 120-step map, every step placed, and its layout. */
function given(): { map: HandoffMap; layout: MapLayout; input: FlowInput } {
  const base = generateMap({ steps: 120, seed: 5 });
  const first = layoutForPositions(base);
  const positions = filePositions(first, new Map(base.steps.map((s) => [s.id, s.lane])));
  const map = { ...base, steps: base.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
  const layout = layoutForPositions(map);
  return {
    map,
    layout,
    input: { map, layout, selectedSteps: none, selectedHandoffs: none, dragPositions: new Map() },
  };
}

function touches(w: Rect, r: Rect): boolean {
  return r.x <= w.x + w.width && r.x + r.width >= w.x && r.y <= w.y + w.height && r.y + r.height >= w.y;
}

describe("flow adapter, given a window around the view", () => {
  it("makes nodes for the steps in the window and the ends of its handoffs only, and edges only between them", () => {
    const { layout, input } = given();
    const window = { x: layout.laneHeaderWidth, y: layout.phaseHeaderHeight, width: 900, height: 500 };
    const { nodes, edges } = createFlowAdapter()({ ...input, viewWindow: window });
    const ids = new Set(nodes.map((n) => n.id));
    for (const box of layout.steps) if (touches(window, box)) expect(ids.has(box.id)).toBe(true);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.length).toBeLessThan(layout.steps.length / 2);
    for (const edge of edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
    }
    // A node outside the window is there only as the end of a handoff handed out.
    const ends = new Set(edges.flatMap((e) => [e.source, e.target]));
    for (const node of nodes) {
      const inside = touches(window, { ...node.position, width: node.width ?? 0, height: node.height ?? 0 });
      expect(inside || ends.has(node.id)).toBe(true);
    }
  });

  it("keeps the selected steps and handoffs, the dragged steps and the step being renamed, wherever they are", () => {
    const { map, layout, input } = given();
    const window = { x: layout.laneHeaderWidth, y: layout.phaseHeaderHeight, width: 400, height: 300 };
    const far = [...layout.steps].sort((a, b) => b.x + b.y - (a.x + a.y));
    const [selected, dragged, editing] = far;
    const handoff = map.handoffs.find(
      (h) => ![selected?.id, dragged?.id, editing?.id].includes(h.from) && h.from !== h.to,
    );
    if (selected === undefined || dragged === undefined || editing === undefined || handoff === undefined)
      throw new Error("map too small");
    const { nodes, edges } = createFlowAdapter()({
      ...input,
      viewWindow: window,
      selectedSteps: new Set([selected.id]),
      selectedHandoffs: new Set([handoff.id]),
      dragPositions: new Map([[dragged.id, { x: dragged.x, y: dragged.y + 40 }]]),
      editing: editing.id,
    });
    const ids = new Set(nodes.map((n) => n.id));
    for (const id of [selected.id, dragged.id, editing.id, handoff.from, handoff.to])
      expect(ids.has(id)).toBe(true);
    expect(edges.map((e) => e.id)).toContain(handoff.id);
  });

  it("hands every step and handoff over without a window, and the same arrays for the same window again", () => {
    const { map, layout, input } = given();
    const adapt = createFlowAdapter();
    const all = adapt(input);
    expect(all.nodes).toHaveLength(map.steps.length);
    expect(all.edges).toHaveLength(map.handoffs.length);
    const window = { x: 0, y: 0, width: 800, height: 600 };
    const first = adapt({ ...input, viewWindow: window });
    const again = adapt({ ...input, viewWindow: { ...window } });
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
    // Nodes that stay in view across windows are the same objects (React Flow compares by reference).
    const wider = adapt({ ...input, viewWindow: { ...window, width: layout.width } });
    const before = new Map(first.nodes.map((n) => [n.id, n]));
    for (const node of wider.nodes) if (before.has(node.id)) expect(node).toBe(before.get(node.id));
  });

  it("property: whatever the window, every edge joins two nodes handed out and every step in the window is one", () => {
    const { layout, input } = given();
    const adapt = createFlowAdapter();
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: layout.width }),
        fc.integer({ min: -500, max: layout.height }),
        fc.integer({ min: 50, max: 3000 }),
        fc.integer({ min: 50, max: 2000 }),
        (x, y, width, height) => {
          const window = { x, y, width, height };
          const { nodes, edges } = adapt({ ...input, viewWindow: window });
          const ids = new Set(nodes.map((n) => n.id));
          for (const edge of edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
          for (const box of layout.steps) if (touches(window, box)) expect(ids.has(box.id)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 20261206 },
    );
  });
});

describe("view window", () => {
  it("is the view widened by half its size on each side, and stays the same object while the view is well inside it", () => {
    const view = viewRect([-1000, -500, 0.5], 1200, 700);
    expect(view).toEqual({ x: 2000, y: 1000, width: 2400, height: 1400 });
    const window = nextWindow(null, view);
    expect(window).toEqual({ x: 800, y: 300, width: 4800, height: 2800 });
    expect(nextWindow(window, { ...view, x: view.x + 600 })).toBe(window);
    expect(nextWindow(window, { ...view, x: view.x + 1200 })).not.toBe(window);
  });

  it("is made afresh after zooming out past it, and after zooming in a long way", () => {
    const view = viewRect([0, 0, 1], 1200, 700);
    const window = nextWindow(null, view);
    expect(nextWindow(window, viewRect([0, 0, 0.6], 1200, 700))).not.toBe(window);
    const zoomedIn = nextWindow(window, viewRect([-600, -350, 2.5], 1200, 700));
    expect(zoomedIn).not.toBe(window);
    expect(zoomedIn.width).toBeLessThan(window.width);
  });

  it("counts a route as near when its label block, which sits beside it, could reach into the window", () => {
    // A vertical route at x = 1000 from y = 0 to 400; its label block can sit up to ~64 px beside it.
    const path = [1000, 0, 1000, 400];
    expect(routeOverlaps({ x: 1050, y: 100, width: 300, height: 200 }, path)).toBe(true);
    expect(routeOverlaps({ x: 1200, y: 100, width: 300, height: 200 }, path)).toBe(false);
    expect(routeOverlaps({ x: 0, y: 480, width: 2000, height: 100 }, path)).toBe(true);
    expect(routeOverlaps({ x: 0, y: 600, width: 2000, height: 100 }, path)).toBe(false);
  });
});
