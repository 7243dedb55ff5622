/**
 * Writing `-o OUT` the way careful tools do. What OUT is decides how it is written:
 *
 * - a new file, or a regular file with one link: written to a short-named temporary file beside
 *   it, synced, given the old file's mode (and owner, as root), then renamed over it. A failed or
 *   interrupted export never leaves a half-written file, and the old one's permissions stay.
 * - a regular file with several hard links: the complete output is first written to a temporary
 *   file beside it (so a full disk shows before the target is touched), then copied into the
 *   target in place, which keeps the target's inode and so every link to it. A rename would give
 *   OUT a new inode and silently cut it off from its other names. The room a longer output needs
 *   is taken first, by writing its tail past the old end (undone on failure); if the temporary
 *   copy holds that room, the copy is freed. Once OUT's old bytes start to be overwritten, a
 *   failure or a signal says OUT may be damaged and names the complete copy when one is kept.
 * - a read-only regular file (no write bit, checked by mode because root may write anything):
 *   refused unless `--force`, which replaces it keeping its mode.
 * - a symbolic link: followed to the file it points to, which is then written as above; a link
 *   to nothing is refused, saying so.
 * - a character device or a FIFO, and /dev/stdout, /dev/stderr, /dev/fd/N: written directly.
 *   Renaming a file over them would replace the device node or pipe with a plain file.
 * - a directory or a block device: refused.
 *
 * Temporary files in flight are removed on SIGINT, SIGTERM and SIGHUP (installSignalCleanup).
 */
import { randomBytes } from "node:crypto";
import { constants, promises as fs, rmSync, type Stats, truncateSync } from "node:fs";
import path from "node:path";
import { terminalLine } from "./terminal-text";

/** A write refused or failed; the message names OUT (never the temporary file) in plain words. */
export class OutputError extends Error {}

export interface WriteOptions {
  /** Replace a read-only target. */
  force?: boolean;
  /** Called once the temporary file is complete, before it replaces OUT; tests hold the write here. */
  beforeReplace?: () => Promise<void>;
  /**
   * Writes all of `data` at `position` of the open file `file` (the temporary file or OUT).
   * Tests pass one that runs out of space, fails or stops part-way.
   */
  writeAt?: WriteAt;
}

export type WriteAt = (
  handle: fs.FileHandle,
  data: Uint8Array,
  position: number,
  file: string,
) => Promise<void>;

/** Temporary files written but not yet renamed: removed if the process is interrupted. */
const inFlight = new Set<string>();

/**
 * Files being rewritten in place (hard-linked OUT) with their complete copy, if one is kept:
 * interrupted there, OUT may be half new, so the copy stays and is named.
 */
const rewriting = new Set<{ shown: string; copy: string | null }>();

/** Files grown past their old end to take the room a rewrite needs: cut back if interrupted. */
const growing = new Set<{ target: string; size: number }>();

const SIGNALS = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const;

/**
 * On Ctrl-C (and SIGTERM, SIGHUP) removes the temporary files in flight, then exits with the
 * shell's code for the signal. For the real process only: in-process tests do not install it.
 */
export function installSignalCleanup(): void {
  for (const [signal, code] of SIGNALS)
    process.once(signal, () => {
      cleanUpBeforeExit(`interrupted (${signal})`);
      process.exit(code);
    });
}

/**
 * Before the process ends early (a signal, a closed stdout): removes the temporary files in
 * flight and, for a file interrupted while rewritten in place, says on stderr that it may be
 * damaged and where its complete copy is. Synchronous: it runs just before process.exit.
 */
export function cleanUpBeforeExit(why: string): void {
  for (const { shown, copy } of rewriting) {
    try {
      process.stderr.write(
        terminalLine(`handoff: ${why} while rewriting ${shown} in place; ${damaged(shown, copy)}`),
      );
    } catch {
      // stderr itself may be what closed; the files below still matter.
    }
  }
  rewriting.clear();
  for (const { target, size } of growing) {
    try {
      truncateSync(target, size);
    } catch {
      // Only the room taken past the old end is left; OUT's old bytes are all there.
    }
  }
  growing.clear();
  for (const file of inFlight) rmSync(file, { force: true });
  inFlight.clear();
}

