import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MapLayout } from "../../../src/layout/types";
import {
  firstViewViewport,
  fitLayoutViewport,
  headerSizes,
  keepLanesAtHeaders,
  OPENING_ZOOM,
  READABLE_ZOOM,
  type ViewportFit,
} from "../../../src/ui/canvas/canvas-geometry";

/**
 * A layout with `lanes` equal bands and `phases` equal columns over a lane area of the given
 * size, behind the default 160 x 40 headers. Only the frame matters to the viewports: no steps.
 */
function layoutOf({
  areaWidth,
  areaHeight,
  lanes = 3,
  phases = 3,
}: {
  areaWidth: number;
  areaHeight: number;
  lanes?: number;
  phases?: number;
}): MapLayout {
  const laneHeaderWidth = 160;
  const phaseHeaderHeight = phases === 0 ? 0 : 40;
  return {
    width: laneHeaderWidth + areaWidth,
    height: phaseHeaderHeight + areaHeight,
    laneHeaderWidth,
    phaseHeaderHeight,
    lanes: Array.from({ length: lanes }, (_, i) => ({
      id: `lane-${i}`,
      y: phaseHeaderHeight + (i * areaHeight) / lanes,
      height: areaHeight / lanes,
    })),
    phases: Array.from({ length: phases }, (_, i) => ({
      id: `phase-${i}`,
      x: laneHeaderWidth + (i * areaWidth) / phases,
      width: areaWidth / phases,
    })),
    steps: [],
    handoffs: [],
  };
}

/** Where the lane area lands on screen under a viewport. */
function laneAreaOnScreen(layout: MapLayout, { x, y, zoom }: ViewportFit) {
  const left = x + layout.laneHeaderWidth * zoom;
  const top = y + layout.phaseHeaderHeight * zoom;
  return {
    left,
    top,
    right: left + (layout.width - layout.laneHeaderWidth) * zoom,
    bottom: top + (layout.height - layout.phaseHeaderHeight) * zoom,
  };
}

/**
 * The lane area on screen, after checking it sits against the frozen headers: the first phase
 * right at the lane header column, the first lane right under the phase header row.
 */
function laneAreaAgainstHeaders(layout: MapLayout, view: ViewportFit) {
  const area = laneAreaOnScreen(layout, view);
  const { column, row } = headerSizes(layout, view.zoom);
  expect(area.left).toBeCloseTo(column, 6);
  expect(area.top).toBeCloseTo(row, 6);
  return area;
}

/** The canvas pane of a 1440 x 900 window (the inspector and toolbar take the rest). */
const PANE = { width: 1119, height: 830 };
/** The RevOps template's lane area under ELK: three phases, 3,316 x 857. */
const WIDE = layoutOf({ areaWidth: 3316, areaHeight: 857, lanes: 7, phases: 3 });

describe("first view", () => {
  it("given a map that fits the pane at a readable zoom, when it opens, then it shows the whole map as Fit view does", () => {
    const layout = layoutOf({ areaWidth: 1400, areaHeight: 600 });

    const view = firstViewViewport(layout, PANE.width, PANE.height);

    expect(view).toEqual(fitLayoutViewport(layout, PANE.width, PANE.height));
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const area = laneAreaAgainstHeaders(layout, view);
    expect(area.right).toBeLessThanOrEqual(PANE.width);
    expect(area.bottom).toBeLessThanOrEqual(PANE.height);
  });

  it("given a map too wide to fit readably, when it opens, then it shows the start of the map with every lane, as large as the height allows", () => {
    const view = firstViewViewport(WIDE, PANE.width, PANE.height);

    expect(fitLayoutViewport(WIDE, PANE.width, PANE.height).zoom).toBeLessThan(READABLE_ZOOM);
    expect(view.zoom).toBeGreaterThan(READABLE_ZOOM);
    expect(view.zoom).toBeLessThanOrEqual(OPENING_ZOOM);
    // The first phase starts at the lane header column, the first lane under the phase header row.
    const area = laneAreaAgainstHeaders(WIDE, view);
    expect(area.right).toBeGreaterThan(PANE.width);
    // Every lane is on screen.
    expect(area.bottom).toBeLessThanOrEqual(PANE.height - 16 + 1e-6);
  });

  it("given a wide map of few lanes, when it opens, then its start shows at the opening zoom, not blown up", () => {
    const low = layoutOf({ areaWidth: 5000, areaHeight: 300, lanes: 2, phases: 3 });

    const view = firstViewViewport(low, PANE.width, PANE.height);

    expect(view.zoom).toBe(OPENING_ZOOM);
    expect(laneAreaOnScreen(low, view).bottom).toBeLessThan(PANE.height);
  });

  it("given a map too tall to fit readably, when it opens, then it shows its top lanes at the readable zoom", () => {
    const tall = layoutOf({ areaWidth: 900, areaHeight: 2400, lanes: 20, phases: 2 });

    const view = firstViewViewport(tall, PANE.width, PANE.height);

    expect(view.zoom).toBe(READABLE_ZOOM);
    const area = laneAreaAgainstHeaders(tall, view);
    expect(area.bottom).toBeGreaterThan(PANE.height);
  });

  it("given any map and pane, then the first view is readable and leaves no strip between the headers and the lanes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 8000 }),
        fc.integer({ min: 96, max: 4000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 400, max: 3000 }),
        fc.integer({ min: 300, max: 2000 }),
        (areaWidth, areaHeight, phases, width, height) => {
          const layout = layoutOf({ areaWidth, areaHeight, phases });
          const view = firstViewViewport(layout, width, height);
          expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
          const area = laneAreaAgainstHeaders(layout, view);
          // All of it on screen; or, from where the process starts, every lane at OPENING_ZOOM or less;
          // or, for a map too tall for that, its top lanes at the floor.
          const whole = area.right <= width + 1e-6 && area.bottom <= height + 1e-6;
          const allLanes = area.bottom <= height + 1e-6 && view.zoom <= OPENING_ZOOM;
          expect(whole || allLanes || view.zoom === READABLE_ZOOM).toBe(true);
        },
      ),
    );
  });
});

