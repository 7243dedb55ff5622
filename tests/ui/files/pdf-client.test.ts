import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPdfClient, type PdfWorkerLike } from "../../../src/ui/files/pdf-client";
import type { PdfRequest, PdfResponse } from "../../../src/ui/files/pdf-protocol";

const FONTS = { regular: "http://app.test/DejaVuSans.ttf", bold: "http://app.test/DejaVuSans-Bold.ttf" };
const SLIDES = {
  kind: "slides",
  slides: [
    {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080"><rect x="10" y="10" width="100" height="50"/></svg>',
    },
  ],
  title: "Q3 pipeline",
} as const;

/** A worker stand-in: records what it is sent; the test answers for it. */
function fakeWorkers() {
  const made: Array<
    PdfWorkerLike & {
      sent: PdfRequest[];
      terminated: boolean;
      answer(r: PdfResponse): void;
      fail(message: string): void;
    }
  > = [];
  const create = () => {
    const worker = {
      sent: [] as PdfRequest[],
      terminated: false,
      onmessage: null as PdfWorkerLike["onmessage"],
      onerror: null as PdfWorkerLike["onerror"],
      postMessage(message: PdfRequest) {
        this.sent.push(message);
      },
      terminate() {
        this.terminated = true;
      },
      answer(response: PdfResponse) {
        this.onmessage?.({ data: response } as MessageEvent<unknown>);
      },
      fail(message: string) {
        this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
      },
    };
    made.push(worker);
    return worker;
  };
  return { made, create };
}

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

  it("rejects with the worker's own message, and a crashed worker is replaced on the next export", async () => {
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

  it("without a worker, builds the PDF on this thread with the app's fonts", async () => {
    const fonts = join(import.meta.dirname, "../../../src/ui/files/fonts");
    const fetched: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetched.push(url);
      const file = url.endsWith("Bold.ttf") ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
      return new Response(readFileSync(join(fonts, file)));
    });
    const client = createPdfClient({ fonts: FONTS, createWorker: null });
    const bytes = await client.build(SLIDES);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(fetched.sort()).toEqual([FONTS.bold, FONTS.regular]);
  });
});
