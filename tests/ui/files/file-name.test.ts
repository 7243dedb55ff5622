import { describe, expect, it } from "vitest";
import { fileBaseName, fileName } from "../../../src/ui/files/file-name";

describe("download file names from map titles", () => {
  it("keeps ordinary titles as they are", () => {
    expect(fileName("RevOps customer lifecycle", "svg")).toBe("RevOps customer lifecycle.svg");
    expect(fileName("Übergabe — Vertrieb → CS 🚀", "json")).toBe("Übergabe — Vertrieb → CS 🚀.json");
  });

  it("removes characters file systems refuse, and path separators", () => {
    expect(fileBaseName('Q3: "Lead" <routing>/handoffs\\*?|')).toBe("Q3 Lead routing handoffs");
    expect(fileBaseName("../../etc/passwd")).toBe("etc passwd");
    expect(fileBaseName("line\nbreak\ttab\u0000nul")).toBe("line break tab nul");
  });

  it("trims dots and spaces at the ends and avoids reserved and empty names", () => {
    expect(fileBaseName("  .hidden map.  ")).toBe("hidden map");
    expect(fileBaseName("CON")).toBe("CON-map");
    expect(fileBaseName("???")).toBe("handoff-map");
    expect(fileBaseName("")).toBe("handoff-map");
  });

  it("caps long titles without splitting a character", () => {
    const base = fileBaseName("🚀".repeat(300));
    expect(Array.from(base)).toHaveLength(100);
    expect(base.endsWith("🚀")).toBe(true);
  });
});
