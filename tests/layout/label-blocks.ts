import { edgeCaseFlagText, measureHandoffLabel } from "../../src/layout/handoff-label";
import type { MapLayout, Rect } from "../../src/layout/types";
import type { HandoffMap } from "../../src/model/types";

/**
 * Each drawn handoff's label block centred on its route's label anchor, edge cases numbered
 * "EC-n" in map order as the register does. `flags`: the open flag form only ("⚑ …", what the
 * SVG and canvas draw while any is open), or the larger of the open and resolved forms (what the
 * layout reserves).
 */
export function labelBlocks(
  map: HandoffMap,
  layout: MapLayout,
  flags: "open" | "open or resolved" = "open",
): Map<string, Rect> {
  const routes = new Map(layout.handoffs.map((h) => [h.id, h]));
  const blocks = new Map<string, Rect>();
  const forms = flags === "open" ? [true] : [true, false];
  let number = 0;
  for (const h of map.handoffs) {
    const labels = h.edgeCases.map(() => `EC-${++number}`);
    const route = routes.get(h.id);
    if (!route || (h.label.trim() === "" && labels.length === 0)) continue;
    const sizes = forms.map((open) =>
      measureHandoffLabel(h.label, labels.length === 0 ? null : edgeCaseFlagText(labels, open)),
    );
    const width = Math.max(...sizes.map((s) => s.width));
    const height = Math.max(...sizes.map((s) => s.height));
    const { x, y } = route.labelAnchor;
    blocks.set(h.id, { x: x - width / 2, y: y - height / 2, width, height });
  }
  return blocks;
}
