/** The edge-case register as a table below the diagram. */
import { type FontWeight, textWidth, wrapText } from "../../layout/text-metrics";
import { type RegisterColumnOf, registerCellText, registerColumnsOf } from "../../model/register-columns";
import type { RegisterRow } from "../../model/register-rows";
import { escapeXmlText } from "../svg-escape";
import type { DrawContext, Drawn } from "./draw-context";
import { attrs, textBlock } from "./svg-markup";

const TABLE_FONT = 12;
const TABLE_LINE = 16;
const TABLE_PAD_X = 9;
const TABLE_PAD_Y = 8;

type Column = RegisterColumnOf<"svg"> & { width: number };

/**
 * The register's SVG columns (src/model/register-columns.ts) with their widths: fixed columns
 * keep theirs, shared columns split what is left (at least 400 px), the rest column takes the
 * remainder.
 */
function registerColumns(width: number): Column[] {
  const columns = registerColumnsOf("svg");
  let flexible = width;
  for (const { svg } of columns) if (svg.width !== "rest" && "px" in svg.width) flexible -= svg.width.px;
  flexible = Math.max(flexible, 400);
  let rest = flexible;
  const widths = columns.map(({ svg }) => {
    if (svg.width === "rest") return null;
    if ("px" in svg.width) return svg.width.px;
    const shared = Math.round(flexible * svg.width.share);
    rest -= shared;
    return shared;
  });
  return columns.map((column, index) => ({ ...column, width: widths[index] ?? rest }));
}

/**
 * The edge-case register: a table whose rows are `<g data-edge-case-id>` with the full title
 * in a `<title>` child; every cell wraps, nothing is cut short.
 */
export function drawRegister(
  ctx: DrawContext,
  rows: readonly RegisterRow[],
  top: number,
  width: number,
): Drawn {
  const { theme } = ctx;
  const columns = registerColumns(width);
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const parts = ['<g data-role="register">'];
  const open = rows.filter((r) => r.edgeCase.status === "open").length;
  const heading = "Edge-case register";
  parts.push(
    textBlock({
      lines: [heading],
      x: 0,
      top,
      fontSize: 16,
      lineHeight: 24,
      fill: theme.title,
      weight: "bold",
    }),
  );
  const summary =
    rows.length === 0
      ? "No edge cases recorded"
      : `${rows.length} edge ${rows.length === 1 ? "case" : "cases"} · ${open} open`;
  parts.push(
    textBlock({
      lines: [summary],
      x: textWidth(heading, 16, "bold") + 14,
      top: top + 2,
      fontSize: 12,
      lineHeight: 24,
      fill: theme.subtitle,
    }),
  );
  let y = top + 34;

  const headerHeight = 28;
  parts.push(
    `<rect${attrs([
      ["x", 0],
      ["y", y],
      ["width", tableWidth],
      ["height", headerHeight],
      ["fill", theme.tableHeaderFill],
    ])}/>`,
  );
  let x = 0;
  for (const column of columns) {
    parts.push(
      textBlock({
        lines: [column.header],
        x: x + TABLE_PAD_X,
        top: y,
        fontSize: 11.5,
        lineHeight: headerHeight,
        fill: theme.tableHeaderText,
        weight: "bold",
      }),
    );
    x += column.width;
  }
  y += headerHeight;
  if (theme.name === "print") {
    parts.push(
      `<line${attrs([
        ["x1", 0],
        ["y1", y],
        ["x2", tableWidth],
        ["y2", y],
        ["stroke", "#000000"],
        ["stroke-width", 1.5],
      ])}/>`,
    );
  }

  if (rows.length === 0) {
    parts.push(
      textBlock({
        lines: ["No edge cases have been recorded on this map."],
        x: TABLE_PAD_X,
        top: y,
        fontSize: TABLE_FONT,
        lineHeight: 34,
        fill: theme.tableMuted,
      }),
    );
    y += 34;
  }

  rows.forEach((row, index) => {
    const ec = row.edgeCase;
    const cells = columns.map((column) => {
      const { svg } = column;
      const text = registerCellText(column, row);
      const weight: FontWeight = svg.bold || (svg.emphasizeOpen && ec.status === "open") ? "bold" : "normal";
      if (svg.blankDash && text.trim() === "")
        return { lines: ["—"], fill: theme.tableMuted, weight: "normal" as const };
      return {
        lines:
          column.kind === "text"
            ? wrapText(text, column.width - 2 * TABLE_PAD_X, { fontSize: TABLE_FONT, weight }).lines
            : [text],
        fill: svg.emphasizeOpen && ec.status !== "open" ? theme.tableMuted : theme.tableText,
        weight,
      };
    });
    const lineCount = Math.max(...cells.map((c) => c.lines.length));
    const rowHeight = lineCount * TABLE_LINE + 2 * TABLE_PAD_Y;
    parts.push(
      `<g${attrs([
        ["data-edge-case-id", ec.id],
        ["data-edge-case-number", row.label],
        ["data-severity", ec.severity],
        ["data-status", ec.status],
      ])}>`,
      `<title>${escapeXmlText(ec.title)}</title>`,
      `<rect${attrs([
        ["x", 0],
        ["y", y],
        ["width", tableWidth],
        ["height", rowHeight],
        ["fill", index % 2 === 1 ? theme.tableStripe : theme.background],
      ])}/>`,
    );
    let cellX = 0;
    columns.forEach((column, columnIndex) => {
      const cell = cells[columnIndex];
      if (cell === undefined) return;
      let textX = cellX + TABLE_PAD_X;
      if (column.svg.severityDot) {
        parts.push(
          `<circle${attrs([
            ["cx", textX + 5],
            ["cy", y + TABLE_PAD_Y + TABLE_LINE / 2],
            ["r", 5],
            ["fill", theme.severity[ec.severity]],
            ...(theme.name === "print" ? ([["stroke", "#000000"]] as const) : []),
          ])}/>`,
        );
        textX += 16;
      }
      parts.push(
        textBlock({
          lines: cell.lines,
          x: textX,
          top: y + TABLE_PAD_Y,
          fontSize: TABLE_FONT,
          lineHeight: TABLE_LINE,
          fill: cell.fill,
          weight: cell.weight,
          extra: [["data-column", column.id]],
        }),
      );
      cellX += column.width;
    });
    y += rowHeight;
    parts.push(
      `<line${attrs([
        ["x1", 0],
        ["y1", y],
        ["x2", tableWidth],
        ["y2", y],
        ["stroke", theme.tableRule],
        ["stroke-width", 1],
      ])}/>`,
      "</g>",
    );
  });
  parts.push("</g>");
  return { svg: parts.join(""), height: y - top };
}
