/**
 * The change plan as Markdown: open and accepted edge cases grouped by owner ("Unassigned"
 * first), each with its handoff, severity, status, mitigation, due date and votes. Text goes
 * through the register's Markdown escaper; numbers ("EC-3") are the register's.
 */
import { capitalize } from "../model/capitalize";
import { changePlan } from "../model/change-plan";
import { handoffName } from "../model/register-rows";
import type { HandoffMap } from "../model/types";
import { entryLabel, mapTitle } from "./render-backlog";
import { escapeMarkdown, markdownCell, tableRow } from "./render-markdown";

const COLUMNS = ["#", "Edge case", "Handoff", "Severity", "Status", "Mitigation", "Due", "Votes"];

/**
 * @example
 * download("change-plan.md", renderChangePlanMarkdown(map));
 */
export function renderChangePlanMarkdown(map: HandoffMap): string {
  const groups = changePlan(map);
  const out = [`# Change plan: ${mapTitle(map)}`, ""];
  if (groups.length === 0) {
    out.push("_No open or accepted edge cases on this map._");
    return `${out.join("\n")}\n`;
  }
  const count = groups.reduce((sum, group) => sum + group.items.length, 0);
  out.push(
    `${count} edge ${count === 1 ? "case" : "cases"} for ${groups.length} ${groups.length === 1 ? "owner" : "owners"}` +
      " (open and accepted); within each owner, open first, then by due date, then by votes and severity.",
    "",
  );
  for (const group of groups) {
    const heading = group.unassigned ? "Unassigned" : escapeMarkdown(group.owner);
    const items = group.items.length;
    out.push(`## ${heading} (${items} ${items === 1 ? "edge case" : "edge cases"})`, "");
    out.push(tableRow(COLUMNS), tableRow(COLUMNS.map(() => "---")));
    for (const item of group.items) {
      const ec = item.edgeCase;
      out.push(
        tableRow([
          entryLabel(item),
          markdownCell(ec.title),
          markdownCell(handoffName(map, item.handoff)),
          capitalize(ec.severity),
          capitalize(ec.status),
          markdownCell(ec.mitigation),
          markdownCell(ec.due ?? ""),
          String(ec.votes),
        ]),
      );
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
