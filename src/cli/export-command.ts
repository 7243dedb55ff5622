/**
 * `handoff export`: read -> parse -> layout (in-process, the drawn formats only) -> export -> atomic
 * write; with --slides, a deck (export-slides.ts). The formats and which options each takes come
 * from the one table, src/export/export-formats.ts.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportFormatId,
  type ExportOption,
  exportFormat,
  formatForExtension,
  formatNamed,
  formatsTaking,
  isBinary,
  listFormats,
  needsLayout,
  preferredExtension,
} from "../export/export-formats";
import { ALL_PARTS, type ExportParts, parseParts } from "../export/export-parts";
import { buildMapPdf, type PdfFonts } from "../export/pdf/build-pdf";
import { isPageSizeName, type Orientation, PAGE_SIZES, type PageSizeName } from "../export/pdf/page-sizes";
import { renderSvg } from "../export/render-svg";
import { matchLanes, sliceMap } from "../export/slides/slice-map";
import { createNodeElk } from "../layout/node-elk";
import { createInProcessLayout } from "../layout/run-layout";
import type { LayoutMode } from "../layout/types";
import type { HandoffMap } from "../model/types";
import { SVG_THEMES, type SvgThemeName } from "../theme/svg-theme";
import { exportSlides } from "./export-slides";
import { type CliIo, complain, oneFile, outputName, readRequest, say, UsageError, usageParse } from "./io";
import { FontError, loadPdfFonts } from "./pdf-fonts";
import { DEFAULT_PNG_SCALE, RenderError, renderPng } from "./render-png";
import { terminalText } from "./terminal-text";
import { loadMap, printWarnings } from "./validate-command";
import { OutputError, writeOutput } from "./write-output";

export const EXPORT_USAGE = `Usage: handoff export FILE [options]

Writes a map as an SVG swimlane diagram, a PNG image, a PDF (diagram, register, change plan,
handoff contracts and dark zones), normalized JSON (ready to re-import), its edge-case register
as Markdown (with the handoff contracts and dark zones) or CSV, its handoff contracts table as
CSV (contracts-csv), or BPMN 2.0 XML (a laid-out collaboration that bpmn.io, Camunda and
Signavio open, and handoff import reads back exactly); or, with --slides, a deck of 16:9
slides, one per phase. FILE may be - for standard input.

Options:
  -f, --format FORMAT   ${listFormats(EXPORT_FORMATS, "or")} (markdown is md)
                        (default: from the extension of OUT, else svg)
  -o, --output OUT      write to the file OUT; written to a temporary file beside it and
                        renamed, keeping OUT's mode, so a failed or interrupted export never
                        leaves a half-written file. A symbolic link is followed; a hard-linked
                        file is rewritten in place (its links kept); a device, a FIFO and
                        /dev/stdout are written directly. Without -o, svg, json, md, csv and bpmn go
                        to standard output (control characters escaped if it is a terminal);
                        png and pdf need -o
      --force           replace OUT even if it is read-only; write a format into a file whose
                        extension names another (png into x.svg)
      --layout MODE     svg, png, pdf, bpmn: keep (default) leaves steps that have a position where
                        the file puts them and places the rest; auto lays out every step again
      --no-register     svg, png, pdf: leave the edge-case register table out
      --parts LIST      svg, png, pdf: the parts to draw, comma-separated, from diagram, legend,
                        register, title (default: all); --parts diagram is the diagram alone,
                        cropped to the lanes (for a wiki page)
      --lanes LIST      svg, png, pdf: only these lanes (ids or names, comma-separated: sales,
                        deal-desk); handoffs to other lanes end at labelled stubs
      --slides          one 16:9 slide (1920 x 1080) per phase, in journey order, with the
                        phase's steps and the handoffs in and out of it (the other end a dashed
                        stub naming its step), title and legend on each. With svg or png, -o is
                        a folder: 01-engagement.svg, 02-execution.svg, ... and slides.pdf (numbered
                        slides an earlier export left there are removed, and listed); with pdf,
                        -o is the PDF, one slide a page
      --page SIZE       pdf: a4 (default), a3, letter or tabloid, landscape; a diagram too small
                        to read fitted on one page is tiled across pages that overlap (lane and
                        phase names repeated on each)
      --portrait        pdf: portrait pages
      --theme THEME     svg, png, pdf: light (default), dark, or print (grayscale, no shading)
      --scale N         png: pixels per layout pixel, 0.25 to 8 (default ${DEFAULT_PNG_SCALE}); reduced
                        with a warning if the image would pass 16,384 px or 32 megapixels
  -h, --help            show this help

Exit status: 0 written, 1 FILE could not be read, the map is invalid (the problems are listed
as by validate), the PNG renderer failed or OUT could not be written, 2 usage error.

Examples:
  handoff export map.json -o map.svg
  handoff export map.json -o map.png --theme print
  handoff export map.json -o map.pdf --page a3
  handoff export map.json --slides -o deck/
  handoff export map.json --parts diagram -o wiki.svg
  handoff export map.json --lanes sales,deal-desk -o sales.svg
  handoff export map.json --format csv > register.csv
  handoff export map.json -o map.bpmn`;

export interface ExportRequest {
  file: string;
  format: ExportFormatId;
  output: string | undefined;
  layout: LayoutMode | undefined;
  register: boolean;
  theme: SvgThemeName;
  scale: number;
  force: boolean;
  parts: ExportParts;
  /** Lane names or ids as given; matched against the map once it is read. */
  lanes: string[] | undefined;
  slides: boolean;
  page: PageSizeName;
  orientation: Orientation;
}

