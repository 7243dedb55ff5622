/** The arrowhead markers of the two kinds of connector, in the document's `<defs>`. */
import type { DrawContext } from "./draw-context";
import { attrs } from "./svg-markup";

export function drawArrowMarkers(ctx: DrawContext): string {
  const { theme, prefix } = ctx;
  const marker = (id: string, color: string) =>
    `<marker${attrs([
      ["id", `${prefix}-${id}`],
      ["viewBox", "0 0 10 10"],
      ["refX", 10],
      ["refY", 5],
      ["markerWidth", 8],
      ["markerHeight", 8],
      ["markerUnits", "userSpaceOnUse"],
      ["orient", "auto"],
    ])}><path d="M0,1 L10,5 L0,9 Z"${attrs([["fill", color]])}/></marker>`;
  return `<defs>${marker("arrow-in-lane", theme.inLane)}${marker("arrow-cross-lane", theme.crossLane)}</defs>\n`;
}
