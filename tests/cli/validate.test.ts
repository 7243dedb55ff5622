import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/version";
import { createRevOpsTemplate } from "../../src/model/templates";
import { templateJson } from "../fixtures/model-maps";
import { runBin, runCli, tempDir } from "./cli-harness";

const dir = tempDir();
const write = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return name;
};

describe("handoff validate", () => {
  it("accepts the template with a one-line summary", async () => {
    const file = write("template.json", JSON.stringify(createRevOpsTemplate()));
    expect(await runCli(["validate", file], dir)).toEqual({
      code: 0,
      stdout: "valid: 13 steps, 7 lanes, 3 phases, 15 handoffs, 17 edge cases\n",
      stderr: "",
    });
  });

  it("prints warnings for unknown fields and still exits 0", async () => {
    const file = write("extra.json", JSON.stringify({ ...templateJson(), owner: "me" }));
    const run = await runCli(["validate", file], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('warning: unknown field "owner" was dropped\n');
  });

  it("rejects a bad map with every error on stderr, exit 1: shape and references in one run", async () => {
    const bad = templateJson();
    bad.handoffs[3] = { ...(bad.handoffs[3] as (typeof bad.handoffs)[number]), to: "discovry" };
    bad.steps[0] = { ...bad.steps[0], label: " " };
    const run = await runCli(["validate", write("bad.json", JSON.stringify(bad))], dir);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'steps[0] (prospect-raises-hand).label: must not be blank; got " "\n' +
        'handoffs[3] (h4).to: no step with id "discovry"\n' +
        "invalid: 2 problems in bad.json\n",
    });
    bad.steps[0] = { ...bad.steps[0], label: "ok" };
    const second = await runCli(["validate", write("bad2.json", JSON.stringify(bad))], dir);
    expect(second.stderr).toBe(
      'handoffs[3] (h4).to: no step with id "discovry"\ninvalid: 1 problem in bad2.json\n',
    );
  });

  it.each([
    [
      "not JSON",
      '{\n  "format": "handoff-map",\n  oops',
      /^not valid JSON at line 3, column 3: expected a property name in double quotes, found 'o'\n/,
    ],
    ["an empty file", "", /^the file is empty$/m],
    [
      "a newer version",
      JSON.stringify({ ...templateJson(), version: 2 }),
      /format v2\); this version reads v1/,
    ],
  ])("rejects %s, exit 1, no stack trace", async (_name, content, message) => {
    const run = await runCli(["validate", write(`case-${_name}.json`, content)], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("refuses a file that is not UTF-8, naming the encoding or the byte offset", async () => {
    const text = JSON.stringify(createRevOpsTemplate());
    writeFileSync(
      path.join(dir, "utf16.json"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    expect(await runCli(["validate", "utf16.json"], dir)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "not UTF-8: the file is UTF-16 (little-endian), by the byte-order mark at its start; save it as UTF-8 and try again\n" +
        "invalid: 1 problem in utf16.json\n",
    });
    const latin1 = Buffer.from(text.replace("RevOps", "RévOps"), "latin1");
    writeFileSync(path.join(dir, "latin1.json"), latin1);
    expect((await runCli(["validate", "latin1.json"], dir)).stderr).toBe(
      `not UTF-8: byte 0xE9 at byte offset ${latin1.indexOf(0xe9)} is not valid UTF-8; save it as UTF-8 and try again\n` +
        "invalid: 1 problem in latin1.json\n",
    );
  });

  it("says a missing file or a directory cannot be read, not that it is invalid", async () => {
    mkdirSync(path.join(dir, "folder"), { recursive: true });
    expect(await runCli(["validate", "nope.json"], dir)).toEqual({
      code: 1,
      stdout: "",
      stderr: "handoff validate: cannot read nope.json: no such file\n",
    });
    expect((await runCli(["validate", "folder"], dir)).stderr).toBe(
      "handoff validate: cannot read folder: is a directory, not a file\n",
    );
  });

  it("answers usage errors with exit 2 and the usage", async () => {
    for (const args of [
      ["validate"],
      ["validate", "--strict", "x.json"],
      ["validate", "a", "b"],
      ["frobnicate"],
      [],
    ]) {
      const run = await runCli(args, dir);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/Usage: handoff/);
    }
  });

  it("has --help on every command and --version", async () => {
    for (const args of [["--help"], ["validate", "--help"], ["new", "--help"]]) {
      const run = await runCli(args, dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: handoff/);
    }
    expect((await runCli(["--version"], dir)).stdout).toBe(`handoff ${VERSION}\n`);
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});

describe("handoff new", () => {
  it("writes the RevOps template to stdout, and the blank one to a file", async () => {
    const stdout = await runCli(["new"], dir);
    expect(JSON.parse(stdout.stdout)).toEqual(createRevOpsTemplate());
    const run = await runCli(["new", "--template", "blank", "-o", "blank.json"], dir);
    expect(run.code).toBe(0);
    expect((await runCli(["validate", "blank.json"], dir)).stdout).toBe(
      "valid: 0 steps, 2 lanes, 0 phases, 0 handoffs, 0 edge cases\n",
    );
  });

  it("refuses an unknown template with exit 2", async () => {
    const run = await runCli(["new", "--template", "bpmn"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown template "bpmn"; choose revops or blank/);
  });
});

describe("bin/handoff.js, as npx runs it", () => {
  it("validates through the real executable with the real exit codes", async () => {
    const file = write("bin.json", JSON.stringify(createRevOpsTemplate()));
    const ok = await runBin(["validate", file], dir);
    expect(ok).toMatchObject({
      code: 0,
      stdout: "valid: 13 steps, 7 lanes, 3 phases, 15 handoffs, 17 edge cases\n",
    });
    const bad = await runBin(["validate", write("bin-bad.json", "[]")], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^expected a JSON object at the top of the file, got an array\n/);
    expect((await runBin(["bogus"], dir)).code).toBe(2);
  });
});
