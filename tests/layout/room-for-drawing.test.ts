/**
 * The layout leaves room for everything the SVG export and the canvas draw: systems chips inside
 * the box and clear of the label, decision text inside the drawn hexagon, lane and phase names
 * inside their band and header row, and in-lane handoff labels on their own line.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { measureHandoffLabel } from "../../src/layout/handoff-label";
import { layoutMap } from "../../src/layout/layout-map";
import {
  DEFAULT_METRICS,
  HEADER_NAME_LINE_HEIGHT,
  LANE_NAME_INSET,
  measureStep,
  PHASE_NAME_INSET,
  wrapHeaderName,
} from "../../src/layout/metrics";
import { createNodeElk } from "../../src/layout/node-elk";
import { pathPoints } from "../../src/layout/route-path";
import { textWidth } from "../../src/layout/text-metrics";
import type { MapLayout, Rect, StepBox } from "../../src/layout/types";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryMap } from "../fixtures/arbitrary-map";
import { AWKWARD_MAPS, makeMap, SIX_SYSTEMS } from "../fixtures/maps";
import { layoutViolations } from "./invariants";
import { labelBlocks } from "./label-blocks";

const elk = createNodeElk();
const EPS = 1e-6;
const M = DEFAULT_METRICS;

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x - EPS &&
    inner.y >= outer.y - EPS &&
    inner.x + inner.width <= outer.x + outer.width + EPS &&
    inner.y + inner.height <= outer.y + outer.height + EPS
  );
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - EPS &&
  b.x < a.x + a.width - EPS &&
  a.y < b.y + b.height - EPS &&
  b.y < a.y + a.height - EPS;

/** The label's line boxes, relative to the step box, as render-svg draws them (centred lines). */
function labelLineRects(box: Pick<StepBox, "width" | "lines" | "textArea">): Rect[] {
  const top = box.textArea?.y ?? 0;
  return box.lines.map((line, i) => {
    const width = textWidth(line, M.stepFontSize);
    return { x: (box.width - width) / 2, y: top + i * M.stepLineHeight, width, height: M.stepLineHeight };
  });
}

/** Problems with a box's chips and text area (all relative to the box). */
function chipProblems(box: Pick<StepBox, "width" | "height" | "lines" | "textArea" | "systems">): string[] {
  const problems: string[] = [];
  const frame = { x: 0, y: 0, width: box.width, height: box.height };
  const area = box.textArea;
  if (!area) return ["no text area"];
  if (!inside(area, frame)) problems.push("text area outside the box");
  const lines = labelLineRects(box);
  for (const line of lines) if (!inside(line, area)) problems.push(`label line outside the text area`);
  const chips = box.systems?.chips ?? [];
  chips.forEach((chip, i) => {
    if (!inside(chip, frame)) problems.push(`chip ${chip.text} outside the box`);
    if (!inside(chip, area)) problems.push(`chip ${chip.text} outside the text area`);
    if (lines.some((line) => overlaps(line, chip))) problems.push(`chip ${chip.text} on the label`);
    if (chips.slice(i + 1).some((other) => overlaps(other, chip)))
      problems.push(`chip ${chip.text} overlaps`);
    const textFits =
      textWidth(chip.text, box.systems?.fontSize ?? 0) <= chip.width - 2 * M.systemsChipPaddingX + EPS;
    if (!textFits) problems.push(`chip ${chip.text} text wider than the chip`);
  });
  return problems;
}

/**
 * How far render-svg's decision hexagon is inset from the box's side at `d` px from its middle:
 * 1 px inset, points as long as the box is half-high (45 degrees).
 */
function hexagonInset(box: Pick<StepBox, "width" | "height">, d: number): number {
  const half = (box.height - 2) / 2;
  const k = Math.min(half, (box.width - 2) / 2);
  return 1 + (k * Math.min(d, half)) / half;
}

/** Every rectangle of text (label lines, chips) lies inside the decision's hexagon, 4 px clear. */
function outsideHexagon(box: Pick<StepBox, "width" | "height" | "lines" | "textArea" | "systems">): string[] {
  const rects = [...labelLineRects(box), ...(box.systems?.chips ?? [])];
  const middle = box.height / 2;
  const problems: string[] = [];
  for (const r of rects) {
    const d = Math.max(Math.abs(r.y - middle), Math.abs(r.y + r.height - middle));
    const inset = hexagonInset(box, d) + 4;
    if (r.x < inset - EPS || r.x + r.width > box.width - inset + EPS)
      problems.push(`text at ${r.x.toFixed(1)}..${(r.x + r.width).toFixed(1)} outside the hexagon`);
    if (r.y < 1 - EPS || r.y + r.height > box.height - 1 + EPS)
      problems.push("text above or below the hexagon");
  }
  return problems;
}

