import { readFile } from "node:fs/promises";
import { XMLValidator } from "fast-xml-parser";
import type { BrowserContext, Download, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderSvg } from "../../src/export/render-svg";
import { createNodeElk } from "../../src/layout/node-elk";
import { createInProcessLayout } from "../../src/layout/run-layout";
import { parseMapText } from "../../src/model/parse-map";
import { createTemplate } from "../../src/model/templates";
import {
  allowFailingSaves,
  BASE_URL,
  type BrowserSession,
  failSaves,
  launchBrowser,
  watchConsole,
} from "./browser";
import { exportAs as exportFromDialog } from "./export-dialog-steps";

/**
 * Documents that never lose work, in Chromium against the production build: reload, import,
 * export, share links, two tabs, full and broken storage. Each test starts on a fresh profile.
 */

let session: BrowserSession;
let context: BrowserContext;

beforeEach(async () => {
  session = await launchBrowser();
  context = session.context;
});

afterEach(async () => {
  await session.close();
});

/** Console problems; index.html carries an inline icon, so not even a favicon 404 is expected. */
function serious(problems: readonly string[]): string[] {
  return [...problems];
}

function watch(page: Page): string[] {
  return watchConsole(page);
}

/** Opens the app and waits until the first layout's positions are saved. */
async function openApp(url = BASE_URL): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(url);
  await page.locator(".react-flow__node").first().waitFor();
  // The first layout's positions are in the map before any node is drawn, so the status already
  // reads "Saving…" here; "Saved" means storage confirmed them.
  await expectStatus(page, "Saved");
  return { page, problems };
}

/** Every viewport stored in IndexedDB's settings store, read in the page. */
function storedViewports(page: Page): Promise<{ x: number; y: number; zoom: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("handoff");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction("settings").objectStore("settings").getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            resolve(
              (request.result as unknown[]).filter(
                (v): v is { x: number; y: number; zoom: number } =>
                  typeof v === "object" && v !== null && "zoom" in v,
              ),
            );
          };
        };
      }),
  );
}

/** True when one stored viewport is the transform React Flow shows (to half a pixel). */
function sameViewport(stored: { x: number; y: number; zoom: number }[], style: string | null): boolean {
  const match = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(style ?? "");
  if (match === null) return false;
  const [x, y, zoom] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return stored.some(
    (v) => Math.abs(v.x - x) < 0.5 && Math.abs(v.y - y) < 0.5 && Math.abs(v.zoom - zoom) < 1e-3,
  );
}

async function expectStatus(page: Page, text: string | RegExp) {
  const status = page.getByTestId("handoff-save-status");
  await status.waitFor();
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(text);
}

async function openLibrary(page: Page) {
  if ((await page.getByTestId("handoff-library").count()) === 0)
    await page.getByRole("button", { name: "Library", exact: true }).click();
  await page.getByTestId("handoff-library").waitFor();
}

async function currentTitle(page: Page): Promise<string> {
  await openLibrary(page);
  const current = page.locator(
    '[data-testid="handoff-library-entry"][aria-current="true"] .handoff-library-open',
  );
  return (await current.textContent()) ?? "";
}

async function renameCurrent(page: Page, title: string) {
  await openLibrary(page);
  const before = await currentTitle(page);
  await page.getByRole("button", { name: `Rename ${before}`, exact: true }).click();
  // The title opens selected: typing replaces it.
  const field = page.getByLabel("New title");
  await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
  await page.keyboard.type(title);
  await page.getByRole("button", { name: "Save title" }).click();
  await expect.poll(() => currentTitle(page)).toBe(title);
  // Focus is back on the row's Rename, not lost to the page.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
    .toBe(`Rename ${title}`);
}

async function nodeCount(page: Page): Promise<number> {
  return page.locator(".react-flow__node").count();
}

async function exportAs(page: Page, label: string): Promise<{ download: Download; bytes: Buffer }> {
  // Export -> the format in the Export dialog -> Export.
  const download = await exportFromDialog(page, label);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

function importFile(page: Page, name: string, text: string) {
  return page.getByTestId("handoff-import-input").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(text, "utf8"),
  });
}

