/**
 * XML escaping for the SVG export. Every piece of text that reaches the SVG passes through one
 * of these, so a label can never become markup: the SVG is data, never code.
 */

// Characters XML 1.0 forbids anywhere in a document (C0 controls except tab/LF/CR, lone
// surrogates, U+FFFE/U+FFFF). With the `u` flag a lone surrogate is one code point and is matched.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Printable ASCII that needs no escaping in text or in a double- or single-quoted attribute:
// most values (colors, numbers, ids, plain labels) match, and skip the replacement passes.
const SAFE = /^[\u0020\u0021\u0023-\u0025\u0028-\u003b\u003d\u003f-\u007e]*$/;

/** Removes characters that cannot appear in an XML 1.0 document at all, even escaped. */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, "");
}

/** Escapes text content: `&`, `<` and `>` (the last so that `]]>` can never appear). */
export function escapeXmlText(text: string): string {
  if (SAFE.test(text)) return text;
  return stripIllegalXmlChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Escapes an attribute value for use inside double quotes. Tab, LF and CR become character
 * references so attribute-value normalization cannot change them.
 */
export function escapeXmlAttr(text: string): string {
  if (SAFE.test(text)) return text;
  return stripIllegalXmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}