describe("measureStep: systems chips", () => {
  it("given a task with three systems, then every system is a chip inside the box, below the label", () => {
    const size = measureStep("Renewal forecasting", M, {
      systems: ["Customer success platform", "CRM", "Product analytics"],
    });
    expect(size.systems?.chips.map((c) => c.text)).toEqual([
      "Customer success platform",
      "CRM",
      "Product analytics",
    ]);
    expect(size.systems?.overflow).toBe(0);
    expect(chipProblems(size)).toEqual([]);
    const labelBottom = (size.textArea.y ?? 0) + size.lines.length * M.stepLineHeight;
    for (const chip of size.systems?.chips ?? []) expect(chip.y).toBeGreaterThanOrEqual(labelBottom);
  });

  it("given six systems, then at most systemsMaxRows rows and a '+n' chip counts the rest", () => {
    const size = measureStep("Deal desk and discount approval", M, { systems: SIX_SYSTEMS });
    const chips = size.systems?.chips ?? [];
    const rows = new Set(chips.map((c) => c.y));
    expect(rows.size).toBeLessThanOrEqual(M.systemsMaxRows);
    const shown = chips.filter((c) => c.system !== null).length;
    expect(size.systems?.overflow).toBe(SIX_SYSTEMS.length - shown);
    expect(size.systems?.overflow).toBeGreaterThan(0);
    expect(chips[chips.length - 1]).toMatchObject({ system: null, text: `+${size.systems?.overflow}` });
    expect(chipProblems(size)).toEqual([]);
  });

  it("given blank systems only, then no chips and the box is the label's", () => {
    const plain = measureStep("Qualify lead");
    const blank = measureStep("Qualify lead", M, { systems: ["", "  "] });
    expect(blank.systems).toBeUndefined();
    expect(blank).toEqual(plain);
  });

  it("given systems, then the box grows by the chip rows and stays within the width bounds", () => {
    const plain = measureStep("Route lead");
    const withSystems = measureStep("Route lead", M, { systems: ["CRM", "Routing engine"] });
    expect(withSystems.height).toBeGreaterThanOrEqual(
      plain.lines.length * M.stepLineHeight + M.systemsChipHeight,
    );
    expect(withSystems.height).toBeGreaterThan(plain.height - 1);
    expect(withSystems.width).toBeLessThanOrEqual(M.stepMaxWidth);
    expect(withSystems.width).toBeGreaterThanOrEqual(M.stepMinWidth);
  });

  it("property: chips stay inside the box and off the label, for any label, systems and kind", () => {
    const kinds = fc.constantFrom("task" as const, "decision" as const, "start" as const, "end" as const);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 8 }),
        kinds,
        (label, systems, kind) => {
          const size = measureStep(label, M, { kind, systems });
          expect(chipProblems(size)).toEqual([]);
          if (kind === "decision") expect(outsideHexagon(size)).toEqual([]);
          const chips = size.systems?.chips ?? [];
          const shown = chips.filter((c) => c.system !== null).length;
          const nonBlank = systems.filter((s) => s.trim() !== "").length;
          expect(shown + (size.systems?.overflow ?? 0)).toBe(nonBlank);
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
  });
});

describe("measureStep: decisions", () => {
  it.each([
    "Meets qualification criteria?",
    "Approved?",
    "Is the discount above the approval threshold for this region and segment?",
    "Wide-open-ended-decision-label-without-any-spaces-at-all",
  ])("the label of %j fits inside the hexagon render-svg draws", (label) => {
    const size = measureStep(label, M, { kind: "decision" });
    expect(outsideHexagon(size)).toEqual([]);
    expect(size.width).toBeLessThanOrEqual(M.stepMaxWidth);
  });

  it("given narrow boxes, then a decision grows (at most by half) to hold its longest word whole", () => {
    const narrow = { ...M, stepMinWidth: 100, stepMaxWidth: 132 };
    const size = measureStep("Meets qualification criteria?", narrow, { kind: "decision" });
    expect(size.lines).toEqual(["Meets", "qualification", "criteria?"]);
    expect(size.width).toBeGreaterThan(narrow.stepMaxWidth);
    expect(size.width).toBeLessThanOrEqual(narrow.stepMaxWidth * 1.5);
    expect(outsideHexagon(size)).toEqual([]);
    // A task of the same width bounds is unchanged, and a word too long for any box is cut as before.
    expect(measureStep("Meets qualification criteria?", narrow).width).toBeLessThanOrEqual(
      narrow.stepMaxWidth,
    );
    const endless = measureStep("Wide-open-ended-decision-label-without-any-spaces-at-all", narrow, {
      kind: "decision",
    });
    expect(endless.width).toBeLessThanOrEqual(narrow.stepMaxWidth);
  });

  it("a decision with systems keeps label and chips inside the hexagon", () => {
    const size = measureStep("Meets qualification criteria?", M, {
      kind: "decision",
      systems: ["CRM", "Lead scoring"],
    });
    expect(size.systems?.chips).toHaveLength(2);
    expect(outsideHexagon(size)).toEqual([]);
  });
});

