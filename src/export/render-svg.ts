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
 */

import {
  edgeCaseFlagText,
  FLAG_FONT,
  FLAG_HEIGHT,
  HANDOFF_LABEL_FONT,
  measureHandoffLabel,
} from "../layout/handoff-label";
import {
  DEFAULT_METRICS,
  HEADER_NAME_FONT,
  LANE_NAME_INSET,
  type LayoutMetrics,
  PHASE_NAME_INSET,
} from "../layout/metrics";
import { pathPoints, pointCount } from "../layout/route-path";
import { FONT_FAMILY, type FontWeight, textWidth, wrapText } from "../layout/text-metrics";
import type { HandoffRoute, LaneBand, MapLayout, PhaseColumn, StepBox, StepSystems } from "../layout/types";
import type { EdgeCase, Handoff, HandoffMap, Lane, Phase, Severity, Step, StepKind } from "../model/types";
import { SEVERITIES } from "../model/types";
import type { ExportParts } from "./export-parts";
import { createLayoutLabelPlacer, type LabelPlacer } from "./label-placement";
import { edgeCaseLabel, highestOpenSeverity, type RegisterRow, registerRows } from "./register-rows";
import { decisionOutline } from "./step-outline";
import { escapeXmlAttr, escapeXmlText } from "./svg-escape";
import { laneAccent, laneBandFill, type SvgTheme, type SvgThemeName, svgTheme, textOn } from "./svg-theme";

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
  /**
   * Which parts to draw (export/export-parts.ts); overrides `legend` and `register`. Without the
   * title the drawing starts at the diagram; the diagram alone is cropped to the lanes.
   */
  parts?: Readonly<ExportParts>;
  /** Steps drawn as stubs (dashed, no fill): stand-ins for steps outside a slice (slides/slice-map.ts). */
  stubs?: ReadonlySet<string>;
}

const MARGIN = 32;
const TITLE_FONT = 24;
const SUBTITLE_FONT = 13;
const SUMMARY_FONT = 11.5;
// The layout sizes lane bands and the phase header row for names at this size (metrics.ts).
const HEADER_FONT = HEADER_NAME_FONT;
const MIN_HEADER_FONT = 10;
const SYSTEMS_FONT = 9.5;
const LEGEND_FONT = 11.5;
const TABLE_FONT = 12;
const TABLE_LINE = 16;
const TABLE_PAD_X = 9;
const TABLE_PAD_Y = 8;
const MIN_CONTENT_WIDTH = 960;
// Wider than this a table row is hard to read; on a very wide diagram the register stays left.
const MAX_REGISTER_WIDTH = 3200;

