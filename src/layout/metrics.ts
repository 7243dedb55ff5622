/**
 * Sizes shared by the layout, the canvas and the SVG export, so that all three draw the same boxes
 * with the same text lines. Change a number here and every surface follows.
 */
import { assertNever } from "../model/assert-never";
import type { StepKind } from "../model/types";
import { textWidth, wrapText } from "./text-metrics";
import type { Rect, StepSystems, SystemChip } from "./types";

export interface LayoutMetrics {
  /** Step label font size, px. */
  stepFontSize: number;
  /** Distance between label baselines, px. */
  stepLineHeight: number;
  stepPaddingX: number;
  stepPaddingY: number;
  stepMinWidth: number;
  stepMaxWidth: number;
  stepMinHeight: number;
  /** Labels longer than this many lines end with "…". */
  stepMaxLines: number;
  laneHeaderWidth: number;
  phaseHeaderHeight: number;
  /** Empty space above the first and below the last step of a lane band. */
  lanePadding: number;
  minLaneHeight: number;
  /** Empty space between a phase column's border and its first/last step column. */
  phasePadding: number;
  minPhaseWidth: number;
  /** Horizontal space between two step columns in the same phase. */
  columnGap: number;
  /** Vertical space between two steps stacked in the same lane and column. */
  rowGap: number;
  /** Distance a handoff route keeps from boxes it passes, and the length of its first and last leg. */
  routeMargin: number;
  /** Systems chips: text size, chip height, text inset left and right, px. */
  systemsFontSize: number;
  systemsChipHeight: number;
  systemsChipPaddingX: number;
  /** Between two chips of a row, and between two rows. */
  systemsChipGap: number;
  /** Between the label's last line and the first row of chips. */
  systemsGap: number;
  /** Chips beyond this many rows are counted in a "+n" chip instead. */
  systemsMaxRows: number;
}

export const DEFAULT_METRICS: Readonly<LayoutMetrics> = Object.freeze({
  stepFontSize: 13,
  stepLineHeight: 17,
  stepPaddingX: 12,
  stepPaddingY: 10,
  stepMinWidth: 120,
  stepMaxWidth: 200,
  stepMinHeight: 48,
  stepMaxLines: 4,
  laneHeaderWidth: 160,
  phaseHeaderHeight: 40,
  lanePadding: 24,
  minLaneHeight: 96,
  phasePadding: 28,
  minPhaseWidth: 200,
  columnGap: 64,
  rowGap: 32,
  routeMargin: 12,
  systemsFontSize: 10,
  systemsChipHeight: 16,
  systemsChipPaddingX: 6,
  systemsChipGap: 4,
  systemsGap: 6,
  systemsMaxRows: 2,
});

export const STEP_FONT_SIZE = DEFAULT_METRICS.stepFontSize;
export const STEP_LINE_HEIGHT = DEFAULT_METRICS.stepLineHeight;
export const STEP_PADDING_X = DEFAULT_METRICS.stepPaddingX;
export const STEP_PADDING_Y = DEFAULT_METRICS.stepPaddingY;
export const STEP_MIN_WIDTH = DEFAULT_METRICS.stepMinWidth;
export const STEP_MAX_WIDTH = DEFAULT_METRICS.stepMaxWidth;
export const STEP_MAX_LINES = DEFAULT_METRICS.stepMaxLines;
export const LANE_HEADER_WIDTH = DEFAULT_METRICS.laneHeaderWidth;
export const PHASE_HEADER_HEIGHT = DEFAULT_METRICS.phaseHeaderHeight;

/** Fills any knob left out with its default. */
export function resolveMetrics(overrides: Partial<LayoutMetrics> = {}): LayoutMetrics {
  return { ...DEFAULT_METRICS, ...overrides };
}

export interface StepSize {
  width: number;
  height: number;
  lines: string[];
  truncated: boolean;
  /** Relative to the box: see StepBox.textArea. */
  textArea: Rect;
  /** Relative to the box: see StepBox.systems. Undefined when there are no systems. */
  systems?: StepSystems;
}

/** What besides the label decides a step's box. */
export interface StepContent {
  /** Default "task". Decisions and start/end get room for their shape's slanted or round ends. */
  kind?: StepKind;
  systems?: readonly string[];
}

/** Text inside a drawn outline keeps at least this from it, px (render-svg's diamond uses 4). */
const OUTLINE_MARGIN = 4;

