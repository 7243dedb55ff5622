/**
 * Builds a PDF job (pdf-protocol.ts), on whichever thread it runs: in the PDF worker, or on the
 * page where no worker can be made. Loads pdfkit: imported by the worker, and by the page only
 * lazily.
 */
import { buildMapPdf, buildSlidesPdf, type PdfFonts } from "../../export/pdf/build-pdf";
import type { PdfFontUrls, PdfJob } from "./pdf-protocol";

export function buildPdf(job: PdfJob, fonts: PdfFonts): Promise<Uint8Array> {
  return job.kind === "map"
    ? buildMapPdf(job.map, job.layout, { ...job.options, fonts })
    : buildSlidesPdf(job.slides, { fonts, title: job.title });
}

/** DejaVu Sans from the app's font files; a failed fetch says which status it got. */
export async function fetchPdfFonts(urls: PdfFontUrls): Promise<PdfFonts> {
  const load = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the PDF font could not be loaded (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [regular, bold] = await Promise.all([load(urls.regular), load(urls.bold)]);
  return { regular, bold };
}
