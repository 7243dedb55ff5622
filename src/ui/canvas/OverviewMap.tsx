import { Panel, type ReactFlowState, useReactFlow, useStoreApi } from "@xyflow/react";
import {
  memo,
  type PointerEvent,
  type RefObject,
  useLayoutEffect,
  useMemo,
  useRef,
  type WheelEvent,
} from "react";
import type { LaneBand, MapLayout } from "../../layout/types";
import type { HandoffMap, Lane, StepKind } from "../../model/types";
import type { EditorStore } from "../../store/editor-store";
import { viewLayout, viewMap } from "../../store/lane-focus";
import type { SvgTheme } from "../../theme/svg-theme";
import type { LayoutFrame } from "./canvas-geometry";
import { laneFill } from "./canvas-theme";
import { flowNodeId, type StepFlowNode } from "./flow-adapter";
import { orderedLookup } from "./ordered-lookup";

/** The panel is the map's shape, scaled to fit this box (a wide map gets a low, wide panel). */
const MAX_WIDTH = 200;
const MAX_HEIGHT = 120;
const MIN_SIDE = 36;
const KINDS: readonly StepKind[] = ["start", "task", "decision", "end"];

/** Each kind's stroke color: a step's overview rectangle is drawn in it. */
function stepColors(theme: SvgTheme): Record<StepKind, string> {
  return {
    start: theme.kinds.start.stroke,
    task: theme.kinds.task.stroke,
    decision: theme.kinds.decision.stroke,
    end: theme.kinds.end.stroke,
  };
}

/**
 * Where the overview draws: the layout's width and lane header, and canvas pixels per layout
 * pixel across (`kx`) and down (`ky`). The two differ when the panel's minimum side stretches a
 * very wide or very tall map, as the view rectangle's SVG (preserveAspectRatio="none") does.
 */
interface OverviewFrame {
  width: number;
  laneHeaderWidth: number;
  kx: number;
  ky: number;
}

/**
 * What the overview draws from: React Flow's nodes (where the steps near the view are drawn this
 * moment, a dragged one included) and the map the canvas shows with its layout (every step:
 * React Flow holds only those near the view, see view-window.ts).
 */
interface Drawing {
  nodes: readonly StepFlowNode[];
  map: HandoffMap;
  layout: MapLayout | null;
}

/**
 * Draws the lane bands and every step, as small rectangles colored by kind, into the canvas: a
 * step React Flow holds where its node is, any other at its layout box. Each step is at least one
 * device pixel each way, so a step smaller than that still shows.
 */
function drawSteps(
  context: CanvasRenderingContext2D,
  { nodes, map, layout }: Drawing,
  bands: ReadonlyArray<LaneBand & { fill: string }>,
  { width, laneHeaderWidth, kx, ky }: OverviewFrame,
  colors: Record<StepKind, string>,
) {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  for (const band of bands) {
    context.fillStyle = band.fill;
    context.fillRect(
      laneHeaderWidth * kx,
      band.y * ky,
      Math.max(0, width - laneHeaderWidth) * kx,
      band.height * ky,
    );
  }
  const live = new Map<string, StepFlowNode>();
  for (const node of nodes) live.set(node.id, node);
  const boxes = orderedLookup(layout?.steps ?? []);
  const rects: Array<{ kind: StepKind; x: number; y: number; width: number; height: number }> = [];
  for (const step of map.steps) {
    const node = live.get(flowNodeId(step.id));
    const box = boxes.get(step.id);
    if (node !== undefined)
      rects.push({
        kind: step.kind,
        x: node.position.x,
        y: node.position.y,
        width: node.width ?? 0,
        height: node.height ?? 0,
      });
    else if (box !== undefined)
      rects.push({ kind: step.kind, x: box.x, y: box.y, width: box.width, height: box.height });
  }
  for (const kind of KINDS) {
    context.fillStyle = colors[kind];
    for (const rect of rects) {
      if (rect.kind !== kind) continue;
      context.fillRect(
        Math.round(rect.x * kx),
        Math.round(rect.y * ky),
        Math.max(1, Math.round(rect.width * kx)),
        Math.max(1, Math.round(rect.height * ky)),
      );
    }
  }
}

