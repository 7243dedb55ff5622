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

/** A visible escape for one character: `\x1B`, `\u202E`. */
function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Replaces each unsafe character with a visible escape such as `\x1B` or `\u202E`. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * The same characters but those that lay out many lines: tab, newline, and a carriage return
 * that ends a line with its newline (CSV's CRLF). A lone CR would overwrite the line shown.
 */
const UNSAFE_IN_DOCUMENT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A whole export (JSON, CSV, SVG, Markdown) made safe to show on a terminal: what `terminalLine`
 * escapes, keeping its lines and tabs. Only for a terminal: files and pipes get the bytes as
 * they are, which are the user's own text.
 *
 * @example
 * terminalText("a\u001b[2Jb\r\nc\rd\u202e"); // "a\\x1B[2Jb\r\nc\\x0Dd\\u202E"
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_IN_DOCUMENT, visible);
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
