/**
 * BPMN in the editor: a .bpmn file dropped on the window (with diagram data, and without) opens
 * as a laid-out swimlane map with every step in its lane; Export -> BPMN 2.0 downloads the map
 * as BPMN that imports back exactly. Screenshots in test-results/bpmn-*.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBpmn } from "../../src/bpmn/import-bpmn";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";
import { openExportDialog } from "./export-dialog-steps";

const FIXTURES = path.resolve(__dirname, "../fixtures/bpmn");

let session: BrowserSession;
beforeAll(async () => {
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});
afterAll(async () => {
  await session.close();
});

async function openApp(): Promise<{ page: Page; problems: string[] }> {
  const page = await session.context.newPage();
  const problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.locator(".react-flow__node").first().waitFor();
  return { page, problems };
}

/** Drops a file on the window, as a person dragging it from their desktop. */
async function drop(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content as string], fileName as string, { type: "" }));
      for (const type of ["dragenter", "dragover", "drop"])
        window.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
    },
    [name, text],
  );
}

/** Each step node's box against its lane band's box, as drawn on screen. */
async function stepsOutsideTheirLanes(page: Page, lanes: Record<string, string>): Promise<string[]> {
  const outside: string[] = [];
  for (const [stepId, laneId] of Object.entries(lanes)) {
    const step = await page.locator(`[data-step-id="${stepId}"]`).boundingBox();
    const band = await page.locator(`.hf-band[data-lane-id="${laneId}"]`).boundingBox();
    if (step === null || band === null) {
      outside.push(`${stepId}: not drawn`);
      continue;
    }
    if (step.y < band.y - 0.5 || step.y + step.height > band.y + band.height + 0.5)
      outside.push(`${stepId} is not inside ${laneId}`);
  }
  return outside;
}

describe("a BPMN file dropped on the editor", () => {
  it.each([
    ["nested-lanes.bpmn", "Order to cash", "with diagram data"],
    ["gateways-no-diagram.bpmn", "Renewal", "without diagram data"],
  ])("%s opens laid out with every step in its lane (%s)", async (file, title, _what) => {
    // Given the editor, and a BPMN file from another tool
    const { page, problems } = await openApp();
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    const expected = await importBpmn(text);
    if (!expected.ok) throw new Error("fixture does not import");
    // When it is dropped on the window
    await drop(page, file, text);
    // Then it opens as a new map, said so, with every step drawn in its lane
    await page.getByText(`Imported “${title}” as a new map`).waitFor();
    const lanes = Object.fromEntries(expected.map.steps.map((s) => [s.id, s.lane]));
    // The layout runs in a worker: wait for it, not a fixed time.
    const wait = { timeout: 15_000 };
    // The canvas draws what is in view: see the whole map, as a person would (Shift+1).
    const drawn = async () => {
      await page.keyboard.press("Shift+1");
      return page.locator("[data-step-id]").count();
    };
    await expect.poll(drawn, wait).toBe(expected.map.steps.length);
    await expect.poll(() => stepsOutsideTheirLanes(page, lanes), wait).toEqual([]);
    for (const lane of expected.map.lanes)
      await expect(page.getByText(lane.name).first().isVisible()).resolves.toBe(true);
    await page.screenshot({
      path: path.join(ARTIFACTS_DIR, `bpmn-dropped-${path.basename(file, ".bpmn")}.png`),
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("Import: a file that is not BPMN is refused and the open map is untouched", async () => {
    const { page, problems } = await openApp();
    const before = await page.locator("[data-step-id]").count();
    await page.getByTestId("handoff-import-input").setInputFiles({
      name: "diagram.bpmn",
      mimeType: "application/xml",
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    const panel = page.getByRole("alertdialog", { name: /Could not import diagram\.bpmn/ });
    await panel.waitFor();
    expect(await panel.textContent()).toContain("not BPMN");
    await panel.getByRole("button", { name: "Close" }).click();
    expect(await page.locator("[data-step-id]").count()).toBe(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("Export -> BPMN 2.0", () => {
  it("downloads the open map as BPMN that imports back as the same map", async () => {
    const { page, problems } = await openApp();
    const dialog = await openExportDialog(page);
    await dialog.getByRole("radio", { name: /BPMN 2\.0/ }).check();
    // The format and what it holds read whole in both schemes (looked at:
    // test-results/bpmn-export-dialog-*.png).
    for (const scheme of ["dark", "light"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await dialog.screenshot({ path: path.join(ARTIFACTS_DIR, `bpmn-export-dialog-${scheme}.png`) });
    }
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("button", { name: "Export", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.bpmn$/);
    const saved = path.join(ARTIFACTS_DIR, "bpmn-export-from-editor.bpmn");
    await download.saveAs(saved);
    const result = await importBpmn(readFileSync(saved, "utf8"));
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.map.steps.length).toBe(await page.locator("[data-step-id]").count());
    expect(problems).toEqual([]);
    await page.close();
  });
});
