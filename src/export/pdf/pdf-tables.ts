/**
 * Tables in a PDF with pdfkit's own text (real, selectable text in the embedded fonts): the
 * edge-case register, the change plan and (when the map has any) the handoff contracts and the
 * dark zones after the diagram. A row is never split across pages:
 * a row that does not fit below the last one starts a new page, under the header row again.
 */
import { changePlan } from "../../model/change-plan";
import { edgeCaseLabel, registerRows } from "../../model/register-rows";
import type { HandoffMap } from "../../model/types";
import {
  CONTRACT_COLUMNS,
  contractTableRows,
  DARK_ZONE_COLUMNS,
  darkZoneRows,
  hasContract,
} from "../contract-table";

export const REGULAR_FONT = "Handoff-Regular";
export const BOLD_FONT = "Handoff-Bold";

const FONT_SIZE = 8.5;
const PAD_X = 4;
const PAD_Y = 3.5;
const TEXT = "#0f172a";
const MUTED = "#64748b";
const RULE = "#cbd5e1";
const HEADER_FILL = "#e2e8f0";
const STRIPE = "#f5f7fa";

export interface TableArea {
  left: number;
  top: number;
  width: number;
  bottom: number;
}

interface Column {
  header: string;
  /** Share of the flexible width, or a fixed width in points. */
  share?: number;
  fixed?: number;
  bold?: boolean;
}

interface Cell {
  text: string;
  muted?: boolean;
  bold?: boolean;
}

/** A cell for free text: a muted dash when it is blank, so an empty column reads as "none". */
function textCell(text: string, style: Omit<Cell, "text"> = {}): Cell {
  return text.trim() === "" ? { text: "—", muted: true } : { text, ...style };
}

function columnWidths(columns: readonly Column[], width: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.fixed ?? 0), 0);
  const shares = columns.reduce((sum, c) => sum + (c.share ?? 0), 0);
  const flexible = Math.max(width - fixed, 0);
  return columns.map((c) => c.fixed ?? ((c.share ?? 0) / shares) * flexible);
}

/** The heights pdfkit needs for each cell's text at its column's width. */
function rowHeight(doc: PDFKit.PDFDocument, cells: readonly Cell[], widths: readonly number[]): number {
  let height = 0;
  cells.forEach((cell, i) => {
    doc.font(cell.bold ? BOLD_FONT : REGULAR_FONT).fontSize(FONT_SIZE);
    height = Math.max(
      height,
      doc.heightOfString(cell.text === "" ? " " : cell.text, { width: (widths[i] ?? 0) - 2 * PAD_X }),
    );
  });
  return height + 2 * PAD_Y;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  cells: readonly Cell[],
  widths: readonly number[],
  left: number,
  top: number,
  height: number,
  fill: string | null,
  maxTextHeight: number,
): void {
  const total = widths.reduce((a, b) => a + b, 0);
  if (fill !== null) doc.rect(left, top, total, height).fill(fill);
  let x = left;
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 0;
    doc
      .font(cell.bold ? BOLD_FONT : REGULAR_FONT)
      .fontSize(FONT_SIZE)
      .fillColor(cell.muted ? MUTED : TEXT)
      .text(cell.text, x + PAD_X, top + PAD_Y, {
        width: width - 2 * PAD_X,
        height: maxTextHeight,
        ellipsis: true,
        lineBreak: true,
      });
    x += width;
  });
  doc
    .moveTo(left, top + height)
    .lineTo(left + total, top + height)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

