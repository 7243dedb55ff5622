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
 * A step's file `position` is relative: x from laneHeaderWidth, y from the top of its lane band.
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
}

export interface PhaseColumn {
  id: string;
  /** Left of the column; the column spans the lane area's full height. */
  x: number;
  width: number;
}

export interface StepBox extends Rect {
  id: string;
  /** The label wrapped to the box, as drawn; the last line ends with "…" when truncated. */
  lines: string[];
  truncated: boolean;
}

export interface HandoffRoute {
  id: string;
  /**
   * Orthogonal polyline: the first point lies on the source box's border, the last on the
   * target box's border, consecutive points share an x or a y.
   */
  points: Point[];
  /** Where the label (and the edge-case flag) is anchored: a point on the route. */
  labelAnchor: Point;
}

export interface MapLayout {
  width: number;
  height: number;
  laneHeaderWidth: number;
  phaseHeaderHeight: number;
  lanes: LaneBand[];
  phases: PhaseColumn[];
  steps: StepBox[];
  handoffs: HandoffRoute[];
}

export type LayoutMode = "auto" | "keep";