/**
 * The overview in the bottom-right corner, shaped like the map: the lane bands in their canvas
 * colors, every step as a small rectangle colored by kind, the part on screen outlined and the
 * rest under a light veil; press or drag to move the view there, wheel to zoom.
 *
 * Not React Flow's MiniMap: that one mounts a component with its own store subscription per node
 * (1,000 selectors on every pan frame, and their fibers on the heap), and it draws only the nodes
 * React Flow holds, which are the steps near the view (view-window.ts). Here the bands and every
 * step are drawn into a canvas when React Flow's nodes or the editor's map or layout change (a
 * thousand steps as SVG paths were 50 KB of path text per version, which React kept twice), and
 * the view rectangle, an SVG path over it, follows the viewport; both through store
 * subscriptions, without a React render. The steps are not a prop: React keeps a component's
 * previous props (on its previous fiber) until it renders again, and after a relayout those were
 * the previous layout's boxes; the editor's store, which is a prop, is one object for good.
 */
export const OverviewMap = memo(function OverviewMap({
  frame,
  lanes,
  theme,
  editor,
}: {
  /** The layout's frame (not the whole layout, which holds the steps): size and lane bands. */
  frame: LayoutFrame;
  lanes: readonly Lane[];
  theme: SvgTheme;
  /** The editor's store: the map the canvas shows, and its layout, give every step's place. */
  editor: EditorStore;
}) {
  const { width, height, laneHeaderWidth, lanes: laneBands } = frame;
  const flow = useStoreApi();
  const instance = useReactFlow();
  const veil = useRef<SVGPathElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pressed = useRef(false);

  // The whole layout, headers included: the panel has its shape, so nothing is letterboxed.
  const box = useMemo(() => ({ x: 0, y: 0, width, height }), [width, height]);
  const scale = Math.min(MAX_WIDTH / Math.max(1, width), MAX_HEIGHT / Math.max(1, height));
  const panelWidth = Math.round(Math.max(MIN_SIDE, width * scale));
  const panelHeight = Math.round(Math.max(MIN_SIDE, height * scale));
  // Whole device pixels per CSS pixel, rounded up: a 1.25 screen gets a sharp 2x canvas, not a blurry 1x.
  const ratio = typeof window === "undefined" ? 1 : Math.max(1, Math.ceil(window.devicePixelRatio || 1));
  const bands = useMemo(() => {
    const fills = new Map(lanes.map((lane, i) => [lane.id, laneFill(lane, i, theme)]));
    return laneBands.map((band) => ({ ...band, fill: fills.get(band.id) ?? theme.background }));
  }, [laneBands, lanes, theme]);
  useStepDrawing(
    canvas,
    editor,
    bands,
    {
      width,
      laneHeaderWidth,
      kx: (panelWidth * ratio) / Math.max(1, width),
      ky: (panelHeight * ratio) / Math.max(1, height),
    },
    theme,
  );

  useLayoutEffect(() => {
    let last: { transform: ReactFlowState["transform"]; width: number; height: number } | null = null;
    const draw = ({ transform, width, height }: ReactFlowState) => {
      if (
        veil.current === null ||
        (last !== null && last.transform === transform && last.width === width && last.height === height)
      )
        return;
      last = { transform, width, height };
      const [tx, ty, zoom] = transform;
      const outer = `M${box.x - box.width},${box.y - box.height}h${3 * box.width}v${3 * box.height}h${-3 * box.width}z`;
      const view = `M${-tx / zoom},${-ty / zoom}h${width / zoom}v${height / zoom}h${-width / zoom}z`;
      veil.current.setAttribute("d", outer + view);
    };
    draw(flow.getState());
    return flow.subscribe(draw);
  }, [flow, box]);

  const moveTo = (event: PointerEvent<SVGSVGElement>) => {
    const rect = svg.current?.getBoundingClientRect();
    if (rect === undefined || rect.width === 0 || rect.height === 0) return;
    const x = box.x + ((event.clientX - rect.left) / rect.width) * box.width;
    const y = box.y + ((event.clientY - rect.top) / rect.height) * box.height;
    void instance.setCenter(x, y, { zoom: instance.getZoom(), duration: 0 });
  };

  const onWheel = (event: WheelEvent<SVGSVGElement>) => {
    const factor = event.deltaY < 0 ? 1.2 : 1 / 1.2;
    void instance.zoomTo(instance.getZoom() * factor, { duration: 0 });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap hf-overview">
      <div className="hf-overview__frame" style={{ width: panelWidth, height: panelHeight }}>
        <canvas
          ref={canvas}
          className="hf-overview__steps"
          width={panelWidth * ratio}
          height={panelHeight * ratio}
          style={{ width: panelWidth, height: panelHeight }}
        />
        <svg
          ref={svg}
          className="react-flow__minimap-svg"
          width={panelWidth}
          height={panelHeight}
          viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
          preserveAspectRatio="none"
          role="img"
          aria-label="Overview of the whole map"
          onPointerDown={(event) => {
            pressed.current = true;
            event.currentTarget.setPointerCapture(event.pointerId);
            moveTo(event);
          }}
          onPointerMove={(event) => {
            if (pressed.current) moveTo(event);
          }}
          onPointerUp={() => {
            pressed.current = false;
          }}
          onPointerCancel={() => {
            pressed.current = false;
          }}
          onWheel={onWheel}
        >
          <path
            ref={veil}
            className="react-flow__minimap-mask"
            fillRule="evenodd"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      </div>
    </Panel>
  );
});