/** Number formatting for coordinates: at most 2 decimals, no "-0", never NaN. */
function n(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function attrs(pairs: ReadonlyArray<readonly [string, string | number]>): string {
  let out = "";
  for (const [name, value] of pairs)
    out += ` ${name}="${typeof value === "number" ? n(value) : escapeXmlAttr(value)}"`;
  return out;
}

interface TextBlockSpec {
  lines: readonly string[];
  /** Anchor x: the center for "middle", the left edge for "start". */
  x: number;
  /** Top of the first line box. */
  top: number;
  fontSize: number;
  lineHeight: number;
  fill: string;
  anchor?: "start" | "middle" | "end";
  weight?: FontWeight;
  extra?: ReadonlyArray<readonly [string, string | number]>;
}

/** A multi-line `<text>` with one `<tspan>` per line, each placed absolutely (no dy chains). */
function textBlock(spec: TextBlockSpec): string {
  const { lines, x, top, fontSize, lineHeight, fill, anchor = "start", weight = "normal" } = spec;
  const baseline = (i: number) => top + i * lineHeight + lineHeight / 2 + fontSize * 0.36;
  let out = `<text${attrs([
    ["x", x],
    ["y", baseline(0)],
    ["font-size", fontSize],
    ...(weight === "bold" ? ([["font-weight", "bold"]] as const) : []),
    ["fill", fill],
    ...(anchor !== "start" ? ([["text-anchor", anchor]] as const) : []),
    ...(spec.extra ?? []),
  ])}>`;
  lines.forEach((line, i) => {
    out += `<tspan${attrs([
      ["x", x],
      ["y", baseline(i)],
    ])}>${escapeXmlText(line)}</tspan>`;
  });
  return `${out}</text>`;
}

/**
 * Wraps a name into at most `maxHeight`, shrinking the font down to MIN_HEADER_FONT before
 * letting it run taller: names are never cut short.
 */
function fitHeader(text: string, maxWidth: number, maxHeight: number) {
  for (let size = HEADER_FONT; ; size -= 1) {
    const lineHeight = Math.round(size * 1.3);
    const { lines } = wrapText(text, Math.max(maxWidth, size), { fontSize: size, weight: "bold" });
    if (lines.length * lineHeight <= maxHeight || size <= MIN_HEADER_FONT) return { lines, size, lineHeight };
  }
}

/** "critical" -> "Critical", for severities and statuses. */
function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Ctx {
  map: HandoffMap;
  layout: MapLayout;
  theme: SvgTheme;
  prefix: string;
  stepFont: number;
  stepLineHeight: number;
  stepsById: Map<string, Step>;
  boxesById: Map<string, StepBox>;
  numbers: Map<string, number>;
  placer: LabelPlacer;
  stubs: ReadonlySet<string>;
}

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
  const ctx: Ctx = {
    map,
    layout,
    theme,
    prefix,
    stepFont: options.metrics?.stepFontSize ?? DEFAULT_METRICS.stepFontSize,
    stepLineHeight: options.metrics?.stepLineHeight ?? DEFAULT_METRICS.stepLineHeight,
    stepsById: new Map(map.steps.map((s) => [s.id, s])),
    boxesById: new Map(layout.steps.map((b) => [b.id, b])),
    numbers: new Map(rows.map((r) => [r.edgeCase.id, r.number])),
    placer: createLayoutLabelPlacer(layout),
    stubs: options.stubs ?? new Set(),
  };

  const parts = options.parts ?? {
    title: true,
    diagram: true,
    legend: options.legend ?? true,
    register: options.register ?? true,
  };
  // The diagram alone is cropped to the lanes: no margin but the frame's stroke.
  const cropped = parts.diagram && !parts.title && !parts.legend && !parts.register;
  // Without the title (a slide, a wiki figure) the frame sits close to the edge.
  const margin = cropped ? 1 : parts.title ? MARGIN : 12;
  const contentWidth = cropped ? layout.width : Math.max(layout.width, MIN_CONTENT_WIDTH);

  // Title block above the diagram, growing upwards from y = 0.
  const titleLines = wrapText(map.title.trim() === "" ? "Untitled map" : map.title, contentWidth, {
    fontSize: TITLE_FONT,
    weight: "bold",
  }).lines;
  const subtitleLines =
    map.description.trim() === ""
      ? []
      : wrapText(map.description, contentWidth, { fontSize: SUBTITLE_FONT, maxLines: 3 }).lines;
  const titleLineHeight = Math.round(TITLE_FONT * 1.25);
  const subtitleLineHeight = Math.round(SUBTITLE_FONT * 1.45);
  const summaryLines = wrapText(mapSummary(map, rows), contentWidth, { fontSize: SUMMARY_FONT }).lines;
  const summaryLineHeight = Math.round(SUMMARY_FONT * 1.45);
  const subtitleHeight = subtitleLines.length > 0 ? 6 + subtitleLines.length * subtitleLineHeight : 0;
  const titleHeight =
    titleLines.length * titleLineHeight + subtitleHeight + 4 + summaryLines.length * summaryLineHeight;
  const top = parts.title ? -(MARGIN + titleHeight + 22) : -margin;

  const out: string[] = [];
  if (parts.title) {
    out.push(
      textBlock({
        lines: titleLines,
        x: 0,
        top: top + MARGIN,
        fontSize: TITLE_FONT,
        lineHeight: titleLineHeight,
        fill: theme.title,
        weight: "bold",
        extra: [["data-role", "title"]],
      }),
    );
    if (subtitleLines.length > 0) {
      out.push(
        textBlock({
          lines: subtitleLines,
          x: 0,
          top: top + MARGIN + titleLines.length * titleLineHeight + 6,
          fontSize: SUBTITLE_FONT,
          lineHeight: subtitleLineHeight,
          fill: theme.subtitle,
          extra: [["data-role", "description"]],
        }),
      );
    }

    out.push(
      textBlock({
        lines: summaryLines,
        x: 0,
        top: top + MARGIN + titleLines.length * titleLineHeight + subtitleHeight + 4,
        fontSize: SUMMARY_FONT,
        lineHeight: summaryLineHeight,
        fill: theme.subtitle,
        weight: "bold",
        extra: [["data-role", "summary"]],
      }),
    );
  }
  if (parts.diagram) out.push(drawDiagram(ctx));

  let y = parts.diagram ? layout.height + 20 : 0;
  if (parts.legend) {
    const legend = drawLegend(ctx, y, contentWidth);
    out.push(legend.svg);
    y += legend.height + 28;
  }
  if (parts.register) {
    const register = drawRegister(ctx, rows, y, Math.min(contentWidth, MAX_REGISTER_WIDTH));
    out.push(register.svg);
    y += register.height + 8;
  }
  const bottom = cropped ? layout.height + margin : y + margin - 8;

  const vbX = -margin;
  const vbWidth = contentWidth + 2 * margin;
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
    drawDefs(ctx) +
    `<rect${attrs([
      ["x", vbX],
      ["y", top],
      ["width", vbWidth],
      ["height", vbHeight],
      ["fill", theme.background],
      ["data-role", "background"],
    ])}/>\n`;
  return `${head}${out.join("\n")}\n</svg>\n`;
}

/** "7 lanes · 3 phases · 13 steps · 15 handoffs · 17 edge cases, 13 open". */
function mapSummary(map: HandoffMap, rows: readonly RegisterRow[]): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const open = rows.filter((r) => r.edgeCase.status === "open").length;
  return [
    count(map.lanes.length, "lane", "lanes"),
    count(map.phases.length, "phase", "phases"),
    count(map.steps.length, "step", "steps"),
    count(map.handoffs.length, "handoff", "handoffs"),
    `${count(rows.length, "edge case", "edge cases")}${rows.length > 0 ? `, ${open} open` : ""}`,
  ].join("  ·  ");
}

