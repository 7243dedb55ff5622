import { describe, expect, it } from "vitest";
import { addEdgeCase, updateEdgeCase } from "../../src/model/operations";
import {
  DEFAULT_SORT,
  filterRegister,
  isFiltered,
  NO_FILTER,
  nextSort,
  queryRegister,
  REGISTER_SORT_KEYS,
  type RegisterQueryRow,
  sortRegister,
} from "../../src/model/register-query";
import { registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { EdgeCase, Handoff } from "../../src/model/types";

/** A typed row factory: only what the query reads. */
function row(number: number, edgeCase: Partial<EdgeCase> = {}, handoffName = `H${number}`): RegisterQueryRow {
  const handoff: Handoff = { id: `h${number}`, from: "a", to: "b", label: "", edgeCases: [] };
  return {
    number,
    handoffName,
    handoff,
    edgeCase: {
      id: `ec${number}`,
      title: `Edge case ${number}`,
      severity: "medium",
      status: "open",
      owner: "",
      mitigation: "",
      description: "",
      votes: 0,
      ...edgeCase,
    },
  };
}

const numbersOf = (rows: readonly RegisterQueryRow[]) => rows.map((r) => r.number);

describe("filterRegister", () => {
  const map = createRevOpsTemplate();
  const rows = registerRows(map);

  it("keeps everything without a filter", () => {
    expect(filterRegister(rows, map, NO_FILTER)).toHaveLength(17);
    expect(isFiltered(NO_FILTER)).toBe(false);
  });

  it("filters by severity and by status", () => {
    expect(numbersOf(filterRegister(rows, map, { ...NO_FILTER, severity: "critical" }))).toEqual([3, 10, 12]);
    expect(numbersOf(filterRegister(rows, map, { ...NO_FILTER, status: "accepted" }))).toEqual([2, 16]);
  });

  it("filters by lane at either end of the handoff", () => {
    // Deal desk is the target of h9 (from Sales) and the source of h11 (to Finance).
    expect(numbersOf(filterRegister(rows, map, { ...NO_FILTER, lane: "deal-desk" }))).toEqual([
      10, 11, 12, 13,
    ]);
    expect(numbersOf(filterRegister(rows, map, { ...NO_FILTER, lane: "finance" }))).toEqual([12, 13, 14, 15]);
  });

  it("combines filters with and", () => {
    const filter = { severity: "critical" as const, status: "open" as const, lane: "deal-desk" };
    expect(isFiltered(filter)).toBe(true);
    expect(numbersOf(filterRegister(rows, map, filter))).toEqual([10, 12]);
  });

  it("matches nothing for a lane no step is in", () => {
    expect(filterRegister(rows, map, { ...NO_FILTER, lane: "no-such-lane" })).toEqual([]);
  });
});

describe("sortRegister", () => {
  it("sorts by severity most severe first, ties in map order", () => {
    const rows = [row(1, { severity: "low" }), row(2, { severity: "critical" }), row(3, { severity: "low" })];
    expect(numbersOf(sortRegister(rows, { key: "severity", direction: "descending" }))).toEqual([2, 1, 3]);
    expect(numbersOf(sortRegister(rows, { key: "severity", direction: "ascending" }))).toEqual([1, 3, 2]);
  });

  it("sorts by status in the order open, mitigated, accepted", () => {
    const rows = [
      row(1, { status: "accepted" }),
      row(2, { status: "open" }),
      row(3, { status: "mitigated" }),
    ];
    expect(numbersOf(sortRegister(rows, { key: "status", direction: "ascending" }))).toEqual([2, 3, 1]);
  });

  it("sorts by votes; ties keep map order in both directions", () => {
    const rows = [row(1, { votes: 2 }), row(2, { votes: 5 }), row(3, { votes: 2 })];
    expect(numbersOf(sortRegister(rows, { key: "votes", direction: "descending" }))).toEqual([2, 1, 3]);
    expect(numbersOf(sortRegister(rows, { key: "votes", direction: "ascending" }))).toEqual([1, 3, 2]);
  });

  it("sorts text case-insensitively and numerically ('Step 2' before 'Step 10')", () => {
    const rows = [row(1, { title: "step 10" }), row(2, { title: "Step 2" }), row(3, { title: "apple" })];
    expect(numbersOf(sortRegister(rows, { key: "title", direction: "ascending" }))).toEqual([3, 2, 1]);
    expect(numbersOf(sortRegister(rows, { key: "title", direction: "descending" }))).toEqual([1, 2, 3]);
  });

  it("puts edge cases without an owner last in both directions", () => {
    const rows = [
      row(1, { owner: "" }),
      row(2, { owner: "Zoe" }),
      row(3, { owner: "Ann" }),
      row(4, { owner: " " }),
    ];
    expect(numbersOf(sortRegister(rows, { key: "owner", direction: "ascending" }))).toEqual([3, 2, 1, 4]);
    expect(numbersOf(sortRegister(rows, { key: "owner", direction: "descending" }))).toEqual([2, 3, 1, 4]);
  });

  it("sorts by handoff name and by number", () => {
    const rows = [
      row(1, {}, "Renewal → Discovery"),
      row(2, {}, "Discovery → Close"),
      row(3, {}, "Lead → Route"),
    ];
    expect(numbersOf(sortRegister(rows, { key: "handoff", direction: "ascending" }))).toEqual([2, 3, 1]);
    expect(numbersOf(sortRegister(rows, { key: "number", direction: "descending" }))).toEqual([3, 2, 1]);
  });

  it("never changes the rows it is given", () => {
    const rows = [row(2), row(1)];
    const copy = [...rows];
    sortRegister(rows, DEFAULT_SORT);
    expect(rows).toEqual(copy);
  });

  it("handles every sort key", () => {
    const rows = [row(1), row(2)];
    for (const key of REGISTER_SORT_KEYS)
      expect(sortRegister(rows, { key, direction: "ascending" })).toHaveLength(2);
  });
});

describe("nextSort", () => {
  it("flips the same column and starts a new one in its first direction", () => {
    expect(nextSort(DEFAULT_SORT, "number")).toEqual({ key: "number", direction: "descending" });
    expect(nextSort(DEFAULT_SORT, "votes")).toEqual({ key: "votes", direction: "descending" });
    expect(nextSort(DEFAULT_SORT, "severity")).toEqual({ key: "severity", direction: "descending" });
    expect(nextSort(DEFAULT_SORT, "title")).toEqual({ key: "title", direction: "ascending" });
    expect(nextSort({ key: "votes", direction: "descending" }, "votes")).toEqual({
      key: "votes",
      direction: "ascending",
    });
  });
});

describe("queryRegister on a map being edited", () => {
  it("ranks voted open edge cases first and keeps EC numbers stable across text edits", () => {
    let map = createRevOpsTemplate();
    map = updateEdgeCase(map, "ec9", { votes: 4 });
    map = updateEdgeCase(map, "ec1", { votes: 4, title: "Renamed" });
    map = addEdgeCase(map, "h14", { id: "ec-new", title: "Late", votes: 1 });
    const ranked = queryRegister(registerRows(map), map, {
      filter: { ...NO_FILTER, status: "open" },
      sort: { key: "votes", direction: "descending" },
    });
    expect(ranked.slice(0, 3).map((r) => r.label)).toEqual(["EC-1", "EC-9", "EC-18"]);
    expect(ranked[0]?.edgeCase.title).toBe("Renamed");
  });
});
