import type { DiffKind, EntityChange, FieldChange, MapDiff } from "./diff-maps";

/**
 * A diff in words: the counts line ("+4 steps, −2 handoffs, 7 changed, 3 edge cases mitigated")
 * and one line per change ("moved from SDR to Marketing Ops"). Shared by the compare panel, the
 * CLI and the Markdown export, so they all say the same.
 */

const NOUNS: Record<DiffKind, [string, string]> = {
  lane: ["lane", "lanes"],
  phase: ["phase", "phases"],
  step: ["step", "steps"],
  handoff: ["handoff", "handoffs"],
  edgeCase: ["edge case", "edge cases"],
};

export function kindNoun(kind: DiffKind, count = 1): string {
  return NOUNS[kind][count === 1 ? 0 : 1];
}

/** Field names as the inspector says them. */
const FIELD_WORDS: Record<string, string> = {
  lane: "lane",
  phase: "phase",
  label: "label",
  name: "name",
  kind: "kind",
  description: "description",
  owner: "owner",
  systems: "systems",
  position: "position",
  order: "order",
  from: "from",
  to: "to",
  title: "title",
  severity: "severity",
  status: "status",
  mitigation: "mitigation",
  votes: "votes",
  due: "due",
  number: "number",
  color: "colour",
  handoff: "handoff",
  sla: "SLA",
};

export function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "+4 steps, −2 handoffs, 7 changed, 3 edge cases mitigated"; "No changes" when there are none. */
export function summarizeDiff(diff: MapDiff): string {
  const parts: string[] = [];
  const kinds = Object.keys(NOUNS) as DiffKind[];
  for (const kind of kinds) {
    const n = diff.counts.added[kind];
    if (n > 0) parts.push(`+${n} ${kindNoun(kind, n)}`);
  }
  for (const kind of kinds) {
    const n = diff.counts.removed[kind];
    if (n > 0) parts.push(`−${n} ${kindNoun(kind, n)}`);
  }
  const changed = kinds.reduce((sum, kind) => sum + diff.counts.changed[kind], 0);
  if (changed > 0) parts.push(`${changed} changed`);
  if (diff.counts.mitigated > 0)
    parts.push(`${diff.counts.mitigated} ${kindNoun("edgeCase", diff.counts.mitigated)} mitigated`);
  return parts.length === 0 ? "No changes" : parts.join(", ");
}

/** One field's change in words: "moved from SDR to Marketing Ops", "owner: Ana → Ben". */
export function describeField(change: EntityChange, field: FieldChange): string {
  if (change.kind === "step" && field.field === "lane")
    return `moved from ${field.beforeText} to ${field.afterText}`;
  if (change.kind === "edgeCase" && field.field === "handoff")
    return `moved from handoff ${field.beforeText} to ${field.afterText}`;
  return `${fieldWord(field.field)}: ${field.beforeText} → ${field.afterText}`;
}

/** A change's headline: "Added step “Qualify”", "Removed handoff “SQL”", "Changed lane “SDR”". */
export function describeChange(change: EntityChange): string {
  const verb = change.change === "added" ? "Added" : change.change === "removed" ? "Removed" : "Changed";
  return `${verb} ${kindNoun(change.kind)} “${change.label}”`;
}
