/**
 * Maps far bigger than a workshop's: nothing in the layout may recurse once per step (ELK's
 * layerers do, and a 10,000-step chain overflowed the stack), and the layout of 10,000 steps
 * finishes. Its time is recorded by the layout bench, not here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateMap } from "../../bench/generate-map";
import {
  ELK_MAX_CONNECTED_STEPS,
  type ElkLayouter,
  iterativeRanks,
  layoutMap,
} from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import type { HandoffMap } from "../../src/model/types";

/** A generated map whose handoffs are one chain s0 -> s1 -> ... -> s(n-1): the deepest graph. */
function chainMap(steps: number): HandoffMap {
  const map = generateMap({ steps, seed: 7 });
  return {
    ...map,
    handoffs: map.steps
      .slice(1)
      .map((s, i) => ({ id: `h${i}`, from: `s${i}`, to: s.id, label: "", edgeCases: [] })),
  };
}

describe("layout of very big maps", () => {
  it("given a 10,000-step chain, when laid out automatically, then every step gets a box left to right", async () => {
    const map = chainMap(10_000);
    const layout = await layoutMap(createNodeElk(), map, { mode: "auto" });
    expect(layout.steps).toHaveLength(10_000);
    expect(layout.handoffs).toHaveLength(9_999);
    const x = new Map(layout.steps.map((b) => [b.id, b.x]));
    for (const h of map.handoffs) expect(x.get(h.to) ?? 0).toBeGreaterThan(x.get(h.from) ?? 0);
  }, 60_000);

  it("never hands ELK more connected steps than its recursive layering survives", async () => {
    const sizes: number[] = [];
    const elk = createNodeElk();
    const spy: ElkLayouter = {
      layout: (graph) => {
        sizes.push(graph.children?.length ?? 0);
        return elk.layout(graph);
      },
    };
    await layoutMap(spy, chainMap(ELK_MAX_CONNECTED_STEPS + 1), { mode: "auto" });
    await layoutMap(spy, chainMap(300), { mode: "auto" });
    expect(sizes).toEqual([300]);
  }, 60_000);

  it("property: iterative ranks put every handoff's target right of its source", () => {
    const dag = fc.integer({ min: 2, max: 60 }).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))
            .filter(([a, b]) => a !== b)
            .map(([a, b]): [string, string] => [`n${Math.min(a, b)}`, `n${Math.max(a, b)}`]),
          { maxLength: 3 * n },
        ),
      ),
    );
    fc.assert(
      fc.property(dag, ([n, edges]) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i}`);
        const rank = iterativeRanks(ids, edges);
        for (const [from, to] of edges) expect(rank.get(to) ?? 0).toBeGreaterThan(rank.get(from) ?? 0);
        for (const r of rank.values()) expect(r).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
