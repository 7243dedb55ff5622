import { describe, expect, it } from "vitest";
import { createLayoutClient, type LayoutWorkerLike } from "../../src/layout/layout-client";
import type { ElkLayouter } from "../../src/layout/layout-map";
import {
  handleLayoutMessage,
  type LayoutRequest,
  type LayoutResponse,
} from "../../src/layout/layout-protocol";
import { createNodeElk } from "../../src/layout/node-elk";
import { createInProcessLayout } from "../../src/layout/run-layout";
import { createRevOpsTemplate } from "../../src/model/templates";
import { layoutViolations } from "./invariants";

const elk = createNodeElk();

/** A Worker stand-in that runs the real pure handler in-process, with a delay in between. */
function inProcessWorker(layouter: ElkLayouter, delayMs = 0): LayoutWorkerLike & { terminated: boolean } {
  const worker: LayoutWorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message: LayoutRequest) {
      void handleLayoutMessage(layouter, structuredClone(message)).then((response: LayoutResponse) => {
        setTimeout(() => {
          if (!worker.terminated)
            worker.onmessage?.(new MessageEvent("message", { data: structuredClone(response) }));
        }, delayMs);
      });
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

const failingElk: ElkLayouter = { layout: () => Promise.reject(new Error("ELK exploded")) };

describe("the worker's pure handler, in-process", () => {
  it("given a layout request, when handled, then it answers with the same id and a valid layout", async () => {
    const map = createRevOpsTemplate();
    const response = await handleLayoutMessage(elk, {
      type: "layout",
      id: 7,
      map,
      options: { mode: "auto" },
    });
    expect(response.id).toBe(7);
    expect(response.result.ok).toBe(true);
    if (response.result.ok) expect(layoutViolations(map, response.result.layout)).toEqual([]);
  });

  it("given ELK fails, when handled, then it answers ok: false with the reason instead of throwing", async () => {
    const response = await handleLayoutMessage(failingElk, {
      type: "layout",
      id: 1,
      map: createRevOpsTemplate(),
      options: { mode: "auto" },
    });
    expect(response).toEqual({ type: "layout-result", id: 1, result: { ok: false, error: "ELK exploded" } });
  });

  it("given a message that is not a request, then it answers ok: false", async () => {
    expect((await handleLayoutMessage(elk, { type: "paint", id: 3 })).result.ok).toBe(false);
    expect((await handleLayoutMessage(elk, null)).id).toBe(-1);
  });
});

describe("the layout client", () => {
  it("resolves with the worker's layout, and the map it was given is unchanged", async () => {
    const map = createRevOpsTemplate();
    const before = structuredClone(map);
    const client = createLayoutClient({ createWorker: () => inProcessWorker(elk) });
    const result = await client.run(map, { mode: "auto" });
    expect(result.ok).toBe(true);
    expect(map).toEqual(before);
    client.dispose();
  });

  it("warm() starts the worker before the first run, and the run uses that worker", async () => {
    let started = 0;
    const client = createLayoutClient({
      createWorker: () => {
        started++;
        return inProcessWorker(elk);
      },
    });
    client.warm();
    client.warm();
    expect(started).toBe(1);
    expect((await client.run(createRevOpsTemplate(), { mode: "auto" })).ok).toBe(true);
    expect(started).toBe(1);
    client.dispose();
  });

  it("given a worker that cannot start, then warm() stays quiet and the run says why", async () => {
    const client = createLayoutClient({
      createWorker: () => {
        throw new Error("workers blocked");
      },
    });
    expect(() => client.warm()).not.toThrow();
    const result = await client.run(createRevOpsTemplate(), { mode: "auto" });
    expect(result).toEqual({ ok: false, error: expect.stringContaining("workers blocked") });
    client.dispose();
  });

  it("given a layout slower than the timeout, then it resolves ok: false and stops the worker", async () => {
    const workers: Array<{ terminated: boolean }> = [];
    const client = createLayoutClient({
      timeoutMs: 20,
      elkLoadMs: 0,
      createWorker: () => {
        const w = inProcessWorker(elk, 200);
        workers.push(w);
        return w;
      },
    });
    const result = await client.run(createRevOpsTemplate(), { mode: "auto" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/longer than/);
    expect(workers[0]?.terminated).toBe(true);
    // The next request gets a fresh worker.
    client.dispose();
  });

  it("given the first layout that loads ELK, then it gets time for the load; later ones do not", async () => {
    // Each answer takes 150 ms; the timeout is 20 ms plus 5 s for the worker's first ELK load.
    const client = createLayoutClient({
      timeoutMs: 20,
      elkLoadMs: 5_000,
      createWorker: () => inProcessWorker(elk, 150),
    });
    const map = createRevOpsTemplate();
    expect((await client.run(map, { mode: "auto" })).ok).toBe(true);
    const second = await client.run(map, { mode: "auto" });
    expect(second).toEqual({ ok: false, error: expect.stringMatching(/longer than/) });
    client.dispose();
  });

  it("given a placed map in keep mode, then no ELK allowance is given (it never loads ELK)", async () => {
    const client = createLayoutClient({
      timeoutMs: 20,
      elkLoadMs: 5_000,
      createWorker: () => inProcessWorker(elk, 150),
    });
    const result = await client.run(createRevOpsTemplate(), { mode: "keep" });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/longer than/) });
    client.dispose();
  });

  it("given a timed-out layout, then the map is unchanged and the next request succeeds on a fresh worker", async () => {
    const map = createRevOpsTemplate();
    const before = structuredClone(map);
    const workers: Array<LayoutWorkerLike & { terminated: boolean }> = [];
    const client = createLayoutClient({
      timeoutMs: 1_000,
      elkLoadMs: 0,
      createWorker: () => {
        // The first worker never answers (a runaway layout); later ones run the real handler.
        const w =
          workers.length === 0
            ? {
                terminated: false,
                onmessage: null,
                onerror: null,
                postMessage() {},
                terminate() {
                  w.terminated = true;
                },
              }
            : inProcessWorker(elk);
        workers.push(w);
        return w;
      },
    });
    const timedOut = await client.run(map, { mode: "auto" });
    expect(timedOut).toEqual({ ok: false, error: expect.stringMatching(/the map is unchanged/) });
    expect(map).toEqual(before);
    const next = await client.run(map, { mode: "auto" });
    expect(next.ok).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    client.dispose();
  });

  it("given the worker errors, then pending layouts resolve ok: false", async () => {
    let worker: LayoutWorkerLike | undefined;
    const client = createLayoutClient({
      createWorker: () => {
        worker = { onmessage: null, onerror: null, postMessage: () => {}, terminate: () => {} };
        return worker;
      },
    });
    const pending = client.run(createRevOpsTemplate());
    // Node 20 has no ErrorEvent; an Event with a message is all the client reads.
    worker?.onerror?.(Object.assign(new Event("error"), { message: "boom" }) as ErrorEvent);
    expect(await pending).toEqual({ ok: false, error: "layout worker failed: boom" });
  });

  it("in-process and worker runners give the same layout", async () => {
    const map = createRevOpsTemplate();
    const client = createLayoutClient({ createWorker: () => inProcessWorker(createNodeElk()) });
    const [viaWorker, inProcess] = await Promise.all([client.run(map), createInProcessLayout(elk)(map)]);
    expect(viaWorker).toEqual(inProcess);
    client.dispose();
  });
});
