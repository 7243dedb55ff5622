/** One handoff: its route, its label on a halo and its edge-case flag. */
import { FLAG_HEIGHT, HANDOFF_LABEL_FONT, measureHandoffLabel } from "../../layout/handoff-label";
import { pathPoints, pointCount } from "../../layout/route-path";
import type { HandoffRoute } from "../../layout/types";
import type { Handoff } from "../../model/types";
import type { DrawContext } from "./draw-context";
import { drawFlag, flagOf } from "./edge-case-flag";
import { attrs, n, textBlock } from "./svg-markup";

/**
 * A handoff: `<g data-handoff-id>` with its route as one path (arrowhead marker at the end),
 * its label on a halo at the label anchor, and the edge-case flag (`data-edge-case-flag`).
 */
export function drawHandoff(ctx: DrawContext, handoff: Handoff, route: HandoffRoute | undefined): string {
  const { theme, prefix } = ctx;
  const fromLane = ctx.stepsById.get(handoff.from)?.lane;
  const toLane = ctx.stepsById.get(handoff.to)?.lane;
  const crossLane = fromLane !== toLane;
  const parts = [
    `<g${attrs([
      ["data-handoff-id", handoff.id],
      ["data-cross-lane", crossLane ? "true" : "false"],
    ])}>`,
  ];
  if (route !== undefined && pointCount(route.path) >= 2) {
    const d = pathPoints(route.path)
      .map((p, i) => `${i === 0 ? "M" : "L"}${n(p.x)},${n(p.y)}`)
      .join(" ");
    parts.push(
      `<path${attrs([
        ["d", d],
        ["fill", "none"],
        ["stroke", crossLane ? theme.crossLane : theme.inLane],
        ["stroke-width", crossLane ? 1.75 : 1.25],
        ...(!crossLane && theme.inLaneDash !== "" ? ([["stroke-dasharray", theme.inLaneDash]] as const) : []),
        ["stroke-linejoin", "round"],
        ["marker-end", `url(#${prefix}-${crossLane ? "arrow-cross-lane" : "arrow-in-lane"})`],
      ])}/>`,
    );
  }
  if (route !== undefined && (handoff.label.trim() !== "" || handoff.edgeCases.length > 0)) {
    const flag = handoff.edgeCases.length > 0 ? flagOf(ctx, handoff.edgeCases) : null;
    const size = measureHandoffLabel(handoff.label, flag?.text ?? null);
    const label = size.lines.length === 0 ? null : size.lines;
    const { lineHeight, labelWidth, labelHeight, width, height } = size;
    // Where the layout placed the block; a layout without placed blocks reserved room for it
    // centred on the anchor.
    const at = route.labelBlock ?? {
      x: route.labelAnchor.x - width / 2,
      y: route.labelAnchor.y - height / 2,
    };
    const cx = at.x + width / 2;
    if (label !== null) {
      parts.push(
        `<rect${attrs([
          ["x", cx - labelWidth / 2],
          ["y", at.y],
          ["width", labelWidth],
          ["height", labelHeight],
          ["rx", 3],
          ["fill", theme.handoffLabelHalo],
          ["fill-opacity", 0.92],
        ])}/>`,
        textBlock({
          lines: label,
          x: cx,
          top: at.y + 2,
          fontSize: HANDOFF_LABEL_FONT,
          lineHeight,
          fill: theme.handoffLabelText,
          anchor: "middle",
          extra: [["data-role", "handoff-label"]],
        }),
      );
    }
    if (flag !== null) parts.push(drawFlag(ctx, flag, cx, at.y + height - FLAG_HEIGHT));
  }
  parts.push("</g>");
  return parts.join("");
}
