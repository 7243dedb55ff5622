import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PdfRequest, PdfResponse } from "../../../src/ui/files/pdf-protocol";

const FONTS = { regular: "http://app.test/DejaVuSans.ttf", bold: "http://app.test/DejaVuSans-Bold.ttf" };
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080"><rect x="10" y="10" width="100" height="50"/></svg>';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** Loads pdf.worker.ts against a stand-in `self`; `ask` posts a request and waits for the answer. */
async function loadWorker() {
  const posted: Array<{ response: PdfResponse; transfer: Transferable[] | undefined }> = [];
  const self = {
    onmessage: null as ((event: MessageEvent<PdfRequest>) => void) | null,
    postMessage(response: PdfResponse, transfer?: Transferable[]) {
      posted.push({ response, transfer });
    },
  };
  vi.stubGlobal("self", self);
  await import("../../../src/ui/files/pdf.worker");
  const ask = async (id: number) => {
    const before = posted.length;
    self.onmessage?.({
      data: { id, job: { kind: "slides", slides: [{ svg: SVG }], title: "Deck" }, fonts: FONTS },
    } as unknown as MessageEvent<PdfRequest>);
    await vi.waitFor(() => expect(posted.length).toBe(before + 1), { timeout: 10_000 });
    return posted[before] as (typeof posted)[number];
  };
  return { ask };
}

describe("the PDF worker", () => {
  it("answers with the PDF's bytes, transferred; a font that failed to load is fetched again next time", async () => {
    const fonts = join(import.meta.dirname, "../../../src/ui/files/fonts");
    let down = true;
    const fetched: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetched.push(url);
      if (down) return new Response("", { status: 503 });
      return new Response(
        readFileSync(join(fonts, url.endsWith("Bold.ttf") ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf")),
      );
    });
    const { ask } = await loadWorker();

    const failed = await ask(1);
    expect(failed.response).toEqual({ id: 1, ok: false, error: "the PDF font could not be loaded (503)" });

    down = false;
    const built = await ask(2);
    expect(built.response.ok).toBe(true);
    const bytes = built.response.ok ? built.response.bytes : new Uint8Array();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect(built.transfer).toEqual([bytes.buffer]);

    // Fonts are kept: a third PDF fetches nothing.
    const count = fetched.length;
    expect((await ask(3)).response.ok).toBe(true);
    expect(fetched.length).toBe(count);
  });
});