function drawDefs(ctx: Ctx): string {
  const { theme, prefix } = ctx;
  const marker = (id: string, color: string) =>
    `<marker${attrs([
      ["id", `${prefix}-${id}`],
      ["viewBox", "0 0 10 10"],
      ["refX", 10],
      ["refY", 5],
      ["markerWidth", 8],
      ["markerHeight", 8],
      ["markerUnits", "userSpaceOnUse"],
      ["orient", "auto"],
    ])}><path d="M0,1 L10,5 L0,9 Z"${attrs([["fill", color]])}/></marker>`;
  return `<defs>${marker("arrow-in-lane", theme.inLane)}${marker("arrow-cross-lane", theme.crossLane)}</defs>\n`;
}

function drawDiagram(ctx: Ctx): string {
  const { map, layout, theme } = ctx;
  const out: string[] = [];
  const bands = new Map<string, LaneBand>(layout.lanes.map((b) => [b.id, b]));
  const columns = new Map<string, PhaseColumn>(layout.phases.map((c) => [c.id, c]));
  const routes = new Map<string, HandoffRoute>(layout.handoffs.map((r) => [r.id, r]));

  out.push('<g data-role="lanes">');
  map.lanes.forEach((lane, index) => {
    const band = bands.get(lane.id);
    if (band !== undefined) out.push(drawLane(ctx, lane, band, index));
  });
  out.push("</g>");

  // The header row and the corner cell above the lane headers.
  if (layout.phaseHeaderHeight > 0) {
    out.push(
      `<rect${attrs([
        ["x", 0],
        ["y", 0],
        ["width", layout.width],
        ["height", layout.phaseHeaderHeight],
        ["fill", theme.headerFill],
        ["data-role", "phase-header-row"],
      ])}/>`,
    );
  }
  out.push('<g data-role="phases">');
  map.phases.forEach((phase, index) => {
    const column = columns.get(phase.id);
    if (column !== undefined) out.push(drawPhase(ctx, phase, column, index));
  });
  out.push("</g>");

  // Lines that structure the grid: under the header row, right of the lane headers, the frame.
  const line = (x1: number, y1: number, x2: number, y2: number, color: string, width = 1) =>
    `<line${attrs([
      ["x1", x1],
      ["y1", y1],
      ["x2", x2],
      ["y2", y2],
      ["stroke", color],
      ["stroke-width", width],
    ])}/>`;
  if (layout.phaseHeaderHeight > 0)
    out.push(line(0, layout.phaseHeaderHeight, layout.width, layout.phaseHeaderHeight, theme.frame));
  out.push(line(layout.laneHeaderWidth, 0, layout.laneHeaderWidth, layout.height, theme.frame));
  out.push(
    `<rect${attrs([
      ["x", 0],
      ["y", 0],
      ["width", layout.width],
      ["height", layout.height],
      ["fill", "none"],
      ["stroke", theme.frame],
      ["stroke-width", 1.25],
      ["data-role", "frame"],
    ])}/>`,
  );

  out.push('<g data-role="steps">');
  for (const step of map.steps) {
    const box = ctx.boxesById.get(step.id);
    if (box !== undefined) out.push(drawStep(ctx, step, box));
  }
  out.push("</g>");

  out.push('<g data-role="handoffs">');
  for (const handoff of map.handoffs) out.push(drawHandoff(ctx, handoff, routes.get(handoff.id)));
  out.push("</g>");
  return out.join("\n");
}

/**
 * A lane: `<g data-lane-id>` whose first and largest rect covers the whole band (x 0 to the
 * layout width), then the header cell and the lane name, wrapped and never cut short.
 */
function drawLane(ctx: Ctx, lane: Lane, band: LaneBand, index: number): string {
  const { layout, theme } = ctx;
  const own = lane.color === undefined ? null : laneBandFill(lane.color, theme);
  const fill = own ?? theme.laneFills[index % 2] ?? theme.background;
  const accent = lane.color === undefined ? null : laneAccent(lane.color, theme);
  const headerWidth = layout.laneHeaderWidth;
  const parts = [
    `<g${attrs([["data-lane-id", lane.id]])}>`,
    `<title>${escapeXmlText(lane.name)}</title>`,
    `<rect${attrs([
      ["x", 0],
      ["y", band.y],
      ["width", layout.width],
      ["height", band.height],
      ["fill", fill],
    ])}/>`,
  ];
  if (headerWidth > 0) {
    parts.push(
      `<rect${attrs([
        ["x", 0],
        ["y", band.y],
        ["width", headerWidth],
        ["height", band.height],
        ["fill", theme.headerFill],
        ["fill-opacity", theme.name === "print" ? 1 : 0.75],
      ])}/>`,
    );
    if (accent !== null) {
      parts.push(
        `<rect${attrs([
          ["x", 0],
          ["y", band.y],
          ["width", 4],
          ["height", band.height],
          ["fill", accent],
        ])}/>`,
      );
    }
    const fit = fitHeader(
      lane.name,
      headerWidth - 2 * LANE_NAME_INSET.x,
      band.height - 2 * LANE_NAME_INSET.y,
    );
    const blockHeight = fit.lines.length * fit.lineHeight;
    parts.push(
      textBlock({
        lines: fit.lines,
        x: headerWidth / 2 + 2,
        top: band.y + (band.height - blockHeight) / 2,
        fontSize: fit.size,
        lineHeight: fit.lineHeight,
        fill: theme.headerText,
        anchor: "middle",
        weight: "bold",
        extra: [["data-role", "lane-name"]],
      }),
    );
  }
  parts.push(
    `<line${attrs([
      ["x1", 0],
      ["y1", band.y + band.height],
      ["x2", layout.width],
      ["y2", band.y + band.height],
      ["stroke", theme.gridLine],
      ["stroke-width", 1],
    ])}/>`,
  );
  parts.push("</g>");
  return parts.join("");
}

