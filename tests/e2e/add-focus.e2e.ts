/**
 * Focus goes where the user will type next: after Add lane, Add phase and the header menus' "Add
 * lane above/below" and "Add phase before/after", the new lane's or phase's name is open in its
 * header with the text selected. Typing names it (never presses the toolbar button again with
 * Space, never starts presenting with F); Enter keeps what was typed, Esc keeps the default name,
 * which follows the blank template ("Department 3").
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { openAppForTests } from "./browser";

const template = createRevOpsTemplate();

let page: Page;

const button = (name: string) => page.getByRole("button", { name, exact: true });
const laneNames = () => page.locator(".hf-lane-header .hf-header-text").allTextContents();
const phaseNames = () => page.locator(".hf-phase-header .hf-header-text").allTextContents();
const presenting = () => page.evaluate(() => document.documentElement.hasAttribute("data-hf-presenting"));

/** The focused element: its accessible label, value and whether all its text is selected. */
function focused() {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLInputElement)) return { label: element?.tagName ?? null };
    return {
      label: element.getAttribute("aria-label"),
      value: element.value,
      allSelected: element.selectionStart === 0 && element.selectionEnd === element.value.length,
    };
  });
}

/** The name field is open and focused with its whole text selected: what a person sees. */
async function expectNameFieldFocused(label: "Lane name" | "Phase name", value: string) {
  await expect.poll(focused).toEqual({ label, value, allSelected: true });
  expect(await page.getByRole("textbox", { name: label }).isVisible()).toBe(true);
}

const app = openAppForTests({ viewport: { width: 1440, height: 900 } });
beforeAll(async () => {
  page = app.page;
  await page.getByTestId("step-node").first().waitFor({ timeout: 15_000 });
});

describe("focus after adding a lane or a phase", () => {
  it("Add lane: typing names the new lane at once; no second lane, no presentation", async () => {
    await button("Add lane").click();
    await page.keyboard.type("Finance");
    await page.keyboard.press("Enter");
    await expect.poll(laneNames).toEqual([...template.lanes.map((lane) => lane.name), "Finance"]);
    expect(await presenting()).toBe(false);
    // The name field closed on Enter.
    expect(await page.getByRole("textbox", { name: "Lane name" }).count()).toBe(0);
  });

  it("the name takes the focus at once, before the next layout has drawn the new lane's header", async () => {
    // Clicked and read in one task: no layout result (a message from the worker) can land between.
    const right = await page.evaluate(async () => {
      const add = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Add lane");
      add?.click();
      await Promise.resolve();
      const active = document.activeElement;
      return active instanceof HTMLInputElement
        ? active.getAttribute("aria-label")
        : (active?.tagName ?? null);
    });
    expect(right).toBe("Lane name");
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await laneNames()).length).toBe(template.lanes.length + 2);
    await button("Undo").click();
    await expect.poll(async () => (await laneNames()).length).toBe(template.lanes.length + 1);
  });

  it("Add lane: the name field opens focused, text selected, on screen; Esc keeps the default name", async () => {
    await button("Add lane").click();
    // Eight lanes so far: the ninth is "Department 9", as the blank template names its lanes.
    await expectNameFieldFocused("Lane name", "Department 9");
    const field = await page.getByRole("textbox", { name: "Lane name" }).boundingBox();
    const canvas = await page.locator(".hf-canvas").boundingBox();
    if (field === null || canvas === null) throw new Error("no field or canvas box");
    expect(field.y).toBeGreaterThanOrEqual(canvas.y);
    expect(field.y + field.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    await page.keyboard.press("Escape");
    await expect.poll(laneNames).toContain("Department 9");
    expect(await page.getByRole("textbox", { name: "Lane name" }).count()).toBe(0);
  });

  it("Add phase: typing names the new phase", async () => {
    await button("Add phase").click();
    await expectNameFieldFocused("Phase name", "Phase 4");
    await page.keyboard.type("Expansion");
    await page.keyboard.press("Enter");
    await expect.poll(phaseNames).toEqual([...template.phases.map((phase) => phase.name), "Expansion"]);
    expect(await presenting()).toBe(false);
  });

  it("lane menu: Add lane above and Add lane below open the new lane's name", async () => {
    const sales = template.lanes[3];
    if (sales === undefined) throw new Error("template changed");
    await button(`Lane actions: ${sales.name}`).click();
    await page.getByRole("menuitem", { name: "Add lane above" }).click();
    await expectNameFieldFocused("Lane name", "Department 10");
    await page.keyboard.type("Sales Ops");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await laneNames()).slice(2, 5)).toEqual(["SDR", "Sales Ops", "Sales"]);

    await button(`Lane actions: ${sales.name}`).click();
    await page.getByRole("menuitem", { name: "Add lane below" }).click();
    await expectNameFieldFocused("Lane name", "Department 11");
    await page.keyboard.type("Solutions");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await laneNames()).slice(3, 6))
      .toEqual(["Sales Ops", "Sales", "Solutions"]);
    expect(await presenting()).toBe(false);
  });

  it("phase menu: Add phase before and Add phase after open the new phase's name", async () => {
    await button("Phase actions: Execution").click();
    await page.getByRole("menuitem", { name: "Add phase before" }).click();
    await expectNameFieldFocused("Phase name", "Phase 5");
    await page.keyboard.type("Qualification");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await phaseNames()).slice(0, 3))
      .toEqual(["Engagement", "Qualification", "Execution"]);

    await button("Phase actions: Execution").click();
    await page.getByRole("menuitem", { name: "Add phase after" }).click();
    await expectNameFieldFocused("Phase name", "Phase 6");
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await phaseNames()).slice(2, 4)).toEqual(["Execution", "Phase 6"]);
  });

  it("the Add button of a list (a step's systems) leaves the focus in its field for the next one", async () => {
    await page.locator(".react-flow__node", { hasText: "Discovery" }).first().click();
    const field = page.getByRole("textbox", { name: "Add system" });
    await field.fill("Clari");
    await page
      .getByRole("group", { name: "Systems" })
      .getByRole("button", { name: "Add", exact: true })
      .click();
    await expect.poll(focused).toEqual({ label: null, value: "", allSelected: true });
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type("Fivetran");
    await page.keyboard.press("Enter");
    const chips = page.locator(".hf-chips__list .hf-chip__text");
    await expect.poll(() => chips.allTextContents()).toEqual(["CRM", "Call recording", "Clari", "Fivetran"]);
    expect(await presenting()).toBe(false);
  });

  it("a blank map's third lane is Department 3, its first phase Phase 1", async () => {
    await button("Library").click();
    await button("New blank map").click();
    await expect.poll(laneNames).toEqual(["Department 1", "Department 2"]);
    await button("Add lane").click();
    await expectNameFieldFocused("Lane name", "Department 3");
    await page.keyboard.press("Enter");
    await expect.poll(laneNames).toEqual(["Department 1", "Department 2", "Department 3"]);
    await button("Add phase").click();
    await expectNameFieldFocused("Phase name", "Phase 1");
    await page.keyboard.type("Onboarding");
    await page.keyboard.press("Enter");
    await expect.poll(phaseNames).toEqual(["Onboarding"]);
  });
});
