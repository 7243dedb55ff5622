import { describe, expect, it } from "vitest";
import { REGISTER_COLUMNS, registerCellText, registerColumnsOf } from "../../src/model/register-columns";
import { REGISTER_SORT_KEYS } from "../../src/model/register-query";
import { registerRows } from "../../src/model/register-rows";
import { makeEdgeCase, makeHandoff, makeMap, makeStep } from "../fixtures/export-fixtures";

const map = makeMap({
  steps: [
    makeStep({ id: "a", lane: "l", label: "Lead enrichment" }),
    makeStep({ id: "b", lane: "l", label: "SDR outreach" }),
  ],
  handoffs: [
    makeHandoff({
      id: "h1",
      from: "a",
      to: "b",
      edgeCases: [
        makeEdgeCase({
          id: "e1",
          title: "Lead has no email",
          severity: "critical",
          status: "mitigated",
          owner: "",
          votes: 4,
        }),
      ],
    }),
  ],
});
const [row] = registerRows(map);
if (row === undefined) throw new Error("the fixture has one edge case");
const column = (id: string) => {
  const found = REGISTER_COLUMNS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no column ${id}`);
  return found;
};

describe("REGISTER_COLUMNS", () => {
  it("given the table, then ids and CSV headings are each unique", () => {
    const ids = REGISTER_COLUMNS.map((c) => c.id);
    const csv = REGISTER_COLUMNS.map((c) => c.csvHeader);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(csv).size).toBe(csv.length);
  });

  it("given the panel's columns, then they sort by every register sort key, in order", () => {
    expect(registerColumnsOf("panel").map((c) => c.panel.sort)).toEqual([...REGISTER_SORT_KEYS]);
  });

  it("given each output, then it shows the columns it always has, in register order", () => {
    expect(registerColumnsOf("panel").map((c) => c.panel.header)).toEqual([
      "No.",
      "Handoff",
      "Title",
      "Severity",
      "Status",
      "Owner",
      "Votes",
    ]);
    expect(registerColumnsOf("markdown").map((c) => c.header)).toEqual([
      "#",
      "Edge case",
      "Severity",
      "Status",
      "Owner",
      "Mitigation",
      "Due",
      "Votes",
    ]);
    expect(registerColumnsOf("svg").map((c) => c.id)).toEqual([
      "number",
      "handoff",
      "title",
      "severity",
      "status",
      "owner",
      "mitigation",
    ]);
  });

  it("given the SVG columns, then exactly one takes the rest of the width", () => {
    expect(registerColumnsOf("svg").filter((c) => c.svg.width === "rest")).toHaveLength(1);
  });

  it("given a row, when its cells are read, then values are as stored and choices capitalised for people", () => {
    expect(REGISTER_COLUMNS.map((c) => [c.id, c.value(row)])).toEqual([
      ["number", "EC-1"],
      ["handoff", "Lead enrichment → SDR outreach"],
      ["from", "Lead enrichment"],
      ["to", "SDR outreach"],
      ["title", "Lead has no email"],
      ["severity", "critical"],
      ["status", "mitigated"],
      ["owner", ""],
      ["mitigation", row.edgeCase.mitigation],
      ["description", row.edgeCase.description],
      ["due", ""],
      ["votes", "4"],
    ]);
    expect(registerCellText(column("severity"), row)).toBe("Critical");
    expect(registerCellText(column("status"), row)).toBe("Mitigated");
    expect(registerCellText(column("title"), row)).toBe("Lead has no email");
  });
});
