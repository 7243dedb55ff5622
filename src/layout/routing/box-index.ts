/** The step boxes, sorted by left edge, for cheap region queries. */
import type { Rect } from "../types";
import type { Region } from "./router-input";

/** Boxes sorted by left edge, for cheap region queries. */
export class BoxIndex {
  private readonly order: number[];
  private readonly maxWidth: number;

  constructor(private readonly boxes: readonly Rect[]) {
    this.order = boxes.map((_, i) => i).sort((a, b) => (boxes[a]?.x ?? 0) - (boxes[b]?.x ?? 0) || a - b);
    this.maxWidth = boxes.reduce((w, b) => Math.max(w, b.width), 0);
  }

  /** Indexes of the boxes whose rectangle grown by `grow` meets the region. */
  query(region: Region, grow: number): number[] {
    const { order, boxes } = this;
    const minLeft = region.x1 - grow - this.maxWidth;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((boxes[order[mid] ?? 0]?.x ?? 0) < minLeft) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo; k < order.length; k++) {
      const index = order[k] ?? 0;
      const b = boxes[index];
      if (!b) continue;
      if (b.x - grow > region.x2) break;
      if (b.x + b.width + grow < region.x1) continue;
      if (b.y - grow > region.y2 || b.y + b.height + grow < region.y1) continue;
      found.push(index);
    }
    return found;
  }
}
