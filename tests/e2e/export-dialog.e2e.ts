/**
 * The Export dialog from the keyboard, in Chromium against the production build: the template
 * as a deck of 16:9 slides (SVGs and slides.pdf) and as an A3 PDF with the register, each file
 * read back (pdftotext, pdfinfo) and looked at (pdftoppm and screenshots in test-results/).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Download, Locator, Page } from "playwright-core";
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

/**
 * Focuses the toolbar's Export button and presses Enter: the dialog opens on the last choice made,
 * with focus on the chosen format.
 */
async function openDialogByKeyboard(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Export", exact: true }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.waitFor();
  return dialog;
}

/** The value of the focused control (a format radio's is its format id). */
const focusedValue = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? null);

/** Collects `count` downloads started by `act`. */
async function collect(page: Page, count: number, act: () => Promise<void>): Promise<Download[]> {
  const downloads: Download[] = [];
  const all = new Promise<void>((resolve) => {
    const take = (download: Download) => {
      downloads.push(download);
      if (downloads.length === count) {
        page.off("download", take);
        resolve();
      }
    };
    page.on("download", take);
  });
  await act();
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
    const dialog = await openDialogByKeyboard(page);
    // Focus starts on the chosen format (PDF, the first time); the arrow keys choose another.
    expect(await focusedValue(page)).toBe("pdf");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await dialog.getByRole("radio", { name: "SVG image" }).isChecked()).toBe(true);
    expect(await focusedValue(page)).toBe("svg");
    // Tab moves to the Slides box (the next control), Space ticks it.
    await page.keyboard.press("Tab");
    const slides = dialog.getByRole("checkbox", { name: /^Slides/ });
    expect(await slides.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Space");
    await expect.poll(() => slides.isChecked()).toBe(true);
    // A deck has its own paper and parts: those controls go.
    expect(await dialog.getByRole("group", { name: "Parts" }).count()).toBe(0);
    await dialog.getByRole("img", { name: "Thumbnail of the export" }).waitFor();
    await expect.poll(() => dialog.getByText("Preview of the first slide.").count()).toBe(1);
    await page.screenshot({ path: path.join(OUT, "dialog-slides.png") });

    // Enter exports.
    const downloads = await collect(page, 4, () => page.keyboard.press("Enter"));
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
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-haspopup")))
      .toBe("dialog");
    expect(problems).toEqual([]);
  });

  it("exports the template as an A3 PDF with the register, and Export then Enter repeats it", {
    timeout: 240_000,
  }, async () => {
    const { page, problems } = await openTemplate();
    await page.setViewportSize({ width: 1280, height: 720 });
    const dialog = await openDialogByKeyboard(page);
    expect(await dialog.getByRole("radio", { name: "PDF document" }).isChecked()).toBe(true);
    expect(await dialog.getByRole("checkbox", { name: "Edge-case register" }).isChecked()).toBe(true);
    // Tab stays inside the dialog: Shift+Tab from the first control reaches the last.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Export");
    await page.keyboard.press("Tab");
    expect(await focusedValue(page)).toBe("pdf");
    // The page size by keyboard: the arrow key on the closed list moves from A4 to A3.
    const pageSize = dialog.getByRole("combobox", { name: "Page size" });
    await pageSize.focus();
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => pageSize.inputValue()).toBe("a3");
    await dialog.getByRole("img", { name: "Thumbnail of the export" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "dialog-pdf.png") });
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    const [download] = await collect(page, 1, () => page.keyboard.press("Enter"));
    expect(download?.suggestedFilename()).toBe("RevOps customer lifecycle.pdf");
    // Built off the page's thread: the editor stays responsive while a big map's PDF is made.
    expect(workers.some((url) => /pdf\.worker/.test(url))).toBe(true);
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
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "3", pdf, path.join(OUT, "template-a3")]);

    // Chromium's own PDF viewer opens it: its title and its 5 pages.
    const viewerPage = await session.context.newPage();
    await viewerPage.goto(`file://${pdf}`);
    await expect
      .poll(() => viewerPage.frames().some((f) => f.url().startsWith("chrome-extension://")), {
        timeout: 15_000,
      })
      .toBe(true);
    const viewer = viewerPage.frames().find((f) => f.url().startsWith("chrome-extension://"));
    if (viewer === undefined) throw new Error("Chromium's PDF viewer did not open");
    const pages = viewer.locator("viewer-page-selector");
    await pages.waitFor();
    await expect
      .poll(() => pages.evaluate((element) => (element as unknown as { docLength: number }).docLength))
      .toBe(5);
    expect(await viewer.locator("#title").textContent()).toBe("RevOps customer lifecycle");
    await viewerPage.screenshot({ path: path.join(OUT, "template-a3-in-chromium.png") });
    await viewerPage.close();

    // The choice is remembered: Export then Enter writes the same PDF again, byte for byte.
    await expect.poll(() => dialog.count()).toBe(0);
    const again = await openDialogByKeyboard(page);
    expect(await again.getByRole("radio", { name: "PDF document" }).isChecked()).toBe(true);
    expect(await again.getByRole("combobox", { name: "Page size" }).inputValue()).toBe("a3");
    const [repeat] = await collect(page, 1, () => page.keyboard.press("Enter"));
    const second = await save(repeat as Download, "template-a3-again.pdf");
    expect(readFileSync(second).equals(readFileSync(pdf))).toBe(true);

    // Escape closes without exporting.
    await openDialogByKeyboard(page);
    await page.keyboard.press("Escape");
    await expect.poll(() => again.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("in a lane focus, the PDF (built in the worker) holds the lanes shown and their stubs", {
    timeout: 120_000,
  }, async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Lane actions: Sales" }).click();
    await page.getByRole("menuitem", { name: "Focus on this lane" }).click();
    await page.getByTestId("lane-focus-bar").waitFor();
    const dialog = await openDialogByKeyboard(page);
    await dialog.getByRole("radio", { name: "PDF document" }).check();
    const [download] = await collect(page, 1, () => dialog.getByRole("button", { name: "Export" }).click());
    const pdf = await save(download as Download, "sales-focus.pdf");
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    const template = createRevOpsTemplate();
    const sales = template.steps.filter((s) => s.lane === "sales");
    expect(sales.length).toBeGreaterThan(0);
    for (const step of sales) for (const word of step.label.split(" ")) expect(text).toContain(word);
    expect(text).toContain("Other lanes");
    // A step of a lane not shown and not linked to Sales is not drawn at all.
    expect(text).not.toContain("Prospect raises a hand");
    expect(problems).toEqual([]);
  });
});
