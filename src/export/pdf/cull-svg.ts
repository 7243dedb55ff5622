/**
 * Leaves out of a renderSvg document the steps and handoffs that lie wholly outside a rectangle,
 * so a tiled PDF page draws (and stores) its own part of a big diagram, not the whole of it once
 * per page. Works on renderSvg's text, whose step and handoff groups each start a line
 * (`\n<g data-step-id="…"` / `\n<g data-handoff-id="…"`) and hold only escaped text: a group ends
 * at its balanced `</g>`.
 */
import { pathPoints } from "../../layout/route-path";
import type { MapLayout, Rect } from "../../layout/types";

/** Room kept around a route for its label and flag, which the label placer may move off it. */
const LABEL_ROOM = 160;

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

/**
 * @example
 * const page = cullSvg(svg, layout, { x: 0, y: 0, width: 2000, height: 1400 });
 */
export function cullSvg(svg: string, layout: MapLayout, area: Rect): string {
  const boxes = new Map<string, Rect>(layout.steps.map((b) => [b.id, b]));
  const routes = new Map<string, Rect>();
  for (const route of layout.handoffs) {
    const points = pathPoints(route.path);
    if (points.length === 0) continue;
    const xs = points.map((p) => p.x).concat(route.labelAnchor.x);
    const ys = points.map((p) => p.y).concat(route.labelAnchor.y);
    const x = Math.min(...xs) - LABEL_ROOM;
    const y = Math.min(...ys) - LABEL_ROOM;
    routes.set(route.id, {
      x,
      y,
      width: Math.max(...xs) + LABEL_ROOM - x,
      height: Math.max(...ys) + LABEL_ROOM - y,
    });
  }
  const opening = /\n<g data-(step|handoff)-id="([^"]*)"/g;
  let out = "";
  let at = 0;
  for (let match = opening.exec(svg); match !== null; match = opening.exec(svg)) {
    const start = match.index + 1;
    const end = groupEnd(svg, start);
    // Ids are XML-escaped in the attribute; the layout has them raw.
    const id = (match[2] ?? "")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    const bounds = match[1] === "step" ? boxes.get(id) : routes.get(id);
    if (bounds !== undefined && !intersects(bounds, area)) {
      out += svg.slice(at, start);
      at = end;
    }
    opening.lastIndex = Math.max(end, start + 1);
  }
  return out + svg.slice(at);
}
