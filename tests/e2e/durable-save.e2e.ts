import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

/**
 * The last edit survives whatever the user does right after it: a reload at 0, 20, 50, 100 or
 * 300 ms, or closing the tab and opening Handoff again, 20 times each. One browser for all of it;
 * every trial is a real reload (or a real closed page) of the production build.
 */

const TRIALS = 20;
const DELAYS = [0, 20, 50, 100, 300];

let session: BrowserSession;
let page: Page;
/** Kinds of the dialogs the pages raised ("beforeunload": the browser's "Leave site?"). */
const dialogs: string[] = [];

/** Console problems of every page opened, read at the end of each test. */
const pageProblems: string[][] = [];
const problems = () => pageProblems.flat();

const titleField = () => page.getByRole("textbox", { name: "Title", exact: true });
/** The map inspector's step count (shown while nothing is selected, as after a reload). */
const stepCount = async () =>
  Number(
    await page
      .getByRole("definition")
      .filter({ has: page.locator("xpath=preceding-sibling::dt[1][text()='Steps']") })
      .textContent(),
  );

async function openPage(): Promise<void> {
  page = await session.context.newPage();
  pageProblems.push(watchConsole(page));
  // Should a reload ask "leave this page?" (it must not while the record holds the edit): yes.
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.goto(BASE_URL);
  await ready();
}

async function ready(): Promise<void> {
  await page.locator(".react-flow__node").first().waitFor();
  await titleField().waitFor();
}

async function expectStatus(text: string) {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="handoff-save-status"]')?.textContent === expected,
    text,
    { timeout: 10_000 },
  );
}

/** Types a new map title as a person does: click the field, select it all, type. */
async function typeTitle(title: string) {
  await titleField().click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(title);
}

beforeAll(async () => {
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  await openPage();
  await expectStatus("Saved");
});

afterAll(async () => {
  await session?.close();
});

describe("the last edit survives a reload at any moment", () => {
  for (const delay of DELAYS) {
    it(`a title typed ${delay} ms before a reload is there after it, ${TRIALS} times in a row`, async () => {
      const lost: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const title = `Reload after ${delay} ms, trial ${trial + 1}`;
        await typeTitle(title);
        if (delay > 0) await page.waitForTimeout(delay);
        await page.reload();
        await ready();
        const shown = await titleField().inputValue();
        if (shown !== title) lost.push(`${title} (shown: ${shown})`);
      }
      expect(lost).toEqual([]);
      // A reload right after typing meets a pending save, but the write-ahead record holds the
      // edit: the browser does not ask "Leave site?" (it asks only when the record cannot).
      expect(dialogs).not.toContain("beforeunload");
      await expectStatus("Saved");
      expect(problems()).toEqual([]);
    });
  }

  it(`a step added just before a reload is there after it, ${TRIALS} times in a row`, async () => {
    const lost: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const before = await stepCount();
      const nodes = await page.locator(".react-flow__node").count();
      await page.getByRole("button", { name: "Add step", exact: true }).click();
      await expect.poll(() => page.locator(".react-flow__node").count()).toBe(nodes + 1);
      await page.waitForTimeout(DELAYS[trial % DELAYS.length] ?? 0);
      await page.reload();
      await ready();
      const after = await stepCount();
      if (after !== before + 1) lost.push(`trial ${trial + 1}: ${before} steps before, ${after} after`);
    }
    expect(lost).toEqual([]);
    await expectStatus("Saved");
    expect(problems()).toEqual([]);
  });

  it(`an edit made just before the tab is closed is there when Handoff is opened again, ${TRIALS} times`, async () => {
    const lost: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const title = `Closed the tab, trial ${trial + 1}`;
      await typeTitle(title);
      await page.waitForTimeout(DELAYS[trial % DELAYS.length] ?? 0);
      await page.close();
      await openPage();
      const shown = await titleField().inputValue();
      if (shown !== title) lost.push(`${title} (shown: ${shown})`);
    }
    expect(lost).toEqual([]);
    await expectStatus("Saved");
    expect(problems()).toEqual([]);
  });
});
