/** The edge-case register as a table below the diagram. */
import { type FontWeight, textWidth, wrapText } from "../../layout/text-metrics";
import { assertNever } from "../../model/assert-never";
import { capitalize } from "../../model/capitalize";
import type { RegisterRow } from "../../model/register-rows";
import { escapeXmlText } from "../svg-escape";
import type { DrawContext, Drawn } from "./draw-context";
import { attrs, textBlock } from "./svg-markup";

const TABLE_FONT = 12;
const TABLE_LINE = 16;
const TABLE_PAD_X = 9;
const TABLE_PAD_Y = 8;

interface Column {
  key: "number" | "handoff" | "title" | "severity" | "status" | "owner" | "mitigation";
  header: string;
  width: number;
}

function registerColumns(width: number): Column[] {
  const fixed = { number: 64, severity: 100, status: 100 };
  const flexible = Math.max(width - fixed.number - fixed.severity - fixed.status, 400);
  return [
    { key: "number", header: "#", width: fixed.number },
    { key: "handoff", header: "Handoff", width: Math.round(flexible * 0.24) },
    { key: "title", header: "Edge case", width: Math.round(flexible * 0.28) },
    { key: "severity", header: "Severity", width: fixed.severity },
    { key: "status", header: "Status", width: fixed.status },
    { key: "owner", header: "Owner", width: Math.round(flexible * 0.14) },
    {
      key: "mitigation",
      header: "Mitigation",
      width:
        flexible - Math.round(flexible * 0.24) - Math.round(flexible * 0.28) - Math.round(flexible * 0.14),
    },
  ];
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
    const cells = new Map<Column["key"], { lines: string[]; fill: string; weight: FontWeight }>();
    const ec = row.edgeCase;
    const wrap = (text: string, column: Column, weight: FontWeight = "normal") =>
      wrapText(text, column.width - 2 * TABLE_PAD_X, { fontSize: TABLE_FONT, weight }).lines;
    /** A cell that may be blank: a muted dash then. */
    const optional = (text: string, column: Column) =>
      text.trim() === ""
        ? { lines: ["—"], fill: theme.tableMuted, weight: "normal" as const }
        : { lines: wrap(text, column), fill: theme.tableText, weight: "normal" as const };
    for (const column of columns) {
      switch (column.key) {
        case "number":
          cells.set(column.key, { lines: [row.label], fill: theme.tableText, weight: "bold" });
          break;
        case "handoff":
          cells.set(column.key, {
            lines: wrap(row.handoffName, column),
            fill: theme.tableText,
            weight: "normal",
          });
          break;
        case "title":
          cells.set(column.key, {
            lines: wrap(ec.title, column, "bold"),
            fill: theme.tableText,
            weight: "bold",
          });
          break;
        case "severity":
          cells.set(column.key, {
            lines: [capitalize(ec.severity)],
            fill: theme.tableText,
            weight: "normal",
          });
          break;
        case "status":
          cells.set(column.key, {
            lines: [capitalize(ec.status)],
            fill: ec.status === "open" ? theme.tableText : theme.tableMuted,
            weight: ec.status === "open" ? "bold" : "normal",
          });
          break;
        case "owner":
        case "mitigation":
          cells.set(column.key, optional(ec[column.key], column));
          break;
        default:
          assertNever(column.key);
      }
    }
    const lineCount = Math.max(...Array.from(cells.values(), (c) => c.lines.length));
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
    for (const column of columns) {
      const cell = cells.get(column.key);
      if (cell === undefined) continue;
      let textX = cellX + TABLE_PAD_X;
      if (column.key === "severity") {
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
          extra: [["data-column", column.key]],
        }),
      );
      cellX += column.width;
    }
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
