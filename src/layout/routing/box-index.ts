/** The step boxes, for cheap region queries: the obstacles of the router. */
import { SpatialGrid } from "../spatial-grid";
import type { Rect } from "../types";
import type { Region } from "./router-input";

const BOX_CELL = 256;

/** The step boxes in the layout's spatial grid, for cheap region queries. */
export class BoxIndex {
  private readonly grid = new SpatialGrid<number>(BOX_CELL);

  constructor(private readonly boxes: readonly Rect[]) {
    boxes.forEach((b, i) => {
      this.grid.add(b.x, b.y, b.x + b.width, b.y + b.height, i);
    });
  }

  /** Indexes of the boxes whose rectangle grown by `grow` meets the region. */
  query(region: Region, grow: number): number[] {
    const { boxes } = this;
    const found: number[] = [];
    this.grid.forEachIn(region.x1 - grow, region.y1 - grow, region.x2 + grow, region.y2 + grow, (index) => {
      const b = boxes[index];
      if (!b) return;
      if (b.x - grow > region.x2 || b.x + b.width + grow < region.x1) return;
      if (b.y - grow > region.y2 || b.y + b.height + grow < region.y1) return;
      found.push(index);
    });
    return found;
  }
}
