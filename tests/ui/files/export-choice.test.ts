import { describe, expect, it } from "vitest";
import { EXPORT_FORMATS, type ExportOption, isPicture } from "../../../src/export/export-formats";
import {
  choosesPicture,
  DEFAULT_CHOICE,
  lanesIn,
  offers,
  readChoice,
} from "../../../src/ui/files/export-choice";

describe("the Export dialog's remembered choice", () => {
  it("reads back what was saved", () => {
    const saved = {
      ...DEFAULT_CHOICE,
      format: "svg",
      slides: true,
      page: "a3",
      orientation: "portrait",
      lanes: ["sales"],
      scale: 3,
    };
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

  it("offers a format's options as the format table lists them; a deck has its own paper, parts and size", () => {
    const options: ExportOption[] = ["theme", "parts", "lanes", "slides", "page", "portrait", "scale"];
    for (const format of EXPORT_FORMATS) {
      const choice = { format: format.id, slides: false };
      for (const option of options)
        expect(offers(choice, option)).toBe((format.options as readonly string[]).includes(option));
      expect(choosesPicture(choice)).toBe(isPicture(format));
    }
    const deck = { format: "png" as const, slides: true };
    expect(["theme", "lanes", "slides"].every((o) => offers(deck, o as ExportOption))).toBe(true);
    expect(["parts", "page", "scale"].some((o) => offers(deck, o as ExportOption))).toBe(false);
    // A list ignores a remembered "slides": it has no options at all.
    expect(options.some((o) => offers({ format: "csv", slides: true }, o))).toBe(false);
  });

  it("reads the pictures from the format table: SVG, PNG and PDF, not the lists or BPMN", () => {
    expect(EXPORT_FORMATS.filter(isPicture).map((f) => f.id)).toEqual(["svg", "png", "pdf"]);
  });
});
