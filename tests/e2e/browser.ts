import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

/**
 * Debian's Chromium, started the way this machine needs: without the background-networking
 * flags it floods the closed network with refused connections. Never `npx playwright install`.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The production build served by scripts/e2e.sh (vite preview on 127.0.0.1). */
export const BASE_URL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:4173";

/** Where screenshots and other artifacts go; looked at by people, kept out of git. */
export const ARTIFACTS_DIR = path.resolve("test-results");

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A persistent context on a fresh user-data directory, so every test file starts with empty
 * storage, and IndexedDB behaves as in a real profile.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "handoff-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: options.acceptDownloads ?? true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A plain (non-persistent) browser, for tests that open files rather than the app. */
export async function launchPlainBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Collects console errors and uncaught page errors; tests assert the list is empty at the end.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/** The app open in one page for a test file or a describe block (see openAppForTests). */
export interface AppUnderTest {
  readonly session: BrowserSession;
  readonly page: Page;
  /** Console errors and page errors so far; each test checks it is still empty. */
  readonly problems: string[];
}

/**
 * One browser with one page on the app, for the tests of the file or describe block it is called
 * in: launched before them (`beforeOpen` runs first on the new page, for init scripts and request
 * watchers; `waitForSteps` waits until the map's steps are drawn), checked after each test for
 * console and page errors, closed after all. Read `app.page` in hooks and tests, not at once.
 *
 * @example
 * const app = openAppForTests({ viewport: { width: 1280, height: 720 }, waitForSteps: true });
 * it("opens", async () => expect(await app.page.title()).toBe("Handoff"));
 */
export function openAppForTests(
  options: {
    viewport?: { width: number; height: number };
    beforeOpen?: (page: Page, session: BrowserSession) => Promise<void> | void;
    waitForSteps?: boolean;
  } = {},
): AppUnderTest {
  let opened: AppUnderTest | null = null;
  const app = (): AppUnderTest => {
    if (opened === null) throw new Error("the app is not open yet: read app.page inside a hook or a test");
    return opened;
  };
  beforeAll(async () => {
    const session = await launchBrowser({ viewport: options.viewport ?? { width: 1440, height: 900 } });
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    opened = { session, page, problems };
    await options.beforeOpen?.(page, session);
    await page.goto(BASE_URL);
    if (options.waitForSteps === true)
      await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
  });
  afterEach(() => {
    expect(app().problems).toEqual([]);
  });
  afterAll(async () => {
    await opened?.session.close();
  });
  return {
    get session() {
      return app().session;
    },
    get page() {
      return app().page;
    },
    get problems() {
      return app().problems;
    },
  };
}

/** The middle of the element on screen, with its box; throws when it is not drawn. */
export async function centerOf(
  locator: Locator,
): Promise<{ x: number; y: number; box: { x: number; y: number; width: number; height: number } }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error("element has no box");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

/**
 * A drag as a hand makes it: the mouse pressed at `from`, moved to `to` in `steps` even moves (so
 * React Flow sees a drag, not a jump), then released.
 */
export async function dragMouse(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++)
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

/**
 * IndexedDB puts in this context's pages throw QuotaExceededError while failSaves(page, true)
 * holds: a tab that cannot save, as when the disk is full.
 */
export async function allowFailingSaves(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if ((window as unknown as { __failPuts?: boolean }).__failPuts)
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
}

/** Turns a page's failing saves (allowFailingSaves) on or off. */
export async function failSaves(page: Page, fail: boolean): Promise<void> {
  await page.evaluate((on) => {
    (window as unknown as { __failPuts?: boolean }).__failPuts = on;
  }, fail);
}
