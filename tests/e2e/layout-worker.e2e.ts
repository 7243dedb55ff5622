import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateMap } from "../../bench/generate-map";
import { BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

/**
 * The layout worker in the production build, in Chromium: a generated 1,000-step map is imported
 * the way a person does (the Import file input, through the app's parse pipeline), then "Auto
 * layout" runs while a PerformanceObserver records every main-thread task over 50 ms.
 *
 * The page's Worker constructor is wrapped by the test (an init script, not app code) to time the
 * two phases of an auto layout:
 *  - layout phase: from the click to the moment the worker's answer is dispatched. The main
 *    thread only posts the map; ELK and the router run in the worker. No long task allowed.
 *  - apply phase: the task that receives the answer (structured-clone of the layout, the store
 *    update, React rendering 1,000 steps) and what follows until the page is idle. Measured and
 *    reported, not asserted: rendering a 1,000-step result on the main thread is the canvas's
 *    cost, not the layout's (see docs/performance-layout.md).
 */

const STEPS = 1000;

interface Probe {
  longTasks: Array<{ start: number; duration: number }>;
  workers: Array<{ url: string }>;
  posts: Array<{ at: number; ms: number }>;
  /** `steps`: how many step boxes the answer's layout holds (-1: not a layout). */
  answers: Array<{ at: number; handlerMs: number; steps: number }>;
}

declare global {
  interface Window {
    __layoutProbe?: Probe;
  }
}

/** Installed before the app's scripts: records long tasks and every worker message's timing. */
function installProbe(): void {
  const probe: Probe = { longTasks: [], workers: [], posts: [], answers: [] };
  window.__layoutProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
  const NativeWorker = window.Worker;
  class ProbedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      probe.workers.push({ url: String(url) });
    }
    override postMessage(message: unknown, transfer?: unknown): void {
      const start = performance.now();
      if (transfer === undefined) super.postMessage(message);
      else super.postMessage(message, transfer as Transferable[]);
      probe.posts.push({ at: start, ms: performance.now() - start });
    }
    override set onmessage(handler: ((event: MessageEvent) => void) | null) {
      super.onmessage =
        handler === null
          ? null
          : (event: MessageEvent) => {
              const at = performance.now();
              handler.call(this, event);
              const data = event.data as { result?: { layout?: { steps?: unknown[] } } } | null;
              const steps = data?.result?.layout?.steps?.length ?? -1;
              probe.answers.push({ at, handlerMs: performance.now() - at, steps });
            };
    }
    override get onmessage(): ((event: MessageEvent) => void) | null {
      return super.onmessage;
    }
  }
  window.Worker = ProbedWorker;
}

let session: BrowserSession;
let page: Page;
let problems: string[];
/** Every script the page and its workers asked for, in order. */
const scripts: string[] = [];

const probe = () => page.evaluate(() => structuredClone(window.__layoutProbe) as Probe);
const autoLayoutButton = () => page.getByRole("button", { name: "Auto layout", exact: true });

/** Waits until no long task has started for `quietMs` (the page is idle). */
async function settle(quietMs = 1_500, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const since = await page.evaluate(() => {
      const tasks = window.__layoutProbe?.longTasks ?? [];
      const last = tasks[tasks.length - 1];
      return performance.now() - (last ? last.start + last.duration : 0);
    });
    if (since >= quietMs || Date.now() > until) return;
    await page.waitForTimeout(250);
  }
}

