import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flowOrder, stepHandoffs } from "../../src/model/flow-order";
import { createRevOpsTemplate } from "../../src/model/templates";
import { wsMap, wsStep } from "../fixtures/workshop-fixtures";

const start = (id: string) => wsStep(id, { kind: "start" });

describe("flowOrder", () => {
  it("walks a straight line from the start", () => {
    // given a chain whose steps are listed out of order
    const map = wsMap(["c", "b", start("a")], ["b>c", "a>b"]);
    // when / then
    expect(flowOrder(map)).toMatchObject({ steps: ["a", "b", "c"], reachableCount: 3 });
  });

  it("follows a branch to its end before the next branch, and waits at a merge", () => {
    // a -> b -> d, a -> c -> d: d waits for both branches
    const map = wsMap([start("a"), "b", "c", "d", "e"], ["a>b", "a>c", "b>d", "c>d", "b>e"]);
    expect(flowOrder(map).steps).toEqual(["a", "b", "e", "c", "d"]);
  });

  it("shows a loop back as a handoff and never visits its target twice", () => {
    const map = wsMap([start("a"), "b", "c", "d"], ["a>b", "b>c", "c>b", "c>d"]);
    const order = flowOrder(map);
    expect(order.steps).toEqual(["a", "b", "c", "d"]);
    expect([...order.loopBacks]).toEqual(["c>b"]);
  });

  it("walks several starts in map order, sharing what they reach", () => {
    const map = wsMap(["m", start("s2"), start("s1"), "end"], ["s1>m", "s2>m", "m>end"]);
    expect(flowOrder(map).steps).toEqual(["s2", "s1", "m", "end"]);
  });

  it("uses steps without incoming handoffs when no step is of kind start", () => {
    const map = wsMap(["b", "a", "x"], ["a>b", "x>b"]);
    expect(flowOrder(map).steps).toEqual(["a", "x", "b"]);
  });

  it("lists unreachable steps at the end in map order", () => {
    const map = wsMap(["island-2", start("a"), "b", "island-1"], ["a>b", "island-1>island-2"]);
    const order = flowOrder(map);
    expect(order.steps).toEqual(["a", "b", "island-2", "island-1"]);
    expect(order.reachableCount).toBe(2);
  });

  it("starts a pure cycle at its first step", () => {
    const map = wsMap(["a", "b", "c"], ["a>b", "b>c", "c>a"]);
    const order = flowOrder(map);
    expect(order.steps).toEqual(["a", "b", "c"]);
    expect([...order.loopBacks]).toEqual(["c>a"]);
  });

  it("treats __proto__ as an ordinary id and ignores broken handoffs", () => {
    const map = wsMap([start("__proto__"), "constructor"], ["__proto__>constructor", "ghost>constructor"]);
    expect(flowOrder(map).steps).toEqual(["__proto__", "constructor"]);
  });

  it("walks the RevOps template from the raised hand to the renewal, nurture after the main line", () => {
    const map = createRevOpsTemplate();
    const order = flowOrder(map);
    expect(order.steps[0]).toBe("prospect-raises-hand");
    expect(order.reachableCount).toBe(map.steps.length);
    expect(order.steps.indexOf("enrich-route")).toBeLessThan(order.steps.indexOf("discovery"));
    expect(order.loopBacks.has("h7")).toBe(true); // nurture -> enrichment goes back
  });

  it("lists every step exactly once, and never puts a step before one that hands off to it (loop backs aside)", () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        starts: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ n, starts, edges }) => {
        const ids = Array.from({ length: n }, (_, i) => `s${i}`);
        const map = wsMap(
          ids.map((id, i) => wsStep(id, { kind: starts[i] ? "start" : "task" })),
          edges.map(([from, to], i) => ({
            id: `h${i}`,
            from: `s${from}`,
            to: `s${to}`,
            label: "",
            edgeCases: [],
          })),
        );
        const order = flowOrder(map);
        expect([...order.steps].sort()).toEqual([...ids].sort());
        const position = new Map(order.steps.map((id, i) => [id, i]));
        for (const handoff of map.handoffs) {
          if (handoff.from === handoff.to || order.loopBacks.has(handoff.id)) continue;
          const from = position.get(handoff.from) as number;
          const to = position.get(handoff.to) as number;
          if (from < order.reachableCount) expect(from).toBeLessThan(to);
        }
      }),
    );
  });
});

describe("stepHandoffs", () => {
  it("gives the incoming and outgoing handoffs in map order", () => {
    const map = wsMap(["a", "b", "c"], ["a>b", "b>c", "c>b"]);
    const { incoming, outgoing } = stepHandoffs(map, "b");
    expect(incoming.map((h) => h.id)).toEqual(["a>b", "c>b"]);
    expect(outgoing.map((h) => h.id)).toEqual(["b>c"]);
  });
});
