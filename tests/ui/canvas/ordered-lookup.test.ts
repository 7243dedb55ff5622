import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderedLookup } from "../../../src/ui/canvas/ordered-lookup";

const items = (ids: readonly string[]) => ids.map((id, n) => ({ id, n }));

describe("orderedLookup", () => {
  it("answers a walk in the list's own order, and one out of order, with the item of that id", () => {
    const list = items(["a", "b", "c", "d"]);
    const inOrder = orderedLookup(list);
    expect(["a", "b", "c", "d"].map((id) => inOrder.get(id)?.n)).toEqual([0, 1, 2, 3]);
    const shuffled = orderedLookup(list);
    expect(["c", "a", "x", "d", "b", "b"].map((id) => shuffled.get(id)?.n)).toEqual([
      2,
      0,
      undefined,
      3,
      1,
      1,
    ]);
  });

  it("finds every id present and none absent, whatever the order of the questions", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 30 }),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 40 }),
        (ids, questions) => {
          const list = items(ids);
          const lookup = orderedLookup(list);
          for (const id of [...questions, ...ids]) {
            const found = lookup.get(id);
            if (ids.includes(id)) expect(found).toBe(list[ids.indexOf(id)]);
            else expect(found).toBeUndefined();
          }
        },
      ),
    );
  });

  it("builds no index for a walk in order, nor after getting back in step", () => {
    const list = items(["a", "b", "c", "d", "e"]);
    const built: unknown[] = [];
    const RealMap = globalThis.Map;
    globalThis.Map = class extends RealMap<unknown, unknown> {
      constructor(entries?: Iterable<readonly [unknown, unknown]> | null) {
        super(entries);
        built.push(this);
      }
    } as MapConstructor;
    try {
      const lookup = orderedLookup(list);
      for (const id of ["a", "b", "c", "d", "e"]) lookup.get(id);
      expect(built).toHaveLength(0);
      const skipping = orderedLookup(list);
      // "new" is not in the list (a step the layout has not reached): one index, then in step again.
      for (const id of ["a", "b", "new", "c", "d", "e"]) skipping.get(id);
      expect(built).toHaveLength(1);
    } finally {
      globalThis.Map = RealMap;
    }
  });
});
