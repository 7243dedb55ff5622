/**
 * `handoff export`: read -> parse -> layout (in-process, SVG and PNG only) -> export -> atomic write.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { renderCsv } from "../export/render-csv";
import { renderJson } from "../export/render-json";
import { renderMarkdown } from "../export/render-markdown";
import { renderSvg } from "../export/render-svg";
import { SVG_THEMES, type SvgThemeName } from "../export/svg-theme";
import { createNodeElk } from "../layout/node-elk";
import { createInProcessLayout } from "../layout/run-layout";
import type { LayoutMode } from "../layout/types";
import { formatIssue } from "../model/map-issue";
import type { HandoffMap } from "../model/types";
import { type CliIo, describeFsError, UsageError, writeFileAtomic } from "./io";
import { DEFAULT_PNG_SCALE, renderPng } from "./render-png";
import { readMapFile } from "./validate-command";

export const EXPORT_FORMATS = ["svg", "png", "json", "md", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_USAGE = `Usage: handoff export FILE [options]

Writes a map as an SVG swimlane diagram, a PNG image, normalized JSON (ready to re-import),
or its edge-case register as Markdown or CSV.

Options:
  -f, --format FORMAT   svg, png, json, md or csv
                        (default: from the extension of OUT, else svg)
  -o, --output OUT      write to the file OUT; written to a temporary file and renamed, so a
                        failed export never leaves a half-written file. Without -o, svg, json,
                        md and csv go to standard output; png needs -o
      --layout MODE     svg, png: keep (default) leaves steps that have a position where the
                        file puts them and places the rest; auto lays out every step again
      --no-register     svg, png: leave the edge-case register table out
      --theme THEME     svg, png: light (default), dark, or print (grayscale, no shading)
      --scale N         png: pixels per layout pixel, 0.25 to 8 (default ${DEFAULT_PNG_SCALE}); reduced
                        with a warning if the image would pass 16,384 px or 32 megapixels
  -h, --help            show this help

Exit status: 0 written, 1 the map is invalid (the problems are listed as by validate) or
the output could not be written, 2 usage error.

Examples:
  handoff export map.json -o map.svg
  handoff export map.json -o map.png --theme print
  handoff export map.json --format csv > register.csv`;

const EXTENSIONS = new Map<string, ExportFormat>([
  [".svg", "svg"],
  [".png", "png"],
  [".json", "json"],
  [".md", "md"],
  [".markdown", "md"],
  [".csv", "csv"],
]);

interface ExportRequest {
  file: string;
  format: ExportFormat;
  output: string | undefined;
  layout: LayoutMode | undefined;
  register: boolean;
  theme: SvgThemeName;
  scale: number;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** Reads the arguments; throws UsageError with a message that names the bad argument. */
