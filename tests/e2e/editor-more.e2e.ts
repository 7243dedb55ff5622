import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, openAppForTests } from "./browser";

/**
 * The editing paths editor.e2e.ts does not walk: double-click to add a step, cut and paste (also
 * into another map), reconnecting a handoff, box select and delete, the lane and phase header
 * menus, and the help overlay. One page, in order; each test starts from "Fit view" so every
 * step is rendered and findable.
 */

const template = createRevOpsTemplate();
const SHOTS = path.join(ARTIFACTS_DIR, "editor-more");

let page: Page;

const nodes = () => page.locator(".react-flow__node");
const node = (label: string) => page.locator(".react-flow__node", { hasText: label }).first();
const stepById = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="step-node"]`);
const button = (name: string) => page.getByRole("button", { name, exact: true });
const laneHeader = (id: string) => page.locator(`.hf-lane-header[data-lane-id="${id}"]`);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (b === null) throw new Error("element has no box");
  return { ...b, cx: b.x + b.width / 2, cy: b.y + b.height / 2 };
}

async function fitView() {
  await button("Fit view").click();
  await page.waitForTimeout(400);
}

async function undo() {
  await button("Undo").click();
}

/** Step ids on the page (with the whole map in view, all of them). */
async function stepIds(): Promise<string[]> {
  return page
    .locator(".react-flow__node")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
}

/** A point on the empty pane, scanning right from `x` along `y`. */
async function emptyPoint(x: number, y: number, maxX: number) {
  for (let at = x; at < maxX; at += 6) {
    const free = await page.evaluate(
      ([px, py]) =>
        document.elementFromPoint(px as number, py as number)?.classList.contains("react-flow__pane"),
      [at, y],
    );
    if (free) return { x: at, y };
  }
  throw new Error(`no empty pane along y=${y}`);
}

/** The first empty pane point found along any of the rows `ys`, between x0 and x1. */
async function emptyPointIn(x0: number, x1: number, ys: number[]) {
  for (const y of ys) {
    try {
      return await emptyPoint(x0, y, x1);
    } catch {
      // this row is covered from x0 to x1; try the next
    }
  }
  throw new Error(`no empty pane between x ${x0} and ${x1} on rows ${ys.join(", ")}`);
}

function laneOfStep(label: string): string {
  const step = template.steps.find((s) => s.label === label);
  if (step === undefined) throw new Error(`template has no step ${label}`);
  return step.lane;
}

describe("editor, more", () => {
  const app = openAppForTests({ viewport: { width: 1440, height: 900 } });
  beforeAll(async () => {
    page = app.page;
    mkdirSync(SHOTS, { recursive: true });
    await nodes().first().waitFor({ timeout: 15_000 });
  });

  it("double-click on empty lane space adds a step in that lane and phase; undo removes it", async () => {
    await fitView();
    const lane = template.lanes[4];
    const phase = template.phases[0];
    if (lane === undefined || phase === undefined) throw new Error("template changed");
    const band = await box(laneHeader(lane.id));
    const column = await box(page.locator(`.hf-phase-header[data-phase-id="${phase.id}"]`));
    const at = await emptyPoint(column.x + 10, band.cy, column.x + column.width - 10);
    const before = await nodes().count();
    await page.mouse.dblclick(at.x, at.y);
    await expect.poll(() => nodes().count()).toBe(before + 1);
    await page.keyboard.press("Escape"); // leave the label editor
    const added = (await stepIds()).find((id) => !template.steps.some((s) => s.id === id));
    if (added === undefined) throw new Error("no new step");
    await expect.poll(() => stepById(added).getAttribute("data-lane")).toBe(lane.id);
    await page.locator(`.react-flow__node[data-id="${added}"]`).click();
    await expect.poll(() => page.getByLabel("Lane", { exact: true }).inputValue()).toBe(lane.id);
    await expect.poll(() => page.getByLabel("Phase", { exact: true }).inputValue()).toBe(phase.id);
    await page.screenshot({ path: path.join(SHOTS, "01-double-click-added.png") });
    await undo();
    await expect.poll(() => nodes().count()).toBe(before);
  });

  it("pasting rich text into a label in place gives plain text, never markup; undo restores it", async () => {
    await node("Lead capture").click();
    await page.keyboard.press("Enter");
    const editor = page.getByRole("textbox", { name: "Step label" });
    await editor.waitFor();
    await editor.press("Control+a");
    // What a word processor puts on the clipboard: HTML beside plain text with a line break.
    await editor.evaluate((field) => {
      const data = new DataTransfer();
      data.setData("text/html", '<b>Form</b> <img src=x onerror="window.__pwned=1">fill');
      data.setData("text/plain", "Form\n  fill\tcaptured");
      field.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => editor.inputValue()).toBe("Form fill captured");
    await editor.press("Enter");
    await expect.poll(() => node("Form fill captured").count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator(".react-flow__node b, .react-flow__node img").count()).toBe(0);
    await undo();
    await expect.poll(() => node("Lead capture").count()).toBe(1);
  });

  it("cut and paste (Ctrl+X, Ctrl+V) never clash: each paste gets its own id; all undoable", async () => {
    await fitView();
    const label = "Lead nurture";
    const original = template.steps.find((s) => s.label === label)?.id;
    if (original === undefined) throw new Error("template changed");
    const before = await nodes().count();
    await node(label).click();
    await page.keyboard.press("Control+x");
    await expect.poll(() => node(label).count()).toBe(0);
    await expect.poll(() => nodes().count()).toBe(before - 1);
    await page.keyboard.press("Control+v");
    await expect.poll(() => node(label).count()).toBe(1);
    await page.keyboard.press("Control+v");
    const copies = page.locator(".react-flow__node", { hasText: label });
    await expect.poll(() => copies.count()).toBe(2);
    const ids = await copies.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    expect(new Set(ids).size).toBe(2);
    expect(new Set(await stepIds()).size).toBe(before + 1);
    await undo(); // the second paste
    await undo(); // the first paste
    await expect.poll(() => node(label).count()).toBe(0);
    await undo(); // the cut
    await expect.poll(() => node(label).count()).toBe(1);
    expect(await node(label).getAttribute("data-id")).toBe(original);
  });

  it("copies a step into another map (a new blank map from the Library) and back", async () => {
    await fitView();
    await node("Discovery").click();
    await page.keyboard.press("Control+c");
    await button("Library").click();
    await button("New blank map").click();
    await expect.poll(() => node("Discovery").count()).toBe(0);
    await page.locator(".hf-canvas .react-flow__pane").click({ position: { x: 400, y: 300 } });
    await page.keyboard.press("Control+v");
    await expect.poll(() => node("Discovery").count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "02-pasted-into-blank-map.png") });
    // Back to the template: still as it was.
    await button("RevOps customer lifecycle").click();
    await expect.poll(() => nodes().count(), { timeout: 10_000 }).toBeGreaterThan(3);
    await button("Library").click();
    await fitView();
    await expect.poll(() => nodes().count()).toBe(template.steps.length);
  });

  it("reconnects a handoff's end by dragging it onto another step; undo restores it", async () => {
    await fitView();
    const handoff = template.handoffs.find((h) => h.edgeCases.length === 0) ?? template.handoffs[0];
    if (handoff === undefined) throw new Error("template has no handoffs");
    const to = template.steps.find((s) => s.id === handoff.to);
    const other = template.steps.find(
      (s) => s.id !== handoff.to && s.id !== handoff.from && s.lane === laneOfStep("Discovery"),
    );
    if (to === undefined || other === undefined) throw new Error("template changed");
    const edge = page.locator(`.react-flow__edge[data-id="${handoff.id}"]`);
    await edge.focus();
    await page.keyboard.press("Enter");
    const toField = page.locator(".hf-inspector__ends dd").nth(1);
    await expect.poll(() => toField.textContent()).toBe(to.label);
    const anchor = await box(edge.locator(".react-flow__edgeupdater-target"));
    const target = await box(stepById(other.id));
    await page.mouse.move(anchor.cx, anchor.cy);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++)
      await page.mouse.move(
        anchor.cx + ((target.cx - anchor.cx) * i) / 12,
        anchor.cy + ((target.cy - anchor.cy) * i) / 12,
      );
    await page.mouse.up();
    await edge.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => toField.textContent()).toBe(other.label);
    await undo();
    await expect.poll(() => toField.textContent()).toBe(to.label);
  });

  it("box select (Shift+drag) then Delete removes several steps as one undo entry", async () => {
    await fitView();
    const first = await box(node("Order management"));
    const second = await box(node("Kickoff and onboarding"));
    const before = await nodes().count();
    // Start the drag on empty pane above-left of the first step (routes and labels may pass there).
    const from = await emptyPointIn(first.x - 60, first.x, [
      first.y - 12,
      first.y - 24,
      first.y - 36,
      first.y + 6,
    ]);
    await page.keyboard.down("Shift");
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    const end = { x: second.x + second.width + 12, y: second.y + second.height + 12 };
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(from.x + ((end.x - from.x) * i) / 10, from.y + ((end.y - from.y) * i) / 10);
    await page.mouse.up();
    await page.keyboard.up("Shift");
    await expect.poll(() => page.locator(".react-flow__node.selected").count()).toBeGreaterThanOrEqual(2);
    const selected = await page.locator(".react-flow__node.selected").count();
    await page.keyboard.press("Delete");
    await expect.poll(() => nodes().count()).toBe(before - selected);
    await undo();
    await expect.poll(() => nodes().count()).toBe(before);
  });

  it("lane header menu: rename, recolor, move up and down", async () => {
    await fitView();
    const lane = template.lanes[3];
    const above = template.lanes[2];
    if (lane === undefined || above === undefined) throw new Error("template changed");
    const menu = () => page.getByRole("button", { name: `Lane actions: ${lane.name}`, exact: true });
    await menu().click();
    await page.getByRole("menuitem", { name: "Rename lane" }).click();
    await page.getByRole("textbox", { name: "Lane name" }).fill(`${lane.name} team`);
    await page.keyboard.press("Enter");
    await expect.poll(() => laneHeader(lane.id).textContent()).toContain(`${lane.name} team`);
    const renamed = () => page.getByRole("button", { name: `Lane actions: ${lane.name} team`, exact: true });

    await renamed().click();
    await page.getByRole("menuitem", { name: "Color: Teal" }).click();
    await expect.poll(() => laneHeader(lane.id).locator(".hf-lane-header__accent").count()).toBe(1);

    const y = async (id: string) => (await box(laneHeader(id))).y;
    expect(await y(lane.id)).toBeGreaterThan(await y(above.id));
    await renamed().click();
    await page.getByRole("menuitem", { name: "Move lane up" }).click();
    await expect.poll(async () => (await y(lane.id)) < (await y(above.id))).toBe(true);
    await renamed().click();
    await page.getByRole("menuitem", { name: "Move lane down" }).click();
    await expect.poll(async () => (await y(lane.id)) > (await y(above.id))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "03-lane-renamed-recolored.png") });
    for (let i = 0; i < 4; i++) await undo();
    await expect.poll(() => laneHeader(lane.id).textContent()).not.toContain("team");
  });

  it("deleting a lane that holds steps asks where they go; they move; undo restores the lane", async () => {
    await fitView();
    const lane = template.lanes.find((l) => l.id === laneOfStep("Discovery"));
    const target = template.lanes.find((l) => l.id !== lane?.id);
    if (lane === undefined || target === undefined) throw new Error("template changed");
    const held = template.steps.filter((s) => s.lane === lane.id);
    await page.getByRole("button", { name: `Lane actions: ${lane.name}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Delete lane" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete lane “${lane.name}”?` });
    await expect.poll(() => dialog.count()).toBe(1);
    await dialog.getByLabel("Move the steps to").selectOption(target.id);
    await page.screenshot({ path: path.join(SHOTS, "04-delete-lane-dialog.png") });
    await dialog.getByRole("button", { name: "Move steps and delete lane" }).click();
    await expect.poll(() => laneHeader(lane.id).count()).toBe(0);
    for (const step of held)
      await expect.poll(() => stepById(step.id).getAttribute("data-lane")).toBe(target.id);
    await undo();
    await expect.poll(() => laneHeader(lane.id).count()).toBe(1);
    for (const step of held)
      await expect.poll(() => stepById(step.id).getAttribute("data-lane")).toBe(lane.id);
  });

  it("adds, renames and deletes a phase", async () => {
    await fitView();
    const phases = page.locator(".hf-phase-header");
    const before = await phases.count();
    await button("Add phase").click();
    await expect.poll(() => phases.count()).toBe(before + 1);
    // The new phase's name opens for typing (add-focus.e2e.ts); Esc keeps its default name.
    await page.getByRole("textbox", { name: "Phase name" }).waitFor();
    await page.keyboard.press("Escape");
    const added = phases.last();
    const name = (await added.locator(".hf-header-text").textContent())?.trim() ?? "";
    await fitView();
    await page.getByRole("button", { name: `Phase actions: ${name}`, exact: true }).click();
    await page.getByRole("menuitem", { name: "Rename phase" }).click();
    await page.getByRole("textbox", { name: "Phase name" }).fill("Expansion");
    await page.keyboard.press("Enter");
    await expect.poll(() => phases.last().textContent()).toContain("Expansion");
    await page.getByRole("button", { name: "Phase actions: Expansion", exact: true }).click();
    await page.getByRole("menuitem", { name: "Delete phase (steps stay in their lanes)" }).click();
    await expect.poll(() => phases.count()).toBe(before);
  });

  it("the help overlay opens with ? and closes with Esc; Shift+1 fits the view", async () => {
    await page.locator(".hf-canvas .react-flow__pane").click({ position: { x: 500, y: 400 } });
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect.poll(() => help.count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "05-help.png") });
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);

    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(300);
    await page.keyboard.press("Shift+Digit1");
    await expect.poll(() => nodes().count()).toBe(template.steps.length);
  });

  it("the overview draws the lanes and steps, and pressing it moves the view there", async () => {
    await fitView();
    const overview = page.getByRole("img", { name: "Overview of the whole map" });
    const canvas = page.locator("canvas.hf-overview__steps");
    // Colors actually drawn: more than the background and one band shade.
    const colors = await canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext("2d");
      if (context === null) return 0;
      const { data } = context.getImageData(0, 0, element.width, element.height);
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4)
        if ((data[i + 3] ?? 0) > 0)
          seen.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
      return seen.size;
    });
    expect(colors).toBeGreaterThan(4);
    await page.locator(".hf-overview").screenshot({ path: path.join(SHOTS, "06-overview.png") });
    // The view's middle in map coordinates, from React Flow's viewport transform and pane size.
    const middle = () =>
      page.evaluate(() => {
        const pane = document.querySelector(".hf-canvas .react-flow")?.getBoundingClientRect();
        const transform = document.querySelector<HTMLElement>(".hf-canvas .react-flow__viewport")?.style
          .transform;
        const [x, y, zoom] = (transform?.match(/-?[\d.]+/g) ?? []).map(Number);
        if (pane === undefined || x === undefined || y === undefined || zoom === undefined) return null;
        return { x: (pane.width / 2 - x) / zoom, y: (pane.height / 2 - y) / zoom };
      });
    const [, , mapWidth, mapHeight] = ((await overview.getAttribute("viewBox")) ?? "").split(" ").map(Number);
    if (mapWidth === undefined || mapHeight === undefined) throw new Error("overview has no viewBox");
    const area = await box(overview);
    await page.mouse.click(area.x + area.width * 0.9, area.y + area.height * 0.8);
    await expect.poll(async () => Math.round((((await middle())?.x ?? 0) / mapWidth) * 100)).toBe(90);
    await expect.poll(async () => Math.round((((await middle())?.y ?? 0) / mapHeight) * 100)).toBe(80);
  });
});