/**
 * A phase: `<g data-phase-id>` whose first rect covers the whole column, header row included
 * (transparent), then the header cell text and a light separator on its left edge.
 */
function drawPhase(ctx: Ctx, phase: Phase, column: PhaseColumn, index: number): string {
  const { layout, theme } = ctx;
  const parts = [
    `<g${attrs([["data-phase-id", phase.id]])}>`,
    `<title>${escapeXmlText(phase.name)}</title>`,
    `<rect${attrs([
      ["x", column.x],
      ["y", 0],
      ["width", column.width],
      ["height", layout.height],
      ["fill", "none"],
    ])}/>`,
  ];
  if (index > 0 || column.x > layout.laneHeaderWidth + 0.5) {
    parts.push(
      `<line${attrs([
        ["x1", column.x],
        ["y1", 0],
        ["x2", column.x],
        ["y2", layout.height],
        ["stroke", theme.gridLine],
        ["stroke-width", 1],
        ...(theme.name === "print" ? [] : ([["stroke-dasharray", "4 4"]] as const)),
      ])}/>`,
    );
  }
  if (layout.phaseHeaderHeight > 0) {
    const fit = fitHeader(
      phase.name,
      column.width - 2 * PHASE_NAME_INSET.x,
      layout.phaseHeaderHeight - 2 * PHASE_NAME_INSET.y,
    );
    const blockHeight = fit.lines.length * fit.lineHeight;
    parts.push(
      textBlock({
        lines: fit.lines,
        x: column.x + column.width / 2,
        top: (layout.phaseHeaderHeight - blockHeight) / 2,
        fontSize: fit.size,
        lineHeight: fit.lineHeight,
        fill: theme.headerText,
        anchor: "middle",
        weight: "bold",
        extra: [["data-role", "phase-name"]],
      }),
    );
  }
  parts.push("</g>");
  return parts.join("");
}

/**
 * A step: `<g data-step-id>` with its `<title>` (the full label) first, then a rect that is
 * exactly the layout box (the visible shape for task/start/end, transparent under a decision's
 * diamond), the label lines from the layout, and the systems in small text if they fit.
 */
function drawStep(ctx: Ctx, step: Step, box: StepBox): string {
  const { theme } = ctx;
  const stub = ctx.stubs.has(step.id);
  const style = theme.kinds[step.kind];
  const parts = [
    `<g${attrs([
      ["data-step-id", step.id],
      ["data-kind", step.kind],
      ...(stub ? ([["data-stub", "true"]] as const) : []),
    ])}>`,
    `<title>${escapeXmlText(step.label)}</title>`,
  ];
  const rect = (fill: string, stroke: string, strokeWidth: number, rx: number) =>
    `<rect${attrs([
      ["x", box.x],
      ["y", box.y],
      ["width", box.width],
      ["height", box.height],
      ["rx", rx],
      ["fill", fill],
      ["stroke", stroke],
      ["stroke-width", strokeWidth],
    ])}/>`;
  // A stub stands for a step outside the slice: an outline only, dashed, so it reads as "elsewhere".
  if (stub)
    parts.push(
      rect(theme.background, theme.subtitle, 1.5, 6).replace(
        "/>",
        `${attrs([["stroke-dasharray", "6 4"]])}/>`,
      ),
    );
  else
    switch (step.kind) {
      case "task":
        parts.push(rect(style.fill, style.stroke, 1.25, 6));
        break;
      case "start":
        parts.push(rect(style.fill, style.stroke, 1.5, Math.min(box.height, box.width) / 2));
        break;
      case "end":
        parts.push(rect(style.fill, style.stroke, 2.5, Math.min(box.height, box.width) / 2));
        break;
      case "decision": {
        parts.push(rect("none", "none", 0, 0));
        const points = decisionOutline(box, ctx.stepFont, ctx.stepLineHeight);
        parts.push(
          `<polygon${attrs([
            ["points", points.map((p) => `${n(p.x)},${n(p.y)}`).join(" ")],
            ["fill", style.fill],
            ["stroke", style.stroke],
            ["stroke-width", 1.5],
            ["stroke-linejoin", "round"],
          ])}/>`,
        );
        break;
      }
      default:
        assertNever(step.kind);
    }

  const fontSize = ctx.stepFont;
  const lineHeight = ctx.stepLineHeight;
  const labelHeight = box.lines.length * lineHeight;
  // A layout with a text area has placed the label and the systems chips: draw them there.
  // Older layouts (no textArea) get the systems on one small line if the box has room.
  const systemsLine = box.textArea === undefined ? systemsText(step, box, labelHeight) : null;
  const systemsHeight = systemsLine === null ? 0 : SYSTEMS_FONT + 4;
  const blockTop =
    box.textArea === undefined
      ? box.y + (box.height - labelHeight - systemsHeight) / 2
      : box.y + box.textArea.y;
  parts.push(
    textBlock({
      lines: box.lines,
      x: box.x + box.width / 2,
      top: blockTop,
      fontSize,
      lineHeight,
      fill: stub ? theme.subtitle : style.text,
      anchor: "middle",
      extra: [["data-role", stub ? "stub-label" : "step-label"]],
    }),
  );
  if (systemsLine !== null) {
    parts.push(
      textBlock({
        lines: [systemsLine],
        x: box.x + box.width / 2,
        top: blockTop + labelHeight + 2,
        fontSize: SYSTEMS_FONT,
        lineHeight: SYSTEMS_FONT + 3,
        fill: theme.systemsText,
        anchor: "middle",
        extra: [["data-role", "step-systems"]],
      }),
    );
  }
  if (box.systems !== undefined) parts.push(drawSystemChips(ctx, box, box.systems));
  parts.push("</g>");
  return parts.join("");
}

