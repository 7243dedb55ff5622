import { describe, expect, it } from "vitest";
import { DEFAULT_CHOICE, lanesIn, readChoice } from "../../../src/ui/files/export-choice";

describe("the Export dialog's remembered choice", () => {
  it("reads back what was saved", () => {
    const saved = { ...DEFAULT_CHOICE, format: "svg", slides: true, page: "a3", lanes: ["sales"], scale: 3 };
    expect(readChoice(JSON.stringify(saved))).toEqual(saved);
  });

  it("falls back field by field on anything odd, never throwing", () => {
    expect(readChoice(null)).toEqual(DEFAULT_CHOICE);
    expect(readChoice("{not json")).toEqual(DEFAULT_CHOICE);
    const odd = readChoice(
      JSON.stringify({ format: "exe", theme: 3, page: "a5", scale: 99, lanes: [1], parts: {} }),
    );
    expect(odd).toEqual(DEFAULT_CHOICE);
  });

  it("keeps only lanes the map still has; all or none means every lane", () => {
    const choice = { ...DEFAULT_CHOICE, lanes: ["sales", "gone"] };
    expect(lanesIn(choice, ["marketing", "sales"])).toEqual(["sales"]);
    expect(lanesIn({ ...choice, lanes: ["gone"] }, ["marketing", "sales"])).toBeNull();
    expect(lanesIn({ ...choice, lanes: ["marketing", "sales"] }, ["marketing", "sales"])).toBeNull();
  });
});
