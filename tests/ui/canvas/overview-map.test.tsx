// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render, screen } from "@testing-library/react";
import { ReactFlow, type ReactFlowInstance, useReactFlow, useStoreApi } from "@xyflow/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import type { SvgTheme } from "../../../src/theme/svg-theme";
import { canvasTheme, PROJECTOR_THEME } from "../../../src/ui/canvas/canvas-theme";
import { createFlowAdapter, type StepFlowNode } from "../../../src/ui/canvas/flow-adapter";
import { OVERVIEW_REDRAW_MS, OverviewMap } from "../../../src/ui/canvas/OverviewMap";

/** A 2D context that records what is drawn (jsdom has no canvas of its own). */
function recordingContext(canvas: HTMLCanvasElement) {
  const rects: Array<{ fill: string; x: number; y: number; width: number; height: number }> = [];
  const draws = { count: 0 };
  const context = {
    canvas,
    fillStyle: "",
    setTransform: () => {},
    // Every drawing starts by clearing the canvas.
    clearRect: () => {
      draws.count++;
      rects.splice(0);
    },
    fillRect(x: number, y: number, width: number, height: number) {
      rects.push({ fill: String(this.fillStyle), x, y, width, height });
    },
  };
  return { context, rects, draws };
}

/** Hands every canvas one recording context; returns what it recorded so far (null: nothing). */
function recordCanvas(): () => ReturnType<typeof recordingContext> | null {
  let recorded: ReturnType<typeof recordingContext> | null = null;
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(function (this: HTMLCanvasElement) {
    recorded ??= recordingContext(this);
    return recorded.context as unknown as CanvasRenderingContext2D;
  } as never);
  return () => recorded;
}

const map = createRevOpsTemplate();
const layout = layoutForPositions(map);
const theme = canvasTheme("light");
const none = new Set<string>();
const { nodes } = createFlowAdapter()({
  map,
  layout,
  selectedSteps: none,
  selectedHandoffs: none,
  dragPositions: new Map(),
});

/** What the React Flow around the overview shows: its instance and its pane's size. */
const flowSeen: {
  instance: ReactFlowInstance<StepFlowNode> | null;
  pane: () => { width: number; height: number };
} = { instance: null, pane: () => ({ width: 0, height: 0 }) };

function Probe() {
  flowSeen.instance = useReactFlow<StepFlowNode>();
  const flow = useStoreApi();
  flowSeen.pane = () => ({ width: flow.getState().width, height: flow.getState().height });
  return null;
}

/** The editor's store on the template, laid out at once (its layout never changes here). */
function editorStore(): EditorStore {
  return createEditorStore({
    map,
    runLayout: async () => ({ ok: true, layout }),
    layoutAtOnce: () => layout,
  });
}

function renderOverview(steps: StepFlowNode[] = nodes, mapWidth = layout.width) {
  const editor = editorStore();
  const view = (list: StepFlowNode[], drawnIn: SvgTheme = theme) => (
    <div style={{ width: 1000, height: 700 }}>
      <ReactFlow<StepFlowNode> nodes={list}>
        <Probe />
        <OverviewMap
          frame={{ ...layout, width: mapWidth }}
          lanes={map.lanes}
          theme={drawnIn}
          editor={editor}
        />
      </ReactFlow>
    </div>
  );
  const result = render(view(steps));
  return {
    ...result,
    editor,
    instance: () => flowSeen.instance,
    pane: () => flowSeen.pane(),
    rerenderWith: (list: StepFlowNode[], drawnIn?: SvgTheme) => result.rerender(view(list, drawnIn)),
  };
}

