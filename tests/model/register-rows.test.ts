import { describe, expect, it } from "vitest";
import { escapeXmlAttr, escapeXmlText, stripIllegalXmlChars } from "../../src/export/svg-escape";
import { edgeCaseNumbers } from "../../src/model/edge-case-numbers";
import {
  edgeCaseLabel,
  handoffName,
  highestOpenSeverity,
  registerRows,
  registerRowsByNumber,
} from "../../src/model/register-rows";
import { makeEdgeCase, makeHandoff, makeMap, makeStep } from "../fixtures/export-fixtures";

const map = makeMap({
  steps: [
    makeStep({ id: "__proto__", lane: "l", label: "Lead enrichment" }),
    makeStep({ id: "constructor", lane: "l", label: "SDR outreach" }),
    makeStep({ id: "c", lane: "l", label: "Discovery" }),
  ],
  handoffs: [
    makeHandoff({
      id: "h1",
      from: "__proto__",
      to: "constructor",
      edgeCases: [makeEdgeCase({ id: "b" }), makeEdgeCase({ id: "a" })],
    }),
    makeHandoff({ id: "h2", from: "constructor", to: "c" }),
    makeHandoff({
      id: "h3",
      from: "constructor",
      to: "missing",
      edgeCases: [makeEdgeCase({ id: "toString" })],
    }),
  ],
});

describe("registerRows", () => {
  it("given edge cases without stored numbers, then they are numbered 1.. in map order, not by id", () => {
    expect(registerRows(map).map((r) => [r.label, r.edgeCase.id, r.handoff.id])).toEqual([
      ["EC-1", "b", "h1"],
      ["EC-2", "a", "h1"],
      ["EC-3", "toString", "h3"],
    ]);
    expect(Array.from(edgeCaseNumbers(map))).toEqual([
      ["b", 1],
      ["a", 2],
      ["toString", 3],
    ]);
  });

  it("given stored numbers, then the rows show them, in map order, and by number EC-1 first", () => {
    const numbered = makeMap({
      ...map,
      handoffs: [
        makeHandoff({
          id: "h1",
          from: "__proto__",
          to: "constructor",
          edgeCases: [makeEdgeCase({ id: "b", number: 7 }), makeEdgeCase({ id: "a", number: 2 })],
        }),
        makeHandoff({
          id: "h3",
          from: "constructor",
          to: "c",
          edgeCases: [makeEdgeCase({ id: "toString", number: 4 })],
        }),
      ],
    });
    expect(registerRows(numbered).map((r) => r.label)).toEqual(["EC-7", "EC-2", "EC-4"]);
    expect(registerRowsByNumber(numbered).map((r) => r.edgeCase.id)).toEqual(["a", "toString", "b"]);
  });

  it("then a handoff is named by its two steps, and by the id of a step that is missing", () => {
    expect(handoffName(map, map.handoffs[0] ?? makeHandoff({ id: "", from: "", to: "" }))).toBe(
      "Lead enrichment → SDR outreach",
    );
    expect(registerRows(map)[2]?.handoffName).toBe("SDR outreach → missing");
  });

  it("edgeCaseLabel formats numbers as EC-n", () => {
    expect(edgeCaseLabel(12)).toBe("EC-12");
  });
});

describe("highestOpenSeverity", () => {
  it("given open and closed edge cases, then only the open ones count", () => {
    expect(
      highestOpenSeverity([
        makeEdgeCase({ id: "1", severity: "critical", status: "mitigated" }),
        makeEdgeCase({ id: "2", severity: "medium" }),
        makeEdgeCase({ id: "3", severity: "high", status: "accepted" }),
      ]),
    ).toBe("medium");
  });

  it("given nothing open, then null", () => {
    expect(highestOpenSeverity([makeEdgeCase({ id: "1", status: "accepted" })])).toBeNull();
    expect(highestOpenSeverity([])).toBeNull();
  });
});

describe("XML escaping", () => {
  it("escapes text so that no tag or CDATA end can appear", () => {
    expect(escapeXmlText("<a>]]>&")).toBe("&lt;a&gt;]]&gt;&amp;");
  });

  it("escapes attributes including both quotes and whitespace that normalization would change", () => {
    expect(escapeXmlAttr(`"'<>&\t\n\r`)).toBe("&quot;&apos;&lt;&gt;&amp;&#9;&#10;&#13;");
  });

  it("removes characters XML 1.0 forbids, keeps astral characters and tab/newline", () => {
    expect(stripIllegalXmlChars("a\u0000b\u0008c\uFFFEd\uD800e🚀\t\n")).toBe("abcde🚀\t\n");
  });
});
