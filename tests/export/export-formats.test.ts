/**
 * The one export format table: what the CLI's --format and -o detection and the editor's Export
 * menu read. Every name and extension must lead to exactly one format.
 */
import { describe, expect, it } from "vitest";
import {
  EXPORT_FORMATS,
  type ExportFormatRow,
  formatForExtension,
  formatNamed,
  formatsTaking,
  listFormats,
  needsLayout,
  preferredExtension,
} from "../../src/export/export-formats";
import { renderMarkdown } from "../../src/export/render-markdown";
import { createRevOpsTemplate } from "../../src/model/templates";

describe("the export format table", () => {
  it("given every row, then no id, alias or extension names two formats", () => {
    const names = EXPORT_FORMATS.flatMap((f) => [f.id, ...f.aliases]);
    expect(new Set(names).size).toBe(names.length);
    // Formats that claim their extensions claim each alone; one that shares an extension with
    // another row (contracts-csv writes .csv) is chosen by name only, never by extension.
    const rows: readonly ExportFormatRow[] = EXPORT_FORMATS;
    const extensions = rows.filter((f) => f.byExtension !== false).flatMap((f) => [...f.extensions]);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const format of EXPORT_FORMATS) {
      expect(formatNamed(format.id)).toBe(format);
      for (const alias of format.aliases) expect(formatNamed(alias)).toBe(format);
      for (const extension of format.extensions) {
        expect(extension).toMatch(/^\.[a-z0-9]+$/);
        const detected = formatForExtension(extension.toUpperCase());
        if ((format as ExportFormatRow).byExtension === false) expect(detected?.id).not.toBe(format.id);
        else expect(detected).toBe(format);
      }
      expect(format.label.trim()).not.toBe("");
      expect(format.mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+(;charset=utf-8)?$/);
    }
  });

  it("given md and markdown, then they are one format with one renderer", () => {
    const md = formatNamed("md");
    expect(formatNamed("markdown")).toBe(md);
    expect(formatForExtension(".markdown")).toBe(md);
    expect(md === undefined ? "" : preferredExtension(md)).toBe(".md");
    const map = createRevOpsTemplate();
    expect(md?.renderer.kind === "text" ? md.renderer.render(map) : "").toBe(renderMarkdown(map));
  });

  it("given an unknown name or extension, then there is no format", () => {
    expect(formatNamed("pdfx")).toBeUndefined();
    expect(formatForExtension(".txt")).toBeUndefined();
    expect(formatForExtension("")).toBeUndefined();
  });

  it("given the drawing options, then only the formats drawn from a layout take them", () => {
    expect(listFormats(formatsTaking("theme"), "and")).toBe("svg and png");
    expect(listFormats(formatsTaking("scale"), "and")).toBe("png");
    for (const option of ["layout", "theme", "register", "scale"] as const)
      for (const format of formatsTaking(option)) expect(needsLayout(format)).toBe(true);
    expect(EXPORT_FORMATS.filter((f) => !needsLayout(f)).map((f) => f.id)).toEqual([
      "json",
      "md",
      "csv",
      "contracts-csv",
    ]);
  });
});