describe("overview map", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.documentElement.removeAttribute("data-hf-presenting");
  });

  it("draws every lane band and every step, colored by kind, in a panel shaped like the map", () => {
    const recorded = recordCanvas();
    const { container } = renderOverview();
    const canvas = container.querySelector<HTMLCanvasElement>("canvas.hf-overview__steps");
    expect(canvas).not.toBeNull();
    // The panel keeps the map's proportions (within a pixel of rounding).
    const ratio =
      Number.parseFloat(canvas?.style.width ?? "0") / Number.parseFloat(canvas?.style.height ?? "1");
    expect(ratio).toBeCloseTo(layout.width / layout.height, 1);
    const rects = recorded()?.rects ?? [];
    const bandFills = rects.slice(0, layout.lanes.length);
    expect(bandFills).toHaveLength(map.lanes.length);
    const steps = rects.slice(layout.lanes.length);
    expect(steps).toHaveLength(map.steps.length);
    const strokeOf = new Map(Object.entries(theme.kinds).map(([kind, style]) => [style.stroke, kind]));
    const drawnKinds = steps.map((r) => strokeOf.get(r.fill)).sort();
    expect(drawnKinds).toEqual(map.steps.map((s) => s.kind).sort());
    // Every step shows, however small: at least one pixel each way.
    for (const r of steps) expect(Math.min(r.width, r.height)).toBeGreaterThanOrEqual(1);
  });

  it("draws every step of the map though React Flow holds only those near the view, each where its node is", () => {
    const recorded = recordCanvas();
    // React Flow given three steps (the view window), the first of them dragged 200 px right.
    const near = nodes
      .slice(0, 3)
      .map((n, i) => (i === 0 ? { ...n, position: { x: n.position.x + 200, y: n.position.y } } : n));
    renderOverview(near);
    const steps = (recorded()?.rects ?? []).slice(layout.lanes.length);
    expect(steps).toHaveLength(map.steps.length);
    const kx = (recorded()?.context.canvas.width ?? 0) / layout.width;
    const ky = (recorded()?.context.canvas.height ?? 0) / layout.height;
    const at = (p: { x: number; y: number }) => (r: { x: number; y: number }) =>
      r.x === Math.round(p.x * kx) && r.y === Math.round(p.y * ky);
    // The dragged step where its node is; a step React Flow does not hold at its layout box.
    expect(steps.some(at(near[0]?.position ?? { x: -1, y: -1 }))).toBe(true);
    const far = layout.steps.at(-1);
    expect(steps.some(at(far ?? { x: -1, y: -1 }))).toBe(true);
  });

  it("stretches a very wide map to the panel's least height, as the view rectangle does", () => {
    const recorded = recordCanvas();
    // Thirty template widths: the panel is 200 px wide and held at its 36 px minimum height.
    const wide = layout.width * 30;
    const { container } = renderOverview(nodes, wide);
    const canvas = container.querySelector<HTMLCanvasElement>("canvas.hf-overview__steps");
    expect(canvas?.style.width).toBe("200px");
    expect(canvas?.style.height).toBe("36px");
    const kx = 200 / wide;
    const ky = 36 / layout.height;
    const steps = (recorded()?.rects ?? []).slice(layout.lanes.length);
    nodes.forEach((node, i) => {
      // Drawn by kind, so find this node's rectangle by where it must be.
      const at = { x: Math.round(node.position.x * kx), y: Math.round(node.position.y * ky) };
      expect(
        steps.some((r) => r.x === at.x && r.y === at.y),
        `step ${i} at ${at.x},${at.y}`,
      ).toBe(true);
    });
    // The lowest step sits in the panel's lower part, not squeezed into its top few pixels.
    expect(Math.max(...steps.map((r) => r.y + r.height))).toBeGreaterThan(36 * 0.6);
  });

  it("redraws when the steps change and when the theme does (the projector's, presenting)", async () => {
    const recorded = recordCanvas();
    const drawings = () => recorded()?.draws.count ?? 0;
    const { rerenderWith, unmount, editor } = renderOverview();
    const first = drawings();
    // The first step deleted: gone from the map and from React Flow's nodes.
    editor.setState({ map: { ...map, steps: map.steps.slice(1) } });
    rerenderWith(nodes.slice(1));
    // Right after the first drawing: drawn within OVERVIEW_REDRAW_MS.
    await vi.waitFor(() => expect(drawings()).toBeGreaterThan(first), { timeout: 1_000 });
    expect(recorded()?.rects).toHaveLength(layout.lanes.length + nodes.length - 1);
    const second = drawings();
    // Presenting, the editor hands the canvas the projector's theme: redrawn in its colors.
    rerenderWith(nodes.slice(1), PROJECTOR_THEME);
    expect(drawings()).toBeGreaterThan(second);
    const tasks = nodes.slice(1).filter((n) => n.data.step.kind === "task").length;
    expect(PROJECTOR_THEME.kinds.task.stroke).not.toBe(theme.kinds.task.stroke);
    expect(recorded()?.rects.filter((r) => r.fill === PROJECTOR_THEME.kinds.task.stroke)).toHaveLength(tasks);
    unmount();
  });

  it("a step dragged (new nodes every frame): redrawn every 100 ms, not every frame, the last always", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const recorded = recordCanvas();
    const drawings = () => recorded()?.draws.count ?? 0;
    const { rerenderWith, unmount } = renderOverview();
    vi.advanceTimersByTime(OVERVIEW_REDRAW_MS);
    const before = drawings();
    const dragged = (dx: number) =>
      nodes.map((n, i) => (i === 0 ? { ...n, position: { x: n.position.x + dx, y: n.position.y } } : n));
    // 30 frames at 60 Hz, 500 ms of drag: the first drawn at once, then one per 100 ms.
    for (let frame = 1; frame <= 30; frame++) {
      rerenderWith(dragged(frame * 4));
      vi.advanceTimersByTime(1000 / 60);
    }
    // Drawn at 0, 100, ... 500 ms (the 500 ms one on the last frame's edge): 5 or 6, not 30.
    expect(drawings() - before).toBeGreaterThanOrEqual(5);
    expect(drawings() - before).toBeLessThanOrEqual(6);
    vi.advanceTimersByTime(OVERVIEW_REDRAW_MS);
    expect(drawings() - before).toBeLessThanOrEqual(6);
    // The last drawing shows where the step ended.
    const kx = (recorded()?.context.canvas.width ?? 0) / layout.width;
    const endX = Math.round(((nodes[0]?.position.x ?? 0) + 120) * kx);
    expect(recorded()?.rects.some((r) => r.x === endX)).toBe(true);
    unmount();
    vi.useRealTimers();
  });

  it("draws nothing, and breaks nothing, without a 2D context", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    renderOverview();
    expect(screen.getByRole("img", { name: "Overview of the whole map" })).toBeDefined();
  });

  it("moves the view to where it is pressed", () => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
    const { instance, pane } = renderOverview();
    const overview = screen.getByRole("img", { name: "Overview of the whole map" });
    vi.spyOn(overview, "getBoundingClientRect").mockReturnValue({
      left: 0,
      top: 0,
      width: 200,
      height: 100,
      right: 200,
      bottom: 100,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    overview.setPointerCapture = () => {};
    fireEvent.pointerDown(overview, { clientX: 150, clientY: 50, pointerId: 1 });
    const flow = instance();
    if (flow === null) throw new Error("React Flow did not start");
    const { x, y, zoom } = flow.getViewport();
    // The pressed point, three quarters across and halfway down the map, is now the view's middle.
    const { width, height } = pane();
    const middle = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
    expect(middle.x).toBeCloseTo(layout.width * 0.75, 0);
    expect(middle.y).toBeCloseTo(layout.height * 0.5, 0);
  });
});
