import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/export/render-json";
import { lintMap } from "../../src/model/lint/lint-map";
import { parseMapText } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { healthyMap, LINT_FIXTURES, LINT_TODAY } from "../fixtures/lint-fixtures";
import { runCli } from "./cli-harness";

const dir = mkdtempSync(path.join(tmpdir(), "handoff-lint-"));
function file(name: string, map: HandoffMap | string): string {
  const at = path.join(dir, name);
  writeFileSync(at, typeof map === "string" ? map : renderJson(map));
  return at;
}

describe("handoff lint", () => {
  it("given a healthy map, then it prints the summary only and exits 0", async () => {
    const at = file("healthy.json", healthyMap());
    const run = await runCli(["lint", at, "--today", LINT_TODAY]);
    expect(run).toEqual({ code: 0, stdout: `${at}: no findings\n`, stderr: "" });
  });

  it("given the template, then one finding per line (rule severity path message) and exit 1 for its error", async () => {
    const at = file("template.json", createRevOpsTemplate());
    const run = await runCli(["lint", at, "--today", "2026-12-06"]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      'edge-case-unowned error handoffs[8] (h9).edgeCases[1] (ec11) High edge case EC-11 "Non-standard payment terms promised verbally to the buyer" has no mitigation.',
    );
    expect(lines.at(-1)).toBe(`${at}: 1 error, 2 warnings, 1 info`);
    expect(lines).toHaveLength(5);
  });

  it("given --format json, then the documented form: findings and counts", async () => {
    const at = file("template2.json", createRevOpsTemplate());
    const run = await runCli(["lint", at, "--format", "json", "--today", "2026-12-06"]);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["findings", "counts"]);
    expect(Object.keys(out.findings[0])).toEqual(["rule", "severity", "message", "path", "ids"]);
    expect(out.counts).toEqual({ error: 1, warning: 2, info: 1 });
  });

  it.each(
    LINT_FIXTURES.flatMap((f) => [
      [`${f.rule} (triggers)`, f.triggers()],
      [`${f.rule} (near miss)`, f.passes()],
    ]),
  )("agrees with the model on the %s fixture, and exits 1 only for errors", async (name, map) => {
    const at = file(`${name.replace(/\W+/g, "-")}.json`, map);
    const run = await runCli(["lint", at, "--format", "json", "--today", LINT_TODAY]);
    // As read from the file: edge cases numbered ("EC-1"), as the editor holds them too.
    const parsed = parseMapText(renderJson(map));
    if (!parsed.ok) throw new Error("fixture must be valid");
    const expected = lintMap(parsed.map, { today: LINT_TODAY });
    expect(JSON.parse(run.stdout).findings).toEqual(expected);
    expect(run.code).toBe(expected.some((f) => f.severity === "error") ? 1 : 0);
  });

  it("warns about rule settings no rule has, and applies the others", async () => {
    const at = file("settings.json", {
      ...healthyMap(),
      lint: { "no-such-rule": "error", "empty-lane": "off" },
    });
    const run = await runCli(["lint", at, "--today", LINT_TODAY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: lint.no-such-rule: no health rule has this id");
  });

  it.each([
    [["lint"], "missing FILE"],
    [["lint", "a.json", "--format", "xml"], "--format must be text or json"],
    [["lint", "a.json", "--today", "2026-02-30"], "--today must be a date"],
    [["lint", "a.json", "--verbose"], "Unknown option"],
  ])("given %j, then exit 2 with usage", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Usage: handoff lint FILE");
  });

  it("given an invalid map, then its problems and exit 1", async () => {
    const at = file("bad.json", "{}");
    const run = await runCli(["lint", at]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("invalid:");
  });
});
