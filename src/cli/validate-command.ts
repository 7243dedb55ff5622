import { parseArgs } from "node:util";
import { formatIssue, type MapIssue } from "../model/map-issue";
import type { HandoffMap } from "../model/types";
import { type CliIo, complain, say, UsageError, usageParse } from "./io";
import { readMapFile } from "./read-map-file";
import { cappedLines, LISTED } from "./terminal-text";

export const VALIDATE_USAGE = `Usage: handoff validate FILE

Checks a Handoff map file: its encoding (UTF-8), JSON syntax, format and version, its shape,
unique ids and every reference. Prints a one-line summary and any warnings (exit 0), or every
problem, one per line, on stderr (exit 1). A file that cannot be read at all says so (exit 1).
At most ${LISTED.errors} problems and ${LISTED.warnings} warnings are listed, then how many more.
FILE may be - for standard input; at most 20 MB of it is read.

Options:
  -h, --help   show this help`;

export function summarize(map: HandoffMap): string {
  const edgeCases = map.handoffs.reduce((sum, handoff) => sum + handoff.edgeCases.length, 0);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    count(map.steps.length, "step", "steps"),
    count(map.lanes.length, "lane", "lanes"),
    count(map.phases.length, "phase", "phases"),
    count(map.handoffs.length, "handoff", "handoffs"),
    count(edgeCases, "edge case", "edge cases"),
  ].join(", ");
}

/**
 * Reads FILE for a command and prints what stops it: "cannot read FILE: …" when it cannot be
 * read, else every problem (capped) and "invalid: N problems in FILE". Returns the map and its
 * warnings, or null after printing.
 */
export async function loadMap(
  io: CliIo,
  command: string,
  file: string,
): Promise<{ map: HandoffMap; warnings: MapIssue[] } | null> {
  const read = await readMapFile(io, file);
  if (!read.read) {
    complain(io, `handoff ${command}: ${read.message}`);
    return null;
  }
  const { result } = read;
  if (!result.ok) {
    for (const line of cappedLines(result.errors.map(formatIssue), LISTED.errors, "problem"))
      complain(io, line);
    const count = result.errors.length;
    complain(io, `invalid: ${count.toLocaleString("en-US")} problem${count === 1 ? "" : "s"} in ${file}`);
    return null;
  }
  return { map: result.map, warnings: result.warnings };
}

/** Prints warnings, at most LISTED.warnings of them. */
export function printWarnings(io: CliIo, warnings: readonly MapIssue[]): void {
  for (const line of cappedLines(warnings.map(formatIssue), LISTED.warnings, "warning"))
    complain(io, line.startsWith("… and ") ? line : `warning: ${line}`);
}

export async function runValidate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseStrict(args);
  if (values.help) {
    io.stdout(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("validate: missing FILE");
  if (extra.length > 0) throw new UsageError(`validate: unexpected argument ${JSON.stringify(extra[0])}`);
  const loaded = await loadMap(io, "validate", file);
  if (loaded === null) return 1;
  say(io, `valid: ${summarize(loaded.map)}`);
  printWarnings(io, loaded.warnings);
  return 0;
}

function parseStrict(args: string[]) {
  return usageParse(
    () =>
      parseArgs({
        args,
        options: { help: { type: "boolean", short: "h" } },
        allowPositionals: true,
        strict: true,
      }),
    "validate: ",
  );
}
