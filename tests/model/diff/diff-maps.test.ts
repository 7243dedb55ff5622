import { describe, expect, it } from "vitest";
import { diffMaps, type EntityChange } from "../../../src/model/diff/diff-maps";
import { describeField, summarizeDiff } from "../../../src/model/diff/diff-summary";
import type { Handoff, HandoffMap } from "../../../src/model/types";
import { edgeCase, handoff, lane, map, step } from "../../fixtures/model-maps";

/** A small as-is map: SDR qualifies, AE discovers, one handoff with two edge cases. */
function asIs(): HandoffMap {
  return map({
    lanes: [
      lane("sdr", { name: "SDR" }),
      lane("mops", { name: "Marketing Ops" }),
      lane("ae", { name: "AE" }),
    ],
    phases: [{ id: "p1", name: "Engage" }],
    steps: [
      step("capture", "mops", { label: "Capture lead", position: { x: 0, y: 20 } }),
      step("qualify", "sdr", { label: "Qualify", owner: "Ana", phase: "p1", position: { x: 200, y: 20 } }),
      step("discover", "ae", { label: "Discovery", systems: ["Salesforce"], position: { x: 400, y: 20 } }),
    ],
    handoffs: [
      handoff("h1", "capture", "qualify", { label: "new lead" }),
      handoff("h2", "qualify", "discover", {
        label: "SQL",
        edgeCases: [
          edgeCase("ec1", { number: 1, title: "No budget", severity: "high" }),
          edgeCase("ec2", { number: 2, title: "Duplicate account" }),
        ],
      }),
    ],
  });
}

const find = (changes: EntityChange[], id: string) => changes.find((c) => c.id === id);

