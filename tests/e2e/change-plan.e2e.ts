/**
 * The change plan and the ranked backlog lead somewhere, from the facilitator's side in Chromium:
 * a card shows its handoff on the canvas, owner and due date are set on the card, and the ranked
 * backlog is on screen, sorted, with votes and its downloads.
 */
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
  await page.getByTestId("edge-case-flag").first().waitFor();
  return { page, problems };
}

/** Whether the element's centre is inside the canvas (not off to a side, not under a panel). */
async function onCanvas(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel)?.getBoundingClientRect();
    const pane = document.querySelector(".hf-canvas .react-flow")?.getBoundingClientRect();
    if (target === undefined || pane === undefined) return false;
    const x = target.x + target.width / 2;
    const y = target.y + target.height / 2;
    return x > pane.left && x < pane.right && y > pane.top && y < pane.bottom;
  }, selector);
}

describe("change plan and ranked backlog", () => {
  it("a card shows its handoff; owner and due date are set on the card", async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Change plan", exact: true }).click();
    const plan = page.getByTestId("change-plan");
    const card = plan
      .getByTestId("plan-card")
      .filter({ has: page.getByLabel("Owner of EC-9", { exact: true }) });
    const title = (await card.locator(".hf-plan__show").textContent()) ?? "";
    expect(title).not.toBe("");

    const flag = `[data-testid="edge-case-flag"]`;
    const ec9Flag = await page.evaluate((sel) => {
      for (const element of document.querySelectorAll(sel))
        if (/\bEC-9\b/.test(element.textContent ?? "")) return element.getAttribute("data-handoff-id");
      return null;
    }, flag);
    expect(ec9Flag).not.toBeNull();
    // Zoom far into the top-left corner, so EC-9's handoff is off screen (or not drawn at all).
    await page.mouse.move(420, 200);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const ec9 = `${flag}[data-handoff-id="${ec9Flag}"]`;
    expect(await onCanvas(page, ec9)).toBe(false);

    // Click the card (not a field on it): the handoff is selected and brought into view.
    await card.locator(".hf-plan__mitigation").click();
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    // The handoff inspector lists EC-9 as one of its edge-case rows.
    await expect.poll(() => inspector.getByRole("button", { name: /^EC-9 / }).count()).toBe(1);
    await expect.poll(() => onCanvas(page, ec9), { timeout: 5_000 }).toBe(true);

    // Owner on the card: typed, Enter; the card moves under its owner and keeps focus.
    const owner = plan.getByLabel("Owner of EC-9");
    await owner.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("Finance ops");
    await page.keyboard.press("Enter");
    await expect.poll(() => plan.getByRole("heading", { level: 3, name: /^Finance ops/ }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Owner of EC-9",
    );
    // Due date on the card; the inspector shows both.
    await plan.getByLabel("Due date of EC-9").fill("2027-02-01");
    // The card's click opened EC-9's row in the inspector: no click needed there.
    await expect
      .poll(() => inspector.getByRole("button", { name: /^EC-9 /, expanded: true }).count())
      .toBe(1);
    const group = inspector.getByRole("group", { name: /^EC-9/ });
    await expect.poll(() => group.getByLabel("Owner").inputValue()).toBe("Finance ops");
    await expect.poll(() => group.getByLabel("Due").inputValue()).toBe("2027-02-01");

    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "change-plan-card.png") });
    expect(problems).toEqual([]);
  });

  it("the ranked backlog is on screen, sorted by votes, votes re-rank it, and it downloads as shown", async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Change plan", exact: true }).click();
    const plan = page.getByTestId("change-plan");
    await plan.getByRole("tab", { name: "Ranked backlog" }).click();
    const backlog = plan.getByRole("list", { name: "Ranked backlog" });
    const numbers = async () =>
      (await backlog.getByTestId("backlog-entry").locator(".hf-plan__number").allTextContents()).join(" ");
    const before = await numbers();
    expect(before.split(" ").length).toBeGreaterThan(3);

    // The last entry gets three votes and moves to the top.
    const last = backlog.getByTestId("backlog-entry").last();
    const lastNumber = (await last.locator(".hf-plan__number").textContent()) ?? "";
    const lastTitle = (await last.locator(".hf-plan__show").textContent()) ?? "";
    const add = backlog.getByRole("button", { name: `Add a vote to ${lastTitle}`, exact: true });
    for (let i = 0; i < 3; i++) await add.click();
    await expect.poll(async () => (await numbers()).split(" ")[0]).toBe(lastNumber);
    expect(await backlog.getByRole("status", { name: `Votes for ${lastTitle}` }).textContent()).toBe("3");

    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "ranked-backlog.png") });

    // The CSV download is the list on screen, in the same order.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      plan.getByRole("button", { name: "Ranked backlog (CSV)" }).click(),
    ]);
    const csv = (await readFile(await download.path())).toString("utf8").slice(1);
    const csvNumbers = csv
      .split("\r\n")
      .slice(1)
      .filter((line) => line !== "")
      .map((line) => line.split('","')[1]);
    expect(csvNumbers.join(" ")).toBe(await numbers());
    expect(problems).toEqual([]);
  });
});