/** The systems chips exactly where the layout put them (relative to the box). */
function drawSystemChips(ctx: Ctx, box: StepBox, systems: StepSystems): string {
  const { theme } = ctx;
  const out = ['<g data-role="step-systems">'];
  for (const chip of systems.chips) {
    const x = box.x + chip.x;
    const y = box.y + chip.y;
    out.push(
      `<rect${attrs([
        ["x", x],
        ["y", y],
        ["width", chip.width],
        ["height", chip.height],
        ["rx", chip.height / 2],
        ["fill", theme.background],
        ["stroke", theme.gridLine],
        ["stroke-width", 0.75],
      ])}/>`,
      textBlock({
        lines: [chip.text],
        x: x + chip.width / 2,
        top: y,
        fontSize: systems.fontSize,
        lineHeight: chip.height,
        fill: theme.systemsText,
        anchor: "middle",
        extra: [["data-role", chip.system === null ? "step-systems-more" : "step-system"]],
      }),
    );
  }
  out.push("</g>");
  return out.join("");
}

/** The step's systems on one small line, when the box has room for it below the label. */
function systemsText(step: Step, box: StepBox, labelHeight: number): string | null {
  const systems = step.systems.map((s) => s.trim()).filter((s) => s !== "");
  if (systems.length === 0) return null;
  // A diamond's usable width at its middle third is about half the box.
  const width = (step.kind === "decision" ? box.width / 2 : box.width) - 16;
  if (box.height - labelHeight < SYSTEMS_FONT + 12 || width < 30) return null;
  return wrapText(systems.join(" · "), width, { fontSize: SYSTEMS_FONT, maxLines: 1 }).lines[0] ?? null;
}

/**
 * A handoff: `<g data-handoff-id>` with its route as one path (arrowhead marker at the end),
 * its label on a halo at the label anchor, and the edge-case flag (`data-edge-case-flag`).
 */