/** The end of every message about an in-place rewrite that did not finish. */
function damaged(shown: string, copy: string | null): string {
  return copy === null
    ? `${shown} may be damaged, and no complete copy could be kept: free some space and export again`
    : `${shown} may be damaged; the complete export is in ${copy}`;
}

/** Writes all of `data`: one write may write less than asked. */
const writeAll: WriteAt = async (handle, data, position) => {
  let done = 0;
  while (done < data.byteLength) {
    const { bytesWritten } = await handle.write(data, done, data.byteLength - done, position + done);
    done += bytesWritten;
  }
};

/** Paths that name an open stream of this process, whatever it points at: never renamed over. */
const STREAM_ALIAS = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/(\d+)|proc\/self\/fd\/(\d+))$/;

/**
 * Writes `data` to the file `target` (absolute); `shown` is OUT as the user gave it, for messages.
 * Throws OutputError with a message naming OUT.
 */
export async function writeOutput(
  target: string,
  shown: string,
  data: Uint8Array,
  options: WriteOptions = {},
): Promise<void> {
  const stream = STREAM_ALIAS.exec(target);
  if (stream !== null) {
    // Through the open stream itself: opening /dev/stdout fails (ENXIO) when it is a socket,
    // as it is under many process managers and Node's own child_process.
    const fd = stream[1] === "stdout" ? 1 : stream[1] === "stderr" ? 2 : Number(stream[2] ?? stream[3]);
    if (fd === 1 || fd === 2) return writeStream(fd === 1 ? process.stdout : process.stderr, shown, data);
    // Appending: after `> file` the stream is at the end of what this process wrote so far.
    try {
      return await fs.writeFile(target, data, { flag: "a" });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // /dev/fd/N of a descriptor not open is a missing entry in /dev/fd, not a missing directory.
      if (code === "ENOENT" || code === "EBADF")
        throw new OutputError(`${shown}: file descriptor ${fd} is not open in this process`);
      throw fsError(error, target, shown);
    }
  }
  const stat = await lstatOrNull(target, shown);
  if (stat === null) return replaceAtomically(target, shown, data, null, options);
  if (stat.isSymbolicLink()) {
    let followed: Stats;
    try {
      followed = await fs.stat(target);
    } catch (error) {
      const to = await fs.readlink(target).catch(() => "?");
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "which does not exist"
          : code === "ELOOP"
            ? "which leads back to itself (a loop of symbolic links)"
            : code === "EACCES" || code === "EPERM"
              ? "which cannot be reached: permission denied"
              : code === "ENOTDIR"
                ? "through a part of a path that is not a directory"
                : null;
      if (why === null) throw fsError(error, target, shown);
      throw new OutputError(
        `${shown} is a symbolic link to ${to}, ${why}; give the path of the file to write`,
      );
    }
    // A device or a pipe is written through the link; only a regular file needs its real path,
    // for the temporary file to sit beside it (realpath of a link to a pipe is no path at all).
    if (!followed.isFile()) return writeKind(target, shown, data, followed, options);
    const real = await fs.realpath(target);
    return writeKind(real, `${shown} (a link to ${real})`, data, followed, options);
  }
  return writeKind(target, shown, data, stat, options);
}

async function writeKind(
  target: string,
  shown: string,
  data: Uint8Array,
  stat: Stats,
  options: WriteOptions,
): Promise<void> {
  if (stat.isDirectory()) throw new OutputError(`${shown}: is a directory, not a file`);
  if (stat.isCharacterDevice() || stat.isFIFO()) return writeDirect(target, shown, data, "w");
  if (!stat.isFile())
    throw new OutputError(
      `${shown}: is ${stat.isBlockDevice() ? "a block device" : "not a regular file"}; not written`,
    );
  if ((await isReadOnly(target, stat)) && !options.force)
    throw new OutputError(
      `${shown} is read-only (mode ${(stat.mode & 0o777).toString(8)}); add --force to replace it`,
    );
  if (stat.nlink > 1) return writeInPlace(target, shown, data, stat, options);
  return replaceAtomically(target, shown, data, stat, options);
}

