import { BaseEdge, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { memo } from "react";
import type { Point } from "../../layout/types";
import { EDGE_FLAG_FONT, EDGE_LABEL_FONT, edgeLabelBlock } from "./edge-labels";
import type { HandoffFlowEdge } from "./flow-adapter";

const CORNER = 6;

/** An orthogonal polyline as an SVG path with small rounded corners (calmer than sharp bends). */
export function roundedPath(points: readonly Point[], radius = CORNER): string {
  const first = points[0];
  if (first === undefined) return "";
  let d = `M${first.x},${first.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i] as Point;
    const prev = points[i - 1] as Point;
    const next = points[i + 1];
    if (next === undefined) {
      d += ` L${p.x},${p.y}`;
      break;
    }
    const inLength = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLength = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r < 0.5) {
      d += ` L${p.x},${p.y}`;
      continue;
    }
    const before = { x: p.x - ((p.x - prev.x) / inLength) * r, y: p.y - ((p.y - prev.y) / inLength) * r };
    const after = { x: p.x + ((next.x - p.x) / outLength) * r, y: p.y + ((next.y - p.y) / outLength) * r };
    d += ` L${before.x},${before.y} Q${p.x},${p.y} ${after.x},${after.y}`;
  }
  return d;
}

/**
 * A handoff: the layout's orthogonal route (or a step path between the handles while an end is
 * being dragged or the layout is on its way), an arrowhead, the label on a halo (placed clear of
 * the step boxes, as in the SVG export: edges are drawn under nodes), and a flag with
 * the number of edge cases, colored by the most severe one still open. Cross-lane handoffs are
 * drawn stronger and in the accent color; flow inside a lane stays quiet gray.
 */
function HandoffEdgeComponent(props: EdgeProps<HandoffFlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  if (data === undefined) return null;
  const { handoff, route, crossLane, severity, labelAt } = data;

  let path: string;
  let anchor: Point;
  if (route !== null && route.points.length >= 2) {
    path = roundedPath(route.points);
    anchor = route.labelAnchor;
  } else {
    const [stepPath, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      sourcePosition,
      targetX,
      targetY,
      targetPosition,
      borderRadius: CORNER,
    });
    path = stepPath;
    anchor = { x: labelX, y: labelY };
  }

  const kind = selected ? "selected" : crossLane ? "cross-lane" : "in-lane";
  const block = edgeLabelBlock(handoff);
  const { label, labelWidth, labelHeight, flagText, flagWidth, flagHeight } = block;
  const count = handoff.edgeCases.length;
  // The block's top-left: placed clear of boxes when routed, else around the path's middle.
  const top =
    route !== null && labelAt !== null
      ? labelAt
      : { x: anchor.x - block.width / 2, y: anchor.y - (label === "" ? flagHeight : labelHeight) / 2 };
  const centerX = top.x + block.width / 2;
  const labelY = top.y + labelHeight / 2;
  const flagTop = top.y + block.flagTop;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`hf-edge hf-edge--${kind}`}
        markerEnd={`url(#hf-arrow-${kind})`}
        interactionWidth={14}
      />
      {label !== "" && (
        <g className="hf-edge__label" transform={`translate(${centerX},${labelY})`}>
          <title>{handoff.label}</title>
          <rect x={-labelWidth / 2} y={-labelHeight / 2} width={labelWidth} height={labelHeight} rx={3} />
          <text y={0.5} dominantBaseline="middle" textAnchor="middle" fontSize={EDGE_LABEL_FONT}>
            {label}
          </text>
        </g>
      )}
      {count > 0 && (
        <g
          className="hf-flag"
          data-testid="edge-case-flag"
          data-handoff-id={handoff.id}
          data-severity={severity ?? "resolved"}
          transform={`translate(${centerX},${flagTop + flagHeight / 2})`}
        >
          <title>
            {`${count} edge case${count === 1 ? "" : "s"}${severity === null ? ", none open" : `, highest open: ${severity}`}`}
          </title>
          <rect
            x={-flagWidth / 2}
            y={-flagHeight / 2}
            width={flagWidth}
            height={flagHeight}
            rx={flagHeight / 2}
          />
          <text
            y={0.5}
            dominantBaseline="middle"
            textAnchor="middle"
            fontSize={EDGE_FLAG_FONT}
            fontWeight="bold"
          >
            {flagText}
          </text>
        </g>
      )}
    </>
  );
}

export const HandoffEdge = memo(HandoffEdgeComponent);

/** Arrowheads for the three edge looks; colors come from the theme's CSS variables. */
export function EdgeMarkers() {
  return (
    <svg className="hf-markers" width="0" height="0" aria-hidden="true">
      <defs>
        {(["in-lane", "cross-lane", "selected"] as const).map((kind) => (
          <marker
            key={kind}
            id={`hf-arrow-${kind}`}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="9"
            markerHeight="9"
            markerUnits="userSpaceOnUse"
            orient="auto"
          >
            <path d="M0,1 L10,5 L0,9 Z" className={`hf-marker hf-marker--${kind}`} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
