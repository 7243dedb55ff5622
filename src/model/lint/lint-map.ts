import type { HandoffMap } from "../types";
import { type Finding, type FindingSeverity, severityRank } from "./finding";
import { buildContext } from "./lint-context";
import { HEALTH_RULES, RULE_IDS } from "./rules";

export interface LintOptions {
  /** Today as YYYY-MM-DD, for edge-case-overdue. Passed in so results never depend on the clock. */
  today: string;
}

/**
 * Runs every health rule over a valid map: pure, O(steps + handoffs + edge cases) (a 1,000-step
 * map lints in a few milliseconds; bench/lint.bench.ts). The map's `lint` section turns rules off
 * or sets their severity. Findings come most severe first, then in rule order, then map order.
 */
export function lintMap(map: HandoffMap, options: LintOptions): Finding[] {
  const context = buildContext(map, options.today);
  const settings = map.lint ?? {};
  const findings: Finding[] = [];
  for (const rule of HEALTH_RULES) {
    const level = Object.hasOwn(settings, rule.id) ? settings[rule.id] : undefined;
    if (level === "off") continue;
    for (const found of rule.check(context)) {
      const severity: FindingSeverity = level ?? found.severity ?? rule.severity;
      findings.push({ rule: rule.id, severity, message: found.message, path: found.path, ids: found.ids });
    }
  }
  // Array.prototype.sort is stable: rule order and map order survive within a severity.
  return findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

/** Rule ids in the map's `lint` section that no rule has (a typo, or a rule from a newer version). */
export function unknownRuleSettings(map: HandoffMap): string[] {
  return Object.keys(map.lint ?? {}).filter((id) => !RULE_IDS.has(id));
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** "2 errors, 9 warnings", "1 info", or "no findings". */
export function describeCounts(counts: FindingCounts): string {
  const parts: string[] = [];
  if (counts.error > 0) parts.push(`${counts.error} ${counts.error === 1 ? "error" : "errors"}`);
  if (counts.warning > 0) parts.push(`${counts.warning} ${counts.warning === 1 ? "warning" : "warnings"}`);
  if (counts.info > 0) parts.push(`${counts.info} info`);
  return parts.length === 0 ? "no findings" : parts.join(", ");
}

/** Today as YYYY-MM-DD in the local calendar, for the callers that own a clock (ui, cli). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
