import {
  closeSync,
  existsSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  write,
  writeSync,
} from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";

/**
 * A room's durable state on disk, one directory per room under the data directory:
 *
 *   DIR/<roomId>/snapshot.bin   the whole document as one Yjs update (written by compaction)
 *   DIR/<roomId>/updates.log    every update since the snapshot, appended and fsync'd
 *
 * A record of the log is `length (u32 LE) | crc32 (u32 LE) | update bytes`. `appendAll` returns
 * only after the record is on disk (fdatasync), so the server broadcasts an update only once a
 * SIGKILL or a power cut can no longer lose it. A record torn by a crash mid-write (short, or
 * whose checksum does not match) ends the log: it and anything after it are cut off on load,
 * and were never acknowledged to anyone.
 *
 * Compaction writes the merged document to snapshot.tmp, fsyncs it, renames it over
 * snapshot.bin, fsyncs the directory, then empties the log. A crash between the rename and the
 * truncation replays updates already in the snapshot: harmless, Yjs updates are idempotent.
 */
export class RoomLog {
  readonly dir: string;
  private fd: number | null = null;
  private logBytes = 0;
  private records = 0;

  constructor(dataDir: string, roomId: string) {
    this.dir = path.join(dataDir, roomId);
  }

  get exists(): boolean {
    return existsSync(this.dir);
  }

  /** Bytes appended to the log since the last compaction. */
  get size(): number {
    return this.logBytes;
  }

  get count(): number {
    return this.records;
  }

  /** Reads the snapshot and every whole record of the log; cuts off a torn tail. */
  load(): { updates: Uint8Array[]; cutBytes: number } {
    const updates: Uint8Array[] = [];
    if (!this.exists) return { updates, cutBytes: 0 };
    const snapshot = path.join(this.dir, "snapshot.bin");
    if (existsSync(snapshot)) updates.push(new Uint8Array(readFileSync(snapshot)));
    const logPath = path.join(this.dir, "updates.log");
    if (!existsSync(logPath)) return { updates, cutBytes: 0 };
    const log = readFileSync(logPath);
    let offset = 0;
    this.records = 0;
    while (offset + 8 <= log.length) {
      const length = log.readUInt32LE(offset);
      const sum = log.readUInt32LE(offset + 4);
      if (offset + 8 + length > log.length) break;
      const body = log.subarray(offset + 8, offset + 8 + length);
      if (crc32(body) !== sum) break;
      updates.push(new Uint8Array(body));
      offset += 8 + length;
      this.records++;
    }
    const cutBytes = log.length - offset;
    if (cutBytes > 0) {
      const fd = openSync(logPath, "r+");
      try {
        ftruncateSync(fd, offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.logBytes = offset;
    return { updates, cutBytes };
  }

  /**
   * Appends updates as one write and one fdatasync, off the event loop (libuv's thread pool):
   * resolves once they are on disk. One call at a time (Room queues behind it): a slow disk
   * then makes batches larger, never a queue of fsyncs.
   */
  async appendAll(updates: readonly Uint8Array[]): Promise<void> {
    const fd = this.open();
    const parts: Buffer[] = [];
    for (const update of updates) {
      const header = Buffer.alloc(8);
      header.writeUInt32LE(update.byteLength, 0);
      header.writeUInt32LE(crc32(update), 4);
      parts.push(header, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    }
    const batch = Buffer.concat(parts);
    let written = 0;
    while (written < batch.length) written += await writeAsync(fd, batch, written);
    await new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => (error ? reject(error) : resolve())),
    );
    this.logBytes += batch.length;
    this.records += updates.length;
  }

  /** Replaces snapshot and log with one snapshot of `state` (the whole document). */
  compact(state: Uint8Array): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, "snapshot.tmp");
    const fd = openSync(tmp, "w");
    try {
      let written = 0;
      while (written < state.byteLength) written += writeSync(fd, state, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path.join(this.dir, "snapshot.bin"));
    syncDirectory(this.dir);
    const log = this.open();
    ftruncateSync(log, 0);
    fsyncSync(log);
    this.logBytes = 0;
    this.records = 0;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    const created = !this.exists;
    mkdirSync(this.dir, { recursive: true });
    if (created) syncDirectory(path.dirname(this.dir));
    this.fd = openSync(path.join(this.dir, "updates.log"), "a");
    if (created) syncDirectory(this.dir);
    return this.fd;
  }
}

/** Makes a rename or a new file in `dir` durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAsync(fd: number, buffer: Buffer, offset: number): Promise<number> {
  return new Promise((resolve, reject) =>
    write(fd, buffer, offset, buffer.length - offset, null, (error, bytes) =>
      error ? reject(error) : resolve(bytes),
    ),
  );
}
