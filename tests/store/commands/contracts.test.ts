import { describe, expect, it } from "vitest";
import type { HandoffMap } from "../../../src/model/types";
import { doUndoRedo, givenStore, refused, sampleMap } from "./command-harness";

const handoffOf = (m: HandoffMap, id: string) => m.handoffs.find((h) => h.id === id);

/** The sample map with two items of required data on h-quote, the first agreed. */
function withRequiredData(): HandoffMap {
  const m = sampleMap();
  return {
    ...m,
    handoffs: m.handoffs.map((h) =>
      h.id === "h-quote"
        ? {
            ...h,
            requiredData: [
              { item: "Company domain", agreed: true },
              { item: "Budget range", agreed: false },
            ],
          }
        : h,
    ),
  };
}

describe("handoff contracts", () => {
  it("setContractText: each text field typed in, and emptied again to remove it", () => {
    for (const field of ["trigger", "sender", "receiver", "systemOfRecord", "acceptance"] as const) {
      doUndoRedo(
        sampleMap(),
        { type: "setContractText", handoff: "h-quote", field, value: "Lead score ≥ 60" },
        (after) => {
          expect(handoffOf(after, "h-quote")?.[field]).toBe("Lead score ≥ 60");
        },
      );
    }
    const store = givenStore(sampleMap());
    store.getState().dispatch({ type: "setContractText", handoff: "h-quote", field: "trigger", value: "x" });
    store.getState().dispatch({ type: "setContractText", handoff: "h-quote", field: "trigger", value: "" });
    expect(handoffOf(store.getState().map, "h-quote")).not.toHaveProperty("trigger");
  });

  it("setContractText: the keystrokes of one field are one undo entry", () => {
    const store = givenStore(sampleMap());
    const before = store.getState().map;
    for (const value of ["L", "Le", "Lea", "Lead"])
      store.getState().dispatch({ type: "setContractText", handoff: "h-quote", field: "trigger", value });
    expect(handoffOf(store.getState().map, "h-quote")?.trigger).toBe("Lead");
    store.getState().undo();
    expect(store.getState().map).toBe(before);
  });

  it("setHandoffIntegration and setNoKnownEdgeCases", () => {
    doUndoRedo(
      sampleMap(),
      { type: "setHandoffIntegration", handoff: "h-quote", integration: "manual re-entry" },
      (after) => {
        expect(handoffOf(after, "h-quote")?.integration).toBe("manual re-entry");
      },
    );
    doUndoRedo(sampleMap(), { type: "setNoKnownEdgeCases", handoff: "h-quote", value: true }, (after) => {
      expect(handoffOf(after, "h-quote")?.noKnownEdgeCases).toBe(true);
    });
  });

  it("addRequiredData, setRequiredDataAgreed, removeRequiredData", () => {
    doUndoRedo(
      sampleMap(),
      { type: "addRequiredData", handoff: "h-quote", item: "Discovery notes" },
      (after) => {
        expect(handoffOf(after, "h-quote")?.requiredData).toEqual([
          { item: "Discovery notes", agreed: false },
        ]);
      },
    );
    doUndoRedo(
      withRequiredData(),
      { type: "setRequiredDataAgreed", handoff: "h-quote", index: 1, agreed: true },
      (after) => {
        expect(handoffOf(after, "h-quote")?.requiredData?.[1]).toEqual({
          item: "Budget range",
          agreed: true,
        });
      },
    );
    doUndoRedo(withRequiredData(), { type: "removeRequiredData", handoff: "h-quote", index: 0 }, (after) => {
      expect(handoffOf(after, "h-quote")?.requiredData).toEqual([{ item: "Budget range", agreed: false }]);
    });
    refused(
      withRequiredData(),
      { type: "removeRequiredData", handoff: "h-quote", index: 7 },
      /no required-data item 8/,
    );
  });

  it("requiredDataToEdgeCase: an unagreed item becomes an open edge case with a random id", () => {
    const { result } = doUndoRedo(
      withRequiredData(),
      { type: "requiredDataToEdgeCase", handoff: "h-quote", index: 1 },
      (after) => {
        const added = handoffOf(after, "h-quote")?.edgeCases.at(-1);
        expect(added).toMatchObject({ status: "open", severity: "medium" });
        expect(added?.title).toContain("Budget range");
      },
    );
    expect(result.command.id).toMatch(/^ec-[0-9a-z]{12}$/);
    refused(withRequiredData(), { type: "requiredDataToEdgeCase", handoff: "h-quote", index: 0 }, /agreed/);
  });

  it("setSlaValue, setSlaUnit, setSlaText", () => {
    doUndoRedo(
      sampleMap(),
      { type: "setSlaValue", handoff: "h-quote", typed: "4", unit: "business-hours" },
      (after) => {
        expect(handoffOf(after, "h-quote")?.sla).toEqual({ value: 4, unit: "business-hours" });
      },
    );
    const store = givenStore(sampleMap());
    store.getState().dispatch({ type: "setSlaValue", handoff: "h-quote", typed: "4", unit: "hours" });
    doUndoRedo(store.getState().map, { type: "setSlaUnit", handoff: "h-quote", unit: "days" }, (after) => {
      expect(handoffOf(after, "h-quote")?.sla).toEqual({ value: 4, unit: "days" });
    });
    doUndoRedo(
      sampleMap(),
      { type: "setSlaText", handoff: "h-quote", text: "Demo requests within 15 minutes" },
      (after) => {
        expect(handoffOf(after, "h-quote")?.sla).toEqual({ text: "Demo requests within 15 minutes" });
      },
    );
    refused(
      sampleMap(),
      { type: "setSlaValue", handoff: "h-quote", typed: "soon", unit: "hours" },
      /SLA must be a number/,
    );
  });

  it("setRuleLevel: a map's health rule turned off, and back to its default", () => {
    doUndoRedo(sampleMap(), { type: "setRuleLevel", rule: "handoff-no-sla", level: "off" }, (after) => {
      expect(after.lint).toEqual({ "handoff-no-sla": "off" });
    });
    refused(sampleMap(), { type: "setRuleLevel", rule: "Not Kebab", level: "off" }, /kebab-case/);
  });
});
