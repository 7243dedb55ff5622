import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTemplate } from "../../src/model/templates";
import {
  ARTIFACTS_DIR,
  allowFailingSaves,
  BASE_URL,
  type BrowserSession,
  failSaves,
  launchBrowser,
  watchConsole,
} from "./browser";
import { measureButtons } from "./contrast";

/**
 * Storage trouble and the ways maps arrive, from the user's side (issue 12 items 6, 14, 15, 16,
 * 22; issue 11 item 10): the database deleted under an open tab, storage that never answers,
 * several files dropped at once, a share link pasted into an open tab or opened twice, and a
 * conflict arriving while the user is typing. Each test starts on a fresh profile.
 */

const SHOTS = path.join(ARTIFACTS_DIR, "storage");

let session: BrowserSession;
let context: BrowserContext;

beforeEach(async () => {
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  context = session.context;
});

afterEach(async () => {
  await session.close();
});

async function openApp(url = BASE_URL): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await page.goto(url);
  await page.locator(".react-flow__node").first().waitFor();
  await expectStatus(page, "Saved");
  return { page, problems };
}

async function expectStatus(page: Page, text: string | RegExp) {
  const status = page.getByTestId("handoff-save-status");
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(text);
}

const titleField = (page: Page) => page.getByRole("textbox", { name: "Title", exact: true });

async function typeTitle(page: Page, title: string) {
  await titleField(page).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(title);
}

async function libraryTitles(page: Page): Promise<string[]> {
  if ((await page.getByTestId("handoff-library").count()) === 0)
    await page.getByRole("button", { name: "Library", exact: true }).click();
  return page.locator(".handoff-library-open").allTextContents();
}

async function noticeText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll("[role='status'], [role='alert']")].map((e) => e.textContent).join(" | "),
  );
}

describe("the database deleted under an open tab", () => {
  it("saving resumes on a new connection, the user is told, and the edit survives a reload", async () => {
    const { page, problems } = await openApp();
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.deleteDatabase("handoff");
          req.onsuccess = () => resolve();
          req.onerror = () => reject(req.error);
        }),
    );
    await typeTitle(page, "Typed after storage was deleted");
    await expectStatus(page, "Saved");
    await expect.poll(() => noticeText(page)).toMatch(/storage in this browser was deleted/);
    await page.reload();
    await titleField(page).waitFor();
    expect(await titleField(page).inputValue()).toBe("Typed after storage was deleted");
    expect(problems).toEqual([]);
  });
});

describe("an edit left by a closed tab that meets newer work", () => {
  it("is offered back, never applied over the newer version, and can be kept as a new map", async () => {
    await allowFailingSaves(context);
    const { page: a } = await openApp();
    const { page: b, problems } = await openApp();
    // Tab A cannot save: its edit lives only in memory and in its write-ahead record.
    await failSaves(a, true);
    await typeTitle(a, "A's title, never saved");
    await expectStatus(a, /^Not saved/);
    await a.close();
    await typeTitle(b, "B saved this later");
    await expectStatus(b, "Saved");

    const { page: c } = await openApp();
    expect(await titleField(c).inputValue()).toBe("B saved this later");
    const notice = c.getByTestId("handoff-recovered");
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Unsaved changes to “A's title, never saved” were found/);
    expect(await notice.textContent()).toMatch(/changed in another tab since/);
    await c.screenshot({ path: path.join(SHOTS, "recovered-edits.png") });
    await notice.getByRole("button", { name: "Keep them as a new map" }).click();
    await expect.poll(() => libraryTitles(c)).toContain("A's title, never saved (recovered)");
    expect(await c.getByTestId("handoff-recovered").count()).toBe(0);
    expect(await titleField(c).inputValue()).toBe("B saved this later");
    expect(problems).toEqual([]);
  });
});

describe("a browser without Web Locks", () => {
  it("a tab opened while another is still typing leaves that tab's edit to it", async () => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined, configurable: true });
    });
    await allowFailingSaves(context);
    const { page: a, problems } = await openApp();
    const original = await titleField(a).inputValue();
    // Tab A's save is held up: its edit is, for now, only on screen and in its record.
    await failSaves(a, true);
    await typeTitle(a, "A is still typing");
    await expectStatus(a, /^Not saved/);
    const { page: b } = await openApp();
    expect(await b.evaluate(() => navigator.locks)).toBeUndefined();
    expect(await titleField(b).inputValue()).toBe(original);
    expect(await noticeText(b)).not.toMatch(/Restored the last changes/);
    // A's saving works again: A saves its own edit, with no conflict, and B follows.
    await failSaves(a, false);
    await expectStatus(a, "Saved");
    expect(await a.getByRole("alertdialog").count()).toBe(0);
    await expect.poll(() => titleField(b).inputValue(), { timeout: 10_000 }).toBe("A is still typing");
    expect(problems).toEqual([]);
  });
});

