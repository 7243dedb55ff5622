/**
 * `handoff export` of PDFs, slide decks, parts and lane focus, read back the way a person would:
 * pdftotext (poppler-utils) for the PDF's text, pdfinfo for its pages, the SVG's own elements.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runExport } from "../../src/cli/export-command";
import type { CliIo } from "../../src/cli/io";
import { contractTableRows, darkZoneRows } from "../../src/export/contract-table";
import { MIN_SLIDE_LABEL_PX, SLIDE_HEIGHT, SLIDE_WIDTH } from "../../src/export/slides/compose-slide";
import { registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import { parseSvg, type SvgElement, walk } from "../export/svg-tree";
import { tempDir } from "./cli-harness";

const dir = tempDir();
const template = createRevOpsTemplate();
writeFileSync(path.join(dir, "t.json"), JSON.stringify(template));

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

const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-layout", path.join(dir, file), "-"], { encoding: "utf8" });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [path.join(dir, file)], { encoding: "utf8" }))?.[1]);
const pdfPage = (file: string, page: number) =>
  execFileSync("pdftotext", ["-f", String(page), "-l", String(page), path.join(dir, file), "-"], {
    encoding: "utf8",
  });
/** Every element with the attribute (of the value, when given), in document order. */
const withAttr = (root: SvgElement, attr: string, value?: string) =>
  [...walk(root)].filter((el) => el.attrs.has(attr) && (value === undefined || el.attrs.get(attr) === value));
/** pdftotext wraps and spaces text as laid out: compare on single-spaced words. */
const words = (text: string) => text.replace(/\s+/g, " ");