export function parseExportArgs(args: string[]): ExportRequest | "help" {
  let parsed: ReturnType<typeof parseRaw>;
  try {
    parsed = parseRaw(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("missing FILE");
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);

  const output = values.output;
  if (output !== undefined && output.trim() === "") throw new UsageError("-o needs a file name");
  let format: ExportFormat;
  if (values.format !== undefined) {
    if (!isOneOf(EXPORT_FORMATS, values.format))
      throw new UsageError(
        `unknown format ${JSON.stringify(values.format)}; use ${EXPORT_FORMATS.join(", ")}`,
      );
    format = values.format;
  } else if (output !== undefined) {
    const extension = path.extname(output).toLowerCase();
    const fromExtension = EXTENSIONS.get(extension);
    if (fromExtension === undefined && extension !== "")
      throw new UsageError(`cannot tell the format from ${JSON.stringify(extension)}; add --format`);
    format = fromExtension ?? "svg";
  } else {
    format = "svg";
  }
  if (format === "png" && output === undefined)
    throw new UsageError("png is binary: give a file with -o (it is not written to the terminal)");

  const drawing = format === "svg" || format === "png";
  const onlyFor = (option: string, formats: string) => {
    throw new UsageError(`${option} applies to ${formats} only, not ${format}`);
  };
  if (values.layout !== undefined && !isOneOf(["auto", "keep"] as const, values.layout))
    throw new UsageError(`unknown layout ${JSON.stringify(values.layout)}; use auto or keep`);
  if (values.theme !== undefined && !isOneOf(SVG_THEMES, values.theme))
    throw new UsageError(`unknown theme ${JSON.stringify(values.theme)}; use ${SVG_THEMES.join(", ")}`);
  if (!drawing && values.layout !== undefined) onlyFor("--layout", "svg and png");
  if (!drawing && values.theme !== undefined) onlyFor("--theme", "svg and png");
  if (!drawing && values["no-register"]) onlyFor("--no-register", "svg and png");
  if (format !== "png" && values.scale !== undefined) onlyFor("--scale", "png");
  const scale = values.scale === undefined ? DEFAULT_PNG_SCALE : Number(values.scale);
  if (!(Number.isFinite(scale) && scale >= 0.25 && scale <= 8))
    throw new UsageError(`--scale must be a number from 0.25 to 8, got ${JSON.stringify(values.scale)}`);

  return {
    file,
    format,
    output,
    layout: values.layout as LayoutMode | undefined,
    register: !values["no-register"],
    theme: (values.theme as SvgThemeName | undefined) ?? "light",
    scale,
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
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The export as text or bytes, or a message for stderr when the layout fails. */
async function produce(
  map: HandoffMap,
  request: ExportRequest,
  warn: (message: string) => void,
): Promise<string | Uint8Array | { error: string }> {
  switch (request.format) {
    case "json":
      return renderJson(map);
    case "md":
      return renderMarkdown(map);
    case "csv":
      return renderCsv(map);
    case "svg":
    case "png": {
      const run = createInProcessLayout(createNodeElk());
      const result = await run(map, request.layout === undefined ? {} : { mode: request.layout });
      if (!result.ok) return { error: `layout failed: ${result.error}` };
      const svg = renderSvg(map, result.layout, { theme: request.theme, register: request.register });
      if (request.format === "svg") return svg;
      const image = await renderPng(svg, { scale: request.scale });
      if (image.scale < request.scale)
        warn(
          `the map is too large for a ${request.scale}x PNG; drawn at ${image.scale.toFixed(2)}x ` +
            `(${image.width} x ${image.height} pixels). The SVG has no such limit.`,
        );
      return image.png;
    }
  }
}

function describeSize(bytes: number): string {
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
export async function runExport(args: string[], io: CliIo): Promise<number> {
  let request: ExportRequest | "help";
  try {
    request = parseExportArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`handoff export: ${error.message}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  if (request === "help") {
    io.stdout(`${EXPORT_USAGE}\n`);
    return 0;
  }

  const parsed = await readMapFile(io, request.file);
  if (!parsed.ok) {
    for (const issue of parsed.errors) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(
      `invalid: ${parsed.errors.length} problem${parsed.errors.length === 1 ? "" : "s"} in ${request.file}\n`,
    );
    return 1;
  }
  for (const warning of parsed.warnings) io.stderr(`warning: ${formatIssue(warning)}\n`);

  const output = await produce(parsed.map, request, (message) => io.stderr(`warning: ${message}\n`));
  if (typeof output === "object" && !(output instanceof Uint8Array)) {
    io.stderr(`handoff export: ${output.error}\n`);
    return 1;
  }
  if (request.output === undefined) {
    // Only text formats get here: png without -o is a usage error.
    io.stdout(typeof output === "string" ? output : "");
    return 0;
  }
  const target = path.resolve(io.cwd, request.output);
  const data = typeof output === "string" ? Buffer.from(output, "utf8") : output;
  try {
    await writeFileAtomic(target, data);
  } catch (error) {
    io.stderr(`handoff export: ${describeFsError(error, request.output)}\n`);
    return 1;
  }
  io.stdout(
    `exported ${request.file} to ${request.output} (${request.format}, ${describeSize(data.byteLength)})\n`,
  );
  return 0;
}
