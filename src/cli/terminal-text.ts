/**
 * Text from a map file or an argument, made safe to print on a terminal. Ids, names and values
 * come from untrusted files: an ESC starts a terminal escape sequence (colours, cursor moves, a
 * window title, a hyperlink), BEL rings, a carriage return overwrites the line, and bidi
 * overrides reorder what is shown. Every CLI message passes through `terminalLine`.
 */

/**
 * C0 controls (newline and tab included: one message is one line), DEL, C1 controls, the
 * bidirectional marks, embeddings, overrides and isolates, and the Unicode line separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces each unsafe character with a visible escape such as `\x1B` or `\u202E`. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** One message line for stdout or stderr: escaped, ending in a newline. */
export function terminalLine(text: string): string {
  return `${escapeControls(text)}\n`;
}

/** How many problems and warnings a command lists before "… and N more". */
export const LISTED = { errors: 50, warnings: 10 } as const;

/**
 * The first `limit` items as lines, then one line saying how many more there were, so a file
 * with 100,000 unknown fields prints 11 lines, not 100,001.
 *
 * @example
 * cappedLines(["a", "b", "c"], 2, "warning"); // ["a", "b", "… and 1 more warning"]
 */
export function cappedLines(lines: readonly string[], limit: number, kind: "problem" | "warning"): string[] {
  if (lines.length <= limit) return [...lines];
  const more = lines.length - limit;
  return [
    ...lines.slice(0, limit),
    `… and ${more.toLocaleString("en-US")} more ${kind}${more === 1 ? "" : "s"}`,
  ];
}
