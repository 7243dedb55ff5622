import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runExport } from "../../src/cli/export-command";
import type { CliIo } from "../../src/cli/io";
import { terminalText } from "../../src/cli/terminal-text";
import { renderCsv } from "../../src/export/render-csv";
import { renderJson } from "../../src/export/render-json";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { tempDir } from "./cli-harness";

/**
 * An export printed to a terminal: a step named with ESC, a C1 CSI, a lone CR and a bidi override,
 * the user's own text, exported byte-exact to files and pipes but escaped on a terminal.
 */
const HOSTILE = "Qualify\u001b]0;pwned\u0007 lead\u009b2J\rX\u202egnp.exe";
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const RAW = /\r(?!\n)|[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The template with HOSTILE as its first step's label and its first edge case's title. */
function hostileMap(): HandoffMap {
  const map = createRevOpsTemplate();
  const at = map.handoffs.findIndex((handoff) => handoff.edgeCases.length > 0);
  return {
    ...map,
    steps: map.steps.map((step, i) => (i === 0 ? { ...step, label: HOSTILE } : step)),
    handoffs: map.handoffs.map((handoff, i) =>
      i === at
        ? {
            ...handoff,
            edgeCases: handoff.edgeCases.map((ec, j) => (j === 0 ? { ...ec, title: HOSTILE } : ec)),
          }
        : handoff,
    ),
  };
}

async function exportAs(args: string[], terminal: boolean) {
  const dir = tempDir();
  writeFileSync(path.join(dir, "map.json"), renderJson(hostileMap()));
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: dir,
    stdoutIsTerminal: terminal,
  };
  const code = await runExport(["map.json", ...args], io);
  return { code, stdout, stderr };
}

describe("an export printed to a terminal", () => {
  it("escapes controls but keeps lines, tabs and CRLF", () => {
    expect(terminalText("a\u001b[2Jb\r\nc\rd\u202e\te\u009bf\n")).toBe(
      "a\\x1B[2Jb\r\nc\\x0Dd\\u202E\te\\x9Bf\n",
    );
  });

  it.each(["csv", "json", "svg", "md"])(
    "given %s to a terminal, then no control character reaches it raw",
    async (format) => {
      const result = await exportAs(["--format", format], true);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(RAW);
    },
  );

  it("given csv to a terminal, then the name shows escaped and the rows keep their CRLF", async () => {
    const { stdout } = await exportAs(["--format", "csv"], true);
    expect(stdout).toBe(terminalText(renderCsv(hostileMap())));
    // The map reader drops C0 controls (ESC, BEL); C1, a lone CR and bidi overrides stay in the map.
    expect(stdout).toContain('"Qualify]0;pwned lead\\x9B2J\\x0DX\\u202Egnp.exe"');
    expect(stdout).toContain("\r\n");
  });

  it("given a pipe or a file, then the bytes are exactly the export", async () => {
    expect((await exportAs(["--format", "csv"], false)).stdout).toBe(renderCsv(hostileMap()));
    expect((await exportAs(["--format", "json"], false)).stdout).toBe(renderJson(hostileMap()));
  });

  it("given png to /dev/stdout on a terminal, then it is refused", async () => {
    const result = await exportAs(["--format", "png", "-o", "/dev/stdout"], true);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "handoff export: png is binary and /dev/stdout is a terminal; give a file with -o, or redirect (> map.png)\n",
    });
  });
});
