/**
 * One 16:9 slide (1920 x 1080 user units, the pixels of a full-HD slide) around a drawing made by
 * renderSvg: a title block at the top, the drawing (diagram and legend) scaled to fill the rest,
 * never cut. The drawing is placed with one `<g transform>`, which every renderer draws the same
 * (resvg, browsers, svg-to-pdfkit), and keeps its text as text.
 */
import { HANDOFF_LABEL_FONT } from "../../layout/handoff-label";
import { FONT_FAMILY, textWidth, wrapText } from "../../layout/text-metrics";
import { type SvgThemeName, svgTheme } from "../../theme/svg-theme";
import { escapeXmlAttr, escapeXmlText } from "../svg-escape";

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
const PAD = 44;
const TOP = 36;
const KICKER_FONT = 20;
const TITLE_FONT = 40;
const NOTE_FONT = 18;
/** The smallest label renderSvg draws in a diagram (handoff labels): what "readable" is held to. */
export const SMALLEST_LABEL_FONT = HANDOFF_LABEL_FONT;
/** Labels at least this many pixels tall on a 1920 x 1080 slide. */
export const MIN_SLIDE_LABEL_PX = 14;

export interface SlideText {
  /** Small line above the title: "RevOps customer lifecycle · Phase 2 of 3". */
  kicker: string;
  /** The slide's title: the phase name. */
  title: string;
  /** A line under the title, e.g. what the dashed boxes mean; "" for none. */
  note: string;
}

export interface ComposedSlide {
  svg: string;
  /** Slide pixels per drawing unit. */
  scale: number;
  /** The drawn height of the smallest diagram label, in slide pixels. */
  smallestLabelPx: number;
  /** The drawing fills the slide's height (rather than its width): fewer lanes would enlarge it. */
  heightBound: boolean;
  /** The drawing's own size, in its units. */
  drawingWidth: number;
  drawingHeight: number;
}

function n(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** The root `<svg>`'s viewBox and everything inside it, from a document renderSvg made. */
export function innerDrawing(svg: string): {
  x: number;
  y: number;
  width: number;
  height: number;
  body: string;
} {
  const open = /<svg\b[^>]*>/.exec(svg);
  const close = svg.lastIndexOf("</svg>");
  if (open === null || close < 0) throw new Error("not an SVG document");
  const box = /\sviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(open[0]);
  if (box === null) throw new Error("the SVG has no viewBox");
  const [x, y, width, height] = box.slice(1, 5).map(Number) as [number, number, number, number];
  return { x, y, width, height, body: svg.slice(open.index + open[0].length, close) };
}

/** Space the drawing may take on a slide: below the title line (and the note), inside the padding. */
export function drawingArea(hasNote: boolean): { x: number; y: number; width: number; height: number } {
  const top = TOP + TITLE_FONT * 1.2 + (hasNote ? NOTE_FONT * 1.6 : 0) + 12;
  return { x: PAD, y: top, width: SLIDE_WIDTH - 2 * PAD, height: SLIDE_HEIGHT - top - 16 };
}

/**
 * @example
 * const { svg, smallestLabelPx } = composeSlide(renderSvg(slice.map, layout, { parts }), text, "light");
 */
export function composeSlide(drawing: string, text: SlideText, themeName: SvgThemeName): ComposedSlide {
  const theme = svgTheme(themeName);
  const inner = innerDrawing(drawing);
  const area = drawingArea(text.note !== "");
  const scale = Math.min(area.width / inner.width, area.height / inner.height);
  const left = area.x + (area.width - inner.width * scale) / 2;
  const width = SLIDE_WIDTH - 2 * PAD;
  // The title, then the kicker on the same baseline after it, both on one line: the drawing gets
  // the height. Each is cut with "…" rather than run off the slide.
  const baseline = TOP + TITLE_FONT;
  const title =
    wrapText(text.title, width * 0.6, { fontSize: TITLE_FONT, weight: "bold", maxLines: 1 }).lines[0] ?? "";
  const kickerX = PAD + textWidth(title, TITLE_FONT, "bold") + 28;
  const kicker =
    wrapText(text.kicker, Math.max(SLIDE_WIDTH - PAD - kickerX, 40), { fontSize: KICKER_FONT, maxLines: 1 })
      .lines[0] ?? "";
  const lines = [
    `<text x="${PAD}" y="${n(baseline)}" font-size="${TITLE_FONT}" font-weight="bold" fill="${escapeXmlAttr(theme.title)}" data-role="slide-title">${escapeXmlText(title)}</text>`,
    `<text x="${n(kickerX)}" y="${n(baseline)}" font-size="${KICKER_FONT}" fill="${escapeXmlAttr(theme.subtitle)}" data-role="slide-kicker">${escapeXmlText(kicker)}</text>`,
  ];
  if (text.note !== "") {
    const note = wrapText(text.note, width, { fontSize: NOTE_FONT, maxLines: 1 }).lines[0] ?? "";
    lines.push(
      `<text x="${PAD}" y="${n(baseline + NOTE_FONT * 1.6)}" font-size="${NOTE_FONT}" fill="${escapeXmlAttr(theme.subtitle)}" data-role="slide-note">${escapeXmlText(note)}</text>`,
    );
  }
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${SLIDE_WIDTH}" height="${SLIDE_HEIGHT}" ` +
    `viewBox="0 0 ${SLIDE_WIDTH} ${SLIDE_HEIGHT}" font-family="${escapeXmlAttr(FONT_FAMILY)}" role="img" data-theme="${theme.name}" data-role="slide">\n` +
    `<title>${escapeXmlText(`${text.title} · ${text.kicker}`)}</title>\n` +
    `<rect x="0" y="0" width="${SLIDE_WIDTH}" height="${SLIDE_HEIGHT}" fill="${escapeXmlAttr(theme.background)}" data-role="background"/>\n` +
    `${lines.join("\n")}\n` +
    `<g transform="translate(${n(left)} ${n(area.y)}) scale(${n(scale)}) translate(${n(-inner.x)} ${n(-inner.y)})" data-role="slide-drawing">` +
    `${inner.body}</g>\n</svg>\n`;
  return {
    svg,
    scale,
    smallestLabelPx: scale * SMALLEST_LABEL_FONT,
    heightBound: area.height / inner.height < area.width / inner.width,
    drawingWidth: inner.width,
    drawingHeight: inner.height,
  };
}
