/**
 * SVG -> PNG in Node with resvg (a Rust renderer shipped as a prebuilt binary in npm packages).
 * Text is drawn with the system's DejaVu Sans, the font text-metrics.ts measures for, so the
 * PNG's text fits the boxes the layout sized.
 *
 * NOTE resvg-js 2.6.2 panics, aborting the whole process, on a path with a marker that lies
 * wholly outside the canvas. renderSvg never draws outside its viewBox; keep it that way.
 */
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
  const size = svgSize(svg);
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
