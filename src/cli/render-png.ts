/**
 * SVG -> PNG in Node with resvg (a Rust renderer shipped as a prebuilt binary in npm packages).
 * Text is drawn with the system's DejaVu Sans, the font text-metrics.ts measures for, so the
 * PNG's text fits the boxes the layout sized.
 *
 * NOTE resvg-js 2.6.2 panics, aborting the whole process with a Rust backtrace, on drawings it
 * cannot handle (a path with a marker wholly outside the canvas is one). renderSvg keeps
 * everything inside its viewBox, and renderPng still runs resvg in a child process
 * (render-png-child.mjs), so a crash there becomes a RenderError with a message, never an
 * abort of the CLI. It costs about one Node start per PNG (docs/performance-export.md).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { renderAsync } from "@resvg/resvg-js";
import { fitScale, svgSize } from "../export/png-size";

export interface PngOptions {
  /** Pixels per layout unit. Default 2 (crisp on slides and retina screens). */
  scale?: number;
}

export interface PngImage {
  png: Uint8Array;
  width: number;
  height: number;
  /** The scale used: lower than asked when the image would pass PNG_LIMITS (export/png-size.ts). */
  scale: number;
}

export const DEFAULT_PNG_SCALE = 2;
/** resvg could not draw the SVG: it threw, or crashed its process. The message says which. */
export class RenderError extends Error {}

function resvgOptions(scale: number) {
  return {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  } as const;
}

function scaleFor(svg: string, options: PngOptions): number {
  const asked = options.scale ?? DEFAULT_PNG_SCALE;
  if (!(Number.isFinite(asked) && asked > 0 && asked <= 16))
    throw new RangeError(`PNG scale must be in (0, 16], got ${asked}`);
  const size = svgSize(svg);
  return size === null ? asked : fitScale(size.width, size.height, asked);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Renderer processes running: killed when this process exits, so none outlives it. */
const running = new Set<ChildProcess>();

function killRunning(): void {
  for (const child of running) child.kill("SIGKILL");
}

/**
 * Renders an SVG document (as produced by renderSvg) to PNG bytes, in a child process. Throws
 * RenderError when resvg fails or crashes.
 *
 * @example
 * const { png } = await renderPng(renderSvg(map, layout), { scale: 2 });
 */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<PngImage> {
  const scale = scaleFor(svg, options);
  const child = spawn(process.execPath, [fileURLToPath(new URL("./render-png-child.mjs", import.meta.url))], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  // On exit, which the CLI's SIGINT, SIGTERM, SIGHUP and closed-stdout handlers all end in
  // (installSignalCleanup, runProcess): a large drawing keeps resvg busy for seconds, and Ctrl-C
  // from another terminal (or a process manager's SIGTERM) reaches only this process.
  if (running.size === 0) process.on("exit", killRunning);
  running.add(child);
  child.on("exit", () => {
    running.delete(child);
    if (running.size === 0) process.off("exit", killRunning);
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  // A child that dies early closes its stdin: the write's EPIPE is reported by the exit below.
  child.stdin.on("error", () => undefined);
  child.stdin.end(JSON.stringify({ svg, options: resvgOptions(scale) }));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  const stderr = Buffer.concat(err).toString("utf8");
  if (signal !== null || code !== 0) {
    // A panic prints "thread '…' panicked at FILE:LINE:COL:" and then its message.
    const panic = /panicked at [^\n]*\n([^\n]+)/.exec(stderr)?.[1];
    if (signal !== null || panic !== undefined || code === 134)
      throw new RenderError(
        `the PNG renderer (resvg) crashed on this drawing${panic === undefined ? ` (${signal ?? `exit ${code}`})` : `: ${panic}`}`,
      );
    throw new RenderError(`the PNG renderer (resvg) failed: ${stderr.trim() || `exit ${code}`}`);
  }
  const png = new Uint8Array(Buffer.concat(out));
  if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte))
    throw new RenderError("the PNG renderer (resvg) returned no image");
  return { png, ...pngSize(png), scale };
}

/**
 * The same rendering in this process: faster by a process start, but a resvg panic aborts the
 * caller. For benchmarks and trusted SVG only.
 */
export async function renderPngInProcess(svg: string, options: PngOptions = {}): Promise<PngImage> {
  const scale = scaleFor(svg, options);
  const image = await renderAsync(svg, resvgOptions(scale));
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height, scale };
}
