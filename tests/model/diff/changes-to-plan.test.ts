import { describe, expect, it } from "vitest";
import { changePlan } from "../../../src/model/change-plan";
import { changesToPlan } from "../../../src/model/diff/changes-to-plan";
import { diffMaps } from "../../../src/model/diff/diff-maps";
import * as ops from "../../../src/model/operations";
import { createRevOpsTemplate } from "../../../src/model/templates";

function pair() {
  const before = createRevOpsTemplate();
  let after = ops.moveStep(before, "enrich-route", { lane: "sdr" });
  after = ops.updateStep(after, "discovery", { owner: "Sales manager" });
  after = ops.connect(after, {
    id: "h-new",
    from: "lead-capture",
    to: "outreach-qualify",
    label: "fast lane",
  });
  after = ops.removeHandoff(after, "h7");
  after = ops.addStep(after, { id: "score", lane: "revops", label: "Score lead" });
  return { before, after };
}

describe("changes to plan", () => {
  it("turns a removed handoff, a new handoff, a moved step and a changed owner into open items with owners", () => {
    const { before, after } = pair();
    let n = 0;
    const result = changesToPlan(before, after, diffMaps(before, after), {
      context: "From the compare As-is → To-be.",
      newId: () => `ec-new-${++n}`,
    });
    expect(result.added.map((item) => [item.title, item.owner])).toEqual([
      ["Change: “Lead enrichment and routing” moves from Marketing Ops / RevOps to SDR", "Marketing Ops"],
      ["Change: “Discovery” owner Account executive → Sales manager", "Sales manager"],
      ["Change: new handoff “fast lane”", "SDR team lead"],
      ["Change: handoff “re-engaged lead” is removed", "Lifecycle marketing"],
    ]);
    // The new step has no handoff yet: named, not lost silently.
    expect(result.skipped).toEqual(["Change: new step “Score lead” (no handoff into or out of it yet)"]);
    const planned = changePlan(result.map).flatMap((g) => g.items.map((i) => i.edgeCase.title));
    expect(planned).toEqual(expect.arrayContaining(result.added.map((item) => item.title)));
  });

  it("adds nothing twice", () => {
    const { before, after } = pair();
    let n = 0;
    const newId = () => `ec-new-${++n}`;
    const once = changesToPlan(before, after, diffMaps(before, after), { context: "", newId });
    const twice = changesToPlan(before, once.map, diffMaps(before, after), { context: "", newId });
    expect(twice.added).toEqual([]);
    expect(twice.map).toBe(once.map);
  });
});
