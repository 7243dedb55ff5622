/**
 * Presenting fits the screen, at 1280x720 and 1440x900. In presentation mode (F, then W) on the
 * template's busiest step (the qualification decision), Back, Capture and Next show without
 * scrolling the page, and the long content scrolls inside the card; the presenting controls never
 * cover a lane name, and each control is really there to press (elementFromPoint at its centre is
 * the control itself). While editing, the timer never covers the zoom buttons or the overview.
 * Screenshots go to test-results/presenting.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";
import { measureButtons } from "./contrast";

const SHOTS = path.join(ARTIFACTS_DIR, "presenting");
const BUSIEST = "Meets qualification criteria?";

let session: BrowserSession;
let page: Page;
let problems: string[];

const card = () => page.getByRole("complementary", { name: "Walkthrough" });
const cardTitle = () => card().getByRole("heading", { level: 2 }).textContent();

/** Controls (by a readable name) whose centre shows something else: covered, or off screen. */
async function coveredControls(controls: Locator): Promise<string[]> {
  return controls.evaluateAll((elements) =>
    elements
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => {
        const r = element.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return true;
        const hit = document.elementFromPoint(x, y);
        return hit === null || !element.contains(hit);
      })
      .map(
        (element) =>
          element.getAttribute("aria-label") ?? element.textContent?.trim() ?? element.className.toString(),
      ),
  );
}

function intersects(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  return (
    Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) &&
    Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y)
  );
}

/**
 * Names of the lane headers on screen that a presenting control (the dock, the card, the timer)
 * covers. (The phase header row may cover a lane scrolled up under it: that is the canvas's own.)
 */
async function coveredLaneNames(): Promise<string[]> {
  return page.locator(".hf-lane-header .hf-lane-header__name").evaluateAll((elements) =>
    elements
      .filter((element) => {
        const r = element.getBoundingClientRect();
        const y = r.top + r.height / 2;
        if (r.height === 0 || y < 0 || y > window.innerHeight) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, y);
        return hit?.closest(".hf-present-dock, .hf-present-bar, .hf-presenter, .hf-timer") != null;
      })
      .map((element) => element.textContent ?? ""),
  );
}

async function openTemplate(viewport: { width: number; height: number }) {
  session = await launchBrowser({ viewport });
  page = await session.context.newPage();
  problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
  await page.getByTestId("edge-case-flag").first().waitFor();
}

beforeEach(() => {
  mkdirSync(SHOTS, { recursive: true });
});

afterEach(async () => {
  expect(problems).toEqual([]);
  await session?.close();
});

/** Relative luminance (0 black .. 1 white) of each element's painted background (transparent ones left out). */
async function backgrounds(selector: string): Promise<number[]> {
  const found = await page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const m = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?/.exec(getComputedStyle(element).backgroundColor);
      if (m === null || Number(m[4] ?? 1) === 0) return null;
      const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    }),
  );
  const painted = found.filter((l): l is number => l !== null);
  if (painted.length === 0) throw new Error(`nothing painted under ${selector}`);
  return painted;
}

describe("on a dark system", () => {
  it("presenting turns the whole canvas to the projector's light sheet, and back to dark after", async () => {
    session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
    page = await session.context.newPage();
    problems = watchConsole(page);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(BASE_URL);
    await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
    const parts = [".hf-step", ".hf-band", ".hf-lane-headers", ".hf-phase-headers", ".react-flow"];
    for (const part of parts) expect(Math.max(...(await backgrounds(part))), part).toBeLessThan(0.1);

    await page.keyboard.press("f");
    await page.keyboard.press("w");
    await page.waitForTimeout(600);
    // Every step, lane band, header and the canvas itself light: no dark header beside a light
    // band, no dark step on a light lane (as it was: the projector colors lost to the editor's).
    for (const part of parts) expect(Math.min(...(await backgrounds(part))), part).toBeGreaterThan(0.75);
    expect(await page.locator(".hf-editor").getAttribute("class")).toContain("hf-editor--light");
    // The card's words too: "not agreed" in the light sheet's red (7:1 on white), not the dark
    // scheme's pale one (2.8:1).
    const missing = page.locator(".hf-presenter .hf-presenter__missing").first();
    expect(await missing.evaluate((e) => getComputedStyle(e).color)).toBe("rgb(185, 28, 28)");
    expect(await backgrounds(".hf-presenter")).toEqual([1]);
    await page.screenshot({ path: path.join(SHOTS, "present-dark-system-1280x720.png") });
    // The help overlay opens over the sheet with light native controls (scrollbars), too.
    await page.keyboard.press("?");
    const help = page.locator(".hf-help").first();
    await help.waitFor();
    expect(await help.evaluate((e) => getComputedStyle(e).colorScheme)).toBe("light");
    await page.keyboard.press("Escape");

    await page.keyboard.press("Escape");
    await page.keyboard.press("f");
    await page.waitForTimeout(300);
    for (const part of parts) expect(Math.max(...(await backgrounds(part))), part).toBeLessThan(0.1);

    // A dialog (a live session's prompt can open mid-presentation) follows the sheet too: dark in
    // the editor, light while presenting.
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.waitFor();
    expect(await backgrounds('[role="dialog"].hf-dialog')).toEqual([expect.any(Number)]);
    expect((await backgrounds('[role="dialog"].hf-dialog'))[0]).toBeLessThan(0.1);
    await page.evaluate(() => document.documentElement.setAttribute("data-hf-presenting", ""));
    expect((await backgrounds('[role="dialog"].hf-dialog'))[0]).toBeGreaterThan(0.75);
    await page.evaluate(() => document.documentElement.removeAttribute("data-hf-presenting"));
    await page.keyboard.press("Escape");
  });
});

