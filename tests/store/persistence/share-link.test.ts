import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/model/map-issue";
import { updateMapInfo } from "../../../src/model/operations";
import { createTemplate } from "../../../src/model/templates";
import {
  decodeShareFragment,
  encodeShareFragment,
  isShareFragment,
  MAX_SHARE_FRAGMENT,
} from "../../../src/store/persistence/share-link";

describe("share links", () => {
  it("round-trips the RevOps template through the fragment, well under the limit", async () => {
    const map = createTemplate("revops");
    const encoded = await encodeShareFragment(map);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.fragment).toMatch(/^#map=[A-Za-z0-9_-]+$/);
    expect(encoded.fragment.length).toBeLessThan(MAX_SHARE_FRAGMENT / 2);
    const decoded = await decodeShareFragment(encoded.fragment);
    expect(decoded).toEqual({ ok: true, map, warnings: [] });
  });

  it("round-trips any title text, emoji and right-to-left included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }).filter((s) => s.trim() !== ""),
        async (title) => {
          const map = updateMapInfo(createTemplate("blank"), { title });
          const encoded = await encodeShareFragment(map);
          if (!encoded.ok) throw new Error("too large");
          const decoded = await decodeShareFragment(encoded.fragment);
          expect(decoded.ok && decoded.map.title).toBe(title);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a map too large for a link, saying how long it would be", async () => {
    const map = updateMapInfo(createTemplate("revops"), { description: "x" });
    const encoded = await encodeShareFragment(map, 100);
    expect(encoded).toMatchObject({ ok: false, reason: "too-large" });
    expect(!encoded.ok && encoded.length).toBeGreaterThan(100);
  });

  it("reports damaged links in plain words instead of throwing", async () => {
    const message = async (hash: string) => {
      const result = await decodeShareFragment(hash);
      return result.ok ? "ok" : result.errors.map(formatIssue).join("\n");
    };
    expect(await message("#map=not*base64")).toMatch(/damaged.*base64url/);
    expect(await message("#map=AAAA")).toMatch(/damaged|not valid JSON|empty/);
    expect(await message("#other")).toMatch(/does not contain a map/);
  });

  it("validates the decoded map like a file: a bad reference is listed with its path", async () => {
    const map = createTemplate("revops");
    const first = map.handoffs[0];
    if (first === undefined) throw new Error("no handoffs");
    first.to = "nowhere";
    const encoded = await encodeShareFragment(map);
    if (!encoded.ok) throw new Error("too large");
    const decoded = await decodeShareFragment(encoded.fragment);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.errors.map(formatIssue).join("\n")).toMatch(
      /handoffs\[0\].*to: no step with id "nowhere"/,
    );
  });

  it("stops inflating a link bomb at the file size limit", async () => {
    // 30 MB of spaces compresses to a few KB; decoding must stop, not allocate it all.
    const bomb = new Uint8Array(30 * 1024 * 1024).fill(0x20);
    const stream = new Blob([bomb]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const packed = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const byte of packed) binary += String.fromCharCode(byte);
    const fragment = `#map=${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
    const decoded = await decodeShareFragment(fragment);
    expect(!decoded.ok && decoded.errors[0]?.message).toMatch(/larger than the 20 MB limit/);
  });

  it("recognises share fragments", () => {
    expect(isShareFragment("#map=abc")).toBe(true);
    expect(isShareFragment("#mapx")).toBe(false);
    expect(isShareFragment("")).toBe(false);
  });
});
