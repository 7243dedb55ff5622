/**
 * The PDF export: vector, with real text in embedded DejaVu Sans (the font the layout measures
 * for), built with pdfkit and svg-to-pdfkit from the same SVG the SVG export writes. The same
 * code runs in Node (the CLI) and in the browser (the editor): fonts come in as bytes.
 *
 * Pages:
 * 1. the drawing (title, diagram and legend, as the parts say) fitted to the page, or tiled
 *    across pages when fitted it would draw its handoff labels under MIN_LABEL_PT (tiles overlap
 *    by OVERLAP_PT, marked with dashed lines and corner ticks; the footer says row and column);
 * 2. the edge-case register as a table (when the register part is on), under a fitted drawing
 *    when the whole register fits below it, else from the next page;
 * 3. the change plan, a table per owner (when the register part is on);
 * 4. the handoff contracts, when the map has any (with the register part), then the dark zones
 *    (handoffs re-keyed by hand between systems), when it has any.
 *
 * Deterministic: the creation date is fixed (PDF_DATE), so the same input gives the same bytes.
 * Safe: no JavaScript, no links, no external references; every string is pdfkit-escaped text.
 */
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { DEFAULT_METRICS } from "../../layout/metrics";
import type { MapLayout } from "../../layout/types";
import type { HandoffMap } from "../../model/types";
import type { SvgThemeName } from "../../theme/svg-theme";
import { ALL_PARTS, type ExportParts } from "../export-parts";
import { renderSvg } from "../render-svg";
import { innerDrawing } from "../slides/compose-slide";
import { cullIndexed, indexSvg } from "./cull-svg";
import { type Orientation, type PageSize, type PageSizeName, pageSize, SLIDE_PAGE } from "./page-sizes";
import {
  BOLD_FONT,
  drawChangePlanTables,
  drawContractTable,
  drawDarkZoneTable,
  drawRegisterTable,
  hasContracts,
  REGULAR_FONT,
  registerTableHeight,
  type TableArea,
} from "./pdf-tables";
import { planTiles } from "./tile-pages";

/** The two faces every PDF embeds (subsets): DejaVu Sans and DejaVu Sans Bold, as TrueType bytes. */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Every PDF's creation and modification date: fixed, so the bytes depend on the map only. */
export const PDF_DATE = new Date(Date.UTC(2000, 0, 1));
/**
 * Step labels at least this many points on paper, else the drawing is tiled. 4 pt (handoff
 * labels 3.4 pt) is small print that still reads on paper held in the hand: the template fits
 * one A3 page (4.2 pt) and tiles across two A4 pages (2.9 pt fitted).
 */
export const MIN_LABEL_PT = 4;
export const OVERLAP_PT = 24;
/** Between a fitted diagram and the register below it. */
const DRAWING_GAP = 24;
const MARGIN = 28;
const FOOTER = 16;

export interface MapPdfOptions {
  fonts: PdfFonts;
  theme?: SvgThemeName;
  parts?: Readonly<ExportParts>;
  page?: PageSizeName;
  orientation?: Orientation;
  /** Steps drawn as stubs (a lane focus). */
  stubs?: ReadonlySet<string>;
}

function newDocument(fonts: PdfFonts, title: string, size: PageSize): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: [size.width, size.height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: title,
      Producer: "Handoff",
      Creator: "Handoff",
      CreationDate: PDF_DATE,
      ModDate: PDF_DATE,
    },
    displayTitle: true,
    lang: "en",
    // No default font: pdfkit's browser build has no Helvetica to load. DejaVu Sans, registered
    // below, is the default (and only) font everywhere. pdfkit's types say string only.
    //
    // NOTE Not the regular face's bytes either, as this once did: pdfkit then caches the default
    // font under the face's own name only, so every doc.font(REGULAR_FONT) (each text element
    // svg-to-pdfkit draws, each table cell) parsed the whole TrueType file again with fontkit;
    // that was most of a tiled PDF's time (docs/performance-export.md).
    font: null as unknown as string,
  });
  // pdfkit accepts a Buffer in Node and a Uint8Array-backed buffer in its browser build.
  doc.registerFont(REGULAR_FONT, fonts.regular as Buffer);
  doc.registerFont(BOLD_FONT, fonts.bold as Buffer);
  // Opened once each, and cached under the registered names from now on.
  doc.font(BOLD_FONT).font(REGULAR_FONT);
  return doc;
}

