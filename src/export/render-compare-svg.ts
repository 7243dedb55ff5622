/**
 * The compare view as a standalone SVG: the diagram of a compare map (model/diff/compare-map.ts)
 * drawn by renderSvg, with the changes marked over it from the layout's geometry — added in
 * green, changed in amber, removed as faded, dashed red ghosts in their old places — and a legend
 * with the counts below. Built on renderSvg's output without changing it: one overlay group and
 * a taller viewBox. Pure and deterministic, like every exporter.
 */
import { pathPoints, pointCount } from "../layout/route-path";
import type { MapLayout } from "../layout/types";
import { type CompareMap, changeKey } from "../model/diff/compare-map";
import type { ChangeType } from "../model/diff/diff-maps";
import { type SvgThemeName, svgTheme } from "../theme/svg-theme";
import { renderSvg } from "./render-svg";
import { escapeXmlAttr, escapeXmlText } from "./svg-escape";

export interface CompareSvgOptions {
  theme?: SvgThemeName;
  /** "As-is → To-be" */
  heading: string;
  /** "+4 steps, −2 handoffs, 7 changed, 3 edge cases mitigated" */
  summary: string;
}

export interface CompareSvg {
  svg: string;
  /** The viewBox's top-left in layout units: a layout point p is at (p.x - x, p.y - y) in the image. */
  origin: { x: number; y: number };
}

export const COMPARE_COLORS: Record<SvgThemeName, Record<ChangeType, string>> = {
  light: { added: "#15803d", changed: "#b45309", removed: "#dc2626" },
  dark: { added: "#4ade80", changed: "#fbbf24", removed: "#f87171" },
  print: { added: "#15803d", changed: "#b45309", removed: "#dc2626" },
};

const LEGEND_HEIGHT = 56;
const OUTLINE = 3;

