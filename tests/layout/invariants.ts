/**
 * The geometry contract of a MapLayout, as a list of broken rules (empty = all hold). Shared by
 * the example-based and the property-based tests so both check exactly the same things.
 */

import { pathPoints } from "../../src/layout/route-path";
import type { MapLayout, Point, Rect } from "../../src/layout/types";
import type { HandoffMap } from "../../src/model/types";

const EPS = 1e-6;

function inside(inner: Rect, outer: { x1: number; y1: number; x2: number; y2: number }): boolean {
  return (
    inner.x >= outer.x1 - EPS &&
    inner.y >= outer.y1 - EPS &&
    inner.x + inner.width <= outer.x2 + EPS &&
    inner.y + inner.height <= outer.y2 + EPS
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width - EPS &&
    b.x < a.x + a.width - EPS &&
    a.y < b.y + b.height - EPS &&
    b.y < a.y + a.height - EPS
  );
}

function onBorder(p: Point, r: Rect): boolean {
  const withinX = p.x >= r.x - EPS && p.x <= r.x + r.width + EPS;
  const withinY = p.y >= r.y - EPS && p.y <= r.y + r.height + EPS;
  const onVertical = Math.abs(p.x - r.x) < EPS || Math.abs(p.x - (r.x + r.width)) < EPS;
  const onHorizontal = Math.abs(p.y - r.y) < EPS || Math.abs(p.y - (r.y + r.height)) < EPS;
  return (onVertical && withinY) || (onHorizontal && withinX);
}

/** Does the axis-parallel segment a-b meet the open interior of r? */
export function segmentCrosses(a: Point, b: Point, r: Rect): boolean {
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  return minX < r.x + r.width - EPS && maxX > r.x + EPS && minY < r.y + r.height - EPS && maxY > r.y + EPS;
}

function onSegment(p: Point, a: Point, b: Point): boolean {
  return (
    p.x >= Math.min(a.x, b.x) - EPS &&
    p.x <= Math.max(a.x, b.x) + EPS &&
    p.y >= Math.min(a.y, b.y) - EPS &&
    p.y <= Math.max(a.y, b.y) + EPS &&
    (Math.abs(a.x - b.x) < EPS || Math.abs(a.y - b.y) < EPS)
  );
}

export interface InvariantOptions {
  /** Keep-mode maps may place steps so that they overlap; skip that rule for them. */
  allowOverlap?: boolean;
  /** Keep-mode maps may put a step outside its phase column on purpose. */
  skipPhaseColumns?: boolean;
}

