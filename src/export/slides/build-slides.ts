/**
 * A deck: one 16:9 slide per phase, in journey order (left to right), each with the phase's steps
 * and every handoff that enters or leaves it (the other end drawn as a dashed stub at the edge,
 * named). A phase whose slide would draw labels smaller than MIN_SLIDE_LABEL_PX is split into
 * lane groups, top to bottom, until each fits or holds one lane.
 *
 * The layout is passed in (ELK in-process in the CLI, the worker in the editor): this module
 * stays pure and deterministic.
 */
import type { LayoutMetrics } from "../../layout/metrics";
import type { MapLayout } from "../../layout/types";
import type { HandoffMap, Phase } from "../../model/types";
import type { SvgThemeName } from "../../theme/svg-theme";
import type { ExportParts } from "../export-parts";
import { renderSvg } from "../render-svg";
import { type ComposedSlide, composeSlide, MIN_SLIDE_LABEL_PX } from "./compose-slide";
import { type MapSlice, type PhaseOf, sliceMap } from "./slice-map";

/** Lays out a slice with the given metrics (auto mode: a slice has no positions). */
export type LayoutSlice = (map: HandoffMap, metrics: Partial<LayoutMetrics>) => Promise<MapLayout>;

/**
 * Tighter than the canvas's: narrower boxes (a slide has height to spare, not width), a narrower
 * lane header and column gap, so a phase of a workshop map draws its labels at 14 px or more.
 */
export const SLIDE_LAYOUT_METRICS: Readonly<Partial<LayoutMetrics>> = Object.freeze({
  stepMinWidth: 100,
  stepMaxWidth: 132,
  laneHeaderWidth: 112,
  columnGap: 32,
  phasePadding: 16,
  minPhaseWidth: 120,
});

export interface Slide extends ComposedSlide {
  /** 1-based, journey order. */
  number: number;
  /** File name without extension: "01-engagement", "02-execution-1". */
  name: string;
  title: string;
  /** The phase shown, or null for a map without phases. */
  phaseId: string | null;
  /** The lanes shown (the phase's lanes, or a group of them). */
  lanes: readonly string[];
  slice: MapSlice;
}

export interface SlideOptions {
  theme?: SvgThemeName;
  /** Where unphased steps belong (from the full map's layout); default: their own `phase`. */
  phaseOf?: PhaseOf;
  /** Legend on each slide. Default true. */
  legend?: boolean;
  /** Only these lanes (lane focus); steps in other lanes become stubs. Default: every lane. */
  lanes?: readonly string[];
}

const SLIDE_PARTS: ExportParts = { title: false, diagram: true, legend: true, register: false };
const NO_LEGEND: ExportParts = { ...SLIDE_PARTS, legend: false };

/** "Deal desk & orders" -> "deal-desk-orders"; never empty. */
export function fileSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug === "" ? "slide" : slug;
}

interface Planned {
  phase: Phase | null;
  lanes: readonly string[];
  slice: MapSlice;
  composed: ComposedSlide;
}

/**
 * @example
 * const slides = await buildSlides(map, async (m) => (await run(m, { mode: "auto" })).layout);
 * slides.map((s) => `${s.name}.svg`) // ["01-engagement.svg", "02-execution.svg", "03-continuity.svg"]
 */
