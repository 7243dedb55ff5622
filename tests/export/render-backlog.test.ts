import { describe, expect, it } from "vitest";
import { BACKLOG_CSV_HEADER, renderBacklogCsv, renderBacklogMarkdown } from "../../src/export/render-backlog";
import { renderChangePlanMarkdown } from "../../src/export/render-change-plan";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { wsEdgeCase, wsHandoff, wsMap, wsStep } from "../fixtures/workshop-fixtures";

/** A strict RFC 4180 reader: every field quoted (as our writer does), CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let value = "";
    i += 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      expect(quote).toBeGreaterThanOrEqual(0);
      value += text.slice(i, quote);
      if (text[quote + 1] === '"') {
        value += '"';
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
    }
    row.push(value);
    if (text[i] === ",") i += 1;
    else {
      expect(text.slice(i, i + 2)).toBe("\r\n");
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "| forged | row |\n| --- | --- |",
  "`code` **bold** [link](javascript:alert(1))",
  '=HYPERLINK("http://evil")',
  "+1+2",
  "-3",
  "@SUM(A1)",
  "\tTabbed",
  'Quote " inside, comma, and\r\nnew line',
  "# heading",
];

function hostileMap(): HandoffMap {
  return wsMap(
    [wsStep("a", { label: "Lead | capture" }), wsStep("b", { label: "<b>Routing</b>" })],
    [
      wsHandoff(
        "h1",
        "a",
        "b",
        HOSTILE.map((text, i) =>
          wsEdgeCase(`ec${i}`, { title: text, owner: text, mitigation: text, description: text, votes: i }),
        ),
      ),
    ],
  );
}

describe("renderBacklogCsv", () => {
  it("lists open edge cases best ranked first, with the register's numbers", () => {
    // given the template with one edge case voted up
    const map = createRevOpsTemplate();
    const handoff = map.handoffs.find((h) => h.id === "h12");
    const target = handoff?.edgeCases[0];
    if (target === undefined) throw new Error("template changed: h12 has no edge case");
    target.votes = 3;
    // when
    const rows = parseCsv(renderBacklogCsv(map).slice(1));
    // then
    expect(rows[0]).toEqual([...BACKLOG_CSV_HEADER]);
    expect(rows[1]?.slice(0, 5)).toEqual([
      "1",
      expect.stringMatching(/^EC-\d+$/),
      "3",
      target.severity,
      target.title,
    ]);
    const open = map.handoffs.flatMap((h) => h.edgeCases).filter((ec) => ec.status === "open");
    expect(rows).toHaveLength(open.length + 1);
  });

  it("starts with a BOM, uses CRLF, and parses back to the same text with formulas neutralized", () => {
    const csv = renderBacklogCsv(hostileMap());
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(HOSTILE.length + 1);
    for (const row of rows.slice(1)) {
      const title = row[4] as string;
      const original = title.replace(/^'(?=[=+\-@\t\r])/, "");
      expect(HOSTILE).toContain(original);
      if (/^[=+\-@\t\r]/.test(original)) expect(title.startsWith("'")).toBe(true);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("always has the header row", () => {
    expect(parseCsv(renderBacklogCsv(wsMap(["a"], [])).slice(1))).toEqual([[...BACKLOG_CSV_HEADER]]);
  });
});

describe("renderBacklogMarkdown", () => {
  it("keeps its table shape and lets no markup through, whatever the map says", () => {
    const md = renderBacklogMarkdown(hostileMap());
    const tableLines = md.split("\n").filter((line) => line.startsWith("|"));
    // header + separator + one line per edge case: a forged row would add lines
    expect(tableLines).toHaveLength(HOSTILE.length + 2);
    for (const line of tableLines) {
      // unescaped pipes delimit exactly 9 columns
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(9);
    }
    expect(md).not.toMatch(/<script|<img|<b>/);
    expect(md).not.toMatch(/(?<!\\)`/);
  });

  it("ranks by votes: the most voted edge case is the first row", () => {
    const md = renderBacklogMarkdown(hostileMap());
    const firstRow = md.split("\n").find((line) => line.startsWith("| 1 |"));
    expect(firstRow).toContain("| EC-11 | 10 |");
  });

  it("says so when there is nothing open", () => {
    expect(renderBacklogMarkdown(wsMap(["a"], []))).toContain("No open edge cases");
  });
});

describe("renderChangePlanMarkdown", () => {
  it("has a section per owner, Unassigned first, with escaped owner names", () => {
    const map = wsMap(
      ["a", "b"],
      [
        wsHandoff("h1", "a", "b", [
          wsEdgeCase("x", { owner: "<img src=x> | Ops", due: "2026-03-01", mitigation: "Fix | it" }),
          wsEdgeCase("y"),
          wsEdgeCase("z", { owner: "Finance", status: "accepted" }),
          wsEdgeCase("gone", { owner: "Finance", status: "mitigated", title: "Already fixed" }),
        ]),
      ],
    );
    const md = renderChangePlanMarkdown(map);
    const headings = md.split("\n").filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## Unassigned (1 edge case)",
      "## &lt;img src=x&gt; \\| Ops (1 edge case)",
      "## Finance (1 edge case)",
    ]);
    const row = md.split("\n").find((line) => line.startsWith("| EC-1 |")) ?? "";
    expect(row).toMatch(
      /^\| EC-1 \| Edge case x \| a → b \| Medium \| Open \| Fix \\\| it \| 2026\\?-03\\?-01 \| 0 \|$/,
    );
    expect(md).not.toContain("Already fixed");
    expect(md).not.toContain("<img");
  });

  it("covers the template without losing an edge case", () => {
    const map = createRevOpsTemplate();
    const md = renderChangePlanMarkdown(map);
    const rows = md.split("\n").filter((line) => /^\| EC-\d+ \|/.test(line));
    const expected = map.handoffs.flatMap((h) => h.edgeCases).filter((ec) => ec.status !== "mitigated");
    expect(rows).toHaveLength(expected.length);
  });
});
