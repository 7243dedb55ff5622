import { exportBpmn } from "../../bpmn/export-bpmn";
import { renderCsv } from "../../export/render-csv";
import { renderJson } from "../../export/render-json";
import { renderMarkdown } from "../../export/render-markdown";
import { renderSvg } from "../../export/render-svg";
import type { MapLayout } from "../../layout/types";
import type { HandoffMap } from "../../model/types";
import { fileName } from "./file-name";

export const EXPORT_FORMATS = ["json", "svg", "png", "markdown", "csv", "bpmn"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LABELS: Record<ExportFormat, string> = {
  json: "JSON (Handoff map)",
  svg: "SVG image",
  png: "PNG image",
  markdown: "Markdown register",
  csv: "CSV register",
  bpmn: "BPMN 2.0 (bpmn.io, Camunda, Signavio)",
};

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

/** A text export; SVG needs a drawable layout (null while it is still running). */
export function textExport(
  format: Exclude<ExportFormat, "png">,
  map: HandoffMap,
  layout: MapLayout | null,
): TextExport | null {
  switch (format) {
    case "json":
      return { name: fileName(map.title, "json"), type: "application/json", text: renderJson(map) };
    case "markdown":
      return {
        name: fileName(map.title, "md"),
        type: "text/markdown;charset=utf-8",
        text: renderMarkdown(map),
      };
    case "csv":
      return { name: fileName(map.title, "csv"), type: "text/csv;charset=utf-8", text: renderCsv(map) };
    case "svg": {
      const drawable = drawableLayout(layout);
      return drawable === null
        ? null
        : { name: fileName(map.title, "svg"), type: "image/svg+xml", text: exportSvgText(map, drawable) };
    }
    case "bpmn": {
      // Laid out like the SVG: the diagram interchange is Handoff's own layout.
      const drawable = drawableLayout(layout);
      return drawable === null
        ? null
        : { name: fileName(map.title, "bpmn"), type: "application/xml", text: exportBpmn(map, drawable) };
    }
    default: {
      const unreachable: never = format;
      throw new Error(`unknown export format ${String(unreachable)}`);
    }
  }
}
