/**
 * The one encoding rule for map files, in the CLI and the editor's Import alike: UTF-8, with or
 * without a byte-order mark, and nothing else. Anything else is refused with the byte offset
 * of the first byte that is not UTF-8, never decoded into replacement characters (which would
 * silently change labels) and never guessed (a UTF-16 file read as UTF-8 is a garbled error).
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string };

const BOMS: readonly { bytes: readonly number[]; name: string }[] = [
  // UTF-32 LE starts with the UTF-16 LE mark: test it first.
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: "UTF-32 (little-endian)" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: "UTF-32 (big-endian)" },
  { bytes: [0xff, 0xfe], name: "UTF-16 (little-endian)" },
  { bytes: [0xfe, 0xff], name: "UTF-16 (big-endian)" },
];

const SAVE_AS = "save it as UTF-8 and try again";

/**
 * Decodes a map file's bytes. A UTF-8 byte-order mark is dropped.
 *
 * @example
 * decodeUtf8(bytes); // { ok: false, message: "not UTF-8: the file is UTF-16 (little-endian) ..." }
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  for (const bom of BOMS)
    if (bom.bytes.every((byte, i) => bytes[i] === byte))
      return {
        ok: false,
        message: `not UTF-8: the file is ${bom.name}, by the byte-order mark at its start; ${SAVE_AS}`,
      };
  try {
    // ignoreBOM false (the default): a UTF-8 byte-order mark is consumed, not returned.
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // NUL is valid UTF-8 but never valid in JSON text; it is how UTF-16 without a mark shows.
    const nul = text.indexOf("\u0000");
    if (nul !== -1) {
      const offset = utf8Offset(bytes, nul);
      return {
        ok: false,
        message: `not UTF-8 text: a NUL byte at byte offset ${offset}${looksLikeUtf16(bytes) ? " (the file looks like UTF-16 without a byte-order mark)" : ""}; ${SAVE_AS}`,
      };
    }
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const byte = bytes[offset] ?? 0;
    return {
      ok: false,
      message: `not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} at byte offset ${offset} is not valid UTF-8; ${SAVE_AS}`,
    };
  }
}

/** The byte offset of the UTF-16 index `index` in the decoded text (BOM included in bytes). */
function utf8Offset(bytes: Uint8Array, index: number): number {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Count code units until `index`: re-decode is simplest and this is the error path.
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(start)).slice(0, index);
  return start + new TextEncoder().encode(prefix).byteLength;
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64);
  let zeros = 0;
  for (const byte of sample) if (byte === 0) zeros++;
  return sample.length >= 2 && zeros * 3 >= sample.length;
}

/**
 * The offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF), or bytes.length for a sequence cut off at the end.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (next < min || next > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
