import { spawn } from "node:child_process";
import { linkSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type WriteAt, writeOutput } from "../../src/cli/write-output";
import { tempDir } from "./cli-harness";

/**
 * A hard-linked OUT is rewritten in place. These cases run it on a simulated disk: `disk(dir,
 * free)` lets the files in `dir` grow by `free` bytes in all (the temporary copy counts), then
 * writes what fits and fails with ENOSPC, as a full file system does.
 */
const MB = 1024 * 1024;

function usedIn(dir: string): number {
  const inodes = new Map<number, number>();
  for (const name of readdirSync(dir)) {
    const stat = statSync(path.join(dir, name));
    inodes.set(stat.ino, stat.size);
  }
  return [...inodes.values()].reduce((sum, size) => sum + size, 0);
}

function noSpace(): Error {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
}

function disk(dir: string, free: number): WriteAt {
  const start = usedIn(dir);
  return async (handle: FileHandle, data, position) => {
    const size = (await handle.stat()).size;
    const room = free - (usedIn(dir) - start);
    const fits = Math.max(0, Math.min(data.byteLength, size + room - position));
    await handle.write(data, 0, fits, position);
    if (fits < data.byteLength) throw noSpace();
  };
}

function linked(oldSize: number) {
  const dir = tempDir();
  const out = path.join(dir, "out.csv");
  writeFileSync(out, Buffer.alloc(oldSize, "a"));
  linkSync(out, path.join(dir, "other-name.csv"));
  const temps = () => readdirSync(dir).filter((name) => name.endsWith(".tmp"));
  return { dir, out, temps };
}

describe("writing over a hard-linked file in place", () => {
  it("given old 1 MB, new 2 MB and 2.5 MB free, then it is written: the copy's room is freed first", async () => {
    const { dir, out, temps } = linked(MB);
    const data = Buffer.alloc(2 * MB, "b");
    await writeOutput(out, "out.csv", data, { writeAt: disk(dir, 2.5 * MB) });
    expect(readFileSync(path.join(dir, "other-name.csv")).equals(data)).toBe(true);
    expect(statSync(out).nlink).toBe(2);
    expect(temps()).toEqual([]);
  });

  it("given too little room even for the copy, then OUT is untouched and the message says so", async () => {
    const { dir, out, temps } = linked(MB);
    const write = writeOutput(out, "out.csv", Buffer.alloc(2 * MB, "b"), { writeAt: disk(dir, 1.5 * MB) });
    await expect(write).rejects.toThrow("out.csv: no space left on the device; nothing was changed");
    expect(readFileSync(out).equals(Buffer.alloc(MB, "a"))).toBe(true);
    expect(temps()).toEqual([]);
  });

  it("given a failure while OUT grows past its old end, then it is cut back and its old bytes stay", async () => {
    const { out, temps } = linked(MB);
    const writeAt: WriteAt = async (handle, bytes, position, file) => {
      await handle.write(bytes, 0, file === out ? bytes.byteLength / 2 : bytes.byteLength, position);
      if (file === out) throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
    };
    const write = writeOutput(out, "out.csv", Buffer.alloc(2 * MB, "b"), { writeAt });
    await expect(write).rejects.toThrow(/^out\.csv: EIO: i\/o error$/);
    expect(readFileSync(out).equals(Buffer.alloc(MB, "a"))).toBe(true);
    expect(temps()).toEqual([]);
  });

  it("given a failure part-way through the rewrite, then it says OUT may be damaged and names the complete copy", async () => {
    const { dir, out, temps } = linked(MB);
    const data = Buffer.alloc(MB, "b");
    const writeAt: WriteAt = async (handle, bytes, position, file) => {
      if (file !== out) return void (await handle.write(bytes, 0, bytes.byteLength, position));
      await handle.write(bytes, 0, bytes.byteLength / 2, position);
      throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
    };
    const error = await writeOutput(out, "out.csv", data, { writeAt }).catch((e: Error) => e);
    const [copy] = temps();
    expect(copy).toBeDefined();
    expect((error as Error).message).toBe(
      `out.csv: EIO: i/o error while rewriting it in place; out.csv may be damaged; the complete export is in ${path.join(dir, copy ?? "")}`,
    );
    expect(readFileSync(path.join(dir, copy ?? "")).equals(data)).toBe(true);
  });

  it("given the disk full part-way after the copy was freed, then it says OUT may be damaged and no copy was kept", async () => {
    const { dir, out, temps } = linked(MB);
    const room = disk(dir, 2.5 * MB);
    let rewrites = 0;
    const writeAt: WriteAt = async (handle, bytes, position, file) => {
      if (file === out && position === 0 && rewrites++ === 0) {
        await handle.write(bytes, 0, MB / 2, 0);
        throw noSpace();
      }
      return room(handle, bytes, position, file);
    };
    const error = await writeOutput(out, "out.csv", Buffer.alloc(2 * MB, "b"), { writeAt }).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toBe(
      "out.csv: no space left on the device while rewriting it in place; out.csv may be damaged, and no complete copy could be kept: free some space and export again",
    );
    expect((error as Error).message).not.toContain("nothing was changed");
    expect(temps()).toEqual([]);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "given %s while OUT is rewritten in place, then the complete copy is kept and named",
    async (signal) => {
      const { dir, out, temps } = linked(100);
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.resolve(__dirname, "fixtures/hold-write.ts"), out, "in-place"],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      expect(code).toBe(signal === "SIGINT" ? 130 : 143);
      const [copy] = temps();
      expect(copy).toBeDefined();
      expect(readFileSync(path.join(dir, copy ?? ""), "utf8")).toBe("<svg/>");
      expect(stderr).toBe(
        `handoff: interrupted (${signal}) while rewriting out.svg in place; out.svg may be damaged; the complete export is in ${path.join(dir, copy ?? "")}\n`,
      );
    },
  );
});

describe("interrupted while taking the room for a longer export", () => {
  it("given SIGINT while OUT grows past its old end, then OUT is cut back to its old bytes and no copy is left", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.svg");
    writeFileSync(out, "ab");
    linkSync(out, path.join(dir, "other-name.svg"));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve(__dirname, "fixtures/hold-write.ts"), out, "growing"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
    expect(statSync(out).size).toBeGreaterThan(2);
    child.kill("SIGINT");
    expect(await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)))).toBe(130);
    expect(readFileSync(out, "utf8")).toBe("ab");
    expect(readdirSync(dir).sort()).toEqual(["other-name.svg", "out.svg"]);
    expect(stderr).toBe("");
  });
});

describe("the owner and mode of a replaced file, as root", () => {
  it.runIf(process.getuid?.() === 0)(
    "given a setuid file of another owner, then owner and setuid bit are kept",
    async () => {
      const dir = tempDir();
      const out = path.join(dir, "tool.sh");
      writeFileSync(out, "old");
      const { chmodSync, chownSync } = await import("node:fs");
      chownSync(out, 1234, 1234);
      chmodSync(out, 0o6755);
      await writeOutput(out, "tool.sh", Buffer.from("new"));
      expect(statSync(out)).toMatchObject({ uid: 1234, gid: 1234 });
      expect(statSync(out).mode & 0o7777).toBe(0o6755);
    },
  );
});
