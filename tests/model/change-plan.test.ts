import { describe, expect, it } from "vitest";
import { changePlan, UNASSIGNED } from "../../src/model/change-plan";
import { createRevOpsTemplate } from "../../src/model/templates";
import { wsEdgeCase, wsHandoff, wsMap } from "../fixtures/workshop-fixtures";

describe("changePlan", () => {
  it("groups open and accepted edge cases by owner, Unassigned first, then owners alphabetically", () => {
    // given
    const map = wsMap(
      ["a", "b", "c"],
      [
        wsHandoff("h1", "a", "b", [
          wsEdgeCase("sales-1", { owner: "Sales ops" }),
          wsEdgeCase("nobody-1", { owner: "   " }),
          wsEdgeCase("finance-1", { owner: "Finance", status: "accepted" }),
          wsEdgeCase("finance-done", { owner: "Finance", status: "mitigated" }),
        ]),
        wsHandoff("h2", "b", "c", [
          wsEdgeCase("sales-2", { owner: "  sales   OPS " }),
          wsEdgeCase("nobody-2"),
        ]),
      ],
    );
    // when
    const plan = changePlan(map);
    // then
    expect(plan.map((group) => [group.owner, group.items.map((item) => item.edgeCase.id)])).toEqual([
      [UNASSIGNED, ["nobody-1", "nobody-2"]],
      ["Finance", ["finance-1"]],
      ["Sales ops", ["sales-1", "sales-2"]],
    ]);
    expect(plan[0]?.unassigned).toBe(true);
    expect(plan[2]?.items[1]?.handoff.id).toBe("h2");
  });

  it("orders a group open first, then by due date (undated last), then by rank", () => {
    const map = wsMap(
      ["a", "b"],
      [
        wsHandoff("h1", "a", "b", [
          wsEdgeCase("accepted-soon", { owner: "Ops", status: "accepted", due: "2026-01-01" }),
          wsEdgeCase("undated-voted", { owner: "Ops", votes: 7 }),
          wsEdgeCase("late", { owner: "Ops", due: "2026-12-01" }),
          wsEdgeCase("early", { owner: "Ops", due: "2026-02-01" }),
          wsEdgeCase("undated-critical", { owner: "Ops", severity: "critical" }),
        ]),
      ],
    );
    expect(changePlan(map)[0]?.items.map((item) => item.edgeCase.id)).toEqual([
      "early",
      "late",
      "undated-voted",
      "undated-critical",
      "accepted-soon",
    ]);
  });

  it("has no Unassigned group when every edge case has an owner, and is empty without edge cases", () => {
    const owned = wsMap(["a", "b"], [wsHandoff("h1", "a", "b", [wsEdgeCase("x", { owner: "Ops" })])]);
    expect(changePlan(owned).map((group) => group.owner)).toEqual(["Ops"]);
    expect(changePlan(wsMap(["a"], []))).toEqual([]);
  });

  it("plans every open or accepted edge case of the template exactly once", () => {
    const map = createRevOpsTemplate();
    const planned = changePlan(map).flatMap((group) => group.items.map((item) => item.edgeCase.id));
    const expected = map.handoffs
      .flatMap((handoff) => handoff.edgeCases)
      .filter((edgeCase) => edgeCase.status !== "mitigated")
      .map((edgeCase) => edgeCase.id);
    expect([...planned].sort()).toEqual([...expected].sort());
  });
});
