/**
 * Steps a file places left of the lane area or above their lane (negative positions) are drawn
 * and reachable on the canvas: after Fit view every step is on screen, right of the lane headers.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, openAppForTests } from "./browser";

let page: Page;

function farOutMap() {
  const map = createRevOpsTemplate();
  return {
    ...map,
    title: "Far out",
    steps: map.steps.map((step, i) => ({
      ...step,
      position: i === 2 ? { x: -5000, y: 20 } : i === 4 ? { x: 100, y: -300 } : { x: 60 + i * 240, y: 20 },
    })),
  };
}

describe("steps at negative positions on the canvas", () => {
  const app = openAppForTests({ viewport: { width: 1280, height: 720 } });
  beforeAll(async () => {
    page = app.page;
  });

  it("given a map with a step at x -5000 and one at y -300, after Fit view every step is on screen right of the lane headers", async () => {
    const map = farOutMap();
    await expect
      .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "far-out.handoff.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(map), "utf8"),
    });
    // The imported map replaces the template: its far-left step appears.
    await expect
      .poll(() => page.locator(`.react-flow__node[data-id="${map.steps[2]?.id}"]`).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await page.waitForTimeout(1500);
    await page.getByRole("button", { name: "Fit view", exact: true }).click();
    await page.waitForTimeout(600);
    const headers = await page.locator(".hf-lane-headers").boundingBox();
    const pane = await page.locator(".react-flow").boundingBox();
    if (headers === null || pane === null) throw new Error("no canvas");
    for (const step of map.steps) {
      const node = page.locator(`.react-flow__node[data-id="${step.id}"]`);
      await expect.poll(() => node.count(), { timeout: 20_000 }).toBe(1);
      const box = await node.boundingBox();
      if (box === null) throw new Error(`${step.id} has no box`);
      expect(box.x, step.id).toBeGreaterThanOrEqual(headers.x + headers.width - 1);
      expect(box.y, step.id).toBeGreaterThanOrEqual(pane.y - 1);
      expect(box.x + box.width, step.id).toBeLessThanOrEqual(pane.x + pane.width + 1);
      expect(box.y + box.height, step.id).toBeLessThanOrEqual(pane.y + pane.height + 1);
    }
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "positions-anywhere-1280.png") });
    await page.screenshot({ path: "/tmp/lay/positions-anywhere-1280.png" });
  });
});
