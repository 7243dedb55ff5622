/**
 * Text measuring without a DOM, so Node and the browser agree on every box size.
 *
 * Widths come from font-metrics.generated.ts, read out of DejaVu Sans and DejaVu Sans Bold by
 * scripts/gen-font-metrics.ts (the font Debian renders, and Verdana's twin in proportions).
 * Kerning and ligatures are ignored: they change a line by well under one character.
 */
import { BOLD_WIDTHS, REGULAR_WIDTHS, type WidthRuns } from "./font-metrics.generated";

/** The font every surface draws labels in; metrics below are for its first family. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Tahoma, sans-serif";

export type FontWeight = "normal" | "bold";

/**
 * One font's widths as flat typed arrays: run r covers code points starts[r] to
 * starts[r] + (offsets[r + 1] - offsets[r]) - 1, their widths at widths[offsets[r]…]. About
 * 17 KB per font, outside the JS heap, where a Map per code point held 51 KB in it.
 */
interface WidthTable {
  starts: Int32Array;
  offsets: Int32Array;
  /** -1 where the font has no glyph. */
  widths: Float64Array;
  /** For code points the table does not cover: the width of "n", an average lowercase glyph. */
  fallback: number;
}

function buildTable(runs: WidthRuns): WidthTable {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  const starts = new Int32Array(sorted.length);
  const offsets = new Int32Array(sorted.length + 1);
  let total = 0;
  sorted.forEach(([first, run], r) => {
    starts[r] = first;
    offsets[r] = total;
    total += run.length;
  });
  offsets[sorted.length] = total;
  const widths = new Float64Array(total);
  sorted.forEach(([, run], r) => {
    widths.set(run, offsets[r]);
  });
  const table = { starts, offsets, widths, fallback: 600 };
  table.fallback = knownWidth(0x6e, table) ?? 600;
  return table;
}

/** The font's own width for a code point, or undefined where it has no glyph. */
function knownWidth(code: number, table: WidthTable): number | undefined {
  const { starts, offsets, widths } = table;
  // The last run starting at or before code.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= code) low = middle;
    else high = middle - 1;
  }
  const start = starts[low] ?? 0;
  const at = (offsets[low] ?? 0) + code - start;
  if (code < start || at >= (offsets[low + 1] ?? 0)) return undefined;
  const width = widths[at] ?? -1;
  return width >= 0 ? width : undefined;
}

const REGULAR = buildTable(REGULAR_WIDTHS);
const BOLD = buildTable(BOLD_WIDTHS);

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f000
  );
}

function isZeroWidth(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) || // combining marks
    (code >= 0x200b && code <= 0x200f) || // zero-width space, joiners, direction marks
    (code >= 0xfe00 && code <= 0xfe0f) || // variation selectors
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

/** Advance width of one code point in 1/1000 em. */
function charWidth(code: number, table: WidthTable): number {
  const known = knownWidth(code, table);
  if (known !== undefined) return known;
  if (isZeroWidth(code)) return 0;
  // Wide scripts (CJK, emoji) take a full em; everything else an average Latin glyph.
  if (isWide(code)) return 1000;
  return table.fallback;
}

/** Width of one line of text in pixels at the given font size. */
export function textWidth(text: string, fontSize: number, weight: FontWeight = "normal"): number {
  const table = weight === "bold" ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0) ?? 0x20, table);
  return (units / 1000) * fontSize;
}

export interface WrapOptions {
  fontSize: number;
  weight?: FontWeight;
  /** Lines beyond this are dropped and the last kept line ends with "…". */
  maxLines?: number;
}

export interface WrappedText {
  lines: string[];
  truncated: boolean;
}

/**
 * Greedy word wrap to maxWidth. Hard newlines in the text are kept; a word wider than the line
 * is broken between characters. Never returns an empty array (an empty text is one empty line).
 */
export function wrapText(text: string, maxWidth: number, options: WrapOptions): WrappedText {
  const { fontSize, weight = "normal", maxLines = Number.POSITIVE_INFINITY } = options;
  const measure = (s: string) => textWidth(s, fontSize, weight);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    if (measure(paragraph) <= maxWidth && words.join(" ") === paragraph) {
      // The greedy wrap would rebuild this very line word by word: keep the text's own string
      // (most labels fit one line; a thousand steps then hold one copy of each label, not two).
      lines.push(paragraph);
      continue;
    }
    let line = "";
    for (const word of words) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      // Break an over-long word between characters.
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
  // slice(): an array grown by push keeps room for 17; a thousand one-line labels kept 60 KB idle.
  if (lines.length <= maxLines) return { lines: lines.slice(), truncated: false };
  const kept = lines.slice(0, Math.max(1, maxLines));
  const lastIndex = kept.length - 1;
  let last = `${kept[lastIndex] ?? ""}`;
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join("");
  kept[lastIndex] = `${last.trimEnd()}…`;
  return { lines: kept, truncated: true };
}