export async function buildSlides(
  map: HandoffMap,
  layoutSlice: LayoutSlice,
  options: SlideOptions = {},
): Promise<Slide[]> {
  const phaseOf = options.phaseOf ?? ((step) => step.phase);
  const theme = options.theme ?? "light";
  const parts = options.legend === false ? NO_LEGEND : SLIDE_PARTS;
  const title = map.title.trim() === "" ? "Untitled map" : map.title.trim();
  const phases: (Phase | null)[] =
    map.phases.length === 0
      ? [null]
      : map.phases.filter((phase) =>
          map.steps.some(
            (step) =>
              phaseOf(step) === phase.id &&
              (options.lanes === undefined || options.lanes.includes(step.lane)),
          ),
        );

  const draw = async (phase: Phase | null, lanes: readonly string[], kicker: string, name: string) => {
    const slice = sliceMap(map, { ...(phase === null ? {} : { phases: [phase.id] }), lanes }, phaseOf);
    const layout = await layoutSlice(slice.map, SLIDE_LAYOUT_METRICS);
    const svg = renderSvg(slice.map, layout, { theme, parts, stubs: new Set(slice.stubs.keys()) });
    return { slice, composed: composeSlide(svg, { kicker, title: name, note: "" }, theme) };
  };

  const planned: Planned[] = [];
  for (const [index, phase] of phases.entries()) {
    const phaseLanes = map.lanes
      .filter((lane) => options.lanes === undefined || options.lanes.includes(lane.id))
      .filter((lane) =>
        map.steps.some((s) => s.lane === lane.id && (phase === null || phaseOf(s) === phase.id)),
      )
      .map((lane) => lane.id);
    const kicker = phase === null ? title : `${title}  ·  Phase ${index + 1} of ${phases.length}`;
    const name = phase === null ? "All steps" : phase.name.trim() === "" ? `Phase ${index + 1}` : phase.name;
    // Split the lanes until every group's labels are readable (or a group is one lane).
    const queue: (readonly string[])[] = [phaseLanes];
    const done: { lanes: readonly string[]; slice: MapSlice; composed: ComposedSlide }[] = [];
    while (queue.length > 0) {
      const lanes = queue.shift() as readonly string[];
      const { slice, composed } = await draw(phase, lanes, kicker, name);
      // Fewer lanes make a drawing shorter, not narrower: split only a drawing held by its height.
      if (composed.smallestLabelPx >= MIN_SLIDE_LABEL_PX || lanes.length <= 1 || !composed.heightBound) {
        done.push({ lanes, slice, composed });
        continue;
      }
      const half = splitLanes(map, lanes, phase, phaseOf);
      queue.unshift(half[0], half[1]);
    }
    if (done.length === 1) {
      const only = done[0] as (typeof done)[number];
      planned.push({ phase, ...only });
      continue;
    }
    // Redraw each group with its part number in the title: "Execution (1 of 2)".
    for (const [part, group] of done.entries()) {
      const laneNames = group.lanes.map((id) => map.lanes.find((l) => l.id === id)?.name ?? id).join(", ");
      const redrawn = await draw(
        phase,
        group.lanes,
        `${kicker}  ·  ${laneNames}`,
        `${name} (${part + 1} of ${done.length})`,
      );
      planned.push({ phase, lanes: group.lanes, ...redrawn });
    }
  }

  const width = Math.max(2, String(planned.length).length);
  const seen = new Map<string, number>();
  return planned.map((entry, i) => {
    const base = fileSlug(entry.phase?.name ?? "all-steps");
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const stem = count === 1 ? base : `${base}-${count}`;
    return {
      ...entry.composed,
      number: i + 1,
      name: `${String(i + 1).padStart(width, "0")}-${stem}`,
      title: entry.phase?.name ?? "All steps",
      phaseId: entry.phase?.id ?? null,
      lanes: entry.lanes,
      slice: entry.slice,
    };
  });
}

/** Two contiguous lane groups with about as many of the phase's steps each. */
function splitLanes(
  map: HandoffMap,
  lanes: readonly string[],
  phase: Phase | null,
  phaseOf: PhaseOf,
): [readonly string[], readonly string[]] {
  const counts = lanes.map(
    (lane) => map.steps.filter((s) => s.lane === lane && (phase === null || phaseOf(s) === phase.id)).length,
  );
  const total = counts.reduce((a, b) => a + b, 0);
  let running = 0;
  let cut = 1;
  for (let i = 0; i < lanes.length - 1; i++) {
    running += counts[i] ?? 0;
    cut = i + 1;
    if (running * 2 >= total) break;
  }
  return [lanes.slice(0, cut), lanes.slice(cut)];
}
