/**
 * The canvas draws each handoff's label block as the SVG export does: the label wrapped on a halo
 * and the edge-case flag with its numbers ("⚑ EC-3 EC-4") below it, sized by the layout's
 * measureHandoffLabel (one source for the layout's room, the export and the canvas), at the spot
 * the layout placed it (HandoffRoute.labelBlock, src/layout/label-placement.ts), so a label sits
 * in the same spot on screen and in the file: clear of the step boxes, other labels and other
 * routes when a free spot exists. React Flow draws edges under nodes: a label placed on a box
 * would be hidden by it.
 */
import { measureHandoffLabel } from "../../layout/handoff-label";
import { handoffFlagText } from "../../layout/label-placement";
import { pointCount } from "../../layout/route-path";
import type { MapLayout, Point } from "../../layout/types";
import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import type { Handoff, HandoffMap } from "../../model/types";
import { orderedLookup } from "./ordered-lookup";

/**
 * Every handoff's flag text with its edge cases' stable numbers, as in the register ("EC-n");
 * handoffs without edge cases get no entry.
 */
export function flagTexts(map: HandoffMap): Map<string, string> {
  const texts = new Map<string, string>();
  const numbers = edgeCaseNumbers(map);
  for (const handoff of map.handoffs) {
    const text = handoffFlagText(handoff.edgeCases, numbers);
    if (text !== null) texts.set(handoff.id, text);
  }
  return texts;
}

/**
 * The top-left corner of every routed handoff's label block, where the layout placed it (or, for
 * a label the layout has not seen yet, centred on the route's label anchor until the next layout
 * places it). Handoffs with neither label nor edge cases, or no route, get no entry.
 */
export function placeEdgeLabels(
  handoffs: readonly Handoff[],
  layout: MapLayout,
  flags: ReadonlyMap<string, string>,
): Map<string, Point> {
  const routes = orderedLookup(layout.handoffs);
  const placed = new Map<string, Point>();
  for (const handoff of handoffs) {
    const route = routes.get(handoff.id);
    if (route === undefined || pointCount(route.path) < 2) continue;
    const size = measureHandoffLabel(handoff.label, flags.get(handoff.id) ?? null);
    if (size.width === 0) continue;
    placed.set(
      handoff.id,
      route.labelBlock === undefined
        ? { x: route.labelAnchor.x - size.width / 2, y: route.labelAnchor.y - size.height / 2 }
        : { x: route.labelBlock.x, y: route.labelBlock.y },
    );
  }
  return placed;
}
