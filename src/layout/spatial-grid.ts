/**
 * The one spatial index of the layout: items with an axis-parallel extent, bucketed in a uniform
 * grid of square cells, answering "which items lie in the cells this area meets". The router
 * (boxes, the segments of routes laid so far, label blocks) and the label placer use it.
 *
 * A query visits each item at most once, in no promised order: callers must not depend on the
 * order (sums of exact values, minima, booleans). It visits every item whose cells meet the
 * area's cells, so it may visit items a little outside the area: callers test exact overlap.
 *
 * An area of more cells than there are items (steps a million pixels apart) is answered item by
 * item with the same cell test, so a query never costs more than a scan.
 *
 * @example
 * const grid = new SpatialGrid<string>(256);
 * grid.add(0, 0, 100, 40, "box-1");
 * grid.forEachIn(90, 30, 300, 60, (id) => console.log(id)); // "box-1"
 */
export class SpatialGrid<T> {
  private readonly cells = new Map<number, number[]>();
  private readonly items: T[] = [];
  /** Per item: its cell range x0, y0, x1, y1. */
  private readonly ranges: number[] = [];
  private readonly seen: number[] = [];
  private stamp = 0;

  constructor(private readonly cellSize: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds `item` covering x1..x2, y1..y2 (x1 <= x2, y1 <= y2). */
  add(x1: number, y1: number, x2: number, y2: number, item: T): void {
    const id = this.items.length;
    const cx0 = Math.floor(x1 / this.cellSize);
    const cx1 = Math.floor(x2 / this.cellSize);
    const cy0 = Math.floor(y1 / this.cellSize);
    const cy1 = Math.floor(y2 / this.cellSize);
    this.items.push(item);
    this.ranges.push(cx0, cy0, cx1, cy1);
    this.seen.push(0);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const key = cy * 1_000_003 + cx;
        const list = this.cells.get(key);
        if (list) list.push(id);
        else this.cells.set(key, [id]);
      }
    }
  }

  /** Calls `visit` once for every item in the cells that x1..x2, y1..y2 meets. */
  forEachIn(x1: number, y1: number, x2: number, y2: number, visit: (item: T) => void): void {
    this.scan(x1, y1, x2, y2, (item) => {
      visit(item);
      return false;
    });
  }

  /** Does `test` hold for an item in the cells x1..x2, y1..y2 meets? Stops at the first that does. */
  some(x1: number, y1: number, x2: number, y2: number, test: (item: T) => boolean): boolean {
    return this.scan(x1, y1, x2, y2, test);
  }

  /** Visits items until `visit` returns true; says whether one did. */
  private scan(x1: number, y1: number, x2: number, y2: number, visit: (item: T) => boolean): boolean {
    const count = this.items.length;
    if (count === 0) return false;
    const stamp = ++this.stamp;
    const cx0 = Math.floor(x1 / this.cellSize);
    const cx1 = Math.floor(x2 / this.cellSize);
    const cy0 = Math.floor(y1 / this.cellSize);
    const cy1 = Math.floor(y2 / this.cellSize);
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > count) {
      const ranges = this.ranges;
      for (let id = 0; id < count; id++) {
        const r = 4 * id;
        if (
          (ranges[r + 2] ?? 0) >= cx0 &&
          (ranges[r] ?? 0) <= cx1 &&
          (ranges[r + 3] ?? 0) >= cy0 &&
          (ranges[r + 1] ?? 0) <= cy1 &&
          visit(this.items[id] as T)
        )
          return true;
      }
      return false;
    }
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const list = this.cells.get(cy * 1_000_003 + cx);
        if (list === undefined) continue;
        for (const id of list) {
          if (this.seen[id] === stamp) continue;
          this.seen[id] = stamp;
          if (visit(this.items[id] as T)) return true;
        }
      }
    }
    return false;
  }
}
