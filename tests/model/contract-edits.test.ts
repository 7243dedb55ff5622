import { describe, expect, it } from "vitest";
import {
  addRequiredData,
  removeRequiredData,
  requiredDataEdgeCaseTitle,
  requiredDataToEdgeCase,
  setRuleLevel,
  updateContract,
  updateRequiredData,
} from "../../src/model/contract-edits";
import { EditError } from "../../src/model/operations";
import { parseMap } from "../../src/model/parse-map";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore, type LayoutRunner } from "../../src/store/editor-store";
import { healthyMap } from "../fixtures/lint-fixtures";
import { handoff, map, step } from "../fixtures/model-maps";

const noLayout: LayoutRunner = async () => ({ ok: false, error: "no layout in this test" });
const bare = (): HandoffMap =>
  map({ steps: [step("s1", "a"), step("s2", "b")], handoffs: [handoff("h", "s1", "s2", { label: "lead" })] });
const h = (m: HandoffMap) => m.handoffs.find((x) => x.id === "h");

describe("contract edits", () => {
  it("given a handoff without a contract, when each field is set, then it reads back through parseMap", () => {
    const m = updateContract(bare(), "h", {
      trigger: "Lead score ≥ 60",
      sender: "Marketing Ops",
      receiver: "SDR",
      systemOfRecord: "CRM",
      acceptance: "Lead.Status = SAL",
      sla: { value: 4, unit: "business-hours", text: "15 minutes for demo requests" },
      noKnownEdgeCases: true,
      integration: "manual re-entry",
    });
    const parsed = parseMap(JSON.parse(JSON.stringify(m)));
    expect(parsed).toEqual({ ok: true, map: m, warnings: [] });
  });

  it("when a text is emptied, the SLA cleared and the flags unset, then the handoff is as before", () => {
    const filled = updateContract(bare(), "h", {
      trigger: "x",
      sla: { value: 1, unit: "days" },
      noKnownEdgeCases: true,
      integration: "automated",
    });
    const emptied = updateContract(filled, "h", {
      trigger: " ",
      sla: null,
      noKnownEdgeCases: false,
      integration: null,
    });
    expect(h(emptied)).toEqual(h(bare()));
  });

  it("refuses an SLA with a number and no unit, and names the field", () => {
    expect(() => updateContract(bare(), "h", { sla: { value: 3 } })).toThrow(EditError);
    expect(() => updateContract(bare(), "h", { sla: { value: -1, unit: "days" } })).toThrow(/SLA/);
    expect(() => updateContract(bare(), "nope", { trigger: "x" })).toThrow(/no handoff/);
  });

  it("adds, edits, ticks and removes required data; the last removal drops the field", () => {
    let m = addRequiredData(bare(), "h", "Company domain");
    m = addRequiredData(m, "h", "Budget range");
    m = updateRequiredData(m, "h", 0, { agreed: true });
    m = updateRequiredData(m, "h", 1, { item: "Budget band" });
    expect(h(m)?.requiredData).toEqual([
      { item: "Company domain", agreed: true },
      { item: "Budget band", agreed: false },
    ]);
    expect(() => addRequiredData(m, "h", "  ")).toThrow(/blank/);
    expect(() => updateRequiredData(m, "h", 5, { agreed: true })).toThrow(/no required-data item 6/);
    m = removeRequiredData(removeRequiredData(m, "h", 1), "h", 0);
    expect(h(m)).not.toHaveProperty("requiredData");
  });

  it("turns an unagreed item into an open edge case once, and clears 'no known edge cases'", () => {
    let m = addRequiredData(updateContract(bare(), "h", { noKnownEdgeCases: true }), "h", "Budget range");
    m = requiredDataToEdgeCase(m, "h", 0);
    const added = h(m)?.edgeCases.at(-1);
    expect(added).toMatchObject({
      title: requiredDataEdgeCaseTitle("Budget range"),
      status: "open",
      number: 1,
    });
    expect(h(m)?.noKnownEdgeCases).toBeUndefined();
    expect(h(m)?.requiredData).toHaveLength(1);
    expect(() => requiredDataToEdgeCase(m, "h", 0)).toThrow(/already an edge case/);
    const agreed = updateRequiredData(m, "h", 0, { agreed: true });
    expect(() => requiredDataToEdgeCase(agreed, "h", 0)).toThrow(/agreed/);
  });

  it("sets and clears per-map rule levels; an empty section is dropped", () => {
    const m = setRuleLevel(healthyMap(), "handoff-no-sla", "off");
    expect(m.lint).toEqual({ "handoff-no-sla": "off" });
    expect(setRuleLevel(m, "handoff-no-sla", null)).not.toHaveProperty("lint");
    expect(() => setRuleLevel(m, "Not Kebab", "off")).toThrow(/kebab-case/);
  });
});

describe("contract edits through the store: do, undo, redo", () => {
  it.each([
    ["trigger", (m: HandoffMap) => updateContract(m, "h", { trigger: "Score ≥ 60" })],
    ["sla", (m: HandoffMap) => updateContract(m, "h", { sla: { value: 4, unit: "hours" } })],
    ["required data", (m: HandoffMap) => addRequiredData(m, "h", "Company domain")],
    [
      "required data to edge case",
      (m: HandoffMap) => requiredDataToEdgeCase(addRequiredData(m, "h", "Budget range"), "h", 0),
    ],
    ["rule level", (m: HandoffMap) => setRuleLevel(m, "empty-lane", "off")],
  ])("%s", (_name, edit) => {
    const store = createEditorStore({ map: bare(), runLayout: noLayout });
    const before = store.getState().map;
    expect(store.getState().apply(edit)).toBe(true);
    const after = store.getState().map;
    expect(after).not.toEqual(before);
    store.getState().undo();
    expect(store.getState().map).toEqual(before);
    store.getState().redo();
    expect(store.getState().map).toEqual(after);
  });
});
