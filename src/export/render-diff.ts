/**
 * A map diff (src/model/diff) as text for a terminal, Markdown for a pull request or a deck, and
 * JSON for tools. The JSON form is a public contract (docs/format.md, "Diff JSON"): its keys and
 * their order are fixed, every field change carries raw values and the words people read.
 *
 * Pure and deterministic: the same two maps give byte-identical output.
 */
import { DIFF_KINDS, type DiffKind, type EntityChange, type MapDiff } from "../model/diff/diff-maps";
import { describeChange, describeField, kindNoun, summarizeDiff } from "../model/diff/diff-summary";
import { escapeMarkdown, markdownCell, tableRow } from "./render-markdown";

/** What each side of the compare was: a file's title and scenario, or a version. */
export interface DiffSide {
  title: string;
  /** "As-is", "To-be", or a version's name ("Version “Before workshop”"). */
  scenario: string;
  /** Where it came from, when that tells the sides apart (the CLI: the file's name). */
  source?: string;
}

const HEADINGS: Record<DiffKind, string> = {
  lane: "Lanes",
  phase: "Phases",
  step: "Steps",
  handoff: "Handoffs",
  edgeCase: "Edge cases",
};

const MARKS = { added: "+", removed: "-", changed: "~" } as const;

function sideName(side: DiffSide): string {
  return side.source === undefined ? side.scenario : `${side.source} (${side.scenario})`;
}

/** "title: Old → New" when the two maps' titles differ; nothing otherwise. */
function titleLine(before: DiffSide, after: DiffSide): string | null {
  return before.title === after.title ? null : `title: ${before.title} → ${after.title}`;
}

function byKind(diff: MapDiff): [DiffKind, EntityChange[]][] {
  return DIFF_KINDS.map(
    (kind) => [kind, diff.changes.filter((c) => c.kind === kind)] as [DiffKind, EntityChange[]],
  ).filter(([, changes]) => changes.length > 0);
}

/**
 * @example
 * renderDiffText(diff, asIs, toBe)
 * // As-is → To-be: +1 step, 1 changed
 * //
 * // Steps
 * //   + Qualify lead  [s-k3f9x2]
 * //   ~ Enrich & route  [enrich]
 * //       moved from SDR to Marketing Ops
 */
export function renderDiffText(diff: MapDiff, before: DiffSide, after: DiffSide): string {
  const out = [
    `${oneLine(after.title)}`,
    `${oneLine(sideName(before))} → ${oneLine(sideName(after))}: ${summarizeDiff(diff)}`,
  ];
  const title = titleLine(before, after);
  if (title !== null) out.push(oneLine(title));
  if (diff.layoutChanges > 0)
    out.push(
      `(${diff.layoutChanges} layout-only ${diff.layoutChanges === 1 ? "change" : "changes"} not shown)`,
    );
  for (const [kind, changes] of byKind(diff)) {
    out.push("", HEADINGS[kind]);
    for (const change of changes) {
      out.push(`  ${MARKS[change.change]} ${oneLine(change.label)}  [${oneLine(change.id)}]`);
      for (const field of change.fields) out.push(`      ${oneLine(describeField(change, field))}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Newlines and tabs in a label would break the line-per-change layout. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ");
}

/** The change list as Markdown: one table per kind, every text escaped. */
export function renderDiffMarkdown(diff: MapDiff, before: DiffSide, after: DiffSide): string {
  const out = [
    `# Changes: ${escapeMarkdown(after.title)}`,
    "",
    `${escapeMarkdown(sideName(before))} → ${escapeMarkdown(sideName(after))}: **${escapeMarkdown(summarizeDiff(diff))}**`,
  ];
  const title = titleLine(before, after);
  if (title !== null) out.push("", escapeMarkdown(title));
  if (diff.layoutChanges > 0)
    out.push(
      "",
      `_${diff.layoutChanges} layout-only ${diff.layoutChanges === 1 ? "change" : "changes"} not listed._`,
    );
  for (const [kind, changes] of byKind(diff)) {
    out.push("", `## ${HEADINGS[kind]} (${changes.length})`, "");
    out.push(tableRow(["Change", kindNoun(kind).replace(/^./, (c) => c.toUpperCase()), "Details"]));
    out.push(tableRow(["---", "---", "---"]));
    for (const change of changes) {
      const verb = change.change === "added" ? "Added" : change.change === "removed" ? "Removed" : "Changed";
      const details = change.fields.map((field) => markdownCell(describeField(change, field))).join("<br>");
      out.push(tableRow([verb, markdownCell(change.label), details === "" ? "—" : details]));
    }
  }
  return `${out.join("\n")}\n`;
}

const json = (value: unknown) => (value === undefined ? null : value);

const side = (s: DiffSide) => ({
  title: s.title,
  scenario: s.scenario,
  ...(s.source === undefined ? {} : { source: s.source }),
});

/**
 * The stable JSON form (format "handoff-diff", version 1). Keys in a fixed order; a value that is
 * absent on one side is null.
 */
export function renderDiffJson(diff: MapDiff, before: DiffSide, after: DiffSide): string {
  const document = {
    format: "handoff-diff",
    version: 1,
    before: side(before),
    after: side(after),
    equal: diff.changes.length === 0,
    summary: summarizeDiff(diff),
    counts: {
      added: diff.counts.added,
      removed: diff.counts.removed,
      changed: diff.counts.changed,
      mitigated: diff.counts.mitigated,
      layoutOnly: diff.layoutChanges,
    },
    changes: diff.changes.map((change) => ({
      kind: change.kind,
      change: change.change,
      id: change.id,
      label: change.label,
      ...(change.handoff === undefined ? {} : { handoff: change.handoff }),
      description: describeChange(change),
      fields: change.fields.map((field) => ({
        field: field.field,
        before: json(field.before),
        after: json(field.after),
        beforeText: field.beforeText,
        afterText: field.afterText,
        description: describeField(change, field),
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
