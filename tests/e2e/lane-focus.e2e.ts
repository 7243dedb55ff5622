/**
 * Lane focus in Chromium at 1280x720, from the user's side: the toolbar's Lanes picker by
 * keyboard, only the chosen lanes' headers plus "Other lanes", stubs named after the real steps
 * with their lane; editing in focus (rename, drag) lands in the real map; a lane header's "Focus
 * on this lane"; the L key; the walkthrough and presentation in focus visit only the lanes shown;
 * a reload leaves nothing broken. Screenshots (light and dark) go to test-results/lane-focus.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sliceMap } from "../../src/export/slides/slice-map";
import { flowOrder } from "../../src/model/flow-order";
import { createRevOpsTemplate } from "../../src/model/templates";
import {
  ARTIFACTS_DIR,
  BASE_URL,
  type BrowserSession,
  centerOf,
  dragMouse,
  launchBrowser,
  watchConsole,
} from "./browser";

const SHOTS = path.join(ARTIFACTS_DIR, "lane-focus");
const template = createRevOpsTemplate();
const OTHER = "~:other-lanes";

let session: BrowserSession;
let page: Page;
let problems: string[];

const button = (name: string) => page.getByRole("button", { name, exact: true });
const laneHeaderIds = () =>
  page.locator(".hf-lane-header").evaluateAll((els) => els.map((e) => e.getAttribute("data-lane-id")));
const node = (label: string) => page.locator(".react-flow__node", { hasText: label }).first();
const stepNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const card = () => page.getByRole("complementary", { name: "Walkthrough" });
const cardTitle = () => card().getByRole("heading", { level: 2 }).textContent();

async function shot(name: string) {
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** A node's place in flow coordinates (React Flow's translate): the canvas's own numbers. */
async function flowPosition(locator: Locator): Promise<{ x: number; y: number }> {
  const transform = await locator.evaluate((e) => (e as HTMLElement).style.transform);
  const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (match === null) throw new Error(`no translate in ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

/** Tab until the element with this accessible label has the focus (the keyboard way there). */
async function tabTo(label: string) {
  for (let i = 0; i < 30; i++) {
    const at = await page.evaluate(
      () => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "",
    );
    if (at.trim() === label) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${label}`);
}

async function open() {
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  page = await session.context.newPage();
  problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
  await page.getByTestId("edge-case-flag").first().waitFor();
}

/** Sales and Deal Desk from the toolbar's Lanes picker, by keyboard only. */
async function focusSalesAndDealDeskByKeyboard(screenshot = false) {
  await button("Lanes: All").focus();
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Lanes shown" }).waitFor();
  await tabTo("Only Sales");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // the Deal Desk checkbox
  await page.keyboard.press("Space");
  if (screenshot) await shot("picker-open");
  await page.keyboard.press("Escape");
}

beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await open();
});

afterEach(async () => {
  expect(problems).toEqual([]);
  await session?.close();
});

