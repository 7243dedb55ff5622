/**
 * Step ids may hold any character (the format allows them): a step id with `"` and `]` must not
 * break React Flow's handle lookups (CSS selectors built from node ids) while a connection is
 * dragged from or to it.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { centerOf, dragMouse, openAppForTests } from "./browser";

let page: Page;

const HOSTILE = 'qualify "lead" [a] \\ ~x';

describe("step ids with quotes and brackets", () => {
  const app = openAppForTests({ viewport: { width: 1440, height: 900 } });
  beforeAll(async () => {
    page = app.page;
  });

  it('given a step id with " and ], when a connection is dragged from it onto another step, then it connects without a page error', async () => {
    const template = createRevOpsTemplate();
    const old = template.steps[6]?.id ?? "";
    const rename = (id: string) => (id === old ? HOSTILE : id);
    const map = {
      ...template,
      title: "Hostile ids",
      steps: template.steps.map((s) => ({ ...s, id: rename(s.id) })),
      handoffs: template.handoffs.map((h) => ({ ...h, from: rename(h.from), to: rename(h.to) })),
    };
    await expect
      .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "hostile.handoff.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(map), "utf8"),
    });
    const label = template.steps[6]?.label ?? "";
    const targetLabel = template.steps[11]?.label ?? "";
    await expect
      .poll(() => page.getByText("Imported “Hostile ids”").count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    await page.getByRole("button", { name: "Fit view", exact: true }).click();
    await page.waitForTimeout(500);
    const source = page.locator(".react-flow__node", { hasText: label }).first();
    await expect.poll(() => source.count(), { timeout: 20_000 }).toBe(1);
    // The step on screen is the one with the hostile id.
    expect(await source.locator('[data-testid="step-node"]').getAttribute("data-step-id")).toBe(HOSTILE);
    const before = await page.locator(".react-flow__edge").count();
    await source.hover();
    const handle = await centerOf(source.locator(".react-flow__handle.source"));
    const target = await centerOf(page.locator(".react-flow__node", { hasText: targetLabel }).first());
    await dragMouse(page, handle, target);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(before + 1);
  });

  it("when a connection is dragged from another step onto it, then it connects without a page error", async () => {
    const template = createRevOpsTemplate();
    const hostile = page.locator(".react-flow__node", { hasText: template.steps[6]?.label ?? "" }).first();
    const other = page.locator(".react-flow__node", { hasText: template.steps[1]?.label ?? "" }).first();
    const before = await page.locator(".react-flow__edge").count();
    await other.hover();
    const handle = await centerOf(other.locator(".react-flow__handle.source"));
    // Onto its handle: React Flow looks the nearest handle up by a selector built from the node id.
    await hostile.hover();
    const target = await centerOf(hostile.locator(".react-flow__handle.target"));
    await other.hover();
    await dragMouse(page, handle, target);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(before + 1);
  });
});
