/**
 * `handoff import FILE.bpmn`: read -> importBpmn (bpmn-moddle, then parseMap) -> JSON -> atomic
 * write. Warnings go to stderr; a file that is not BPMN writes nothing.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { importBpmnBytes } from "../bpmn/import-bpmn";
import { renderJson } from "../export/render-json";
import { formatIssue } from "../model/map-issue";
import { LIMITS } from "../model/types";
import {
  type CliIo,
  complain,
  describeFsError,
  oneFile,
  outputName,
  readRequest,
  say,
  UsageError,
  usageParse,
} from "./io";
import { readLimited, readStreamLimited } from "./read-map-file";
import { cappedLines, LISTED, terminalText } from "./terminal-text";
import { printWarnings, summarize } from "./validate-command";
import { OutputError, writeOutput } from "./write-output";

export const IMPORT_USAGE = `Usage: handoff import FILE.bpmn [options]

Reads a BPMN 2.0 file (from bpmn.io, Camunda Modeler, Signavio, or handoff export --format
bpmn) and writes it as a Handoff map (JSON). Every pool with a process is imported: its lanes
become lanes ("Pool / Lane" when there are several pools, "Parent / Child" for nested lanes),
flow nodes steps, sequence and message flows handoffs, annotations on flows edge cases, groups
phases. Positions come from the file's diagram, lane by lane; a file without one is laid out
by Handoff when it is opened. What a map cannot hold (data objects, boundary attachments...)
is listed as warnings on stderr, each with its BPMN id. A file Handoff exported comes back
exactly. FILE may be - for standard input; at most 20 MB of it is read.

Options:
  -o, --output OUT   write the map to the file OUT (written beside it and renamed: a failed
                     import never leaves a half-written file); without -o, standard output
      --force        replace OUT even if it is read-only, or write into a name that does not
                     end in .json
  -h, --help         show this help

Exit status: 0 written (warnings, if any, on stderr), 1 FILE could not be read, is not BPMN,
has no process, or OUT could not be written (nothing is written), 2 usage error.

Examples:
  handoff import order-to-cash.bpmn -o order-to-cash.json
  handoff import model.bpmn | handoff validate -`;

const STDIN = new Set(["-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"]);
/** The names of this process's stdout. */
const STDOUT = /^\/(dev\/stdout|dev\/fd\/1|proc\/self\/fd\/1)$/;

interface ImportRequest {
  file: string;
  output: string | undefined;
  force: boolean;
}

function parseImportArgs(args: string[]): ImportRequest | "help" {
  const { values, positionals } = usageParse(() => parseRaw(args));
  if (values.help) return "help";
  const file = oneFile(positionals);
  const output = outputName(values.output);
  const extension = output === undefined ? "" : path.extname(output).toLowerCase();
  // `-o model.bpmn` would replace the BPMN with JSON: a slip, not a wish.
  if (
    output !== undefined &&
    extension !== "" &&
    extension !== ".json" &&
    !STDOUT.test(output) &&
    !values.force
  )
    throw new UsageError(
      `${JSON.stringify(output)} ends in ${extension}, but a map is JSON; ` +
        `name it ${JSON.stringify(`${output.slice(0, -extension.length)}.json`)}, or add --force to write it anyway`,
    );
  return { file, output, force: values.force === true };
}

function parseRaw(args: string[]) {
  return parseArgs({
    args,
    options: {
      output: { type: "string", short: "o" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** Runs `handoff import`; returns the exit code (0 written, 1 unreadable or not BPMN, 2 usage). */
export async function runImport(args: string[], io: CliIo): Promise<number> {
  const read = readRequest("import", IMPORT_USAGE, () => parseImportArgs(args), io);
  if ("exit" in read) return read.exit;
  const { request } = read;

  let bytes: Uint8Array | null;
  try {
    bytes = STDIN.has(request.file)
      ? await readStreamLimited(process.stdin, LIMITS.fileBytes)
      : await readLimited(path.resolve(io.cwd, request.file), LIMITS.fileBytes);
  } catch (error) {
    complain(io, `handoff import: cannot read ${describeFsError(error, request.file)}`);
    return 1;
  }
  if (bytes === null) {
    complain(
      io,
      `handoff import: ${request.file}: larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`,
    );
    return 1;
  }
  const result = await importBpmnBytes(bytes);
  if (!result.ok) {
    for (const line of cappedLines(result.errors.map(formatIssue), LISTED.errors, "problem"))
      complain(io, `handoff import: ${request.file}: ${line}`);
    return 1;
  }
  printWarnings(io, result.warnings);

  const json = renderJson(result.map);
  const target = request.output === undefined ? undefined : path.resolve(io.cwd, request.output);
  const toTerminal = io.stdoutIsTerminal === true && (target === undefined || STDOUT.test(target));
  const shown = toTerminal ? terminalText(json) : json;
  if (request.output === undefined || target === undefined) {
    io.stdout(shown);
    return 0;
  }
  try {
    await writeOutput(target, request.output, Buffer.from(shown, "utf8"), { force: request.force });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    complain(io, `handoff import: ${error.message}`);
    return 1;
  }
  (STDOUT.test(target) ? complain : say)(
    io,
    `imported ${request.file} to ${request.output}: ${summarize(result.map)}` +
      (result.warnings.length === 0
        ? ""
        : ` (${result.warnings.length} warning${result.warnings.length === 1 ? "" : "s"})`),
  );
  return 0;
}
