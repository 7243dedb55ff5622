import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatIssue } from "../model/map-issue";
import { type ParseResult, parseMapText } from "../model/parse-map";
import type { HandoffMap } from "../model/types";
import { LIMITS } from "../model/types";
import { type CliIo, describeFsError, UsageError } from "./io";

export const VALIDATE_USAGE = `Usage: handoff validate FILE

Checks a Handoff map file: its format and version, its shape, unique ids and every reference.
Prints a one-line summary and any warnings (exit 0), or every problem, one per line, on stderr (exit 1).

Options:
  -h, --help   show this help`;

/** Reads and parses a map file; problems come back as lines for stderr, never as a throw. */
export async function readMapFile(io: CliIo, file: string): Promise<ParseResult> {
  const full = path.resolve(io.cwd, file);
  try {
    const stat = await fs.stat(full);
    if (stat.isDirectory())
      return { ok: false, errors: [{ path: "", message: `${file}: is a directory, not a file` }] };
    if (stat.size > LIMITS.fileBytes)
      return {
        ok: false,
        errors: [
          { path: "", message: `${file}: larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit` },
        ],
      };
    return parseMapText(await fs.readFile(full, "utf8"));
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: describeFsError(error, file) }] };
  }
}

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

export async function runValidate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseStrict(args);
  if (values.help) {
    io.stdout(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("validate: missing FILE");
  if (extra.length > 0) throw new UsageError(`validate: unexpected argument ${JSON.stringify(extra[0])}`);
  const result = await readMapFile(io, file);
  if (!result.ok) {
    for (const issue of result.errors) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(
      `invalid: ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} in ${file}\n`,
    );
    return 1;
  }
  io.stdout(`valid: ${summarize(result.map)}\n`);
  for (const warning of result.warnings) io.stderr(`warning: ${formatIssue(warning)}\n`);
  return 0;
}

function parseStrict(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`validate: ${(error as Error).message}`);
  }
}
