import { describe, expect, it } from "vitest";
import type { ElkLayouter } from "../../src/layout/layout-map";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { createRevOpsTemplate } from "../../src/model/templates";

/** An ELK that fails the test if anyone asks it for a layout. */
const noElk: ElkLayouter = {
  layout: () => {
    throw new Error("ELK was asked for a layout");
  },
};

const boxes = (layout: Awaited<ReturnType<typeof layoutMap>>) =>
  layout.steps.map((s) => ({ id: s.id, x: s.x, y: s.y, width: s.width, height: s.height }));

describe("the RevOps template opens placed", () => {
  it("given the template, then every step has a position", () => {
    const map = createRevOpsTemplate();
    expect(map.steps.filter((s) => s.position === undefined).map((s) => s.id)).toEqual([]);
  });

  it("when a new map from it is laid out, then ELK is never asked (the worker never loads it)", async () => {
    const map = createRevOpsTemplate();
    await expect(layoutMap(noElk, map)).resolves.toBeDefined();
    await expect(layoutMap(noElk, map, { mode: "keep" })).resolves.toBeDefined();
  });

  it("its positions are the ones auto layout gives, so it looks as an auto laid out map", async () => {
    const map = createRevOpsTemplate();
    const kept = await layoutMap(noElk, map, { mode: "keep" });
    const auto = await layoutMap(createNodeElk(), map, { mode: "auto" });
    expect(boxes(kept)).toEqual(boxes(auto));
  });
});
