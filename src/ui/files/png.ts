/**
 * SVG -> PNG in the browser: the SVG (from renderSvg, which has no foreignObject and no external
 * references, so the canvas stays readable) as a Blob URL in an <img>, drawn on a canvas.
 */
import { BROWSER_CANVAS_LIMITS, fitScale, svgSize } from "../../export/png-size";

export const DEFAULT_BROWSER_PNG_SCALE = 2;

/**
 * The canvas the PNG is drawn on: the SVG's size times the scale, reduced to the browser's
 * canvas limits (export/png-size.ts). A canvas past Safari's area limit draws nothing at all.
 */
export function pngCanvasSize(svg: string, scale: number): { width: number; height: number } {
  const size = svgSize(svg);
  if (size === null) throw new Error("the SVG has no size");
  const factor = fitScale(size.width, size.height, scale, BROWSER_CANVAS_LIMITS);
  return {
    width: Math.max(1, Math.floor(size.width * factor)),
    height: Math.max(1, Math.floor(size.height * factor)),
  };
}

export async function svgToPng(svg: string, scale = DEFAULT_BROWSER_PNG_SCALE): Promise<Blob> {
  const { width, height } = pngCanvasSize(svg, scale);
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