describe("handoff export --format pdf", () => {
  it("given the template, when exported to an A3 PDF, then every step label and edge-case title is text in it", async () => {
    const result = await run(["t.json", "-o", "t.pdf", "--page", "a3"]);
    expect(result.code).toBe(0);
    const text = words(pdfText("t.pdf"));
    for (const step of template.steps) {
      // A label wrapped over lines in its box reads word by word.
      for (const word of step.label.split(" ")) expect(text).toContain(word);
    }
    for (const row of registerRows(template))
      expect(text).toContain(row.edgeCase.title.split(" ").slice(0, 4).join(" "));
    expect(text).toContain("Edge-case register");
    expect(text).toContain("Change plan");
    // Diagram on one A3 page, then the register (too long to fit under the diagram whole, so on
    // a page of its own), the change plan and the handoff contracts.
    const info = execFileSync("pdfinfo", [path.join(dir, "t.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/A3/);
    expect(pdfPages("t.pdf")).toBe(5);
    expect(words(pdfPage("t.pdf", 1))).not.toContain("Edge-case register");
    expect(words(pdfPage("t.pdf", 2))).toContain("Edge-case register");
    const fonts = execFileSync("pdffonts", [path.join(dir, "t.pdf")], { encoding: "utf8" });
    expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes\s+yes/);
    expect(fonts).toMatch(/DejaVuSans-Bold\s.*yes\s+yes\s+yes/);
  });

  it("given a map with handoff contracts, then a Handoff contracts table follows the change plan", async () => {
    // The template's handoffs carry contracts (trigger, required data, SLA, ...).
    const text = words(pdfText("t.pdf"));
    const plan = text.indexOf("Change plan");
    const contracts = text.indexOf("Handoff contracts");
    expect(plan).toBeGreaterThan(-1);
    expect(contracts).toBeGreaterThan(plan);
    const table = text.slice(contracts);
    for (const header of ["Trigger", "Required data", "SLA", "Sender", "Receiver", "Acceptance"])
      expect(table).toContain(header);
    const rows = contractTableRows(template);
    expect(rows.length).toBeGreaterThan(0);
    // Each row's handoff, trigger and first required-data item, as contract-table.ts has them
    // (their first word: cells wrap within their column, and pdftotext interleaves the lines).
    for (const [handoff, , , trigger, requiredData] of rows) {
      for (const cell of [handoff, trigger, requiredData?.split(";")[0]])
        if (cell !== undefined && cell !== "") expect(table).toContain(cell.split(" ")[0]);
    }
    expect(table).toContain("RevOps customer lifecycle · handoff contracts · page 5");
  });

  it("given a map without contracts, then the PDF has no Handoff contracts table", async () => {
    const contractFields = [
      "trigger",
      "requiredData",
      "sla",
      "sender",
      "receiver",
      "systemOfRecord",
      "acceptance",
      "noKnownEdgeCases",
      "integration",
    ];
    const bare = {
      ...template,
      handoffs: template.handoffs.map(
        (h) =>
          Object.fromEntries(Object.entries(h).filter(([key]) => !contractFields.includes(key))) as typeof h,
      ),
    };
    writeFileSync(path.join(dir, "bare.json"), JSON.stringify(bare));
    expect((await run(["bare.json", "-o", "bare.pdf", "--page", "a3"])).code).toBe(0);
    expect(words(pdfText("bare.pdf"))).not.toContain("Handoff contracts");
    expect(pdfPages("bare.pdf")).toBe(4);
  });

  it("is deterministic: the same map gives the same bytes", async () => {
    await run(["t.json", "-o", "a.pdf"]);
    await run(["t.json", "-o", "b.pdf"]);
    expect(readFileSync(path.join(dir, "a.pdf")).equals(readFileSync(path.join(dir, "b.pdf")))).toBe(true);
  });

  it("tiles the diagram across A4 pages, marked with row and column, when fitted it would be too small", async () => {
    await run(["t.json", "-o", "a4.pdf", "--page", "a4", "--parts", "diagram,title"]);
    const text = pdfText("a4.pdf");
    expect(pdfPages("a4.pdf")).toBe(2);
    expect(text).toContain("row 1 of 1, column 1 of 2");
    expect(text).toContain("row 1 of 1, column 2 of 2");
    // The second column's page repeats the lane names in its overlap strip (its own lane
    // headers are on the first page); short names whole, long ones cut with "…".
    const second = words(pdfPage("a4.pdf", 2));
    for (const lane of ["SDR", "Sales", "Deal Desk"]) expect(second).toContain(lane);
    expect(second).toMatch(/Market\S*…/);
    expect(words(pdfPage("a4.pdf", 1))).not.toContain("…");
  });

  it("given a register that fits under the fitted diagram, then it starts on the diagram's page", async () => {
    // The template with edge cases on its first three handoffs only: a short register.
    const short = {
      ...template,
      handoffs: template.handoffs.map((h, i) => (i < 3 ? h : { ...h, edgeCases: [] })),
    };
    const kept = short.handoffs.reduce((sum, h) => sum + h.edgeCases.length, 0);
    expect(kept).toBeGreaterThan(0);
    writeFileSync(path.join(dir, "short.json"), JSON.stringify(short));
    expect((await run(["short.json", "-o", "short.pdf", "--page", "a3"])).code).toBe(0);
    const first = words(pdfPage("short.pdf", 1));
    expect(first).toContain("Edge-case register");
    expect(first).toContain(`${kept} edge cases`);
    for (const row of registerRows(short))
      expect(first).toContain(row.edgeCase.title.split(" ").slice(0, 3).join(" "));
    expect(first).toContain("diagram and edge-case register · page 1");
    // The change plan still starts a page of its own.
    expect(words(pdfPage("short.pdf", 2))).toContain("Change plan");
    // Diagram and register, the change plan, the handoff contracts.
    expect(pdfPages("short.pdf")).toBe(3);
  });

  it("given a tiled diagram, then the register starts on a page of its own", async () => {
    await run(["t.json", "-o", "a4-all.pdf", "--page", "a4"]);
    expect(words(pdfPage("a4-all.pdf", 2))).toContain("row 1 of 1, column 2 of 2");
    expect(words(pdfPage("a4-all.pdf", 2))).not.toContain("Edge-case register");
    expect(words(pdfPage("a4-all.pdf", 3))).toContain("Edge-case register");
  });

  it("given a map with dark zones, then a Dark zones table follows the handoff contracts", async () => {
    // The template has one handoff re-keyed by hand between systems.
    const zones = darkZoneRows(template);
    expect(zones.length).toBeGreaterThan(0);
    const text = words(pdfText("t.pdf"));
    const contracts = text.indexOf("Handoff contracts");
    const dark = text.indexOf("Dark zones");
    expect(dark).toBeGreaterThan(contracts);
    const table = text.slice(dark);
    for (const header of ["Re-keyed from", "Into"]) expect(table).toContain(header);
    for (const row of zones) expect(table).toContain(String(row[0]).split(" ").slice(0, 2).join(" "));
  });

  it("given a map without dark zones, then there is no Dark zones table", async () => {
    const plain = { ...template, handoffs: template.handoffs.map(({ integration: _, ...h }) => h) };
    writeFileSync(path.join(dir, "plain.json"), JSON.stringify(plain));
    expect((await run(["plain.json", "-o", "plain.pdf"])).code).toBe(0);
    expect(pdfText("plain.pdf")).not.toContain("Dark zones");
  });

  it("holds no script, link or external reference", async () => {
    await run(["t.json", "-o", "safe.pdf"]);
    const raw = readFileSync(path.join(dir, "safe.pdf")).toString("latin1");
    expect(raw).not.toMatch(/\/JavaScript|\/JS\b|\/URI|\/Launch|\/OpenAction|\/EmbeddedFile/);
  });
});

describe("handoff export --slides", () => {
  it("given the template, then three readable 16:9 slides in journey order and slides.pdf", async () => {
    const result = await run(["t.json", "--slides", "-o", "deck"]);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(dir, "deck")).sort()).toEqual([
      "01-engagement.svg",
      "02-execution.svg",
      "03-continuity.svg",
      "slides.pdf",
    ]);
    expect(pdfPages("deck/slides.pdf")).toBe(3);
    for (const name of ["01-engagement", "02-execution", "03-continuity"]) {
      const svg = readFileSync(path.join(dir, "deck", `${name}.svg`), "utf8");
      const root = parseSvg(svg);
      expect(root.attrs.get("viewBox")).toBe(`0 0 ${SLIDE_WIDTH} ${SLIDE_HEIGHT}`);
      // The drawing's scale: handoff labels (11 px in the drawing) at least 14 px on the slide.
      const scale = Number(/scale\(([\d.]+)\)/.exec(svg)?.[1]);
      expect(scale * 11).toBeGreaterThanOrEqual(MIN_SLIDE_LABEL_PX);
      expect(withAttr(root, "data-role", "slide-title")).toHaveLength(1);
      expect(withAttr(root, "data-role", "legend")).toHaveLength(1);
    }
    // Execution's cut handoffs end at dashed stubs named for their steps.
    const execution = readFileSync(path.join(dir, "deck", "02-execution.svg"), "utf8");
    const stubs = withAttr(parseSvg(execution), "data-stub", "true");
    expect(stubs.length).toBeGreaterThan(0);
    expect(execution).toContain("Meets qualification criteria?");
    const text = words(pdfText("deck/slides.pdf"));
    expect(text).toContain("Engagement");
    expect(text).toContain("Phase 3 of 3");
  });

  it("given a folder with a longer earlier deck, then its extra slides are removed and said so; other files stay", async () => {
    const folder = path.join(dir, "old-deck");
    mkdirSync(folder, { recursive: true });
    const earlier = [
      "01-engagement.svg",
      "02-execution.svg",
      "03-continuity.svg",
      "04-renewal.svg",
      "05-expansion-2.png",
    ];
    const theirs = ["notes.txt", "1-intro.svg", "cover-01-a.svg", "04-Renewal.svg", "06-renewal.pdf"];
    for (const name of [...earlier, ...theirs]) writeFileSync(path.join(folder, name), "earlier");
    const result = await run(["t.json", "--slides", "-o", "old-deck"]);
    expect(result.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(
      ["01-engagement.svg", "02-execution.svg", "03-continuity.svg", "slides.pdf", ...theirs].sort(),
    );
    // The three slides are this deck's, not the earlier files.
    expect(readFileSync(path.join(folder, "01-engagement.svg"), "utf8")).toContain("<svg");
    expect(result.stdout).toContain(
      "removed 2 slides of an earlier export from old-deck: 04-renewal.svg, 05-expansion-2.png",
    );
  });

  it("given a folder holding only this deck, then nothing is said to be removed", async () => {
    const result = await run(["t.json", "--slides", "-o", "deck"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("removed");
  });

  it("given a lane group, then one slide per phase that holds its steps, said in the singular", async () => {
    const result = await run(["t.json", "--slides", "--lanes", "sales,deal-desk", "-o", "deal-deck"]);
    expect(result.code).toBe(0);
    expect(readdirSync(path.join(dir, "deal-deck")).sort()).toEqual(["01-execution.svg", "slides.pdf"]);
    expect(result.stdout).toContain(": 1 slide (01-execution.svg) and slides.pdf");
  });

  it("writes one PDF with --format pdf", async () => {
    const result = await run(["t.json", "--slides", "-o", "deck.pdf"]);
    expect(result.code).toBe(0);
    expect(pdfPages("deck.pdf")).toBe(3);
  });
});

describe("handoff export --parts and --lanes", () => {
  it("draws the diagram alone cropped to the lanes", async () => {
    await run(["t.json", "--parts", "diagram", "-o", "wiki.svg"]);
    const root = parseSvg(readFileSync(path.join(dir, "wiki.svg"), "utf8"));
    const [x, y] = String(root.attrs.get("viewBox")).split(" ").map(Number);
    expect([x, y]).toEqual([-1, -1]);
    expect(withAttr(root, "data-role", "title")).toHaveLength(0);
    expect(withAttr(root, "data-role", "legend")).toHaveLength(0);
    expect(withAttr(root, "data-role", "register")).toHaveLength(0);
  });

  it("focuses on two lanes with stubs for the others", async () => {
    await run(["t.json", "--lanes", "sales,Deal Desk", "-o", "focus.svg"]);
    const root = parseSvg(readFileSync(path.join(dir, "focus.svg"), "utf8"));
    const lanes = withAttr(root, "data-lane-id").map((g) => g.attrs.get("data-lane-id"));
    expect(lanes).toEqual(["sales", "deal-desk", "~:other-lanes"]);
    expect(withAttr(root, "data-stub", "true").length).toBeGreaterThan(0);
  });

  it("names the lanes when one is unknown", async () => {
    const result = await run(["t.json", "--lanes", "ops", "-o", "x.svg"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no lane "ops"');
    expect(result.stderr).toContain("deal-desk (Deal Desk)");
  });
});
