import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/** What a command may touch of the outside world; tests pass a recording fake. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves relative paths against the working directory. */
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** A usage error: exit 2 with the command's usage on stderr. */
export class UsageError extends Error {}

/**
 * Writes to a temporary file beside the target and renames it over the target, so a failed
 * write never leaves a half-written or clobbered file behind.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
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
    default:
      return `${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
