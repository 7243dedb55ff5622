import { Panel, type ReactFlowState, useReactFlow, useStoreApi } from "@xyflow/react";
import { memo, type PointerEvent, useLayoutEffect, useMemo, useRef, type WheelEvent } from "react";
import type { SvgTheme } from "../../export/svg-theme";
import type { LaneBand } from "../../layout/types";
import type { Lane, StepKind } from "../../model/types";
import { laneFill } from "./canvas-theme";
import type { StepFlowNode } from "./flow-adapter";

/** The panel is the map's shape, scaled to fit this box (a wide map gets a low, wide panel). */
const MAX_WIDTH = 200;
const MAX_HEIGHT = 120;
const MIN_SIDE = 36;
const KINDS: readonly StepKind[] = ["start", "task", "decision", "end"];

/** All steps of one kind as one path of rectangles, in layout coordinates. */
function kindPaths(nodes: readonly StepFlowNode[]): Record<StepKind, string> {
  const parts: Record<StepKind, string[]> = { start: [], task: [], decision: [], end: [] };
  for (const node of nodes) {
    const { x, y } = node.position;
    parts[node.data.step.kind].push(
      `M${x},${y}h${node.width ?? 0}v${node.height ?? 0}h${-(node.width ?? 0)}z`,
    );
  }
  return {
    start: parts.start.join(""),
    task: parts.task.join(""),
    decision: parts.decision.join(""),
    end: parts.end.join(""),
  };
}

/**
 * The overview in the bottom-right corner, shaped like the map: the lane bands in their canvas
 * colors, every step as a small rectangle colored by kind, the part on screen outlined and the
 * rest under a light veil; press or drag to move the view there, wheel to zoom.
 *
 * Not React Flow's MiniMap: that one mounts a component with its own store subscription per node
 * (1,000 selectors on every pan frame, and their fibers on the heap). Here the steps are four
 * paths rebuilt only when the nodes change, and the view rectangle follows the viewport through a
 * store subscription that writes one attribute, without a React render per frame.
 */
export const OverviewMap = memo(function OverviewMap({
  nodes,
  width,
  height,
  laneHeaderWidth,
  laneBands,
  lanes,
  theme,
}: {
  nodes: readonly StepFlowNode[];
  /** The layout's size and parts the overview draws (not the whole layout: see useKindPaths). */
  width: number;
  height: number;
  laneHeaderWidth: number;
  laneBands: readonly LaneBand[];
  lanes: readonly Lane[];
  theme: SvgTheme;
}) {
  const flow = useStoreApi();
  const instance = useReactFlow();
  const veil = useRef<SVGPathElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const pressed = useRef(false);
  const paths = useKindPaths(nodes);

  // The whole layout, headers included: the panel has its shape, so nothing is letterboxed.
  const box = useMemo(() => ({ x: 0, y: 0, width, height }), [width, height]);
  const scale = Math.min(MAX_WIDTH / Math.max(1, width), MAX_HEIGHT / Math.max(1, height));
  const panelWidth = Math.round(Math.max(MIN_SIDE, width * scale));
  const panelHeight = Math.round(Math.max(MIN_SIDE, height * scale));
  const bands = useMemo(() => {
    const fills = new Map(lanes.map((lane, i) => [lane.id, laneFill(lane, i, theme)]));
    return laneBands.map((band) => ({ ...band, fill: fills.get(band.id) ?? theme.background }));
  }, [laneBands, lanes, theme]);

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
        {bands.map((band) => (
          <rect
            key={band.id}
            x={laneHeaderWidth}
            y={band.y}
            width={Math.max(0, width - laneHeaderWidth)}
            height={band.height}
            fill={band.fill}
          />
        ))}
        {KINDS.map((kind) =>
          paths[kind] === "" ? null : (
            <path key={kind} d={paths[kind]} fill={`var(--hf-${kind}-stroke)`} shapeRendering="crispEdges" />
          ),
        )}
        <path
          ref={veil}
          className="react-flow__minimap-mask"
          fillRule="evenodd"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    </Panel>
  );
});

/**
 * The steps as four paths, one per kind, rebuilt when the nodes change. In a hook of its own so
 * that `nodes` is captured only by this hook's short-lived closure: captured in the component's
 * body it would sit in the context shared by the event handlers, which React keeps (on the
 * previous render's fibers) past the next layout, and with it the previous nodes and their boxes.
 */
function useKindPaths(nodes: readonly StepFlowNode[]): Record<StepKind, string> {
  return useMemo(() => kindPaths(nodes), [nodes]);
}
