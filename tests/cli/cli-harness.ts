import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with recorded output, in `cwd`. */
export async function runCli(args: string[], cwd: string = process.cwd()): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the real `bin/handoff.js` as a child process, the way `npx handoff` does. */
export function runBin(args: string[], cwd: string = process.cwd()): Promise<CliRun> {
  const bin = path.resolve(__dirname, "../../bin/handoff.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "handoff-cli-"));
}