describe("fit view", () => {
  it("given a map wider than the pane, when fitted, then all of it shows, against both headers, its free room below", () => {
    const view = fitLayoutViewport(WIDE, PANE.width, PANE.height, { minZoom: 0.1 });

    const area = laneAreaAgainstHeaders(WIDE, view);
    expect(area.right).toBeCloseTo(PANE.width - 16, 6);
    expect(area.bottom).toBeLessThan(PANE.height / 2);
  });

  it("given a map taller than the pane, when fitted, then its bottom keeps the padding and its left is at the lane headers", () => {
    const tall = layoutOf({ areaWidth: 600, areaHeight: 2000, lanes: 12 });

    const view = fitLayoutViewport(tall, PANE.width, PANE.height, { minZoom: 0.1 });

    const area = laneAreaAgainstHeaders(tall, view);
    expect(area.bottom).toBeCloseTo(PANE.height - 16, 6);
    expect(area.right).toBeLessThan(PANE.width);
  });

  it("given a small map, when fitted, then it is not blown up past the largest zoom", () => {
    const small = layoutOf({ areaWidth: 300, areaHeight: 200, lanes: 2, phases: 1 });

    expect(fitLayoutViewport(small, PANE.width, PANE.height).zoom).toBe(1.25);
  });

  it("given a map too big for the smallest zoom, when fitted, then it stops there, from the start of the map", () => {
    const huge = layoutOf({ areaWidth: 40_000, areaHeight: 900 });

    const view = fitLayoutViewport(huge, PANE.width, PANE.height, { minZoom: 0.1 });

    expect(view.zoom).toBe(0.1);
    const area = laneAreaOnScreen(huge, view);
    expect(area.left).toBeCloseTo(headerSizes(huge, 0.1).column, 6);
    expect(area.top).toBeCloseTo(headerSizes(huge, 0.1).row, 6);
  });

  it("given a map without phases, when fitted, then its lanes start at the top of the pane", () => {
    const plain = layoutOf({ areaWidth: 1200, areaHeight: 500, phases: 0 });

    const view = fitLayoutViewport(plain, PANE.width, PANE.height);

    expect(headerSizes(plain, view.zoom).row).toBe(0);
    expect(laneAreaOnScreen(plain, view).top).toBeCloseTo(0, 6);
  });
});

describe("keepLanesAtHeaders", () => {
  /** How far the lane area's corner sits from the frozen headers' inner edges, on screen. */
  function gap(layout: MapLayout, view: ViewportFit) {
    const area = laneAreaOnScreen(layout, view);
    const { column, row } = headerSizes(layout, view.zoom);
    return { x: area.left - column, y: area.top - row };
  }

  it("given a map without phases, when its first phase is added, then the lanes stay where they were under the headers", () => {
    // As the layout draws it: the header row's room is kept in the frame with or without phases,
    // but the frozen row only shows (and covers the canvas) once there is a phase to name.
    const before = { ...layoutOf({ areaWidth: 1200, areaHeight: 500, phases: 0 }), phaseHeaderHeight: 40 };
    const after = layoutOf({ areaWidth: 1200, areaHeight: 500, phases: 1 });
    const view = fitLayoutViewport(before, PANE.width, PANE.height);

    const moved = keepLanesAtHeaders(before, after, view);

    expect(moved).not.toBeNull();
    expect(gap(after, moved ?? view)).toEqual(gap(before, view));
    // Without the move, the first lane would start under the new header row.
    expect(gap(after, view).y).toBeLessThan(0);
  });

  it("given a frame whose headers kept their size, then the viewport stays", () => {
    const before = layoutOf({ areaWidth: 1200, areaHeight: 500 });
    const after = layoutOf({ areaWidth: 1800, areaHeight: 700, lanes: 4 });

    expect(keepLanesAtHeaders(before, after, { x: -300, y: -120, zoom: 0.8 })).toBeNull();
  });

  it("keeps the lane area's offset from the headers for any frames and viewport", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.record({
          x: fc.integer({ min: -5000, max: 500 }),
          y: fc.integer({ min: -5000, max: 500 }),
          zoom: fc.double({ min: 0.1, max: 2, noNaN: true }),
        }),
        (phasesBefore, phasesAfter, view) => {
          const before = {
            ...layoutOf({ areaWidth: 1500, areaHeight: 600, phases: phasesBefore }),
            phaseHeaderHeight: 40,
          };
          const after = {
            ...layoutOf({ areaWidth: 1500, areaHeight: 600, phases: phasesAfter }),
            phaseHeaderHeight: 40,
          };
          const moved = keepLanesAtHeaders(before, after, view) ?? view;
          const was = gap(before, view);
          const now = gap(after, moved);
          // Moves under half a pixel are not made.
          expect(Math.abs(now.x - was.x)).toBeLessThan(0.5);
          expect(Math.abs(now.y - was.y)).toBeLessThan(0.5);
        },
      ),
    );
  });
});
