/**
 * Orthogonal routing of handoffs around fixed boxes.
 *
 * For each handoff we build a sparse grid over a search region: the lines that run one margin
 * outside every box in the region, the centre lines of the source and target (their ports), the
 * free horizontal lines the caller knows about (lane boundaries) and the middle of every wide
 * channel. A* over (grid node, heading) finds the path with the least length + bend penalty that
 * never enters a box grown by half a margin. Routes leave the source from the middle of a side and
 * enter the target in the middle of a side; right-out / left-in is preferred, so forward handoffs
 * read left to right and back edges go over or under the steps in between.
 *
 * Handoffs are routed one after another (request order) and each sees the earlier ones: crossing
 * an earlier route costs CROSS, running along one costs REUSE per pixel. A second decision port
 * on the same side of a pinned box (a decision diamond: lines must meet its corners) costs
 * SHARED_PIN, so a decision's branches leave by different corners.
 *
 * Then a nudging pass separates what still runs together: collinear, overlapping segments of
 * different routes (a shared channel, or several routes on one side of a box, which all start at
 * the side's middle) are spread across the channel, a few pixels apart, ordered by where each
 * route turns next so that the spreading adds no crossing. Spreading a route's first or last
 * segment moves its end along the box side: that is the port spreading. Every move is checked
 * against the boxes and dropped when it would enter one.
 *
 * Last, each route's label anchor: on its longest (preferably horizontal) segment, the point
 * nearest the segment's middle where the handoff's label block, centred there, clears every box
 * and, if possible, every label placed before it.
 *
 * The region starts small (the two boxes, their lane bands and one column either side) and grows
 * only when no path exists in it, so a 1,000-step map routes in well under a second.
 *
 * Invariants of every returned route: consecutive points share x or y; the first point lies on the
 * source border, the last on the target border; no segment crosses the interior of any other box
 * (unless no such path exists at all, see `routeHandoffs`).
 *
 * Each stage lives in ./routing/, in a file named for it; this file runs them in order.
 */
import { flatPath } from "./route-path";
import { BoxIndex } from "./routing/box-index";
import { labelAnchors } from "./routing/label-anchors";
import { nudge } from "./routing/nudge";
import { type Occupied, SegmentIndex } from "./routing/occupied";
import { roundPoint, simplify } from "./routing/polyline";
import { routeOne } from "./routing/route-one";
import type { RouteRequest, RouterInput } from "./routing/router-input";
import { sideOf } from "./routing/sides";
import type { HandoffRoute, Point } from "./types";

export type { RouteRequest, RouterInput } from "./routing/router-input";

/** Routes every request; deterministic, results in request order. */
export function routeHandoffs(input: RouterInput, requests: readonly RouteRequest[]): HandoffRoute[] {
  const index = new BoxIndex(input.boxes);
  const occupied: Occupied = { segments: new SegmentIndex(), pinnedSides: new Set() };
  const paths: Point[][] = [];
  for (const request of requests) {
    const points = simplify(routeOne(input, index, request, occupied));
    paths.push(points);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (a && b) occupied.segments.add(a, b);
    }
    for (const [box, end] of [
      [request.source, points[0]],
      [request.target, points[points.length - 1]],
    ] as const) {
      const rect = input.boxes[box];
      if (input.pinned?.[box] && rect && end) occupied.pinnedSides.add(box * 4 + sideOf(rect, end));
    }
  }
  nudge(paths, requests, input, index, true);
  nudge(paths, requests, input, index, false);
  // Whole pixels: crisp lines, and (in V8) small integers instead of a boxed double per
  // coordinate in every consumer. Equal coordinates round alike, so segments stay orthogonal and
  // ends on box borders stay there (boxes are whole pixels).
  for (let k = 0; k < paths.length; k++) paths[k] = simplify((paths[k] ?? []).map(roundPoint));
  const anchors = labelAnchors(paths, requests, input, index);
  return requests.map((request, k) => ({
    id: request.id,
    path: flatPath(paths[k] ?? []),
    labelAnchor: anchors[k] ?? { x: 0, y: 0 },
  }));
}
