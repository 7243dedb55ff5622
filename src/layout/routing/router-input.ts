/** What the router is asked: the boxes to route around, and one request per handoff. */
import type { Rect } from "../types";

export interface RouteRequest {
  id: string;
  /** Indexes into RouterInput.boxes. */
  source: number;
  target: number;
  /** The label block to find room for at the label anchor (centred on it); none: any point. */
  label?: { width: number; height: number };
}

export interface RouterInput {
  /** Every step box: the obstacles. */
  boxes: readonly Rect[];
  /** The area routes may use (the lane area). */
  bounds: Rect;
  /** y of lines known to cross no box (lane boundaries), ascending. */
  freeYs: readonly number[];
  margin: number;
  /** How far beyond the two boxes the first search region reaches left and right. */
  reachX: number;
  /** Per box: routes must meet it at side middles (decision diamonds' corners). */
  pinned?: readonly boolean[];
}

/** A search window in layout pixels. */
export interface Region {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Tolerance for comparing coordinates that went through arithmetic. */
export const EPS = 1e-6;