/**
 * How far the drawn outline of a step is inset from the box's left (and right) side at `d` px
 * above or below the box's middle. Mirrors render-svg.ts: a decision is a hexagon inset 1 px with
 * 45-degree points (`decisionOutline` draws exactly that when the text fits it, which this sizing
 * guarantees); start and end are pills (corner radius half the shorter side); a task's rx-6
 * corners are inside its vertical padding.
 */
function outlineInset(kind: StepKind, width: number, height: number, d: number): number {
  switch (kind) {
    case "task":
      return 0;
    case "start":
    case "end": {
      const r = Math.min(width, height) / 2;
      const straight = height / 2 - r;
      if (d <= straight) return 0;
      const dy = Math.min(r, d - straight);
      return r - Math.sqrt(r * r - dy * dy);
    }
    case "decision": {
      const half = (height - 2) / 2;
      const k = Math.min(half, (width - 2) / 2);
      return 1 + (half > 0 ? (k * Math.min(d, half)) / half : 0);
    }
    default:
      return assertNever(kind);
  }
}

/**
 * Horizontal room for text `d` px from the middle of a box, after padding and outline: whole
 * pixels, the same on both sides, so the text area starts at a whole pixel too.
 */
function textRoom(kind: StepKind, width: number, height: number, d: number, metrics: LayoutMetrics): number {
  const side = Math.max(metrics.stepPaddingX, outlineInset(kind, width, height, d) + OUTLINE_MARGIN);
  return width - 2 * Math.ceil(side);
}

interface ChipRows {
  /** Per row: chips with x relative to the row's left end. */
  rows: Array<Array<{ text: string; width: number; system: number | null; x: number }>>;
  rowWidths: number[];
  overflow: number;
  /** Chips whose name was shortened with "…". */
  shortened: number;
}

/** How bad a chip layout is: a hidden system is worse than a shortened one, both worse than a row. */
function chipCost(c: ChipRows): number {
  return 10 * c.overflow + 3 * c.shortened + c.rows.length;
}

/**
 * Greedy flow of the systems into rows at most `room` wide and at most `maxRows` rows; what does
 * not fit is counted in a "+n" chip at the end of the last row (chips are dropped from that row
 * until "+n" fits beside them).
 */
function flowChips(
  systems: ReadonlyArray<{ text: string; index: number }>,
  room: number,
  metrics: LayoutMetrics,
  maxChip = room,
): ChipRows {
  const font = metrics.systemsFontSize;
  const pad = metrics.systemsChipPaddingX;
  const gap = metrics.systemsChipGap;
  const widest = Math.min(room, maxChip);
  const chipOf = (text: string, system: number | null) => {
    const natural = Math.ceil(textWidth(text, font) + 2 * pad);
    if (natural <= widest) return { text, width: natural, system, x: 0 };
    const shown =
      wrapText(text, Math.max(1, widest - 2 * pad), { fontSize: font, maxLines: 1 }).lines[0] ?? "…";
    // An ellipsis that still overflows (a box narrower than one glyph) keeps the room as its width.
    return {
      text: shown,
      width: Math.min(widest, Math.ceil(textWidth(shown, font) + 2 * pad)),
      system,
      x: 0,
    };
  };
  const rows: ChipRows["rows"] = [];
  let row: ChipRows["rows"][number] = [];
  let used = 0;
  let shown = 0;
  for (const system of systems) {
    const chip = chipOf(system.text, system.index);
    if (row.length > 0 && used + gap + chip.width > room) {
      rows.push(row);
      row = [];
      used = 0;
    }
    if (rows.length >= metrics.systemsMaxRows) break;
    chip.x = row.length === 0 ? 0 : used + gap;
    used = chip.x + chip.width;
    row.push(chip);
    shown++;
  }
  if (row.length > 0 && rows.length < metrics.systemsMaxRows) rows.push(row);
  let overflow = systems.length - shown;
  if (overflow > 0) {
    const last = rows[rows.length - 1] ?? [];
    if (rows.length === 0) rows.push(last);
    const end = () => {
      const tail = last[last.length - 1];
      return tail ? tail.x + tail.width + gap : 0;
    };
    let more = chipOf(`+${overflow}`, null);
    while (last.length > 0 && end() + more.width > room) {
      last.pop();
      overflow++;
      more = chipOf(`+${overflow}`, null);
    }
    more.x = end();
    last.push(more);
  }
  const rowWidths = rows.map((r) => {
    const tail = r[r.length - 1];
    return tail ? tail.x + tail.width : 0;
  });
  const names = new Map(systems.map((s) => [s.index, s.text]));
  const shortened = rows.flat().filter((c) => c.system !== null && c.text !== names.get(c.system)).length;
  return { rows, rowWidths, overflow, shortened };
}

