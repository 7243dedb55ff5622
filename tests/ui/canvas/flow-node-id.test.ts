import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flowNodeId, stepIdOfNode } from "../../../src/ui/canvas/flow-adapter";

describe("React Flow node ids for step ids", () => {
  it("leave ordinary ids as they are", () => {
    for (const id of ["discovery", "s12", "a b", "ü", "__proto__", "x]y[z"]) expect(flowNodeId(id)).toBe(id);
  });

  it("hold no character that breaks a quoted CSS attribute selector", () => {
    expect(flowNodeId('qualify "lead" \\ ~x')).not.toMatch(/["\\\n\r\f\0]/);
  });

  it("property: any step id comes back exactly, and distinct ids stay distinct", () => {
    const id = fc.string({
      unit: fc.constantFrom("a", "~", '"', "\\", "\n", "]", "1", "f", "~7e~"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(stepIdOfNode(flowNodeId(a))).toBe(a);
        if (a !== b) expect(flowNodeId(a)).not.toBe(flowNodeId(b));
        expect(flowNodeId(a)).not.toMatch(/["\\\n\r\f\0]/);
      }),
      { numRuns: 500, seed: 20261206 },
    );
  });
});
