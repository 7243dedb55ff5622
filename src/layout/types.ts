/**
 * The result of laying out a map: one shape used by the canvas, the SVG export and the CLI.
 *
 * Coordinates are absolute layout pixels with the origin at the top-left corner of the diagram
 * (the corner above the lane headers and left of the phase headers):
 *
 *   x: 0 .. laneHeaderWidth            the lane header column
 *   x: laneHeaderWidth .. width        the lane area, split into phase columns
 *   y: 0 .. phaseHeaderHeight          the phase header row
 *   y: phaseHeaderHeight .. height     the lane bands, stacked top to bottom with no gaps
 *
 * A step's file `position` is relative: x from laneHeaderWidth, y from the top of its lane band,
 * both after keep mode's shift into the frame (MapLayout.shiftX, LaneBand.shiftY; geometry.ts
 * converts): absolute x = laneHeaderWidth + shiftX + position.x, y = band.y + shiftY + position.y.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaneBand {
  id: string;
  /** Top of the band; the band spans the full width, x from 0 to MapLayout.width. */
  y: number;
  height: number;
  /**
   * How far keep mode moved this lane's steps down so that its topmost step starts inside the band
   * (a file position with a negative y). Absent when 0.
   */
  shiftY?: number;
}

export interface PhaseColumn {
  id: string;
  /** Left of the column; the column spans the lane area's full height. */
  x: number;
  width: number;
}

/**
 * One chip of a step's systems row, placed by the layout. x and y are relative to the step box's
 * top-left corner (add StepBox.x / .y to draw), so every surface draws the same chips.
 */
export interface SystemChip extends Rect {
  /** What the chip shows: the system's name (ending with "…" when wider than the box allows) or "+n". */
  text: string;
  /** Index into the step's `systems`; null for the "+n" overflow chip. */
  system: number | null;
}

/** A step's systems as wrapped chips inside its box (see StepBox.systems). */
export interface StepSystems {
  /** The chips in reading order, the "+n" chip (if any) last. Never empty. */
  chips: SystemChip[];
  /** How many systems are not shown; when above 0 the last chip reads `+${overflow}`. */
  overflow: number;
  /** Chip text size, px; the text is centred in its chip, horizontally and vertically. */
  fontSize: number;
}

export interface StepBox extends Rect {
  id: string;
  /** The label wrapped to the box, as drawn; the last line ends with "…" when truncated. */
  lines: string[];
  truncated: boolean;
  /**
   * Where the label and the systems chips go, relative to the box's top-left corner: the label's
   * first line box starts at `textArea.y` (lines centred on the box's vertical middle line, one
   * metrics.stepLineHeight apart), the chips sit below it. Everything drawn inside the step lies
   * in this rectangle, and the rectangle lies inside the step's drawn shape (for a decision: the
   * sideways-stretched diamond with 45-degree points, as render-svg.ts draws it; for start/end:
   * the pill). Absent on layouts made before it existed: then centre the label in the box.
   */
  textArea?: Rect;
  /**
   * The step's systems as chips, laid out by the layout (wrapped over at most
   * metrics.systemsMaxRows rows, a "+n" chip for what does not fit), each with its own text and
   * its place relative to the box. Absent when the step has no (non-blank) systems.
   * The SVG export draws exactly these; the canvas's StepNode should too rather than measure
   * again (`<span>` per chip at `left: chip.x, top: chip.y`, `width: chip.width`,
   * `height: chip.height`, font size `systems.fontSize`).
   *
   * @example
   * // "Renewal forecasting" with ["Customer success platform", "CRM", "Product analytics"]
   * box.systems?.chips.map((c) => c.text) // ["Customer success platform", "CRM", "Product analytics"]
   */
  systems?: StepSystems;
}

export interface HandoffRoute {
  id: string;
  /**
   * Orthogonal polyline, flat: x0, y0, x1, y1, ... in whole pixels (route-path.ts says why, and
   * has pathPoints for code that wants objects). The first point lies on the source box's
   * border, the last on the target box's border, consecutive points share an x or a y.
   */
  path: number[];
  /** Where the label (and the edge-case flag) is anchored: a point on the route. */
  labelAnchor: Point;
  /**
   * Where the label block (the label on its halo, the edge-case flag below it) is drawn: its
   * top-left corner and the size it was placed with (label-placement.ts), clear of the boxes, the
   * other labels and, where room allows, the other routes. The SVG export and the canvas draw the
   * block here. Absent when the handoff has neither label nor edge cases, and on layouts made
   * before it existed: then centre the block on `labelAnchor`.
   */
  labelBlock?: Rect;
}

export interface MapLayout {
  width: number;
  height: number;
  /**
   * How far keep mode moved every step right so that the leftmost one starts inside the lane area
   * (a file position with a negative x). Absent when 0; see layout-map.ts shiftIntoFrame.
   */
  shiftX?: number;
  laneHeaderWidth: number;
  phaseHeaderHeight: number;
  lanes: LaneBand[];
  phases: PhaseColumn[];
  steps: StepBox[];
  handoffs: HandoffRoute[];
  /**
   * Set on a quick layout made without routing (firstPaintLayout): boxes and bands are final,
   * `handoffs` is empty and the routes are still to come. Draw the steps; hold the handoffs back.
   */
  unrouted?: true;
}

export type LayoutMode = "auto" | "keep";
