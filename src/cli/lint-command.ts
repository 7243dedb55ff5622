import { parseArgs } from "node:util";
import {
  countFindings,
  describeCounts,
  lintMap,
  localToday,
  unknownRuleSettings,
} from "../model/lint/lint-map";
import { type CliIo, say, UsageError, usageParse } from "./io";
import { loadMap, printWarnings } from "./validate-command";

export const LINT_USAGE = `Usage: handoff lint FILE [--format text|json] [--today YYYY-MM-DD]

Checks a map's health: handoffs without contracts (trigger, SLA, owners), unexamined handoffs,
system crossings re-keyed by hand, unowned or overdue edge cases, unreachable steps, dead ends,
ping-pong between lanes, empty lanes and phases, duplicate names. The rules and the map's \`lint\`
section are described in docs/lint.md.

Prints one finding per line (rule-id severity path message) and a summary line, or with
--format json one JSON document: { "findings": [{ rule, severity, message, path, ids }],
"counts": { error, warning, info } }. Exit 1 when there is an error finding (or the file is not
a valid map), 0 otherwise, 2 for usage. FILE may be - for standard input.

Options:
  --format text|json    output form (default text)
  --today YYYY-MM-DD    the date edge-case-overdue compares due dates with (default: today)
  -h, --help            show this help`;

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export async function runLint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseStrict(args);
  if (values.help) {
    io.stdout(`${LINT_USAGE}\n`);
    return 0;
  }
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json")
    throw new UsageError(`lint: --format must be text or json, not ${JSON.stringify(format)}`);
  if (values.today !== undefined && !isCalendarDate(values.today))
    throw new UsageError(
      `lint: --today must be a date written as YYYY-MM-DD, not ${JSON.stringify(values.today)}`,
    );
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("lint: missing FILE");
  if (extra.length > 0) throw new UsageError(`lint: unexpected argument ${JSON.stringify(extra[0])}`);

  const loaded = await loadMap(io, "lint", file);
  if (loaded === null) return 1;
  printWarnings(io, [
    ...loaded.warnings,
    ...unknownRuleSettings(loaded.map).map((rule) => ({
      path: `lint.${rule}`,
      message: "no health rule has this id; the setting is ignored",
    })),
  ]);
  const findings = lintMap(loaded.map, { today: values.today ?? localToday(new Date()) });
  const counts = countFindings(findings);
  if (format === "json") io.stdout(`${JSON.stringify({ findings, counts }, null, 2)}\n`);
  else {
    for (const finding of findings)
      say(io, `${finding.rule} ${finding.severity} ${finding.path} ${finding.message}`);
    say(io, `${file}: ${describeCounts(counts)}`);
  }
  return counts.error > 0 ? 1 : 0;
}

function parseStrict(args: string[]) {
  return usageParse(
    () =>
      parseArgs({
        args,
        options: {
          help: { type: "boolean", short: "h" },
          format: { type: "string" },
          today: { type: "string" },
        },
        allowPositionals: true,
        strict: true,
      }),
    "lint: ",
  );
}
