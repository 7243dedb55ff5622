/// <reference lib="webworker" />
/**
 * The PDF worker: builds the Export dialog's PDFs (pdf-job.ts) off the page's thread, so a big
 * map's build (seconds at a thousand steps) never freezes the editor. Fonts are fetched once per
 * worker and kept; the bytes go back as a transferred buffer.
 */
import type { PdfFonts } from "../../export/pdf/build-pdf";
import { buildPdf, fetchPdfFonts } from "./pdf-job";
import type { PdfRequest, PdfResponse } from "./pdf-protocol";

declare const self: DedicatedWorkerGlobalScope;

let fonts: Promise<PdfFonts> | null = null;

self.onmessage = (event: MessageEvent<PdfRequest>) => {
  const { id, job, fonts: urls } = event.data;
  fonts ??= fetchPdfFonts(urls);
  fonts.catch(() => {
    fonts = null; // the next export tries again
  });
  void fonts
    .then((loaded) => buildPdf(job, loaded))
    .then(
      (bytes) => {
        const response: PdfResponse = { id, ok: true, bytes };
        self.postMessage(response, [bytes.buffer]);
      },
      (error: unknown) => {
        const response: PdfResponse = {
          id,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        };
        self.postMessage(response);
      },
    );
};
