/**
 * Workshop mode in Chromium against the production build: a facilitator walks the template by
 * keyboard, captures an edge case, the room votes it up, the ranked backlog comes out with it on
 * top, and the timer runs. Screenshots of the walkthrough and of presentation mode go to
 * test-results/ to be looked at.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterEach(async () => {
  await session.close();
});

async function openTemplate(): Promise<{ page: Page; problems: string[] }> {
  const page = await session.context.newPage();
  const problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor();
  // The canvas is ready when the template's flags are drawn.
  await page.getByTestId("edge-case-flag").first().waitFor();
  return { page, problems };
}

const card = (page: Page) => page.getByRole("complementary", { name: "Walkthrough" });
const cardTitle = (page: Page) => card(page).getByRole("heading", { level: 2 }).textContent();

describe("workshop mode", () => {
  it("walks, captures, votes, exports the ranked backlog, and times the session", async () => {
    const { page, problems } = await openTemplate();
    const title = "Callback promised on the call never logged";

    // Walk through from the toolbar, then three steps forward by keyboard.
    await page.getByRole("button", { name: "Walk through" }).click();
    expect(await cardTitle(page)).toBe("Prospect raises a hand");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    expect(await cardTitle(page)).toBe("Cold outreach and inbound qualification");
    const outgoing = await card(page).locator("[data-handoff-id]").last().getAttribute("data-handoff-id");
    expect(outgoing).not.toBeNull();
    const flag = page.locator(`[data-testid="edge-case-flag"][data-handoff-id="${outgoing}"]`);
    const flagTextBefore = (await flag.count()) > 0 ? await flag.textContent() : null;

    // Quick capture: E, type, Alt+3 for high, Enter.
    await page.keyboard.press("e");
    await page.keyboard.type(title);
    await page.keyboard.press("Alt+3");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => card(page).getByTestId("presenter-edge-case").filter({ hasText: title }).count())
      .toBe(1);
    expect(
      await card(page).getByTestId("presenter-edge-case").filter({ hasText: title }).textContent(),
    ).toContain("High");
    // The walkthrough goes on; the flag appears (or counts one more) at once.
    expect(await cardTitle(page)).toBe("Cold outreach and inbound qualification");
    await expect.poll(() => flag.textContent()).not.toBe(flagTextBefore);

    // Screenshot of the walkthrough with the capture on the card.
    await page.waitForTimeout(400); // the pan to the step takes 300 ms
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "workshop-walkthrough.png") });

    // Vote it up twice on the presenter card.
    const addVote = card(page).getByRole("button", { name: `Add a vote to ${title}`, exact: true });
    await addVote.click();
    await addVote.click();
    await expect
      .poll(() =>
        card(page)
          .getByRole("status", { name: `Votes for ${title}` })
          .textContent(),
      )
      .toBe("2");

    // It is in the register (Edge cases panel).
    await page.keyboard.press("Escape"); // leave the walkthrough; the position is kept
    await expect.poll(() => card(page).count()).toBe(0);
    await page.getByRole("button", { name: "Edge cases", exact: true }).click();
    await expect.poll(() => page.getByRole("row").filter({ hasText: title }).count()).toBe(1);

    // Export the ranked backlog (CSV) from the change plan panel: our edge case is first.
    await page.getByRole("button", { name: "Change plan", exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Ranked backlog (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/ranked backlog\.csv$/);
    const file = await download.path();
    const csv = readFileSync(file, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split("\r\n");
    expect(rows[0]).toMatch(/^"rank","#","votes","severity","title"/);
    expect(rows[1]).toContain(`"1",`);
    expect(rows[1]).toContain(`"2","high","${title}"`);

    // The change plan lists it under Unassigned.
    const plan = page.getByTestId("change-plan");
    expect(await plan.getByRole("heading", { level: 3 }).first().textContent()).toMatch(/^Unassigned/);
    expect(await plan.textContent()).toContain(title);

    // W resumes where we left.
    await page.keyboard.press("w");
    expect(await cardTitle(page)).toBe("Cold outreach and inbound qualification");

    // The timer counts down.
    await page.getByRole("button", { name: "Timer", exact: true }).click();
    await page.getByLabel("Minutes").fill("1");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const display = page.getByTestId("timer-display");
    await expect.poll(() => display.textContent(), { timeout: 5_000 }).toMatch(/^0:5\d$/);

    expect(problems).toEqual([]);
  });

  it("opens a first-lane step with the lanes under it, no bare canvas above (1280x720)", async () => {
    const { page, problems } = await openTemplate();
    await page.setViewportSize({ width: 1280, height: 720 });
    const top = async (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => Math.round(e.getBoundingClientRect().top));
    const bottom = async (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => Math.round(e.getBoundingClientRect().bottom));

    await page.keyboard.press("w");
    expect(await cardTitle(page)).toBe("Prospect raises a hand");
    await page.waitForTimeout(600); // the 300 ms glide to the step
    // The first lane starts right under the phase headers (it sat 225 px lower, under nothing).
    const phaseRowBottom = await bottom(".hf-phase-header");
    expect(
      Math.abs((await top('.hf-lane-header[data-lane-id="marketing"]')) - phaseRowBottom),
    ).toBeLessThanOrEqual(2);
    const step = page.locator(".react-flow__node", { hasText: "Prospect raises a hand" }).first();
    const box = await step.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y ?? 0).toBeGreaterThanOrEqual(phaseRowBottom);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((await card(page).boundingBox())?.x ?? 0);

    // A step in a middle lane is still centred: SDR's third step sits mid-pane.
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await cardTitle(page)).toBe("Cold outreach and inbound qualification");
    await page.waitForTimeout(600);
    const middle = await page
      .locator(".react-flow__node", { hasText: "Cold outreach" })
      .first()
      .boundingBox();
    const pane = await page.locator(".react-flow").boundingBox();
    const centre = (pane?.y ?? 0) + (pane?.height ?? 0) / 2;
    expect(Math.abs((middle?.y ?? 0) + (middle?.height ?? 0) / 2 - centre)).toBeLessThanOrEqual(4);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "walkthrough-first-step-1280.png") });
    expect(problems).toEqual([]);
  });

  it("with the change plan, versions and health open at 1280x720, the inspector still shows", async () => {
    const { page, problems } = await openTemplate();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole("button", { name: /^Health/ }).click();
    await page.getByRole("button", { name: "Change plan", exact: true }).click();
    await page.getByRole("button", { name: "Versions", exact: true }).click();
    await page.locator(".react-flow__node", { hasText: "Lead capture" }).first().click();
    // Height on screen, inside the side column (what overflows it is not seen).
    const column = await page.locator(".hf-editor__side").boundingBox();
    const height = async (selector: string) => {
      const b = await page.locator(selector).first().boundingBox();
      if (b === null || column === null) return 0;
      return Math.min(b.y + b.height, column.y + column.height) - Math.max(b.y, column.y);
    };
    // Each panel keeps a share and scrolls: the inspector was squeezed to its first line.
    expect(await height(".hf-editor__inspector")).toBeGreaterThanOrEqual(200);
    expect(await page.locator(".hf-editor__inspector").getByLabel("Label").inputValue()).toBe("Lead capture");
    for (const panel of [".hf-health", ".hf-plan", ".hf-versions"])
      expect(await height(panel), panel).toBeGreaterThanOrEqual(100);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "side-panels-stacked-1280.png") });

    // One close control, the same on every panel: same size, at the panel's top right, and it closes it.
    await page.getByRole("button", { name: /^Edge cases/ }).click();
    await page.getByRole("button", { name: "Library", exact: true }).click();
    const closes = [
      { panel: ".handoff-library", name: "Close library" },
      { panel: ".hf-health", name: "Close health" },
      { panel: ".hf-plan", name: "Close change plan" },
      { panel: ".hf-versions", name: "Close versions" },
      { panel: ".hf-register", name: "Close edge cases" },
    ];
    const sizes = new Set<string>();
    for (const { panel, name } of closes) {
      const close = page.locator(panel).getByRole("button", { name, exact: true });
      const [box, panelBox] = [await close.boundingBox(), await page.locator(panel).boundingBox()];
      if (box === null || panelBox === null) throw new Error(`${name}: not on screen`);
      sizes.add(`${Math.round(box.width)}x${Math.round(box.height)}`);
      expect(panelBox.x + panelBox.width - (box.x + box.width), name).toBeLessThanOrEqual(24);
      expect(box.y - panelBox.y, name).toBeLessThanOrEqual(24);
    }
    expect([...sizes]).toEqual(["30x30"]);
    for (const { panel, name } of closes) {
      await page.locator(panel).getByRole("button", { name, exact: true }).click();
      await page.locator(panel).waitFor({ state: "detached" });
    }
    expect(problems).toEqual([]);
  });

  it("presents: F hides the editing chrome, the walkthrough and the timer stay, F again restores", async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Timer", exact: true }).click();
    await page.getByLabel("Minutes").fill("15");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.keyboard.press("w");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("f");
    await expect
      .poll(() => page.evaluate(() => document.documentElement.hasAttribute("data-hf-presenting")))
      .toBe(true);
    await expect.poll(() => page.locator(".hf-toolbar").isVisible()).toBe(false);
    expect(await page.locator(".hf-editor__side").isVisible()).toBe(false);
    expect(await card(page).isVisible()).toBe(true);
    expect(await page.getByTestId("workshop-timer").isVisible()).toBe(true);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "workshop-presentation.png") });

    await page.keyboard.press("f");
    await expect.poll(() => page.locator(".hf-toolbar").isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