describe("diffMaps on hand-made pairs", () => {
  it("given the same map twice, when diffed, then there is no change", () => {
    const diff = diffMaps(asIs(), asIs());
    expect(diff.changes).toEqual([]);
    expect(summarizeDiff(diff)).toBe("No changes");
  });

  it("names an added and a removed entity of every kind", () => {
    const before = asIs();
    const after: HandoffMap = {
      ...before,
      lanes: [...before.lanes.filter((l) => l.id !== "ae"), lane("cs", { name: "CS" })],
      phases: [{ id: "p2", name: "Close" }],
      steps: [
        ...before.steps.filter((s) => s.id !== "discover" && s.id !== "qualify"),
        step("qualify", "sdr", { label: "Qualify", owner: "Ana" }),
        step("onboard", "cs", { label: "Onboard" }),
      ],
      handoffs: [
        handoff("h3", "qualify", "onboard", { edgeCases: [edgeCase("ec3", { title: "Missing contract" })] }),
      ],
    };
    const diff = diffMaps(before, after);
    const kinds = (change: "added" | "removed") =>
      diff.changes.filter((c) => c.change === change).map((c) => `${c.kind}:${c.id}`);
    expect(kinds("added")).toEqual(["lane:cs", "phase:p2", "step:onboard", "handoff:h3", "edgeCase:ec3"]);
    expect(kinds("removed")).toEqual([
      "lane:ae",
      "phase:p1",
      "step:discover",
      "handoff:h1",
      "handoff:h2",
      "edgeCase:ec1",
      "edgeCase:ec2",
    ]);
    // qualify lost its phase (p1 is gone): a change, named by the old phase's name
    expect(find(diff.changes, "qualify")?.fields).toEqual([
      { field: "phase", before: "p1", after: undefined, beforeText: "Engage", afterText: "no phase" },
    ]);
    expect(summarizeDiff(diff)).toBe(
      "+1 lane, +1 phase, +1 step, +1 handoff, +1 edge case, −1 lane, −1 phase, −1 step, −2 handoffs, −2 edge cases, 1 changed",
    );
  });

  it("calls a step in another lane a move, not a delete and an add", () => {
    const before = asIs();
    const after = {
      ...before,
      steps: before.steps.map((s) => (s.id === "qualify" ? { ...s, lane: "mops" } : s)),
    };
    const diff = diffMaps(before, after);
    expect(diff.changes).toHaveLength(1);
    const change = diff.changes[0] as EntityChange;
    expect(change).toMatchObject({ kind: "step", id: "qualify", change: "changed", label: "Qualify" });
    expect(describeField(change, change.fields[0] as never)).toBe("moved from SDR to Marketing Ops");
    expect(summarizeDiff(diff)).toBe("1 changed");
  });

  it("keeps the id through a rename: one change of label, before -> after", () => {
    const before = asIs();
    const after = {
      ...before,
      lanes: before.lanes.map((l) => (l.id === "sdr" ? { ...l, name: "BDR" } : l)),
      steps: before.steps.map((s) =>
        s.id === "discover" ? { ...s, label: "Discovery call", systems: [] } : s,
      ),
    };
    const diff = diffMaps(before, after);
    expect(find(diff.changes, "sdr")?.fields.map((f) => [f.field, f.beforeText, f.afterText])).toEqual([
      ["name", "SDR", "BDR"],
    ]);
    expect(find(diff.changes, "discover")).toMatchObject({ label: "Discovery call" });
    expect(find(diff.changes, "discover")?.fields.map((f) => [f.field, f.beforeText, f.afterText])).toEqual([
      ["label", "Discovery", "Discovery call"],
      ["systems", "Salesforce", "none"],
    ]);
  });

  it("counts edge cases that became mitigated, and says status and owner before -> after", () => {
    const before = asIs();
    const after = {
      ...before,
      handoffs: before.handoffs.map((h) =>
        h.id === "h2"
          ? {
              ...h,
              edgeCases: h.edgeCases.map((e) =>
                e.id === "ec1" ? { ...e, status: "mitigated" as const, owner: "RevOps" } : e,
              ),
            }
          : h,
      ),
    };
    const diff = diffMaps(before, after);
    expect(diff.counts.mitigated).toBe(1);
    expect(find(diff.changes, "ec1")).toMatchObject({
      kind: "edgeCase",
      label: "EC-1 No budget",
      handoff: "h2",
    });
    const change = find(diff.changes, "ec1") as EntityChange;
    expect(change.fields.map((f) => describeField(change, f))).toEqual([
      "status: open → mitigated",
      "owner: empty → RevOps",
    ]);
    expect(summarizeDiff(diff)).toBe("1 changed, 1 edge case mitigated");
  });

  it("says an edge case moved to another handoff, by the handoffs' names", () => {
    const before = asIs();
    const moving = before.handoffs[1]?.edgeCases[1];
    const after = {
      ...before,
      handoffs: before.handoffs.map((h) =>
        h.id === "h1"
          ? { ...h, edgeCases: moving === undefined ? [] : [moving] }
          : { ...h, edgeCases: h.edgeCases.filter((e) => e.id !== "ec2") },
      ),
    };
    const change = find(diffMaps(before, after).changes, "ec2") as EntityChange;
    expect(change.fields.map((f) => describeField(change, f))).toEqual([
      "moved from handoff SQL to new lead",
    ]);
  });

  it("names a handoff's new ends by their steps' labels", () => {
    const before = asIs();
    const after = {
      ...before,
      handoffs: before.handoffs.map((h) => (h.id === "h1" ? { ...h, to: "discover" } : h)),
    };
    const change = find(diffMaps(before, after).changes, "h1") as EntityChange;
    expect(change.fields).toEqual([
      { field: "to", before: "qualify", after: "discover", beforeText: "Qualify", afterText: "Discovery" },
    ]);
  });

  it("hides layout-only changes by default and shows them on request", () => {
    const before = asIs();
    const after = {
      ...before,
      lanes: [...before.lanes].reverse(),
      steps: before.steps.map((s) => ({ ...s, position: { x: (s.position?.x ?? 0) + 40, y: 60 } })),
    };
    const hidden = diffMaps(before, after);
    expect(hidden.changes).toEqual([]);
    expect(hidden.layoutChanges).toBe(5);
    const shown = diffMaps(before, after, { layout: true });
    expect(shown.changes.map((c) => `${c.kind}:${c.id}:${c.fields.map((f) => f.field).join()}`)).toEqual([
      "lane:ae:order",
      "lane:sdr:order",
      "step:capture:position",
      "step:qualify:position",
      "step:discover:position",
    ]);
  });

  it("shows a field it does not know (one added to the format later) without code", () => {
    const before = asIs();
    const after = {
      ...before,
      handoffs: before.handoffs.map((h) => (h.id === "h1" ? { ...h, riskOwner: "Ana" } : h)),
    } as HandoffMap;
    const change = find(diffMaps(before, after).changes, "h1") as EntityChange;
    expect(change.fields.map((f) => describeField(change, f))).toEqual(["risk owner: none → Ana"]);
  });

  it("given a changed SLA and trigger, when diffed, then each is a field change in words", () => {
    const before = asIs();
    const withContract = (sla: Handoff["sla"], trigger: string) => ({
      ...before,
      handoffs: before.handoffs.map((h) => (h.id === "h1" ? { ...h, sla, trigger } : h)),
    });
    const diff = diffMaps(
      withContract({ value: 1, unit: "days" }, "lead score ≥ 60"),
      withContract({ value: 4, unit: "business-hours", text: "demos within 15 minutes" }, "lead score ≥ 70"),
    );
    const change = find(diff.changes, "h1") as EntityChange;
    expect(change.change).toBe("changed");
    expect(change.fields.map((f) => f.field)).toEqual(["trigger", "sla"]);
    expect(change.fields.find((f) => f.field === "sla")?.after).toEqual({
      value: 4,
      unit: "business-hours",
      text: "demos within 15 minutes",
    });
    expect(change.fields.map((f) => describeField(change, f))).toEqual([
      "trigger: lead score ≥ 60 → lead score ≥ 70",
      "SLA: ≤ 1 day → ≤ 4 business hours; demos within 15 minutes",
    ]);
    expect(summarizeDiff(diff)).toBe("1 changed");
  });

  it("given a contract filled in on one side only, when diffed, then absent reads as none", () => {
    const before = asIs();
    const after: HandoffMap = {
      ...before,
      handoffs: before.handoffs.map((h) =>
        h.id === "h2"
          ? {
              ...h,
              requiredData: [
                { item: "company domain", agreed: true },
                { item: "budget", agreed: false },
              ],
            }
          : h,
      ),
    };
    const change = find(diffMaps(before, after).changes, "h2") as EntityChange;
    expect(change.fields.map((f) => describeField(change, f))).toEqual([
      "required data: none → company domain (agreed), budget",
    ]);
  });

  it("reports the gap between a to-be and its as-is in one line", () => {
    const before = asIs();
    const after: HandoffMap = {
      ...before,
      steps: [
        ...before.steps.map((s) => (s.id === "qualify" ? { ...s, owner: "Ben" } : s)),
        step("route", "mops", { label: "Route" }),
        step("score", "mops", { label: "Score" }),
      ],
      handoffs: [
        handoff("h3", "capture", "score"),
        handoff("h2", "qualify", "discover", {
          label: "SQL",
          edgeCases: [
            edgeCase("ec1", { number: 1, title: "No budget", severity: "high", status: "mitigated" }),
            edgeCase("ec2", { number: 2, title: "Duplicate account", status: "mitigated" }),
          ],
        }),
      ],
    };
    expect(summarizeDiff(diffMaps(before, after))).toBe(
      "+2 steps, +1 handoff, −1 handoff, 3 changed, 2 edge cases mitigated",
    );
  });
});