export function layoutViolations(
  map: HandoffMap,
  layout: MapLayout,
  options: InvariantOptions = {},
): string[] {
  const problems: string[] = [];
  const say = (message: string) => {
    if (problems.length < 20) problems.push(message);
  };
  const values = [layout.width, layout.height];
  for (const s of layout.steps) values.push(s.x, s.y, s.width, s.height);
  for (const h of layout.handoffs) values.push(...h.path);
  if (values.some((v) => !Number.isFinite(v))) say("a coordinate is not a finite number");
  // Whole pixels everywhere: crisp lines, and cheap numbers for every consumer to hold.
  const fractional: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "number") {
      if (!Number.isInteger(value) && fractional.length < 3) fractional.push(`${path} = ${value}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    } else if (typeof value === "object" && value !== null)
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  walk(layout, "layout");
  if (fractional.length > 0) say(`coordinates are not whole pixels: ${fractional.join(", ")}`);

  // Lanes: in map order, stacked from the phase header down with no gaps, to the bottom.
  const bands = new Map(layout.lanes.map((l) => [l.id, l]));
  if (layout.lanes.map((l) => l.id).join("\u0000") !== map.lanes.map((l) => l.id).join("\u0000")) {
    say("lane bands are not the map's lanes in order");
  }
  let y = layout.phaseHeaderHeight;
  for (const band of layout.lanes) {
    if (Math.abs(band.y - y) > EPS) say(`lane ${band.id} starts at ${band.y}, expected ${y}`);
    if (!(band.height > 0)) say(`lane ${band.id} has height ${band.height}`);
    y = band.y + band.height;
  }
  if (layout.lanes.length > 0 && Math.abs(y - layout.height) > EPS)
    say(`lanes end at ${y}, height ${layout.height}`);

  // Phases: in map order, side by side from the lane headers to the right edge.
  const columns = new Map(layout.phases.map((p) => [p.id, p]));
  if (layout.phases.map((p) => p.id).join("\u0000") !== map.phases.map((p) => p.id).join("\u0000")) {
    say("phase columns are not the map's phases in order");
  }
  let x = layout.laneHeaderWidth;
  for (const column of layout.phases) {
    if (Math.abs(column.x - x) > EPS) say(`phase ${column.id} starts at ${column.x}, expected ${x}`);
    if (!(column.width >= 0)) say(`phase ${column.id} has width ${column.width}`);
    x = column.x + column.width;
  }
  if (layout.phases.length > 0 && Math.abs(x - layout.width) > EPS)
    say(`phases end at ${x}, width ${layout.width}`);

  // Boxes: one per step, inside its band (and phase column), inside the lane area.
  const boxes = new Map(layout.steps.map((b) => [b.id, b]));
  if (boxes.size !== map.steps.length || layout.steps.length !== map.steps.length) {
    say(`${layout.steps.length} boxes for ${map.steps.length} steps`);
  }
  for (const step of map.steps) {
    const box = boxes.get(step.id);
    const band = bands.get(step.lane);
    if (!box || !band) {
      say(`step ${step.id} has no box or no band`);
      continue;
    }
    if (box.lines.length === 0) say(`step ${step.id} has no text lines`);
    const area = { x1: layout.laneHeaderWidth, x2: layout.width, y1: band.y, y2: band.y + band.height };
    if (!inside(box, area)) say(`step ${step.id} is outside its lane band ${step.lane}`);
    const column = step.phase === undefined ? undefined : columns.get(step.phase);
    if (column && !options.skipPhaseColumns) {
      const span = { x1: column.x, x2: column.x + column.width, y1: -Infinity, y2: Infinity };
      if (!inside(box, span)) say(`step ${step.id} is outside its phase column ${step.phase}`);
    }
  }
  if (!options.allowOverlap) {
    const sorted = [...layout.steps].sort((a, b) => a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      if (!a) continue;
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j];
        if (!b || b.x >= a.x + a.width) break;
        if (overlaps(a, b)) say(`steps ${a.id} and ${b.id} overlap`);
      }
    }
  }

  // Routes: one per handoff, orthogonal, border to border, through no box.
  const routes = new Map(layout.handoffs.map((h) => [h.id, h]));
  for (const handoff of map.handoffs) {
    const route = routes.get(handoff.id);
    const from = boxes.get(handoff.from);
    const to = boxes.get(handoff.to);
    if (!route || !from || !to) {
      say(`handoff ${handoff.id} has no route`);
      continue;
    }
    const points = pathPoints(route.path);
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last || points.length < 2) {
      say(`handoff ${handoff.id} has fewer than two points`);
      continue;
    }
    if (!onBorder(first, from)) say(`handoff ${handoff.id} does not start on the border of ${from.id}`);
    if (!onBorder(last, to)) say(`handoff ${handoff.id} does not end on the border of ${to.id}`);
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (!a || !b) continue;
      if (Math.abs(a.x - b.x) > EPS && Math.abs(a.y - b.y) > EPS)
        say(`handoff ${handoff.id} has a diagonal segment`);
      for (const box of layout.steps) {
        if (segmentCrosses(a, b, box)) say(`handoff ${handoff.id} passes through step ${box.id}`);
      }
    }
    let anchored = false;
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      if (a && b && onSegment(route.labelAnchor, a, b)) anchored = true;
    }
    if (!anchored) say(`handoff ${handoff.id} label anchor is off the route`);
  }
  return problems;
}
