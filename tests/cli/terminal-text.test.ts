import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cappedLines, escapeControls } from "../../src/cli/terminal-text";
import { renderJson } from "../../src/export/render-json";
import { createRevOpsTemplate } from "../../src/model/templates";
import { runCli, tempDir } from "./cli-harness";

const dir = tempDir();
const write = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return name;
};
/** Terminal controls that must never reach a terminal raw: ESC, BEL, CR, DEL, C1 CSI, bidi overrides. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("control characters in CLI messages are escaped (issue 12, item 9)", () => {
  it("escapes ESC, BEL, CR, C1 and bidi overrides, visibly", () => {
    expect(escapeControls("a\u001b[2Jb\u0007c\rd\u009be\u202egnp.exe\nf\tg")).toBe(
      "a\\x1B[2Jb\\x07c\\x0Dd\\x9Be\\u202Egnp.exe\\x0Af\\x09g",
    );
    expect(escapeControls("Ünïcödé 步骤 🙂 plain")).toBe("Ünïcödé 步骤 🙂 plain");
  });

  it("given ids, names, keys and a file name with controls, then no message carries them raw", async () => {
    const map = JSON.parse(renderJson(createRevOpsTemplate())) as Record<string, unknown> & {
      steps: Record<string, unknown>[];
      handoffs: Record<string, unknown>[];
    };
    const step = map.steps[0];
    const handoff = map.handoffs[0];
    if (step === undefined || handoff === undefined) throw new Error("template changed");
    step.id = "evil\u001b]0;pwned\u0007\u202e";
    handoff.to = "nowhere\u001b[31m\u202e";
    const bad = write("bad\u001b[2J.json", JSON.stringify(map));
    const validate = await runCli(["validate", bad], dir);
    expect(validate.code).toBe(1);
    expect(validate.stderr).not.toMatch(RAW_CONTROL);
    expect(validate.stderr).toContain('handoffs[0] (h1).to: no step with id "nowhere\\u001b[31m\\u202E"');
    expect(validate.stderr).toContain("in bad\\x1B[2J.json\n");

    const warnMap = JSON.parse(renderJson(createRevOpsTemplate())) as Record<string, unknown>;
    warnMap["key\u202e\u001b[5m"] = 1;
    const warned = await runCli(
      ["export", write("warn.json", JSON.stringify(warnMap)), "--format", "csv"],
      dir,
    );
    expect(warned.stderr).toBe('warning: unknown field "key\\u202E\\u001b[5m" was dropped\n');
    const missing = await runCli(["validate", "gone\u0007\u001b[8m.json"], dir);
    expect(missing.stderr).toBe("handoff validate: cannot read gone\\x07\\x1B[8m.json: no such file\n");
    const usage = await runCli(["export", "a.json", "--bogus\u001b[1m"], dir);
    expect(usage.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe("warnings and problems are capped (issue 12, item 10)", () => {
  it("caps a list with how many more there were", () => {
    expect(cappedLines(["a", "b", "c"], 2, "warning")).toEqual(["a", "b", "… and 1 more warning"]);
    expect(cappedLines(["a", "b"], 2, "warning")).toEqual(["a", "b"]);
  });

  it("given 100,000 unknown fields, then 10 warnings and '… and 99,990 more warnings'", async () => {
    const map = JSON.parse(renderJson(createRevOpsTemplate())) as Record<string, unknown>;
    for (let i = 0; i < 100_000; i++) map[`extra${i}`] = i;
    const result = await runCli(["validate", write("many.json", JSON.stringify(map))], dir);
    expect(result.code).toBe(0);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('warning: unknown field "extra0" was dropped');
    expect(lines[10]).toBe("… and 99,990 more warnings");
  });

  it("given a 1 MB unknown key, then its warning is one short line", async () => {
    const map = JSON.parse(renderJson(createRevOpsTemplate())) as Record<string, unknown>;
    map["k".repeat(1024 * 1024)] = true;
    const result = await runCli(["validate", write("long-key.json", JSON.stringify(map))], dir);
    expect(result.stderr).toBe(`warning: unknown field "${"k".repeat(57)}…" was dropped\n`);
  });

  it("given 1,000 broken references and a 1 MB id, then 50 problems, '… and 950 more', the count", async () => {
    const map = JSON.parse(renderJson(createRevOpsTemplate())) as { handoffs: Record<string, unknown>[] };
    const first = map.handoffs[0];
    map.handoffs = Array.from({ length: 1_000 }, (_, i) => ({
      ...first,
      id: `x${i}`,
      to: "n".repeat(1024 * 1024 * (i === 0 ? 1 : 0)) || "nowhere",
      edgeCases: [],
    }));
    const result = await runCli(["validate", write("broken.json", JSON.stringify(map))], dir);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(52);
    expect(lines[0]).toBe(`handoffs[0] (x0).to: must be at most 200 characters; got "${"n".repeat(57)}…"`);
    expect(lines[1]).toBe('handoffs[1] (x1).to: no step with id "nowhere"');
    expect(lines[50]).toBe("… and 950 more problems");
    expect(lines[51]).toBe("invalid: 1,000 problems in broken.json");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(200);
  });
});
