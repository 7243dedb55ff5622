/**
 * Generates src/layout/font-metrics.generated.ts: advance widths of DejaVu Sans (regular and bold)
 * read straight from the TrueType files, so Node and the browser measure text identically.
 *
 *   npx tsx scripts/gen-font-metrics.ts [fontDir]
 *
 * Reads only three tables: head (unitsPerEm), hhea (numberOfHMetrics), hmtx (advances) and cmap
 * (format 4 and 12 subtables of the Unicode / Windows platforms). No dependency beyond node:fs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FONT_DIR = process.argv[2] ?? "/usr/share/fonts/truetype/dejavu";
const OUT = join(import.meta.dirname, "..", "src", "layout", "font-metrics.generated.ts");

/** Unicode blocks covered; anything else falls back to the rules in text-metrics.ts. */
const RANGES: ReadonlyArray<readonly [name: string, first: number, last: number]> = [
  ["Basic Latin", 0x0020, 0x007e],
  ["Latin-1 Supplement", 0x00a0, 0x00ff],
  ["Latin Extended-A", 0x0100, 0x017f],
  ["Latin Extended-B", 0x0180, 0x024f],
  ["Combining Diacritical Marks", 0x0300, 0x036f],
  ["Greek and Coptic", 0x0370, 0x03ff],
  ["Cyrillic", 0x0400, 0x04ff],
  ["General Punctuation", 0x2000, 0x206f],
  ["Currency Symbols", 0x20a0, 0x20cf],
  ["Letterlike Symbols", 0x2100, 0x214f],
  ["Arrows", 0x2190, 0x21ff],
  ["Mathematical Operators", 0x2200, 0x22ff],
  ["Geometric Shapes", 0x25a0, 0x25ff],
  ["Miscellaneous Symbols", 0x2600, 0x26ff],
  ["Dingbats", 0x2700, 0x27bf],
];

interface Font {
  unitsPerEm: number;
  advance(codePoint: number): number | undefined;
}

function parseFont(path: string): Font {
  const buf = readFileSync(path);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = buf.toString("latin1", rec, rec + 4);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`${path}: no ${tag} table`);
    return offset;
  };

  const unitsPerEm = view.getUint16(table("head") + 18);
  const numberOfHMetrics = view.getUint16(table("hhea") + 34);
  const hmtx = table("hmtx");
  const glyphAdvance = (glyph: number): number =>
    view.getUint16(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = table("cmap");
  const glyphs = new Map<number, number>();
  const subtables: Array<{ format: number; offset: number }> = [];
  const numSubtables = view.getUint16(cmap + 2);
  for (let i = 0; i < numSubtables; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const offset = cmap + view.getUint32(rec + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode) subtables.push({ format: view.getUint16(offset), offset });
  }
  // Format 12 (full Unicode) wins over format 4 (BMP) where both exist.
  subtables.sort((a, b) => a.format - b.format);
  for (const { format, offset } of subtables) {
    if (format === 4) {
      const segX2 = view.getUint16(offset + 6);
      const ends = offset + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const rangeOffsets = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = view.getUint16(ends + 2 * s);
        const start = view.getUint16(starts + 2 * s);
        const delta = view.getInt16(deltas + 2 * s);
        const rangeOffsetPos = rangeOffsets + 2 * s;
        const rangeOffset = view.getUint16(rangeOffsetPos);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = view.getUint16(rangeOffsetPos + rangeOffset + 2 * (c - start));
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph !== 0) glyphs.set(c, glyph);
        }
      }
    } else if (format === 12) {
      const groups = view.getUint32(offset + 12);
      for (let g = 0; g < groups; g++) {
        const rec = offset + 16 + g * 12;
        const start = view.getUint32(rec);
        const end = view.getUint32(rec + 4);
        const glyph = view.getUint32(rec + 8);
        for (let c = start; c <= end; c++) glyphs.set(c, glyph + (c - start));
      }
    }
  }
  return {
    unitsPerEm,
    advance: (codePoint) => {
      const glyph = glyphs.get(codePoint);
      return glyph === undefined ? undefined : glyphAdvance(glyph);
    },
  };
}

/** Widths in 1/1000 em rounded to 0.1 unit; -1 marks a code point the font has no glyph for. */
function widthTable(font: Font): string {
  const rows: string[] = [];
  for (const [name, first, last] of RANGES) {
    const widths: number[] = [];
    for (let c = first; c <= last; c++) {
      const advance = font.advance(c);
      widths.push(advance === undefined ? -1 : Math.round((advance * 10000) / font.unitsPerEm) / 10);
    }
    rows.push(`  // ${name}\n  [0x${first.toString(16).padStart(4, "0")}, [${widths.join(", ")}]],`);
  }
  return `[\n${rows.join("\n")}\n]`;
}

const regular = parseFont(join(FONT_DIR, "DejaVuSans.ttf"));
const bold = parseFont(join(FONT_DIR, "DejaVuSans-Bold.ttf"));

const source = `// GENERATED by scripts/gen-font-metrics.ts from DejaVuSans.ttf and DejaVuSans-Bold.ttf. Do not edit.
// Advance widths in 1/1000 em per code point, in runs starting at the given code point;
// -1 means the font has no glyph there (text-metrics.ts falls back).

export type WidthRuns = ReadonlyArray<readonly [first: number, widths: readonly number[]]>;

export const REGULAR_WIDTHS: WidthRuns = ${widthTable(regular)};

export const BOLD_WIDTHS: WidthRuns = ${widthTable(bold)};
`;
writeFileSync(OUT, source);
console.log(`wrote ${OUT}`);
