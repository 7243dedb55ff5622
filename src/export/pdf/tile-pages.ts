/**
 * Fitting a drawing to a page, or tiling it across several when fitting would make it too small
 * to read. Pure arithmetic: the PDF builder draws what this plans.
 *
 * Units: the drawing's in its own units (layout pixels), the page's in points. Tiles overlap by
 * `overlap` points on the page, so a printed set can be trimmed and taped together; the builder
 * marks the overlap on each page.
 */

export interface TileOptions {
  /** The smallest page points per drawing unit that still reads; below it the drawing is tiled. */
  minScale: number;
  /** Points each tile repeats of its neighbour. Default 24 (about 8 mm). */
  overlap?: number;
}

export interface Tile {
  row: number;
  column: number;
  /** The part of the drawing on this page, in drawing units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TilePlan {
  /** Page points per drawing unit. */
  scale: number;
  rows: number;
  columns: number;
  /** Row by row, left to right: the order pages are printed and taped. */
  tiles: Tile[];
  /** Drawing units each tile shares with the next one (0 when there is a single page). */
  overlap: number;
}

/**
 * @example
 * planTiles({ width: 3000, height: 900 }, { width: 1100, height: 780 }, { minScale: 0.55 })
 * // { scale: 0.55, rows: 1, columns: 3, ... }: fitted on one page it would be 0.37 points per px
 */
export function planTiles(
  drawing: { width: number; height: number },
  area: { width: number; height: number },
  options: TileOptions,
): TilePlan {
  const width = Math.max(drawing.width, 1);
  const height = Math.max(drawing.height, 1);
  const fit = Math.min(area.width / width, area.height / height);
  if (fit >= options.minScale)
    return {
      scale: fit,
      rows: 1,
      columns: 1,
      overlap: 0,
      tiles: [{ row: 0, column: 0, x: 0, y: 0, width, height }],
    };
  const scale = options.minScale;
  const overlap = Math.min(options.overlap ?? 24, area.width / 4, area.height / 4) / scale;
  const tileWidth = area.width / scale;
  const tileHeight = area.height / scale;
  const count = (total: number, size: number) =>
    total <= size ? 1 : Math.ceil((total - overlap) / (size - overlap));
  const columns = count(width, tileWidth);
  const rows = count(height, tileHeight);
  const tiles: Tile[] = [];
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const x = column * (tileWidth - overlap);
      const y = row * (tileHeight - overlap);
      tiles.push({
        row,
        column,
        x,
        y,
        width: Math.min(tileWidth, width - x),
        height: Math.min(tileHeight, height - y),
      });
    }
  return { scale, rows, columns, tiles, overlap };
}
