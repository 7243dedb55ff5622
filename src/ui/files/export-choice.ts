/**
 * The Export dialog's choice (format, theme, parts, lanes, slides, page size, scale), as the CLI's
 * flags have it, and its memory: the last choice is kept in localStorage (not in the map: it is
 * the person's habit, not the document's) and read back defensively.
 */

import {
  EXPORT_FORMATS,
  type ExportFormatId,
  type ExportOption,
  exportFormat,
  formatNamed,
  isPicture,
  takesOption,
} from "../../export/export-formats";
import { ALL_PARTS, EXPORT_PART_NAMES, type ExportParts } from "../../export/export-parts";
import { isPageSizeName, type Orientation, type PageSizeName } from "../../export/pdf/page-sizes";
import { SVG_THEMES, type SvgThemeName } from "../../theme/svg-theme";

/** Every row of the export format table (src/export/export-formats.ts), in its order. */
export const DIALOG_FORMATS: readonly ExportFormatId[] = EXPORT_FORMATS.map((format) => format.id);
export type DialogFormat = ExportFormatId;

export interface ExportChoice {
  format: DialogFormat;
  theme: SvgThemeName;
  parts: ExportParts;
  /** Lane ids to focus on; null for every lane. */
  lanes: string[] | null;
  slides: boolean;
  page: PageSizeName;
  orientation: Orientation;
  /** PNG pixels per layout pixel. */
  scale: number;
}

export const DEFAULT_CHOICE: Readonly<ExportChoice> = Object.freeze({
  format: "pdf",
  theme: "light",
  parts: { ...ALL_PARTS },
  lanes: null,
  slides: false,
  page: "a4",
  orientation: "landscape",
  scale: 2,
});

export const SCALES = [1, 2, 3, 4] as const;
const KEY = "handoff.export-choice.v1";

/** Is the chosen format a picture of the diagram (export-formats.ts says), with a thumbnail? */
export function choosesPicture(choice: Pick<ExportChoice, "format">): boolean {
  return isPicture(exportFormat(choice.format));
}

/**
 * Does the dialog offer the option for the choice? What the format table says the format takes;
 * a deck of slides has its own page (16:9), parts (diagram and legend) and pixel size.
 */
export function offers(choice: Pick<ExportChoice, "format" | "slides">, option: ExportOption): boolean {
  const format = exportFormat(choice.format);
  if (!takesOption(format, option)) return false;
  const slides = choice.slides && takesOption(format, "slides");
  return !(
    slides &&
    (option === "parts" || option === "page" || option === "portrait" || option === "scale")
  );
}

/** A stored choice, checked field by field: anything odd falls back to the default. */
export function readChoice(text: string | null): ExportChoice {
  if (text === null) return structuredClone(DEFAULT_CHOICE) as ExportChoice;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return structuredClone(DEFAULT_CHOICE) as ExportChoice;
  }
  const value = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const parts = (typeof value.parts === "object" && value.parts !== null ? value.parts : {}) as Record<
    string,
    unknown
  >;
  const choice: ExportChoice = {
    // By the table's names, so an alias saved before (markdown) still reads as its format.
    format:
      (typeof value.format === "string" ? formatNamed(value.format)?.id : undefined) ?? DEFAULT_CHOICE.format,
    theme: (SVG_THEMES as readonly unknown[]).includes(value.theme) ? (value.theme as SvgThemeName) : "light",
    parts: Object.fromEntries(
      EXPORT_PART_NAMES.map((name) => [name, typeof parts[name] === "boolean" ? parts[name] : true]),
    ) as ExportParts,
    lanes:
      Array.isArray(value.lanes) && value.lanes.every((l) => typeof l === "string")
        ? (value.lanes as string[])
        : null,
    slides: value.slides === true,
    page: typeof value.page === "string" && isPageSizeName(value.page) ? value.page : "a4",
    orientation: value.orientation === "portrait" ? "portrait" : "landscape",
    scale: (SCALES as readonly unknown[]).includes(value.scale) ? (value.scale as number) : 2,
  };
  if (!EXPORT_PART_NAMES.some((name) => choice.parts[name])) choice.parts = { ...ALL_PARTS };
  return choice;
}

export function loadChoice(): ExportChoice {
  try {
    return readChoice(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return structuredClone(DEFAULT_CHOICE) as ExportChoice;
  }
}

export function saveChoice(choice: ExportChoice): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(choice));
  } catch {
    // A full or blocked storage only loses the memory of the choice.
  }
}

/** The lanes of the choice that the map still has; null when none remain (every lane). */
export function lanesIn(choice: ExportChoice, laneIds: readonly string[]): string[] | null {
  if (choice.lanes === null) return null;
  const kept = laneIds.filter((id) => choice.lanes?.includes(id));
  return kept.length === 0 || kept.length === laneIds.length ? null : kept;
}
