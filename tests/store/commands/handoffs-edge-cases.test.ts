import { describe, expect, it } from "vitest";
import { doUndoRedo, edgeCaseOf, givenStore, refused, sampleMap } from "./command-harness";

describe("handoffs", () => {
  it("connectSteps: a handoff between two steps, with a random id when it carries none", () => {
    const { result } = doUndoRedo(
      sampleMap(),
      { type: "connectSteps", from: "qualify", to: "provision" },
      (after) => {
        expect(after.handoffs.at(-1)).toMatchObject({
          from: "qualify",
          to: "provision",
          label: "",
          edgeCases: [],
        });
      },
    );
    expect(result.command.id).toMatch(/^h-[0-9a-z]{12}$/);
    refused(
      sampleMap(),
      { type: "connectSteps", from: "quote", to: "quote" },
      "a handoff cannot go from a step to itself",
    );
  });

  it("reconnectHandoff: one end dragged to another step", () => {
    doUndoRedo(sampleMap(), { type: "reconnectHandoff", handoff: "h-provision", to: "qualify" }, (after) => {
      expect(after.handoffs[1]).toMatchObject({ from: "quote", to: "qualify" });
    });
    doUndoRedo(
      sampleMap(),
      { type: "reconnectHandoff", handoff: "h-quote", from: "provision", to: "quote" },
      (after) => {
        expect(after.handoffs[0]).toMatchObject({ from: "provision", to: "quote" });
      },
    );
  });

  it("setHandoffField: the label typed in the inspector", () => {
    doUndoRedo(
      sampleMap(),
      { type: "setHandoffField", handoff: "h-quote", field: "label", value: "SQL" },
      (after) => {
        expect(after.handoffs[0]?.label).toBe("SQL");
      },
    );
  });
});

describe("edge cases", () => {
  it("addEdgeCase: on a handoff, the next number, a random id when it carries none", () => {
    const { result } = doUndoRedo(
      sampleMap(),
      { type: "addEdgeCase", handoff: "h-quote", title: "Quote expired", severity: "high" },
      (after, { result }) => {
        expect(edgeCaseOf(after, result.command.id ?? "")).toMatchObject({
          title: "Quote expired",
          severity: "high",
          status: "open",
          number: 3,
          votes: 0,
        });
      },
    );
    expect(result.command.id).toMatch(/^ec-[0-9a-z]{12}$/);
    refused(sampleMap(), { type: "addEdgeCase", handoff: "h-quote", title: "" }, "Title must not be blank");
  });

  it("setEdgeCaseField: the text fields, and a due date set and cleared", () => {
    for (const [field, value] of [
      ["title", "Duplicate account"],
      ["description", "Two records"],
      ["owner", "RevOps"],
      ["mitigation", "Dedupe nightly"],
      ["due", "2027-03-31"],
    ] as const)
      doUndoRedo(sampleMap(), { type: "setEdgeCaseField", edgeCase: "ec-dup", field, value }, (after) => {
        expect(edgeCaseOf(after, "ec-dup")?.[field]).toBe(value);
      });
    const dated = givenStore(sampleMap());
    dated
      .getState()
      .dispatch({ type: "setEdgeCaseField", edgeCase: "ec-dup", field: "due", value: "2027-03-31" });
    doUndoRedo(
      dated.getState().map,
      { type: "setEdgeCaseField", edgeCase: "ec-dup", field: "due", value: "" },
      (after) => {
        expect(edgeCaseOf(after, "ec-dup")).not.toHaveProperty("due");
      },
    );
    refused(
      sampleMap(),
      { type: "setEdgeCaseField", edgeCase: "ec-dup", field: "due", value: "2027-02-30" },
      /due must be a date written as YYYY-MM-DD.*"2027-02-30"/,
    );
  });

  it("setEdgeCaseSeverity, setEdgeCaseStatus, assignEdgeCaseOwner", () => {
    doUndoRedo(
      sampleMap(),
      { type: "setEdgeCaseSeverity", edgeCase: "ec-dup", severity: "critical" },
      (after) => {
        expect(edgeCaseOf(after, "ec-dup")?.severity).toBe("critical");
      },
    );
    doUndoRedo(
      sampleMap(),
      { type: "setEdgeCaseStatus", edgeCase: "ec-dup", status: "mitigated" },
      (after) => {
        expect(edgeCaseOf(after, "ec-dup")?.status).toBe("mitigated");
      },
    );
    doUndoRedo(
      sampleMap(),
      { type: "assignEdgeCaseOwner", edgeCase: "ec-late", owner: "Deal desk" },
      (after) => {
        expect(edgeCaseOf(after, "ec-late")?.owner).toBe("Deal desk");
      },
    );
  });

  it("voteEdgeCase: up and back down, never below zero", () => {
    doUndoRedo(sampleMap(), { type: "voteEdgeCase", edgeCase: "ec-dup", delta: 1 }, (after) => {
      expect(edgeCaseOf(after, "ec-dup")?.votes).toBe(3);
    });
    doUndoRedo(sampleMap(), { type: "voteEdgeCase", edgeCase: "ec-dup", delta: -1 }, (after) => {
      expect(edgeCaseOf(after, "ec-dup")?.votes).toBe(1);
    });
    // At zero a vote taken back changes nothing: no undo entry.
    const store = givenStore(sampleMap());
    const before = store.getState().map;
    expect(store.getState().dispatch({ type: "voteEdgeCase", edgeCase: "ec-late", delta: -1 }).ok).toBe(true);
    expect(store.getState().map.handoffs[1]?.edgeCases[0]?.votes).toBe(0);
    expect(store.getState().map).toEqual(before);
    refused(sampleMap(), { type: "voteEdgeCase", edgeCase: "nope", delta: 1 }, 'no edge case with id "nope"');
  });

  it("removeEdgeCase: its number is never given again", () => {
    doUndoRedo(sampleMap(), { type: "removeEdgeCase", edgeCase: "ec-late" }, (after) => {
      expect(after.handoffs[1]?.edgeCases).toEqual([]);
      expect(after.lastEdgeCaseNumber).toBe(2);
    });
  });
});
