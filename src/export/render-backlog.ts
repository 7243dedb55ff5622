/**
 * The ranked backlog (open edge cases by votes, then severity, then register number) as Markdown
 * and as CSV: what a workshop takes home as the input to its change-management plan.
 *
 * Same safety rules as the register exports, through the same helpers: Markdown text goes
 * through `escapeMarkdown` (no forged rows, no markup); CSV is RFC 4180 with a UTF-8 BOM, CRLF,
 * every field quoted, and `neutralizeFormula` on every cell. Numbers ("EC-3") are the register's.
 */
import { type BacklogEntry, rankedBacklog } from "../model/backlog";
import { capitalize } from "../model/capitalize";
import { edgeCaseLabel, handoffName } from "../model/register-rows";
import type { HandoffMap } from "../model/types";
import { CSV_BOM, csvField } from "./render-csv";
import { escapeMarkdown, markdownCell, tableRow } from "./render-markdown";

export const BACKLOG_CSV_HEADER = [
  "rank",
  "#",
  "votes",
  "severity",
  "title",
  "handoff",
  "owner",
  "mitigation",
  "due",
  "description",
] as const;

export function mapTitle(map: HandoffMap): string {
  const title = escapeMarkdown(map.title);
  return title === "" ? "Untitled map" : title;
}

/** The entry's stable display number ("EC-3"), as everywhere else. */
export function entryLabel(entry: BacklogEntry): string {
  return edgeCaseLabel(entry.number);
}

function rowValues(map: HandoffMap, entry: BacklogEntry, rank: number) {
  const ec = entry.edgeCase;
  return {
    rank: String(rank),
    number: entryLabel(entry),
    votes: String(ec.votes),
    severity: ec.severity,
    title: ec.title,
    handoff: handoffName(map, entry.handoff),
    owner: ec.owner,
    mitigation: ec.mitigation,
    due: ec.due ?? "",
    description: ec.description,
  };
}

/**
 * @example
 * download("backlog.md", renderBacklogMarkdown(map));
 */
export function renderBacklogMarkdown(map: HandoffMap): string {
  const entries = rankedBacklog(map);
  const out = [`# Ranked backlog: ${mapTitle(map)}`, ""];
  if (entries.length === 0) {
    out.push("_No open edge cases on this map._");
    return `${out.join("\n")}\n`;
  }
  const votes = entries.reduce((sum, entry) => sum + entry.edgeCase.votes, 0);
  out.push(
    `${entries.length} open edge ${entries.length === 1 ? "case" : "cases"}, ${votes} ${votes === 1 ? "vote" : "votes"}; ` +
      "ranked by votes, then severity, then register number.",
    "",
  );
  const columns = ["Rank", "#", "Votes", "Severity", "Edge case", "Handoff", "Owner", "Mitigation", "Due"];
  out.push(tableRow(columns), tableRow(columns.map(() => "---")));
  entries.forEach((entry, i) => {
    const v = rowValues(map, entry, i + 1);
    out.push(
      tableRow([
        v.rank,
        v.number,
        v.votes,
        capitalize(v.severity),
        markdownCell(v.title),
        markdownCell(v.handoff),
        markdownCell(v.owner),
        markdownCell(v.mitigation),
        markdownCell(v.due),
      ]),
    );
  });
  return `${out.join("\n")}\n`;
}

/**
 * One row per open edge case, best ranked first, under a header row that is always there.
 *
 * @example
 * download("backlog.csv", renderBacklogCsv(map));
 */
export function renderBacklogCsv(map: HandoffMap): string {
  const lines = [BACKLOG_CSV_HEADER.map(csvField).join(",")];
  rankedBacklog(map).forEach((entry, i) => {
    const v = rowValues(map, entry, i + 1);
    lines.push(
      [v.rank, v.number, v.votes, v.severity, v.title, v.handoff, v.owner, v.mitigation, v.due, v.description]
        .map(csvField)
        .join(","),
    );
  });
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
