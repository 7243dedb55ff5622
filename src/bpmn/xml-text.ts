/**
 * Text into XML 1.0, always well-formed. XML cannot hold some characters at all (most C0
 * controls, U+FFFE, U+FFFF, unpaired surrogates), not even as character references:
 *
 * - in what other tools show (names, documentation, annotation text) they become U+FFFD;
 * - in Handoff's extension attributes they are kept exactly with encodeExtensionText, a
 *   reversible backslash escape (`\` -> `\\`, a character XML cannot hold -> `\uXXXX`).
 *
 * Newlines, carriage returns and tabs in attributes are written as character references, because
 * an XML reader turns literal ones into spaces (attribute-value normalisation).
 */

/** True for a UTF-16 code unit (or an unpaired surrogate) that XML 1.0 cannot hold. */
function isForbidden(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code === 0xfffe || code === 0xffff) return true;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

function hasForbidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isForbidden(text, i)) return true;
  return false;
}

/** Unit by unit: the slow path, only for text holding something XML cannot. */
function mapUnits(text: string, each: (unit: string, forbidden: boolean) => string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += each(text.charAt(i), isForbidden(text, i));
  return out;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

/** A value for a double-quoted attribute; characters XML cannot hold become U+FFFD. */
export function xmlAttr(text: string): string {
  if (!hasForbidden(text)) return text.replace(/[&<>"'\n\r\t]/g, (c) => ENTITIES[c] ?? c);
  return mapUnits(text, (unit, forbidden) => (forbidden ? "\ufffd" : (ENTITIES[unit] ?? unit)));
}

/** Element text; characters XML cannot hold become U+FFFD. Newlines stay as they are. */
export function xmlText(text: string): string {
  if (!hasForbidden(text)) return text.replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
  return mapUnits(text, (unit, forbidden) => {
    if (forbidden) return "\ufffd";
    if (unit === "\n" || unit === "\t") return unit;
    return ENTITIES[unit] ?? unit;
  });
}

/** What a reader of xmlText/xmlAttr output sees: the text with U+FFFD for what XML cannot hold. */
export function visibleText(text: string): string {
  if (!hasForbidden(text)) return text;
  return mapUnits(text, (unit, forbidden) => (forbidden ? "\ufffd" : unit));
}

/** Reversible: `\` -> `\\`, a character XML cannot hold -> `\uXXXX`. Then give it to xmlAttr. */
export function encodeExtensionText(text: string): string {
  if (!hasForbidden(text)) return text.replace(/\\/g, "\\\\");
  return mapUnits(text, (unit, forbidden) => {
    if (unit === "\\") return "\\\\";
    return forbidden ? `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}` : unit;
  });
}

/** The inverse of encodeExtensionText; a stray backslash is kept as it is. */
export function decodeExtensionText(text: string): string {
  return text.replace(/\\(\\|u[0-9a-fA-F]{4})/g, (_match, sequence: string) =>
    sequence === "\\" ? "\\" : String.fromCharCode(Number.parseInt(sequence.slice(1), 16)),
  );
}