async function isReadOnly(target: string, stat: Stats): Promise<boolean> {
  if ((stat.mode & 0o222) === 0) return true;
  // Root passes every access check, hence the mode bits above; others may lack the write bit for them.
  if (process.getuid?.() === 0) return false;
  try {
    await fs.access(target, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

async function lstatOrNull(target: string, shown: string): Promise<Stats | null> {
  try {
    return await fs.lstat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      await checkDirectory(target, shown);
      return null;
    }
    throw fsError(error, target, shown);
  }
}

/** A missing file is fine, a missing directory is not: name the directory. */
async function checkDirectory(target: string, shown: string): Promise<void> {
  const dir = path.dirname(target);
  const shownDir = path.dirname(shown);
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new OutputError(`${shown}: ${shownDir} is not a directory`);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new OutputError(`${shown}: the directory ${shownDir} does not exist`);
    if (code === "ENOTDIR") throw new OutputError(`${shown}: a part of ${shownDir} is not a directory`);
    throw fsError(error, target, shown);
  }
}

/** Short on purpose: OUT's own name may already use all 255 bytes a name may have. */
function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.handoff-${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes the complete temporary file, with `stat`'s mode and owner when given; returns its path. */
async function writeTemp(
  target: string,
  shown: string,
  data: Uint8Array,
  stat: Stats | null,
  writeAt: WriteAt,
): Promise<string> {
  const temp = tempPathFor(target);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, "wx", stat === null ? 0o666 : stat.mode & 0o777);
  } catch (error) {
    throw fsError(error, target, shown);
  }
  inFlight.add(temp);
  try {
    await writeAt(handle, data, 0, temp);
    if (stat !== null) {
      // chown first: changing the owner clears the setuid and setgid bits, even as root.
      if (process.getuid?.() === 0) await handle.chown(stat.uid, stat.gid).catch(() => undefined);
      // open's mode passes through the umask; the old file's mode is what it had, not less.
      await handle.chmod(stat.mode & 0o7777);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await removeTemp(temp);
    throw fsError(error, target, shown);
  }
  await handle.close();
  return temp;
}

async function removeTemp(temp: string): Promise<void> {
  await fs.rm(temp, { force: true });
  inFlight.delete(temp);
}

async function replaceAtomically(
  target: string,
  shown: string,
  data: Uint8Array,
  stat: Stats | null,
  options: WriteOptions,
): Promise<void> {
  const temp = await writeTemp(target, shown, data, stat, options.writeAt ?? writeAll);
  try {
    await options.beforeReplace?.();
    await fs.rename(temp, target);
    inFlight.delete(temp);
  } catch (error) {
    await removeTemp(temp);
    throw fsError(error, target, shown);
  }
}

async function writeInPlace(
  target: string,
  shown: string,
  data: Uint8Array,
  stat: Stats,
  options: WriteOptions,
): Promise<void> {
  const writeAt = options.writeAt ?? writeAll;
  // The complete copy first: a full disk shows here, with OUT untouched.
  let copy: string | null = await writeTemp(target, shown, data, stat, writeAt);
  let handle: fs.FileHandle | undefined;
  try {
    await options.beforeReplace?.();
    handle = await fs.open(target, "r+");
    copy = await reserveRoom(handle, target, data, copy, writeAt);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (copy !== null) await removeTemp(copy);
    throw fsError(error, target, shown);
  }
  // From here OUT's old bytes are overwritten: no failure may say "nothing was changed" any more,
  // and the complete copy outlives a signal.
  const rewrite = { shown, copy };
  if (copy !== null) inFlight.delete(copy);
  rewriting.add(rewrite);
  try {
    // Write, then cut off what is left of a longer old file: never an empty file in between.
    await writeAt(handle, data, 0, target);
    await handle.truncate(data.byteLength);
    await handle.sync();
  } catch (error) {
    rewriting.delete(rewrite);
    await handle.close().catch(() => undefined);
    const kept = copy ?? (await keepCopy(target, shown, data, stat, writeAt));
    throw new OutputError(
      `${shown}: ${reasonFor(error, shown)} while rewriting it in place; ${damaged(shown, kept)}`,
    );
  }
  rewriting.delete(rewrite);
  await handle.close().catch(() => undefined);
  if (copy !== null) await fs.rm(copy, { force: true });
}

/**
 * Makes sure OUT can grow to `data`'s size before any of its bytes change, by writing the tail
 * past its old end (removed again on failure, leaving OUT as it was). When the disk is too full
 * for that while the complete copy exists (old 1 MB, new 2 MB, 2.5 MB free), the copy is freed
 * and the room taken without it; the export is still in memory. Returns the copy, or null.
 */
async function reserveRoom(
  handle: fs.FileHandle,
  target: string,
  data: Uint8Array,
  copy: string | null,
  writeAt: WriteAt,
): Promise<string | null> {
  const old = (await handle.stat()).size;
  if (data.byteLength <= old) return copy;
  const grow = async () => {
    const grown = { target, size: old };
    growing.add(grown);
    try {
      await writeAt(handle, data.subarray(old), old, target);
    } catch (error) {
      await handle.truncate(old);
      throw error;
    } finally {
      growing.delete(grown);
    }
  };

  try {
    await grow();
    return copy;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (copy === null || (code !== "ENOSPC" && code !== "EDQUOT")) throw error;
  }
  await removeTemp(copy);
  await grow();
  return null;
}

/** After a failed in-place rewrite: one more try at a complete copy beside OUT; its path, or null. */
async function keepCopy(
  target: string,
  shown: string,
  data: Uint8Array,
  stat: Stats,
  writeAt: WriteAt,
): Promise<string | null> {
  try {
    const copy = await writeTemp(target, shown, data, stat, writeAt);
    inFlight.delete(copy);
    return copy;
  } catch {
    return null;
  }
}

function writeStream(stream: NodeJS.WriteStream, shown: string, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => (error ? reject(fsError(error, "", shown)) : resolve()));
  });
}

