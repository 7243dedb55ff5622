/**
 * A layout as the editor keeps it: the same data, with its points and rectangles (route label
 * anchors and blocks, text areas, system chips) made by the classes below instead of as object
 * literals.
 *
 * Why: V8 gives every `{x, y, ...}` object literal (and every object a structured clone or a
 * worker message makes) one shared hidden class per property list, and once any of them has held
 * a fraction in `x` or `y` (pointer positions, zoomed coordinates: React Flow makes plenty) it
 * stores those fields as boxed doubles in all of them, 12 bytes more per number. A class has a
 * hidden class of its own; the layout's coordinates are whole pixels, so these stay small integers
 * stored inline. On a 1,000-step map that is about 110 KB of the page's heap.
 *
 * The result deep-equals its input (toEqual, JSON, structured clone see the same fields).
 *
 * @example
 * store.setState({ layout: shareLayout(previous, result.layout) }); // shareLayout compacts
 */
import type { HandoffRoute, MapLayout, Point, Rect, StepBox, SystemChip } from "./types";

export class LayoutPoint implements Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

export class LayoutRect implements Rect {
  constructor(
    public x: number,
    public y: number,
    public width: number,
    public height: number,
  ) {}
}

export class LayoutChip implements SystemChip {
  constructor(
    public x: number,
    public y: number,
    public width: number,
    public height: number,
    public text: string,
    public system: number | null,
  ) {}
}

/**
 * A whole number as a small integer (`| 0`), not as the boxed double it may be read as from a
 * literal's field: a field's first value decides how V8 stores all of them. Anything else as is.
 */
const int = (value: number): number =>
  Number.isInteger(value) && value >= -0x3fffffff && value <= 0x3fffffff ? value | 0 : value;

const point = (p: Point): Point => (p instanceof LayoutPoint ? p : new LayoutPoint(int(p.x), int(p.y)));
const rect = (r: Rect): Rect =>
  r instanceof LayoutRect ? r : new LayoutRect(int(r.x), int(r.y), int(r.width), int(r.height));
const chip = (c: SystemChip): SystemChip =>
  c instanceof LayoutChip
    ? c
    : new LayoutChip(int(c.x), int(c.y), int(c.width), int(c.height), c.text, c.system);

function compactBox(box: StepBox): StepBox {
  const { textArea, systems } = box;
  const textDone = textArea === undefined || textArea instanceof LayoutRect;
  const chipsDone = systems === undefined || systems.chips.every((c) => c instanceof LayoutChip);
  if (textDone && chipsDone) return box;
  return {
    ...box,
    ...(textArea === undefined ? {} : { textArea: rect(textArea) }),
    ...(systems === undefined ? {} : { systems: { ...systems, chips: systems.chips.map(chip) } }),
  };
}

function compactRoute(route: HandoffRoute): HandoffRoute {
  const { labelAnchor, labelBlock } = route;
  if (labelAnchor instanceof LayoutPoint && (labelBlock === undefined || labelBlock instanceof LayoutRect))
    return route;
  return {
    ...route,
    labelAnchor: point(labelAnchor),
    ...(labelBlock === undefined ? {} : { labelBlock: rect(labelBlock) }),
  };
}

/** The layout with its points and rectangles made by LayoutPoint, LayoutRect and LayoutChip. */
export function compactLayout(layout: MapLayout): MapLayout {
  return { ...layout, steps: layout.steps.map(compactBox), handoffs: layout.handoffs.map(compactRoute) };
}
