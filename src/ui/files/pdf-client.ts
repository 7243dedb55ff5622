/**
 * The page's side of the PDF worker: `build(job)` posts the job to pdf.worker.ts and resolves with
 * the PDF's bytes, or rejects with the worker's error message. One worker serves the exports of a
 * session and stops when idle for IDLE_MS (its fonts and pdfkit go with it); the next export
 * starts a fresh one. Where no Worker can be made, the PDF is built on this thread.
 */
import type { PdfFonts } from "../../export/pdf/build-pdf";
import { isPdfResponse, type PdfFontUrls, type PdfJob, type PdfRequest } from "./pdf-protocol";

/** The part of a Worker the client uses, so tests can pass a stand-in. */
export interface PdfWorkerLike {
  postMessage(message: PdfRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface PdfClientOptions {
  fonts: PdfFontUrls;
  /** Default: the Vite-bundled pdf.worker.ts as a module worker; null builds on this thread. */
  createWorker?: (() => PdfWorkerLike) | null;
  idleMs?: number;
}

export interface PdfClient {
  build(job: PdfJob): Promise<Uint8Array>;
  dispose(): void;
}

export const IDLE_MS = 30_000;

function createDefaultWorker(): PdfWorkerLike {
  // Vite bundles the worker from this literal `new Worker(new URL(...))` form; keep it literal.
  return new Worker(new URL("./pdf.worker.ts", import.meta.url), { type: "module", name: "pdf" });
}

export function createPdfClient(options: PdfClientOptions): PdfClient {
  const createWorker =
    options.createWorker === undefined
      ? typeof Worker === "function"
        ? createDefaultWorker
        : null
      : options.createWorker;
  const idleMs = options.idleMs ?? IDLE_MS;
  const pending = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  let worker: PdfWorkerLike | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  const stop = (reason: string | null) => {
    worker?.terminate();
    worker = undefined;
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.reject(new Error(reason ?? "the PDF export was stopped"));
    }
  };

  const ensureWorker = (make: () => PdfWorkerLike): PdfWorkerLike => {
    if (worker !== undefined) return worker;
    const created = make();
    created.onmessage = (event) => {
      const data = event.data;
      if (!isPdfResponse(data)) return;
      const entry = pending.get(data.id);
      if (entry === undefined) return;
      pending.delete(data.id);
      if (data.ok) entry.resolve(data.bytes);
      else entry.reject(new Error(data.error));
      if (pending.size === 0) idle = setTimeout(() => stop(null), idleMs);
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      stop(`the PDF worker failed: ${event.message || "unknown error"}`);
    };
    worker = created;
    return created;
  };

  let localFonts: Promise<PdfFonts> | null = null;
  const buildHere = async (job: PdfJob) => {
    const { buildPdf, fetchPdfFonts } = await import("./pdf-job");
    localFonts ??= fetchPdfFonts(options.fonts);
    localFonts.catch(() => {
      localFonts = null;
    });
    return buildPdf(job, await localFonts);
  };

  return {
    build(job) {
      if (createWorker === null) return buildHere(job);
      clearTimeout(idle);
      return new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        try {
          ensureWorker(createWorker).postMessage({ id, job, fonts: options.fonts });
        } catch (error) {
          pending.delete(id);
          reject(new Error(`could not start the PDF worker: ${String(error)}`));
        }
      });
    },
    dispose() {
      clearTimeout(idle);
      stop(null);
    },
  };
}