describe("lane focus", () => {
  it("focuses Sales and Deal Desk from the toolbar by keyboard: their headers, 'Other lanes', labelled stubs", async () => {
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const discoveryBefore = await flowPosition(stepNode("discovery"));

    await focusSalesAndDealDeskByKeyboard(true);

    // Only those lanes, and the band of stubs.
    await expect.poll(laneHeaderIds).toEqual(["sales", "deal-desk", OTHER]);
    expect(await page.locator(`.hf-lane-header[data-lane-id="${OTHER}"]`).textContent()).toContain(
      "Other lanes",
    );
    expect(await page.getByTestId("lane-focus-bar").textContent()).toMatch(
      /Showing 2 of 7 lanes: Sales, Deal Desk/,
    );
    expect(await button("Lanes: Sales, Deal Desk").getAttribute("aria-expanded")).toBe("false");
    // Focus went back to the Lanes button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      "Lanes: Sales, Deal Desk",
    );

    // x unchanged: Discovery is drawn where the whole map draws it, across.
    await button("Fit view").click();
    await page.waitForTimeout(400);
    expect((await flowPosition(stepNode("discovery"))).x).toBe(discoveryBefore.x);

    // Every stub: the real step's name, a chip naming its lane; the real steps are those lanes' only.
    const slice = sliceMap(template, { lanes: ["sales", "deal-desk"] });
    const stubs = page.getByTestId("stub-node");
    await expect.poll(() => stubs.count()).toBe(slice.stubs.size);
    for (const info of slice.stubs.values()) {
      const real = template.steps.find((s) => s.id === info.stepId);
      const lane = template.lanes.find((l) => l.id === real?.lane);
      const stub = page.locator(`[data-testid="stub-node"][data-stub-of="${info.stepId}"]`);
      // Its label lines (spans) and its name for screen readers: the real step's, with its lane.
      expect((await stub.textContent())?.replace(/\s+/g, "")).toContain(real?.label.replace(/\s+/g, ""));
      const wrapper = page.locator(".react-flow__node", { has: stub });
      expect(await wrapper.getAttribute("aria-label")).toBe(
        `${real?.label}, in ${lane?.name} (a lane not shown)`,
      );
      expect(await stub.getByRole("button", { name: `Show lane ${lane?.name} too` }).textContent()).toBe(
        lane?.name,
      );
    }
    const shown = await page
      .getByTestId("step-node")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-lane")));
    expect(new Set(shown)).toEqual(new Set(["sales", "deal-desk"]));
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(slice.map.handoffs.length);

    await shot("focused-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot("focused-dark");
    await page.emulateMedia({ colorScheme: "light" });
    // And closer, as a room reads it: the stubs of Deal Desk's handoffs.
    const near = await centerOf(stepNode("deal-desk"));
    await page.mouse.move(near.x, near.y);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -200);
      await page.waitForTimeout(80);
    }
    await shot("focused-near-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot("focused-near-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await button("Fit view").click();
    await page.waitForTimeout(400);

    // A click on a stub selects its handoffs: the inspector shows the handoff.
    const first = [...slice.stubs.values()][0];
    if (first === undefined) throw new Error("no stub");
    await page
      .locator(`[data-testid="stub-node"][data-stub-of="${first.stepId}"]`)
      .click({ position: { x: 12, y: 8 } });
    await expect.poll(() => page.locator(".react-flow__edge.selected").count()).toBeGreaterThan(0);

    // Show all lanes: every lane is back.
    await page.getByTestId("lane-focus-bar").getByRole("button", { name: "Show all lanes" }).click();
    await expect.poll(laneHeaderIds).toEqual(template.lanes.map((l) => l.id));
    await expect.poll(() => page.getByTestId("stub-node").count()).toBe(0);
  });

  it("renames a step in focus and drags one within its lane: the real map has both after 'Show all lanes'", async () => {
    // Select Discovery and press L: focus on its lane.
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const before = await flowPosition(stepNode("discovery"));
    const reference = await flowPosition(stepNode("close-plan"));
    await node("Discovery").click();
    await page.keyboard.press("l");
    await expect.poll(laneHeaderIds).toEqual(["sales", OTHER]);

    // Rename in place: Enter, type, Enter.
    await node("Discovery").click();
    await page.keyboard.press("Enter");
    await page.keyboard.type("Discovery call");
    await page.keyboard.press("Enter");
    await expect.poll(() => node("Discovery call").count()).toBe(1);

    // Drag it right within Sales.
    const inFocus = await flowPosition(stepNode("discovery"));
    const from = await centerOf(stepNode("discovery"));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + i * 8, from.y + 2);
    await page.mouse.up();
    await page.waitForTimeout(300);
    const dropped = await flowPosition(stepNode("discovery"));
    const referenceInFocus = await flowPosition(stepNode("close-plan"));
    expect(dropped.x).toBeGreaterThan(inFocus.x + 16);

    // L again: every lane. The new name and the new place are the real map's: the same x as
    // drawn in focus, the same height in Sales (against an unmoved Sales step), still in Sales.
    await page.keyboard.press("l");
    await expect.poll(laneHeaderIds).toEqual(template.lanes.map((l) => l.id));
    await button("Fit view").click();
    await page.waitForTimeout(400);
    await expect.poll(() => node("Discovery call").count()).toBe(1);
    expect(
      await page
        .locator('.react-flow__node[data-id="discovery"] [data-testid="step-node"]')
        .getAttribute("data-lane"),
    ).toBe("sales");
    const after = await flowPosition(stepNode("discovery"));
    const referenceAfter = await flowPosition(stepNode("close-plan"));
    expect(after.x).toBe(dropped.x);
    expect(after.x).toBeGreaterThan(before.x + 16);
    expect(referenceAfter).toEqual(reference);
    expect(after.y - referenceAfter.y).toBe(dropped.y - referenceInFocus.y);

    // Undo takes the drag back, then the rename.
    await button("Undo").click();
    await button("Undo").click();
    await expect.poll(() => node("Discovery call").count()).toBe(0);
  });

  it("a handoff dragged onto a stub connects to the real step it stands for", async () => {
    await page.getByRole("button", { name: "Lane actions: Sales" }).click();
    await page.getByRole("menuitem", { name: "Focus on this lane" }).click();
    await expect.poll(laneHeaderIds).toEqual(["sales", OTHER]);
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const stub = page.locator('[data-testid="stub-node"][data-stub-of="qualified"]');
    // At the fit, both are on screen; the dot is small but a pointer finds it.
    const edges = await page.locator(".react-flow__edge").count();
    await stepNode("discovery").hover();
    const handle = await centerOf(stepNode("discovery").locator(".react-flow__handle.source"));
    const target = await centerOf(stub);
    await dragMouse(page, handle, target);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(edges + 1);
    // Every lane: the new handoff joins Discovery and the real decision step.
    await page.getByTestId("lane-focus-bar").getByRole("button", { name: "Show all lanes" }).click();
    await button("Fit view").click();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(template.handoffs.length + 1);
    await button("Undo").click();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(template.handoffs.length);
  });

  it("'Focus on this lane' in a lane header's menu, and the L key leaves it", async () => {
    await page.getByRole("button", { name: "Lane actions: Finance & Orders" }).click();
    await page.getByRole("menuitem", { name: "Focus on this lane" }).click();
    await expect.poll(laneHeaderIds).toEqual(["finance", OTHER]);
    expect(await button("Lanes: Finance & Orders").count()).toBe(1);
    // The Other lanes band has no lane menu, only a way to show lanes.
    await page.getByRole("button", { name: "Other lanes: show lanes" }).click();
    expect(await page.getByRole("menuitem", { name: "Rename lane" }).count()).toBe(0);
    await page.getByRole("menuitem", { name: "Show Deal Desk too" }).click();
    await expect.poll(laneHeaderIds).toEqual(["deal-desk", "finance", OTHER]);
    // L (nothing typed anywhere): every lane again.
    await page.keyboard.press("l");
    await expect.poll(laneHeaderIds).toEqual(template.lanes.map((l) => l.id));
    expect(await page.getByTestId("lane-focus-bar").count()).toBe(0);
  });

  it("the walkthrough and presentation in focus visit only the lanes shown, in journey order", async () => {
    await focusSalesAndDealDeskByKeyboard();
    await expect.poll(laneHeaderIds).toEqual(["sales", "deal-desk", OTHER]);
    const shownIds = template.steps
      .filter((s) => s.lane === "sales" || s.lane === "deal-desk")
      .map((s) => s.id);
    const expected = flowOrder(template)
      .steps.filter((id) => shownIds.includes(id))
      .map((id) => template.steps.find((s) => s.id === id)?.label);

    await page.keyboard.press("w");
    const titles: (string | null)[] = [await cardTitle()];
    for (let i = 0; i < expected.length + 2; i++) {
      await page.keyboard.press("ArrowRight");
      const title = await cardTitle();
      if (title !== titles.at(-1)) titles.push(title);
    }
    expect(titles).toEqual(expected);
    expect(await card().textContent()).toContain(`of ${expected.length}`);

    // A handoff to a lane not shown names that lane on the card.
    await page.keyboard.press("Home");
    let named = false;
    for (let i = 0; i < expected.length && !named; i++) {
      named = /\((SDR|Finance & Orders|Customer Success|Marketing)\)/.test(
        (await card().textContent()) ?? "",
      );
      if (!named) await page.keyboard.press("ArrowRight");
    }
    expect(named).toBe(true);

    // Presentation in focus: still the lanes shown, and the line saying so.
    await page.keyboard.press("f");
    await page.waitForTimeout(600);
    expect(await laneHeaderIds()).toEqual(["sales", "deal-desk", OTHER]);
    expect(await page.getByTestId("lane-focus-bar").isVisible()).toBe(true);
    await shot("present-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot("present-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // Showing every lane mid-walk keeps the step on the card.
    const at = await cardTitle();
    await page.getByTestId("lane-focus-bar").getByRole("button", { name: "Show all lanes" }).click();
    await expect.poll(laneHeaderIds).toEqual(template.lanes.map((l) => l.id));
    expect(await cardTitle()).toBe(at);
    await page.keyboard.press("f");
    await page.keyboard.press("Escape");
  });

  it("a reload after focusing opens every lane, nothing broken", async () => {
    await page.getByRole("button", { name: "Lane actions: Sales" }).click();
    await page.getByRole("menuitem", { name: "Focus on this lane" }).click();
    await expect.poll(laneHeaderIds).toEqual(["sales", OTHER]);
    await page.reload();
    await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
    await expect.poll(laneHeaderIds).toEqual(template.lanes.map((l) => l.id));
    expect(await button("Lanes: All").count()).toBe(1);
    expect(await page.getByTestId("stub-node").count()).toBe(0);
  });
});
