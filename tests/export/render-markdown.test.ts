import { describe, expect, it } from "vitest";
import { renderBacklogMarkdown } from "../../src/export/render-backlog";
import { renderChangePlanMarkdown } from "../../src/export/render-change-plan";
import { escapeMarkdown, renderMarkdown } from "../../src/export/render-markdown";
import { registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import {
  HOSTILE_TEXTS,
  hostileMap,
  makeEdgeCase,
  makeHandoff,
  makeMap,
  makeStep,
} from "../fixtures/export-fixtures";

/** Splits a GFM table row on the pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  const inner = line.slice(1, -1);
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "\\") {
      current += c + (inner[i + 1] ?? "");
      i++;
    } else if (c === "|") {
      out.push(current.trim());
      current = "";
    } else current += c;
  }
  out.push(current.trim());
  return out;
}

/** Characters that are markup when they appear unescaped. */
function unescaped(line: string, char: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === char) count++;
  }
  return count;
}

describe("renderMarkdown", () => {
  describe("given the RevOps template", () => {
    const map = createRevOpsTemplate();
    const md = renderMarkdown(map);

    it("then it starts with the title and has one table row per edge case, grouped under its handoff", () => {
      expect(md.startsWith(`# ${escapeMarkdown(map.title)}\n`)).toBe(true);
      const rows = registerRows(map);
      const rowLines = md.split("\n").filter((l) => l.startsWith("| EC-"));
      expect(rowLines.map((l) => cells(l)[0])).toEqual(rows.map((r) => r.label));
      const headings = md.split("\n").filter((l) => l.startsWith("### "));
      expect(headings).toHaveLength(new Set(rows.map((r) => r.handoff.id)).size);
      expect(headings[0]).toBe(`### ${escapeMarkdown(rows[0]?.handoffName ?? "")}`);
    });

    it("then the same map gives the same text", () => {
      expect(renderMarkdown(structuredClone(map))).toBe(md);
    });
  });

  describe("given hostile text in every field", () => {
    const map = hostileMap();
    const md = renderMarkdown(map);
    const lines = md.split("\n");

    it("then every table line keeps exactly the table's column count", () => {
      const tableLines = lines.filter((l) => l.startsWith("|"));
      expect(tableLines.length).toBeGreaterThan(0);
      for (const line of tableLines) {
        expect(line.endsWith("|"), line).toBe(true);
        expect(cells(line), line).toHaveLength(8);
      }
    });

    it("then there is exactly one row line per edge case: newlines cannot forge rows", () => {
      expect(lines.filter((l) => l.startsWith("| EC-"))).toHaveLength(registerRows(map).length);
      const separators = lines.filter((l) => /^\|( --- \|)+$/.test(l));
      expect(separators).toHaveLength(new Set(registerRows(map).map((r) => r.handoff.id)).size);
    });

    it("then no tag, code span, link or image can start: < > are entities, ` [ ] ! are escaped", () => {
      for (const line of lines) {
        expect(line.replace(/<br>/g, "")).not.toMatch(/[<>]/);
        for (const c of ["`", "[", "]", "!", "*", "_", "~"])
          expect(unescaped(line, c), `${c} in ${line}`).toBe(0);
      }
      expect(md).not.toContain("<script");
      expect(md).toContain("&lt;script&gt;");
    });

    it("then headings stay one line and the text is all still there", () => {
      for (const line of lines.filter((l) => l.startsWith("#"))) expect(line).not.toContain("<br>");
      const unescapeMarkdown = (s: string) =>
        s
          .replace(/<br>/g, " ")
          .replace(/\\(.)/g, "$1")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&")
          .replace(/\s+/g, "");
      const plain = unescapeMarkdown(md);
      for (const text of HOSTILE_TEXTS) {
        // Control characters are dropped on purpose.
        const visible = Array.from(text)
          .filter((c) => (c.codePointAt(0) ?? 0) >= 0x20)
          .join("");
        expect(plain).toContain(visible.replace(/\s+/g, ""));
      }
    });
  });

  describe("escapeMarkdown", () => {
    it.each([
      ["a | b", "a \\| b"],
      ["`code`", "\\`code\\`"],
      ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
      ["[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"],
      ["![pixel](https://t.example/p.gif)", "\\!\\[pixel\\](https\\://t.example/p.gif)"],
      ["see www.evil.example now", "see www\\.evil.example now"],
      ["WWW.EVIL.EXAMPLE", "WWW\\.EVIL.EXAMPLE"],
      [
        "go to https://evil.example/x or http://a.example",
        "go to https\\://evil.example/x or http\\://a.example",
      ],
      ["ftp://files.example", "ftp\\://files.example"],
      ["mail ceo@evil.example", "mail ceo\\@evil.example"],
      ["mailto:ceo@evil.example", "mailto\\:ceo\\@evil.example"],
      ["# not a heading", "\\# not a heading"],
      ["- not a list", "\\- not a list"],
      ["1. not a list", "1\\. not a list"],
      ["Tom & Jerry", "Tom &amp; Jerry"],
      ["**bold** _em_ ~~del~~", "\\*\\*bold\\*\\* \\_em\\_ \\~\\~del\\~\\~"],
    ])("escapes %j as %j", (input, expected) => {
      expect(escapeMarkdown(input)).toBe(expected);
    });

    it("turns newlines into <br> in cells and spaces in headings", () => {
      expect(escapeMarkdown("a\nb\r\nc", "<br>")).toBe("a<br>b<br>c");
      expect(escapeMarkdown("a\nb")).toBe("a b");
    });
  });

  describe("given bare URLs and e-mail addresses in every field", () => {
    const url = "see www.evil.example, https://evil.example/x and ceo@evil.example";
    const map = makeMap({
      title: url,
      description: url,
      steps: [makeStep({ id: "a", lane: "l", label: url }), makeStep({ id: "b", lane: "l", label: url })],
      handoffs: [
        makeHandoff({
          id: "h",
          from: "a",
          to: "b",
          label: url,
          edgeCases: [makeEdgeCase({ id: "e", title: url, owner: url, mitigation: url, status: "open" })],
        }),
      ],
    });
    it.each([
      ["the Markdown export", renderMarkdown],
      ["the change plan", renderChangePlanMarkdown],
      ["the backlog", renderBacklogMarkdown],
    ])("then %s leaves no bare URL or address for a renderer to link", (_, render) => {
      const md = render(map);
      expect(md).toContain("www\\.evil.example");
      expect(md).not.toMatch(/(^|[^\\])www\./i);
      expect(md).not.toMatch(/(https?|ftp|mailto):\/\//i);
      expect(md).not.toMatch(/[^\\]@/);
    });
  });

  describe("given a map without edge cases", () => {
    it("then it says so instead of printing an empty table", () => {
      const map = makeMap({ title: "Empty", steps: [makeStep({ id: "a", lane: "l" })] });
      expect(renderMarkdown(map)).toBe(
        "# Empty\n\n## Edge-case register\n\n_No edge cases have been recorded on this map._\n",
      );
    });
  });

  describe("given a pipe in an edge-case title", () => {
    it("then the row still has eight cells and the title cell holds the whole title", () => {
      const map = makeMap({
        steps: [makeStep({ id: "a", lane: "l" }), makeStep({ id: "b", lane: "l" })],
        handoffs: [
          makeHandoff({
            id: "h",
            from: "a",
            to: "b",
            edgeCases: [makeEdgeCase({ id: "e", title: "CRM | ERP mismatch" })],
          }),
        ],
      });
      const row = renderMarkdown(map)
        .split("\n")
        .find((l) => l.startsWith("| EC-1"));
      expect(cells(row ?? "")).toHaveLength(8);
      expect(cells(row ?? "")[1]).toBe("CRM \\| ERP mismatch");
    });
  });
});