/** The names of this process's stdout. */
export const STDOUT = /^\/(dev\/stdout|dev\/fd\/1|proc\/self\/fd\/1)$/;

const DEFAULT_FORMAT = formatNamed("svg") as ExportFormat;

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Reads the arguments; throws UsageError with a message that names the bad argument. */
export function parseExportArgs(args: string[]): ExportRequest | "help" {
  const { values, positionals } = usageParse(() => parseRaw(args));
  if (values.help) return "help";
  const file = oneFile(positionals);

  const output = outputName(values.output);
  let format: ExportFormat;
  if (values.format !== undefined) {
    const named = formatNamed(values.format);
    if (named === undefined)
      throw new UsageError(
        `unknown format ${JSON.stringify(values.format)}; use ${EXPORT_FORMATS.map((f) => f.id).join(", ")}`,
      );
    format = named;
    // PNG bytes in a file called x.svg open as a broken image everywhere: refuse the mismatch.
    const extension = output === undefined ? "" : path.extname(output).toLowerCase();
    const other = formatForExtension(extension);
    // Two formats may share an extension (csv, contracts-csv): a format's own extensions always fit.
    const fits = (format.extensions as readonly string[]).includes(extension);
    if (output !== undefined && other !== undefined && !fits && !values.force)
      throw new UsageError(
        `${JSON.stringify(output)} ends in ${extension}, which is for ${other.id}, but the format is ${format.id}; ` +
          `name it ${JSON.stringify(output.slice(0, -extension.length) + preferredExtension(format))}, ` +
          "or add --force to write it anyway",
      );
  } else if (output !== undefined) {
    const extension = path.extname(output).toLowerCase();
    const fromExtension = formatForExtension(extension);
    if (fromExtension === undefined && extension !== "")
      throw new UsageError(`cannot tell the format from ${JSON.stringify(extension)}; add --format`);
    format = fromExtension ?? DEFAULT_FORMAT;
  } else {
    format = DEFAULT_FORMAT;
  }
  if (isBinary(format) && output === undefined)
    throw new UsageError(`${format.id} is binary: give a file with -o (it is not written to the terminal)`);
  if (values.slides && output === undefined)
    throw new UsageError(
      "--slides writes several files: give a folder (or, with --format pdf, a file) with -o",
    );

  const takes = (option: ExportOption) => (format.options as readonly ExportOption[]).includes(option);
  const onlyFor = (flag: string, option: ExportOption) => {
    throw new UsageError(
      `${flag} applies to ${listFormats(formatsTaking(option), "and")} only, not ${format.id}`,
    );
  };
  if (values.layout !== undefined && !isOneOf(["auto", "keep"] as const, values.layout))
    throw new UsageError(`unknown layout ${JSON.stringify(values.layout)}; use auto or keep`);
  if (values.theme !== undefined && !isOneOf(SVG_THEMES, values.theme))
    throw new UsageError(`unknown theme ${JSON.stringify(values.theme)}; use ${SVG_THEMES.join(", ")}`);
  if (!takes("layout") && values.layout !== undefined) onlyFor("--layout", "layout");
  if (!takes("theme") && values.theme !== undefined) onlyFor("--theme", "theme");
  if (!takes("register") && values["no-register"]) onlyFor("--no-register", "register");
  if (!takes("parts") && values.parts !== undefined) onlyFor("--parts", "parts");
  if (!takes("lanes") && values.lanes !== undefined) onlyFor("--lanes", "lanes");
  if (!takes("slides") && values.slides) onlyFor("--slides", "slides");
  if (!takes("page") && values.page !== undefined) onlyFor("--page", "page");
  if (!takes("portrait") && values.portrait) onlyFor("--portrait", "portrait");
  if (!takes("scale") && values.scale !== undefined) onlyFor("--scale", "scale");
  if (values.slides && values.parts !== undefined)
    throw new UsageError("--parts does not apply to --slides: every slide has its title, diagram and legend");
  let parts: ExportParts = { ...ALL_PARTS };
  if (values.parts !== undefined) {
    const read = parseParts(values.parts);
    if (!read.ok) throw new UsageError(`--parts: ${read.error}`);
    parts = read.parts;
  }
  if (values["no-register"]) parts = { ...parts, register: false };
  if (!(parts.diagram || parts.legend || parts.register || parts.title))
    throw new UsageError("--parts: nothing left to draw");
  if (values.page !== undefined && !isPageSizeName(values.page.toLowerCase()))
    throw new UsageError(`unknown page size ${JSON.stringify(values.page)}; use ${PAGE_SIZES.join(", ")}`);
  const lanes = values.lanes
    ?.split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (lanes !== undefined && lanes.length === 0) throw new UsageError("--lanes needs at least one lane");
  const scale = values.scale === undefined ? DEFAULT_PNG_SCALE : Number(values.scale);
  if (!(Number.isFinite(scale) && scale >= 0.25 && scale <= 8))
    throw new UsageError(`--scale must be a number from 0.25 to 8, got ${JSON.stringify(values.scale)}`);

  return {
    file,
    format: format.id,
    output,
    layout: values.layout as LayoutMode | undefined,
    register: !values["no-register"],
    theme: (values.theme as SvgThemeName | undefined) ?? "light",
    scale,
    force: values.force === true,
    parts,
    lanes,
    slides: values.slides === true,
    page: (values.page?.toLowerCase() as PageSizeName | undefined) ?? "a4",
    orientation: values.portrait ? "portrait" : "landscape",
  };
}

