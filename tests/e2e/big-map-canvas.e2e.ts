import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { generateMap } from "../../bench/generate-map";
import { dragMouse, openAppForTests } from "./browser";

/**
 * A big map under the mouse at 1280x720: React Flow is handed only the steps and handoffs near the
 * view (src/ui/canvas/view-window.ts), so what a pan brings into view must arrive with it.
 */

const STEPS = 300;

/** A point on the bare canvas (no step, edge or header under it), near the pane's middle. */
async function backgroundPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (pane === undefined) return null;
    for (let dy = 0; dy < pane.height / 3; dy += 17)
      for (const sign of [1, -1])
        for (let dx = 0; dx < pane.width / 3; dx += 23) {
          const x = pane.left + pane.width / 2 + sign * dx;
          const y = pane.top + pane.height / 2 + sign * dy;
          if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
        }
    return null;
  });
  if (point === null) throw new Error("no bare canvas in view");
  return point;
}

/** Ids of the steps drawn wholly inside the pane, and how many handoffs are drawn there. */
async function inView(page: Page): Promise<{ steps: string[]; handoffs: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
    if (pane === undefined) return { steps: [], handoffs: 0 };
    const inside = (r: DOMRect) =>
      r.width > 0 &&
      r.left >= pane.left &&
      r.top >= pane.top &&
      r.right <= pane.right &&
      r.bottom <= pane.bottom;
    const steps = [...document.querySelectorAll<HTMLElement>(".react-flow__node")]
      .filter((el) => inside(el.getBoundingClientRect()))
      .map((el) => el.dataset.id ?? "");
    const handoffs = [...document.querySelectorAll<SVGGraphicsElement>(".react-flow__edge path")].filter(
      (el) => {
        const r = el.getBoundingClientRect();
        return r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      },
    ).length;
    return { steps, handoffs };
  });
}

describe(`a ${STEPS}-step map panned with the mouse at 1280x720`, () => {
  const app = openAppForTests({ viewport: { width: 1280, height: 720 }, waitForSteps: true });

  it("each pan brings the steps and handoffs it reaches, screen after screen, and back", async () => {
    const { page } = app;
    const map = generateMap({ steps: STEPS, seed: 11 });
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "big.handoff.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(map), "utf8"),
    });
    await expect.poll(() => page.getByText(map.title).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await inView(page)).handoffs, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await inView(page);
    expect(first.steps.length).toBeGreaterThan(2);
    // The overview shows the whole map, not only the steps near the view (React Flow holds those):
    // step rectangles (kind strokes, darker than any lane band) in its right part too.
    const farSteps = await page
      .locator("canvas.hf-overview__steps")
      .evaluate((element: HTMLCanvasElement) => {
        const context = element.getContext("2d");
        if (context === null) return -1;
        const from = Math.floor(element.width * 0.6);
        const { data } = context.getImageData(from, 0, element.width - from, element.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4)
          if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3 < 170)
            dark++;
        return dark;
      });
    expect(farSteps).toBeGreaterThan(20);

    const seen = new Set(first.steps);
    let screens = 0;
    // Five screens to the right (the map runs left to right through its phases), one at a time.
    for (let pan = 0; pan < 5; pan++) {
      const from = await backgroundPoint(page);
      await dragMouse(page, from, { x: from.x - 700, y: from.y }, 20);
      await expect.poll(async () => (await inView(page)).steps.length, { timeout: 5_000 }).toBeGreaterThan(0);
      const now = await inView(page);
      expect(now.handoffs).toBeGreaterThan(0);
      if (now.steps.some((step) => !seen.has(step))) screens++;
      for (const step of now.steps) seen.add(step);
    }
    // Every pan reached steps not seen before, drawn with their handoffs.
    expect(screens).toBe(5);

    // And back to where it started: the first view's steps again.
    for (let pan = 0; pan < 5; pan++) {
      const from = await backgroundPoint(page);
      await dragMouse(page, from, { x: from.x + 700, y: from.y }, 20);
    }
    await expect
      .poll(async () => (await inView(page)).steps.sort(), { timeout: 5_000 })
      .toEqual([...first.steps].sort());
  });

  it("a step selected and then panned far out of view is still nudged by the arrow keys and deleted by Delete", async () => {
    const { page } = app;
    const id = (await inView(page)).steps[0] ?? "";
    const step = page.locator(`.react-flow__node[data-id="${id}"]`);
    const before = await step.boundingBox();
    await step.click();
    const pan = async (dx: number) => {
      for (let i = 0; i < 3; i++) {
        const from = await backgroundPoint(page);
        await dragMouse(page, from, { x: from.x + dx, y: from.y }, 20);
      }
    };
    const drawn = () => page.locator(`.react-flow__node[data-id="${id}"]`);
    await pan(-700);
    await expect.poll(async () => (await inView(page)).steps.includes(id)).toBe(false);
    // Nudged four grid steps right while out of view ...
    await page.keyboard.press("Shift+ArrowRight");
    await pan(700);
    await expect
      .poll(async () => (await drawn().first().boundingBox())?.x ?? 0)
      .toBeGreaterThan((before?.x ?? 0) + 10);
    // ... and deleted while out of view, then back with undo.
    await pan(-700);
    await page.keyboard.press("Delete");
    await pan(700);
    await expect.poll(() => drawn().count()).toBe(0);
    await page.keyboard.press("Control+z");
    await expect.poll(() => drawn().count()).toBe(1);
  });
});
