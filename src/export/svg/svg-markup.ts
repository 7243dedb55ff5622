/**
 * The few SVG building blocks every part of the export writes with: coordinates rounded the same
 * way everywhere, attributes escaped once, multi-line text as absolutely placed tspans.
 */
import type { FontWeight } from "../../layout/text-metrics";
import { escapeXmlAttr, escapeXmlText } from "../svg-escape";

/** Number formatting for coordinates: at most 2 decimals, no "-0", never NaN. */
export function n(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

export function attrs(pairs: ReadonlyArray<readonly [string, string | number]>): string {
  let out = "";
  for (const [name, value] of pairs)
    out += ` ${name}="${typeof value === "number" ? n(value) : escapeXmlAttr(value)}"`;
  return out;
}

export interface TextBlockSpec {
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
export function textBlock(spec: TextBlockSpec): string {
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
