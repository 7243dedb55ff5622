import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/model/map-issue";
import { createTemplate } from "../../../src/model/templates";
import { LIMITS } from "../../../src/model/types";
import { readImportFile } from "../../../src/ui/files/import-file";

describe("reading an import file", () => {
  it("reads a valid map", async () => {
    const map = createTemplate("revops");
    const result = await readImportFile(new Blob([JSON.stringify(map)]));
    expect(result).toEqual({ ok: true, map, warnings: [] });
  });

  it("refuses a file over the size limit before reading a byte of it", async () => {
    let read = false;
    const huge = {
      size: LIMITS.fileBytes + 1,
      text: async () => {
        read = true;
        return "";
      },
    } as unknown as Blob;
    const result = await readImportFile(huge);
    expect(read).toBe(false);
    expect(!result.ok && formatIssue(result.errors[0] ?? { path: "", message: "" })).toMatch(
      /larger than the 20 MB limit/,
    );
  });

  it("lists every problem of an invalid map with its path", async () => {
    const broken = JSON.parse(JSON.stringify(createTemplate("revops"))) as {
      steps: { kind: string }[];
      handoffs: { to: string }[];
    };
    if (broken.steps[1]) broken.steps[1].kind = "meeting";
    const result = await readImportFile(new Blob([JSON.stringify(broken)]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(formatIssue).join("\n")).toMatch(
      /steps\[1\] \(lead-capture\)\.kind: must be one of/,
    );
  });

  it("says a file from a newer Handoff is newer", async () => {
    const result = await readImportFile(
      new Blob([JSON.stringify({ ...createTemplate("blank"), version: 9 })]),
    );
    expect(!result.ok && result.errors[0]?.message).toMatch(/newer version of Handoff/);
  });
});

describe("the editor's Import follows the CLI's encoding rule", () => {
  it("refuses a UTF-16 file, naming it", async () => {
    const text = JSON.stringify(createTemplate("blank"));
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const result = await readImportFile(new Blob([bytes]));
    expect(!result.ok && result.errors[0]?.message).toMatch(
      /^not UTF-8: the file is UTF-16 \(little-endian\)/,
    );
  });

  it("refuses bytes that are not UTF-8 instead of reading them as U+FFFD", async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify(createTemplate("blank")).replace("Untitled", "Caf?"),
    );
    const at = bytes.indexOf(0x3f);
    bytes[at] = 0xe9;
    const result = await readImportFile(new Blob([bytes]));
    expect(!result.ok && result.errors[0]?.message).toMatch(`not UTF-8: byte 0xE9 at byte offset ${at}`);
  });
});
