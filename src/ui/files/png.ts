/**
 * SVG -> PNG in the browser: the SVG (from renderSvg, which has no foreignObject and no external
 * references, so the canvas stays readable) as a Blob URL in an <img>, drawn on a canvas.
 */
export const DEFAULT_BROWSER_PNG_SCALE = 2;
/** Browsers refuse canvases much larger than this (Chromium: 16384 per side, ~268M pixels). */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 100_000_000;

export function svgSize(svg: string): { width: number; height: number } | null {
  const match = /<svg\b[^>]*?\bviewBox="([^"]+)"/.exec(svg);
  if (match === null || match[1] === undefined) return null;
  const parts = match[1]
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = parts[2];
  const height = parts[3];
  if (width === undefined || height === undefined || !(width > 0) || !(height > 0)) return null;
  return { width, height };
}

export async function svgToPng(svg: string, scale = DEFAULT_BROWSER_PNG_SCALE): Promise<Blob> {
  const size = svgSize(svg);
  if (size === null) throw new Error("the SVG has no size");
  let factor = scale;
  factor = Math.min(factor, MAX_SIDE / size.width, MAX_SIDE / size.height);
  factor = Math.min(factor, Math.sqrt(MAX_PIXELS / (size.width * size.height)));
  const width = Math.max(1, Math.round(size.width * factor));
  const height = Math.max(1, Math.round(size.height * factor));
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image(width, height);
    image.decoding = "async";
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("this browser cannot draw the image");
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error("the image is too large to encode")) : resolve(blob)),
        "image/png",
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
