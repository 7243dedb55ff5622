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
});
