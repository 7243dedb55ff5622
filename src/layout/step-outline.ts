/**
 * The outline of a decision step, shared by the SVG export and the canvas so both draw the same
 * shape around the same text. Pure geometry: no DOM, no theme.
 */
import { textWidth } from "./text-metrics";
import type { Point, StepBox } from "./types";

/**
 * A decision's outline: a diamond stretched sideways (pointed ends, flat top and bottom), the
 * lozenge many swimlane tools use. A true diamond holds barely half the text of its box, and the
 * layout sizes every kind's box for its label alone, so a diamond's label would spill over its
 * edges. The points are as long as the box is half-high (45-degree sides), shortened only as far
 * as the label's widest line needs; every decision looks alike. Inset by 1 so the 1.5 stroke
 * stays inside the box.
 *
 * @example
 * // In the box's own coordinates (the canvas draws each step in a box at 0,0):
 * decisionOutline({ ...box, x: 0, y: 0 }, 13, 17).map((p) => `${p.x},${p.y}`).join(" ")
 */
export function decisionOutline(
  box: Pick<StepBox, "x" | "y" | "width" | "height" | "textArea"> & { lines: readonly string[] },
  fontSize: number,
  lineHeight: number,
): Point[] {
  const x0 = box.x + 1;
  const x1 = box.x + box.width - 1;
  const y0 = box.y + 1;
  const y1 = box.y + box.height - 1;
  const cy = (y0 + y1) / 2;
  const halfHeight = (y1 - y0) / 2;
  // The layout's text area (label and chips) when it has one: it sized the box so that this
  // block fits the 45-degree outline.
  const widest = box.textArea?.width ?? Math.max(0, ...box.lines.map((line) => textWidth(line, fontSize)));
  // Vertical distance from the middle to the outer edge of the top and bottom text lines.
  const reach = Math.min(halfHeight, (box.textArea?.height ?? box.lines.length * lineHeight) / 2);
  // With points k long, the outline at `reach` from the middle is inset k * reach / halfHeight.
  const room = x1 - x0 - widest - 8;
  const fit = reach > 0 ? (room * halfHeight) / (2 * reach) : halfHeight;
  const k = Math.min((x1 - x0) / 2, Math.max(8, Math.min(halfHeight, fit)));
  return [
    { x: x0 + k, y: y0 },
    { x: x1 - k, y: y0 },
    { x: x1, y: cy },
    { x: x1 - k, y: y1 },
    { x: x0 + k, y: y1 },
    { x: x0, y: cy },
  ];
}
