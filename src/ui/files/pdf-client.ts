/**
 * The page's side of the PDF worker: `build(job)` posts the job to pdf.worker.ts and resolves with
 * the PDF's bytes, or rejects with the worker's error message. One worker serves the exports of a
 * session and stops when idle for IDLE_MS (its fonts and pdfkit go with it); the next export
 * starts a fresh one. Where no worker can be made or its script does not load, the PDF is built
 * on this thread; one that dies or says nothing for timeoutFor(job) fails the export, said.
 */
import type { PdfFonts } from "../../export/pdf/build-pdf";
import { isPdfResponse, type PdfFontUrls, type PdfJob, type PdfRequest } from "./pdf-protocol";

/** The part of a Worker the client uses, so tests can pass a stand-in. */
export interface PdfWorkerLike {
  postMessage(message: PdfRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null;
}

export interface PdfClientOptions {
  fonts: PdfFontUrls;
  /** Default: the Vite-bundled pdf.worker.ts as a module worker; null builds on this thread. */
  createWorker?: (() => PdfWorkerLike) | null;
  idleMs?: number;
  /** How long one PDF may take before its worker is stopped: timeoutFor(job) by default. */
  timeoutMs?: (job: PdfJob) => number;
}

export interface PdfClient {
  build(job: PdfJob): Promise<Uint8Array>;
  dispose(): void;
}

export const IDLE_MS = 30_000;

/**
 * Generous: a 4,000-step A3 PDF takes about 17 s on a loaded 2-core machine; a worker that has
 * died without a word (killed for memory) must not leave the Export dialog waiting for ever.
 */
export function timeoutFor(job: PdfJob): number {
  const size = job.kind === "map" ? job.map.steps.length : job.slides.length * 50;
  return 120_000 + 50 * size;
}

function createDefaultWorker(): PdfWorkerLike {
  // Vite bundles the worker from this literal `new Worker(new URL(...))` form; keep it literal.
  return new Worker(new URL("./pdf.worker.ts", import.meta.url), { type: "module", name: "pdf" });
}

interface Pending {
  job: PdfJob;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createPdfClient(options: PdfClientOptions): PdfClient {
  let createWorker =
    options.createWorker === undefined
      ? typeof Worker === "function"
        ? createDefaultWorker
        : null
      : options.createWorker;
  const idleMs = options.idleMs ?? IDLE_MS;
  const timeoutMs = options.timeoutMs ?? timeoutFor;
  const pending = new Map<number, Pending>();
  let worker: PdfWorkerLike | undefined;
  /** Whether the running worker has answered once: a worker that fails before that never loaded. */
  let answered = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  let localFonts: Promise<PdfFonts> | null = null;
  const buildHere = async (job: PdfJob) => {
    const { buildPdf, fetchPdfFonts } = await import("./pdf-job");
    localFonts ??= fetchPdfFonts(options.fonts);
    localFonts.catch(() => {
      localFonts = null;
    });
    return buildPdf(job, await localFonts);
  };

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (entry === undefined) return undefined;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (pending.size === 0 && worker !== undefined) idle = setTimeout(() => stop(null), idleMs);
    return entry;
  };

  const stop = (reason: string | null) => {
    clearTimeout(idle);
    worker?.terminate();
    worker = undefined;
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new Error(reason ?? "the PDF export was stopped"));
    }
  };

  /**
   * The worker could not load at all (a blocked or missing script, no module workers): this
   * client builds on the page from now on, starting with the jobs that were waiting.
   */
  const fallBack = () => {
    worker?.terminate();
    worker = undefined;
    createWorker = null;
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      buildHere(entry.job).then(entry.resolve, entry.reject);
    }
  };

  const ensureWorker = (make: () => PdfWorkerLike): PdfWorkerLike => {
    if (worker !== undefined) return worker;
    const created = make();
    answered = false;
    created.onmessage = (event) => {
      const data = event.data;
      if (!isPdfResponse(data)) return;
      answered = true;
      const entry = settle(data.id);
      if (entry === undefined) return;
      if (data.ok) entry.resolve(data.bytes);
      else entry.reject(new Error(data.error));
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      if (!answered) fallBack();
      else stop(`the PDF worker failed: ${event.message || "unknown error"}`);
    };
    created.onmessageerror = () => stop("the PDF worker's answer could not be read");
    worker = created;
    return created;
  };

  return {
    build(job) {
      const make = createWorker;
      if (make === null) return buildHere(job);
      clearTimeout(idle);
      return new Promise<Uint8Array>((resolve, reject) => {
        const id = nextId++;
        const limit = timeoutMs(job);
        const timer = setTimeout(
          () => stop(`the PDF took longer than ${Math.round(limit / 1000)} s and was stopped`),
          limit,
        );
        pending.set(id, { job, resolve, reject, timer });
        let target: PdfWorkerLike;
        try {
          target = ensureWorker(make);
        } catch {
          // No worker could be made here (blocked by policy): the page builds it.
          fallBack();
          return;
        }
        try {
          target.postMessage({ id, job, fonts: options.fonts });
        } catch (error) {
          settle(id)?.reject(new Error(`the map could not be sent to the PDF worker: ${String(error)}`));
        }
      });
    },
    dispose() {
      stop(null);
    },
  };
}
