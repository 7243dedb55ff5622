import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

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
