import { beforeAll, describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { defaultMode, firstPaintLayout, layoutForPositions, layoutMap } from "../../src/layout/layout-map";
import { DEFAULT_METRICS, measureStep } from "../../src/layout/metrics";
import { createNodeElk } from "../../src/layout/node-elk";
import { pathPoints } from "../../src/layout/route-path";
import type { MapLayout } from "../../src/layout/types";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { AWKWARD_MAPS, chain, makeMap, manyBackEdges, oneLaneThirtySteps } from "../fixtures/maps";
import { layoutViolations } from "./invariants";

const elk = createNodeElk();

/** The map with every step's position taken from a layout, as the canvas would save it. */
function withPositions(map: HandoffMap, layout: MapLayout, keep: (index: number) => boolean = () => true) {
  const positions = filePositions(layout, new Map(map.steps.map((s) => [s.id, s.lane])));
  return {
    ...map,
    steps: map.steps.map((s, i) => {
      const position = positions.get(s.id);
      return keep(i) && position ? { ...s, position } : { ...s, position: undefined };
    }),
  };
}

describe("layoutMap on the RevOps template", () => {
  const map = createRevOpsTemplate();
  let layout: MapLayout;
  beforeAll(async () => {
    layout = await layoutMap(elk, map, { mode: "auto" });
  });

  it("keeps every geometry invariant", () => {
    expect(layoutViolations(map, layout)).toEqual([]);
  });

  it("reads left to right: each forward handoff's target starts right of its source", () => {
    const boxes = new Map(layout.steps.map((b) => [b.id, b]));
    const forward = map.handoffs.filter((h) => {
      const a = boxes.get(h.from);
      const b = boxes.get(h.to);
      return a && b && b.x > a.x;
    });
    // Everything except the loops (re-qualify, deal-desk rework, renewal) flows right.
    expect(forward.length).toBeGreaterThanOrEqual(map.handoffs.length - 3);
  });

  it("draws each box with the lines and size measureStep gives", () => {
    for (const step of map.steps) {
      const box = layout.steps.find((b) => b.id === step.id);
      const size = measureStep(step.label, DEFAULT_METRICS, { kind: step.kind, systems: step.systems });
      expect(box).toMatchObject({
        width: size.width,
        height: size.height,
        lines: size.lines,
        textArea: size.textArea,
      });
      expect(box?.systems).toEqual(size.systems);
    }
  });

  it("is deterministic: two runs on separate ELK instances give identical output", async () => {
    const again = await layoutMap(createNodeElk(), structuredClone(map), { mode: "auto" });
    expect(again).toEqual(layout);
  });

  it("given the auto layout saved as positions, when laid out in keep mode, then nothing moves", async () => {
    const placed = withPositions(map, layout);
    expect(defaultMode(placed)).toBe("keep");
    const kept = await layoutMap(elk, placed);
    expect(kept.steps).toEqual(layout.steps);
    expect(kept.lanes).toEqual(layout.lanes);
    expect(layoutViolations(placed, kept)).toEqual([]);
  });
});

describe("layoutMap on awkward maps", () => {
  it.each(AWKWARD_MAPS)("%s: auto layout keeps every invariant", async (_name, make) => {
    const map = make();
    const layout = await layoutMap(elk, map, { mode: "auto" });
    expect(layoutViolations(map, layout)).toEqual([]);
  });

  it.each(AWKWARD_MAPS)(
    "%s: keep mode with half the steps placed keeps them and every invariant",
    async (_n, make) => {
      const map = make();
      const auto = await layoutMap(elk, map, { mode: "auto" });
      const placed = withPositions(map, auto, (i) => i % 2 === 0);
      const layout = await layoutMap(elk, placed, { mode: "keep" });
      expect(layoutViolations(placed, layout)).toEqual([]);
      for (const step of placed.steps) {
        if (!step.position) continue;
        const box = layout.steps.find((b) => b.id === step.id);
        const band = layout.lanes.find((l) => l.id === step.lane);
        expect({ x: (box?.x ?? 0) - layout.laneHeaderWidth, y: (box?.y ?? 0) - (band?.y ?? 0) }).toEqual(
          step.position,
        );
      }
    },
  );

  it("one lane of 30 steps is one row, left to right", async () => {
    const map = oneLaneThirtySteps();
    const layout = await layoutMap(elk, map, { mode: "auto" });
    const xs = map.steps.map((s) => layout.steps.find((b) => b.id === s.id)?.x ?? 0);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(layout.steps.map((b) => b.y + b.height / 2)).size).toBe(1);
  });

  it("a back edge in one lane goes over or under the steps in between", async () => {
    const map = makeMap({
      lanes: ["only"],
      steps: ["a", "b", "c", "d"].map((id) => ({ id, lane: "only" })),
      handoffs: [...chain(["a", "b", "c", "d"]), ["d", "a", "start again"]],
    });
    const layout = await layoutMap(elk, map, { mode: "auto" });
    expect(layoutViolations(map, layout)).toEqual([]);
    const back = layout.handoffs.find((h) => h.id === "h3");
    const row = layout.steps.find((b) => b.id === "b");
    const outside = pathPoints(back?.path ?? []).some(
      (p) => p.y < (row?.y ?? 0) || p.y > (row?.y ?? 0) + (row?.height ?? 0),
    );
    expect(outside).toBe(true);
  });

  it("many back edges: every loop is routed without crossing a step", async () => {
    const map = manyBackEdges();
    const layout = await layoutMap(elk, map, { mode: "auto" });
    expect(layoutViolations(map, layout)).toEqual([]);
  });

  it("an empty map has one empty lane area and no boxes", async () => {
    const map = makeMap({ lanes: [] });
    const layout = await layoutMap(elk, map);
    expect(layout.steps).toEqual([]);
    expect(layout.height).toBe(DEFAULT_METRICS.phaseHeaderHeight);
  });

  it("the blank template lays out", async () => {
    const map = createBlankTemplate();
    const layout = await layoutMap(elk, map);
    expect(layoutViolations(map, layout)).toEqual([]);
  });

  it("keep mode places a new step beside its placed predecessor without overlapping anything", () => {
    const map = makeMap({
      lanes: ["a", "b"],
      phases: ["p", "q"],
      steps: [
        { id: "a1", lane: "a", phase: "p", position: { x: 30, y: 24 } },
        { id: "a2", lane: "a", phase: "p", position: { x: 30, y: 110 } },
        { id: "new", lane: "a", phase: "p" },
        { id: "b1", lane: "b", phase: "q", position: { x: 600, y: 24 } },
      ],
      handoffs: [
        ["a1", "new"],
        ["new", "b1"],
      ],
    });
    const layout = layoutForPositions(map);
    expect(layoutViolations(map, layout)).toEqual([]);
    const a1 = layout.steps.find((b) => b.id === "a1");
    const created = layout.steps.find((b) => b.id === "new");
    expect(created?.x).toBeGreaterThan((a1?.x ?? 0) + (a1?.width ?? 0));
  });

  it("metrics knobs change the boxes", async () => {
    const map = oneLaneThirtySteps();
    const wide = await layoutMap(elk, map, {
      mode: "auto",
      metrics: { stepMinWidth: 190, stepMaxWidth: 190 },
    });
    expect(wide.steps.every((b) => b.width === 190)).toBe(true);
    expect(layoutViolations(map, wide)).toEqual([]);
  });
});

describe("firstPaintLayout", () => {
  it("given every step placed, then the full layout's bands and boxes, without routes", async () => {
    const map = createRevOpsTemplate();
    const placed = withPositions(map, await layoutMap(elk, map, { mode: "auto" }));
    const quick = firstPaintLayout(placed);
    const full = layoutForPositions(placed);
    if (quick === null) throw new Error("every step is placed");
    const { handoffs, unrouted, ...frame } = quick;
    const { handoffs: routes, ...fullFrame } = full;
    expect(frame).toEqual(fullFrame);
    expect(handoffs).toEqual([]);
    expect(unrouted).toBe(true);
    expect(routes.length).toBe(map.handoffs.length);
    expect(full.unrouted).toBeUndefined();
  });

  it("given a step without a position, then null (placing it is the full layout's job)", async () => {
    const map = createRevOpsTemplate();
    const placed = withPositions(map, await layoutMap(elk, map, { mode: "auto" }), (i) => i !== 3);
    expect(firstPaintLayout(placed)).toBeNull();
  });
});
