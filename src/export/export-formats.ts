/**
 * Every format Handoff exports, in one table: the CLI's `--format` and its extension detection
 * for `-o`, and the editor's Export dialog all read it, so the two surfaces cannot disagree.
 *
 * Adding a format is one row here plus its renderer: a pure function in src/export for a text
 * format or a drawing, a `raster` row for an image each surface makes from the SVG (resvg in
 * Node, a canvas in the browser), or a `document` row for a paged file each surface builds with
 * src/export/pdf (it needs fonts, which each surface loads its own way).
 */
import { exportBpmn } from "../bpmn/export-bpmn";
import type { MapLayout } from "../layout/types";
import type { HandoffMap } from "../model/types";
import type { SvgThemeName } from "../theme/svg-theme";
import type { ExportParts } from "./export-parts";
import { renderContractsCsv } from "./render-contracts-csv";
import { renderCsv } from "./render-csv";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderSvg } from "./render-svg";

/**
 * The CLI options a format takes (each applies only to the formats that list it); the editor's
 * Export dialog offers the same ones as controls.
 * - layout, theme, register: how the diagram is laid out and drawn;
 * - scale: pixels per layout pixel (images);
 * - parts, lanes: which parts (diagram, legend, register, title) and which lanes are drawn;
 * - slides: one 16:9 slide per phase instead of one drawing;
 * - page, portrait: the paper of a paged document.
 */
export type ExportOption =
  | "layout"
  | "theme"
  | "register"
  | "scale"
  | "parts"
  | "lanes"
  | "slides"
  | "page"
  | "portrait";

/** The drawing options a `drawing` format's renderer is given. */
export interface DrawingOptions {
  theme: SvgThemeName;
  register: boolean;
  /** Which parts to draw (export-parts.ts); overrides `register`. Formats that take "parts". */
  parts?: Readonly<ExportParts>;
  /** Steps drawn as stubs, for a lane focus (slides/slice-map.ts). Formats that take "lanes". */
  stubs?: ReadonlySet<string>;
}

/**
 * How a format is made:
 * - `text`: from the map alone (no layout);
 * - `drawing`: from the map and its layout;
 * - `raster`: an image of the SVG drawing, made by each surface (see above);
 * - `document`: a paged PDF built from the map and its layout by src/export/pdf/build-pdf.ts, with
 *   the fonts each surface loads (cli/pdf-fonts.ts; the app's own copy, fetched on first use).
 */
export type ExportRenderer =
  | { kind: "text"; render: (map: HandoffMap) => string }
  | { kind: "drawing"; render: (map: HandoffMap, layout: MapLayout, options: DrawingOptions) => string }
  | { kind: "raster" }
  | { kind: "document" };

export interface ExportFormatRow {
  /** The name `--format` takes and the CLI prints. */
  id: string;
  /** Other spellings `--format` accepts. */
  aliases: readonly string[];
  /** File extensions, lower case with the dot; the first is the one files are given. */
  extensions: readonly string[];
  /** The media type of a download (text types say their charset). */
  mediaType: string;
  /** The format's name in the editor's Export dialog. */
  label: string;
  /**
   * false: naming a file with one of its extensions never picks this format, because another row
   * owns the extension (contracts-csv writes .csv files, but `-o x.csv` means the register); it is
   * chosen with `--format` or in the Export dialog only.
   */
  byExtension?: false;
  /** Added to the map's title in a download's file name ("Lead to cash contracts.csv"). */
  nameSuffix?: string;
  /**
   * true: a picture of the diagram (SVG, PNG, PDF), which the editor's Export dialog previews as a
   * thumbnail. BPMN is drawn from the layout too, but as data for other tools, not a picture.
   */
  picture?: true;
  /** What the file holds, one sentence: the Export dialog says it under the format. */
  summary: string;
  options: readonly ExportOption[];
  renderer: ExportRenderer;
}

const DRAWING_OPTIONS = ["layout", "theme", "register"] as const satisfies readonly ExportOption[];
/** What the drawings (SVG, PNG, PDF) share beyond those: parts, lane focus, a deck of slides. */
const DECK_OPTIONS = ["parts", "lanes", "slides"] as const satisfies readonly ExportOption[];

/** In the order the CLI's help and the editor's Export dialog list them: the default (svg) first. */
export const EXPORT_FORMATS = [
  {
    id: "svg",
    aliases: [],
    extensions: [".svg"],
    mediaType: "image/svg+xml",
    label: "SVG image",
    picture: true,
    summary: "The diagram as a vector image: sharp at any size, text that stays text (slides, wikis, print).",
    options: [...DRAWING_OPTIONS, ...DECK_OPTIONS],
    renderer: {
      kind: "drawing",
      render: (map, layout, options) =>
        renderSvg(map, layout, {
          theme: options.theme,
          register: options.register,
          ...(options.parts === undefined ? {} : { parts: options.parts }),
          ...(options.stubs === undefined ? {} : { stubs: options.stubs }),
        }),
    },
  },
  {
    id: "png",
    aliases: [],
    extensions: [".png"],
    mediaType: "image/png",
    label: "PNG image",
    picture: true,
    summary: "The diagram as a picture in pixels, for tools that take no SVG.",
    options: [...DRAWING_OPTIONS, ...DECK_OPTIONS, "scale"],
    renderer: { kind: "raster" },
  },
  {
    id: "pdf",
    aliases: [],
    extensions: [".pdf"],
    mediaType: "application/pdf",
    label: "PDF document",
    picture: true,
    summary:
      "Pages to print or send: the diagram fitted or tiled on the paper, then the register, the change plan, the handoff contracts and the dark zones as tables.",
    options: [...DRAWING_OPTIONS, ...DECK_OPTIONS, "page", "portrait"],
    renderer: { kind: "document" },
  },
  {
    id: "json",
    aliases: [],
    extensions: [".json"],
    mediaType: "application/json",
    label: "JSON (Handoff map)",
    summary: "The whole map, to open again in Handoff or keep under version control.",
    options: [],
    renderer: { kind: "text", render: renderJson },
  },
  {
    id: "md",
    aliases: ["markdown"],
    extensions: [".md", ".markdown"],
    mediaType: "text/markdown;charset=utf-8",
    label: "Markdown register",
    summary:
      "The edge-case register, the handoff contracts and the dark zones as Markdown tables, for a wiki page.",
    options: [],
    renderer: { kind: "text", render: renderMarkdown },
  },
  {
    id: "csv",
    aliases: [],
    extensions: [".csv"],
    mediaType: "text/csv;charset=utf-8",
    label: "CSV register",
    summary: "The edge-case register, one row per edge case, for a spreadsheet.",
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
    summary: "The handoff contracts, one row per handoff between teams, for a spreadsheet.",
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
    summary:
      "A laid-out BPMN 2.0 collaboration that bpmn.io, Camunda and Signavio open, and Handoff imports back.",
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

/** Is the format a picture of the diagram (the Export dialog's thumbnail and drawing options)? */
export function isPicture(format: ExportFormatRow): boolean {
  return format.picture === true;
}

/** Does the format take the option (`--theme`, `--page`, ...; the dialog's controls)? */
export function takesOption(format: ExportFormatRow, option: ExportOption): boolean {
  return format.options.includes(option);
}

/** Is the format binary (an image or a PDF: never written to a terminal)? */
export function isBinary(format: ExportFormat): boolean {
  return format.renderer.kind === "raster" || format.renderer.kind === "document";
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
