/**
 * A PDF to build, as a message: what the Export dialog asks the PDF worker (pdf.worker.ts) for,
 * and its answer. Plain data both ways: the map and its layout, or the slides' SVG; the bytes come
 * back as a transferred buffer. Types and a guard only, so the page's export chunk does not load
 * pdfkit to speak to the worker.
 */
import type { MapPdfOptions } from "../../export/pdf/build-pdf";
import type { MapLayout } from "../../layout/types";
import type { HandoffMap } from "../../model/types";

export type PdfJob =
  | { kind: "map"; map: HandoffMap; layout: MapLayout; options: Omit<MapPdfOptions, "fonts"> }
  | { kind: "slides"; slides: ReadonlyArray<{ svg: string }>; title: string };

/** Where the worker fetches DejaVu Sans (the app's own font files, by URL). */
export interface PdfFontUrls {
  regular: string;
  bold: string;
}

export interface PdfRequest {
  id: number;
  job: PdfJob;
  fonts: PdfFontUrls;
}

export type PdfResponse =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; error: string };

export function isPdfResponse(value: unknown): value is PdfResponse {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "number" &&
    ((v.ok === true && v.bytes instanceof Uint8Array) || (v.ok === false && typeof v.error === "string"))
  );
}