/** While the steps keep changing (a step dragged: every frame), the overview redraws this often. */
export const OVERVIEW_REDRAW_MS = 100;

/**
 * Draws the bands and the steps into the overview's canvas: again when React Flow's nodes or the
 * editor's map or layout change (store subscriptions; at once after a quiet spell, then at most
 * every OVERVIEW_REDRAW_MS, with the last change always drawn), and when the bands, the panel's
 * size or the palette do. A drag frame then does not also repaint a thousand rectangles the eye
 * cannot follow at that size.
 */
function useStepDrawing(
  canvas: RefObject<HTMLCanvasElement | null>,
  editor: EditorStore,
  bands: ReadonlyArray<LaneBand & { fill: string }>,
  frame: OverviewFrame,
  theme: SvgTheme,
): void {
  const flow = useStoreApi<StepFlowNode>();
  const { width, laneHeaderWidth, kx, ky } = frame;
  useLayoutEffect(() => {
    const element = canvas.current;
    // No 2D context (jsdom without a canvas implementation): nothing to draw on.
    const context = element?.getContext("2d");
    if (element == null || context == null) return;
    const colors = stepColors(theme);
    const read = (): Drawing => {
      const state = editor.getState();
      return { nodes: flow.getState().nodes, map: viewMap(state), layout: viewLayout(state) };
    };
    let drawn = read();
    let drawnAt = Number.NEGATIVE_INFINITY;
    let later: ReturnType<typeof setTimeout> | undefined;
    const draw = () => {
      later = undefined;
      drawnAt = performance.now();
      drawSteps(context, drawn, bands, { width, laneHeaderWidth, kx, ky }, colors);
    };
    draw();
    // Called on every store change, each pan frame included: compares before it makes anything.
    const changed = () => {
      const state = editor.getState();
      const { nodes } = flow.getState();
      const map = viewMap(state);
      const layout = viewLayout(state);
      if (nodes === drawn.nodes && map === drawn.map && layout === drawn.layout) return;
      drawn = { nodes, map, layout };
      if (later !== undefined) return; // drawn when it fires, with the latest steps
      const wait = drawnAt + OVERVIEW_REDRAW_MS - performance.now();
      if (wait <= 0) draw();
      else later = setTimeout(draw, wait);
    };
    const unsubscribeFlow = flow.subscribe(changed);
    const unsubscribeEditor = editor.subscribe(changed);
    return () => {
      unsubscribeFlow();
      unsubscribeEditor();
      clearTimeout(later);
    };
  }, [flow, editor, canvas, bands, width, laneHeaderWidth, kx, ky, theme]);
}
