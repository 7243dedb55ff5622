/**
 * The pixel size of a PNG drawn from an exported SVG, shared by the Node renderer (resvg) and the
 * browser's canvas, so both hold big maps to the same limits instead of failing: a canvas past
 * the browser's limit silently draws nothing (Safari allows about 16.7 megapixels), and resvg
 * needs the whole RGBA buffer in memory.
 */

export interface PngLimits {
  /** Longest side in pixels. */
  maxSide: number;
  /** Width times height. */
  maxPixels: number;
}

/** 16,384 px a side and 32 megapixels: far more than a slide or a page needs. */
export const PNG_LIMITS: Readonly<PngLimits> = Object.freeze({
  maxSide: 16_384,
  maxPixels: 32 * 1024 * 1024,
});

/** Safari's canvas area limit (16,777,216 pixels); other browsers allow more. */
export const BROWSER_CANVAS_LIMITS: Readonly<PngLimits> = Object.freeze({
  maxSide: 16_384,
  maxPixels: 16_777_216,
});

/**
 * The asked scale, reduced as far as needed to stay within the limits.
 *
 * @example fitScale(3000, 1700, 2) // 2; fitScale(40000, 1000, 2) // 0.4096
 */
export function fitScale(
  width: number,
  height: number,
  scale: number,
  limits: PngLimits = PNG_LIMITS,
): number {
  if (!(width > 0 && height > 0)) return scale;
  const bySide = limits.maxSide / Math.max(width, height);
  const byArea = Math.sqrt(limits.maxPixels / (width * height));
  return Math.min(scale, bySide, byArea);
}

/**
 * The width and height the root `<svg>` states in plain numbers (renderSvg always does), or null.
 * In the browser: `canvas.width = Math.ceil(size.width * scale)` after `fitScale`.
 */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? Number.NaN);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? Number.NaN);
  return width > 0 && height > 0 ? { width, height } : null;
}