async function finish(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  doc.end();
  await ended;
  const total = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const fontFor = (_family: string, bold: boolean) => (bold ? BOLD_FONT : REGULAR_FONT);

/** Draws an SVG document at (x, y) scaled by `scale` (points per SVG unit), clipped to `clip`. */
function drawSvg(
  doc: PDFKit.PDFDocument,
  svg: string,
  x: number,
  y: number,
  scale: number,
  clip: { x: number; y: number; width: number; height: number } | null,
): void {
  const inner = innerDrawing(svg);
  doc.save();
  if (clip !== null) doc.rect(clip.x, clip.y, clip.width, clip.height).clip();
  SVGtoPDF(doc, svg, x, y, {
    width: inner.width * scale,
    height: inner.height * scale,
    preserveAspectRatio: "xMinYMin meet",
    fontCallback: fontFor,
    // Warnings are about SVG features renderSvg does not use; nothing to tell the user.
    warningCallback: () => undefined,
  });
  doc.restore();
}

function footer(doc: PDFKit.PDFDocument, size: PageSize, text: string): void {
  doc
    .font(REGULAR_FONT)
    .fontSize(7.5)
    .fillColor("#64748b")
    .text(text, MARGIN, size.height - MARGIN + 4, {
      width: size.width - 2 * MARGIN,
      lineBreak: false,
      height: 10,
    });
}

/**
 * @example
 * const bytes = await buildMapPdf(map, layout, { fonts, page: "a3" });
 */
export async function buildMapPdf(
  map: HandoffMap,
  layout: MapLayout,
  options: MapPdfOptions,
): Promise<Uint8Array> {
  const parts = options.parts ?? ALL_PARTS;
  const size = pageSize(options.page ?? "a4", options.orientation ?? "landscape");
  const title = map.title.trim() === "" ? "Untitled map" : map.title.trim();
  const doc = newDocument(options.fonts, title, size);
  const area = {
    x: MARGIN,
    y: MARGIN,
    width: size.width - 2 * MARGIN,
    height: size.height - 2 * MARGIN - FOOTER,
  };
  let pageNumber = 0;
  const addPage = (label: string) => {
    doc.addPage({ size: [size.width, size.height], margin: 0 });
    pageNumber += 1;
    footer(doc, size, `${title}  ·  ${label}  ·  page ${pageNumber}`);
  };

  // Where the register may start on the diagram's page: under a fitted diagram with room to spare.
  let registerTop: number | null = null;
  if (parts.title || parts.diagram || parts.legend) {
    const svg = renderSvg(map, layout, {
      theme: options.theme ?? "light",
      parts: { title: parts.title, diagram: parts.diagram, legend: parts.legend, register: false },
      ...(options.stubs === undefined ? {} : { stubs: options.stubs }),
    });
    const inner = innerDrawing(svg);
    const plan = planTiles(inner, area, {
      minScale: MIN_LABEL_PT / DEFAULT_METRICS.stepFontSize,
      overlap: OVERLAP_PT,
    });
    const single = plan.tiles.length === 1;
    const fittedBottom = area.y + (plan.tiles[0]?.height ?? 0) * plan.scale + DRAWING_GAP;
    // A wide swimlane fitted to a landscape page leaves about half of it: the register goes there
    // when all of it fits, never split between the diagram's page and the next.
    if (
      single &&
      parts.register &&
      area.y + area.height - fittedBottom >= registerTableHeight(doc, map, area.width)
    )
      registerTop = fittedBottom;
    // Indexed once; each tile then draws only the lanes, phases, steps and handoffs on it.
    const index = single ? null : indexSvg(svg, layout);
    for (const tile of plan.tiles) {
      addPage(
        single
          ? registerTop === null
            ? "diagram"
            : "diagram and edge-case register"
          : `diagram, row ${tile.row + 1} of ${plan.rows}, column ${tile.column + 1} of ${plan.columns} (tiles overlap by the dashed strip)`,
      );
      const width = tile.width * plan.scale;
      const height = tile.height * plan.scale;
      const clip = { x: area.x, y: area.y, width, height };
      // A fitted drawing is centred; a tile starts at the top-left corner.
      const offsetX = single ? (area.width - width) / 2 : 0;
      // A tile draws only what is on it: drawing the whole diagram on every page made a 200-step
      // map's A3 PDF take a minute (docs/performance-export.md).
      const own =
        index === null
          ? svg
          : cullIndexed(index, {
              x: inner.x + tile.x,
              y: inner.y + tile.y,
              width: tile.width,
              height: tile.height,
            });
      drawSvg(
        doc,
        own,
        area.x + offsetX - tile.x * plan.scale,
        area.y - tile.y * plan.scale,
        plan.scale,
        single ? null : clip,
      );
      if (!single) {
        overlapMarks(
          doc,
          clip,
          plan.overlap * plan.scale,
          tile.column < plan.columns - 1,
          tile.row < plan.rows - 1,
        );
        // A tile past the first column has lost the lane names, past the first row the phase
        // names: repeat them in the overlap strip, whose drawing the previous page also shows.
        if (parts.diagram)
          tileHeaders(doc, map, layout, {
            clip,
            strip: plan.overlap * plan.scale,
            // Page point of a layout point.
            toPage: (x, y) => ({
              x: area.x + (x - inner.x - tile.x) * plan.scale,
              y: area.y + (y - inner.y - tile.y) * plan.scale,
            }),
            lanes: tile.column > 0,
            phases: tile.row > 0,
          });
      }
    }
  }

  if (parts.register) {
    const box = (): TableArea => ({
      left: area.x,
      top: area.y,
      width: area.width,
      bottom: area.y + area.height,
    });
    const newPage = (label: string) => () => {
      addPage(label);
      return box();
    };
    let y = area.y;
    if (registerTop !== null) y = registerTop;
    else if (pageNumber === 0) addPage("edge-case register");
    else newPage("edge-case register")();
    y = drawRegisterTable(doc, map, box(), y, newPage("edge-case register"));
    y = drawChangePlanTables(doc, map, box(), y, newPage("change plan"));
    if (hasContracts(map)) y = drawContractTable(doc, map, newPage("handoff contracts"));
    drawDarkZoneTable(doc, map, box(), y, newPage("dark zones"));
  }
  if (pageNumber === 0) addPage("empty");
  return finish(doc);
}

/** The repeated lane and phase names: small, as the diagram's own 4 pt labels are at this scale. */
const HEADER_PT = 6;

/** `text` cut with "…" to fit `width` points in the bold face at HEADER_PT. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  doc.font(BOLD_FONT).fontSize(HEADER_PT);
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * The lane names (upright, along the left edge) and the phase names (along the top) of a tile
 * that does not show the diagram's own headers, on a white ground in the overlap strip.
 */
function tileHeaders(
  doc: PDFKit.PDFDocument,
  map: HandoffMap,
  layout: MapLayout,
  tile: {
    clip: { x: number; y: number; width: number; height: number };
    strip: number;
    toPage: (x: number, y: number) => { x: number; y: number };
    lanes: boolean;
    phases: boolean;
  },
): void {
  const { clip } = tile;
  const band = Math.min(tile.strip, HEADER_PT * 2);
  const names = (items: readonly { id: string; name: string }[]) =>
    new Map(items.map((item) => [item.id, item.name.trim() === "" ? "(unnamed)" : item.name]));
  doc.save();
  if (tile.lanes) {
    const laneNames = names(map.lanes);
    for (const lane of layout.lanes) {
      const top = Math.max(tile.toPage(0, lane.y).y, clip.y + (tile.phases ? band : 0));
      const bottom = Math.min(tile.toPage(0, lane.y + lane.height).y, clip.y + clip.height);
      const length = bottom - top - 3;
      const name = laneNames.get(lane.id);
      if (name === undefined || length < 20) continue;
      doc
        .rect(clip.x, top + 1, band, bottom - top - 2)
        .fillOpacity(0.9)
        .fill("#ffffff");
      const text = fitted(doc, name, length);
      const cx = clip.x + band / 2;
      const cy = (top + bottom) / 2;
      doc.save().rotate(-90, { origin: [cx, cy] });
      doc
        .fillOpacity(1)
        .fillColor("#334155")
        .text(text, cx - length / 2, cy - HEADER_PT / 2 - 1, {
          width: length,
          align: "center",
          lineBreak: false,
        });
      doc.restore();
    }
  }
  if (tile.phases) {
    const phaseNames = names(map.phases);
    for (const column of layout.phases) {
      const left = Math.max(tile.toPage(column.x, 0).x, clip.x + (tile.lanes ? band : 0));
      const right = Math.min(tile.toPage(column.x + column.width, 0).x, clip.x + clip.width);
      const length = right - left - 6;
      const name = phaseNames.get(column.id);
      if (name === undefined || length < 20) continue;
      doc
        .rect(left + 2, clip.y, right - left - 4, band)
        .fillOpacity(0.9)
        .fill("#ffffff");
      doc
        .fillOpacity(1)
        .fillColor("#334155")
        .text(fitted(doc, name, length), left + 3, clip.y + (band - HEADER_PT) / 2 - 1, {
          width: length,
          align: "center",
          lineBreak: false,
        });
    }
  }
  doc.restore();
}

/**
 * Dashed lines where the next tile's page begins (right and below), and ticks at the corners,
 * so printed tiles can be trimmed and laid over each other.
 */
function overlapMarks(
  doc: PDFKit.PDFDocument,
  clip: { x: number; y: number; width: number; height: number },
  overlap: number,
  right: boolean,
  below: boolean,
): void {
  doc.save().lineWidth(0.6).strokeColor("#64748b").dash(3, { space: 3 });
  if (right) {
    const x = clip.x + clip.width - overlap;
    doc
      .moveTo(x, clip.y)
      .lineTo(x, clip.y + clip.height)
      .stroke();
  }
  if (below) {
    const y = clip.y + clip.height - overlap;
    doc
      .moveTo(clip.x, y)
      .lineTo(clip.x + clip.width, y)
      .stroke();
  }
  doc.undash();
  const tick = 10;
  const corners: [number, number][] = [
    [clip.x, clip.y],
    [clip.x + clip.width, clip.y],
    [clip.x, clip.y + clip.height],
    [clip.x + clip.width, clip.y + clip.height],
  ];
  for (const [cx, cy] of corners) {
    const sx = cx === clip.x ? -1 : 1;
    const sy = cy === clip.y ? -1 : 1;
    doc
      .moveTo(cx + sx * 2, cy)
      .lineTo(cx + sx * (2 + tick), cy)
      .stroke();
    doc
      .moveTo(cx, cy + sy * 2)
      .lineTo(cx, cy + sy * (2 + tick))
      .stroke();
  }
  doc.restore();
}

/** A deck as one PDF: one 16:9 page per slide, each slide's SVG drawn to fill it. */
export async function buildSlidesPdf(
  slides: readonly { svg: string }[],
  options: { fonts: PdfFonts; title: string },
): Promise<Uint8Array> {
  const doc = newDocument(
    options.fonts,
    options.title.trim() === "" ? "Untitled map" : options.title,
    SLIDE_PAGE,
  );
  for (const slide of slides) {
    doc.addPage({ size: [SLIDE_PAGE.width, SLIDE_PAGE.height], margin: 0 });
    const inner = innerDrawing(slide.svg);
    drawSvg(
      doc,
      slide.svg,
      0,
      0,
      Math.min(SLIDE_PAGE.width / inner.width, SLIDE_PAGE.height / inner.height),
      null,
    );
  }
  if (slides.length === 0) doc.addPage({ size: [SLIDE_PAGE.width, SLIDE_PAGE.height], margin: 0 });
  return finish(doc);
}
