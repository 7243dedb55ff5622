import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/export/render-json";
import { parseMapText } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";
import { lintErrors, readBpmn } from "../bpmn/bpmn-quality";
import { runCli, tempDir } from "./cli-harness";

const dir = tempDir();
const file = (name: string) => path.join(dir, name);
const write = (name: string, content: string) => {
  writeFileSync(file(name), content);
  return name;
};
const cli = (args: string[]) => runCli(args, dir);
const template = createRevOpsTemplate();
const templateFile = write("template.json", renderJson(template));
const FIXTURES = path.resolve(__dirname, "../fixtures/bpmn");
copyFileSync(path.join(FIXTURES, "data-object.bpmn"), file("data-object.bpmn"));
copyFileSync(path.join(FIXTURES, "gateways-no-diagram.bpmn"), file("no-diagram.bpmn"));

describe("handoff export --format bpmn", () => {
  it("given -o map.bpmn, writes BPMN that tools read without warnings or lint errors", async () => {
    const result = await cli(["export", templateFile, "-o", "map.bpmn"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^exported template\.json to map\.bpmn \(bpmn, [\d.]+ KB\)\n$/);
    const xml = readFileSync(file("map.bpmn"), "utf8");
    expect((await readBpmn(xml)).warnings).toEqual([]);
    expect(await lintErrors(xml)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("given --format bpmn without -o, writes the XML to standard output", async () => {
    const result = await cli(["export", templateFile, "--format", "bpmn"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<bpmn:definitions /);
  });

  it("refuses a BPMN into a file named for another format (exit 2, nothing written)", async () => {
    const result = await cli(["export", templateFile, "--format", "bpmn", "-o", "map.svg"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('name it "map.bpmn"');
    expect(existsSync(file("map.svg"))).toBe(false);
  });
});

describe("handoff import", () => {
  it("map -> export -> import gives the map back exactly", async () => {
    await cli(["export", templateFile, "-o", "round.bpmn"]);
    const result = await cli(["import", "round.bpmn", "-o", "round.json"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      "imported round.bpmn to round.json: 13 steps, 7 lanes, 3 phases, 15 handoffs, 17 edge cases\n",
    );
    expect(readFileSync(file("round.json"), "utf8")).toBe(renderJson(template));
  });

  it("writes the map to standard output and warnings, with their ids, to standard error", async () => {
    const result = await cli(["import", "data-object.bpmn"]);
    expect(result.code).toBe(0);
    const parsed = parseMapText(result.stdout);
    expect(parsed.ok && parsed.map.steps.map((s) => s.id)).toEqual(["Start", "Check", "End"]);
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      'warning: InvoiceRef: data object reference "Invoice PDF" is not imported: Handoff maps have no data object references',
      "warning: InvoiceData: data object is not imported: Handoff maps have no data objects",
      'warning: Ledger: data store reference "General ledger" is not imported: Handoff maps have no data store references',
    ]);
  });

  it("imports a file without diagram data as a valid map without positions", async () => {
    const result = await cli(["import", "no-diagram.bpmn", "-o", "mined.json"]);
    expect(result.code).toBe(0);
    const parsed = parseMapText(readFileSync(file("mined.json"), "utf8"));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.map.steps.every((s) => s.position === undefined)).toBe(true);
  });

  it.each([
    ["malformed XML", "<definitions><process>", "not valid XML"],
    ["not BPMN", '<svg xmlns="http://www.w3.org/2000/svg"/>', "not BPMN"],
    ["a JSON map", renderJson(template), "not BPMN"],
    [
      "no process",
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"/>',
      "the file has no process",
    ],
  ])("%s: a clear message, exit 1, nothing written", async (_name, content, message) => {
    write("bad.bpmn", content);
    write("kept.json", "untouched");
    const result = await cli(["import", "bad.bpmn", "-o", "kept.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`handoff import: bad.bpmn: ${message}`);
    expect(readFileSync(file("kept.json"), "utf8")).toBe("untouched");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a missing file: exit 1", async () => {
    const result = await cli(["import", "nope.bpmn"]);
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toBe("handoff import: cannot read nope.bpmn: no such file\n");
  });

  it.each([
    [[], "missing FILE"],
    [["a.bpmn", "b.bpmn"], 'unexpected argument "b.bpmn"'],
    [["a.bpmn", "--format", "json"], "Unknown option '--format'"],
    [["data-object.bpmn", "-o", "data-object.bpmn"], 'but a map is JSON; name it "data-object.json"'],
  ])("usage error %j: exit 2 with the usage", async (args, message) => {
    const result = await cli(["import", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Usage: handoff import FILE.bpmn");
  });

  it("--help and handoff --help document the command", async () => {
    expect((await cli(["import", "--help"])).stdout).toContain("Usage: handoff import FILE.bpmn");
    const help = (await cli(["--help"])).stdout;
    expect(help).toContain("import FILE.bpmn");
    expect(help).toContain("CSV or BPMN");
  });
});
