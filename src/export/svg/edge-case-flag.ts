/** The pill on a handoff that lists its edge-case numbers. */
import { FLAG_FONT, FLAG_HEIGHT } from "../../layout/handoff-label";
import { handoffFlagText } from "../../layout/label-placement";
import { textWidth } from "../../layout/text-metrics";
import { edgeCaseLabel, highestOpenSeverity } from "../../model/register-rows";
import type { EdgeCase, Severity } from "../../model/types";
import { escapeXmlText } from "../svg-escape";
import { textOn } from "../svg-theme";
import type { DrawContext } from "./draw-context";
import { attrs, textBlock } from "./svg-markup";

export interface Flag {
  edgeCases: readonly EdgeCase[];
  labels: string[];
  severity: Severity | null;
  text: string;
  width: number;
}

export function flagOf(ctx: DrawContext, edgeCases: readonly EdgeCase[]): Flag {
  const labels = edgeCases.map((ec) => edgeCaseLabel(ctx.numbers.get(ec.id) ?? 0));
  const severity = highestOpenSeverity(edgeCases);
  const text = handoffFlagText(edgeCases, ctx.numbers) ?? "";
  return { edgeCases, labels, severity, text, width: textWidth(text, FLAG_FONT, "bold") + 14 };
}

/** The pill on a handoff listing its edge-case numbers, colored by the highest open severity. */
export function drawFlag(ctx: DrawContext, flag: Flag, cx: number, top: number): string {
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
