/** One step: its shape by kind, its label lines and its systems. */
import { wrapText } from "../../layout/text-metrics";
import type { StepBox, StepSystems } from "../../layout/types";
import { assertNever } from "../../model/assert-never";
import type { Step } from "../../model/types";
import { decisionOutline } from "../step-outline";
import { escapeXmlText } from "../svg-escape";
import type { DrawContext } from "./draw-context";
import { attrs, n, textBlock } from "./svg-markup";

const SYSTEMS_FONT = 9.5;

/**
 * A step: `<g data-step-id>` with its `<title>` (the full label) first, then a rect that is
 * exactly the layout box (the visible shape for task/start/end, transparent under a decision's
 * diamond), the label lines from the layout, and the systems in small text if they fit.
 */
export function drawStep(ctx: DrawContext, step: Step, box: StepBox): string {
  const { theme } = ctx;
  const style = theme.kinds[step.kind];
  const parts = [
    `<g${attrs([
      ["data-step-id", step.id],
      ["data-kind", step.kind],
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
      fill: style.text,
      anchor: "middle",
      extra: [["data-role", "step-label"]],
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
function drawSystemChips(ctx: DrawContext, box: StepBox, systems: StepSystems): string {
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
