import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, openAppForTests } from "./browser";

/**
 * Connecting and phases from the facilitator's side, with a real mouse (down, moves in steps, up):
 * a handoff dropped on empty lane space makes its step there; a new handoff's label takes the
 * cursor; a dragged step's landing lane is highlighted; a new phase takes the steps under its
 * column and auto layout gives unphased steps the phase they are drawn in, the inspector's count
 * right at once. One page, in order; each test undoes what it did.
 */

const template = createRevOpsTemplate();
const SHOTS = path.join(ARTIFACTS_DIR, "connect");

let page: Page;

const nodes = () => page.locator(".react-flow__node");
const edges = () => page.locator(".react-flow__edge");
const node = (label: string) => page.locator(".react-flow__node", { hasText: label }).first();
const stepById = (id: string) => page.locator(`.react-flow__node[data-id="${id}"] [data-testid="step-node"]`);
const button = (name: string) => page.getByRole("button", { name, exact: true });
const laneHeader = (id: string) => page.locator(`.hf-lane-header[data-lane-id="${id}"]`);
const phaseHeader = (id: string) => page.locator(`.hf-phase-header[data-phase-id="${id}"]`);
const highlighted = () => page.locator(".hf-band.is-drop-target");

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

/** Zooms in with the wheel around an element, as a facilitator does to work on part of the map. */
async function zoomAround(locator: Locator, notches: number) {
  const at = await box(locator);
  await page.mouse.move(at.cx, at.cy);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(80);
  }
  await page.waitForTimeout(300);
}

/** Presses at `from`, moves to `to` in `steps` even moves (as a hand does), leaves it held. */
async function dragTo(from: { x: number; y: number }, to: { x: number; y: number }, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++)
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
}

/** A point on the empty pane, scanning right from `x0` to `x1` along each of `ys` in turn. */
async function emptyPoint(x0: number, x1: number, ys: number[]) {
  for (const y of ys)
    for (let x = x0; x < x1; x += 6) {
      const free = await page.evaluate(
        ([px, py]) =>
          document.elementFromPoint(px as number, py as number)?.classList.contains("react-flow__pane"),
        [x, y],
      );
      if (free) return { x, y };
    }
  throw new Error(`no empty pane between x ${x0} and ${x1}`);
}

/** What has keyboard focus: its accessible label (aria-label or its <label>) and tag. */
function focused() {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (element === null) return null;
    const label = element.getAttribute("aria-label") ?? element.labels?.[0]?.textContent ?? "";
    return { tag: element.tagName.toLowerCase(), label: label.trim() };
  });
}

/** The step ids on the page (with the whole map in view, all of them). */
async function stepIds(): Promise<string[]> {
  return nodes().evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
}

async function phaseOfSelectedStep(): Promise<string> {
  return page.getByLabel("Phase", { exact: true }).inputValue();
}

