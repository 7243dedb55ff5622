/**
 * Versions and compare from the facilitator's side in Chromium: save a version of the template,
 * change the map (a step to another lane, a new handoff, a handoff deleted, an edge case
 * mitigated), compare with the version, see the colours and the change list, turn it into change
 * plan items, and find the version again after a reload. Screenshots at 1280x720, light and dark.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBpmn } from "../../src/bpmn/import-bpmn";
import {
  ARTIFACTS_DIR,
  BASE_URL,
  type BrowserSession,
  centerOf,
  dragMouse,
  launchBrowser,
  watchConsole,
} from "./browser";
import { exportAs } from "./export-dialog-steps";

let session: BrowserSession;
let page: Page;
let problems: string[];
const SHOTS = path.join(ARTIFACTS_DIR, "versions");

const button = (name: string) => page.getByRole("button", { name, exact: true });
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

function registerRow(label: string) {
  return page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${label}$`) }) });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  page = await session.context.newPage();
  problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
  await page.getByTestId("edge-case-flag").first().waitFor();
});

afterAll(async () => {
  await session.close();
});

describe("versions and compare", () => {
  it("saves a version, changes the map, compares, and appends the changes to the plan", async () => {
    // The status bar names the scenario of a map that never had any.
    await expect.poll(() => page.getByTestId("scenario-status").textContent()).toBe("Scenario: As-is");

    await button("Versions").click();
    const panel = page.getByTestId("versions-panel");
    await panel.getByLabel("Version name").fill("As found");
    await panel.getByLabel("Note (optional)").fill("Before the workshop");
    await panel.getByRole("button", { name: "Save version" }).click();
    await expect.poll(() => panel.getByTestId("version-item").count()).toBe(1);
    await button("Versions").click();

    // 1. A step to another lane, in its inspector.
    await button("Fit view").click();
    await page.waitForTimeout(400);
    await node("enrich-route").click();
    await page.getByLabel("Lane", { exact: true }).selectOption({ label: "SDR" });

    // 2. A new handoff: drag from Discovery's dot onto Renewal forecasting.
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const edgesBefore = await page.locator(".react-flow__edge").count();
    const source = node("discovery");
    await source.hover();
    const handle = await centerOf(source.locator(".react-flow__handle.source"));
    const target = await centerOf(node("renewal-forecast"));
    await dragMouse(page, handle, target);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(edgesBefore + 1);
    await page.keyboard.press("Escape");

    // 3. Mitigate EC-3, from the register.
    await button("Edge cases").click();
    await registerRow("EC-3").click();
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    // The register row opens its edge case in the inspector (main's f94e5e3): no click needed.
    await inspector.getByRole("button", { name: /^EC-3 /, expanded: true }).waitFor();
    await inspector.getByLabel("Status", { exact: true }).selectOption({ label: "Mitigated" });

    // 4. Delete EC-9's handoff: its flag selects it, Delete removes it.
    await registerRow("EC-9").click();
    await button("Edge cases").click();
    await page.locator('[data-testid="edge-case-flag"][data-handoff-id="h6"]').click();
    await page.keyboard.press("Delete");
    await expect
      .poll(() => page.locator('[data-testid="edge-case-flag"][data-handoff-id="h6"]').count())
      .toBe(0);

    // Compare with the saved version.
    await button("Versions").click();
    await panel.getByRole("button", { name: "Compare with As found" }).click();
    const compare = page.getByTestId("compare-panel");
    const counts = compare.getByTestId("compare-counts");
    await expect
      .poll(() => counts.textContent())
      .toBe("+1 handoff, −1 handoff, −1 edge case, 2 changed, 1 edge case mitigated");
    await expect.poll(() => compare.getByText("moved from Marketing Ops / RevOps to SDR").count()).toBe(1);
    await expect.poll(() => compare.getByText("status: open → mitigated").count()).toBe(1);

    // The canvas shows the compare picture, with the changes in their colours.
    const view = page.getByTestId("compare-view");
    const image = view.getByRole("img");
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const svg = await image.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text());
    expect(svg).toMatch(/<g data-change="added" data-handoff-change="[^"]+"><path[^>]*stroke="#15803d"/);
    expect(svg).toMatch(
      /<g data-change="removed" data-handoff-change="h6"><path[^>]*stroke="#dc2626"[^>]*stroke-dasharray/,
    );
    expect(svg).toContain('<g data-change="changed" data-step-change="enrich-route">');

    // A change in the list shows it on the picture.
    await compare.getByRole("button", { name: /Lead enrichment and routing/ }).click();
    await page.getByTestId("compare-focus").waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, "compare-light-1280.png") });

    await page.emulateMedia({ colorScheme: "dark" });
    await expect
      .poll(async () =>
        (await image.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text())).includes(
          'data-theme="dark"',
        ),
      )
      .toBe(true);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, "compare-dark-1280.png") });
    await page.emulateMedia({ colorScheme: "light" });

    // Changes to plan: the new handoff, the removed one and the moved step become plan items.
    await compare.getByRole("button", { name: "Changes to plan" }).click();
    const plan = page.getByTestId("change-plan");
    await plan.waitFor();
    await expect.poll(() => plan.getByText(/Change: new handoff/).count()).toBe(1);
    await expect.poll(() => plan.getByText(/Change: handoff .* is removed/).count()).toBe(1);
    await expect
      .poll(() => plan.getByText(/Change: “Lead enrichment and routing” moves from/).count())
      .toBe(1);
    // Pressed again, nothing is added twice.
    await compare.getByRole("button", { name: "Changes to plan" }).click();
    await expect.poll(() => plan.getByText(/Change: new handoff/).count()).toBe(1);

    await compare.getByRole("button", { name: "Close compare" }).click();
    await expect.poll(() => view.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("versions survive a reload; a new scenario is named in the status bar", async () => {
    await expect.poll(() => page.getByTestId("handoff-save-status").getAttribute("data-state")).toBe("saved");
    await page.reload();
    await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
    await button("Versions").click();
    const panel = page.getByTestId("versions-panel");
    await expect
      .poll(() => panel.getByTestId("version-item").allTextContents())
      .toEqual([expect.stringContaining("As found")]);

    await button("New scenario").click();
    await page.getByLabel("Scenario name").fill("To-be");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect.poll(() => page.getByTestId("scenario-status").textContent()).toBe("Scenario: To-be");
    await page.getByLabel("Scenario", { exact: true }).selectOption({ label: "As-is" });
    await expect.poll(() => page.getByTestId("scenario-status").textContent()).toBe("Scenario: As-is");
    await page.screenshot({ path: path.join(SHOTS, "versions-panel-1280.png") });
    expect(problems).toEqual([]);
  });

  it("opens a version read-only and restores it, keeping what was on screen as a version", async () => {
    const panel = page.getByTestId("versions-panel");
    await panel.getByRole("button", { name: "Open As found" }).click();
    const view = page.getByTestId("compare-view");
    await expect.poll(() => view.getByText("Version “As found” · read-only").count()).toBe(1);
    await expect
      .poll(() => view.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    // The canvas under the picture rests: the editing keys change nothing unseen.
    expect(await page.locator(".hf-canvas[inert]").count()).toBe(1);
    const nodesBefore = await page.locator(".react-flow__node").count();
    for (const key of ["n", "Delete", "Control+d", "Alt+ArrowDown", "e", "w"]) await page.keyboard.press(key);
    await page.waitForTimeout(300);
    expect(await page.locator(".react-flow__node").count()).toBe(nodesBefore);
    expect(await page.locator("textarea[aria-label='Step label']").count()).toBe(0);
    expect(await page.getByRole("complementary", { name: "Walkthrough" }).count()).toBe(0);
    // The deleted handoff is back only after Restore.
    expect(await page.locator('[data-testid="edge-case-flag"][data-handoff-id="h6"]').count()).toBe(0);
    await view.getByRole("button", { name: "Restore this version" }).click();
    await expect.poll(() => view.count()).toBe(0);
    expect(await page.locator(".hf-canvas[inert]").count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="edge-case-flag"][data-handoff-id="h6"]').count())
      .toBe(1);
    await expect
      .poll(() => panel.getByTestId("version-item").allTextContents())
      .toEqual([expect.stringContaining("Before restoring “As found”"), expect.stringContaining("As found")]);
    expect(problems).toEqual([]);
  });
  it("exports BPMN with the map's own title, so importing it does not rename the map", async () => {
    const download = await exportAs(page, /BPMN 2\.0/);
    const saved = path.join(SHOTS, "scenarios-export.bpmn");
    await download.saveAs(saved);
    const result = await importBpmn(readFileSync(saved, "utf8"));
    if (!result.ok) throw new Error("the exported BPMN does not import");
    expect(result.map.title.trim()).not.toBe("");
    expect(result.map.title).not.toMatch(/\((As-is|To-be)\)$/);
    expect(download.suggestedFilename()).not.toMatch(/\((As-is|To-be)\)/);
    expect(problems).toEqual([]);
  });

  it("scenarios by keyboard: the suggested name is replaced by typing, renamed in place, deleted after a second press", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const status = () => page.getByTestId("scenario-status").textContent();
    const options = () => page.getByLabel("Scenario", { exact: true }).locator("option").allTextContents();

    // The suggested name is selected: typing replaces it ("Scenario 3"), it is not appended to.
    await button("New scenario").click();
    const nameField = page.getByLabel("Scenario name");
    await expect.poll(() => nameField.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type("To-be 2027 (Zoë)");
    await page.keyboard.press("Enter");
    await expect.poll(status).toBe("Scenario: To-be 2027 (Zoë)");

    const panel = page.getByTestId("versions-panel");
    if ((await panel.count()) === 0) await button("Versions").click();
    // Rename in the panel, in place: the name is selected, Enter saves, Esc leaves it as it was.
    await panel.getByRole("button", { name: "Rename scenario To-be 2027 (Zoë)" }).click();
    const field = panel.getByLabel("Scenario name");
    await expect.poll(() => field.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(
      await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd]),
    ).toEqual([0, "To-be 2027 (Zoë)".length]);
    await page.keyboard.type("Zielbild 2027 – Q3");
    await page.keyboard.press("Enter");
    await expect.poll(status).toBe("Scenario: Zielbild 2027 – Q3");
    const rename = panel.getByRole("button", { name: "Rename scenario Zielbild 2027 – Q3" });
    const focused = (locator: typeof rename) =>
      locator.evaluate((element) => element === document.activeElement);
    // Focus comes back to Rename, not to the page, so the keyboard carries on from there.
    await expect.poll(() => focused(rename)).toBe(true);
    await page.keyboard.press("Enter");
    await page.keyboard.type("Thrown away");
    await page.keyboard.press("Escape");
    expect(await field.count()).toBe(0);
    expect(await status()).toBe("Scenario: Zielbild 2027 – Q3");
    await expect.poll(() => focused(rename)).toBe(true);
    // Esc in New scenario's name field gives focus back to New scenario.
    await button("New scenario").click();
    await page.keyboard.press("Escape");
    expect(await page.getByLabel("Scenario name").count()).toBe(0);
    expect(await focused(button("New scenario"))).toBe(true);

    // Delete asks once more in place, like a version's Delete.
    expect(await options()).toEqual(["As-is", "To-be", "Zielbild 2027 – Q3"]);
    // A double-click on Delete is one hand, not a decision: it only arms the confirmation.
    await panel.getByRole("button", { name: "Delete scenario To-be", exact: true }).dblclick();
    expect(await options()).toEqual(["As-is", "To-be", "Zielbild 2027 – Q3"]);
    await panel.getByRole("button", { name: "Confirm delete scenario To-be" }).click();
    await expect.poll(options).toEqual(["As-is", "Zielbild 2027 – Q3"]);
    await page.screenshot({ path: path.join(SHOTS, "scenarios-renamed-1280.png") });
    // The notice undoes it.
    await page.getByRole("button", { name: "Undo delete" }).click();
    await expect.poll(options).toEqual(["As-is", "To-be", "Zielbild 2027 – Q3"]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });
});
