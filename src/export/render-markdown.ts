/**
 * The map's title and its edge-case register as GitHub-flavoured Markdown, for wiki pages and
 * the change-management plan: one pipe table per handoff, in register order.
 *
 * Every piece of text from the map goes through one escaper, wherever it lands (heading,
 * paragraph, table cell): HTML special characters become entities, Markdown punctuation that
 * could start markup (pipes, backticks, emphasis, links, images, headings, block quotes, lists)
 * is backslash-escaped, bare URLs and e-mail addresses are broken up (`www\.`, `https\://`, `\@`)
 * so renderers do not turn them into links, and newlines become `<br>` in cells or spaces in
 * headings, so no map can forge a table row, close a code span, inject a tag or a link.
 */

import { capitalize } from "../model/capitalize";
import { type RegisterRow, registerRows } from "../model/register-rows";
import type { HandoffMap } from "../model/types";
import {
  CONTRACT_COLUMNS,
  contractTableRows,
  DARK_ZONE_COLUMNS,
  darkZoneRows,
  hasContract,
} from "./contract-table";

const MARKDOWN_PUNCTUATION = /[\\`*_[\]!|~#]/g;

/** C0 controls other than tab/LF/CR, DEL and C1 controls: never meaningful in a map's text. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Escapes text for Markdown inline content. `lineBreak` replaces each newline: "<br>" inside
 * table cells, " " in headings.
 */
export function escapeMarkdown(text: string, lineBreak: "<br>" | " " = " "): string {
  const clean = Array.from(text)
    .filter((c) => !isControl(c.codePointAt(0) ?? 0))
    .join("");
  return (
    clean
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
      // GFM (GitHub, GitLab, most wikis) links bare URLs and e-mail addresses: break what it
      // looks for, so a label's "www.x.io", "https://x.io" or "a@x.io" stays text.
      .replace(/(www)\./gi, "$1\\.")
      .replace(/(https?|ftp|mailto|xmpp):/gi, "$1\\:")
      .replace(/@/g, "\\@")
      .replace(/\t/g, " ")
      .replace(/\r\n|\r|\n/g, lineBreak)
      .trim()
      // At the start of a block these would begin a list, a heading underline or a thematic break.
      .replace(/^([+\-=])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/** A table cell: escaped, newlines as <br>, an em dash when empty. */
export function markdownCell(text: string): string {
  const escaped = escapeMarkdown(text, "<br>");
  return escaped === "" ? "—" : escaped;
}

const COLUMNS = ["#", "Edge case", "Severity", "Status", "Owner", "Mitigation", "Due", "Votes"] as const;

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function edgeCaseRow(row: RegisterRow): string {
  const ec = row.edgeCase;
  return tableRow([
    row.label,
    markdownCell(ec.title),
    capitalize(ec.severity),
    capitalize(ec.status),
    markdownCell(ec.owner),
    markdownCell(ec.mitigation),
    markdownCell(ec.due ?? ""),
    String(ec.votes),
  ]);
}

/**
 * @example
 * await writeFile("register.md", renderMarkdown(map));
 */
export function renderMarkdown(map: HandoffMap): string {
  const rows = registerRows(map);
  const out: string[] = [];
  const title = escapeMarkdown(map.title);
  out.push(`# ${title === "" ? "Untitled map" : title}`, "");
  const description = escapeMarkdown(map.description, "<br>");
  if (description !== "") out.push(description, "");

  out.push("## Edge-case register", "");
  if (rows.length === 0) {
    out.push("_No edge cases have been recorded on this map._", "");
    return `${[...out, ...contractSections(map)].join("\n").trimEnd()}\n`;
  }
  const open = rows.filter((r) => r.edgeCase.status === "open");
  const bySeverity = (["critical", "high", "medium", "low"] as const)
    .map((s) => [s, open.filter((r) => r.edgeCase.severity === s).length] as const)
    .filter(([, count]) => count > 0)
    .map(([s, count]) => `${count} ${s}`);
  const handoffCount = new Set(rows.map((r) => r.handoff)).size;
  out.push(
    `${rows.length} edge ${rows.length === 1 ? "case" : "cases"} on ${handoffCount} ${handoffCount === 1 ? "handoff" : "handoffs"}; ` +
      `${open.length} open${bySeverity.length > 0 ? ` (${bySeverity.join(", ")})` : ""}.`,
    "",
  );

  let current: RegisterRow["handoff"] | null = null;
  for (const row of rows) {
    if (row.handoff !== current) {
      if (current !== null) out.push("");
      current = row.handoff;
      out.push(`### ${escapeMarkdown(row.handoffName)}`, "");
      const label = escapeMarkdown(row.handoff.label);
      if (label !== "") out.push(`Handoff: ${label}`, "");
      out.push(tableRow([...COLUMNS]), tableRow(COLUMNS.map(() => "---")));
    }
    out.push(edgeCaseRow(row));
  }
  return `${[...out, "", ...contractSections(map)].join("\n").trimEnd()}\n`;
}

/**
 * The "Handoff contracts" and "Dark zones" sections (src/export/contract-table.ts), each only
 * when there is something to show, so a map without contracts exports as it always did.
 */
function contractSections(map: HandoffMap): string[] {
  const table = (columns: readonly string[], rows: string[][]) => [
    tableRow([...columns]),
    tableRow(columns.map(() => "---")),
    ...rows.map((row) => tableRow(row.map(markdownCell))),
    "",
  ];
  const out: string[] = [];
  if (map.handoffs.some(hasContract))
    out.push("## Handoff contracts", "", ...table(CONTRACT_COLUMNS, contractTableRows(map)));
  const zones = darkZoneRows(map);
  if (zones.length > 0)
    out.push(
      "## Dark zones",
      "",
      "Handoffs where data is typed again by hand from one system into another.",
      "",
      ...table(DARK_ZONE_COLUMNS, zones),
    );
  return out;
}