function drawHandoff(ctx: Ctx, handoff: Handoff, route: HandoffRoute | undefined): string {
  const { theme, prefix } = ctx;
  const fromLane = ctx.stepsById.get(handoff.from)?.lane;
  const toLane = ctx.stepsById.get(handoff.to)?.lane;
  const crossLane = fromLane !== toLane;
  const parts = [
    `<g${attrs([
      ["data-handoff-id", handoff.id],
      ["data-cross-lane", crossLane ? "true" : "false"],
    ])}>`,
  ];
  if (route !== undefined && pointCount(route.path) >= 2) {
    const d = pathPoints(route.path)
      .map((p, i) => `${i === 0 ? "M" : "L"}${n(p.x)},${n(p.y)}`)
      .join(" ");
    parts.push(
      `<path${attrs([
        ["d", d],
        ["fill", "none"],
        ["stroke", crossLane ? theme.crossLane : theme.inLane],
        ["stroke-width", crossLane ? 1.75 : 1.25],
        ...(!crossLane && theme.inLaneDash !== "" ? ([["stroke-dasharray", theme.inLaneDash]] as const) : []),
        ["stroke-linejoin", "round"],
        ["marker-end", `url(#${prefix}-${crossLane ? "arrow-cross-lane" : "arrow-in-lane"})`],
      ])}/>`,
    );
  }
  if (route !== undefined && (handoff.label.trim() !== "" || handoff.edgeCases.length > 0)) {
    const flag = handoff.edgeCases.length > 0 ? flagOf(ctx, handoff.edgeCases) : null;
    // The layout reserved room for this block at route.labelAnchor with the same sizes.
    const size = measureHandoffLabel(handoff.label, flag?.text ?? null);
    const label = size.lines.length === 0 ? null : size.lines;
    const { lineHeight, labelWidth, labelHeight, width, height } = size;
    const at = ctx.placer.place(route, { width, height });
    const cx = at.x + width / 2;
    if (label !== null) {
      parts.push(
        `<rect${attrs([
          ["x", cx - labelWidth / 2],
          ["y", at.y],
          ["width", labelWidth],
          ["height", labelHeight],
          ["rx", 3],
          ["fill", theme.handoffLabelHalo],
          ["fill-opacity", 0.92],
        ])}/>`,
        textBlock({
          lines: label,
          x: cx,
          top: at.y + 2,
          fontSize: HANDOFF_LABEL_FONT,
          lineHeight,
          fill: theme.handoffLabelText,
          anchor: "middle",
          extra: [["data-role", "handoff-label"]],
        }),
      );
    }
    if (flag !== null) parts.push(drawFlag(ctx, flag, cx, at.y + height - FLAG_HEIGHT));
  }
  parts.push("</g>");
  return parts.join("");
}

interface Flag {
  edgeCases: readonly EdgeCase[];
  labels: string[];
  severity: Severity | null;
  text: string;
  width: number;
}

function flagOf(ctx: Ctx, edgeCases: readonly EdgeCase[]): Flag {
  const labels = edgeCases.map((ec) => edgeCaseLabel(ctx.numbers.get(ec.id) ?? 0));
  const severity = highestOpenSeverity(edgeCases);
  const text = edgeCaseFlagText(labels, severity !== null);
  return { edgeCases, labels, severity, text, width: textWidth(text, FLAG_FONT, "bold") + 14 };
}

/** The pill on a handoff listing its edge-case numbers, colored by the highest open severity. */
function drawFlag(ctx: Ctx, flag: Flag, cx: number, top: number): string {
  const { theme } = ctx;
  const { edgeCases, labels, severity, text, width } = flag;
  const fill = severity === null ? theme.resolved : theme.severity[severity];
  const height = FLAG_HEIGHT;
  const x = cx - width / 2;
  const printResolved = theme.name === "print" && severity === null;
  const tooltip = edgeCases
    .map((ec, i) => `${labels[i] ?? ""} (${ec.severity}, ${ec.status}): ${ec.title}`)
    .join("\n");
  return [
    `<g${attrs([
      ["data-edge-case-flag", labels.join(" ")],
      ["data-severity", severity ?? "none"],
    ])}>`,
    `<title>${escapeXmlText(tooltip)}</title>`,
    `<rect${attrs([
      ["x", x],
      ["y", top],
      ["width", width],
      ["height", height],
      ["rx", height / 2],
      ["fill", fill],
      ["stroke", printResolved || theme.name === "print" ? "#000000" : theme.background],
      ["stroke-width", 1],
    ])}/>`,
    textBlock({
      lines: [text],
      x: cx,
      top,
      fontSize: FLAG_FONT,
      lineHeight: height,
      fill: textOn(fill),
      anchor: "middle",
      weight: "bold",
    }),
    "</g>",
  ].join("");
}

interface Drawn {
  svg: string;
  height: number;
}

/** The legend: step kinds, the two kinds of connector, and the severity colors; wraps to width. */
function drawLegend(ctx: Ctx, top: number, width: number): Drawn {
  const { theme, prefix } = ctx;
  const rowHeight = 24;
  const items: { icon: (x: number, cy: number) => string; iconWidth: number; label: string }[] = [];
  const kind = (k: StepKind, label: string, rx: number) => ({
    iconWidth: 26,
    label,
    icon: (x: number, cy: number) => {
      const s = theme.kinds[k];
      if (k === "decision") {
        return `<polygon${attrs([
          [
            "points",
            [
              [x + 7, cy - 7],
              [x + 19, cy - 7],
              [x + 26, cy],
              [x + 19, cy + 7],
              [x + 7, cy + 7],
              [x, cy],
            ]
              .map(([px, py]) => `${n(px ?? 0)},${n(py ?? 0)}`)
              .join(" "),
          ],
          ["fill", s.fill],
          ["stroke", s.stroke],
          ["stroke-width", 1.25],
        ])}/>`;
      }
      return `<rect${attrs([
        ["x", x],
        ["y", cy - 7],
        ["width", 26],
        ["height", 14],
        ["rx", rx],
        ["fill", s.fill],
        ["stroke", s.stroke],
        ["stroke-width", k === "end" ? 2 : 1.25],
      ])}/>`;
    },
  });
  items.push(
    kind("task", "Task", 3),
    kind("decision", "Decision", 0),
    kind("start", "Start", 7),
    kind("end", "End", 7),
  );
  const connector = (cross: boolean, label: string) => ({
    iconWidth: 34,
    label,
    icon: (x: number, cy: number) =>
      `<path${attrs([
        ["d", `M${n(x)},${n(cy)} L${n(x + 32)},${n(cy)}`],
        ["stroke", cross ? theme.crossLane : theme.inLane],
        ["stroke-width", cross ? 1.75 : 1.25],
        ...(!cross && theme.inLaneDash !== "" ? ([["stroke-dasharray", theme.inLaneDash]] as const) : []),
        ["marker-end", `url(#${prefix}-${cross ? "arrow-cross-lane" : "arrow-in-lane"})`],
      ])}/>`,
  });
  items.push(connector(false, "Flow within a lane"), connector(true, "Cross-lane handoff"));
  // Severity swatches are found by their index (isFirstSeverity): the stub item goes after them.
  const stubItem =
    ctx.stubs.size === 0
      ? []
      : [
          {
            iconWidth: 26,
            label: "Step in another phase or lane",
            icon: (x: number, cy: number) =>
              `<rect${attrs([
                ["x", x],
                ["y", cy - 7],
                ["width", 26],
                ["height", 14],
                ["rx", 3],
                ["fill", theme.background],
                ["stroke", theme.subtitle],
                ["stroke-width", 1.25],
                ["stroke-dasharray", "4 3"],
              ])}/>`,
          },
        ];
  const swatch = (color: string, label: string) => ({
    iconWidth: 14,
    label,
    icon: (x: number, cy: number) =>
      `<circle${attrs([
        ["cx", x + 7],
        ["cy", cy],
        ["r", 6],
        ["fill", color],
        ...(theme.name === "print" ? ([["stroke", "#000000"]] as const) : []),
      ])}/>`,
  });
  for (const severity of [...SEVERITIES].reverse())
    items.push(swatch(theme.severity[severity], capitalize(severity)));
  items.push(swatch(theme.resolved, "None open"), ...stubItem);

  const parts = ['<g data-role="legend">'];
  const caption = "Legend";
  parts.push(
    textBlock({
      lines: [caption],
      x: 0,
      top,
      fontSize: LEGEND_FONT,
      lineHeight: rowHeight,
      fill: theme.subtitle,
      weight: "bold",
    }),
  );
  const startX = textWidth(caption, LEGEND_FONT, "bold") + 18;
  let x = startX;
  let rowTop = top;
  const severityCaption = "Edge cases (highest open severity):";
  items.forEach((item, i) => {
    const isFirstSeverity = i === 6;
    const labelWidth = textWidth(item.label, LEGEND_FONT);
    const captionWidth = isFirstSeverity ? textWidth(severityCaption, LEGEND_FONT) + 10 : 0;
    const itemWidth = captionWidth + item.iconWidth + 6 + labelWidth + 20;
    if (x > startX && x + itemWidth > width) {
      x = startX;
      rowTop += rowHeight;
    }
    const cy = rowTop + rowHeight / 2;
    if (isFirstSeverity) {
      parts.push(
        textBlock({
          lines: [severityCaption],
          x,
          top: rowTop,
          fontSize: LEGEND_FONT,
          lineHeight: rowHeight,
          fill: theme.subtitle,
        }),
      );
      x += captionWidth;
    }
    parts.push(item.icon(x, cy));
    parts.push(
      textBlock({
        lines: [item.label],
        x: x + item.iconWidth + 6,
        top: rowTop,
        fontSize: LEGEND_FONT,
        lineHeight: rowHeight,
        fill: theme.tableText,
      }),
    );
    x += item.iconWidth + 6 + labelWidth + 20;
  });
  parts.push("</g>");
  return { svg: parts.join(""), height: rowTop + rowHeight - top };
}

interface Column {
  key: "number" | "handoff" | "title" | "severity" | "status" | "owner" | "mitigation";
  header: string;
  width: number;
}

function registerColumns(width: number): Column[] {
  const fixed = { number: 64, severity: 100, status: 100 };
  const flexible = Math.max(width - fixed.number - fixed.severity - fixed.status, 400);
  return [
    { key: "number", header: "#", width: fixed.number },
    { key: "handoff", header: "Handoff", width: Math.round(flexible * 0.24) },
    { key: "title", header: "Edge case", width: Math.round(flexible * 0.28) },
    { key: "severity", header: "Severity", width: fixed.severity },
    { key: "status", header: "Status", width: fixed.status },
    { key: "owner", header: "Owner", width: Math.round(flexible * 0.14) },
    {
      key: "mitigation",
      header: "Mitigation",
      width:
        flexible - Math.round(flexible * 0.24) - Math.round(flexible * 0.28) - Math.round(flexible * 0.14),
    },
  ];
}

/**
 * The edge-case register: a table whose rows are `<g data-edge-case-id>` with the full title
 * in a `<title>` child; every cell wraps, nothing is cut short.
 */
function drawRegister(ctx: Ctx, rows: readonly RegisterRow[], top: number, width: number): Drawn {
  const { theme } = ctx;
  const columns = registerColumns(width);
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const parts = ['<g data-role="register">'];
  const open = rows.filter((r) => r.edgeCase.status === "open").length;
  const heading = "Edge-case register";
  parts.push(
    textBlock({
      lines: [heading],
      x: 0,
      top,
      fontSize: 16,
      lineHeight: 24,
      fill: theme.title,
      weight: "bold",
    }),
  );
  const summary =
    rows.length === 0
      ? "No edge cases recorded"
      : `${rows.length} edge ${rows.length === 1 ? "case" : "cases"} · ${open} open`;
  parts.push(
    textBlock({
      lines: [summary],
      x: textWidth(heading, 16, "bold") + 14,
      top: top + 2,
      fontSize: 12,
      lineHeight: 24,
      fill: theme.subtitle,
    }),
  );
  let y = top + 34;

  const headerHeight = 28;
  parts.push(
    `<rect${attrs([
      ["x", 0],
      ["y", y],
      ["width", tableWidth],
      ["height", headerHeight],
      ["fill", theme.tableHeaderFill],
    ])}/>`,
  );
  let x = 0;
  for (const column of columns) {
    parts.push(
      textBlock({
        lines: [column.header],
        x: x + TABLE_PAD_X,
        top: y,
        fontSize: 11.5,
        lineHeight: headerHeight,
        fill: theme.tableHeaderText,
        weight: "bold",
      }),
    );
    x += column.width;
  }
  y += headerHeight;
  if (theme.name === "print") {
    parts.push(
      `<line${attrs([
        ["x1", 0],
        ["y1", y],
        ["x2", tableWidth],
        ["y2", y],
        ["stroke", "#000000"],
        ["stroke-width", 1.5],
      ])}/>`,
    );
  }

  if (rows.length === 0) {
    parts.push(
      textBlock({
        lines: ["No edge cases have been recorded on this map."],
        x: TABLE_PAD_X,
        top: y,
        fontSize: TABLE_FONT,
        lineHeight: 34,
        fill: theme.tableMuted,
      }),
    );
    y += 34;
  }

  rows.forEach((row, index) => {
    const cells = new Map<Column["key"], { lines: string[]; fill: string; weight: FontWeight }>();
    const ec = row.edgeCase;
    const wrap = (text: string, column: Column, weight: FontWeight = "normal") =>
      wrapText(text, column.width - 2 * TABLE_PAD_X, { fontSize: TABLE_FONT, weight }).lines;
    for (const column of columns) {
      switch (column.key) {
        case "number":
          cells.set(column.key, { lines: [row.label], fill: theme.tableText, weight: "bold" });
          break;
        case "handoff":
          cells.set(column.key, {
            lines: wrap(row.handoffName, column),
            fill: theme.tableText,
            weight: "normal",
          });
          break;
        case "title":
          cells.set(column.key, {
            lines: wrap(ec.title, column, "bold"),
            fill: theme.tableText,
            weight: "bold",
          });
          break;
        case "severity":
          cells.set(column.key, {
            lines: [capitalize(ec.severity)],
            fill: theme.tableText,
            weight: "normal",
          });
          break;
        case "status":
          cells.set(column.key, {
            lines: [capitalize(ec.status)],
            fill: ec.status === "open" ? theme.tableText : theme.tableMuted,
            weight: ec.status === "open" ? "bold" : "normal",
          });
          break;
        case "owner":
          cells.set(column.key, {
            lines: ec.owner.trim() === "" ? ["—"] : wrap(ec.owner, column),
            fill: ec.owner.trim() === "" ? theme.tableMuted : theme.tableText,
            weight: "normal",
          });
          break;
        case "mitigation":
          cells.set(column.key, {
            lines: ec.mitigation.trim() === "" ? ["—"] : wrap(ec.mitigation, column),
            fill: ec.mitigation.trim() === "" ? theme.tableMuted : theme.tableText,
            weight: "normal",
          });
          break;
        default:
          assertNever(column.key);
      }
    }
    const lineCount = Math.max(...Array.from(cells.values(), (c) => c.lines.length));
    const rowHeight = lineCount * TABLE_LINE + 2 * TABLE_PAD_Y;
    parts.push(
      `<g${attrs([
        ["data-edge-case-id", ec.id],
        ["data-edge-case-number", row.label],
        ["data-severity", ec.severity],
        ["data-status", ec.status],
      ])}>`,
      `<title>${escapeXmlText(ec.title)}</title>`,
      `<rect${attrs([
        ["x", 0],
        ["y", y],
        ["width", tableWidth],
        ["height", rowHeight],
        ["fill", index % 2 === 1 ? theme.tableStripe : theme.background],
      ])}/>`,
    );
    let cellX = 0;
    for (const column of columns) {
      const cell = cells.get(column.key);
      if (cell === undefined) continue;
      let textX = cellX + TABLE_PAD_X;
      if (column.key === "severity") {
        parts.push(
          `<circle${attrs([
            ["cx", textX + 5],
            ["cy", y + TABLE_PAD_Y + TABLE_LINE / 2],
            ["r", 5],
            ["fill", theme.severity[ec.severity]],
            ...(theme.name === "print" ? ([["stroke", "#000000"]] as const) : []),
          ])}/>`,
        );
        textX += 16;
      }
      parts.push(
        textBlock({
          lines: cell.lines,
          x: textX,
          top: y + TABLE_PAD_Y,
          fontSize: TABLE_FONT,
          lineHeight: TABLE_LINE,
          fill: cell.fill,
          weight: cell.weight,
          extra: [["data-column", column.key]],
        }),
      );
      cellX += column.width;
    }
    y += rowHeight;
    parts.push(
      `<line${attrs([
        ["x1", 0],
        ["y1", y],
        ["x2", tableWidth],
        ["y2", y],
        ["stroke", theme.tableRule],
        ["stroke-width", 1],
      ])}/>`,
      "</g>",
    );
  });
  parts.push("</g>");
  return { svg: parts.join(""), height: y - top };
}

function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
