/**
 * The edge-case register's columns, defined once: what each column is called, how a row's cell
 * is read, and where it appears (the editor's register panel, the CSV, the Markdown and the SVG
 * register table), with the few hints an output needs to print it. The rows themselves come from
 * register-rows.ts; each output walks the columns it shows, in this order.
 *
 * The CSV carries every column, in this order, so a new column goes at the end: spreadsheets built
 * on an older export keep their column letters.
 */
import { capitalize } from "./capitalize";
import type { RegisterSortKey } from "./register-query";
import type { RegisterRow } from "./register-rows";

export type RegisterColumnId =
  | "number"
  | "handoff"
  | "from"
  | "to"
  | "title"
  | "severity"
  | "status"
  | "owner"
  | "mitigation"
  | "description"
  | "due"
  | "votes";

/**
 * What a cell holds, which says how each output prints it:
 * - `label`: the edge case's number ("EC-3"), printed as is and never wrapped;
 * - `text`: free text people typed: escaped, wrapped, shown as a dash when blank;
 * - `choice`: one word of a fixed list (severity, status): capitalised for people, as stored in the CSV;
 * - `count`: a whole number, printed as is.
 */
export type RegisterCellKind = "label" | "text" | "choice" | "count";

/** How wide a column of the SVG register table is. */
export type RegisterSvgWidth =
  /** A fixed width in px. */
  | { px: number }
  /** A share of what the fixed columns leave. */
  | { share: number }
  /** What the fixed and shared columns leave. */
  | "rest";

export interface RegisterSvgHint {
  width: RegisterSvgWidth;
  /** Drawn in bold. */
  bold?: true;
  /** A blank cell shows a muted dash (otherwise it stays empty). */
  blankDash?: true;
  /** Bold while the edge case is open, muted once it is mitigated or accepted. */
  emphasizeOpen?: true;
  /** A dot in the severity's colour before the text. */
  severityDot?: true;
}

export interface RegisterPanelHint {
  /** The heading in the panel, when it differs from `header`. */
  header: string;
  /** What clicking the heading sorts by. */
  sort: RegisterSortKey;
}

export interface RegisterColumn {
  id: RegisterColumnId;
  /** The heading people read (Markdown, SVG). */
  header: string;
  /** The CSV heading: a stable name spreadsheets and scripts key on. */
  csvHeader: string;
  kind: RegisterCellKind;
  /** The cell as stored: "critical", "3", "" when blank. */
  value: (row: RegisterRow) => string;
  /** Shown in the editor's register panel. */
  panel?: RegisterPanelHint;
  /** Shown in the Markdown register (one table per handoff, so no handoff column there). */
  markdown?: true;
  /** Shown in the SVG register table below the diagram. */
  svg?: RegisterSvgHint;
}

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  {
    id: "number",
    header: "#",
    csvHeader: "#",
    kind: "label",
    value: (row) => row.label,
    panel: { header: "No.", sort: "number" },
    markdown: true,
    svg: { width: { px: 64 }, bold: true },
  },
  {
    id: "handoff",
    header: "Handoff",
    csvHeader: "handoff",
    kind: "text",
    value: (row) => row.handoffName,
    panel: { header: "Handoff", sort: "handoff" },
    svg: { width: { share: 0.24 } },
  },
  { id: "from", header: "From", csvHeader: "from", kind: "text", value: (row) => row.from },
  { id: "to", header: "To", csvHeader: "to", kind: "text", value: (row) => row.to },
  {
    id: "title",
    header: "Edge case",
    csvHeader: "title",
    kind: "text",
    value: (row) => row.edgeCase.title,
    panel: { header: "Title", sort: "title" },
    markdown: true,
    svg: { width: { share: 0.28 }, bold: true },
  },
  {
    id: "severity",
    header: "Severity",
    csvHeader: "severity",
    kind: "choice",
    value: (row) => row.edgeCase.severity,
    panel: { header: "Severity", sort: "severity" },
    markdown: true,
    svg: { width: { px: 100 }, severityDot: true },
  },
  {
    id: "status",
    header: "Status",
    csvHeader: "status",
    kind: "choice",
    value: (row) => row.edgeCase.status,
    panel: { header: "Status", sort: "status" },
    markdown: true,
    svg: { width: { px: 100 }, emphasizeOpen: true },
  },
  {
    id: "owner",
    header: "Owner",
    csvHeader: "owner",
    kind: "text",
    value: (row) => row.edgeCase.owner,
    panel: { header: "Owner", sort: "owner" },
    markdown: true,
    svg: { width: { share: 0.14 }, blankDash: true },
  },
  {
    id: "mitigation",
    header: "Mitigation",
    csvHeader: "mitigation",
    kind: "text",
    value: (row) => row.edgeCase.mitigation,
    markdown: true,
    svg: { width: "rest", blankDash: true },
  },
  {
    id: "description",
    header: "Description",
    csvHeader: "description",
    kind: "text",
    value: (row) => row.edgeCase.description,
  },
  {
    id: "due",
    header: "Due",
    csvHeader: "due",
    kind: "text",
    value: (row) => row.edgeCase.due ?? "",
    markdown: true,
  },
  {
    id: "votes",
    header: "Votes",
    csvHeader: "votes",
    kind: "count",
    value: (row) => String(row.edgeCase.votes),
    panel: { header: "Votes", sort: "votes" },
    markdown: true,
  },
];

/** The surfaces that show some of the columns (the CSV shows them all). */
export type RegisterOutput = "panel" | "markdown" | "svg";

/** A column an output shows, with that output's hint. */
export type RegisterColumnOf<O extends RegisterOutput> = RegisterColumn & Required<Pick<RegisterColumn, O>>;

/**
 * The columns one output shows, in register order.
 *
 * @example
 * registerColumnsOf("svg").map((column) => column.header) // ["#", "Handoff", "Edge case", …]
 */
export function registerColumnsOf<O extends RegisterOutput>(output: O): RegisterColumnOf<O>[] {
  return REGISTER_COLUMNS.filter((column): column is RegisterColumnOf<O> => column[output] !== undefined);
}

/** The cell as people read it: choices capitalised ("Critical"), everything else as stored. */
export function registerCellText(column: RegisterColumn, row: RegisterRow): string {
  const value = column.value(row);
  return column.kind === "choice" ? capitalize(value) : value;
}
