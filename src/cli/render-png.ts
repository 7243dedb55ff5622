/**
 * SVG -> PNG in Node with resvg (a Rust renderer shipped as a prebuilt binary in npm packages).
 * Text is drawn with the system's DejaVu Sans, the font text-metrics.ts measures for, so the
 * PNG's text fits the boxes the layout sized.
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
}

export const DEFAULT_PNG_SCALE = 2;

/**
 * Renders an SVG document (as produced by renderSvg) to PNG bytes.
 *
 * @example
 * const { png } = await renderPng(renderSvg(map, layout), { scale: 2 });
 */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<PngImage> {
  const scale = options.scale ?? DEFAULT_PNG_SCALE;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 16))
    throw new RangeError(`PNG scale must be in (0, 16], got ${scale}`);
  const image = await renderAsync(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}
