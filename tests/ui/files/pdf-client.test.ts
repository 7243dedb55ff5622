import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createPdfClient, type PdfWorkerLike, timeoutFor } from "../../../src/ui/files/pdf-client";
import type { PdfJob, PdfRequest, PdfResponse } from "../../../src/ui/files/pdf-protocol";

const FONTS = { regular: "http://app.test/DejaVuSans.ttf", bold: "http://app.test/DejaVuSans-Bold.ttf" };
const SLIDES: PdfJob = {
  kind: "slides",
  slides: [
    {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080"><rect x="10" y="10" width="100" height="50"/></svg>',
    },
  ],
  title: "Q3 pipeline",
};

type FakeWorker = PdfWorkerLike & {
  sent: PdfRequest[];
  terminated: boolean;
  answer(response: PdfResponse): void;
  fail(message: string): void;
};

/** Worker stand-ins: messages are structured-cloned as a real worker's are; the test answers. */
function fakeWorkers() {
  const made: FakeWorker[] = [];
  const create = (): FakeWorker => {
    const worker: FakeWorker = {
      sent: [],
      terminated: false,
      onmessage: null,
      onerror: null,
      onmessageerror: null,
      postMessage(message) {
        this.sent.push(structuredClone(message));
      },
      terminate() {
        this.terminated = true;
      },
      answer(response) {
        this.onmessage?.({ data: response } as MessageEvent<unknown>);
      },
      fail(message) {
        this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
      },
    };
    made.push(worker);
    return worker;
  };
  return { made, create };
}

/** fetch answering with the app's DejaVu Sans files, for PDFs built on this thread. */
function serveFonts(): string[] {
  const fonts = join(import.meta.dirname, "../../../src/ui/files/fonts");
  const fetched: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    fetched.push(url);
    return new Response(
      readFileSync(join(fonts, url.endsWith("Bold.ttf") ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf")),
    );
  });
  return fetched;
}

const isPdf = (bytes: Uint8Array) => new TextDecoder().decode(bytes.slice(0, 5)) === "%PDF-";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the PDF client", () => {
  it("posts the job and the font addresses to the worker and resolves with its bytes", async () => {
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create });
    const built = client.build(SLIDES);
    const request = made[0]?.sent[0];
    expect(request).toMatchObject({ job: SLIDES, fonts: FONTS });
    const bytes = new Uint8Array([37, 80, 68, 70]);
    made[0]?.answer({ id: request?.id ?? -1, ok: true, bytes });
    await expect(built).resolves.toBe(bytes);
  });

  it("sends a lane focus's map job whole: map, layout, options and the stub set", async () => {
    const { made, create } = fakeWorkers();
    const map = createRevOpsTemplate();
    const layout = layoutForPositions(map);
    const stubs = new Set([map.steps[0]?.id ?? ""]);
    const job: PdfJob = { kind: "map", map, layout, options: { page: "a3", theme: "print", stubs } };
    void createPdfClient({ fonts: FONTS, createWorker: create }).build(job);
    const sent = made[0]?.sent[0]?.job;
    expect(sent).toEqual(job);
    expect(sent?.kind === "map" && sent.options.stubs instanceof Set).toBe(true);
  });

  it("rejects with the worker's own message; a worker that dies after working is replaced next time", async () => {
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create });
    const first = client.build(SLIDES);
    made[0]?.answer({
      id: made[0].sent[0]?.id ?? -1,
      ok: false,
      error: "the PDF font could not be loaded (404)",
    });
    await expect(first).rejects.toThrow("the PDF font could not be loaded (404)");

    const second = client.build(SLIDES);
    const third = client.build(SLIDES);
    made[0]?.fail("out of memory");
    await expect(second).rejects.toThrow("the PDF worker failed: out of memory");
    await expect(third).rejects.toThrow("the PDF worker failed: out of memory");
    expect(made[0]?.terminated).toBe(true);

    void client.build(SLIDES);
    expect(made).toHaveLength(2);
  });

  it("a worker whose script never loads: the waiting PDFs, and later ones, are built on the page", async () => {
    const fetched = serveFonts();
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create });
    const first = client.build(SLIDES);
    made[0]?.fail(""); // a blocked or missing script: an error event, no answer ever
    expect(isPdf(await first)).toBe(true);
    expect(isPdf(await client.build(SLIDES))).toBe(true);
    expect(made).toHaveLength(1);
    expect(fetched.sort()).toEqual([FONTS.bold, FONTS.regular]);
  });

  it("a worker that cannot be made at all (policy): built on the page", async () => {
    serveFonts();
    const client = createPdfClient({
      fonts: FONTS,
      createWorker: () => {
        throw new DOMException("blocked by worker-src", "SecurityError");
      },
    });
    expect(isPdf(await client.build(SLIDES))).toBe(true);
  });

  it("an answer that cannot be read, or none in time, fails the export, said", async () => {
    vi.useFakeTimers();
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create, timeoutMs: () => 5_000 });
    const unreadable = client.build(SLIDES);
    made[0]?.onmessageerror?.({ data: null } as MessageEvent<unknown>);
    await expect(unreadable).rejects.toThrow("the PDF worker's answer could not be read");

    const silent = client.build(SLIDES);
    const failed = expect(silent).rejects.toThrow("the PDF took longer than 5 s and was stopped");
    vi.advanceTimersByTime(5_000);
    await failed;
    expect(made[1]?.terminated).toBe(true);
    expect(timeoutFor({ ...SLIDES })).toBeGreaterThanOrEqual(120_000);
  });

  it("a job that cannot be sent is refused in words, and the worker still stops when idle", async () => {
    vi.useFakeTimers();
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create, idleMs: 1_000 });
    const job = { ...SLIDES, title: (() => "not cloneable") as unknown as string };
    await expect(client.build(job)).rejects.toThrow(/could not be sent to the PDF worker/);
    vi.advanceTimersByTime(1_000);
    expect(made[0]?.terminated).toBe(true);
  });

  it("stops an idle worker, and never one with an export in progress", async () => {
    vi.useFakeTimers();
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create, idleMs: 1_000 });
    const done = client.build(SLIDES);
    vi.advanceTimersByTime(5_000);
    expect(made[0]?.terminated).toBe(false);
    made[0]?.answer({ id: made[0].sent[0]?.id ?? -1, ok: true, bytes: new Uint8Array([1]) });
    await done;
    vi.advanceTimersByTime(999);
    expect(made[0]?.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]?.terminated).toBe(true);
  });

  it("ignores answers it did not ask for", async () => {
    const { made, create } = fakeWorkers();
    const client = createPdfClient({ fonts: FONTS, createWorker: create });
    const built = client.build(SLIDES);
    made[0]?.onmessage?.({ data: { id: 999, ok: true, bytes: new Uint8Array() } } as MessageEvent<unknown>);
    made[0]?.onmessage?.({ data: "<script>" } as MessageEvent<unknown>);
    made[0]?.answer({ id: made[0].sent[0]?.id ?? -1, ok: true, bytes: new Uint8Array([7]) });
    await expect(built).resolves.toEqual(new Uint8Array([7]));
  });

  it("without Worker, builds the PDF on this thread with the app's fonts", async () => {
    const fetched = serveFonts();
    const client = createPdfClient({ fonts: FONTS, createWorker: null });
    expect(isPdf(await client.build(SLIDES))).toBe(true);
    expect(fetched.sort()).toEqual([FONTS.bold, FONTS.regular]);
  });
});
