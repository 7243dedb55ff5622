import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { OPENING_ZOOM, READABLE_ZOOM } from "../../src/ui/canvas/canvas-geometry";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

/**
 * What the room sees when the RevOps template opens, on the windows facilitators project from:
 * the whole map when it is readable (zoom >= READABLE_ZOOM), else the start of the map with every
 * lane on screen, as large as the window's height allows (up to OPENING_ZOOM); either way the lanes start right under the frozen phase header row and right of the lane
 * header column (no strip of bare canvas between), and the headers stay on their bands and
 * columns however the view moves. Screenshots go to test-results/first-view/.
 */

const template = createRevOpsTemplate();
const SHOTS = path.join(ARTIFACTS_DIR, "first-view");

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (b === null) throw new Error("element has no box");
  return b;
}

const right = (b: Box) => b.x + b.width;
const bottom = (b: Box) => b.y + b.height;

/** The canvas's zoom, read from React Flow's viewport transform. */
async function viewportZoom(page: Page): Promise<number> {
  const transform = await page
    .locator(".react-flow__viewport")
    .evaluate((e) => (e as HTMLElement).style.transform);
  const match = /scale\(([\d.]+)\)/.exec(transform);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

/** The part of the pane the map shows through: right of the lane headers, below the phase headers. */
async function lanePane(page: Page) {
  const pane = await box(page.locator(".hf-canvas .react-flow"));
  const column = await box(page.locator(".hf-lane-headers"));
  const row = await box(page.locator(".hf-phase-headers"));
  return { left: right(column), top: bottom(row), right: right(pane), bottom: bottom(pane) };
}

/** Steps whose boxes lie wholly in the lane pane (React Flow renders only those near the view). */
async function stepsInView(page: Page): Promise<string[]> {
  const area = await lanePane(page);
  const shown: string[] = [];
  for (const step of template.steps) {
    const element = page.locator(`.react-flow__node[data-id="${step.id}"] [data-testid="step-node"]`);
    if ((await element.count()) === 0) continue;
    const b = await box(element);
    if (b.x >= area.left - 1 && b.y >= area.top - 1 && right(b) <= area.right && bottom(b) <= area.bottom)
      shown.push(step.id);
  }
  return shown;
}

/** A header's name can be read: on screen inside its header row, not cut to "…". */
async function expectNameReadable(page: Page, phaseId: string) {
  const name = page.locator(`.hf-phase-header[data-phase-id="${phaseId}"] .hf-header-text`);
  const b = await box(name);
  const pane = await box(page.locator(".hf-canvas .react-flow"));
  const column = await box(page.locator(".hf-lane-headers"));
  expect(b.x).toBeGreaterThanOrEqual(right(column) - 1);
  expect(right(b)).toBeLessThanOrEqual(right(pane));
  expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
}

/**
 * The frozen headers sit on what they label: the first band starts under the phase header row
 * (its 1 px border overlaps the band), every lane header spans its band, every phase header
 * starts where its column's separator is drawn (or at the lane header column, when clipped).
 */
async function expectHeadersOnTheirBands(page: Page) {
  const row = await box(page.locator(".hf-phase-headers"));
  const column = await box(page.locator(".hf-lane-headers"));
  for (const lane of template.lanes) {
    const band = await box(page.locator(`.hf-band[data-lane-id="${lane.id}"]`));
    const header = await box(page.locator(`.hf-lane-header[data-lane-id="${lane.id}"]`));
    expect(Math.abs(header.y - band.y)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(bottom(header) - bottom(band))).toBeLessThanOrEqual(0.5);
  }
  const lines = await page
    .locator(".hf-phase-line")
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  // The first phase has no separator (the lane headers' edge is its left); expectLanesAgainstHeaders checks it.
  for (const phase of template.phases.slice(1)) {
    const header = await box(page.locator(`.hf-phase-header[data-phase-id="${phase.id}"]`));
    if (header.x <= right(column) + 0.5 || header.x >= right(row)) continue; // clipped, or off screen
    expect(lines.some((x) => Math.abs(x - header.x) <= 0.5)).toBe(true);
  }
}

/** No bare canvas between the headers and the lane area's top-left corner. */
async function expectLanesAgainstHeaders(page: Page) {
  const row = await box(page.locator(".hf-phase-headers"));
  const column = await box(page.locator(".hf-lane-headers"));
  const firstLane = template.lanes[0];
  const firstPhase = template.phases[0];
  if (firstLane === undefined || firstPhase === undefined) throw new Error("template changed");
  const band = await box(page.locator(`.hf-band[data-lane-id="${firstLane.id}"]`));
  expect(Math.abs(band.y - bottom(row))).toBeLessThanOrEqual(1.5);
  const phase = await box(page.locator(`.hf-phase-header[data-phase-id="${firstPhase.id}"]`));
  expect(Math.abs(phase.x - right(column))).toBeLessThanOrEqual(1.5);
}

/** The whole map is in view: every step inside the lane pane and every phase named in full. */
async function expectWholeMap(page: Page) {
  await expect.poll(() => stepsInView(page)).toEqual(template.steps.map((s) => s.id));
  for (const phase of template.phases) await expectNameReadable(page, phase.id);
}

/** Every phase with a part on screen shows its name inside the header row. */
async function expectPhaseNamesOnScreen(page: Page) {
  const pane = await box(page.locator(".hf-canvas .react-flow"));
  const column = await box(page.locator(".hf-lane-headers"));
  for (const phase of template.phases) {
    const header = await box(page.locator(`.hf-phase-header[data-phase-id="${phase.id}"]`));
    const onScreen = header.x < right(pane) && right(header) > right(column);
    if (!onScreen || header.width < 80) continue; // a sliver may show only "…"
    const name = await box(page.locator(`.hf-phase-header[data-phase-id="${phase.id}"] .hf-header-text`));
    expect(name.x).toBeGreaterThanOrEqual(right(column) - 1);
    expect(right(name)).toBeLessThanOrEqual(right(pane));
  }
}

function openAt(size: { width: number; height: number }) {
  const state: { session?: BrowserSession; page?: Page; problems: string[] } = { problems: [] };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    state.session = await launchBrowser({ viewport: size });
    state.page = await state.session.context.newPage();
    state.problems = watchConsole(state.page);
    await state.page.goto(BASE_URL);
    // More than a handful of steps drawn: the first layout has landed (expect.poll is for tests only).
    await state.page.locator(".react-flow__node").nth(3).waitFor({ timeout: 15_000 });
    await state.page.waitForTimeout(300);
  });
  afterEach(() => {
    expect(state.problems).toEqual([]);
  });
  afterAll(async () => {
    await state.session?.close();
  });
  return () => {
    if (state.page === undefined) throw new Error("page not open");
    return state.page;
  };
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  describe(`first view at ${size.width}x${size.height}`, () => {
    const page = openAt(size);

    it("shows the whole map if it is readable, else the start of the map with every lane on screen", async () => {
      await page().screenshot({ path: path.join(SHOTS, `${size.width}x${size.height}-first-open.png`) });
      const zoom = await viewportZoom(page());
      expect(zoom).toBeGreaterThanOrEqual(READABLE_ZOOM - 1e-6);
      await expectLanesAgainstHeaders(page());
      await expectHeadersOnTheirBands(page());
      const shown = await stepsInView(page());
      const first = template.steps[0];
      if (first === undefined) throw new Error("template has no steps");
      expect(shown).toContain(first.id);
      if (shown.length < template.steps.length) {
        // The template's three phases are 3,300 px wide: more than this window shows readably.
        // It opens at its start with every lane on screen, as large as the height allows.
        expect(zoom).toBeLessThanOrEqual(OPENING_ZOOM + 1e-6);
        const pane = await box(page().locator(".hf-canvas .react-flow"));
        for (const lane of template.lanes) {
          const header = await box(page().locator(`.hf-lane-header[data-lane-id="${lane.id}"]`));
          expect(bottom(header)).toBeLessThanOrEqual(bottom(pane) + 1);
        }
        const [engagement] = template.phases;
        if (engagement === undefined) throw new Error("template changed");
        await expectNameReadable(page(), engagement.id);
        await expectPhaseNamesOnScreen(page());
      } else {
        await expectWholeMap(page());
      }
    });

    it("Fit view shows the whole map against the headers, its free room below", async () => {
      await page().getByRole("button", { name: "Fit view", exact: true }).click();
      await page().waitForTimeout(500);
      await page().screenshot({ path: path.join(SHOTS, `${size.width}x${size.height}-fit-view.png`) });
      await expectWholeMap(page());
      await expectLanesAgainstHeaders(page());
      await expectHeadersOnTheirBands(page());
    });

    it("keeps every header on its band and column after zooming and panning", async () => {
      const pane = await box(page().locator(".hf-canvas .react-flow"));
      await page().mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 3);
      for (let i = 0; i < 4; i++) {
        await page().mouse.wheel(0, -200);
        await page().waitForTimeout(80);
      }
      await page().waitForTimeout(300);
      await expectHeadersOnTheirBands(page());
      await page().mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
      await page().mouse.down();
      await page().mouse.move(pane.x + pane.width / 2 - 170, pane.y + pane.height / 2 - 40, { steps: 6 });
      await page().mouse.up();
      await page().waitForTimeout(300);
      await page().screenshot({ path: path.join(SHOTS, `${size.width}x${size.height}-zoomed-panned.png`) });
      await expectHeadersOnTheirBands(page());
      await expectPhaseNamesOnScreen(page());
    });
  });
}

describe("first view on a window wide enough for the whole template", () => {
  const page = openAt({ width: 2560, height: 1440 });

  it("shows every phase and every step, readable, against the headers", async () => {
    await page().screenshot({ path: path.join(SHOTS, "2560x1440-first-open.png") });
    expect(await viewportZoom(page())).toBeGreaterThanOrEqual(READABLE_ZOOM);
    await expectWholeMap(page());
    await expectLanesAgainstHeaders(page());
    await expectHeadersOnTheirBands(page());
  });
});
