import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli-harness";

/** The CLI's stdout failing while a write is in flight (fixture stream-error.ts). */
function start(mode: "epipe" | "eio") {
  const dir = tempDir();
  const out = path.join(dir, "out.svg");
  writeFileSync(out, "old");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve(__dirname, "fixtures/stream-error.ts"), out, mode],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const holding = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { dir, out, child, holding, closed, stderr: () => stderr };
}

describe("stdout failing while a temporary file is in flight", () => {
  it("given the reader closes the pipe, then the temporary file is removed and the exit is 141", async () => {
    const { dir, out, child, holding, closed, stderr } = start("epipe");
    await holding;
    child.stdout.destroy();
    expect(await closed).toBe(141);
    expect(readdirSync(dir)).toEqual(["out.svg"]);
    expect(readFileSync(out, "utf8")).toBe("old");
    expect(stderr()).toBe("");
  });

  it("given another write error, then it is one line on stderr, exit 1, no stack trace, no temporary file", async () => {
    const { dir, child, holding, closed, stderr } = start("eio");
    child.stdout.resume();
    await holding;
    expect(await closed).toBe(1);
    expect(stderr()).toBe("handoff: cannot write to standard output: EIO: i/o error\n");
    expect(readdirSync(dir)).toEqual(["out.svg"]);
  });
});
