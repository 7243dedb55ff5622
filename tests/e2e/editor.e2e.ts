import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { READABLE_ZOOM } from "../../src/ui/canvas/canvas-geometry";
import { ARTIFACTS_DIR, centerOf, dragMouse, openAppForTests } from "./browser";

/**
 * The editor end to end, in one page, in the order a facilitator would work: open, Enter and Tab
 * to add a step, connect, drag into another lane, add an edge case, auto layout; each change undone
 * and redone. Screenshots go to test-results/ for a person to look at.
 */

const template = createRevOpsTemplate();
const SHOTS = path.join(ARTIFACTS_DIR, "editor");

let page: Page;

const nodes = () => page.locator(".react-flow__node");
const node = (label: string) => page.locator(".react-flow__node", { hasText: label }).first();
const button = (name: string) => page.getByRole("button", { name, exact: true });

async function shot(name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Zooms in with the wheel around a point, so handles are big enough to grab. */
async function zoomAround(locator: Locator, notches: number) {
  const at = await centerOf(locator);
  await page.mouse.move(at.x, at.y);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(80);
  }
  await page.waitForTimeout(200);
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function viewportZoom(): Promise<number> {
  const transform = await page
    .locator(".react-flow__viewport")
    .evaluate((e) => (e as HTMLElement).style.transform);
  const match = /scale\(([\d.]+)\)/.exec(transform);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}

async function undo() {
  await button("Undo").click();
}

async function redo() {
  await button("Redo").click();
}

describe("editor", () => {
  const app = openAppForTests({ viewport: { width: 1440, height: 900 } });
  beforeAll(async () => {
    page = app.page;
    mkdirSync(SHOTS, { recursive: true });
  });

  it("opens the template at a readable zoom, and Fit view shows every step in its lane", async () => {
    // First open: readable on a projector (zoom >= READABLE_ZOOM) from the top-left of the lane
    // area, not the whole 3,300 px template at a third of its size (first-view.e2e.ts has the rest).
    await expect.poll(() => nodes().count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await page.waitForTimeout(300);
    await shot("01-first-open");
    expect(await viewportZoom()).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const first = await centerOf(node(template.steps[0]?.label ?? ""));
    const headers = await centerOf(page.locator(".hf-lane-header").first());
    expect(first.box.x).toBeGreaterThan(headers.box.x + headers.box.width);
    // Only what is on screen is rendered: count with the whole map in view.
    await button("Fit view").click();
    await expect.poll(() => nodes().count(), { timeout: 15_000 }).toBe(template.steps.length);
    await expect.poll(() => viewportZoom()).toBeLessThan(READABLE_ZOOM);
    const laneOf = new Map(template.steps.map((step) => [step.label, step.lane]));
    for (const step of template.steps) {
      const element = page.locator(`.react-flow__node[data-id="${step.id}"] [data-testid="step-node"]`);
      await expect.poll(() => element.getAttribute("data-lane")).toBe(laneOf.get(step.label));
      // The step is drawn inside its lane's band: its middle lies within the lane header's rows.
      const stepBox = (await centerOf(element)).box;
      const header = await centerOf(page.locator(`.hf-lane-header[data-lane-id="${step.lane}"]`));
      const middle = stepBox.y + stepBox.height / 2;
      expect(middle).toBeGreaterThanOrEqual(header.box.y);
      expect(middle).toBeLessThanOrEqual(header.box.y + header.box.height);
    }
    for (const lane of template.lanes)
      await expect.poll(() => page.locator(`.hf-lane-header[data-lane-id="${lane.id}"]`).count()).toBe(1);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(template.handoffs.length);
  });

  it("adds the next step with Tab from the label editor and takes its label as typed; undo and redo", async () => {
    const last = template.steps[template.steps.length - 1];
    if (last === undefined) throw new Error("template has no steps");
    await zoomAround(node(last.label), 3);
    await node(last.label).click();
    // Enter opens the label; Tab there saves it (unchanged: no undo entry) and adds the next step.
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const field = page.getByRole("textbox", { name: "Step label" });
    await expect.poll(() => field.count()).toBe(1);
    await page.keyboard.type("Send welcome pack");
    await page.keyboard.press("Enter");
    await expect.poll(() => node("Send welcome pack").count()).toBe(1);
    await shot("02-tab-added-step");
    // Only what is on screen is rendered: count with the whole map in view.
    await button("Fit view").click();
    await expect.poll(() => nodes().count()).toBe(template.steps.length + 1);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(template.handoffs.length + 1);

    await undo(); // the label
    await expect.poll(() => node("New step").count()).toBe(1);
    await undo(); // the step and its handoff
    await expect.poll(() => nodes().count()).toBe(template.steps.length);
    await redo();
    await redo();
    await expect.poll(() => node("Send welcome pack").count()).toBe(1);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(template.handoffs.length + 1);
  });

  it("connects two steps by dragging from a handle onto a step; undo and redo", async () => {
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const from = template.steps.find((s) => s.label === "Discovery");
    const to = template.steps.find((s) => s.label === "Renewal forecasting");
    if (from === undefined || to === undefined) throw new Error("template changed");
    const before = await page.locator(".react-flow__edge").count();
    const source = node(from.label);
    await source.hover();
    const handle = await centerOf(source.locator(".react-flow__handle.source"));
    const target = await centerOf(node(to.label));
    await dragMouse(page, handle, target);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(before + 1);
    await shot("03-connected");
    await undo();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(before);
    await redo();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(before + 1);
  });

  it("drags a step into another lane and the inspector shows the new lane; undo and redo", async () => {
    await button("Fit view").click();
    await page.waitForTimeout(400);
    const step = template.steps.find((s) => s.label === "Discovery");
    if (step === undefined) throw new Error("template changed");
    const laneIndex = template.lanes.findIndex((l) => l.id === step.lane);
    const below = template.lanes[laneIndex + 1];
    if (below === undefined) throw new Error("no lane below");
    await zoomAround(node(step.label), 2);
    const from = await centerOf(node(step.label));
    const header = await centerOf(page.locator(`.hf-lane-header[data-lane-id="${below.id}"]`));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(from.x + i * 3, from.y + ((header.y - from.y) * i) / 10);
    await page.mouse.up();
    await node(step.label).click();
    const lane = page.getByLabel("Lane", { exact: true });
    await expect.poll(() => lane.inputValue()).toBe(below.id);
    await shot("04-dragged-to-lane");
    await undo();
    await expect.poll(() => lane.inputValue()).toBe(step.lane);
    await redo();
    await expect.poll(() => lane.inputValue()).toBe(below.id);
  });

  it("adds an edge case to a handoff: the flag and the register row appear; undo and redo", async () => {
    await button("Fit view").click();
    await page.waitForTimeout(400);
    // The handoff made by Tab above has no edge cases yet: select it through its new step.
    await node("Send welcome pack").click();
    const handoffs = page.locator(".react-flow__edge");
    const count = await handoffs.count();
    let handoffId: string | null = null;
    for (let i = 0; i < count; i++) {
      const edge = handoffs.nth(i);
      const label = await edge.getAttribute("aria-label");
      const id = await edge.getAttribute("data-id");
      if (
        id !== null &&
        label === "Handoff" &&
        (await page.locator(`[data-testid="edge-case-flag"][data-handoff-id="${id}"]`).count()) === 0
      ) {
        handoffId = id;
      }
    }
    if (handoffId === null) throw new Error("no handoff without edge cases");
    await page.locator(`.react-flow__edge[data-id="${handoffId}"]`).focus();
    await page.keyboard.press("Enter");
    await button("Add edge case").click();
    const flag = page.locator(`[data-testid="edge-case-flag"][data-handoff-id="${handoffId}"]`);
    await expect.poll(() => flag.count()).toBe(1);
    const registerOpen = await button("Edge cases").getAttribute("aria-pressed");
    if (registerOpen !== "true") await button("Edge cases").click();
    const rows = page.locator(".hf-register__row", { hasText: "New edge case" });
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator(".hf-canvas").click({ position: { x: 600, y: 20 } });
    await shot("05-edge-case-flag-and-register");
    await undo();
    await expect.poll(() => flag.count()).toBe(0);
    await expect.poll(() => rows.count()).toBe(0);
    await redo();
    await expect.poll(() => flag.count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(1);
    await button("Edge cases").click();
  });

  // Responsiveness while ELK runs is measured in layout-worker.e2e.ts (long tasks, 1,000 steps).
  it("runs auto layout in its worker as one undoable change", async () => {
    const step = node("Discovery");
    const before = await step.getAttribute("style");
    await button("Auto layout").click();
    await expect.poll(() => button("Auto layout").isEnabled(), { timeout: 15_000 }).toBe(true);
    await button("Fit view").click();
    await page.waitForTimeout(400);
    await shot("06-auto-layout");
    const after = await step.getAttribute("style");
    expect(after).not.toBe(before);
    await undo();
    await expect.poll(() => button("Redo").isEnabled()).toBe(true);
    await redo();
    await expect.poll(() => nodes().count()).toBe(template.steps.length + 1);
  });
});
