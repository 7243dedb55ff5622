/**
 * The Export dialog from the keyboard, in Chromium against the production build: the template
 * as a deck of 16:9 slides (SVGs and slides.pdf) and as an A3 PDF with the register, each file
 * read back (pdftotext, pdfinfo) and looked at (pdftoppm and screenshots in test-results/).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Download, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

const OUT = path.join(ARTIFACTS_DIR, "export-dialog");
let session: BrowserSession;

beforeEach(async () => {
  mkdirSync(OUT, { recursive: true });
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
});

afterEach(async () => {
  await session.close();
});

async function openTemplate(): Promise<{ page: Page; problems: string[] }> {
  const page = await session.context.newPage();
  const problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor();
  await page.getByTestId("edge-case-flag").first().waitFor();
  return { page, problems };
}

/** Opens the Export menu from the keyboard and picks `item` with the arrow keys and Enter. */
async function openDialogFrom(page: Page, item: string): Promise<void> {
  const exportButton = page.getByRole("button", { name: "Export", exact: true });
  await exportButton.focus();
  await page.keyboard.press("Enter");
  const target = page.getByRole("menuitem", { name: item });
  await target.waitFor();
  await target.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Export" }).waitFor();
}

/** Presses Enter on the focused Export button and collects `count` downloads. */
async function exportAndCollect(page: Page, count: number): Promise<Download[]> {
  const downloads: Download[] = [];
  const all = new Promise<void>((resolve) => {
    page.on("download", (download) => {
      downloads.push(download);
      if (downloads.length === count) resolve();
    });
  });
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByRole("button", { name: "Export", exact: true }).focus();
  await page.keyboard.press("Enter");
  await all;
  return downloads;
}

async function save(download: Download, name: string): Promise<string> {
  const target = path.join(OUT, name);
  copyFileSync(await download.path(), target);
  return target;
}

describe("the Export dialog", () => {
  it("exports the template as three 16:9 slides and a slides PDF, from the keyboard", {
    timeout: 240_000,
  }, async () => {
    const { page, problems } = await openTemplate();
    await openDialogFrom(page, "Slides (16:9, one per phase)…");
    const dialog = page.getByRole("dialog", { name: "Export" });
    // Focus starts on the chosen format; SVG slides.
    await dialog.getByRole("radio", { name: "SVG image" }).check();
    await expect.poll(() => dialog.getByRole("checkbox", { name: /Slides/ }).isChecked()).toBe(true);
    await dialog.getByRole("img", { name: "Thumbnail of the export" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "dialog-slides.png") });

    const downloads = await exportAndCollect(page, 4);
    const names = downloads.map((d) => d.suggestedFilename());
    expect(names).toEqual([
      "RevOps customer lifecycle 01-engagement.svg",
      "RevOps customer lifecycle 02-execution.svg",
      "RevOps customer lifecycle 03-continuity.svg",
      "RevOps customer lifecycle slides.pdf",
    ]);
    const pdf = await save(downloads[3] as Download, "slides.pdf");
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/Pages:\s+3/);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const phase of ["Engagement", "Execution", "Continuity"]) expect(text).toContain(phase);
    // Two slides, looked at as a person would: rendered by Chromium itself.
    for (const index of [0, 1]) {
      const svg = await save(downloads[index] as Download, `slide-${index + 1}.svg`);
      const viewer = await session.context.newPage();
      await viewer.setViewportSize({ width: 1920, height: 1080 });
      await viewer.setContent(
        `<body style="margin:0">${readFileSync(svg, "utf8").replace(/^<\?xml[^>]*>/, "")}</body>`,
      );
      await viewer.screenshot({ path: path.join(OUT, `slide-${index + 1}.png`) });
      await viewer.close();
    }
    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, path.join(OUT, "slides-pdf")]);
    // The dialog closed and gave focus back to the Export button.
    await expect.poll(() => dialog.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("exports the template as an A3 PDF with the register, and remembers the choice", {
    timeout: 240_000,
  }, async () => {
    const { page, problems } = await openTemplate();
    await openDialogFrom(page, "PDF document…");
    const dialog = page.getByRole("dialog", { name: "Export" });
    expect(await dialog.getByRole("radio", { name: "PDF document" }).isChecked()).toBe(true);
    // Escape closes; reopening keeps nothing until an export is made.
    await dialog.getByRole("combobox", { name: "Page size" }).selectOption("a3");
    await dialog.getByRole("img", { name: "Thumbnail of the export" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "dialog-pdf.png") });
    const [download] = await exportAndCollect(page, 1);
    expect(download?.suggestedFilename()).toBe("RevOps customer lifecycle.pdf");
    const pdf = await save(download as Download, "template-a3.pdf");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/A3/);
    // Diagram, register, change plan, and the template's handoff contracts.
    expect(info).toMatch(/Pages:\s+5/);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text.indexOf("Handoff contracts")).toBeGreaterThan(text.indexOf("Change plan"));
    const template = createRevOpsTemplate();
    for (const step of template.steps) for (const word of step.label.split(" ")) expect(text).toContain(word);
    for (const handoff of template.handoffs)
      for (const ec of handoff.edgeCases) expect(text).toContain(ec.title.split(" ").slice(0, 3).join(" "));
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "2", pdf, path.join(OUT, "template-a3")]);

    // The choice is remembered: the dialog opens on PDF, A3.
    await openDialogFrom(page, "Export with options…");
    const again = page.getByRole("dialog", { name: "Export" });
    expect(await again.getByRole("radio", { name: "PDF document" }).isChecked()).toBe(true);
    expect(await again.getByRole("combobox", { name: "Page size" }).inputValue()).toBe("a3");
    await page.keyboard.press("Escape");
    await expect.poll(() => again.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
