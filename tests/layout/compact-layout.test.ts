import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactLayout, LayoutChip, LayoutPoint, LayoutRect } from "../../src/layout/compact-layout";
import { layoutForPositions } from "../../src/layout/layout-map";
import { shareLayout } from "../../src/layout/share-layout";
import { updateStep } from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import { arbitraryMap } from "../fixtures/arbitrary-map";

describe("compactLayout", () => {
  it("makes every point and rectangle an instance of its class, and changes nothing else", () => {
    const layout = layoutForPositions(createRevOpsTemplate());
    const compact = compactLayout(layout);
    expect(compact).toEqual(layout);
    expect(JSON.parse(JSON.stringify(compact))).toEqual(JSON.parse(JSON.stringify(layout)));
    expect(structuredClone(compact)).toEqual(layout);
    expect(compact.steps.every((box) => box.textArea instanceof LayoutRect)).toBe(true);
    const chips = compact.steps.flatMap((box) => box.systems?.chips ?? []);
    expect(chips.length).toBeGreaterThan(0);
    expect(chips.every((chip) => chip instanceof LayoutChip)).toBe(true);
    expect(compact.handoffs.every((route) => route.labelAnchor instanceof LayoutPoint)).toBe(true);
    const blocks = compact.handoffs.flatMap((route) =>
      route.labelBlock === undefined ? [] : [route.labelBlock],
    );
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((block) => block instanceof LayoutRect)).toBe(true);
  });

  it("hands back what is already compact as it is", () => {
    const compact = compactLayout(layoutForPositions(createRevOpsTemplate()));
    const again = compactLayout(compact);
    expect(again.steps.every((box, i) => box === compact.steps[i])).toBe(true);
    expect(again.handoffs.every((route, i) => route === compact.handoffs[i])).toBe(true);
  });

  it("stays compact through shareLayout: a changed box's new text area is a LayoutRect, unchanged ones are the previous objects", () => {
    const map = createRevOpsTemplate();
    const previous = shareLayout(null, layoutForPositions(map));
    const step = map.steps.at(-1);
    if (step === undefined) throw new Error("template changed");
    const renamed = updateStep(map, step.id, {
      label: "A much longer label that wraps over more lines than before",
    });
    const next = shareLayout(previous, structuredClone(layoutForPositions(renamed)));
    const box = next.steps.find((b) => b.id === step.id);
    expect(box?.textArea).toBeInstanceOf(LayoutRect);
    expect(box?.textArea).not.toBe(previous.steps.find((b) => b.id === step.id)?.textArea);
    for (const route of next.handoffs) expect(route.labelAnchor).toBeInstanceOf(LayoutPoint);
    expect(next.steps.filter((b) => previous.steps.includes(b)).length).toBeGreaterThan(0);
  });

  it("property: deep-equals the layout it was made from, for any map", () => {
    fc.assert(
      fc.property(arbitraryMap({ maxSteps: 12 }), (map) => {
        const layout = layoutForPositions(map);
        expect(compactLayout(layout)).toEqual(layout);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });
});
