/** The legend below the diagram. */
import { textWidth } from "../../layout/text-metrics";
import { capitalize } from "../../model/capitalize";
import type { StepKind } from "../../model/types";
import { SEVERITIES } from "../../model/types";
import type { DrawContext, Drawn } from "./draw-context";
import { attrs, n, textBlock } from "./svg-markup";

const LEGEND_FONT = 11.5;

/** The legend: step kinds, the two kinds of connector, and the severity colors; wraps to width. */
export function drawLegend(ctx: DrawContext, top: number, width: number): Drawn {
  const { theme, prefix } = ctx;
  const rowHeight = 24;
  const items: { icon: (x: number, cy: number) => string; iconWidth: number; label: string }[] = [];
  const kind = (k: StepKind, label: string, rx: number) => ({
    iconWidth: 26,
    label,
    icon: (x: number, cy: number) => {
      const s = theme.kinds[k];
      if (k === "decision") {
        return `<polygon${attrs([
          [
            "points",
            [
              [x + 7, cy - 7],
              [x + 19, cy - 7],
              [x + 26, cy],
              [x + 19, cy + 7],
              [x + 7, cy + 7],
              [x, cy],
            ]
              .map(([px, py]) => `${n(px ?? 0)},${n(py ?? 0)}`)
              .join(" "),
          ],
          ["fill", s.fill],
          ["stroke", s.stroke],
          ["stroke-width", 1.25],
        ])}/>`;
      }
      return `<rect${attrs([
        ["x", x],
        ["y", cy - 7],
        ["width", 26],
        ["height", 14],
        ["rx", rx],
        ["fill", s.fill],
        ["stroke", s.stroke],
        ["stroke-width", k === "end" ? 2 : 1.25],
      ])}/>`;
    },
  });
  items.push(
    kind("task", "Task", 3),
    kind("decision", "Decision", 0),
    kind("start", "Start", 7),
    kind("end", "End", 7),
  );
  const connector = (cross: boolean, label: string) => ({
    iconWidth: 34,
    label,
    icon: (x: number, cy: number) =>
      `<path${attrs([
        ["d", `M${n(x)},${n(cy)} L${n(x + 32)},${n(cy)}`],
        ["stroke", cross ? theme.crossLane : theme.inLane],
        ["stroke-width", cross ? 1.75 : 1.25],
        ...(!cross && theme.inLaneDash !== "" ? ([["stroke-dasharray", theme.inLaneDash]] as const) : []),
        ["marker-end", `url(#${prefix}-${cross ? "arrow-cross-lane" : "arrow-in-lane"})`],
      ])}/>`,
  });
  items.push(connector(false, "Flow within a lane"), connector(true, "Cross-lane handoff"));
  const swatch = (color: string, label: string) => ({
    iconWidth: 14,
    label,
    icon: (x: number, cy: number) =>
      `<circle${attrs([
        ["cx", x + 7],
        ["cy", cy],
        ["r", 6],
        ["fill", color],
        ...(theme.name === "print" ? ([["stroke", "#000000"]] as const) : []),
      ])}/>`,
  });
  for (const severity of [...SEVERITIES].reverse())
    items.push(swatch(theme.severity[severity], capitalize(severity)));
  items.push(swatch(theme.resolved, "None open"));

  const parts = ['<g data-role="legend">'];
  const caption = "Legend";
  parts.push(
    textBlock({
      lines: [caption],
      x: 0,
      top,
      fontSize: LEGEND_FONT,
      lineHeight: rowHeight,
      fill: theme.subtitle,
      weight: "bold",
    }),
  );
  const startX = textWidth(caption, LEGEND_FONT, "bold") + 18;
  let x = startX;
  let rowTop = top;
  const severityCaption = "Edge cases (highest open severity):";
  items.forEach((item, i) => {
    const isFirstSeverity = i === 6;
    const labelWidth = textWidth(item.label, LEGEND_FONT);
    const captionWidth = isFirstSeverity ? textWidth(severityCaption, LEGEND_FONT) + 10 : 0;
    const itemWidth = captionWidth + item.iconWidth + 6 + labelWidth + 20;
    if (x > startX && x + itemWidth > width) {
      x = startX;
      rowTop += rowHeight;
    }
    const cy = rowTop + rowHeight / 2;
    if (isFirstSeverity) {
      parts.push(
        textBlock({
          lines: [severityCaption],
          x,
          top: rowTop,
          fontSize: LEGEND_FONT,
          lineHeight: rowHeight,
          fill: theme.subtitle,
        }),
      );
      x += captionWidth;
    }
    parts.push(item.icon(x, cy));
    parts.push(
      textBlock({
        lines: [item.label],
        x: x + item.iconWidth + 6,
        top: rowTop,
        fontSize: LEGEND_FONT,
        lineHeight: rowHeight,
        fill: theme.tableText,
      }),
    );
    x += item.iconWidth + 6 + labelWidth + 20;
  });
  parts.push("</g>");
  return { svg: parts.join(""), height: rowTop + rowHeight - top };
}
