/**
 * The editor's side of the export format table (src/export/export-formats.ts): the same rows and
 * renderers as `handoff export`, made into downloads.
 */
import {
  type ExportFormatId,
  type ExportFormatRow,
  exportFormat,
  preferredExtension,
} from "../../export/export-formats";
import { renderSvg } from "../../export/render-svg";
import type { MapLayout } from "../../layout/types";
import { assertNever } from "../../model/assert-never";
import type { HandoffMap } from "../../model/types";
import { fileName } from "./file-name";

export interface TextExport {
  name: string;
  type: string;
  text: string;
}

/**
 * The same renderers and options as `handoff export`: the SVG is the CLI's byte for byte for the
 * same map and layout (light theme, register on, the CLI's defaults).
 */
export function exportSvgText(map: HandoffMap, layout: MapLayout): string {
  return renderSvg(map, layout, { theme: "light", register: true });
}

/**
 * The layout an image export can draw: the store's, once it has its routes (a map that just
 * opened is drawn from a quick layout without them for a moment); null until then.
 */
export function drawableLayout(layout: MapLayout | null): MapLayout | null {
  return layout === null || layout.unrouted === true ? null : layout;
}

/** A download's file name for the map in a format: "Lead to cash.md". */
export function exportFileName(map: HandoffMap, id: ExportFormatId): string {
  const format: ExportFormatRow = exportFormat(id);
  return fileName(`${map.title}${format.nameSuffix ?? ""}`, preferredExtension(exportFormat(id)).slice(1));
}

/**
 * A text or drawing export as a download; a drawing needs a drawable layout (null while it is
 * still running). Raster formats (PNG) are drawn from exportSvgText by the caller.
 */
export function textExport(id: ExportFormatId, map: HandoffMap, layout: MapLayout | null): TextExport | null {
  const format = exportFormat(id);
  const name = exportFileName(map, id);
  switch (format.renderer.kind) {
    case "text":
      return { name, type: format.mediaType, text: format.renderer.render(map) };
    case "drawing": {
      const drawable = drawableLayout(layout);
      return drawable === null
        ? null
        : {
            name,
            type: format.mediaType,
            text: format.renderer.render(map, drawable, { theme: "light", register: true }),
          };
    }
    case "raster":
      throw new Error(`${id} is an image: draw it from the SVG`);
    default:
      return assertNever(format.renderer);
  }
}
