import { describe, expect, it } from "vitest";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { handoff, map, step } from "../fixtures/model-maps";

/**
 * Steps without handoffs are ranked by us, not by ELK: in one wide layer ELK took quadratic time
 * and memory (3,000 such steps: 45 s and 3 GB, and a 10 MB map ran Node out of memory).
 */
describe("steps without any handoff", () => {
  it("take the first column of their lane, after the connected steps, in file order", async () => {
    const given = map({
      steps: [step("lonely-1", "a"), step("x", "a"), step("y", "b"), step("lonely-2", "a")],
      handoffs: [handoff("h", "x", "y")],
    });
    const layout = await layoutMap(createNodeElk(), given, { mode: "auto" });
    const box = new Map(layout.steps.map((b) => [b.id, b]));
    expect(box.get("lonely-1")?.x).toBe(box.get("x")?.x);
    expect(box.get("lonely-2")?.x).toBe(box.get("x")?.x);
    expect(box.get("x")?.y).toBeLessThan(box.get("lonely-1")?.y ?? 0);
    expect(box.get("lonely-1")?.y).toBeLessThan(box.get("lonely-2")?.y ?? 0);
  });

  it("a map of 10,000 unconnected steps is laid out, every step in its lane", async () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => step(`s${i}`, i % 2 === 0 ? "a" : "b"));
    const layout = await layoutMap(createNodeElk(), map({ steps }), { mode: "auto" });
    expect(layout.steps).toHaveLength(10_000);
    const bands = new Map(layout.lanes.map((l) => [l.id, l]));
    const laneOf = new Map(steps.map((s) => [s.id, s.lane]));
    for (const b of layout.steps) {
      const band = bands.get(laneOf.get(b.id) ?? "");
      expect(b.y).toBeGreaterThanOrEqual(band?.y ?? Number.NaN);
      expect(b.y + b.height).toBeLessThanOrEqual((band?.y ?? 0) + (band?.height ?? 0));
    }
  });
});