describe("autosave and reload", () => {
  it("opens the RevOps template on a first visit, and an edit and the viewport survive a reload", async () => {
    const { page, problems } = await openApp();
    expect(await currentTitle(page)).toBe("RevOps customer lifecycle");
    await expect.poll(() => nodeCount(page)).toBeGreaterThan(5);

    await renameCurrent(page, "Q3 lead routing workshop");
    await expectStatus(page, "Saved");

    // Pan the canvas; the viewport is saved beside the map.
    const pane = page.locator(".react-flow__pane");
    const box = await pane.boundingBox();
    if (box === null) throw new Error("no canvas pane");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    const viewportStyle = () => page.locator(".react-flow__viewport").getAttribute("style");
    // Wait for the condition, not a time: the stored viewport is the one on screen.
    await expect
      .poll(async () => sameViewport(await storedViewports(page), await viewportStyle()))
      .toBe(true);
    const before = await viewportStyle();

    await page.reload();
    await expectStatus(page, "Saved");
    expect(await currentTitle(page)).toBe("Q3 lead routing workshop");
    await expect.poll(viewportStyle).toBe(before);
    expect(serious(problems)).toEqual([]);
  });
});

describe("import", () => {
  it("opens a valid file as a new map, and lists an invalid file's problems leaving the map untouched", async () => {
    const { page, problems } = await openApp();
    const valid = createTemplate("blank");
    valid.title = "Imported renewal process";
    await importFile(page, "renewals.json", JSON.stringify(valid));
    await expect.poll(() => currentTitle(page)).toBe("Imported renewal process");
    await expectStatus(page, "Saved");
    const nodesBefore = await nodeCount(page);

    const invalid = createTemplate("revops") as unknown as { handoffs: { to: string }[] };
    const first = invalid.handoffs[0];
    if (first === undefined) throw new Error("template without handoffs");
    first.to = "discovry";
    await importFile(page, "broken.json", JSON.stringify(invalid));
    const panel = page.getByRole("alertdialog", { name: /Could not import broken\.json/ });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('no step with id "discovry"');
    expect(await panel.textContent()).toMatch(/handoffs\[0\]/);
    expect(await currentTitle(page)).toBe("Imported renewal process");
    expect(await nodeCount(page)).toBe(nodesBefore);
    await panel.getByRole("button", { name: "Close" }).click();

    // Dropping a file on the window imports it too.
    const dropped = { ...createTemplate("blank"), title: "Dropped on the window" };
    await page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
      for (const type of ["dragenter", "dragover", "drop"])
        window.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
    }, JSON.stringify(dropped));
    await expect.poll(() => currentTitle(page)).toBe("Dropped on the window");

    const newer = { ...createTemplate("blank"), version: 7 };
    await importFile(page, "future.json", JSON.stringify(newer));
    await expect
      .poll(() => page.getByRole("alertdialog").textContent())
      .toContain("made by a newer version of Handoff");
    expect(serious(problems)).toEqual([]);
  });
});

describe("library", () => {
  it("lists maps with counts; new, duplicate, open, delete and undo the delete", async () => {
    const { page, problems } = await openApp();
    await openLibrary(page);
    await page.getByRole("button", { name: "New blank map" }).click();
    await expect.poll(() => currentTitle(page)).toBe("Untitled process map");
    await page.getByRole("button", { name: "Duplicate RevOps customer lifecycle" }).click();
    const titles = () => page.locator(".handoff-library-open").allTextContents();
    await expect.poll(titles).toContain("RevOps customer lifecycle (copy)");
    expect(await page.getByTestId("handoff-library").textContent()).toMatch(
      /\d+ steps · \d+ handoffs · \d+ edge cases/,
    );

    await page.getByRole("button", { name: "RevOps customer lifecycle (copy)", exact: true }).click();
    await expect.poll(() => currentTitle(page)).toBe("RevOps customer lifecycle (copy)");
    await expect.poll(() => nodeCount(page)).toBeGreaterThan(5);

    await page.getByRole("button", { name: "Delete Untitled process map" }).click();
    await expect.poll(titles).not.toContain("Untitled process map");
    await page.getByRole("button", { name: "Undo delete" }).click();
    await expect.poll(titles).toContain("Untitled process map");
    await page.reload();
    await expectStatus(page, "Saved");
    expect(await currentTitle(page)).toBe("RevOps customer lifecycle (copy)");
    expect((await titles()).sort()).toEqual([
      "RevOps customer lifecycle",
      "RevOps customer lifecycle (copy)",
      "Untitled process map",
    ]);
    expect(serious(problems)).toEqual([]);
  });
});

