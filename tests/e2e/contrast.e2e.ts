/**
 * Every button in every dialog, menu and popover is readable, in the light and the dark scheme:
 * its text has at least 4.5:1 contrast (WCAG AA) against the background it is drawn on. The test
 * opens each one as a person does and measures, in Chromium, each text's computed color against
 * its effective background (the first opaque background up its ancestors, with the translucent
 * ones above it blended in, and opacity applied). Disabled buttons are exempt, as in WCAG.
 * Screenshots of the delete-lane dialog in both schemes go to test-results/contrast.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";
import { measureButtons, type TextContrast } from "./contrast";

const template = createRevOpsTemplate();
const SHOTS = path.join(ARTIFACTS_DIR, "contrast");
const MIN_CONTRAST = 4.5;

let session: BrowserSession;
let page: Page;
let problems: string[];

const button = (name: string) => page.getByRole("button", { name, exact: true });

/** Every measurement, by scheme, written to test-results/contrast for people to read. */
const measurements: Record<string, TextContrast[]> = {};

async function lowContrast(container: Locator): Promise<TextContrast[]> {
  await container.waitFor();
  const measured = await container.evaluate(measureButtons);
  expect(measured.length).toBeGreaterThan(0);
  const scheme = await page.evaluate(() =>
    matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
  );
  measurements[scheme] = [...(measurements[scheme] ?? []), ...measured];
  return measured.filter((item) => item.ratio < MIN_CONTRAST);
}

async function openTemplate() {
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  page = await session.context.newPage();
  problems = watchConsole(page);
});

afterAll(async () => {
  writeFileSync(path.join(SHOTS, "measurements.json"), `${JSON.stringify(measurements, null, 1)}\n`);
  await session?.close();
});

describe.each(["light", "dark"] as const)("buttons in dialogs and popovers, %s scheme", (scheme) => {
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme });
  });

  // A fresh page for each: one that fails leaves nothing open for the next.
  beforeEach(async () => {
    await openTemplate();
  });

  it("the delete-lane dialog: Cancel and the confirm button", async () => {
    const lane = template.lanes.find((l) => template.steps.some((s) => s.lane === l.id));
    if (lane === undefined) throw new Error("template changed");
    await button(`Lane actions: ${lane.name}`).click();
    await page.getByRole("menuitem", { name: "Delete lane" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete lane “${lane.name}”?` });
    await dialog.waitFor();
    await page.screenshot({ path: path.join(SHOTS, `delete-lane-dialog-${scheme}.png`) });
    expect(await lowContrast(dialog)).toEqual([]);
    // The confirm button stands out from Cancel: a filled button, not text on the dialog.
    const confirm = dialog.getByRole("button", { name: "Move steps and delete lane" });
    const fill = await confirm.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(fill).not.toMatch(/^rgba\(0, 0, 0, 0\)$|transparent/);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it("the lane and phase header menus", async () => {
    const lane = template.lanes[0];
    const phase = template.phases[0];
    if (lane === undefined || phase === undefined) throw new Error("template changed");
    await button(`Lane actions: ${lane.name}`).click();
    expect(await lowContrast(page.getByRole("menu", { name: `Lane actions: ${lane.name}` }))).toEqual([]);
    await page.keyboard.press("Escape");
    await button(`Phase actions: ${phase.name}`).click();
    expect(await lowContrast(page.getByRole("menu", { name: `Phase actions: ${phase.name}` }))).toEqual([]);
    await page.keyboard.press("Escape");
  });

  it("the keyboard shortcuts help", async () => {
    await button("Keyboard shortcuts").click();
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(await lowContrast(help)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);
  });

  it("the export dialog (a picture and a list) and the share link popover", async () => {
    await button("Export").click();
    const exportDialog = page.getByRole("dialog", { name: "Export" });
    await exportDialog.getByRole("radio", { name: "PDF document", exact: true }).check();
    expect(await lowContrast(exportDialog)).toEqual([]);
    await exportDialog.getByRole("radio", { name: "CSV register", exact: true }).check();
    expect(await lowContrast(exportDialog)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect.poll(() => exportDialog.count()).toBe(0);
    await button("Copy share link").click();
    const share = page.getByRole("dialog", { name: "Share link" });
    expect(await lowContrast(share)).toEqual([]);
    await share.getByRole("button", { name: "Close" }).click();
  });

  it("the import error panel", async () => {
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"format": "handoff-map", "version": 1, "lanes": ['),
    });
    const panel = page.getByRole("alertdialog");
    expect(await lowContrast(panel)).toEqual([]);
    await panel.getByRole("button").first().click();
    await expect.poll(() => panel.count()).toBe(0);
  });

  it("the walkthrough card, its quick capture and the timer", async () => {
    await button("Timer").click();
    await page.keyboard.press("w");
    expect(await lowContrast(page.getByRole("complementary", { name: "Walkthrough" }))).toEqual([]);
    expect(await lowContrast(page.getByTestId("workshop-timer"))).toEqual([]);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("e");
    const capture = page.getByRole("region", { name: "Quick capture" });
    expect(await lowContrast(capture)).toEqual([]);
    await capture.screenshot({ path: path.join(SHOTS, `quick-capture-${scheme}.png`) });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    expect(problems).toEqual([]);
  });
});
