/** One lane band with its header cell. */
import { LANE_NAME_INSET } from "../../layout/metrics";
import type { LaneBand } from "../../layout/types";
import type { Lane } from "../../model/types";
import { escapeXmlText } from "../svg-escape";
import { laneAccent, laneBandFill } from "../svg-theme";
import type { DrawContext } from "./draw-context";
import { fitHeader } from "./fit-header";
import { attrs, textBlock } from "./svg-markup";

/**
 * A lane: `<g data-lane-id>` whose first and largest rect covers the whole band (x 0 to the
 * layout width), then the header cell and the lane name, wrapped and never cut short.
 */
export function drawLane(ctx: DrawContext, lane: Lane, band: LaneBand, index: number): string {
  const { layout, theme } = ctx;
  const own = lane.color === undefined ? null : laneBandFill(lane.color, theme);
  const fill = own ?? theme.laneFills[index % 2] ?? theme.background;
  const accent = lane.color === undefined ? null : laneAccent(lane.color, theme);
  const headerWidth = layout.laneHeaderWidth;
  const parts = [
    `<g${attrs([["data-lane-id", lane.id]])}>`,
    `<title>${escapeXmlText(lane.name)}</title>`,
    `<rect${attrs([
      ["x", 0],
      ["y", band.y],
      ["width", layout.width],
      ["height", band.height],
      ["fill", fill],
    ])}/>`,
  ];
  if (headerWidth > 0) {
    parts.push(
      `<rect${attrs([
        ["x", 0],
        ["y", band.y],
        ["width", headerWidth],
        ["height", band.height],
        ["fill", theme.headerFill],
        ["fill-opacity", theme.name === "print" ? 1 : 0.75],
      ])}/>`,
    );
    if (accent !== null) {
      parts.push(
        `<rect${attrs([
          ["x", 0],
          ["y", band.y],
          ["width", 4],
          ["height", band.height],
          ["fill", accent],
        ])}/>`,
      );
    }
    const fit = fitHeader(
      lane.name,
      headerWidth - 2 * LANE_NAME_INSET.x,
      band.height - 2 * LANE_NAME_INSET.y,
    );
    const blockHeight = fit.lines.length * fit.lineHeight;
    parts.push(
      textBlock({
        lines: fit.lines,
        x: headerWidth / 2 + 2,
        top: band.y + (band.height - blockHeight) / 2,
        fontSize: fit.size,
        lineHeight: fit.lineHeight,
        fill: theme.headerText,
        anchor: "middle",
        weight: "bold",
        extra: [["data-role", "lane-name"]],
      }),
    );
  }
  parts.push(
    `<line${attrs([
      ["x1", 0],
      ["y1", band.y + band.height],
      ["x2", layout.width],
      ["y2", band.y + band.height],
      ["stroke", theme.gridLine],
      ["stroke-width", 1],
    ])}/>`,
  );
  parts.push("</g>");
  return parts.join("");
}
