import { describe, expect, it } from "vitest";
import { CSV_HEADER, csvField, neutralizeFormula, renderCsv } from "../../src/export/render-csv";
import { registerRowsByNumber } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { hostileMap, makeEdgeCase, makeHandoff, makeMap, makeStep } from "../fixtures/export-fixtures";
import { readCsv } from "../fixtures/read-csv";

/** What the CSV leaves out, as the Markdown export does: C0 controls but tab, LF and CR, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is matched
const DROPPED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function expectedRecords(map: HandoffMap): string[][] {
  return registerRowsByNumber(map).map((row) =>
    [
      row.label,
      row.handoffName,
      row.from,
      row.to,
      row.edgeCase.title,
      row.edgeCase.severity,
      row.edgeCase.status,
      row.edgeCase.owner,
      row.edgeCase.mitigation,
      row.edgeCase.description,
      row.edgeCase.due ?? "",
      String(row.edgeCase.votes),
    ].map((value) => neutralizeFormula(value.replace(DROPPED_CONTROLS, ""))),
  );
}

describe("renderCsv", () => {
  for (const [name, map] of [
    ["the RevOps template", createRevOpsTemplate()],
    ["hostile text in every field", hostileMap()],
  ] as const) {
    describe(`given ${name}`, () => {
      const csv = renderCsv(map);

      it("then it starts with a UTF-8 BOM, ends records with CRLF and parses back as RFC 4180", () => {
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        expect(csv.endsWith("\r\n")).toBe(true);
        expect(() => readCsv(csv.slice(1))).not.toThrow();
      });

      it("then it parses back to the header and the same edge cases, in register order", () => {
        const [header, ...records] = readCsv(csv.slice(1));
        expect(header).toEqual([...CSV_HEADER]);
        expect(records).toEqual(expectedRecords(map));
      });

      it("then no cell begins with a character a spreadsheet would run as a formula", () => {
        for (const record of readCsv(csv.slice(1))) {
          for (const value of record) expect(value).not.toMatch(/^[=+\-@\t\r]/);
        }
      });
    });
  }

  it("given a due date and votes, then they are the last two columns, as in the Markdown register", () => {
    const map = makeMap({
      steps: [makeStep({ id: "a", lane: "l" }), makeStep({ id: "b", lane: "l" })],
      handoffs: [
        makeHandoff({
          id: "h",
          from: "a",
          to: "b",
          edgeCases: [
            makeEdgeCase({ id: "e", number: 4, due: "2027-01-15", votes: 3 }),
            makeEdgeCase({ id: "f", number: 2, title: '=HYPERLINK("x")' }),
          ],
        }),
      ],
    });
    const [header, ...records] = readCsv(renderCsv(map).slice(1));
    expect(header?.slice(-2)).toEqual(["due", "votes"]);
    expect(records.map((r) => [r[0], r[4], ...r.slice(-2)])).toEqual([
      ["EC-2", '\'=HYPERLINK("x")', "", "0"],
      ["EC-4", "Edge case e", "2027-01-15", "3"],
    ]);
  });

  it("given a map without edge cases, then the header row is still there", () => {
    expect(renderCsv(makeMap())).toBe(`\uFEFF${CSV_HEADER.map((h) => `"${h}"`).join(",")}\r\n`);
  });

  it("given quotes, commas and newlines, then they stay inside one quoted field", () => {
    const map = makeMap({
      steps: [
        makeStep({ id: "a", lane: "l", label: "Quote, sign" }),
        makeStep({ id: "b", lane: "l", label: "B" }),
      ],
      handoffs: [
        makeHandoff({
          id: "h",
          from: "a",
          to: "b",
          edgeCases: [
            makeEdgeCase({ id: "e", title: 'The "final" quote,\r\nagain', mitigation: "line 1\nline 2" }),
          ],
        }),
      ],
    });
    const csv = renderCsv(map);
    expect(csv).toContain('"The ""final"" quote,\r\nagain"');
    const [, record] = readCsv(csv.slice(1));
    expect(record?.[4]).toBe('The "final" quote,\r\nagain');
    expect(record?.[8]).toBe("line 1\nline 2");
    expect(record?.[2]).toBe("Quote, sign");
  });

  it.each([
    ['=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["＝1+1", "'＝1+1"],
    ["plain text", "plain text"],
    ["a=b", "a=b"],
  ])("neutralizes %j as %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it("given control characters in front of a formula, then they are dropped and the formula still neutralized", () => {
    // A spreadsheet that drops the NUL on import would otherwise see "=cmd..." at the start.
    expect(csvField("\u0000\u001f=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvField("bell\u0007 and del\u007f, tab\tkept")).toBe('"bell and del, tab\tkept"');
  });
});