describe("layout worker in the production build", () => {
  beforeAll(async () => {
    session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
    page = await session.context.newPage();
    problems = watchConsole(page);
    await page.addInitScript(installProbe);
    session.context.on("request", (request) => {
      if (request.url().endsWith(".js")) scripts.push(request.url());
    });
    await page.goto(BASE_URL);
  });

  // Every test, not a last one that runs only in order: no console error or page error so far.
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it("a first visit opens the RevOps template placed: the worker never loads ELK", async () => {
    await expect
      .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    await settle();
    // The worker did lay the template out (its handoffs are drawn) ...
    await expect
      .poll(() => page.locator(".react-flow__edge").count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    expect(scripts.some((url) => /layout[\w.-]*\.js$/.test(url))).toBe(true);
    // ... without ELK, which only an auto layout needs.
    expect(scripts.filter((url) => url.includes("elk.bundled"))).toEqual([]);
  });

  it(`imports a generated ${STEPS}-step map through the Import file input`, async () => {
    await expect
      .poll(() => page.locator(".react-flow__node").count(), { timeout: 20_000 })
      .toBeGreaterThan(3);
    const map = generateMap({ steps: STEPS, seed: 7 });
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "big-map.handoff.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(map), "utf8"),
    });
    await expect
      .poll(() => page.getByRole("button", { name: "Auto layout", exact: true }).isEnabled(), {
        timeout: 30_000,
      })
      .toBe(true);
    // The imported map is on screen (the canvas renders only what is in view).
    await expect
      .poll(() => page.locator(".react-flow__node").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await settle();
  });

  it("auto layout runs in the bundled worker: no main-thread task over 50 ms in the layout phase", async () => {
    const before = await probe();
    const clickAt = await page.evaluate(() => performance.now());
    await autoLayoutButton().click();
    await expect
      .poll(async () => (await probe()).answers.length, { timeout: 30_000 })
      .toBeGreaterThan(before.answers.length);
    await expect.poll(() => autoLayoutButton().isEnabled(), { timeout: 30_000 }).toBe(true);
    await settle();
    const after = await probe();

    // The worker is the Vite-bundled module from the build's assets, not an in-thread fallback.
    expect(after.workers.length).toBeGreaterThan(0);
    for (const w of after.workers) expect(w.url).toMatch(/\/assets\/layout\.worker-[\w-]+\.js$/);
    const workerUrl = after.workers[0]?.url ?? "";
    const script = await page.evaluate(async (url) => (await fetch(url)).text(), workerUrl);
    // ELK (CommonJS) is bundled into a chunk the worker imports on its first auto layout, and no
    // bare import is left for the browser to fail on.
    const chunk = /import\(\s*[`"']\.\/(elk\.bundled-[\w-]+\.js)[`"']\s*\)/.exec(script)?.[1];
    expect(chunk).toBeDefined();
    const elkScript = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      new URL(chunk ?? "", workerUrl).href,
    );
    expect(elkScript).toContain("org.eclipse.elk");
    for (const code of [script, elkScript]) expect(code).not.toMatch(/from\s*["']elkjs/);
    expect(script).not.toContain("org.eclipse.elk");

    const answer = after.answers[before.answers.length];
    const post = after.posts[before.posts.length];
    expect(answer).toBeDefined();
    expect(post).toBeDefined();
    if (!answer || !post) return;
    // The layout that came back is the imported map's, all of it.
    expect(answer.steps).toBe(STEPS);
    const newTasks = after.longTasks.filter((t) => t.start >= clickAt - 1);
    // A long task belongs to the layout phase when it ends before the answer's task began.
    const layoutPhase = newTasks.filter((t) => t.start + t.duration < answer.at - 1);
    const applyPhase = newTasks.filter((t) => t.start + t.duration >= answer.at - 1);
    const report = {
      steps: STEPS,
      layoutPhaseMs: Math.round(answer.at - clickAt),
      postMessageMs: Math.round(post.ms * 10) / 10,
      layoutPhaseLongTasks: layoutPhase.map((t) => Math.round(t.duration)),
      answerHandlerMs: Math.round(answer.handlerMs),
      applyPhaseLongTasks: applyPhase.map((t) => Math.round(t.duration)),
    };
    console.log(`layout-worker e2e: ${JSON.stringify(report)}`);
    expect(report.layoutPhaseLongTasks).toEqual([]);
  });
});
