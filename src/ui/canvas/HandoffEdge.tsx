import { BaseEdge, type EdgeProps, getSmoothStepPath } from "@xyflow/react";
import { memo, useMemo } from "react";
import { FLAG_FONT, FLAG_HEIGHT, HANDOFF_LABEL_FONT, measureHandoffLabel } from "../../layout/handoff-label";
import { pathPoints, pointCount } from "../../layout/route-path";
import type { Point } from "../../layout/types";
import { formatSla, formatSlaShort } from "../../model/contract";
import { useEdgeGeometry } from "./edge-geometry";
import type { HandoffFlowEdge } from "./flow-adapter";
import { useFar } from "./level-of-detail";

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

/** render-svg's textBlock baseline: line box `i` of `lineHeight` from `top`, at `fontSize`. */
const baseline = (top: number, i: number, lineHeight: number, fontSize: number) =>
  top + i * lineHeight + lineHeight / 2 + fontSize * 0.36;

/**
 * A handoff: the layout's orthogonal route, from the canvas's edge geometry (edge-geometry.ts), or
 * a step path between the handles while an end is being dragged or its layout is on its way
 * (nothing at all while a map's first routes are), an arrowhead, and the label block as the SVG export
 * draws it (render-svg.ts drawHandoff/drawFlag, sizes from measureHandoffLabel): the label
 * wrapped on a halo, and under it the flag with the edge-case numbers, colored by the most
 * severe one still open. The block sits where the shared placer put it (clear of boxes, labels
 * and other lines when it can: edges are drawn under nodes). Cross-lane handoffs are drawn
 * stronger and in the accent color; flow inside a lane stays quiet gray.
 */
function HandoffEdgeComponent(props: EdgeProps<HandoffFlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const label = data?.handoff.label ?? "";
  const flagText = data?.flagText ?? null;
  const size = useMemo(() => measureHandoffLabel(label, flagText), [label, flagText]);
  const geometry = useEdgeGeometry(id);
  // Zoomed far out: the line, its arrowhead and the flag's color, no words (level-of-detail.tsx).
  const far = useFar();
  // No geometry yet: the routes are on their way (the first paint draws the steps only).
  if (data === undefined || geometry === null) return null;
  const { route } = geometry;
  const { handoff, crossLane, severity, systemCrossing } = data;

  let path: string;
  let anchor: Point;
  if (route !== null && pointCount(route.path) >= 2) {
    path = roundedPath(pathPoints(route.path));
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
  const { lines, lineHeight, labelWidth, labelHeight, flagWidth, width, height } = size;
  const count = handoff.edgeCases.length;
  // The block's top-left: placed by the placer when routed, else centered on the path's middle.
  const top =
    route !== null && geometry.labeled
      ? { x: geometry.labelX, y: geometry.labelY }
      : { x: anchor.x - width / 2, y: anchor.y - height / 2 };
  const cx = top.x + width / 2;
  const flagTop = top.y + height - FLAG_HEIGHT;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`hf-edge hf-edge--${kind}`}
        markerEnd={`url(#hf-arrow-${kind})`}
        interactionWidth={14}
      />
      {lines.length > 0 && !far && (
        <g className="hf-edge__label">
          <title>{handoff.label}</title>
          <rect x={cx - labelWidth / 2} y={top.y} width={labelWidth} height={labelHeight} rx={3} />
          <text x={cx} textAnchor="middle" fontSize={HANDOFF_LABEL_FONT}>
            {lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the same text may repeat
              <tspan key={i} x={cx} y={baseline(top.y + 2, i, lineHeight, HANDOFF_LABEL_FONT)}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      )}
      {!far && (
        <ContractMarks
          sla={formatSlaShort(handoff.sla)}
          slaTitle={formatSla(handoff.sla)}
          crossing={systemCrossing}
          integration={handoff.integration ?? "unknown"}
          left={lines.length > 0 ? cx - labelWidth / 2 : cx}
          right={lines.length > 0 ? cx + labelWidth / 2 : cx}
          middle={lines.length > 0 ? top.y + labelHeight / 2 : anchor.y}
        />
      )}
      {flagText !== null && count > 0 && (
        <g
          className="hf-flag"
          data-testid="edge-case-flag"
          data-handoff-id={handoff.id}
          data-severity={severity ?? "resolved"}
        >
          <title>
            {`${count} edge case${count === 1 ? "" : "s"}${severity === null ? ", none open" : `, highest open: ${severity}`}`}
          </title>
          <rect
            x={cx - flagWidth / 2}
            y={flagTop}
            width={flagWidth}
            height={FLAG_HEIGHT}
            rx={FLAG_HEIGHT / 2}
          />
          {!far && (
            <text
              x={cx}
              y={baseline(flagTop, 0, FLAG_HEIGHT, FLAG_FONT)}
              textAnchor="middle"
              fontSize={FLAG_FONT}
              fontWeight="bold"
            >
              {flagText}
            </text>
          )}
        </g>
      )}
    </>
  );
}

export const HandoffEdge = memo(HandoffEdgeComponent);

/**
 * The contract's compact marks beside the label: the SLA ("≤ 4 bus. h") to its right, and on a
 * system crossing a small ⇆ to its left (dashed when the data is re-keyed by hand or nobody knows).
 * Drawn outside the label block, so the label placement is unchanged.
 */
function ContractMarks({
  sla,
  slaTitle,
  crossing,
  integration,
  left,
  right,
  middle,
}: {
  sla: string;
  slaTitle: string;
  crossing: boolean;
  integration: string;
  left: number;
  right: number;
  middle: number;
}) {
  return (
    <>
      {sla !== "" && (
        <g className="hf-edge__sla" data-testid="edge-sla">
          <title>{`SLA ${slaTitle}`}</title>
          <text className="hf-edge__sla-text" x={right + 4} y={middle + 3.5} fontSize={10}>
            {sla}
          </text>
        </g>
      )}
      {crossing && (
        <g
          className={`hf-edge__crossing hf-edge__crossing--${integration.replace(/\s+/g, "-")}`}
          data-testid="edge-crossing"
        >
          <title>{`System crossing: ${integration}`}</title>
          <circle cx={left - 10} cy={middle} r={7} />
          <text
            className="hf-edge__crossing-text"
            x={left - 10}
            y={middle + 3.5}
            fontSize={9}
            textAnchor="middle"
          >
            ⇆
          </text>
        </g>
      )}
    </>
  );
}

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
