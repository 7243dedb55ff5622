import { describe, expect, it } from "vitest";
import { filePositions } from "../../src/layout/geometry";
import { layoutMap } from "../../src/layout/layout-map";
import { lazyElk } from "../../src/layout/lazy-elk";
import { createNodeElk } from "../../src/layout/node-elk";
import { createRevOpsTemplate } from "../../src/model/templates";

/** A lazy ELK whose loads are counted; `fail` makes the load with that number throw. */
function countingElk(fail?: number) {
  const counter = { loads: 0 };
  const elk = lazyElk(async () => {
    counter.loads++;
    if (counter.loads === fail) throw new Error("chunk failed to load");
    return createNodeElk();
  });
  return { elk, counter };
}

describe("lazyElk", () => {
  it("loads ELK on the first layout that needs it, once, and lays out with it", async () => {
    const { elk, counter } = countingElk();
    const map = createRevOpsTemplate();
    expect(counter.loads).toBe(0);
    const [a, b] = await Promise.all([
      layoutMap(elk, map, { mode: "auto" }),
      layoutMap(elk, map, { mode: "auto" }),
    ]);
    expect(counter.loads).toBe(1);
    expect(a).toEqual(b);
    expect(a).toEqual(await layoutMap(createNodeElk(), map, { mode: "auto" }));
  });

  it("does not load ELK for a map whose steps are all placed (keep mode)", async () => {
    const { elk, counter } = countingElk();
    const map = createRevOpsTemplate();
    const auto = await layoutMap(createNodeElk(), map, { mode: "auto" });
    const positions = filePositions(auto, new Map(map.steps.map((s) => [s.id, s.lane])));
    const placed = { ...map, steps: map.steps.map((s) => ({ ...s, position: positions.get(s.id) })) };
    await layoutMap(elk, placed, { mode: "keep" });
    expect(counter.loads).toBe(0);
  });

  it("given a failed load, then the layout rejects with its error and the next one loads again", async () => {
    const { elk, counter } = countingElk(1);
    const map = createRevOpsTemplate();
    await expect(layoutMap(elk, map, { mode: "auto" })).rejects.toThrow("chunk failed to load");
    await expect(layoutMap(elk, map, { mode: "auto" })).resolves.toBeDefined();
    expect(counter.loads).toBe(2);
  });
});
