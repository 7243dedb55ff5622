/**
 * Leaves out of a renderSvg document the lanes, phases, steps and handoffs that lie wholly outside
 * a rectangle, so a tiled PDF page draws (and stores) its own part of a big diagram, not the whole
 * of it once per page.
 *
 * The SVG is indexed once (`indexSvg`: one pass over the text, every group's bounds from the
 * layout) and each tile is then cut from the index (`cullIndexed`), in time proportional to the
 * number of groups, not to the length of the SVG: cutting every tile from the whole text made a
 * 4,000-step A3 PDF quadratic in the map's size (docs/performance-export.md).
 *
 * Works on renderSvg's text, whose lane, phase, step and handoff groups each start a line
 * (`\n<g data-lane-id="…"`, …) and hold only escaped text: a group ends at its balanced `</g>`.
 * Everything else (the head, the arrowhead markers, the title block, the legend, the group
 * wrappers) is kept on every tile.
 */
import { pathPoints } from "../../layout/route-path";
import type { HandoffRoute, MapLayout, Point, Rect } from "../../layout/types";

/**
 * Room kept around a route's label anchor for its label and flag, on a layout that did not place
 * the label block (the label placer may move it off the route).
 */
const LABEL_ROOM = 160;
/** Room kept around a route segment and a placed label block: stroke, arrowhead, halo. */
const EDGE_ROOM = 16;

/**
 * A piece of the SVG text: kept on every tile (`bounds` null) or where any of its rectangles
 * meets the tile.
 */
interface Piece {
  text: string;
  bounds: readonly Rect[] | null;
}

/** A renderSvg document cut into pieces once, to be culled for many tiles. */
export interface IndexedSvg {
  readonly pieces: readonly Piece[];
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Index just past the `</g>` closing the group that opens at `start`. */
function groupEnd(svg: string, start: number): number {
  let depth = 0;
  const tag = /<g[\s>]|<\/g>/g;
  tag.lastIndex = start;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    depth += match[0] === "</g>" ? -1 : 1;
    if (depth === 0) return match.index + 4;
  }
  return svg.length;
}

/** Ids are XML-escaped in the attribute; the layout has them raw. */
function unescapeId(id: string): string {
  return id
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const around = (r: Rect, room: number): Rect => ({
  x: r.x - room,
  y: r.y - room,
  width: r.width + 2 * room,
  height: r.height + 2 * room,
});

/**
 * Where a handoff is drawn: each segment of its route and its label block, so a long route is
 * drawn on the tiles it crosses, not on every tile of its bounding box.
 */
function routeRects(route: HandoffRoute): Rect[] {
  const points = pathPoints(route.path);
  const rects: Rect[] = [];
  // Each segment's box (a lone point's, for a route of one point).
  for (let i = 0; i < Math.max(points.length - 1, 1) && i < points.length; i++) {
    const a = points[i] as Point;
    const b = points[i + 1] ?? a;
    const box = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
    rects.push(around(box, EDGE_ROOM));
  }
  const block = route.labelBlock;
  rects.push(
    block === undefined
      ? around({ x: route.labelAnchor.x, y: route.labelAnchor.y, width: 0, height: 0 }, LABEL_ROOM)
      : around(block, EDGE_ROOM),
  );
  return rects;
}

/** Every lane's, phase's, step's and handoff's rectangles in layout units, by kind and id. */
function boundsOf(layout: MapLayout): Record<"lane" | "phase" | "step" | "handoff", Map<string, Rect[]>> {
  return {
    // A lane's band runs the whole width; a phase's column the whole height, header row included.
    lane: new Map(layout.lanes.map((b) => [b.id, [{ x: 0, y: b.y, width: layout.width, height: b.height }]])),
    phase: new Map(
      layout.phases.map((c) => [c.id, [{ x: c.x, y: 0, width: c.width, height: layout.height }]]),
    ),
    step: new Map(layout.steps.map((b) => [b.id, [b]])),
    handoff: new Map(layout.handoffs.map((route) => [route.id, routeRects(route)])),
  };
}

/**
 * One pass over the SVG text: the pieces a tile is made of.
 *
 * @example
 * const index = indexSvg(svg, layout);
 * for (const tile of tiles) drawSvg(doc, cullIndexed(index, tile));
 */
export function indexSvg(svg: string, layout: MapLayout): IndexedSvg {
  const bounds = boundsOf(layout);
  const pieces: Piece[] = [];
  const opening = /\n<g data-(lane|phase|step|handoff)-id="([^"]*)"/g;
  let at = 0;
  for (let match = opening.exec(svg); match !== null; match = opening.exec(svg)) {
    const start = match.index + 1;
    const end = groupEnd(svg, start);
    const kind = match[1] as keyof typeof bounds;
    const rect = bounds[kind].get(unescapeId(match[2] ?? ""));
    if (rect !== undefined) {
      if (start > at) pieces.push({ text: svg.slice(at, start), bounds: null });
      pieces.push({ text: svg.slice(start, end), bounds: rect });
      at = end;
    }
    opening.lastIndex = Math.max(end, start + 1);
  }
  pieces.push({ text: svg.slice(at), bounds: null });
  return { pieces };
}

/** The SVG with only the groups that meet `area` (layout units), from an index. */
export function cullIndexed(index: IndexedSvg, area: Rect): string {
  const kept: string[] = [];
  for (const piece of index.pieces)
    if (piece.bounds === null || piece.bounds.some((rect) => intersects(rect, area))) kept.push(piece.text);
  return kept.join("");
}

/**
 * @example
 * const page = cullSvg(svg, layout, { x: 0, y: 0, width: 2000, height: 1400 });
 */
export function cullSvg(svg: string, layout: MapLayout, area: Rect): string {
  return cullIndexed(indexSvg(svg, layout), area);
}