function n(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function rect(x: number, y: number, width: number, height: number, extra: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" ${extra}/>`;
}

/** The handoffs whose edge cases changed, so their route is marked even when the handoff itself did not. */
function touchedHandoffs(compare: CompareMap): Set<string> {
  const touched = new Set<string>();
  for (const handoff of compare.map.handoffs)
    for (const edgeCase of handoff.edgeCases)
      if (compare.changes.has(changeKey("edgeCase", edgeCase.id))) touched.add(handoff.id);
  return touched;
}

function overlay(compare: CompareMap, layout: MapLayout, themeName: SvgThemeName): string {
  const colors = COMPARE_COLORS[themeName];
  const background = svgTheme(themeName).background;
  const out: string[] = ['<g data-role="compare-overlay">'];
  const mark = (change: ChangeType, kind: string, id: string, body: string) =>
    out.push(`<g data-change="${change}" data-${kind}-change="${escapeXmlAttr(id)}">${body}</g>`);
  const ghost = (x: number, y: number, w: number, h: number, rx: number) =>
    rect(x, y, w, h, `rx="${rx}" fill="${background}" fill-opacity="0.55"`) +
    rect(
      x - OUTLINE,
      y - OUTLINE,
      w + 2 * OUTLINE,
      h + 2 * OUTLINE,
      `rx="${rx + OUTLINE}" fill="none" stroke="${colors.removed}" stroke-width="2" stroke-dasharray="6 4"`,
    );
  const outline = (change: ChangeType, x: number, y: number, w: number, h: number, rx: number) =>
    change === "removed"
      ? ghost(x, y, w, h, rx)
      : rect(
          x - OUTLINE,
          y - OUTLINE,
          w + 2 * OUTLINE,
          h + 2 * OUTLINE,
          `rx="${rx + OUTLINE}" fill="none" stroke="${colors[change]}" stroke-width="3"`,
        );

  for (const band of layout.lanes) {
    const change = compare.changes.get(changeKey("lane", band.id));
    if (change === undefined) continue;
    const bar = rect(0, band.y, 6, band.height, `fill="${colors[change]}"`);
    mark(
      change,
      "lane",
      band.id,
      change === "removed" ? ghost(0, band.y, layout.width, band.height, 0) + bar : bar,
    );
  }
  for (const column of layout.phases) {
    const change = compare.changes.get(changeKey("phase", column.id));
    if (change === undefined) continue;
    const bar = rect(column.x, layout.phaseHeaderHeight - 5, column.width, 5, `fill="${colors[change]}"`);
    mark(
      change,
      "phase",
      column.id,
      change === "removed" ? ghost(column.x, 0, column.width, layout.phaseHeaderHeight, 0) + bar : bar,
    );
  }
  const edgeCaseTouched = touchedHandoffs(compare);
  for (const route of layout.handoffs) {
    const change =
      compare.changes.get(changeKey("handoff", route.id)) ??
      (edgeCaseTouched.has(route.id) ? "changed" : undefined);
    if (change === undefined || pointCount(route.path) < 2) continue;
    const d = pathPoints(route.path)
      .map((p, i) => `${i === 0 ? "M" : "L"}${n(p.x)},${n(p.y)}`)
      .join(" ");
    const stroke =
      change === "removed"
        ? `stroke="${colors.removed}" stroke-width="2.5" stroke-dasharray="6 4"`
        : `stroke="${colors[change]}" stroke-width="3.5" stroke-opacity="0.85"`;
    mark(change, "handoff", route.id, `<path d="${d}" fill="none" ${stroke} stroke-linejoin="round"/>`);
  }
  for (const box of layout.steps) {
    const change = compare.changes.get(changeKey("step", box.id));
    if (change === undefined) continue;
    mark(change, "step", box.id, outline(change, box.x, box.y, box.width, box.height, 8));
  }
  out.push("</g>");
  return out.join("\n");
}

function legend(
  top: number,
  left: number,
  width: number,
  themeName: SvgThemeName,
  options: CompareSvgOptions,
): string {
  const theme = svgTheme(themeName);
  const colors = COMPARE_COLORS[themeName];
  const out = [
    '<g data-role="compare-legend">',
    rect(left, top, width, LEGEND_HEIGHT, `fill="${theme.background}"`),
    `<text x="${n(left + 32)}" y="${n(top + 22)}" font-size="13" font-weight="bold" fill="${theme.title}">${escapeXmlText(
      `${options.heading}: ${options.summary}`,
    )}</text>`,
  ];
  const keys: [ChangeType, string][] = [
    ["added", "Added"],
    ["changed", "Changed"],
    ["removed", "Removed (where it was)"],
  ];
  let x = left + 32;
  for (const [change, label] of keys) {
    const dash = change === "removed" ? ' stroke-dasharray="4 3"' : "";
    out.push(
      rect(x, top + 34, 22, 12, `rx="3" fill="none" stroke="${colors[change]}" stroke-width="2.5"${dash}`),
      `<text x="${n(x + 30)}" y="${n(top + 44)}" font-size="11.5" fill="${theme.subtitle}">${label}</text>`,
    );
    x += 30 + label.length * 7 + 28;
  }
  out.push("</g>");
  return out.join("\n");
}

/**
 * @example
 * const compare = compareMap(asIs, toBe, diffMaps(asIs, toBe));
 * const { svg } = renderCompareSvg(compare, await layout(compare.map), { heading: "As-is → To-be", summary });
 */
export function renderCompareSvg(
  compare: CompareMap,
  layout: MapLayout,
  options: CompareSvgOptions,
): CompareSvg {
  const themeName = options.theme ?? "light";
  const base = renderSvg(compare.map, layout, {
    theme: themeName,
    register: false,
    legend: false,
    idPrefix: "compare",
  });
  const root = /<svg\b[^>]*>/.exec(base)?.[0] ?? "";
  const box = /\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(root);
  const [x, y, width, height] = (box?.slice(1) ?? ["0", "0", "0", "0"]).map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const taller = root
    .replace(/\sheight="[\d.]+"/, ` height="${n(height + LEGEND_HEIGHT)}"`)
    .replace(/\sviewBox="[^"]*"/, ` viewBox="${n(x)} ${n(y)} ${n(width)} ${n(height + LEGEND_HEIGHT)}"`)
    .replace(/\sdata-theme="/, ' data-view="compare" data-theme="');
  const body = base.replace(root, taller).replace(/<\/svg>\s*$/, "");
  return {
    svg: `${body}${overlay(compare, layout, themeName)}\n${legend(y + height, x, width, themeName, options)}\n</svg>\n`,
    origin: { x, y },
  };
}
