/**
 * The edge-case register as CSV (RFC 4180), with the Markdown register's due date and votes, for Excel, Google Sheets and Numbers: a UTF-8 byte
 * order mark (so Excel reads UTF-8), CRLF line ends, every field quoted with embedded quotes
 * doubled and newlines kept inside the quotes, and a header row that is always there. Control
 * characters other than tab, LF and CR are dropped, as in the Markdown export.
 *
 * Formula neutralization: a cell that begins with =, +, -, @, tab or carriage return (or their
 * full-width forms, which some spreadsheets also accept) gets a leading single quote, so a
 * spreadsheet shows the text instead of running it ("CSV injection", OWASP).
 */

import { registerRowsByNumber } from "../model/register-rows";
import type { HandoffMap } from "../model/types";

export const CSV_HEADER = [
  "#",
  "handoff",
  "from",
  "to",
  "title",
  "severity",
  "status",
  "owner",
  "mitigation",
  "description",
  // After the first ten, so spreadsheets built on the older export keep their column letters.
  "due",
  "votes",
] as const;

/** So Excel reads the file as UTF-8. */
export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a cell a spreadsheet would evaluate with a single quote. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

// C0 controls other than tab, LF and CR, and DEL: no text needs them, and an importer that
// drops them silently would uncover a formula behind them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** One RFC 4180 field: control characters dropped, neutralized, quoted, embedded quotes doubled. */
export function csvField(value: string): string {
  return `"${neutralizeFormula(value.replace(CONTROL_CHARS, "")).replace(/"/g, '""')}"`;
}

/**
 * One row per edge case by its stable number (EC-1 first), under the header row.
 *
 * @example
 * await writeFile("register.csv", renderCsv(map));
 */
export function renderCsv(map: HandoffMap): string {
  const lines = [CSV_HEADER.map(csvField).join(",")];
  for (const row of registerRowsByNumber(map)) {
    const ec = row.edgeCase;
    lines.push(
      [
        row.label,
        row.handoffName,
        row.from,
        row.to,
        ec.title,
        ec.severity,
        ec.status,
        ec.owner,
        ec.mitigation,
        ec.description,
        ec.due ?? "",
        String(ec.votes),
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
