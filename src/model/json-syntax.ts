/**
 * Where a JSON text first breaks, in words a person can act on: "line 3, column 14: expected
 * ',' or '}' after a property". Used only after JSON.parse has failed, because the engines'
 * own messages differ (Node 20 names a position for some errors and none for others, Chromium
 * quotes a slice of the text) and none gives a line. Iterative: hostile nesting cannot
 * overflow the stack.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot be JSON (the text's length at its end). */
  offset: number;
  line: number;
  /** 1-based, counted in characters (code points) like an editor's status bar. */
  column: number;
  message: string;
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const found = scan(text);
  return found === null
    ? null
    : { offset: found.offset, ...lineAndColumn(text, found.offset), message: found.message };
}

/** A 1-based line and column for a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  let column = 1;
  for (let i = lineStart; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < offset) i++;
    column++;
  }
  return { line, column };
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return "the end of the file";
  const code = text.codePointAt(offset) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
  return `'${String.fromCodePoint(code)}'`;
}

type Frame = "array" | "object";

function scan(text: string): { offset: number; message: string } | null {
  let i = 0;
  const stack: Frame[] = [];
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text.charCodeAt(i))) i++;
  };
  const fail = (expected: string) => ({
    offset: i,
    message: `expected ${expected}, found ${describeAt(text, i)}`,
  });

  /** Reads one string starting at text[i] === '"'; returns an error or null. */
  const readString = (): { offset: number; message: string } | null => {
    i++;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return null;
      }
      if (code < 0x20)
        return {
          offset: i,
          message: `a control character (U+${code.toString(16).toUpperCase().padStart(4, "0")}) inside a string; write it as an escape such as \\n`,
        };
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return { offset: i, message: "an invalid escape in a string" };
        continue;
      }
      i++;
    }
    return { offset: i, message: "a string that is never closed (a missing '\"')" };
  };

  // A state machine over one stack, not recursion: "[[[[…" a million deep is fine.
  let state: "value" | "key" | "after" = "value";
  for (;;) {
    skip();
    if (state === "value") {
      const char = text[i];
      if (char === "{" || char === "[") {
        i++;
        stack.push(char === "{" ? "object" : "array");
        skip();
        if (text[i] === (char === "{" ? "}" : "]")) {
          i++;
          stack.pop();
          state = "after";
        } else state = char === "{" ? "key" : "value";
        continue;
      }
      if (char === '"') {
        const error = readString();
        if (error !== null) return error;
        state = "after";
        continue;
      }
      const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
        text.slice(i, i + 400),
      );
      if (literal === null)
        return fail("a value (a string in double quotes, a number, true, false, null, [ or {)");
      i += literal[0].length;
      state = "after";
      continue;
    }
    if (state === "key") {
      if (text[i] !== '"') return fail("a property name in double quotes");
      const error = readString();
      if (error !== null) return error;
      skip();
      if (text[i] !== ":") return fail("':' after a property name");
      i++;
      state = "value";
      continue;
    }
    const frame = stack.at(-1);
    if (frame === undefined) break;
    const close = frame === "object" ? "}" : "]";
    if (text[i] === close) {
      i++;
      stack.pop();
      continue;
    }
    if (text[i] !== ",")
      return fail(frame === "object" ? "',' or '}' after a property" : "',' or ']' after an item");
    i++;
    skip();
    if (text[i] === close)
      return { offset: i, message: `a trailing comma before '${close}'; remove the comma` };
    state = frame === "object" ? "key" : "value";
  }
  if (i < text.length) return fail("the end of the file after the value");
  return null;
}