async function writeDirect(target: string, shown: string, data: Uint8Array, flag: "a" | "w"): Promise<void> {
  try {
    await fs.writeFile(target, data, { flag });
  } catch (error) {
    throw fsError(error, target, shown);
  }
}

/** A file-system error as an OutputError naming OUT or its directory, never the temporary file. */
function fsError(error: unknown, _target: string, shown: string): OutputError {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Only for failures before OUT is touched: writeInPlace words its own once it has begun.
  const unchanged = code === "ENOSPC" || code === "EDQUOT" ? "; nothing was changed" : "";
  return new OutputError(`${shown}: ${reasonFor(error, shown)}${unchanged}`);
}

/** What went wrong, in plain words, without a path (Node's may be the temporary file's). */
function reasonFor(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const dir = path.dirname(shown);
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `permission denied (writing in ${dir})`;
    case "ENOSPC":
    case "EDQUOT":
      return "no space left on the device";
    case "EROFS":
      return "the file system is read-only";
    case "ENAMETOOLONG":
      return "the file name is too long (at most 255 bytes a name)";
    case "EISDIR":
      return "is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ENOENT":
      return `the directory ${dir} does not exist`;
    case "EPIPE":
      return "the reader closed the pipe before the export was written";
    default:
      // Node's words without the path ("EIO: i/o error, open '/x/.handoff-1a2b.tmp'"): it may be the temporary file.
      return error instanceof Error ? (error.message.split(", ")[0] ?? "") : String(error);
  }
}
