import { renderCompareSvg } from "../../export/render-compare-svg";
import { createLayoutClient } from "../../layout/layout-client";
import type { MapLayout } from "../../layout/types";
import type { HandoffMap } from "../../model/types";
import { downloadBlob, downloadText } from "../files/download";
import { svgToPng } from "../files/png";
import type { CompareData } from "./compare-data";

/**
 * Lays out a map in a layout worker of its own, then stops it. The compare view and its exports
 * lay out a map the editor does not show (the newer map with the older one's ghosts).
 */
export async function layoutOnce(map: HandoffMap): Promise<MapLayout> {
  const client = createLayoutClient();
  try {
    const result = await client.run(map, { mode: "keep" });
    if (!result.ok) throw new Error(result.error);
    return result.layout;
  } finally {
    client.dispose();
  }
}

/** The compare picture for the deck: light theme, with its legend. */
export async function downloadComparePicture(
  data: CompareData,
  format: "svg" | "png",
  name: string,
): Promise<void> {
  const layout = await layoutOnce(data.compare.map);
  const { svg } = renderCompareSvg(data.compare, layout, { heading: data.heading, summary: data.summary });
  if (format === "svg") downloadText(svg, name, "image/svg+xml;charset=utf-8");
  else downloadBlob(await svgToPng(svg), name);
}