function longNamesMap(laneName: string, phaseName: string): HandoffMap {
  const map = makeMap({
    lanes: ["a", "b", "c"],
    phases: ["p", "q"],
    steps: [
      { id: "s1", lane: "a", phase: "p" },
      { id: "s2", lane: "b", phase: "p" },
      { id: "s3", lane: "c", phase: "q" },
    ],
    handoffs: [
      ["s1", "s2", "hand over"],
      ["s2", "s3", "next"],
    ],
  });
  const lanes = map.lanes.map((lane) => (lane.id === "b" ? { ...lane, name: laneName } : lane));
  const phases = map.phases.map((phase) => (phase.id === "q" ? { ...phase, name: phaseName } : phase));
  return { ...map, lanes, phases };
}

describe("lane and phase names", () => {
  const laneName = `Commercial approvals ${"and the deal desk team ".repeat(17)}`.slice(0, 400);
  const phaseName = `Execution ${"through signature and booking ".repeat(8)}`.trim();

  it.each(["auto", "keep"] as const)(
    "%s mode: a 400-character lane name grows its band; a long phase name grows the header row",
    async (mode) => {
      const base = longNamesMap(laneName, phaseName);
      const map =
        mode === "keep"
          ? { ...base, steps: base.steps.map((s, i) => ({ ...s, position: { x: 40 + 260 * i, y: 30 } })) }
          : base;
      const layout = await layoutMap(elk, map, { mode });
      expect(layoutViolations(map, layout, { skipPhaseColumns: mode === "keep" })).toEqual([]);
      const band = layout.lanes.find((l) => l.id === "b");
      const laneLines = wrapHeaderName(laneName, layout.laneHeaderWidth - 2 * LANE_NAME_INSET.x);
      expect(laneLines.length).toBeGreaterThan(15);
      expect(band?.height).toBeGreaterThanOrEqual(
        laneLines.length * HEADER_NAME_LINE_HEIGHT + 2 * LANE_NAME_INSET.y,
      );
      for (const column of layout.phases) {
        const name = map.phases.find((p) => p.id === column.id)?.name ?? "";
        const lines = wrapHeaderName(name, column.width - 2 * PHASE_NAME_INSET.x);
        expect(layout.phaseHeaderHeight).toBeGreaterThanOrEqual(
          lines.length * HEADER_NAME_LINE_HEIGHT + 2 * PHASE_NAME_INSET.y,
        );
      }
      expect(layout.phaseHeaderHeight).toBeGreaterThan(M.phaseHeaderHeight);
      // The lanes start under the taller header row, stacked without gaps (checked above too).
      expect(layout.lanes[0]?.y).toBe(layout.phaseHeaderHeight);
    },
  );

  it("short names keep the default sizes", async () => {
    const map = longNamesMap("Sales", "Execution");
    const layout = await layoutMap(elk, map, { mode: "auto" });
    expect(layout.phaseHeaderHeight).toBe(M.phaseHeaderHeight);
    expect(layout.lanes.every((l) => l.height >= M.minLaneHeight)).toBe(true);
  });
});