describe("storage that never answers", () => {
  it("after a few seconds says so and offers to go on in memory", async () => {
    await context.addInitScript(() => {
      // An open request that never succeeds nor fails.
      IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
    });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(BASE_URL);
    await page.getByRole("status").filter({ hasText: "Opening your maps…" }).waitFor();
    const alert = page.getByRole("alert").filter({ hasText: "storage is not answering" });
    await alert.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, "storage-not-answering.png") });
    await page.getByRole("button", { name: "Continue without saving" }).click();
    await page.locator(".react-flow__node").first().waitFor();
    await expectStatus(page, /^Not saved: the browser's storage did not answer/);
    await typeTitle(page, "Kept in this tab");
    expect(await titleField(page).inputValue()).toBe("Kept in this tab");
    // "Kept in this tab only": no write-ahead record, which the next start would store.
    await page.waitForTimeout(300);
    const records = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith("handoff:pending")),
    );
    expect(records).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe("several files dropped at once", () => {
  it("imports each as a new map and names them; a bad one shows its problems", async () => {
    const { page, problems } = await openApp();
    const files = [
      { name: "renewals.json", text: JSON.stringify({ ...createTemplate("blank"), title: "Renewals" }) },
      { name: "onboarding.json", text: JSON.stringify({ ...createTemplate("blank"), title: "Onboarding" }) },
      { name: "broken.json", text: "{ not json" },
      { name: "churn.json", text: JSON.stringify({ ...createTemplate("blank"), title: "Churn" }) },
    ];
    await page.evaluate((list) => {
      const transfer = new DataTransfer();
      for (const file of list)
        transfer.items.add(new File([file.text], file.name, { type: "application/json" }));
      for (const type of ["dragenter", "dragover", "drop"])
        window.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
    }, files);
    await expect.poll(() => noticeText(page)).toMatch(/Imported 3 maps .*Renewals.*Onboarding.*Churn/);
    const panel = page.getByRole("alertdialog", { name: /Could not import broken\.json/ });
    await panel.waitFor();
    expect(await panel.textContent()).toContain("1 of 4 files could not be imported");
    await panel.getByRole("button", { name: "Close" }).click();
    await expectStatus(page, "Saved");
    expect((await libraryTitles(page)).sort()).toEqual([
      "Churn",
      "Onboarding",
      "Renewals",
      "RevOps customer lifecycle",
    ]);
    expect(await titleField(page).inputValue()).toBe("Churn");
    expect(problems).toEqual([]);
  });
});

describe("share links", () => {
  it("a link pasted into an open tab opens at once; the same link again opens the map it made, no copy", async () => {
    const { page, problems } = await openApp();
    await typeTitle(page, "Shared onboarding map");
    await expectStatus(page, "Saved");
    await page.getByRole("button", { name: "Copy share link" }).click();
    const url = await page.getByTestId("handoff-share-url").inputValue();
    await page.getByTestId("handoff-share-url").focus();
    await page.screenshot({ path: path.join(SHOTS, "share-popover.png") });
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await page.getByRole("button", { name: "Library", exact: true }).click();
    await page.getByRole("button", { name: "New blank map" }).click();
    await expect.poll(() => titleField(page).inputValue()).toBe("Untitled process map");
    await expectStatus(page, "Saved");

    // Pasted into the address bar of this tab: only the fragment changes, no reload.
    await page.evaluate((link) => {
      location.href = link;
    }, url);
    await expect.poll(() => titleField(page).inputValue()).toBe("Shared onboarding map");
    await expect.poll(() => new URL(page.url()).hash).toBe("");
    await expectStatus(page, "Saved");
    const afterFirst = await libraryTitles(page);
    expect(afterFirst.filter((t) => t === "Shared onboarding map")).toHaveLength(2);

    // Opened again (a second visit to the same link): the map it made, not a third copy.
    await page.getByRole("button", { name: "Untitled process map", exact: true }).click();
    await expect.poll(() => titleField(page).inputValue()).toBe("Untitled process map");
    const other = await context.newPage();
    const otherProblems = watchConsole(other);
    await other.goto(url);
    await other.locator(".react-flow__node").first().waitFor();
    await expect.poll(() => titleField(other).inputValue()).toBe("Shared onboarding map");
    await expect.poll(() => noticeText(other)).toMatch(/opened here before/);
    expect((await libraryTitles(other)).filter((t) => t === "Shared onboarding map")).toHaveLength(2);
    await other.screenshot({ path: path.join(SHOTS, "library-panel.png") });
    expect([...problems, ...otherProblems]).toEqual([]);
  });
});