/** Height of the label and chips block. */
function contentHeight(lineCount: number, chipRows: number, metrics: LayoutMetrics): number {
  const label = lineCount * metrics.stepLineHeight;
  if (chipRows === 0) return label;
  return (
    label +
    metrics.systemsGap +
    chipRows * metrics.systemsChipHeight +
    (chipRows - 1) * metrics.systemsChipGap
  );
}

/**
 * The box a step needs: the label wrapped to the room its shape leaves (at most stepMaxLines
 * lines), and below it the systems as chips (wrapped, at most systemsMaxRows rows, a "+n" chip
 * for the rest), the whole block centred in the box. Width rounded up to whole pixels and
 * clamped to [stepMinWidth, stepMaxWidth]; height at least stepMinHeight.
 *
 * Shapes: a decision's block lies inside the hexagon render-svg.ts draws (45-degree points as
 * long as the box is half-high), a start/end's inside its pill, with OUTLINE_MARGIN to spare.
 * The returned `textArea` is that block's rectangle, `systems` the chips, both relative to the
 * box's top-left corner.
 *
 * @example measureStep("Qualify lead") // { width: 120, height: 48, lines: ["Qualify lead"], ... }
 * @example measureStep("Route lead", DEFAULT_METRICS, { systems: ["CRM", "Routing engine"] }).systems?.chips.length // 2
 */
export function measureStep(
  label: string,
  metrics: LayoutMetrics = DEFAULT_METRICS,
  content: StepContent = {},
): StepSize {
  const kind = content.kind ?? "task";
  const systems: Array<{ text: string; index: number }> = [];
  (content.systems ?? []).forEach((text, index) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (trimmed !== "") systems.push({ text: trimmed, index });
  });
  // A decision's slanted ends take room from every line: its box may grow past stepMaxWidth (by
  // up to half) until its longest word fits whole, rather than cut the word ("qualific" /
  // "ation" on a slide's narrower boxes). Never narrower than before; other kinds unchanged.
  const longestWord = label
    .split(/\s+/)
    .reduce((w, word) => Math.max(w, textWidth(word, metrics.stepFontSize)), 0);
  let maxW = metrics.stepMaxWidth;
  const wrapAt = (room: number) =>
    wrapText(label, Math.max(1, room), { fontSize: metrics.stepFontSize, maxLines: metrics.stepMaxLines });
  const widestOf = (lines: readonly string[]) =>
    lines.reduce((w, line) => Math.max(w, textWidth(line, metrics.stepFontSize)), 0);

  // The room at the widest box depends on the block's height (slanted and round ends), and the
  // block's height on the wrapping: start from one line and grow until the two agree. Both only
  // grow, and lines and chip rows are capped, so this ends after a few rounds.
  let block = contentHeight(1, 0, metrics);
  let wrapped = wrapAt(maxW - 2 * metrics.stepPaddingX);
  let chips: ChipRows = { rows: [], rowWidths: [], overflow: 0, shortened: 0 };
  for (let round = 0; round < 12; round++) {
    const height = Math.max(metrics.stepMinHeight, block + 2 * metrics.stepPaddingY);
    let room = Math.floor(textRoom(kind, maxW, height, block / 2, metrics));
    const limit = Math.floor(metrics.stepMaxWidth * 1.5);
    // Only when that makes the word whole: a word too long for any box is cut as before.
    if (
      kind === "decision" &&
      room < longestWord &&
      textRoom(kind, limit, height, block / 2, metrics) >= longestWord
    )
      while (room < longestWord && maxW < limit) {
        maxW += 2;
        room = Math.floor(textRoom(kind, maxW, height, block / 2, metrics));
      }
    wrapped = wrapAt(room);
    if (systems.length > 0) {
      // Least hidden, then least shortened, then fewest rows (chipCost), then the narrowest box:
      // rows as wide as the label or the widest chip; else the full room; else the full room
      // with long names shortened to half a row, so that more of them show.
      const widestChip = systems.reduce(
        (w, s) =>
          Math.max(
            w,
            Math.ceil(textWidth(s.text, metrics.systemsFontSize) + 2 * metrics.systemsChipPaddingX),
          ),
        0,
      );
      const narrow = Math.min(room, Math.max(Math.ceil(widestOf(wrapped.lines)), widestChip));
      chips = flowChips(systems, narrow, metrics);
      if (narrow < room && (chips.rows.length > 1 || chips.overflow > 0)) {
        const wide = flowChips(systems, room, metrics);
        if (chipCost(wide) < chipCost(chips)) chips = wide;
      }
      if (chips.overflow > 0) {
        const halves = flowChips(systems, room, metrics, Math.floor((room - metrics.systemsChipGap) / 2));
        if (chipCost(halves) < chipCost(chips)) chips = halves;
      }
    }
    const next = contentHeight(wrapped.lines.length, chips.rows.length, metrics);
    if (next <= block) break;
    block = next;
  }
  block = contentHeight(wrapped.lines.length, chips.rows.length, metrics);
  const tall = Math.max(metrics.stepMinHeight, block + 2 * metrics.stepPaddingY);
  // One pixel more when needed to centre the block on a whole pixel.
  const height = tall + ((tall - block) % 2);
  const contentWidth = Math.max(widestOf(wrapped.lines), ...chips.rowWidths);
  // The narrowest width whose room holds the block (the room grows with the width).
  let width = Math.min(
    maxW,
    Math.max(metrics.stepMinWidth, Math.ceil(contentWidth + 2 * metrics.stepPaddingX)),
  );
  while (width < maxW && textRoom(kind, width, height, block / 2, metrics) < contentWidth) width++;
  const room = textRoom(kind, width, height, block / 2, metrics);
  // Whole pixels throughout (textRoom keeps width - room even, and so does the height above).
  const textArea: Rect = { x: (width - room) / 2, y: (height - block) / 2, width: room, height: block };

  const size: StepSize = { width, height, lines: wrapped.lines, truncated: wrapped.truncated, textArea };
  if (chips.rows.length > 0) {
    const placed: SystemChip[] = [];
    let y = textArea.y + wrapped.lines.length * metrics.stepLineHeight + metrics.systemsGap;
    chips.rows.forEach((row, r) => {
      const left = Math.floor((width - (chips.rowWidths[r] ?? 0)) / 2);
      for (const chip of row) {
        placed.push({
          text: chip.text,
          system: chip.system,
          x: left + chip.x,
          y,
          width: chip.width,
          height: metrics.systemsChipHeight,
        });
      }
      y += metrics.systemsChipHeight + metrics.systemsChipGap;
    });
    size.systems = { chips: placed, overflow: chips.overflow, fontSize: metrics.systemsFontSize };
  }
  return size;
}

