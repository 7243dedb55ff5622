import { type CliIo, complain, processIo, UsageError } from "./io";
import { NEW_USAGE, runNew } from "./new-command";
import { terminalLine } from "./terminal-text";
import { runValidate, VALIDATE_USAGE } from "./validate-command";
import { VERSION } from "./version";
import { cleanUpBeforeExit, installSignalCleanup } from "./write-output";

export const USAGE = `Usage: handoff <command> [options]

Commands:
  validate FILE         check a map file; exit 0 valid, 1 invalid, 2 usage
  new                   write a new map from a template
  export FILE           write the map as SVG, PNG, JSON, Markdown, CSV or BPMN
  import FILE.bpmn      write a BPMN 2.0 file as a map (JSON)
  serve                 serve the editor and live workshop rooms (--port, --host, --key)
  lint FILE             check the map's health; exit 1 on error findings

Options:
  -h, --help            show help (also after a command: handoff export --help)
  -v, --version         show the version`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS = new Map<string, { run: Command; usage: () => Promise<string> | string }>([
  ["validate", { run: runValidate, usage: () => VALIDATE_USAGE }],
  ["new", { run: runNew, usage: () => NEW_USAGE }],
  [
    "lint",
    {
      run: async (args, io) => (await import("./lint-command")).runLint(args, io),
      usage: async () => (await import("./lint-command")).LINT_USAGE,
    },
  ],
  [
    "export",
    {
      // Loaded on demand: export pulls in ELK and resvg, which validate and new do not need.
      run: async (args, io) => (await import("./export-command")).runExport(args, io),
      usage: async () => (await import("./export-command")).EXPORT_USAGE,
    },
  ],
  [
    "import",
    {
      // Loaded on demand: only import needs bpmn-moddle.
      run: async (args, io) => (await import("./import-command")).runImport(args, io),
      usage: async () => (await import("./import-command")).IMPORT_USAGE,
    },
  ],
  [
    "serve",
    {
      // Loaded on demand: the server pulls in ws and yjs, which the other commands do not need.
      run: async (args, io) => (await import("./serve-command")).runServe(args, io),
      usage: async () => (await import("./serve-command")).SERVE_USAGE,
    },
  ],
]);

/** Runs the CLI; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === "-v" || name === "--version") {
    io.stdout(`handoff ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    complain(io, `handoff: unknown command ${JSON.stringify(name)}`);
    io.stderr(`\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      complain(io, `handoff ${error.message}`);
      io.stderr(`\n${await command.usage()}\n`);
      return 2;
    }
    complain(
      io,
      `handoff ${name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}

/**
 * Runs the CLI as the real process (bin/handoff.js): removes temporary files on Ctrl-C and when
 * stdout or stderr fails (installStreamErrorHandlers).
 */
export async function runProcess(argv: string[]): Promise<void> {
  installSignalCleanup();
  installStreamErrorHandlers();
  process.exitCode = await main(argv);
}

/**
 * Ends quietly when the reader of stdout or stderr goes away (`handoff export map.json | head -c
 * 10`), with exit status 141 (128 + SIGPIPE) as cat and other Unix tools have, not an EPIPE stack
 * trace; any other write error (EIO, ENOSPC on a redirected stream) is one line on stderr and exit
 * 1. Temporary files in flight are removed first either way. An error thrown inside the listener
 * would be an uncaught exception with a stack trace, so nothing here throws.
 */
export function installStreamErrorHandlers(): void {
  for (const [stream, name] of [
    [process.stdout, "standard output"],
    [process.stderr, "standard error"],
  ] as const)
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") {
        cleanUpBeforeExit(`the reader of ${name} went away`);
        process.exit(141);
      }
      cleanUpBeforeExit(`${name} failed`);
      // Not through the stream that failed: its error would come back here.
      if (stream !== process.stderr) {
        const reason = error.message.split(", ")[0] ?? String(error);
        try {
          process.stderr.write(terminalLine(`handoff: cannot write to ${name}: ${reason}`));
        } catch {
          // Nothing left to tell the user through; the exit status says it.
        }
      }
      process.exit(1);
    });
}
