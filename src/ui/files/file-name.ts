/**
 * A download's file name from a map title: readable, safe on Windows, macOS and Linux.
 * Drops characters file systems refuse or treat specially (/ \ : * ? " < > | and controls),
 * trims dots and spaces at the ends (Windows), avoids reserved device names, caps the length.
 */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_BASE = 100;

export function fileBaseName(title: string): string {
  const cleaned = title
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  let base = Array.from(cleaned).slice(0, MAX_BASE).join("").trim();
  if (base === "") base = "handoff-map";
  if (RESERVED.test(base)) base = `${base}-map`;
  return base;
}

export function fileName(title: string, extension: string): string {
  return `${fileBaseName(title)}.${extension}`;
}
