/** What a command may touch of the outside world; tests pass a recording fake. */
import { terminalLine } from "./terminal-text";

export interface CliIo {
  /** Data (an export to stdout) and, through `say`, messages. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves relative paths against the working directory. */
  cwd: string;
  /**
   * stdout is a terminal: an export printed there has its control characters escaped (a
   * terminal acts on them), and a PNG is refused. Files and pipes get the exact bytes.
   */
  stdoutIsTerminal?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  stdoutIsTerminal: process.stdout.isTTY === true,
};

/** A message line on stdout, with control characters from files and arguments made visible. */
export function say(io: CliIo, line: string): void {
  io.stdout(terminalLine(line));
}

/** A message line on stderr, with control characters from files and arguments made visible. */
export function complain(io: CliIo, line: string): void {
  io.stderr(terminalLine(line));
}

/** A usage error: exit 2 with the command's usage on stderr. */
export class UsageError extends Error {}

/**
 * The arguments as `read` parses them (node:util parseArgs); its own errors (an unknown option, a
 * missing value) become usage errors, with `prefix` before the message.
 *
 * @example
 * const { values, positionals } = usageParse(() => parseArgs({ args, options, strict: true }), "lint: ");
 */
export function usageParse<T>(read: () => T, prefix = ""): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`${prefix}${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A command's request read from its arguments by `parse`, or the exit code when there is nothing
 * to run: 0 after printing `usage` for --help, 2 after a usage error (its message, then `usage`,
 * on stderr). Other errors are thrown on.
 *
 * @example
 * const read = readRequest("export", EXPORT_USAGE, () => parseExportArgs(args), io);
 * if ("exit" in read) return read.exit;
 */
export function readRequest<T>(
  command: string,
  usage: string,
  parse: () => T | "help",
  io: CliIo,
): { request: T } | { exit: 0 | 2 } {
  let request: T | "help";
  try {
    request = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(io, `handoff ${command}: ${error.message}`);
    io.stderr(`\n${usage}\n`);
    return { exit: 2 };
  }
  if (request === "help") {
    io.stdout(`${usage}\n`);
    return { exit: 0 };
  }
  return { request };
}

/** A file-system error in plain words, never a stack trace. */
export function describeFsError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return `${file}: no such file`;
    case "EACCES":
    case "EPERM":
      return `${file}: permission denied`;
    case "EISDIR":
      return `${file}: is a directory, not a file`;
    case "ENOTDIR":
      return `${file}: a part of the path is not a directory`;
    case "ENAMETOOLONG":
      return `${file}: the file name is too long`;
    default:
      return `${file}: ${error instanceof Error ? (error.message.split(", ")[0] ?? "") : String(error)}`;
  }
}

/** The one FILE a command takes, from its positional arguments; UsageError when none or more. */
export function oneFile(positionals: readonly string[]): string {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("missing FILE");
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  return file;
}

/** `-o`'s value as given; UsageError when it names no file (`-o ""`). */
export function outputName(output: string | undefined): string | undefined {
  if (output !== undefined && output.trim() === "") throw new UsageError("-o needs a file name");
  return output;
}
