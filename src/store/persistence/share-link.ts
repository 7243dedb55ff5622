import type { MapIssue } from "../../model/map-issue";
import { type ParseResult, parseMapText } from "../../model/parse-map";
import { type HandoffMap, LIMITS } from "../../model/types";
import { serializeMap } from "./map-storage";

/**
 * Share links carry the whole map in the URL fragment: `#map=<base64url(deflate-raw(JSON))>`.
 * Browsers never send the fragment to a server, so the map stays between the people who pass
 * the link around. Opening one goes through parseMapText like any file.
 */

export const SHARE_PREFIX = "#map=";

/**
 * The longest fragment a link may carry. Browsers take far longer URLs, but chat and mail tools
 * cut or refuse links well before that; beyond this, a file travels better.
 */
export const MAX_SHARE_FRAGMENT = 32_000;

export type ShareEncodeResult =
  | { ok: true; fragment: string }
  | { ok: false; reason: "too-large"; length: number };

export async function encodeShareFragment(
  map: HandoffMap,
  limit: number = MAX_SHARE_FRAGMENT,
): Promise<ShareEncodeResult> {
  const bytes = new TextEncoder().encode(serializeMap(map));
  const packed = await pipe(bytes, new CompressionStream("deflate-raw"), Number.POSITIVE_INFINITY);
  const fragment = SHARE_PREFIX + toBase64Url(packed ?? new Uint8Array());
  if (fragment.length > limit) return { ok: false, reason: "too-large", length: fragment.length };
  return { ok: true, fragment };
}

/** True when the URL fragment holds a share link (whether or not it will read). */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}

/** Reads a share fragment into a map, or the problems in the CLI's terms. Never throws. */
export async function decodeShareFragment(hash: string): Promise<ParseResult> {
  const fail = (message: string): ParseResult => ({
    ok: false,
    errors: [{ path: "", message } satisfies MapIssue],
  });
  if (!isShareFragment(hash)) return fail("this link does not contain a map");
  const body = hash.slice(SHARE_PREFIX.length);
  // A compressed map inflates by a bounded factor for real maps; the byte cap below stops bombs.
  if (body.length > LIMITS.fileBytes) return fail("the link is longer than any map Handoff shares");
  const packed = fromBase64Url(body);
  if (packed === null) return fail("the link is damaged (it is not valid base64url); ask for it again");
  let bytes: Uint8Array | null;
  try {
    bytes = await pipe(packed, new DecompressionStream("deflate-raw"), LIMITS.fileBytes);
  } catch {
    return fail("the link is damaged (it does not decompress); ask for it again, or for a file");
  }
  if (bytes === null)
    return fail(`the map in the link is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("the link is damaged (its text is not UTF-8)");
  }
  return parseMapText(text);
}

/** Runs bytes through a transform; null when the output passes maxBytes. */
async function pipe(
  input: Uint8Array,
  transform: TransformStream<BufferSource, Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | null> {
  const writer = transform.writable.getWriter();
  const written = writer
    .write(input as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
