/**
 * Ids are user data, and some land inside CSS (the walkthrough's highlight, the drop lane's
 * tint). `cssString` escapes quotes, backslashes, line breaks, control characters, `<` and `>`,
 * so an id can never end the attribute selector, the rule, or the <style> element.
 */
/** A CSS string literal (double-quoted) holding exactly `value`. */
export function cssString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f || char === "<" || char === ">") out += `\\${code.toString(16)} `;
    else out += char;
  }
  return `${out}"`;
}
