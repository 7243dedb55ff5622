import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { layoutForPositions } from "../../src/layout/layout-map";
import { share, shareLayout } from "../../src/layout/share-layout";
import type { MapLayout } from "../../src/layout/types";
import { setPositions, updateStep } from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";

/** The template with every step placed, as a saved map is. */
function placedTemplate(): { map: HandoffMap; layout: MapLayout } {
  const base = createRevOpsTemplate();
  const first = layoutForPositions(base);
  const positions = filePositions(first, new Map(base.steps.map((s) => [s.id, s.lane])));
  const map = { ...base, steps: base.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
  return { map, layout: layoutForPositions(map) };
}

describe("shareLayout", () => {
  it("given the same layout again (as from the worker, a fresh clone), then it returns the previous object", () => {
    const { layout } = placedTemplate();
    expect(shareLayout(layout, structuredClone(layout))).toBe(layout);
  });

  it("given one step renamed, then only what the rename changed is new; the rest is the previous objects", () => {
    const { map, layout } = placedTemplate();
    // The last step: a longer label there pushes no other step aside (the template now stands
    // where auto layout puts it, tightly, so the first step's growth would shift most of them).
    const step = map.steps.at(-1);
    if (step === undefined) throw new Error("template changed");
    const renamed = updateStep(map, step.id, {
      label: "A much longer label that wraps over more lines than before",
    });
    const next = structuredClone(layoutForPositions(renamed));
    const shared = shareLayout(layout, next);
    expect(shared).toEqual(next);
    const before = new Map(layout.steps.map((b) => [b.id, b]));
    const changed = shared.steps.filter((box) => box !== before.get(box.id)).map((b) => b.id);
    expect(changed).toContain(step.id);
    expect(changed.length).toBeLessThan(shared.steps.length / 2);
    const routesBefore = new Map(layout.handoffs.map((r) => [r.id, r]));
    expect(shared.handoffs.some((r) => r === routesBefore.get(r.id))).toBe(true);
  });

  it("given a moved box, then its unchanged parts (lines, text area, chips) are still shared", () => {
    const { map, layout } = placedTemplate();
    const step = map.steps.find((s) => s.systems.length > 0);
    if (step?.position === undefined) throw new Error("template changed");
    const moved = setPositions(map, new Map([[step.id, { x: step.position.x + 40, y: step.position.y }]]));
    const shared = shareLayout(layout, structuredClone(layoutForPositions(moved)));
    const before = layout.steps.find((b) => b.id === step.id);
    const after = shared.steps.find((b) => b.id === step.id);
    expect(after).not.toBe(before);
    expect(after?.x).toBe((before?.x ?? 0) + 40);
    expect(after?.lines).toBe(before?.lines);
    expect(after?.textArea).toBe(before?.textArea);
    expect(after?.systems).toBe(before?.systems);
  });

  it("matches elements by id, so a step added at the front does not unshare the rest", () => {
    const previous = {
      steps: [
        { id: "a", x: 1 },
        { id: "b", x: 2 },
      ],
    };
    const next = {
      steps: [
        { id: "new", x: 0 },
        { id: "a", x: 1 },
        { id: "b", x: 2 },
      ],
    };
    const shared = share(previous, next) as typeof next;
    expect(shared.steps[1]).toBe(previous.steps[0]);
    expect(shared.steps[2]).toBe(previous.steps[1]);
    expect(shared.steps[0]).toBe(next.steps[0]);
  });

  it("does not match by id when ids repeat, and never mixes keys in or out", () => {
    const previous = {
      list: [
        { id: "a", v: 1 },
        { id: "a", v: 2 },
      ],
      gone: 1,
    };
    const next = {
      list: [
        { id: "a", v: 2 },
        { id: "a", v: 1 },
      ],
      added: 2,
    };
    const shared = share(previous, next);
    expect(shared).toEqual(next);
    expect(Object.keys(shared as object)).toEqual(["list", "added"]);
  });

  it("property: the result always deep-equals the next layout, and equal boxes are the previous objects", () => {
    fc.assert(
      fc.property(arbitraryMap({ maxSteps: 12 }), arbitraryMap({ maxSteps: 12 }), (a, b) => {
        const previous = layoutForPositions(a);
        const next = layoutForPositions(b);
        const shared = shareLayout(previous, structuredClone(next));
        expect(shared).toEqual(next);
        const before = new Map(previous.steps.map((box) => [box.id, box]));
        for (const box of shared.steps) {
          const old = before.get(box.id);
          if (old !== undefined && JSON.stringify(old) === JSON.stringify(box)) expect(box).toBe(old);
        }
      }),
      { numRuns: 80, seed: 20261127 },
    );
  });
});