/**
 * Lane and phase names in the header column and row, as render-svg.ts draws them: bold, wrapped,
 * never cut short. The layout makes each lane band and the phase header row tall enough for the
 * name at HEADER_NAME_FONT, so the exporter never has to shrink or overflow it.
 */
export const HEADER_NAME_FONT = 13;
export const HEADER_NAME_LINE_HEIGHT = Math.round(HEADER_NAME_FONT * 1.3);
/** A lane name wraps to the header column's width less 2 x 12 and keeps 6 px above and below. */
export const LANE_NAME_INSET = Object.freeze({ x: 12, y: 6 });
/** A phase name wraps to its column's width less 2 x 10 and keeps 5 px above and below. */
export const PHASE_NAME_INSET = Object.freeze({ x: 10, y: 5 });

/** The lines of a header name wrapped to `width` at `fontSize` (bold), as the exporter wraps it. */
export function wrapHeaderName(name: string, width: number, fontSize = HEADER_NAME_FONT): string[] {
  return wrapText(name, Math.max(width, fontSize), { fontSize, weight: "bold" }).lines;
}

/** The band height a lane's name needs in a header column `laneHeaderWidth` wide. */
export function laneNameHeight(name: string, laneHeaderWidth: number): number {
  const lines = wrapHeaderName(name, laneHeaderWidth - 2 * LANE_NAME_INSET.x);
  return lines.length * HEADER_NAME_LINE_HEIGHT + 2 * LANE_NAME_INSET.y;
}

/** The header row height a phase's name needs in a column `columnWidth` wide. */
export function phaseNameHeight(name: string, columnWidth: number): number {
  const lines = wrapHeaderName(name, columnWidth - 2 * PHASE_NAME_INSET.x);
  return lines.length * HEADER_NAME_LINE_HEIGHT + 2 * PHASE_NAME_INSET.y;
}
