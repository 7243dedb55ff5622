/** The title, description and one-line summary above the diagram, growing upwards from y = 0. */
import { wrapText } from "../../layout/text-metrics";
import type { RegisterRow } from "../../model/register-rows";
import type { HandoffMap } from "../../model/types";
import type { SvgTheme } from "../svg-theme";
import { textBlock } from "./svg-markup";

/** Space around the whole document, in layout units. */
export const MARGIN = 32;
const TITLE_FONT = 24;
const SUBTITLE_FONT = 13;
const SUMMARY_FONT = 11.5;

export interface TitleBlock {
  parts: string[];
  /** The document's top edge (negative: above the diagram). */
  top: number;
}

export function drawTitleBlock(
  map: HandoffMap,
  rows: readonly RegisterRow[],
  theme: SvgTheme,
  contentWidth: number,
): TitleBlock {
  const titleLines = wrapText(map.title.trim() === "" ? "Untitled map" : map.title, contentWidth, {
    fontSize: TITLE_FONT,
    weight: "bold",
  }).lines;
  const subtitleLines =
    map.description.trim() === ""
      ? []
      : wrapText(map.description, contentWidth, { fontSize: SUBTITLE_FONT, maxLines: 3 }).lines;
  const titleLineHeight = Math.round(TITLE_FONT * 1.25);
  const subtitleLineHeight = Math.round(SUBTITLE_FONT * 1.45);
  const summaryLines = wrapText(mapSummary(map, rows), contentWidth, { fontSize: SUMMARY_FONT }).lines;
  const summaryLineHeight = Math.round(SUMMARY_FONT * 1.45);
  const subtitleHeight = subtitleLines.length > 0 ? 6 + subtitleLines.length * subtitleLineHeight : 0;
  const titleHeight =
    titleLines.length * titleLineHeight + subtitleHeight + 4 + summaryLines.length * summaryLineHeight;
  const top = -(MARGIN + titleHeight + 22);

  const parts: string[] = [];
  parts.push(
    textBlock({
      lines: titleLines,
      x: 0,
      top: top + MARGIN,
      fontSize: TITLE_FONT,
      lineHeight: titleLineHeight,
      fill: theme.title,
      weight: "bold",
      extra: [["data-role", "title"]],
    }),
  );
  if (subtitleLines.length > 0) {
    parts.push(
      textBlock({
        lines: subtitleLines,
        x: 0,
        top: top + MARGIN + titleLines.length * titleLineHeight + 6,
        fontSize: SUBTITLE_FONT,
        lineHeight: subtitleLineHeight,
        fill: theme.subtitle,
        extra: [["data-role", "description"]],
      }),
    );
  }

  parts.push(
    textBlock({
      lines: summaryLines,
      x: 0,
      top: top + MARGIN + titleLines.length * titleLineHeight + subtitleHeight + 4,
      fontSize: SUMMARY_FONT,
      lineHeight: summaryLineHeight,
      fill: theme.subtitle,
      weight: "bold",
      extra: [["data-role", "summary"]],
    }),
  );
  return { parts, top };
}

/** "7 lanes · 3 phases · 13 steps · 15 handoffs · 17 edge cases, 13 open". */
function mapSummary(map: HandoffMap, rows: readonly RegisterRow[]): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const open = rows.filter((r) => r.edgeCase.status === "open").length;
  return [
    count(map.lanes.length, "lane", "lanes"),
    count(map.phases.length, "phase", "phases"),
    count(map.steps.length, "step", "steps"),
    count(map.handoffs.length, "handoff", "handoffs"),
    `${count(rows.length, "edge case", "edge cases")}${rows.length > 0 ? `, ${open} open` : ""}`,
  ].join("  ·  ");
}
