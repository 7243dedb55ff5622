/** One phase column with its header cell. */
import { PHASE_NAME_INSET } from "../../layout/metrics";
import type { PhaseColumn } from "../../layout/types";
import type { Phase } from "../../model/types";
import { escapeXmlText } from "../svg-escape";
import type { DrawContext } from "./draw-context";
import { fitHeader } from "./fit-header";
import { attrs, textBlock } from "./svg-markup";

/**
 * A phase: `<g data-phase-id>` whose first rect covers the whole column, header row included
 * (transparent), then the header cell text and a light separator on its left edge.
 */
export function drawPhase(ctx: DrawContext, phase: Phase, column: PhaseColumn, index: number): string {
  const { layout, theme } = ctx;
  const parts = [
    `<g${attrs([["data-phase-id", phase.id]])}>`,
    `<title>${escapeXmlText(phase.name)}</title>`,
    `<rect${attrs([
      ["x", column.x],
      ["y", 0],
      ["width", column.width],
      ["height", layout.height],
      ["fill", "none"],
    ])}/>`,
  ];
  if (index > 0 || column.x > layout.laneHeaderWidth + 0.5) {
    parts.push(
      `<line${attrs([
        ["x1", column.x],
        ["y1", 0],
        ["x2", column.x],
        ["y2", layout.height],
        ["stroke", theme.gridLine],
        ["stroke-width", 1],
        ...(theme.name === "print" ? [] : ([["stroke-dasharray", "4 4"]] as const)),
      ])}/>`,
    );
  }
  if (layout.phaseHeaderHeight > 0) {
    const fit = fitHeader(
      phase.name,
      column.width - 2 * PHASE_NAME_INSET.x,
      layout.phaseHeaderHeight - 2 * PHASE_NAME_INSET.y,
    );
    const blockHeight = fit.lines.length * fit.lineHeight;
    parts.push(
      textBlock({
        lines: fit.lines,
        x: column.x + column.width / 2,
        top: (layout.phaseHeaderHeight - blockHeight) / 2,
        fontSize: fit.size,
        lineHeight: fit.lineHeight,
        fill: theme.headerText,
        anchor: "middle",
        weight: "bold",
        extra: [["data-role", "phase-name"]],
      }),
    );
  }
  parts.push("</g>");
  return parts.join("");
}
