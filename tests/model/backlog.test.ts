import { describe, expect, it } from "vitest";
import { rankedBacklog } from "../../src/model/backlog";
import { wsEdgeCase, wsHandoff, wsMap } from "../fixtures/workshop-fixtures";

describe("rankedBacklog", () => {
  it("ranks open edge cases by votes, then severity, then map order", () => {
    // given
    const map = wsMap(
      ["a", "b", "c"],
      [
        wsHandoff("h1", "a", "b", [
          wsEdgeCase("low-0", { severity: "low" }),
          wsEdgeCase("crit-0", { severity: "critical" }),
          wsEdgeCase("med-2", { severity: "medium", votes: 2 }),
        ]),
        wsHandoff("h2", "b", "c", [
          wsEdgeCase("high-2", { severity: "high", votes: 2 }),
          wsEdgeCase("low-0-later", { severity: "low" }),
          wsEdgeCase("med-5", { votes: 5 }),
        ]),
      ],
    );
    // when
    const ranked = rankedBacklog(map);
    // then
    expect(ranked.map((entry) => entry.edgeCase.id)).toEqual([
      "med-5",
      "high-2",
      "med-2",
      "crit-0",
      "low-0",
      "low-0-later",
    ]);
    expect(ranked[0]?.handoff.id).toBe("h2");
    expect(ranked[0]?.mapIndex).toBe(5);
  });

  it("leaves out mitigated and accepted edge cases, however many votes they have", () => {
    const map = wsMap(
      ["a", "b"],
      [
        wsHandoff("h1", "a", "b", [
          wsEdgeCase("done", { status: "mitigated", votes: 9 }),
          wsEdgeCase("lived-with", { status: "accepted", votes: 9 }),
          wsEdgeCase("open"),
        ]),
      ],
    );
    expect(rankedBacklog(map).map((entry) => entry.edgeCase.id)).toEqual(["open"]);
  });

  it("is empty for a map without edge cases", () => {
    expect(rankedBacklog(wsMap(["a"], []))).toEqual([]);
  });
});
