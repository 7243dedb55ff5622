/**
 * Chips never draw over each other: a step given long system names (digits, accents, a dash) shows
 * them as separate chips in the inspector, on the canvas and on the presenter card, editing and
 * presenting, at 1280x720 and 1440x900.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, openAppForTests } from "./browser";

const SHOTS = path.join(ARTIFACTS_DIR, "chips");
const STEP = "Prospect raises a hand";
const SYSTEMS = [
  "Salesforce CPQ 2024 — Écosystème",
  "HubSpot Marketing Hub Enterprise 2023",
  "NetSuite ERP — Comptabilité générale 2025",
  "Gong",
  "Zoominfo",
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pairs of chips whose boxes overlap by more than a hair (touching borders are fine). */
async function overlaps(chips: Locator): Promise<string[]> {
  const boxes = await chips.evaluateAll((elements) =>
    elements.map((element) => {
      const r = element.getBoundingClientRect();
      return { text: element.textContent ?? "", x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const found: string[] = [];
  const overlap = (a: Box, b: Box) =>
    Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
    Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) if (overlap(a, b)) found.push(`${a.text} / ${b.text}`);
  });
  return found;
}

/** Each chip stays inside its container's width (wraps instead of running out). */
async function outside(chips: Locator, container: Locator): Promise<string[]> {
  const area = await container.boundingBox();
  if (area === null) throw new Error("container has no box");
  const boxes = await chips.evaluateAll((elements) =>
    elements.map((element) => {
      const r = element.getBoundingClientRect();
      return { text: element.textContent ?? "", left: r.left, right: r.right };
    }),
  );
  return boxes
    .filter((box) => box.left < area.x - 0.5 || box.right > area.x + area.width + 0.5)
    .map((box) => box.text);
}

let page: Page;

describe.each([
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
])("chips at $width x $height", (viewport) => {
  const name = `${viewport.width}x${viewport.height}`;

  const app = openAppForTests({ viewport });
  beforeAll(async () => {
    page = app.page;
    mkdirSync(SHOTS, { recursive: true });
    await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
    await page.locator(".react-flow__node", { hasText: STEP }).first().click();
    const add = page.getByRole("textbox", { name: "Add system" });
    await add.fill(SYSTEMS.join(", "));
    await add.press("Enter");
    await page.locator(".hf-chips__list .hf-chip").nth(SYSTEMS.length).waitFor();
  });

  it("in the inspector", async () => {
    const chips = page.locator(".hf-chips__list .hf-chip");
    expect(await overlaps(chips)).toEqual([]);
    expect(await outside(chips, page.locator(".hf-chips__list"))).toEqual([]);
  });

  it("on the canvas", async () => {
    const step = page.locator(".react-flow__node", { hasText: STEP }).first();
    const chips = step.locator(".hf-chip");
    await expect.poll(() => chips.count()).toBeGreaterThan(1);
    expect(await overlaps(chips)).toEqual([]);
    expect(await outside(chips, step)).toEqual([]);
    await step.screenshot({ path: path.join(SHOTS, `step-chips-${name}.png`) });
  });

  it("on the presenter card, walking and presenting", async () => {
    await page.keyboard.press("Escape");
    await page.locator(".hf-canvas .react-flow__pane").click({ position: { x: 300, y: 300 } });
    await page.keyboard.press("w");
    const card = page.getByRole("complementary", { name: "Walkthrough" });
    await expect.poll(() => card.getByRole("heading", { level: 2 }).textContent()).toBe(STEP);
    const chips = card.locator(".hf-presenter__systems .hf-chip");
    await expect.poll(() => chips.count()).toBe(SYSTEMS.length + 1);
    expect(await chips.allTextContents()).toEqual(["Website", ...SYSTEMS]);
    expect(await overlaps(chips)).toEqual([]);
    expect(await outside(chips, card.locator(".hf-presenter__systems"))).toEqual([]);

    await page.keyboard.press("f");
    await expect
      .poll(() => page.evaluate(() => document.documentElement.hasAttribute("data-hf-presenting")))
      .toBe(true);
    await page.waitForTimeout(400);
    expect(await overlaps(chips)).toEqual([]);
    expect(await outside(chips, card.locator(".hf-presenter__systems"))).toEqual([]);
    await card.screenshot({ path: path.join(SHOTS, `presenter-chips-${name}.png`) });
  });
});
