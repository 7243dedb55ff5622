import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { CSV_HEADER } from "../../src/export/render-csv";
import { parseMapText } from "../../src/model/parse-map";
import { readCsv } from "../fixtures/read-csv";
import { VALID_MAPS } from "../fixtures/valid-maps";
import { runCli, tempDir } from "./cli-harness";

const dir = tempDir();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * `handoff export` produces all five formats for every valid map of the foundation's tests (the
 * issue's "done when"); each output is read back by what would read it.
 */
describe.each(VALID_MAPS.map(([name, input], i) => [name, input, i] as const))("%s", (_name, input, i) => {
  const file = `valid-${i}.json`;
  const content = input();
  writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
  const source = parseMapText(readFileSync(path.join(dir, file), "utf8"));
  if (!source.ok) throw new Error(`fixture ${file} is not valid`);
  const out = (ext: string) => path.join(dir, `valid-${i}.${ext}`);

  it("exports SVG: well-formed, every step present", async () => {
    expect((await runCli(["export", file, "-o", out("svg")], dir)).code).toBe(0);
    const svg = readFileSync(out("svg"), "utf8");
    expect(() => new XMLParser().parse(svg)).not.toThrow();
    for (const step of source.map.steps) expect(svg).toContain(`data-step-id="${escapeXml(step.id)}"`);
  });

  it("exports PNG with the PNG signature", async () => {
    expect((await runCli(["export", file, "-o", out("png")], dir)).code).toBe(0);
    expect([...readFileSync(out("png")).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it("exports JSON that re-imports to the same map", async () => {
    expect((await runCli(["export", file, "-o", out("json")], dir)).code).toBe(0);
    const again = parseMapText(readFileSync(out("json"), "utf8"));
    expect(again.ok && again.map).toEqual(source.map);
  });

  it("exports Markdown titled with the map's title", async () => {
    expect((await runCli(["export", file, "-o", out("md")], dir)).code).toBe(0);
    expect(readFileSync(out("md"), "utf8")).toMatch(/^# /);
  });

  it("exports CSV with its header and one row per edge case", async () => {
    expect((await runCli(["export", file, "-o", out("csv")], dir)).code).toBe(0);
    const csv = readFileSync(out("csv"), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = readCsv(csv.slice(1));
    expect(header).toEqual([...CSV_HEADER]);
    const titles = source.map.handoffs.flatMap((h) => h.edgeCases.map((e) => e.title));
    expect(rows.map((row) => row[CSV_HEADER.indexOf("title")])).toEqual(titles);
  });
});

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}