/** Buttons and inputs inside `container` that look like the browser's defaults, not the app's. */
function unstyledControls(page: Page, container: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (root === null) return [`${selector} not found`];
    return [...root.querySelectorAll("button, input")].flatMap((control) => {
      const style = getComputedStyle(control);
      const name = control.textContent?.trim() || control.getAttribute("aria-label") || control.tagName;
      const problems: string[] = [];
      // Chromium's default button face and square corners.
      if (style.backgroundColor === "rgb(239, 239, 239)") problems.push(`${name}: default grey face`);
      if (control.tagName === "INPUT" && Number.parseFloat(style.borderTopLeftRadius) < 4)
        problems.push(`${name}: default square input`);
      if (
        !/system-ui|DejaVu|sans-serif|-apple-system/.test(style.fontFamily) ||
        style.fontSize === "13.3333px"
      )
        problems.push(`${name}: default control font`);
      return problems;
    });
  }, container);
}

describe("the app's own controls", () => {
  it("the library, the share popover and the import-error panel use the app's styled buttons and inputs", async () => {
    const { page, problems } = await openApp();
    await page.getByRole("button", { name: "Library", exact: true }).click();
    await page.getByRole("button", { name: "Rename RevOps customer lifecycle" }).click();
    expect(await unstyledControls(page, ".handoff-library")).toEqual([]);
    await page.getByRole("button", { name: "Copy share link" }).click();
    await page.getByTestId("handoff-share-url").waitFor();
    expect(await unstyledControls(page, ".handoff-share-popover")).toEqual([]);
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ not json"),
    });
    await page.getByRole("alertdialog", { name: /Could not import broken\.json/ }).waitFor();
    expect(await unstyledControls(page, ".handoff-import-errors")).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "import-errors.png") });
    expect(problems).toEqual([]);
  });
});

describe("a conflict while typing", () => {
  it("moves focus into the dialog and keeps the label being typed in 'Download my version'", async () => {
    await allowFailingSaves(context);
    const { page: a } = await openApp();
    const { page: b, problems } = await openApp();
    // Tab B cannot save, so its edit stays unsaved until tab A saves over it.
    await failSaves(b, true);
    await typeTitle(b, "B's unsaved title");
    await expectStatus(b, /^Not saved/);
    await b.locator(".react-flow__node", { hasText: "Lead capture" }).first().click();
    await b.keyboard.press("Enter");
    const label = b.getByRole("textbox", { name: "Step label" });
    await label.waitFor();
    await b.keyboard.press("ControlOrMeta+a");
    await b.keyboard.type("Typed in B, not yet committed");

    await typeTitle(a, "A saved first");
    await expectStatus(a, "Saved");
    const dialog = b.getByRole("alertdialog", { name: "This map was changed in another tab" });
    await dialog.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => b.evaluate(() => document.activeElement?.closest("[role='alertdialog']") !== null))
      .toBe(true);
    // Typing on goes nowhere silently: focus is on the dialog's first button.
    expect(await b.evaluate(() => document.activeElement?.textContent)).toBe("Keep my version as a new map");
    await b.screenshot({ path: path.join(SHOTS, "conflict-dialog.png") });
    // Its buttons read clearly in both schemes (the other dialogs are measured in contrast.e2e.ts).
    for (const colorScheme of ["light", "dark"] as const) {
      await b.emulateMedia({ colorScheme });
      const measured = await dialog.evaluate(measureButtons);
      expect(measured.length).toBeGreaterThan(1);
      expect(measured.filter((item) => item.ratio < 4.5)).toEqual([]);
    }
    await b.emulateMedia({ colorScheme: "light" });
    await expect
      .poll(() => b.evaluate(() => document.activeElement?.closest("[role='alertdialog']") !== null))
      .toBe(true);
    const [download] = await Promise.all([
      b.waitForEvent("download"),
      dialog.getByRole("button", { name: "Download my version" }).click(),
    ]);
    const text = (await readFile(await download.path())).toString("utf8");
    expect(text).toContain("Typed in B, not yet committed");
    expect(text).toContain("B's unsaved title");
    expect(problems.filter((p) => !/quota/i.test(p))).toEqual([]);
  });
});
