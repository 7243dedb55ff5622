// @vitest-environment jsdom
import "../jsdom-setup";
import { act } from "@testing-library/react";
import { type FunctionComponent, memo } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeStore, PANE, paneOfSize, renderCanvas, stepsOnScreen } from "./render-canvas";

/**
 * Panning moves one transform: React renders nothing for it. The canvas's components are wrapped
 * (vi.mock) so every render of a step, a handoff, the lane layer, the headers and the overview is
 * counted, by id for steps and handoffs.
 */
const renders = vi.hoisted(() => ({
  steps: new Map<string, number>(),
  edges: new Map<string, number>(),
  layers: new Map<string, number>(),
}));

function bump(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * The component's own function called inside a counting one (its hooks become the counter's, so
 * a render its own hooks cause counts too), memoized as the original was.
 */
function counted<P extends object>(
  original: unknown,
  count: (props: P) => void,
  memoized: boolean,
): FunctionComponent<P> {
  const inner = (memoized ? (original as { type: FunctionComponent<P> }).type : original) as (
    props: P,
  ) => never;
  // biome-ignore lint/correctness/noComponentHookFactories: made once per mocked module (vi.mock), not per render
  const Counted = (props: P) => {
    count(props);
    return inner(props);
  };
  return memoized ? (memo(Counted) as unknown as FunctionComponent<P>) : Counted;
}

vi.mock("../../../src/ui/canvas/StepNode", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/ui/canvas/StepNode")>();
  return {
    ...original,
    StepNode: counted<{ id: string }>(original.StepNode, (p) => bump(renders.steps, p.id), true),
  };
});
vi.mock("../../../src/ui/canvas/HandoffEdge", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/ui/canvas/HandoffEdge")>();
  return {
    ...original,
    HandoffEdge: counted<{ id: string }>(original.HandoffEdge, (p) => bump(renders.edges, p.id), true),
  };
});
vi.mock("../../../src/ui/canvas/LaneLayer", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/ui/canvas/LaneLayer")>();
  return { ...original, LaneLayer: counted(original.LaneLayer, () => bump(renders.layers, "lanes"), true) };
});
vi.mock("../../../src/ui/canvas/HeaderOverlay", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/ui/canvas/HeaderOverlay")>();
  return {
    ...original,
    HeaderOverlay: counted(original.HeaderOverlay, () => bump(renders.layers, "headers"), true),
  };
});
vi.mock("../../../src/ui/canvas/OverviewMap", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/ui/canvas/OverviewMap")>();
  return {
    ...original,
    OverviewMap: counted(original.OverviewMap, () => bump(renders.layers, "overview"), true),
  };
});

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

paneOfSize();

describe("panning the canvas", () => {
  beforeEach(() => {
    renders.steps.clear();
    renders.edges.clear();
    renders.layers.clear();
  });

  it("given steps and handoffs on screen, when the view pans and zooms a little, then no step, handoff, lane layer, header or overview renders", async () => {
    const store = makeStore();
    const canvas = await renderCanvas(store);
    // The whole template on screen, with room around it: small moves keep every step in view.
    const layout = store.getState().layout;
    if (layout === null) throw new Error("no layout");
    const zoom = Math.min(PANE.width / layout.width, PANE.height / layout.height) * 0.6;
    act(() => canvas.setViewport({ x: 200, y: 120, zoom }));
    const shown = stepsOnScreen();
    expect(shown.length).toBe(store.getState().map.steps.length);
    expect(total(renders.steps)).toBeGreaterThan(0);
    expect(total(renders.edges)).toBeGreaterThan(0);
    expect(renders.layers.get("lanes")).toBeGreaterThan(0);
    renders.steps.clear();
    renders.edges.clear();
    renders.layers.clear();

    // Sixty frames of a hand panning in a small circle, then a wheel's worth of zoom.
    for (let i = 0; i < 60; i++)
      act(() => canvas.setViewport({ x: 200 + 20 * Math.sin(i / 6), y: 120 + 12 * Math.cos(i / 6), zoom }));
    for (let i = 0; i < 10; i++)
      act(() => canvas.setViewport({ x: 200, y: 120, zoom: zoom * (1 + i / 100) }));

    expect(canvas.getViewport()?.zoom).toBeCloseTo(zoom * 1.09);
    expect(stepsOnScreen()).toEqual(shown);
    expect(Object.fromEntries(renders.steps)).toEqual({});
    expect(Object.fromEntries(renders.edges)).toEqual({});
    expect(Object.fromEntries(renders.layers)).toEqual({});
  });

  it("given a view on part of the map, when a pan brings other steps into view, then only those render, once each", async () => {
    const store = makeStore();
    const canvas = await renderCanvas(store);
    const layout = store.getState().layout;
    if (layout === null) throw new Error("no layout");
    // At zoom 1 on the left part of the map (it is about three panes wide).
    act(() => canvas.setViewport({ x: 0, y: 0, zoom: 1 }));
    const before = new Set(stepsOnScreen());
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(store.getState().map.steps.length);
    renders.steps.clear();
    renders.layers.clear();

    // Pan right in small steps, as a drag does, until the middle of the map is in view.
    const end = -layout.width / 2;
    for (let x = 0; x >= end; x -= 15) act(() => canvas.setViewport({ x, y: 0, zoom: 1 }));

    const after = new Set(stepsOnScreen());
    const cameIntoView = [...after].filter((id) => !before.has(id));
    expect(cameIntoView.length).toBeGreaterThan(0);
    // Every render was a step coming into view, once (the pan only goes one way: none comes back).
    for (const [id, count] of renders.steps) {
      expect(before.has(id), `${id} was on screen before, yet rendered`).toBe(false);
      expect(count, `${id} rendered ${count} times`).toBe(1);
    }
    for (const id of cameIntoView) expect(renders.steps.get(id)).toBe(1);
    expect(Object.fromEntries(renders.layers)).toEqual({});
  });
});
