// @vitest-environment jsdom
import "../jsdom-setup";
import { act } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FAR_BELOW, FAR_MIN_STEPS, farAt, NEAR_FROM } from "../../../src/ui/canvas/level-of-detail";
import { makeStore, paneOfSize, renderCanvas, widerTemplate } from "./render-canvas";

// Wide enough for the whole template at zoom 0.5, where every word is drawn.
paneOfSize({ width: 2400, height: 1000 });

const all = (selector: string) => [...document.querySelectorAll<HTMLElement | SVGElement>(selector)];
/** Accessible name by element id (React Flow's data-id) for the steps or handoffs in the DOM. */
const names = (selector: string) =>
  new Map(all(selector).map((el) => [el.getAttribute("data-id"), el.getAttribute("aria-label")]));

describe("level of detail: the zoom at which words are drawn", () => {
  it("given full detail, then it turns far only below FAR_BELOW", () => {
    expect(farAt(1, false)).toBe(false);
    expect(farAt(NEAR_FROM, false)).toBe(false);
    expect(farAt(FAR_BELOW, false)).toBe(false);
    expect(farAt(FAR_BELOW - 0.01, false)).toBe(true);
    expect(farAt(0.1, false)).toBe(true);
  });

  it("given far detail, then it stays far until NEAR_FROM (a wheel resting on the line does not flip it)", () => {
    expect(farAt(FAR_BELOW + 0.01, true)).toBe(true);
    expect(farAt(NEAR_FROM - 0.01, true)).toBe(true);
    expect(farAt(NEAR_FROM, true)).toBe(false);
    expect(farAt(2, true)).toBe(false);
  });
});

describe("level of detail on the canvas", () => {
  it("given a big map at a readable zoom, when it zooms far out and back, then steps and handoffs lose and regain their words, keeping their names", async () => {
    const store = makeStore(widerTemplate(8));
    expect(store.getState().map.steps.length).toBeGreaterThan(FAR_MIN_STEPS);
    const canvas = await renderCanvas(store);
    const root = document.querySelector(".hf-canvas");
    // The template's first copy in view at both zooms: the same steps and handoffs are drawn.
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.5 }));
    const onScreen = new Set(all(".react-flow__node").map((node) => node.dataset.id));
    const map = { ...store.getState().map };
    map.steps = map.steps.filter((step) => onScreen.has(step.id));
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.3 }));
    const farOnScreen = all(".react-flow__node").map((node) => node.dataset.id);
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.5 }));
    expect(farOnScreen.length).toBeGreaterThan(onScreen.size);

    const stepCount = map.steps.length;
    expect(stepCount).toBeGreaterThan(5);
    expect(all(".react-flow__node")).toHaveLength(stepCount);
    const stepNames = names(".react-flow__node");
    const handoffNames = names(".react-flow__edge");
    expect([...stepNames.values()].every((name) => name?.startsWith("Step: "))).toBe(true);
    expect(handoffNames.size).toBeGreaterThan(0);
    // Full detail: every step's label, the chips of steps with systems, handoff labels and flags' text.
    expect(root?.classList.contains("hf-canvas--far")).toBe(false);
    expect(all(".hf-step__label")).toHaveLength(stepCount);
    const withSystems = map.steps.filter((step) => step.systems.length > 0).length;
    expect(withSystems).toBeGreaterThan(0);
    expect(all(".hf-step__systems")).toHaveLength(withSystems);
    const labeled = all(".hf-edge__label").length;
    expect(labeled).toBeGreaterThan(0);
    const badges = all("[data-testid=step-edge-case-badge]");
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every((badge) => /^\d+$/.test(badge.textContent ?? ""))).toBe(true);
    const flags = all("[data-testid=edge-case-flag]");
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((flag) => (flag.querySelector("text")?.textContent ?? "").includes("EC-"))).toBe(true);

    // Far out: the shapes, badges as dots and flags as colored pills; no words; same names.
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.3 }));
    expect(root?.classList.contains("hf-canvas--far")).toBe(true);
    for (const id of onScreen)
      expect(document.querySelector(`.react-flow__node[data-id="${id}"]`)).not.toBeNull();
    const farSteps = names(".react-flow__node");
    for (const [id, name] of stepNames) expect(farSteps.get(id)).toBe(name);
    const farHandoffs = names(".react-flow__edge");
    for (const [id, name] of handoffNames) expect(farHandoffs.get(id)).toBe(name);
    expect(all(".hf-step__label")).toHaveLength(0);
    expect(all(".hf-step__systems")).toHaveLength(0);
    expect(all(".hf-edge__label")).toHaveLength(0);
    expect(all("[data-testid=edge-sla]")).toHaveLength(0);
    expect(all("[data-testid=edge-crossing]")).toHaveLength(0);
    const dots = all("[data-testid=step-edge-case-badge]");
    expect(dots.length).toBeGreaterThanOrEqual(badges.length);
    expect(dots.every((dot) => dot.textContent === "")).toBe(true);
    const pills = all("[data-testid=edge-case-flag]");
    expect(pills.length).toBeGreaterThanOrEqual(flags.length);
    expect(
      pills.every((pill) => pill.querySelector("rect") !== null && pill.querySelector("text") === null),
    ).toBe(true);
    // Every decision keeps its diamond: the shape is what the far view shows.
    const decisions = all(".hf-step--decision").length;
    expect(decisions).toBeGreaterThan(0);
    expect(all(".hf-step--decision .hf-step__shape")).toHaveLength(decisions);

    // Back in, past the hysteresis: the words again.
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.42 }));
    expect(root?.classList.contains("hf-canvas--far")).toBe(true);
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.5 }));
    expect(root?.classList.contains("hf-canvas--far")).toBe(false);
    expect(all(".hf-step__label")).toHaveLength(stepCount);
    expect(all(".hf-step__systems")).toHaveLength(withSystems);
    expect(all(".hf-edge__label")).toHaveLength(labeled);
  });

  it("given a small map, when it zooms far out, then every word stays", async () => {
    const store = makeStore();
    expect(store.getState().map.steps.length).toBeLessThanOrEqual(FAR_MIN_STEPS);
    const canvas = await renderCanvas(store);
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.2 }));
    expect(document.querySelector(".hf-canvas")?.classList.contains("hf-canvas--far")).toBe(false);
    expect(all(".hf-step__label")).toHaveLength(all(".react-flow__node").length);
    expect(all(".hf-edge__label").length).toBeGreaterThan(0);
  });

  it("given a step whose label is being typed, when the view is far out, then the field stays", async () => {
    const store = makeStore(widerTemplate(8));
    const canvas = await renderCanvas(store);
    act(() => canvas.setViewport({ x: 20, y: 20, zoom: 0.3 }));
    const step = store.getState().map.steps[1];
    if (step === undefined) throw new Error("template without steps");
    act(() => store.getState().setEditingStep(step.id));
    expect(document.querySelector("textarea[aria-label='Step label']")).not.toBeNull();
  });
});
