/**
 * Every format Handoff exports, in one table: the CLI's `--format` and its extension detection
 * for `-o`, and the editor's Export menu all read it, so the two surfaces cannot disagree.
 *
 * Adding a format is one row here plus its renderer: a pure function in src/export for a text
 * format or a drawing, or a `raster` row for an image each surface makes from the SVG (resvg in
 * Node, a canvas in the browser).
 */
import { exportBpmn } from "../bpmn/export-bpmn";
import type { MapLayout } from "../layout/types";
import type { HandoffMap } from "../model/types";
import { renderContractsCsv } from "./render-contracts-csv";
import { renderCsv } from "./render-csv";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderSvg } from "./render-svg";
import type { SvgThemeName } from "./svg-theme";

/** The CLI options a format takes (each applies only to the formats that list it). */
export type ExportOption = "layout" | "theme" | "register" | "scale";

/** The drawing options a `drawing` format's renderer is given. */
export interface DrawingOptions {
  theme: SvgThemeName;
  register: boolean;
}

/**
 * How a format is made:
 * - `text`: from the map alone (no layout);
 * - `drawing`: from the map and its layout;
 * - `raster`: an image of the SVG drawing, made by each surface (see above).
 */
export type ExportRenderer =
  | { kind: "text"; render: (map: HandoffMap) => string }
  | { kind: "drawing"; render: (map: HandoffMap, layout: MapLayout, options: DrawingOptions) => string }
  | { kind: "raster" };

export interface ExportFormatRow {
  /** The name `--format` takes and the CLI prints. */
  id: string;
  /** Other spellings `--format` accepts. */
  aliases: readonly string[];
  /** File extensions, lower case with the dot; the first is the one files are given. */
  extensions: readonly string[];
  /** The media type of a download (text types say their charset). */
  mediaType: string;
  /** The editor's Export menu item. */
  label: string;
  /**
   * false: naming a file with one of its extensions never picks this format, because another row
   * owns the extension (contracts-csv writes .csv files, but `-o x.csv` means the register); it is
   * chosen with `--format` or its menu item only.
   */
  byExtension?: false;
  /** Added to the map's title in a download's file name ("Lead to cash contracts.csv"). */
  nameSuffix?: string;
  options: readonly ExportOption[];
  renderer: ExportRenderer;
}

const DRAWING_OPTIONS = ["layout", "theme", "register"] as const satisfies readonly ExportOption[];

/** In the order the CLI's help and the editor's menu list them: the default (svg) first. */
export const EXPORT_FORMATS = [
  {
    id: "svg",
    aliases: [],
    extensions: [".svg"],
    mediaType: "image/svg+xml",
    label: "SVG image",
    options: DRAWING_OPTIONS,
    renderer: {
      kind: "drawing",
      render: (map, layout, options) =>
        renderSvg(map, layout, { theme: options.theme, register: options.register }),
    },
  },
  {
    id: "png",
    aliases: [],
    extensions: [".png"],
    mediaType: "image/png",
    label: "PNG image",
    options: [...DRAWING_OPTIONS, "scale"],
    renderer: { kind: "raster" },
  },
  {
    id: "json",
    aliases: [],
    extensions: [".json"],
    mediaType: "application/json",
    label: "JSON (Handoff map)",
    options: [],
    renderer: { kind: "text", render: renderJson },
  },
  {
    id: "md",
    aliases: ["markdown"],
    extensions: [".md", ".markdown"],
    mediaType: "text/markdown;charset=utf-8",
    label: "Markdown register",
    options: [],
    renderer: { kind: "text", render: renderMarkdown },
  },
  {
    id: "csv",
    aliases: [],
    extensions: [".csv"],
    mediaType: "text/csv;charset=utf-8",
    label: "CSV register",
    options: [],
    renderer: { kind: "text", render: renderCsv },
  },
  {
    id: "contracts-csv",
    aliases: [],
    extensions: [".csv"],
    mediaType: "text/csv;charset=utf-8",
    label: "CSV handoff contracts",
    byExtension: false,
    nameSuffix: " contracts",
    options: [],
    renderer: { kind: "text", render: renderContractsCsv },
  },
  {
    id: "bpmn",
    aliases: [],
    extensions: [".bpmn"],
    mediaType: "application/xml",
    label: "BPMN 2.0 (bpmn.io, Camunda, Signavio)",
    // Laid out like the SVG: the diagram interchange is Handoff's own layout; theme and register
    // are drawing choices BPMN viewers make themselves.
    options: ["layout"],
    renderer: { kind: "drawing", render: (map, layout) => exportBpmn(map, layout) },
  },
] as const satisfies readonly ExportFormatRow[];

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFormatId = ExportFormat["id"];

/** The format `--format` names: its id or an alias, in any case; undefined for none. */
export function formatNamed(name: string): ExportFormat | undefined {
  const wanted = name.toLowerCase();
  return EXPORT_FORMATS.find(
    (format) => format.id === wanted || (format.aliases as readonly string[]).includes(wanted),
  );
}

/** The format a file name's extension (".md", any case) stands for; undefined for none. */
export function formatForExtension(extension: string): ExportFormat | undefined {
  const wanted = extension.toLowerCase();
  return EXPORT_FORMATS.find(
    (format: ExportFormatRow) =>
      format.byExtension !== false && (format.extensions as readonly string[]).includes(wanted),
  );
}

export function exportFormat(id: ExportFormatId): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f.id === id);
  if (format === undefined) throw new Error(`unknown export format ${id}`);
  return format;
}

/** The formats an option applies to. */
export function formatsTaking(option: ExportOption): ExportFormat[] {
  return EXPORT_FORMATS.filter((format) => (format.options as readonly ExportOption[]).includes(option));
}

/** Does the format need the map laid out? (drawings and the images made from them) */
export function needsLayout(format: ExportFormat): boolean {
  return format.renderer.kind !== "text";
}

/** The extension a format's files are given, with the dot: ".md". */
export function preferredExtension(format: ExportFormat): string {
  return format.extensions[0];
}

/** "svg, png and pdf": names for a sentence. */
export function listFormats(formats: readonly ExportFormat[], last: "and" | "or"): string {
  const ids = formats.map((format) => format.id);
  return ids.length <= 1 ? (ids[0] ?? "") : `${ids.slice(0, -1).join(", ")} ${last} ${ids[ids.length - 1]}`;
}
