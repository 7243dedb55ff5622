import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXPORT_USAGE, parseExportArgs, runExport } from "../../src/cli/export-command";
import type { CliIo } from "../../src/cli/io";
import { BROWSER_CANVAS_LIMITS, fitScale, PNG_LIMITS, svgSize } from "../../src/export/png-size";
import { renderCsv } from "../../src/export/render-csv";
import { renderJson } from "../../src/export/render-json";
import { renderMarkdown } from "../../src/export/render-markdown";
import { parseMapText } from "../../src/model/parse-map";
import { registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import { byAttr, parseSvg } from "../export/svg-tree";
import { hostileMap } from "../fixtures/export-fixtures";
import { runCli, tempDir } from "./cli-harness";

const dir = tempDir();
const write = (name: string, content: string) => {
  writeFileSync(path.join(dir, name), content);
  return name;
};
const read = (name: string) => readFileSync(path.join(dir, name));

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: dir,
  };
  const code = await runExport(args, io);
  return { code, stdout, stderr };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const template = createRevOpsTemplate();
const templateFile = write("template.json", renderJson(template));

describe("handoff export", () => {
  describe("given the RevOps template", () => {
    it("when -o ends in .svg, then a well-formed SVG with every step is written atomically", async () => {
      const result = await run([templateFile, "-o", "map.svg"]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(/^exported template\.json to map\.svg \(svg, [\d.]+ KB\)\n$/);
      const root = parseSvg(read("map.svg").toString("utf8"));
      expect(byAttr(root, "data-step-id").size).toBe(template.steps.length);
      expect(byAttr(root, "data-edge-case-id").size).toBe(registerRows(template).length);
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    });

    it("when -o ends in .png, then a PNG at twice the SVG's size is written", async () => {
      expect((await run([templateFile, "-o", "map.png"])).code).toBe(0);
      expect((await run([templateFile, "-o", "same.svg"])).code).toBe(0);
      const png = new Uint8Array(read("map.png"));
      expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
      const svg = parseSvg(read("same.svg").toString("utf8"));
      const size = pngSize(png);
      expect(Math.abs(size.width - 2 * Number(svg.attrs.get("width")))).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 2 * Number(svg.attrs.get("height")))).toBeLessThanOrEqual(1);
    });

    it("when --scale 1 is given, then the PNG is the SVG's size", async () => {
      expect((await run([templateFile, "-o", "small.png", "--scale", "1", "--theme", "print"])).code).toBe(0);
      const svg = parseSvg(read("same.svg").toString("utf8"));
      expect(
        Math.abs(pngSize(new Uint8Array(read("small.png"))).width - Number(svg.attrs.get("width"))),
      ).toBeLessThanOrEqual(1);
    });

    it("when the text formats go to stdout, then they equal the pure exporters' output", async () => {
      expect(await run([templateFile, "--format", "csv"])).toEqual({
        code: 0,
        stdout: renderCsv(template),
        stderr: "",
      });
      expect(await run([templateFile, "-f", "md"])).toEqual({
        code: 0,
        stdout: renderMarkdown(template),
        stderr: "",
      });
      expect(await run([templateFile, "--format", "json"])).toEqual({
        code: 0,
        stdout: renderJson(template),
        stderr: "",
      });
      const svg = await run([templateFile]);
      expect(svg.code).toBe(0);
      expect(svg.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    });

    it("when exported as JSON, then the file re-imports to the same map", async () => {
      expect((await run([templateFile, "-o", "again.json"])).code).toBe(0);
      const result = parseMapText(read("again.json").toString("utf8"));
      expect(result.ok && result.map).toEqual(template);
    });

    it("when exported as .md and .csv files, then the format comes from the extension", async () => {
      expect((await run([templateFile, "-o", "register.md"])).code).toBe(0);
      expect((await run([templateFile, "-o", "register.csv"])).code).toBe(0);
      expect(read("register.md").toString("utf8")).toBe(renderMarkdown(template));
      expect(read("register.csv").toString("utf8")).toBe(renderCsv(template));
    });

    it("when --no-register is given, then the SVG has flags but no register rows", async () => {
      const result = await run([templateFile, "--no-register", "--theme", "dark"]);
      const root = parseSvg(result.stdout);
      expect(root.attrs.get("data-theme")).toBe("dark");
      expect(byAttr(root, "data-edge-case-id").size).toBe(0);
      expect(byAttr(root, "data-edge-case-flag").size).toBeGreaterThan(0);
    });

    it("when run through the CLI's main, then export is wired in", async () => {
      const result = await runCli(["export", templateFile, "--format", "csv"], dir);
      expect(result).toEqual({ code: 0, stdout: renderCsv(template), stderr: "" });
    });
  });

  describe("given a map whose steps have positions", () => {
    const placed = structuredClone(template);
    const first = placed.steps[0];
    if (first) first.position = { x: 40, y: 30 };
    const placedFile = write("placed.json", renderJson(placed));

    it("when exported with the default layout, then the placed step stays where the file puts it", async () => {
      const root = parseSvg((await run([placedFile])).stdout);
      const rect = byAttr(root, "data-step-id")
        .get(first?.id ?? "")
        ?.children.find((c) => typeof c !== "string" && c.name === "rect");
      if (rect === undefined || typeof rect === "string") throw new Error("no step rect");
      const lane = byAttr(root, "data-lane-id").get(first?.lane ?? "");
      const band = lane?.children.find((c) => typeof c !== "string" && c.name === "rect");
      if (band === undefined || typeof band === "string") throw new Error("no lane rect");
      expect(Number(rect.attrs.get("y")) - Number(band.attrs.get("y"))).toBe(30);
    });

    it("when exported with --layout auto, then every step is laid out again", async () => {
      const keep = (await run([placedFile, "--layout", "keep"])).stdout;
      const auto = (await run([placedFile, "--layout", "auto"])).stdout;
      expect(auto).not.toBe(keep);
      expect(auto).toBe((await run([templateFile])).stdout);
    });
  });

  describe("given hostile text", () => {
    it("then every format is produced and the SVG is still well-formed", async () => {
      const file = write("hostile.json", renderJson(hostileMap()));
      for (const format of ["json", "md", "csv"])
        expect((await run([file, "--format", format])).code, format).toBe(0);
      const svg = await run([file]);
      expect(svg.code).toBe(0);
      expect(byAttr(parseSvg(svg.stdout), "data-step-id").size).toBe(hostileMap().steps.length);
      expect((await run([file, "-o", "hostile.png"])).code).toBe(0);
    });
  });

  describe("given a bad map", () => {
    it("then it exits 1 with the same messages as validate, and writes nothing over the old file", async () => {
      const bad = write(
        "bad.json",
        JSON.stringify({ ...renderJsonObject(), handoffs: [{ id: "h", from: "nope", to: "nope" }] }),
      );
      write("keep.svg", "old content");
      const result = await run([bad, "-o", "keep.svg"]);
      const validate = await runCli(["validate", bad], dir);
      expect(result.code).toBe(1);
      expect(validate.code).toBe(1);
      expect(result.stderr).toBe(validate.stderr);
      expect(read("keep.svg").toString("utf8")).toBe("old content");
    });

    it("then a missing file exits 1 in plain words", async () => {
      const result = await run(["missing.json"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("missing.json: no such file");
    });
  });

  describe("given an output that cannot be written", () => {
    it("then it exits 1, says why, and leaves no temporary file", async () => {
      mkdirSync(path.join(dir, "a-directory"), { recursive: true });
      const result = await run([templateFile, "-o", "no/such/dir/map.svg"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^handoff export: no\/such\/dir\/map\.svg: /);
      expect(existsSync(path.join(dir, "no"))).toBe(false);
    });
  });

  describe("given bad usage", () => {
    it.each([
      [[], "missing FILE"],
      [["a.json", "b.json"], 'unexpected argument "b.json"'],
      [["a.json", "--format", "pdf"], 'unknown format "pdf"'],
      [["a.json", "-o", "out.txt"], 'cannot tell the format from ".txt"'],
      [["a.json", "--format", "png"], "png is binary"],
      [["a.json", "--theme", "neon"], 'unknown theme "neon"'],
      [["a.json", "--layout", "grid"], 'unknown layout "grid"'],
      [["a.json", "--format", "csv", "--theme", "dark"], "--theme applies to svg and png only"],
      [["a.json", "-o", "x.md", "--no-register"], "--no-register applies to svg and png only"],
      [["a.json", "--scale", "3"], "--scale applies to png only"],
      [["a.json", "-o", "x.png", "--scale", "0"], "--scale must be a number from 0.25 to 8"],
      [["a.json", "--bogus"], "Unknown option '--bogus'"],
      [["a.json", "--format", "png", "-o", "x.svg"], 'name it "x.png", or add --force'],
    ])("%j exits 2 with the message and the usage on stderr", async (args, message) => {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(message);
      expect(result.stderr.endsWith(`${EXPORT_USAGE}\n`)).toBe(true);
    });

    it("--help prints the usage on stdout and exits 0", async () => {
      expect(await run(["--help"])).toEqual({ code: 0, stdout: `${EXPORT_USAGE}\n`, stderr: "" });
    });

    it("an explicit --format that the extension of -o contradicts needs --force", () => {
      expect(() => parseExportArgs(["a.json", "-o", "out.svg", "--format", "json"])).toThrow(
        '"out.svg" ends in .svg, which is for svg, but the format is json; name it "out.json", or add --force to write it anyway',
      );
      expect(parseExportArgs(["a.json", "-o", "out.svg", "--format", "json", "--force"])).toMatchObject({
        format: "json",
      });
      expect(parseExportArgs(["a.json", "-o", "out.txt", "--format", "csv"])).toMatchObject({
        format: "csv",
      });
      expect(parseExportArgs(["a.json", "-o", "OUT.PNG"])).toMatchObject({ format: "png", scale: 2 });
      expect(parseExportArgs(["a.json", "-o", "noext"])).toMatchObject({ format: "svg" });
    });

    it("given --format markdown or md, or -o x.markdown, then it is the one Markdown format", () => {
      expect(parseExportArgs(["a.json", "--format", "markdown"])).toMatchObject({ format: "md" });
      expect(parseExportArgs(["a.json", "--format", "md"])).toMatchObject({ format: "md" });
      expect(parseExportArgs(["a.json", "--format", "Markdown"])).toMatchObject({ format: "md" });
      expect(parseExportArgs(["a.json", "-o", "register.markdown"])).toMatchObject({ format: "md" });
      expect(parseExportArgs(["a.json", "-o", "register.md", "--format", "markdown"])).toMatchObject({
        format: "md",
      });
    });
  });
});

function renderJsonObject(): Record<string, unknown> {
  return JSON.parse(renderJson(template)) as Record<string, unknown>;
}

describe("fitScale", () => {
  it("given a map that fits, then the asked scale is kept", () => {
    expect(fitScale(3000, 1700, 2)).toBe(2);
  });

  it("given a very long map, then the longest side is held to the limit", () => {
    expect(fitScale(40_000, 1_000, 2) * 40_000).toBeCloseTo(PNG_LIMITS.maxSide);
  });

  it("given a very large map, then the pixel count is held to the limit", () => {
    const scale = fitScale(8_000, 8_000, 2);
    expect(8_000 * scale * 8_000 * scale).toBeCloseTo(PNG_LIMITS.maxPixels, -2);
  });

  it("given the browser's canvas limits, then a big map is held to Safari's 16.7 megapixels", () => {
    const scale = fitScale(5_000, 5_000, 2, BROWSER_CANVAS_LIMITS);
    expect(5_000 * scale * 5_000 * scale).toBeLessThanOrEqual(BROWSER_CANVAS_LIMITS.maxPixels + 1);
  });

  it("svgSize reads the root's stated size, and null when there is none", () => {
    expect(
      svgSize('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120.5" height="80">'),
    ).toEqual({
      width: 120.5,
      height: 80,
    });
    expect(svgSize('<svg viewBox="0 0 10 10"/>')).toBeNull();
  });
});
