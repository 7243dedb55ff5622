/**
 * Where the canvas draws each handoff's label block (its label pill and edge-case flag): with the
 * SVG export's placer (src/export/label-placement.ts), so a label sits clear of the step boxes
 * and of other labels when a free spot exists, the same way in the editor and in the export.
 * React Flow draws edges under nodes: a label placed on a box would be hidden by it.
 *
 * Sizes here are the canvas's own (one line, shortened), not the export's wrapped labels.
 */
import { createLabelPlacer } from "../../export/label-placement";
import { textWidth } from "../../layout/text-metrics";
import type { HandoffRoute, MapLayout, Point } from "../../layout/types";
import type { Handoff } from "../../model/types";

export const EDGE_LABEL_FONT = 11;
export const EDGE_FLAG_FONT = 11;
const LABEL_MAX_CHARS = 40;
const FLAG_GAP = 3;

/** A handoff's label on one line, cut with an ellipsis when long (the full text is its title). */
export function shortLabel(label: string): string {
  const flat = label.replace(/\s+/g, " ").trim();
  return flat.length > LABEL_MAX_CHARS ? `${flat.slice(0, LABEL_MAX_CHARS - 1)}…` : flat;
}

export interface EdgeLabelBlock {
  label: string;
  labelWidth: number;
  labelHeight: number;
  flagText: string;
  flagWidth: number;
  flagHeight: number;
  /** The whole block: the label above the flag, centered on one another. */
  width: number;
  height: number;
  /** From the block's top to the flag's top. */
  flagTop: number;
}

export function edgeLabelBlock(handoff: Handoff): EdgeLabelBlock {
  const label = shortLabel(handoff.label);
  const labelWidth = label === "" ? 0 : textWidth(label, EDGE_LABEL_FONT) + 12;
  const labelHeight = label === "" ? 0 : EDGE_LABEL_FONT + 7;
  const count = handoff.edgeCases.length;
  const flagText = `⚑ ${count}`;
  const flagWidth = count === 0 ? 0 : textWidth(flagText, EDGE_FLAG_FONT, "bold") + 14;
  const flagHeight = count === 0 ? 0 : EDGE_FLAG_FONT + 8;
  const flagTop = label === "" ? 0 : labelHeight + FLAG_GAP;
  return {
    label,
    labelWidth,
    labelHeight,
    flagText,
    flagWidth,
    flagHeight,
    width: Math.max(labelWidth, flagWidth),
    height: count === 0 ? labelHeight : flagTop + flagHeight,
    flagTop,
  };
}

/**
 * The top-left corner of every routed handoff's label block, placed in map order around the
 * step boxes (as the SVG export does). Handoffs with neither label nor edge cases, or no route,
 * get no entry.
 */
export function placeEdgeLabels(
  handoffs: readonly Handoff[],
  layout: MapLayout,
  routes: ReadonlyMap<string, HandoffRoute>,
): Map<string, Point> {
  const placer = createLabelPlacer(layout.steps, {
    x: layout.laneHeaderWidth,
    y: layout.phaseHeaderHeight,
    width: layout.width - layout.laneHeaderWidth,
    height: layout.height - layout.phaseHeaderHeight,
  });
  const placed = new Map<string, Point>();
  for (const handoff of handoffs) {
    const route = routes.get(handoff.id);
    if (route === undefined || route.points.length < 2) continue;
    const block = edgeLabelBlock(handoff);
    if (block.width === 0) continue;
    placed.set(handoff.id, placer.place(route, { width: block.width, height: block.height }));
  }
  return placed;
}