describe("export", () => {
  it("downloads JSON, SVG, PNG, Markdown and CSV named after the map; the SVG matches the CLI's", async () => {
    const { page, problems } = await openApp();
    await expect.poll(() => nodeCount(page)).toBeGreaterThan(5);

    const json = await exportAs(page, "JSON (Handoff map)");
    expect(json.download.suggestedFilename()).toBe("RevOps customer lifecycle.json");
    const reread = parseMapText(json.bytes.toString("utf8"));
    expect(reread.ok).toBe(true);
    if (!reread.ok) return;

    const svg = await exportAs(page, "SVG image");
    expect(svg.download.suggestedFilename()).toBe("RevOps customer lifecycle.svg");
    const svgText = svg.bytes.toString("utf8");
    expect(XMLValidator.validate(svgText)).toBe(true);
    const layout = await createInProcessLayout(createNodeElk())(reread.map);
    if (!layout.ok) throw new Error(layout.error);
    expect(svgText).toBe(renderSvg(reread.map, layout.layout, { theme: "light", register: true }));

    const png = await exportAs(page, "PNG image");
    expect(png.download.suggestedFilename()).toBe("RevOps customer lifecycle.png");
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(10_000);

    const md = await exportAs(page, "Markdown register");
    expect(md.download.suggestedFilename()).toBe("RevOps customer lifecycle.md");
    expect(md.bytes.toString("utf8")).toContain("RevOps customer lifecycle");

    const csv = await exportAs(page, "CSV register");
    expect(csv.download.suggestedFilename()).toBe("RevOps customer lifecycle.csv");
    const header = csv.bytes
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0];
    expect(header).toBe(
      '"#","handoff","from","to","title","severity","status","owner","mitigation","description","due","votes"',
    );
    expect(serious(problems)).toEqual([]);
  });
});

describe("share link", () => {
  it("round-trips the map through the URL fragment into a new library map", async () => {
    const { page, problems } = await openApp();
    await renameCurrent(page, "Shared onboarding map");
    await page.getByRole("button", { name: "Copy share link" }).click();
    const url = await page.getByTestId("handoff-share-url").inputValue();
    expect(url.startsWith(`${BASE_URL}/#map=`)).toBe(true);

    const other = await context.newPage();
    const otherProblems = watch(other);
    await other.goto(url);
    await expectStatus(other, "Saved");
    await expect.poll(() => currentTitle(other)).toBe("Shared onboarding map");
    expect(new URL(other.url()).hash).toBe("");
    // A new map: the original is still there too.
    await expect.poll(() => other.getByTestId("handoff-library-entry").count()).toBe(2);

    const broken = await context.newPage();
    await broken.goto(`${BASE_URL}/#map=AAAA`);
    await broken.getByRole("alertdialog", { name: /Could not import the share link/ }).waitFor();
    expect(serious([...problems, ...otherProblems])).toEqual([]);
  });
});