describe("room for in-lane handoff labels (auto mode)", () => {
  const map = createRevOpsTemplate();
  let layout: MapLayout;
  beforeAll(async () => {
    layout = await layoutMap(elk, map, { mode: "auto" });
  });

  it("every labelled in-lane handoff between neighbouring steps has its label block on its own horizontal segment, clear of every box and every other route", () => {
    const lane = new Map(map.steps.map((s) => [s.id, s.lane]));
    const blocks = labelBlocks(map, layout, "open or resolved");
    const inLane = map.handoffs.filter((h) => h.label.trim() !== "" && lane.get(h.from) === lane.get(h.to));
    expect(inLane.map((h) => h.label)).toEqual(
      expect.arrayContaining([
        "form submitted",
        "qualification call",
        "qualified opportunity",
        "renewal signed",
      ]),
    );
    for (const h of inLane) {
      const route = layout.handoffs.find((r) => r.id === h.id);
      const block = blocks.get(h.id);
      if (!route || !block) throw new Error(`no route or block for ${h.id}`);
      const at = route.labelAnchor;
      const points = pathPoints(route.path);
      const segment = points.findIndex((p, k) => {
        const q = points[k + 1];
        return (
          q !== undefined &&
          p.y === q.y &&
          p.y === at.y &&
          Math.min(p.x, q.x) <= at.x &&
          at.x <= Math.max(p.x, q.x)
        );
      });
      expect(segment, `${h.label}: anchor on a horizontal segment`).toBeGreaterThanOrEqual(0);
      const a = points[segment];
      const b = points[segment + 1];
      if (!a || !b) continue;
      expect(block.x, `${h.label}: block starts on its segment`).toBeGreaterThanOrEqual(Math.min(a.x, b.x));
      expect(block.x + block.width, `${h.label}: block ends on its segment`).toBeLessThanOrEqual(
        Math.max(a.x, b.x),
      );
      for (const box of layout.steps)
        expect(overlaps(block, box), `${h.label} on step ${box.id}`).toBe(false);
      for (const other of layout.handoffs) {
        if (other.id === h.id) continue;
        const otherPoints = pathPoints(other.path);
        otherPoints.forEach((p, k) => {
          const q = otherPoints[k + 1];
          if (!q) return;
          const line = {
            x: Math.min(p.x, q.x),
            y: Math.min(p.y, q.y),
            width: Math.abs(p.x - q.x),
            height: Math.abs(p.y - q.y),
          };
          const crosses =
            line.x <= block.x + block.width &&
            block.x <= line.x + line.width &&
            line.y <= block.y + block.height &&
            block.y <= line.y + line.height;
          expect(crosses, `${h.label} on the route of ${other.id}`).toBe(false);
        });
      }
    }
  });

  it("a map of in-lane labelled steps gets gaps wide enough for each label", async () => {
    const long = "a rather long in-lane handoff label";
    const map2 = makeMap({
      lanes: ["a"],
      phases: ["p", "q"],
      steps: [
        { id: "s1", lane: "a", phase: "p" },
        { id: "s2", lane: "a", phase: "p" },
        { id: "s3", lane: "a", phase: "q" },
      ],
      handoffs: [
        ["s1", "s2", long],
        ["s2", "s3", long],
      ],
    });
    const laid = await layoutMap(elk, map2, { mode: "auto" });
    expect(layoutViolations(map2, laid)).toEqual([]);
    const width = measureHandoffLabel(long, null).width;
    const box = new Map(laid.steps.map((s) => [s.id, s]));
    for (const [from, to] of [
      ["s1", "s2"],
      ["s2", "s3"],
    ] as const) {
      const a = box.get(from);
      const b = box.get(to);
      if (!a || !b) throw new Error("missing box");
      expect(b.x - (a.x + a.width)).toBeGreaterThanOrEqual(width + 2 * M.routeMargin);
    }
  });
});

function withSystemsAndNames(map: HandoffMap): HandoffMap {
  return {
    ...map,
    lanes: map.lanes.map((lane, i) =>
      i % 2 === 0 ? { ...lane, name: `${lane.name} ${"long name ".repeat(i * 6)}` } : lane,
    ),
    steps: map.steps.map((step, i) => ({ ...step, systems: SIX_SYSTEMS.slice(0, i % 7) })),
  };
}

describe("invariants still hold with systems and long names", () => {
  it.each(AWKWARD_MAPS)("%s", async (_name, make) => {
    const map = withSystemsAndNames(make());
    const layout = await layoutMap(elk, map, { mode: "auto" });
    expect(layoutViolations(map, layout)).toEqual([]);
    for (const box of layout.steps) expect(chipProblems(box)).toEqual([]);
  });

  it("random maps", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryMap({ maxSteps: 16 }), async (raw) => {
        const map = withSystemsAndNames(raw);
        const layout = await layoutMap(elk, map, { mode: "auto" });
        expect(layoutViolations(map, layout)).toEqual([]);
      }),
      { numRuns: 30, seed: 20261128 },
    );
  });
});
