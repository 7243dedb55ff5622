import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/export/render-json";
import { createRevOpsTemplate } from "../../src/model/templates";
import { runCli, tempDir } from "./cli-harness";

const bin = path.resolve(__dirname, "../../bin/handoff.js");
const dir = tempDir();

/** Runs a shell pipeline in `dir`; returns its stdout, stderr and exit status. */
function shell(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("bash", ["-c", script], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

describe("the 20 MB limit, counted while reading, for every kind of input (issue 12, item 23)", () => {
  it("given /dev/zero, then it stops at the limit and says so", async () => {
    const result = await runCli(["validate", "/dev/zero"], dir);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "/dev/zero: larger than the 20 MB limit\ninvalid: 1 problem in /dev/zero\n",
    });
  });

  it("given 21 MB piped into /dev/stdin, then it stops at the limit", async () => {
    const result = await shell(
      `head -c 21000000 /dev/zero | "${process.execPath}" "${bin}" validate /dev/stdin`,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("/dev/stdin: larger than the 20 MB limit\ninvalid: 1 problem in /dev/stdin\n");
  });

  it("given a map on standard input as -, also when stdin is a socket, then it is read", async () => {
    const map = renderJson(createRevOpsTemplate());
    const result = await new Promise<{ stdout: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, "validate", "-"], { cwd: dir }, (_e, stdout) =>
        resolve({ stdout }),
      );
      child.stdin?.end(map);
    });
    expect(result.stdout).toBe("valid: 13 steps, 7 lanes, 3 phases, 15 handoffs, 17 edge cases\n");
  });
});

describe("a closed stdout (issue 12, item 7)", () => {
  it("given export piped into head -c 10, then it ends quietly with 141, as cat does", async () => {
    const big = createRevOpsTemplate();
    big.title = "x".repeat(1_500);
    for (const step of big.steps) step.label = "y".repeat(1_900);
    for (const handoff of big.handoffs)
      for (const edgeCase of handoff.edgeCases) edgeCase.description = "z".repeat(19_000);
    writeFileSync(path.join(dir, "big.json"), renderJson(big));
    const result = await shell(
      `"${process.execPath}" "${bin}" export big.json --format json 2>stderr.txt | head -c 10; ` +
        `echo " \${PIPESTATUS[0]}"; cat stderr.txt`,
    );
    expect(result.stdout).toBe('{\n  "forma 141\n');
  });
});
