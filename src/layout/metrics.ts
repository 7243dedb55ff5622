/**
 * Sizes shared by the layout, the canvas and the SVG export, so that all three draw the same boxes
 * with the same text lines. Change a number here and every surface follows.
 */
import { textWidth, wrapText } from "./text-metrics";

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
}

/**
 * The box a label needs: wrapped to the maximum inner width, at most stepMaxLines lines, width
 * rounded up to whole pixels and clamped to [stepMinWidth, stepMaxWidth].
 *
 * @example measureStep("Qualify lead") // { width: 120, height: 48, lines: ["Qualify lead"], ... }
 */
export function measureStep(label: string, metrics: LayoutMetrics = DEFAULT_METRICS): StepSize {
  const innerMax = metrics.stepMaxWidth - 2 * metrics.stepPaddingX;
  const { lines, truncated } = wrapText(label, innerMax, {
    fontSize: metrics.stepFontSize,
    maxLines: metrics.stepMaxLines,
  });
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, textWidth(line, metrics.stepFontSize));
  const width = Math.min(
    metrics.stepMaxWidth,
    Math.max(metrics.stepMinWidth, Math.ceil(widest + 2 * metrics.stepPaddingX)),
  );
  const height = Math.max(
    metrics.stepMinHeight,
    lines.length * metrics.stepLineHeight + 2 * metrics.stepPaddingY,
  );
  return { width, height, lines, truncated };
}
