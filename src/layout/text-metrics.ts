/**
 * Text measuring without a DOM, so Node and the browser agree on every box size.
 *
 * NOTE provisional table: Helvetica advance widths scaled to DejaVu Sans; to be replaced by a
 * table generated from DejaVu Sans itself (the font Debian renders, and Verdana's twin).
 */

/** The font every surface draws labels in; metrics below are for its first family. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Tahoma, sans-serif";

// Advance widths in 1/1000 em for U+0020..U+007E.
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
  556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
  556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
  500, 500, 500, 334, 260, 334, 584,
];
const SCALE = 1.12;
const BOLD_FACTOR = 1.08;

function charWidth(code: number): number {
  if (code >= 0x20 && code <= 0x7e) return (ASCII[code - 0x20] ?? 600) * SCALE;
  // Wide scripts (CJK, emoji) take a full em; everything else an average Latin glyph.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3))
    return 1000;
  if ((code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60))
    return 1000;
  if (code >= 0x1f000) return 1000;
  if (code >= 0x0300 && code <= 0x036f) return 0; // combining marks
  if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return 0; // joiners, variation selectors
  return 620;
}

export type FontWeight = "normal" | "bold";

/** Width of one line of text in pixels at the given font size. */
export function textWidth(text: string, fontSize: number, weight: FontWeight = "normal"): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0) ?? 0x20);
  return (units / 1000) * fontSize * (weight === "bold" ? BOLD_FACTOR : 1);
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
    let line = "";
    for (const word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
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
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, Math.max(1, maxLines));
  const lastIndex = kept.length - 1;
  let last = `${kept[lastIndex] ?? ""}`;
  while (last.length > 0 && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join("");
  kept[lastIndex] = `${last.trimEnd()}…`;
  return { lines: kept, truncated: true };
}