describe.each([
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
])("at $width x $height", (viewport) => {
  const name = `${viewport.width}x${viewport.height}`;

  it("presenting the busiest step: Back, Capture and Next in view, the rest scrolls in the card, nothing covered", async () => {
    await openTemplate(viewport);
    await page.keyboard.press("f");
    await page.keyboard.press("w");
    for (let i = 0; i < 20 && (await cardTitle()) !== BUSIEST; i++) await page.keyboard.press("ArrowRight");
    expect(await cardTitle()).toBe(BUSIEST);
    await page.waitForTimeout(700); // the pan to the step takes 300 ms; the recentre follows at 80
    await page.screenshot({ path: path.join(SHOTS, `present-walk-${name}.png`) });

    // The page itself never scrolls.
    const pageSize = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      inner: window.innerHeight,
      scrollY: window.scrollY,
    }));
    expect(pageSize.scroll).toBeLessThanOrEqual(pageSize.inner);
    expect(pageSize.scrollY).toBe(0);

    // Back, Capture and Next: on screen and uncovered.
    const nav = card().locator(".hf-presenter__nav button");
    expect(await nav.allTextContents()).toEqual(["← Back", "Capture edge case E", "Next →"]);
    expect(await coveredControls(nav)).toEqual([]);

    // The long content scrolls inside the card, and the buttons stay where they are while it does;
    // a shadow over the buttons says there is more until the end is reached.
    const body = card().locator(".hf-presenter__body");
    const moreBelow = () => card().evaluate((element) => element.hasAttribute("data-more-below"));
    if (viewport.height <= 720) expect(await moreBelow()).toBe(true);
    const scrolled = await body.evaluate((element) => {
      const before = element.scrollTop;
      element.scrollTop = element.scrollHeight;
      return {
        overflows: element.scrollHeight > element.clientHeight + 1,
        moved: element.scrollTop > before,
      };
    });
    if (viewport.height <= 720) expect(scrolled).toEqual({ overflows: true, moved: true });
    await expect.poll(moreBelow).toBe(false);
    expect(await coveredControls(nav)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `present-walk-scrolled-${name}.png`) });

    // The presenting controls (timer, walk through, leave) are each their own, and clear of the lanes.
    const dock = page.getByTestId("present-dock");
    const dockButtons = dock.locator("button");
    expect(await dockButtons.count()).toBeGreaterThanOrEqual(4);
    expect(await coveredControls(dockButtons)).toEqual([]);
    expect(await coveredControls(dock.getByTestId("timer-display"))).toEqual([]);
    const laneColumn = await page.locator(".hf-lane-headers").boundingBox();
    const controls = [
      ...(await dockButtons.evaluateAll((elements) =>
        elements.map((element) => {
          const r = element.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      )),
      await dock.getByTestId("workshop-timer").boundingBox(),
    ];
    if (laneColumn === null) throw new Error("no lane header column");
    for (const box of controls) {
      if (box === null) throw new Error("a control has no box");
      expect(intersects(box, laneColumn)).toBe(false);
    }
    expect(await coveredLaneNames()).toEqual([]);
    // Readable from the back of the room: the quiet controls still have 4.5:1.
    const faint = (await dock.evaluate(measureButtons)).filter((item) => item.ratio < 4.5);
    expect(faint).toEqual([]);
  });

  it("presenting without the walkthrough: the controls are clear of the lane names", async () => {
    await openTemplate(viewport);
    await page.keyboard.press("f");
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, `present-${name}.png`) });
    const dock = page.getByTestId("present-dock");
    expect(await coveredControls(dock.locator("button"))).toEqual([]);
    expect(await coveredLaneNames()).toEqual([]);
    const laneColumn = await page.locator(".hf-lane-headers").boundingBox();
    const phaseRow = await page.locator(".hf-phase-headers").boundingBox();
    const dockBox = await dock.boundingBox();
    if (laneColumn === null || phaseRow === null || dockBox === null) throw new Error("missing box");
    expect(intersects(dockBox, laneColumn)).toBe(false);
    expect(intersects(dockBox, phaseRow)).toBe(false);
  });

  it("a notice while presenting (the walkthrough's version saved) stays clear of the dock, timer and card", async () => {
    await openTemplate(viewport);
    await page.keyboard.press("f");
    await page.keyboard.press("w");
    await page.getByRole("complementary", { name: "Walkthrough" }).waitFor();
    // Past the last step the walkthrough ends and saves the version "Walkthrough finished".
    const notice = page.getByTestId("notice").filter({ hasText: /Walkthrough finished/ });
    for (let i = 0; i < 20 && (await notice.count()) === 0; i++) await page.keyboard.press("ArrowRight");
    await notice.waitFor();
    await page.screenshot({ path: path.join(SHOTS, `present-notice-${name}.png`) });
    const noticeBox = await notice.boundingBox();
    if (noticeBox === null) throw new Error("the notice is not drawn");
    for (const selector of [".hf-present-dock", ".hf-timer", ".hf-presenter"]) {
      const control = page.locator(selector);
      if ((await control.count()) === 0) continue;
      const box = await control.first().boundingBox();
      if (box !== null) expect(intersects(noticeBox, box), selector).toBe(false);
    }
  });

  it("an edge case just captured stays in sight on the card when presenting starts and stops", async () => {
    await openTemplate(viewport);
    await page.keyboard.press("w");
    await page.keyboard.press("ArrowRight"); // Lead capture: a handoff with a contract and two edge cases
    expect(await cardTitle()).toBe("Lead capture");
    await page.keyboard.press("e");
    await page.keyboard.type("Lead 1234 lost in the 2nd queue, 48h SLA");
    await page.keyboard.press("Alt+3");
    await page.keyboard.press("Enter");
    const picked = card().locator(".is-cursor");
    await expect.poll(() => picked.textContent()).toContain("Lead 1234 lost in the 2nd queue, 48h SLA");
    /** How much of the picked edge case shows inside the card's scrolling body (0..1). */
    const shown = () =>
      picked.evaluate((row) => {
        const body = row.closest(".hf-presenter__body");
        if (body === null) return 0;
        const r = row.getBoundingClientRect();
        const b = body.getBoundingClientRect();
        return Math.max(0, Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top)) / r.height;
      });
    await expect.poll(shown).toBeGreaterThanOrEqual(0.99);
    // The projector's larger type pushes the row down the card: it is brought back in sight.
    await page.keyboard.press("f");
    await page.getByTestId("present-dock").waitFor();
    await expect.poll(shown).toBeGreaterThanOrEqual(0.99);
    await page.screenshot({ path: path.join(SHOTS, `present-captured-${name}.png`) });
    await page.keyboard.press("f");
    await page.getByTestId("present-dock").waitFor({ state: "detached" });
    await expect.poll(shown).toBeGreaterThanOrEqual(0.99);
    // A smaller window (a laptop joining a projector): still in sight.
    await page.setViewportSize({ width: viewport.width, height: 560 });
    await expect.poll(shown).toBeGreaterThanOrEqual(0.99);
  });

  it("editing with the timer shown: the timer never covers the zoom buttons or the overview", async () => {
    await openTemplate(viewport);
    await page.getByRole("button", { name: "Timer", exact: true }).click();
    const timer = page.getByTestId("workshop-timer");
    await timer.waitFor();
    const zoom = page.locator(".hf-canvas .react-flow__controls button");
    const overview = page.getByRole("img", { name: "Overview of the whole map" });
    expect(await zoom.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => coveredControls(zoom)).toEqual([]);
    expect(await coveredControls(overview)).toEqual([]);
    expect(await coveredControls(timer.locator("button"))).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `timer-editing-${name}.png`) });

    // Walking (the card takes the side column's place, the canvas changes width): still clear.
    await page.keyboard.press("w");
    await card().waitFor();
    await page.waitForTimeout(400);
    await expect.poll(() => coveredControls(zoom)).toEqual([]);
    expect(await coveredControls(overview)).toEqual([]);
    expect(await coveredControls(timer.locator("button"))).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `timer-walking-${name}.png`) });
  });
});