describe("connecting and phases", () => {
  const app = openAppForTests({ viewport: { width: 1440, height: 900 } });
  beforeAll(async () => {
    page = app.page;
    mkdirSync(SHOTS, { recursive: true });
    await nodes().first().waitFor({ timeout: 15_000 });
  });

  it("dropping a new handoff on empty lane space makes a connected step there, in that lane and phase, its label open for typing", async () => {
    await fitView();
    const from = template.steps.find((s) => s.id === "discovery");
    const lane = template.lanes.find((l) => l.id === "finance");
    const phase = template.phases.find((p) => p.id === "execution");
    if (from === undefined || lane === undefined || phase === undefined) throw new Error("template changed");
    const before = { steps: await nodes().count(), handoffs: await edges().count() };
    await zoomAround(node(from.label), 3);
    const band = await box(laneHeader(lane.id));
    const column = await box(phaseHeader(phase.id));
    const drop = await emptyPoint(column.x + 40, column.x + column.width - 40, [
      band.cy,
      band.y + 12,
      band.y + band.height - 12,
    ]);
    const source = node(from.label);
    await source.hover();
    const handle = await box(source.locator(".react-flow__handle.source"));
    await dragTo({ x: handle.cx, y: handle.cy }, drop);
    await page.mouse.up();

    await expect.poll(() => node("New step").count()).toBe(1);
    // In edit mode: the new step's label field has the cursor, typing names it.
    await expect.poll(focused).toEqual({ tag: "textarea", label: "Step label" });
    await page.keyboard.type("Send order form");
    await page.keyboard.press("Enter");
    await expect.poll(() => node("Send order form").count()).toBe(1);
    const added = (await stepIds()).find((id) => !template.steps.some((s) => s.id === id));
    if (added === undefined) throw new Error("no new step");
    await expect.poll(() => stepById(added).getAttribute("data-lane")).toBe(lane.id);
    // Drawn where it was dropped: its box holds the drop point.
    const drawn = await box(stepById(added));
    expect(drop.x).toBeGreaterThan(drawn.x);
    expect(drop.x).toBeLessThan(drawn.x + drawn.width);
    expect(drop.y).toBeGreaterThan(drawn.y);
    expect(drop.y).toBeLessThan(drawn.y + drawn.height);
    await page.screenshot({ path: path.join(SHOTS, "01-dropped-handoff-made-step.png") });
    await page.locator(`.react-flow__node[data-id="${added}"]`).click();
    await expect.poll(phaseOfSelectedStep).toBe(phase.id);
    await expect.poll(() => page.getByLabel("Lane", { exact: true }).inputValue()).toBe(lane.id);
    // Connected from Discovery: the new handoff's inspector names both ends.
    const handoffIds = await edges().evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
    const handoff = handoffIds.find((id) => !template.handoffs.some((h) => h.id === id));
    if (handoff === undefined) throw new Error("no new handoff");
    await page.locator(`.react-flow__edge[data-id="${handoff}"]`).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator(".hf-inspector h2").textContent())
      .toBe(`${from.label} → Send order form`);

    await fitView();
    await expect.poll(() => nodes().count()).toBe(before.steps + 1);
    await expect.poll(() => edges().count()).toBe(before.handoffs + 1);

    await undo(); // the label
    await expect.poll(() => node("New step").count()).toBe(1);
    await undo(); // the step and its handoff, together
    await expect.poll(() => nodes().count()).toBe(before.steps);
    await expect.poll(() => edges().count()).toBe(before.handoffs);
  });

  it("a handoff dropped on a lane header, or only just off its handle, makes no step", async () => {
    await fitView();
    const before = { steps: await nodes().count(), handoffs: await edges().count() };
    const source = node("Discovery");
    await source.hover();
    const handle = await box(source.locator(".react-flow__handle.source"));
    const header = await box(laneHeader("finance"));
    await dragTo({ x: handle.cx, y: handle.cy }, { x: header.cx, y: header.cy });
    await page.mouse.up();
    await source.hover();
    const slip = await emptyPoint(handle.cx + 8, handle.cx + 20, [handle.cy, handle.cy - 4, handle.cy + 4]);
    await dragTo({ x: handle.cx, y: handle.cy }, slip, 4);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await nodes().count()).toBe(before.steps);
    expect(await edges().count()).toBe(before.handoffs);
  });

  it("after connecting two steps, the new handoff's label field has the cursor", async () => {
    await fitView();
    const before = await edges().count();
    const source = node("Discovery");
    await source.hover();
    const handle = await box(source.locator(".react-flow__handle.source"));
    const target = await box(node("Renewal forecasting"));
    await dragTo({ x: handle.cx, y: handle.cy }, { x: target.cx, y: target.cy });
    await page.mouse.up();
    await expect.poll(() => edges().count()).toBe(before + 1);
    await expect.poll(focused).toEqual({ tag: "input", label: "Label" });
    await page.keyboard.type("Signed order form");
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await expect
      .poll(() => inspector.getByRole("textbox", { name: "Label" }).inputValue())
      .toBe("Signed order form");
    await expect.poll(() => page.locator(".hf-canvas", { hasText: "Signed order form" }).count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, "02-connected-label-typed.png") });
    await undo(); // the label
    await undo(); // the handoff
    await expect.poll(() => edges().count()).toBe(before);
  });

  it("while a step is dragged, the lane it will land in is highlighted", async () => {
    await fitView();
    expect(await highlighted().count()).toBe(0);
    const step = template.steps.find((s) => s.id === "discovery");
    if (step === undefined) throw new Error("template changed");
    await zoomAround(stepById(step.id), 3);
    const from = await box(stepById(step.id));
    const below = await box(laneHeader("deal-desk"));
    await dragTo({ x: from.cx, y: from.cy }, { x: from.cx + 30, y: below.cy }, 15);
    await expect.poll(() => highlighted().getAttribute("data-lane-id")).toBe("deal-desk");
    expect(await highlighted().count()).toBe(1);
    // Visibly: the band is tinted, not only marked.
    const tint = await highlighted().evaluate((e) => getComputedStyle(e, "::after").backgroundColor);
    expect(tint).not.toBe("rgba(0, 0, 0, 0)");
    // Its frozen header too, so the room reads the lane's name.
    const headerFill = (id: string) => laneHeader(id).evaluate((e) => getComputedStyle(e).backgroundColor);
    const plain = await headerFill("finance");
    expect(await headerFill("deal-desk")).not.toBe(plain);
    await page.screenshot({ path: path.join(SHOTS, "03-drag-lane-highlight.png") });
    // Back over its own lane: the highlight follows.
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(from.cx + 30, below.cy + ((from.cy - below.cy) * i) / 8);
    await expect.poll(() => highlighted().getAttribute("data-lane-id")).toBe(step.lane);
    await expect.poll(() => headerFill(step.lane)).not.toBe(plain);
    expect(await headerFill("deal-desk")).toBe(plain);
    await page.mouse.up();
    await expect.poll(() => highlighted().count()).toBe(0);
    await expect.poll(() => headerFill(step.lane)).toBe(plain);
    if (await button("Undo").isEnabled()) await undo();
  });

  it("auto layout puts unphased steps into the phase whose column holds them", async () => {
    await fitView();
    const orphans = template.steps.filter((s) => s.phase === "execution");
    await page.getByRole("button", { name: "Phase actions: Execution", exact: true }).click();
    await page.getByRole("menuitem", { name: "Delete phase (steps stay in their lanes)" }).click();
    await expect.poll(() => phaseHeader("execution").count()).toBe(0);
    await fitView();
    // Where each step without a phase is drawn now: the phase header over its middle.
    const columns = await Promise.all(
      ["engagement", "continuity"].map(async (id) => ({ id, ...(await box(phaseHeader(id))) })),
    );
    const held = new Map<string, string>();
    for (const step of orphans) {
      const middle = (await box(stepById(step.id))).cx;
      const column = columns.find((c) => middle >= c.x && middle < c.x + c.width);
      if (column === undefined) throw new Error(`${step.id} is under no phase header`);
      held.set(step.id, column.id);
    }
    // Both columns hold some, or the test would not tell the column from the neighbours apart.
    expect(new Set(held.values()).size).toBe(2);

    await button("Auto layout").click();
    await expect.poll(() => button("Auto layout").isEnabled(), { timeout: 15_000 }).toBe(true);
    await fitView();
    for (const step of orphans) {
      await page.locator(`.react-flow__node[data-id="${step.id}"]`).click();
      await expect.poll(phaseOfSelectedStep).toBe(held.get(step.id));
    }
    // The phase inspector counts them.
    const expected = template.steps.filter(
      (s) => s.phase === "continuity" || (s.phase === "execution" && held.get(s.id) === "continuity"),
    ).length;
    await phaseHeader("continuity").locator(".hf-header-text").click();
    await expect
      .poll(() => page.locator(".hf-inspector").textContent())
      .toContain(`${expected} steps in this phase.`);
    await page.screenshot({ path: path.join(SHOTS, "04-auto-layout-phases.png") });
    await undo(); // the auto layout
    await undo(); // the phase deletion
    await expect.poll(() => phaseHeader("execution").count()).toBe(1);
  });

  it("a new phase takes the steps under its column, and its inspector counts them at once", async () => {
    await button("Library").click();
    await button("New blank map").click();
    await expect.poll(() => nodes().count()).toBe(0);
    await button("Library").click();
    // Two steps, one per lane, by double-click on empty lane space (the map has no phases yet).
    for (const [laneId, label] of [
      ["lane-1", "Qualify lead"],
      ["lane-2", "Send quote"],
    ] as const) {
      const band = await box(laneHeader(laneId));
      const at = await emptyPoint(band.x + band.width + 80, band.x + band.width + 400, [band.cy]);
      await page.mouse.dblclick(at.x, at.y);
      await expect.poll(focused).toEqual({ tag: "textarea", label: "Step label" });
      await page.keyboard.type(label);
      await page.keyboard.press("Enter");
      await expect.poll(() => node(label).count()).toBe(1);
    }
    await button("Add phase").click();
    const inspector = page.locator(".hf-inspector");
    // At once: the count comes with the edit, not with a later layout.
    await expect.poll(() => inspector.textContent(), { timeout: 500 }).toContain("2 steps in this phase.");
    await page.screenshot({ path: path.join(SHOTS, "05-new-phase-took-steps.png") });
    // The new header row does not cover the top lane: its step and its lane's name stay in view.
    const row = await box(page.locator(".hf-phase-header").first());
    expect((await box(node("Qualify lead"))).y).toBeGreaterThanOrEqual(row.y + row.height);
    expect((await box(laneHeader("lane-1"))).y).toBeGreaterThanOrEqual(row.y + row.height - 1);
    const phaseId = await page.locator(".hf-phase-header").first().getAttribute("data-phase-id");
    for (const label of ["Qualify lead", "Send quote"]) {
      await node(label).click();
      await expect.poll(phaseOfSelectedStep).toBe(phaseId);
    }
    // One undo entry: the phase and its steps' membership go together.
    await undo();
    await expect.poll(() => page.locator(".hf-phase-header").count()).toBe(0);
    await node("Qualify lead").click();
    await expect.poll(phaseOfSelectedStep).toBe("");
  });
});