/**
 * Draws a heading and a table, starting at `y` on the current page (a new page when there is no
 * room for the heading and one row); returns the y below it. `newPage` adds a page like the
 * others (same size, same footer) and returns its area.
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  area: TableArea,
  y: number,
  heading: { title: string; summary: string; size: number },
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  newPage: () => TableArea,
): number {
  let box = area;
  const widths = columnWidths(columns, box.width);
  const header: Cell[] = columns.map((c) => ({ text: c.header, bold: true }));
  const headerHeight = rowHeight(doc, header, widths);
  const headingHeight = heading.size * 1.3 + (heading.summary === "" ? 0 : FONT_SIZE * 1.6) + 6;
  const first = rows[0] === undefined ? FONT_SIZE * 2 : rowHeight(doc, rows[0], widths);
  if (y + headingHeight + headerHeight + first > box.bottom) {
    box = newPage();
    y = box.top;
  }
  doc
    .font(BOLD_FONT)
    .fontSize(heading.size)
    .fillColor(TEXT)
    .text(heading.title, box.left, y, { width: box.width });
  y += heading.size * 1.3;
  if (heading.summary !== "") {
    doc
      .font(REGULAR_FONT)
      .fontSize(FONT_SIZE)
      .fillColor(MUTED)
      .text(heading.summary, box.left, y, { width: box.width });
    y += FONT_SIZE * 1.6;
  }
  y += 6;
  const drawHeader = () => {
    drawRow(doc, header, widths, box.left, y, headerHeight, HEADER_FILL, headerHeight);
    y += headerHeight;
  };
  drawHeader();
  // The tallest a row may be: a whole page under the header. Taller (a mitigation of pages) is
  // cut with "…" rather than split; the map file holds the whole text.
  const pageRoom = () => box.bottom - box.top - headerHeight;
  rows.forEach((cells, index) => {
    const height = Math.min(rowHeight(doc, cells, widths), pageRoom());
    if (y + height > box.bottom) {
      box = newPage();
      y = box.top;
      drawHeader();
    }
    drawRow(doc, cells, widths, box.left, y, height, index % 2 === 1 ? STRIPE : null, height - 2 * PAD_Y);
    y += height;
  });
  return y + 18;
}

/** The height drawTable needs for the whole table on one page (heading included). */
function tableHeight(
  doc: PDFKit.PDFDocument,
  width: number,
  heading: { summary: string; size: number },
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
): number {
  const widths = columnWidths(columns, width);
  const header: Cell[] = columns.map((c) => ({ text: c.header, bold: true }));
  const headingHeight = heading.size * 1.3 + (heading.summary === "" ? 0 : FONT_SIZE * 1.6) + 6;
  return rows.reduce(
    (sum, cells) => sum + rowHeight(doc, cells, widths),
    headingHeight + rowHeight(doc, header, widths),
  );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The edge-case register's heading, columns and rows, as the SVG's register table has them. */
function registerTable(map: HandoffMap): {
  heading: { title: string; summary: string; size: number };
  columns: Column[];
  cells: Cell[][];
} {
  const rows = registerRows(map);
  const open = rows.filter((r) => r.edgeCase.status === "open").length;
  const columns: Column[] = [
    { header: "#", fixed: 44, bold: true },
    { header: "Handoff", share: 0.24 },
    { header: "Edge case", share: 0.28, bold: true },
    { header: "Severity", fixed: 58 },
    { header: "Status", fixed: 62 },
    { header: "Owner", share: 0.14 },
    { header: "Mitigation", share: 0.34 },
  ];
  const cells = rows.map((row): Cell[] => {
    const ec = row.edgeCase;
    return [
      { text: row.label, bold: true },
      { text: row.handoffName },
      { text: ec.title, bold: true },
      { text: capitalize(ec.severity) },
      { text: capitalize(ec.status), bold: ec.status === "open", muted: ec.status !== "open" },
      textCell(ec.owner),
      textCell(ec.mitigation),
    ];
  });
  const summary =
    rows.length === 0
      ? "No edge cases recorded."
      : `${rows.length} edge ${rows.length === 1 ? "case" : "cases"} · ${open} open`;
  return { heading: { title: "Edge-case register", summary, size: 14 }, columns, cells };
}

/** The edge-case register, as the SVG's register table has it. */
export function drawRegisterTable(
  doc: PDFKit.PDFDocument,
  map: HandoffMap,
  area: TableArea,
  y: number,
  newPage: () => TableArea,
): number {
  const { heading, columns, cells } = registerTable(map);
  return drawTable(doc, area, y, heading, columns, cells, newPage);
}

/**
 * The height of the whole register at `width`: the PDF starts it under a fitted diagram only
 * when all of it fits there, so it is never split between the diagram's page and the next.
 */
export function registerTableHeight(doc: PDFKit.PDFDocument, map: HandoffMap, width: number): number {
  const { heading, columns, cells } = registerTable(map);
  return tableHeight(doc, width, heading, columns, cells);
}

/** The change plan: open and accepted edge cases by owner, one table per owner. */
export function drawChangePlanTables(
  doc: PDFKit.PDFDocument,
  map: HandoffMap,
  area: TableArea,
  y: number,
  newPage: () => TableArea,
): number {
  const groups = changePlan(map);
  const names = new Map(registerRows(map).map((r) => [r.edgeCase.id, r.handoffName]));
  const count = groups.reduce((sum, g) => sum + g.items.length, 0);
  let box = area;
  // The plan starts on its own page: it is handed to the owners, apart from the register.
  box = newPage();
  y = box.top;
  doc.font(BOLD_FONT).fontSize(14).fillColor(TEXT).text("Change plan", box.left, y, { width: box.width });
  y += 14 * 1.3;
  doc
    .font(REGULAR_FONT)
    .fontSize(FONT_SIZE)
    .fillColor(MUTED)
    .text(
      groups.length === 0
        ? "No open or accepted edge cases on this map."
        : `${count} edge ${count === 1 ? "case" : "cases"} for ${groups.length} ${groups.length === 1 ? "owner" : "owners"} (open and accepted); within each owner, open first, then by due date, then by votes and severity.`,
      box.left,
      y,
      { width: box.width },
    );
  y += FONT_SIZE * 2.4;
  const columns: Column[] = [
    { header: "#", fixed: 44, bold: true },
    { header: "Edge case", share: 0.3 },
    { header: "Handoff", share: 0.25 },
    { header: "Severity", fixed: 58 },
    { header: "Status", fixed: 62 },
    { header: "Mitigation", share: 0.45 },
    { header: "Due", fixed: 62 },
    { header: "Votes", fixed: 38 },
  ];
  for (const group of groups) {
    const cells = group.items.map((item): Cell[] => {
      const ec = item.edgeCase;
      return [
        { text: edgeCaseLabel(item.number), bold: true },
        { text: ec.title, bold: true },
        { text: names.get(ec.id) ?? "" },
        { text: capitalize(ec.severity) },
        { text: capitalize(ec.status), bold: ec.status === "open", muted: ec.status !== "open" },
        textCell(ec.mitigation),
        { text: ec.due ?? "—", muted: ec.due === undefined },
        { text: String(ec.votes) },
      ];
    });
    const items = group.items.length;
    y = drawTable(
      doc,
      box,
      y,
      {
        title: `${group.owner} (${items} ${items === 1 ? "edge case" : "edge cases"})`,
        summary: "",
        size: 11,
      },
      columns,
      cells,
      () => {
        box = newPage();
        return box;
      },
    );
  }
  return y;
}

/** Does the map have a handoff contract to print (any handoff with a contract field)? */
export function hasContracts(map: HandoffMap): boolean {
  return map.handoffs.some(hasContract);
}

/**
 * The handoff contracts, on a page of their own: export/contract-table.ts's rows (every handoff
 * between lanes or with a contract field), the columns of the Markdown and contracts-csv exports.
 */
export function drawContractTable(
  doc: PDFKit.PDFDocument,
  map: HandoffMap,
  newPage: () => TableArea,
): number {
  const rows = contractTableRows(map);
  const box = newPage();
  // Shares of the width for CONTRACT_COLUMNS, in order; the short ones fixed.
  const layout: Record<(typeof CONTRACT_COLUMNS)[number], Omit<Column, "header">> = {
    Handoff: { share: 0.1, bold: true },
    From: { share: 0.09 },
    To: { share: 0.09 },
    Trigger: { share: 0.11 },
    "Required data": { share: 0.14 },
    SLA: { share: 0.08 },
    Sender: { share: 0.085 },
    Receiver: { share: 0.085 },
    "System of record": { share: 0.085 },
    Acceptance: { share: 0.11 },
    "Edge cases": { fixed: 58 },
    Integration: { fixed: 68 },
  };
  const columns: Column[] = CONTRACT_COLUMNS.map((header) => ({ header, ...layout[header] }));
  const cells = rows.map((row): Cell[] =>
    row.map((text, i) => textCell(text, { bold: columns[i]?.bold === true, muted: text === "not examined" })),
  );
  const agreed = map.handoffs.filter(hasContract).length;
  const summary = `${rows.length} ${rows.length === 1 ? "handoff" : "handoffs"} between lanes or with a contract · ${agreed} with contract fields filled`;
  return drawTable(
    doc,
    box,
    box.top,
    { title: "Handoff contracts", summary, size: 14 },
    columns,
    cells,
    newPage,
  );
}

/**
 * The dark zones (handoffs whose data is typed again by hand from one system into another), as
 * the Markdown export has them: below the last table when there is room, else on a page of its
 * own. Returns the y below it; draws nothing (and returns `y`) when the map has none.
 */
export function drawDarkZoneTable(
  doc: PDFKit.PDFDocument,
  map: HandoffMap,
  area: TableArea,
  y: number,
  newPage: () => TableArea,
): number {
  const rows = darkZoneRows(map);
  if (rows.length === 0) return y;
  const layout: Record<(typeof DARK_ZONE_COLUMNS)[number], Omit<Column, "header">> = {
    Handoff: { share: 0.22, bold: true },
    From: { share: 0.2 },
    To: { share: 0.2 },
    "Re-keyed from": { share: 0.19 },
    Into: { share: 0.19 },
  };
  const columns: Column[] = DARK_ZONE_COLUMNS.map((header) => ({ header, ...layout[header] }));
  const cells = rows.map((row): Cell[] =>
    row.map((text, i) => textCell(text, { bold: columns[i]?.bold === true })),
  );
  const summary = `${rows.length} ${rows.length === 1 ? "handoff" : "handoffs"} where data is typed again by hand from one system into another`;
  return drawTable(doc, area, y, { title: "Dark zones", summary, size: 14 }, columns, cells, newPage);
}
