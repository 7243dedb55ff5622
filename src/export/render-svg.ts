/**
 * The swimlane diagram as a standalone SVG 1.1 document, built from the map and its layout:
 * the same pure function in the browser and in Node.
 *
 * Contract (docs/format.md and tests/export/render-svg.test.ts hold it):
 * - the viewBox is in layout units: the diagram occupies x 0..layout.width, y 0..layout.height
 *   exactly as MapLayout says; the title sits above it (negative y), legend and register below;
 * - `data-lane-id`, `data-phase-id`, `data-step-id`, `data-handoff-id`, `data-edge-case-flag`
 *   and `data-edge-case-id` groups as described on each draw function below;
 * - text only through `<text>`/`<tspan>`, every string XML-escaped; no script, no event
 *   attributes, no external references, no entities; byte-identical output for the same input.
 *
 * This file composes the document; each part is drawn by a file in ./svg/.
 */

import { DEFAULT_METRICS, type LayoutMetrics } from "../layout/metrics";
import { FONT_FAMILY } from "../layout/text-metrics";
import type { MapLayout } from "../layout/types";
import { registerRows } from "../model/register-rows";
import type { HandoffMap } from "../model/types";
import { drawArrowMarkers } from "./svg/arrow-markers";
import { drawDiagram } from "./svg/diagram";
import type { DrawContext } from "./svg/draw-context";
import { drawLegend } from "./svg/legend";
import { drawRegister } from "./svg/register-table";
import { attrs, n } from "./svg/svg-markup";
import { drawTitleBlock, MARGIN } from "./svg/title-block";
import { escapeXmlText } from "./svg-escape";
import { type SvgThemeName, svgTheme } from "./svg-theme";

export interface SvgExportOptions {
  /** Default "light". */
  theme?: SvgThemeName;
  /** Draw the edge-case register table below the diagram. Default true. */
  register?: boolean;
  /** Draw the legend below the diagram. Default true. */
  legend?: boolean;
  /**
   * Prefix for the document's few ids (the arrowhead markers), so several exports can be
   * inlined in one HTML page. Letters, digits, "-" and "_" only. Default "handoff".
   */
  idPrefix?: string;
  /**
   * The step label font size and line height the layout wrapped StepBox.lines for. Default:
   * the layout's DEFAULT_METRICS, which is what layoutMap uses unless told otherwise.
   */
  metrics?: Pick<LayoutMetrics, "stepFontSize" | "stepLineHeight">;
}

const MIN_CONTENT_WIDTH = 960;
// Wider than this a table row is hard to read; on a very wide diagram the register stays left.
const MAX_REGISTER_WIDTH = 3200;

/**
 * Renders the map as a standalone SVG document.
 *
 * @example
 * const layout = await layoutMap(createNodeElk(), map, { mode: "keep" });
 * await writeFile("map.svg", renderSvg(map, layout, { theme: "print", register: true }));
 */
export function renderSvg(map: HandoffMap, layout: MapLayout, options: SvgExportOptions = {}): string {
  const theme = svgTheme(options.theme ?? "light");
  const prefix = /^[A-Za-z][\w-]*$/.test(options.idPrefix ?? "") ? (options.idPrefix as string) : "handoff";
  const rows = registerRows(map);
  const ctx: DrawContext = {
    map,
    layout,
    theme,
    prefix,
    stepFont: options.metrics?.stepFontSize ?? DEFAULT_METRICS.stepFontSize,
    stepLineHeight: options.metrics?.stepLineHeight ?? DEFAULT_METRICS.stepLineHeight,
    stepsById: new Map(map.steps.map((s) => [s.id, s])),
    boxesById: new Map(layout.steps.map((b) => [b.id, b])),
    numbers: new Map(rows.map((r) => [r.edgeCase.id, r.number])),
  };

  const contentWidth = Math.max(layout.width, MIN_CONTENT_WIDTH);
  const { parts, top } = drawTitleBlock(map, rows, theme, contentWidth);
  parts.push(drawDiagram(ctx));

  let y = layout.height + 20;
  if (options.legend ?? true) {
    const legend = drawLegend(ctx, y, contentWidth);
    parts.push(legend.svg);
    y += legend.height + 28;
  }
  if (options.register ?? true) {
    const register = drawRegister(ctx, rows, y, Math.min(contentWidth, MAX_REGISTER_WIDTH));
    parts.push(register.svg);
    y += register.height + 8;
  }
  const bottom = y + MARGIN - 8;

  const vbX = -MARGIN;
  const vbWidth = contentWidth + 2 * MARGIN;
  const vbHeight = bottom - top;
  const head =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1"${attrs([
      ["width", vbWidth],
      ["height", vbHeight],
      ["viewBox", `${n(vbX)} ${n(top)} ${n(vbWidth)} ${n(vbHeight)}`],
      ["font-family", FONT_FAMILY],
      ["role", "img"],
      ["data-theme", theme.name],
    ])}>\n` +
    `<title>${escapeXmlText(map.title)}</title>\n` +
    (map.description === "" ? "" : `<desc>${escapeXmlText(map.description)}</desc>\n`) +
    drawArrowMarkers(ctx) +
    `<rect${attrs([
      ["x", vbX],
      ["y", top],
      ["width", vbWidth],
      ["height", vbHeight],
      ["fill", theme.background],
      ["data-role", "background"],
    ])}/>\n`;
  return `${head}${parts.join("\n")}\n</svg>\n`;
}
