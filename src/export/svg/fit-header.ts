/** Lane and phase names in their header cells. */
import { HEADER_NAME_FONT } from "../../layout/metrics";
import { wrapText } from "../../layout/text-metrics";

// The layout sizes lane bands and the phase header row for names at this size (metrics.ts).
const HEADER_FONT = HEADER_NAME_FONT;
const MIN_HEADER_FONT = 10;

/**
 * Wraps a name into at most `maxHeight`, shrinking the font down to MIN_HEADER_FONT before
 * letting it run taller: names are never cut short.
 */
export function fitHeader(text: string, maxWidth: number, maxHeight: number) {
  for (let size = HEADER_FONT; ; size -= 1) {
    const lineHeight = Math.round(size * 1.3);
    const { lines } = wrapText(text, Math.max(maxWidth, size), { fontSize: size, weight: "bold" });
    if (lines.length * lineHeight <= maxHeight || size <= MIN_HEADER_FONT) return { lines, size, lineHeight };
  }
}
