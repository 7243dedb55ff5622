/**
 * The size of a handoff's label block: the label (wrapped) on a halo, with the edge-case flag
 * under it, the two centred on one another. The layout reserves this block around each route's
 * `labelAnchor` (the block is centred on it), and the SVG export draws it with the same numbers,
 * so the anchor the layout picks is a spot where the export's block fits clear of every box.
 * The canvas draws the same block (src/ui/canvas/HandoffEdge.tsx).
 *
 * Every size is a whole, even number of pixels, so a block centred on a whole-pixel anchor has
 * whole-pixel corners too.
 */
import { textWidth, wrapText } from "./text-metrics";

export const HANDOFF_LABEL_FONT = 11;
/** Labels wrap to this width. */
export const HANDOFF_LABEL_WIDTH = 150;
export const HANDOFF_LABEL_LINE_HEIGHT = Math.round(HANDOFF_LABEL_FONT * 1.3);
export const FLAG_FONT = 10.5;
export const FLAG_HEIGHT = 18;
/**
 * Room a label block keeps from the step boxes and from other label blocks, px: the router picks
 * each route's label anchor with it, and the layout's last stage (label-placement.ts) places the
 * block the SVG export and the canvas draw with the same room, so a block usually stays at the
 * anchor the router reserved.
 */
export const LABEL_CLEARANCE = 5;

/** Between the label's halo and the flag. */
export const FLAG_GAP = 4;

/** The smallest even whole number of pixels at least `n`. */
const even = (n: number) => 2 * Math.ceil(n / 2);

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
  const labelWidth = lines.length === 0 ? 0 : even(widest + 10);
  const labelHeight = lines.length === 0 ? 0 : lines.length * lineHeight + 4;
  const flagWidth = flagText === null ? 0 : even(textWidth(flagText, FLAG_FONT, "bold") + 14);
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
