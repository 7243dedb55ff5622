/**
 * Handoff contracts and the health check in Chromium: a facilitator walks to a handoff without an
 * SLA, opens its contract on the presenter card with C, types the SLA, sees the toolbar's health
 * count fall, opens the Health panel and clicks a finding to show its handoff. Screenshots of
 * the inspector's Contract section, the presenter card and the Health panel at 1280x720, light
 * and dark, go to test-results/ to be looked at.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterEach(async () => {
  await session.close();
});

async function openTemplate(scheme: "light" | "dark"): Promise<{ page: Page; problems: string[] }> {
  const page = await session.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  const problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor();
  await page.getByTestId("edge-case-flag").first().waitFor();
  return { page, problems };
}

const card = (page: Page) => page.getByRole("complementary", { name: "Walkthrough" });
const healthCount = (page: Page) => page.getByRole("button", { name: /^Health: / });

describe("handoff contracts and health", () => {
  for (const scheme of ["light", "dark"] as const)
    it(`fills a contract in the walkthrough, the count falls, a finding shows its handoff (${scheme})`, async () => {
      const { page, problems } = await openTemplate(scheme);
      await expect.poll(() => healthCount(page).textContent()).toContain("Health: 1 error, 2 warnings");

      await page.getByRole("button", { name: "Walk through" }).click();
      for (let i = 0; i < 20; i++) {
        if ((await card(page).getByRole("heading", { level: 2 }).textContent()) === "Renewal forecasting")
          break;
        await page.keyboard.press("ArrowRight");
      }
      expect(await card(page).getByRole("heading", { level: 2 }).textContent()).toBe("Renewal forecasting");

      // C opens the contract of the handoff out of this step, with the cursor in it.
      await page.keyboard.press("c");
      const editor = card(page).locator(".hf-presenter__contract-editor");
      await editor.waitFor();
      expect(
        await page.evaluate(() => document.activeElement?.closest(".hf-presenter__contract-editor") !== null),
      ).toBe(true);
      await editor.getByLabel("SLA", { exact: true }).focus();
      await page.keyboard.type("2");
      await editor.getByLabel("SLA unit").selectOption("business-days");
      await expect.poll(() => healthCount(page).textContent()).toContain("Health: 1 error, 1 warning");
      expect(
        await card(page).locator('[data-handoff-id="h14"]').getByTestId("presenter-contract").textContent(),
      ).toContain("≤ 2 business days");
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `contracts-presenter-${scheme}.png`) });

      // U turns the next unagreed required-data item into an edge case.
      await card(page).getByRole("heading", { level: 2 }).click();
      await page.keyboard.press("u");
      await expect
        .poll(() => card(page).getByTestId("presenter-edge-case").allTextContents())
        .toEqual(
          expect.arrayContaining([expect.stringContaining('No agreement that "Expansion contact" travels')]),
        );

      await page.keyboard.press("Escape"); // leave the walkthrough
      await healthCount(page).click();
      const panel = page.getByRole("region", { name: "Health" });
      await panel.waitFor();
      await panel.getByRole("button", { name: /rework the terms/ }).click();
      const inspector = page.getByRole("heading", {
        name: "Deal desk and discount approval → Mutual close plan",
      });
      await inspector.waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `contracts-health-${scheme}.png`) });

      await page.getByRole("heading", { name: "Contract", level: 3 }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `contracts-inspector-${scheme}.png`) });
      expect(problems).toEqual([]);
    });
});