describe("two tabs", () => {
  it("an edit in one tab appears in the other, and simultaneous edits are both kept", async () => {
    const { page: a, problems } = await openApp();
    const { page: b, problems: problemsB } = await openApp();
    expect(await currentTitle(b)).toBe("RevOps customer lifecycle");

    await renameCurrent(a, "Edited in tab A");
    await expectStatus(a, "Saved");
    await expect.poll(() => currentTitle(b), { timeout: 10_000 }).toBe("Edited in tab A");

    // Both edit before either has saved: one save wins, the other tab locks and keeps its edit.
    await openLibrary(b);
    await a.getByRole("button", { name: "Rename Edited in tab A" }).click();
    await b.getByRole("button", { name: "Rename Edited in tab A" }).click();
    await a.getByLabel("New title").fill("Title from A");
    await b.getByLabel("New title").fill("Title from B");
    // Submit both within a few milliseconds, well inside the autosave delay.
    const submit = () => document.querySelector<HTMLFormElement>(".handoff-library form")?.requestSubmit();
    await Promise.all([a.evaluate(submit), b.evaluate(submit)]);
    const conflictA = a.getByTestId("handoff-conflict");
    const conflictB = b.getByTestId("handoff-conflict");
    await expect
      .poll(async () => (await conflictA.count()) + (await conflictB.count()), { timeout: 10_000 })
      .toBe(1);
    const loser = (await conflictA.count()) === 1 ? a : b;
    await loser.getByRole("button", { name: "Keep my version as a new map" }).click();
    await expectStatus(loser, "Saved");

    await openLibrary(loser);
    const titles = await loser.locator(".handoff-library-open").allTextContents();
    const winner = loser === a ? "Title from B" : "Title from A";
    const kept = loser === a ? "Title from A (this tab's version)" : "Title from B (this tab's version)";
    expect(titles).toContain(winner);
    expect(titles).toContain(kept);
    expect(serious([...problems, ...problemsB])).toEqual([]);
  });
});

describe("storage failures", () => {
  it("a full storage shows a persistent warning; editing and export go on; saving resumes", async () => {
    await allowFailingSaves(context);
    const { page, problems } = await openApp();
    await failSaves(page, true);
    await renameCurrent(page, "Edited while storage is full");
    await expectStatus(page, /^Not saved: .*storage .* is full/);
    await page.getByTestId("handoff-storage-warning").waitFor();
    await renameCurrent(page, "Still editing");
    await expectStatus(page, /^Not saved/);
    const json = await exportAs(page, "JSON (Handoff map)");
    expect(json.bytes.toString("utf8")).toContain('"title": "Still editing"');

    await failSaves(page, false);
    await renameCurrent(page, "Saved again");
    await expectStatus(page, "Saved");
    expect(await page.getByTestId("handoff-storage-warning").count()).toBe(0);
    await page.reload();
    await expectStatus(page, "Saved");
    expect(await currentTitle(page)).toBe("Saved again");
    expect(serious(problems)).toEqual([]);
  });

  it("blocked IndexedDB: the template opens in memory with the warning, and editing works", async () => {
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException("blocked", "SecurityError");
      };
    });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(BASE_URL);
    await page.getByTestId("handoff-storage-warning").waitFor();
    await expectStatus(page, /^Not saved: this browser is not letting Handoff store data/);
    // The first view shows the journey's start at a readable zoom (how many steps that is depends
    // on the template's label widths); the whole map, fitted, draws all 13 steps.
    await expect.poll(() => nodeCount(page)).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Fit view" }).click();
    await expect.poll(() => nodeCount(page)).toBe(13);
    await renameCurrent(page, "In memory only");
    await expectStatus(page, /^Not saved/);
    expect(serious(problems)).toEqual([]);
  });

  it("a corrupted stored map is named, offered for download, and never overwritten", async () => {
    const { page, problems } = await openApp();
    await renameCurrent(page, "Map that will break");
    await expectStatus(page, "Saved");
    const damaged = "{ this is not json";
    await page.evaluate(async (text) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open("handoff");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction("versions", "readwrite");
      const store = tx.objectStore("versions");
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const req = store.getAllKeys();
        req.onsuccess = () => resolve(req.result);
      });
      for (const key of keys) store.put({ text }, key);
      await new Promise((resolve) => {
        tx.oncomplete = resolve;
      });
      db.close();
    }, damaged);

    await page.reload();
    const notice = page.getByTestId("handoff-unreadable");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Map that will break");
    await expectStatus(page, "Saved");
    expect(await currentTitle(page)).toBe("RevOps customer lifecycle");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      notice.getByRole("button", { name: "Download its content" }).click(),
    ]);
    expect((await readFile(await download.path())).toString("utf8")).toBe(damaged);

    // Editing the new map never touches the damaged one.
    await renameCurrent(page, "A fresh map");
    await expectStatus(page, "Saved");
    const stored = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open("handoff");
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const values = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction("versions").objectStore("versions").getAll();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return values.map((v) => (v as { text: string }).text);
    });
    expect(stored).toContain(damaged);
    expect(serious(problems)).toEqual([]);
  });
});
