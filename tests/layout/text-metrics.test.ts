import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOLD_WIDTHS, REGULAR_WIDTHS } from "../../src/layout/font-metrics.generated";
import { DEFAULT_METRICS, measureStep } from "../../src/layout/metrics";
import { textWidth, wrapText } from "../../src/layout/text-metrics";

describe("text metrics from DejaVu Sans", () => {
  it("measures with the font's own advance widths", () => {
    // DejaVu Sans: "H" 1540/2048 em, "i" 569/2048 em.
    expect(textWidth("H", 2048)).toBeCloseTo(1540, 0);
    expect(textWidth("i", 2048)).toBeCloseTo(569, 0);
    expect(textWidth("Hello World", 14)).toBeCloseTo(80.88, 1);
  });

  it("bold is wider than regular", () => {
    expect(textWidth("Deal desk", 13, "bold")).toBeGreaterThan(textWidth("Deal desk", 13));
  });

  it("covers Latin-1, Latin Extended-A, punctuation and arrows from the tables", () => {
    for (const [first, widths] of [REGULAR_WIDTHS, BOLD_WIDTHS].flat()) {
      expect(first).toBeGreaterThanOrEqual(0x20);
      expect(widths.length).toBeGreaterThan(0);
    }
    const starts = REGULAR_WIDTHS.map(([first]) => first);
    expect(starts).toEqual(expect.arrayContaining([0x20, 0xa0, 0x100, 0x2000, 0x2190]));
    expect(textWidth("é", 1000)).toBeCloseTo(textWidth("e", 1000), 0);
    expect(textWidth("→", 1000)).toBeGreaterThan(500);
  });

  it("falls back: CJK and emoji one em, combining marks zero, unknown an average glyph", () => {
    expect(textWidth("日", 10)).toBe(10);
    expect(textWidth("🚀", 10)).toBe(10);
    expect(textWidth("e\u0301", 10)).toBeCloseTo(textWidth("e", 10), 5);
    expect(textWidth("\u0d15", 1000)).toBeCloseTo(textWidth("n", 1000), 5);
  });

  it("wraps greedily, breaks over-long words, truncates with an ellipsis", () => {
    const wrapped = wrapText("Deal desk and discount approval", 100, { fontSize: 13 });
    expect(wrapped.lines.length).toBeGreaterThan(1);
    for (const line of wrapped.lines) expect(textWidth(line, 13)).toBeLessThanOrEqual(100);
    const long = wrapText("x".repeat(200), 50, { fontSize: 13, maxLines: 2 });
    expect(long.lines).toHaveLength(2);
    expect(long.truncated).toBe(true);
    expect(long.lines[1]?.endsWith("…")).toBe(true);
    expect(wrapText("", 100, { fontSize: 13 }).lines).toEqual([""]);
  });

  it("measureStep stays within the min and max box sizes", () => {
    const m = DEFAULT_METRICS;
    for (const label of [
      "",
      "Go",
      "A very long label that will need several lines ".repeat(5),
      "日本語".repeat(40),
    ]) {
      const size = measureStep(label);
      expect(size.width).toBeGreaterThanOrEqual(m.stepMinWidth);
      expect(size.width).toBeLessThanOrEqual(m.stepMaxWidth);
      expect(size.height).toBeGreaterThanOrEqual(m.stepMinHeight);
      expect(size.lines.length).toBeLessThanOrEqual(m.stepMaxLines);
      for (const line of size.lines) {
        expect(textWidth(line, m.stepFontSize)).toBeLessThanOrEqual(
          m.stepMaxWidth - 2 * m.stepPaddingX + 1e-9,
        );
      }
    }
  });

  it("measures every code point of the tables at its own width, and falls back between runs", () => {
    for (const [runs, weight] of [
      [REGULAR_WIDTHS, "normal"],
      [BOLD_WIDTHS, "bold"],
    ] as const) {
      const fallback = textWidth("n", 1000, weight);
      for (const [first, widths] of runs)
        widths.forEach((width, i) => {
          // -1: no glyph, measured by the fallbacks (a combining mark as zero, others as "n").
          if (width >= 0)
            expect(textWidth(String.fromCodePoint(first + i), 1000, weight)).toBeCloseTo(width, 9);
        });
      const covered = new Set(runs.flatMap(([first, widths]) => widths.map((_, i) => first + i)));
      // Just before the first run, between runs and after the last: the average glyph.
      for (const code of [0x1f, 0x7f, 0x9f, 0x2c00])
        if (!covered.has(code)) expect(textWidth(String.fromCodePoint(code), 1000, weight)).toBe(fallback);
    }
  });

  it("wraps exactly as the greedy word-by-word wrap does, whatever the spacing (property)", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9éß→日]{1,14}$/);
    const space = fc.constantFrom(" ", "  ", "\t", "\u00a0", "\n", "\r\n", " \n ");
    const text = fc
      .array(fc.tuple(word, space), { maxLength: 12 })
      .map((parts) => parts.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 20, max: 260 }),
        fc.integer({ min: 1, max: 4 }),
        (t, width, maxLines) => {
          const options = { fontSize: 13, maxLines };
          expect(wrapText(t, width, options)).toEqual(greedyWrap(t, width, options));
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** The wrap as first written, word by word with no shortcut: the oracle for the property above. */
function greedyWrap(text: string, maxWidth: number, options: { fontSize: number; maxLines: number }) {
  const measure = (s: string) => textWidth(s, options.fontSize);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      while (measure(rest) > maxWidth) {
        let cut = 0;
        let width = 0;
        const chars = Array.from(rest);
        while (cut < chars.length) {
          const w = measure(chars[cut] ?? "");
          if (width + w > maxWidth && cut > 0) break;
          width += w;
          cut++;
        }
        lines.push(chars.slice(0, cut).join(""));
        rest = chars.slice(cut).join("");
      }
      line = rest;
    }
    lines.push(line);
  }
  if (lines.length <= options.maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, Math.max(1, options.maxLines));
  const lastIndex = kept.length - 1;
  let last = `${kept[lastIndex] ?? ""}`;
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join("");
  kept[lastIndex] = `${last.trimEnd()}…`;
  return { lines: kept, truncated: true };
}
