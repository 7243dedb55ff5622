/**
 * The size of a handoff's label block: the label (wrapped) on a halo, with the edge-case flag
 * under it, the two centred on one another. The layout reserves this block around each route's
 * `labelAnchor` (the block is centred on it), and the SVG export draws it with the same numbers,
 * so the anchor the layout picks is a spot where the export's block fits clear of every box.
 *
 * The canvas draws a one-line, shortened label (see `singleLineLabelSize`); the layout reserves
 * the larger of the two blocks so both surfaces fit at the anchor.
 */
import { textWidth, wrapText } from "./text-metrics";

export const HANDOFF_LABEL_FONT = 11;
/** Labels wrap to this width. */
export const HANDOFF_LABEL_WIDTH = 150;
export const HANDOFF_LABEL_LINE_HEIGHT = Math.round(HANDOFF_LABEL_FONT * 1.3);
export const FLAG_FONT = 10.5;
export const FLAG_HEIGHT = 18;
/** Between the label's halo and the flag. */
export const FLAG_GAP = 3;

export interface HandoffLabelSize {
  /** The wrapped label; empty when the handoff has no label. */
  lines: string[];
  lineHeight: number;
  labelWidth: number;
  labelHeight: number;
  flagWidth: number;
  /** The whole block (label above flag). */
  width: number;
  height: number;
}

/**
 * The label block of a handoff as the SVG export draws it: `label` wrapped to
 * HANDOFF_LABEL_WIDTH at HANDOFF_LABEL_FONT, plus the flag (`flagText`, bold) when there is one.
 *
 * @example measureHandoffLabel("routed lead", "⚑ EC-3") // { lines: ["routed lead"], width: ..., height: 39, ... }
 */
export function measureHandoffLabel(label: string, flagText: string | null): HandoffLabelSize {
  const lines =
    label.trim() === "" ? [] : wrapText(label, HANDOFF_LABEL_WIDTH, { fontSize: HANDOFF_LABEL_FONT }).lines;
  const lineHeight = HANDOFF_LABEL_LINE_HEIGHT;
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, textWidth(line, HANDOFF_LABEL_FONT));
  const labelWidth = lines.length === 0 ? 0 : widest + 10;
  const labelHeight = lines.length === 0 ? 0 : lines.length * lineHeight + 4;
  const flagWidth = flagText === null ? 0 : textWidth(flagText, FLAG_FONT, "bold") + 14;
  const height = labelHeight + (flagText === null ? 0 : (lines.length === 0 ? 0 : FLAG_GAP) + FLAG_HEIGHT);
  return {
    lines,
    lineHeight,
    labelWidth,
    labelHeight,
    flagWidth,
    width: Math.max(labelWidth, flagWidth),
    height,
  };
}

/**
 * The flag's text: "⚑ EC-1 EC-2" while any edge case is open, "✓ ..." when none is; more than
 * three numbers show as the first two and "+n".
 */
export function edgeCaseFlagText(labels: readonly string[], anyOpen: boolean): string {
  const shown =
    labels.length <= 3 ? labels.join(" ") : `${labels.slice(0, 2).join(" ")} +${labels.length - 2}`;
  return `${anyOpen ? "⚑" : "✓"} ${shown}`;
}

const CANVAS_LABEL_MAX_CHARS = 40;
const CANVAS_FONT = 11;

/**
 * The canvas's block: the label on one line, cut to 40 characters, and a "⚑ n" flag below it
 * (the sizes src/ui/canvas/edge-labels.ts uses at the time of writing).
 */
export function singleLineLabelSize(label: string, edgeCaseCount: number): { width: number; height: number } {
  const flat = label.replace(/\s+/g, " ").trim();
  const shown = flat.length > CANVAS_LABEL_MAX_CHARS ? `${flat.slice(0, CANVAS_LABEL_MAX_CHARS - 1)}…` : flat;
  const labelWidth = shown === "" ? 0 : textWidth(shown, CANVAS_FONT) + 12;
  const labelHeight = shown === "" ? 0 : CANVAS_FONT + 7;
  const flagWidth = edgeCaseCount === 0 ? 0 : textWidth(`⚑ ${edgeCaseCount}`, CANVAS_FONT, "bold") + 14;
  const flagHeight = edgeCaseCount === 0 ? 0 : CANVAS_FONT + 8;
  const height = edgeCaseCount === 0 ? labelHeight : (shown === "" ? 0 : labelHeight + FLAG_GAP) + flagHeight;
  return { width: Math.max(labelWidth, flagWidth), height };
}
