/**
 * SVG -> PNG in Node with resvg (a Rust renderer shipped as a prebuilt binary in npm packages).
 * Text is drawn with the system's DejaVu Sans, the font text-metrics.ts measures for, so the
 * PNG's text fits the boxes the layout sized.
 *
 * NOTE resvg-js 2.6.2 panics, aborting the whole process, on a path with a marker that lies
 * wholly outside the canvas. renderSvg never draws outside its viewBox; keep it that way.
 */
import { renderAsync } from "@resvg/resvg-js";

export interface PngOptions {
  /** Pixels per layout unit. Default 2 (crisp on slides and retina screens). */
  scale?: number;
}

export interface PngImage {
  png: Uint8Array;
  width: number;
  height: number;
  /** The scale used: lower than asked when the image would exceed the pixel limits. */
  scale: number;
}

export const DEFAULT_PNG_SCALE = 2;
/** Longest side, in pixels, that image viewers and slide tools open reliably. */
export const MAX_PNG_SIDE = 16_384;
/**
 * 32 megapixels (128 MB of RGBA while rendering, several seconds to encode): far more than any
 * slide or page needs. Bigger maps are for the SVG, which has no such limit.
 */
export const MAX_PNG_PIXELS = 32 * 1024 * 1024;

/** The root element's width and height, when it states them in plain numbers (renderSvg does). */
function statedSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? Number.NaN);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? Number.NaN);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The asked scale, reduced so the image stays within MAX_PNG_SIDE and MAX_PNG_PIXELS. */
export function fitScale(width: number, height: number, scale: number): number {
  const bySide = MAX_PNG_SIDE / Math.max(width, height);
  const byArea = Math.sqrt(MAX_PNG_PIXELS / (width * height));
  return Math.min(scale, bySide, byArea);
}

/**
 * Renders an SVG document (as produced by renderSvg) to PNG bytes.
 *
 * @example
 * const { png } = await renderPng(renderSvg(map, layout), { scale: 2 });
 */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<PngImage> {
  const asked = options.scale ?? DEFAULT_PNG_SCALE;
  if (!(Number.isFinite(asked) && asked > 0 && asked <= 16))
    throw new RangeError(`PNG scale must be in (0, 16], got ${asked}`);
  const size = statedSize(svg);
  const scale = size === null ? asked : fitScale(size.width, size.height, asked);
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height, scale };
}
