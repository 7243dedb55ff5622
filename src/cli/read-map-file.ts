import { promises as fs } from "node:fs";
import path from "node:path";
import { type ParseResult, parseMapBytes } from "../model/parse-map";
import { LIMITS } from "../model/types";
import { type CliIo, describeFsError } from "./io";

/** A map file read and parsed, or the reason it could not be read at all. */
export type MapFileResult = { read: true; result: ParseResult } | { read: false; message: string };

const CHUNK = 256 * 1024;

/**
 * Reads at most `limit` bytes of any kind of file: a regular file, a pipe (`/dev/stdin`), a
 * device (`/dev/zero`). Bytes are counted while reading, so an endless or unsized input stops
 * one chunk past the limit instead of filling memory. Returns null when the input is larger.
 */
export async function readLimited(full: string, limit: number): Promise<Uint8Array | null> {
  const handle = await fs.open(full, "r");
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (stat.isFile() && stat.size > limit) return null;
    const chunks: Uint8Array[] = [];
    let total = 0;
    const buffer = new Uint8Array(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return null;
      // A copy: pipes return a few KB per read, and a view would pin the whole buffer.
      chunks.push(buffer.slice(0, bytesRead));
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads at most `limit` bytes of a stream; null when it is longer (the rest is not read). */
export async function readStreamLimited(
  stream: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** FILE names that mean this process's standard input. */
const STDIN = new Set(["-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"]);

/**
 * Reads and parses a map file (`-` is standard input): unreadable (missing, a directory, no permission) is told apart
 * from invalid (too large, not UTF-8, not JSON, not a valid map). Never throws.
 */
export async function readMapFile(io: CliIo, file: string): Promise<MapFileResult> {
  let bytes: Uint8Array | null;
  try {
    // Standard input through its stream: opening /dev/stdin fails (ENXIO) when it is a socket.
    bytes = STDIN.has(file)
      ? await readStreamLimited(process.stdin, LIMITS.fileBytes)
      : await readLimited(path.resolve(io.cwd, file), LIMITS.fileBytes);
  } catch (error) {
    return { read: false, message: `cannot read ${describeFsError(error, file)}` };
  }
  if (bytes === null)
    return {
      read: true,
      result: {
        ok: false,
        errors: [
          { path: "", message: `${file}: larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit` },
        ],
      },
    };
  return { read: true, result: parseMapBytes(bytes) };
}
