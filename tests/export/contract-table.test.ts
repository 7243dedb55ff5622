import { describe, expect, it } from "vitest";
import { CONTRACT_COLUMNS, contractTableRows, darkZoneRows } from "../../src/export/contract-table";
import { renderContractsCsv } from "../../src/export/render-contracts-csv";
import { renderMarkdown } from "../../src/export/render-markdown";
import { createRevOpsTemplate } from "../../src/model/templates";
import { healthyMap } from "../fixtures/lint-fixtures";
import { readCsv } from "../fixtures/read-csv";

describe("the handoff contracts table", () => {
  it("given the template, then one row per cross-lane or contracted handoff, SLA in words", () => {
    const rows = contractTableRows(createRevOpsTemplate());
    const routed = rows.find((row) => row[0] === "routed lead");
    expect(routed).toEqual([
      "routed lead",
      "Lead enrichment and routing",
      "Cold outreach and inbound qualification",
      "Lead score ≥ 60 and a business email",
      "Company domain (agreed); Segment and territory (agreed); Lead score and top signals (agreed); Recent web activity (not agreed)",
      "≤ 4 business hours; demo requests within 15 minutes",
      "Marketing Ops",
      "SDR team lead",
      "CRM: Lead owner and status",
      "CRM: Lead.Status = Working",
      "3",
      "",
    ]);
    expect(rows.find((row) => row[0] === "rework the terms")?.[10]).toBe("not examined");
    expect(rows.find((row) => row[0] === "re-engaged lead")?.[10]).toBe("none known");
    expect(rows.find((row) => row[0] === "booked and provisioned")?.[11]).toBe("manual re-entry");
  });

  it("lists the template's dark zone: booked and provisioned, re-keyed into the CS platform", () => {
    expect(darkZoneRows(createRevOpsTemplate())).toEqual([
      [
        "booked and provisioned",
        "Order management and fulfilment",
        "Kickoff and onboarding",
        "CPQ, Billing, ERP",
        "Customer success platform",
      ],
    ]);
  });

  it("in Markdown: both sections, every contract row with the header's cell count", () => {
    const md = renderMarkdown(createRevOpsTemplate());
    expect(md).toContain("## Handoff contracts");
    expect(md).toContain("## Dark zones");
    const start = md.indexOf("## Handoff contracts");
    const section = md.slice(start, md.indexOf("## Dark zones")).split("\n");
    const rows = section.filter((line) => line.startsWith("|"));
    for (const row of rows) expect(row.split(" | ")).toHaveLength(CONTRACT_COLUMNS.length);
  });

  it("in Markdown, hostile contract text stays text: no tags, no new rows", () => {
    const map = healthyMap();
    const h = map.handoffs[0];
    if (h === undefined) throw new Error("fixture");
    map.handoffs[0] = {
      ...h,
      trigger: "<script>x</script> | forged\n| row |",
      acceptance: "[a](javascript:x)",
    };
    const md = renderMarkdown(map);
    expect(md).not.toContain("<script");
    expect(md.split("\n").filter((line) => line.startsWith("| ")).length).toBe(3);
  });

  it("given a map without contracts, then Markdown has neither section", () => {
    const map = healthyMap();
    map.handoffs = map.handoffs.map(({ id, from, to, label, edgeCases }) => ({
      id,
      from,
      to,
      label,
      edgeCases,
    }));
    expect(renderMarkdown(map)).not.toContain("Handoff contracts");
  });

  it("as CSV: BOM, header, one row per handoff, formulas neutralized", () => {
    const map = healthyMap();
    const h = map.handoffs[0];
    if (h === undefined) throw new Error("fixture");
    map.handoffs[0] = { ...h, trigger: '=HYPERLINK("x")' };
    const csv = renderContractsCsv(map);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CONTRACT_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[3]).toBe('\'=HYPERLINK("x")');
  });
});
