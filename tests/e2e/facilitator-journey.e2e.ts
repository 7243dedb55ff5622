/**
 * Issue 11's "done when", as a facilitator lives it: the RevOps template's whole walkthrough in
 * presentation mode on a 1280x720 projector, an edge case captured on every step by keyboard
 * alone with digits in its title, and every number kept from the first capture to the CSV.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";
import { exportAs } from "./export-dialog-steps";

let session: BrowserSession;

beforeAll(async () => {
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
});

afterAll(async () => {
  await session.close();
});

const SEVERITIES = ["Low", "Medium", "High", "Critical"] as const;

/** Every field of the downloaded CSV register, keyed by the EC number of its row. */
async function csvRegister(page: Page): Promise<{ header: string[]; rows: Map<string, string[]> }> {
  const download = await exportAs(page, "CSV register");
  const text = (await readFile(await download.path())).toString("utf8");
  // Every field is quoted; the titles below hold no quotes or line breaks.
  const lines = text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.slice(1, -1).split('","'));
  const [header = [], ...records] = lines;
  return { header, rows: new Map(records.map((record) => [record[0] ?? "", record])) };
}

/** The control is wholly on the 1280x720 screen and is what a click at its centre reaches. */
async function reachable(page: Page, name: RegExp): Promise<boolean> {
  const button = page.getByRole("complementary", { name: "Walkthrough" }).getByRole("button", { name });
  const box = await button.boundingBox();
  if (box === null || box.y < 0 || box.x < 0 || box.y + box.height > 720 || box.x + box.width > 1280)
    return false;
  return button.evaluate(
    (element, [x, y]) => {
      const hit = document.elementFromPoint(x as number, y as number);
      return hit !== null && (hit === element || element.contains(hit));
    },
    [box.x + box.width / 2, box.y + box.height / 2],
  );
}

describe("a facilitator's workshop at 1280x720", () => {
  it("the walkthrough card starts under the toolbar, which keeps every button clickable", async () => {
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    await page.goto(BASE_URL);
    await page.getByTestId("step-node").first().waitFor();
    await page.keyboard.press("w");
    const card = page.getByRole("complementary", { name: "Walkthrough" });
    await card.waitFor();
    // At 1280 px the toolbar wraps to two rows; the card used to start at a fixed 60 px, over
    // the second row's last buttons.
    const toolbar = await page.locator(".hf-toolbar").boundingBox();
    const cardBox = await card.boundingBox();
    if (toolbar === null || cardBox === null) throw new Error("toolbar or card not drawn");
    expect(toolbar.height).toBeGreaterThan(60);
    expect(cardBox.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height);
    const hidden = await page.locator(".hf-toolbar button").evaluateAll((buttons) =>
      buttons
        .filter((element) => {
          const box = element.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return !(hit !== null && (hit === element || element.contains(hit)));
        })
        .map((element) => element.textContent || element.getAttribute("aria-label")),
    );
    expect(hidden).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("presents the whole walkthrough, captures an edge case with digits on every step by keyboard, and each keeps its number to the CSV", async () => {
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    await page.goto(BASE_URL);
    await page.getByTestId("step-node").first().waitFor();
    await page.getByTestId("edge-case-flag").first().waitFor();

    await page.keyboard.press("f");
    await page.keyboard.press("w");
    const card = page.getByRole("complementary", { name: "Walkthrough" });
    await card.waitFor();
    const heading = (await card.textContent()) ?? "";
    const total = Number(heading.match(/\b\d+ of (\d+)/i)?.[1]);
    if (Number.isNaN(total)) throw new Error(`no "n of N" on the card: ${heading.slice(0, 200)}`);
    expect(total).toBe(13);
    const captured: { number: string; title: string; severity: string }[] = [];
    for (let i = 0; i < total; i++) {
      // The card fits: Back, Capture and Next are on screen and clickable, the page never scrolls.
      expect(await reachable(page, /Back/)).toBe(true);
      expect(await reachable(page, /Capture edge case/)).toBe(true);
      expect(await reachable(page, /Next|Finish|Done/)).toBe(true);
      expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);

      const title = `SLA breached after ${24 + i} hours in queue ${i + 3}`;
      const severity = SEVERITIES[i % 4] ?? "Low";
      await page.keyboard.press("e");
      const capture = page.getByRole("region", { name: "Quick capture" });
      await capture.waitFor();
      await page.keyboard.type(title);
      await page.keyboard.press(`Alt+${(i % 4) + 1}`);
      await page.keyboard.press("Enter");
      await expect.poll(() => capture.count()).toBe(0);
      const onCard = card.getByTestId("presenter-edge-case").filter({ hasText: title });
      await expect.poll(() => onCard.count()).toBe(1);
      const number = (await onCard.locator(".hf-presenter__ec-number").textContent()) ?? "";
      // The template holds EC-1..EC-17; each capture takes the next number.
      expect(number).toBe(`EC-${18 + i}`);
      expect(await onCard.textContent()).toContain(severity);
      captured.push({ number, title, severity });
      if (i === 4)
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, "facilitator-presenting-1280.png") });
      if (i < total - 1) await page.keyboard.press("ArrowRight");
    }

    await page.keyboard.press("Escape");
    await expect.poll(() => card.count()).toBe(0);
    await page.keyboard.press("f");
    await page.getByRole("button", { name: "Export", exact: true }).waitFor();

    // Every capture is in the CSV under the number it got in the room, title intact.
    const { header, rows } = await csvRegister(page);
    const titleColumn = header.indexOf("title");
    const severityColumn = header.indexOf("severity");
    expect(titleColumn).toBeGreaterThan(0);
    for (const { number, title, severity } of captured) {
      expect(rows.get(number)?.[titleColumn]).toBe(title);
      expect(rows.get(number)?.[severityColumn]?.toLowerCase()).toBe(severity.toLowerCase());
    }
    expect(problems).toEqual([]);
  });
});
