import { describe, expect, it } from "vitest";
import { decodeUtf8, firstInvalidUtf8 } from "../../src/model/decode-utf8";
import { parseMapBytes } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
};

describe("the one encoding rule: UTF-8, with or without a byte-order mark", () => {
  it("given UTF-8 with and without a BOM, then both decode to the same text", () => {
    expect(decodeUtf8(utf8('{"a":"é步"}'))).toEqual({ ok: true, text: '{"a":"é步"}' });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("{}")]))).toEqual({ ok: true, text: "{}" });
  });

  it("given bytes that are not UTF-8, then the error names the byte and its offset", () => {
    const bytes = new Uint8Array([...utf8('{"title":"caf'), 0xe9, ...utf8('"}')]);
    expect(decodeUtf8(bytes)).toEqual({
      ok: false,
      message: "not UTF-8: byte 0xE9 at byte offset 13 is not valid UTF-8; save it as UTF-8 and try again",
    });
  });

  it.each([
    ["UTF-16 (little-endian)", utf16le("{}")],
    ["UTF-16 (big-endian)", new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d])],
    ["UTF-32 (little-endian)", new Uint8Array([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])],
  ])("given %s with its byte-order mark, then it is named", (name, bytes) => {
    const result = decodeUtf8(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      `not UTF-8: the file is ${name}, by the byte-order mark at its start; save it as UTF-8 and try again`,
    );
  });

  it("given UTF-16 without a byte-order mark, then the NUL bytes give it away", () => {
    const bytes = utf16le('{"format":"handoff-map"}').subarray(2);
    const result = decodeUtf8(bytes);
    expect(!result.ok && result.message).toMatch(
      /^not UTF-8 text: a NUL byte at byte offset 1 \(the file looks like UTF-16 without a byte-order mark\)/,
    );
  });

  it.each([
    ["an overlong slash", [0xc0, 0xaf], 0],
    ["a surrogate", [0x41, 0xed, 0xa0, 0x80], 1],
    ["past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a cut-off sequence", [0x41, 0x42, 0xe6, 0xad], 2],
    ["a stray continuation byte", [0x41, 0x80], 1],
  ])("finds %s", (_name, bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
    expect(decodeUtf8(new Uint8Array(bytes)).ok).toBe(false);
  });

  it("given a valid map as bytes, then parseMapBytes reads it; with a stray byte it refuses", () => {
    const template = createRevOpsTemplate();
    expect(parseMapBytes(utf8(JSON.stringify(template)))).toEqual({ ok: true, map: template, warnings: [] });
    const text = JSON.stringify(template).replace('"title":"', '"title":"\u0001');
    const bytes = utf8(text);
    bytes[text.indexOf("\u0001")] = 0xff;
    const result = parseMapBytes(bytes);
    expect(!result.ok && result.errors[0]?.message).toMatch(/^not UTF-8: byte 0xFF at byte offset \d+/);
  });
});