function parseRaw(args: string[]) {
  return parseArgs({
    args,
    options: {
      format: { type: "string", short: "f" },
      output: { type: "string", short: "o" },
      layout: { type: "string" },
      "no-register": { type: "boolean" },
      theme: { type: "string" },
      scale: { type: "string" },
      force: { type: "boolean" },
      parts: { type: "string" },
      lanes: { type: "string" },
      slides: { type: "boolean" },
      page: { type: "string" },
      portrait: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The export as text or bytes, or a message for stderr when the layout or the renderer fails. */
async function produce(
  map: HandoffMap,
  request: ExportRequest,
  warn: (message: string) => void,
  render: typeof renderPng,
): Promise<string | Uint8Array | { error: string }> {
  const format = exportFormat(request.format);
  if (format.renderer.kind === "text") return format.renderer.render(map);
  if (!needsLayout(format)) throw new Error(`format ${format.id} has no renderer`);
  const takes = (option: ExportOption) => (format.options as readonly ExportOption[]).includes(option);
  const run = createInProcessLayout(createNodeElk());
  // Lane focus: the chosen lanes, the other ends of their handoffs as stubs, laid out afresh.
  let drawn = map;
  let stubs: ReadonlySet<string> | undefined;
  if (request.lanes !== undefined) {
    const matched = matchLanes(map, request.lanes);
    if (!matched.ok) return { error: `--lanes: ${matched.error}` };
    const slice = sliceMap(map, { lanes: matched.lanes });
    drawn = slice.map;
    stubs = new Set(slice.stubs.keys());
  }
  const result = await run(
    drawn,
    request.lanes !== undefined
      ? { mode: "auto" }
      : request.layout === undefined
        ? {}
        : { mode: request.layout },
  );
  if (!result.ok) return { error: `layout failed: ${result.error}` };
  if (format.renderer.kind === "document") {
    let fonts: PdfFonts;
    try {
      fonts = await loadPdfFonts();
    } catch (error) {
      if (error instanceof FontError) return { error: error.message };
      throw error;
    }
    return buildMapPdf(drawn, result.layout, {
      fonts,
      theme: request.theme,
      parts: request.parts,
      page: request.page,
      orientation: request.orientation,
      ...(stubs === undefined ? {} : { stubs }),
    });
  }
  const drawing = {
    theme: request.theme,
    register: request.register,
    // Parts and stubs for the formats that take them (bpmn draws its own way).
    ...(takes("parts") ? { parts: request.parts } : {}),
    ...(stubs === undefined ? {} : { stubs }),
  };
  if (format.renderer.kind === "drawing") return format.renderer.render(drawn, result.layout, drawing);
  // A raster format: the SVG drawing, rasterised here.
  const svg = renderSvg(drawn, result.layout, drawing);
  let image: Awaited<ReturnType<typeof renderPng>>;
  try {
    image = await render(svg, { scale: request.scale });
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    return {
      error: `${error.message}. The SVG of the same map may still be made: handoff export ${request.file} --format svg`,
    };
  }
  if (image.scale < request.scale)
    warn(
      `the map is too large for a ${request.scale}x PNG; drawn at ${image.scale.toFixed(2)}x ` +
        `(${image.width} x ${image.height} pixels). The SVG has no such limit.`,
    );
  return image.png;
}

export function describeSize(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Runs `handoff export`; returns the exit code (0 written, 1 bad map or write failure, 2 usage).
 * Usage errors print the message and this command's usage on stderr.
 */
export async function runExport(
  args: string[],
  io: CliIo,
  /** The PNG renderer; tests pass one that fails. */
  render: typeof renderPng = renderPng,
): Promise<number> {
  const read = readRequest("export", EXPORT_USAGE, () => parseExportArgs(args), io);
  if ("exit" in read) return read.exit;
  const { request } = read;

  const target = request.output === undefined ? undefined : path.resolve(io.cwd, request.output);
  // Shown on a terminal: without -o, or -o /dev/stdout and its aliases when stdout is one.
  const toTerminal = io.stdoutIsTerminal === true && (target === undefined || STDOUT.test(target));
  if (toTerminal && isBinary(exportFormat(request.format))) {
    complain(
      io,
      `handoff export: ${request.format} is binary and ${request.output} is a terminal; give a file with -o, or redirect (> map${preferredExtension(exportFormat(request.format))})`,
    );
    return 2;
  }

  const loaded = await loadMap(io, "export", request.file);
  if (loaded === null) return 1;
  printWarnings(io, loaded.warnings);
  if (request.slides) return exportSlides(loaded.map, request, io, render);

  const output = await produce(loaded.map, request, (message) => complain(io, `warning: ${message}`), render);
  if (typeof output === "object" && !(output instanceof Uint8Array)) {
    complain(io, `handoff export: ${output.error}`);
    return 1;
  }
  // The user's text as it is, but never raw control characters on a terminal, which acts on
  // them (ESC sequences, C1 CSI, a lone CR, bidi overrides): see terminalText.
  const shown = typeof output === "string" && toTerminal ? terminalText(output) : output;
  if (request.output === undefined || target === undefined) {
    // Only text formats get here: png and pdf without -o are usage errors.
    io.stdout(typeof shown === "string" ? shown : "");
    return 0;
  }
  const data = typeof shown === "string" ? Buffer.from(shown, "utf8") : shown;
  try {
    await writeOutput(target, request.output, data, { force: request.force });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    complain(io, `handoff export: ${error.message}`);
    return 1;
  }
  // On stderr when OUT is this process's stdout: the message must not land in the export.
  (STDOUT.test(target) ? complain : say)(
    io,
    `exported ${request.file} to ${request.output} (${request.format}, ${describeSize(data.byteLength)})`,
  );
  return 0;
}
