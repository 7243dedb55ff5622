/**
 * The browser side of the layout worker: a RunLayout that posts the map to layout.worker.ts and
 * resolves with its answer, or with `{ ok: false }` when the worker fails or takes longer than the
 * timeout. On a timeout the worker is terminated (ELK cannot be interrupted otherwise) and a fresh
 * one starts with the next request. Never rejects; the caller's map is never touched.
 */
import type { HandoffMap } from "../model/types";
import type { LayoutOptions } from "./layout-map";
import { isLayoutResponse, type LayoutRequest, type LayoutResult } from "./layout-protocol";
import { type RunLayout, timeoutMessage } from "./run-layout";

/** The part of a Worker the client uses, so tests can pass an in-process stand-in. */
export interface LayoutWorkerLike {
  postMessage(message: LayoutRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface LayoutClientOptions {
  /** Default 10 s, or TIMEOUT_PER_STEP_MS per step of the map if that is longer. */
  timeoutMs?: number;
  /** Added to the first layout of a worker that loads ELK; default ELK_LOAD_ALLOWANCE_MS. */
  elkLoadMs?: number;
  /** Default: the Vite-bundled layout.worker.ts as a module worker. */
  createWorker?: () => LayoutWorkerLike;
}

export interface LayoutClient {
  run: RunLayout;
  /**
   * Starts the worker now, so that its scripts load while the app does other things (opening
   * storage); the first `run` then does not wait for them. Does nothing if it is running.
   */
  warm(): void;
  /** Stops the worker; pending requests resolve with `{ ok: false }`. */
  dispose(): void;
}

export const DEFAULT_LAYOUT_TIMEOUT_MS = 10_000;
/** The timeout grows to this much per step when that is longer (40 s for 10,000 steps). */
export const TIMEOUT_PER_STEP_MS = 4;
/**
 * Added to the first layout of a worker that needs ELK: the worker loads ELK (1.5 MB of compiled
 * Java to fetch, parse and start) only then, so a placed map never pays for it, and that load
 * must not eat the layout's own time (on a busy machine it takes seconds).
 */
export const ELK_LOAD_ALLOWANCE_MS = 15_000;

/** Whether laying out `map` this way needs ELK (as layoutMap decides: keep mode with a placed step does not). */
function needsElk(map: HandoffMap, options: LayoutOptions): boolean {
  const placed = map.steps.some((s) => s.position !== undefined);
  const mode = options.mode ?? (placed ? "keep" : "auto");
  return !(mode === "keep" && (placed || options.phaseColumns !== undefined));
}

function createDefaultWorker(): LayoutWorkerLike {
  // Vite bundles the worker from this literal `new Worker(new URL(...))` form; keep it literal.
  return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module", name: "layout" });
}

export function createLayoutClient(options: LayoutClientOptions = {}): LayoutClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
  const createWorker = options.createWorker ?? createDefaultWorker;
  const elkLoadMs = options.elkLoadMs ?? ELK_LOAD_ALLOWANCE_MS;
  const pending = new Map<
    number,
    { resolve: (r: LayoutResult) => void; timer: ReturnType<typeof setTimeout> }
  >();
  let worker: LayoutWorkerLike | undefined;
  /** Whether the running worker has been asked for a layout that loads ELK. */
  let elkAsked = false;
  let nextId = 1;

  const settle = (id: number, result: LayoutResult) => {
    const entry = pending.get(id);
    if (!entry) return; // late answer after a timeout or dispose: ignored
    clearTimeout(entry.timer);
    pending.delete(id);
    entry.resolve(result);
  };

  const stopWorker = (reason: string) => {
    worker?.terminate();
    worker = undefined;
    elkAsked = false;
    for (const id of [...pending.keys()]) settle(id, { ok: false, error: reason });
  };

  const ensureWorker = (): LayoutWorkerLike => {
    if (worker) return worker;
    const created = createWorker();
    created.onmessage = (event) => {
      if (isLayoutResponse(event.data)) settle(event.data.id, event.data.result);
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      stopWorker(`layout worker failed: ${event.message || "unknown error"}`);
    };
    worker = created;
    return created;
  };

  const run: RunLayout = (map, layoutOptions: LayoutOptions = {}) =>
    new Promise<LayoutResult>((resolve) => {
      const id = nextId++;
      // A 10,000-step map takes 5-20 s to lay out: big maps get time in proportion.
      const loadsElk = !elkAsked && needsElk(map, layoutOptions);
      const limit = Math.max(timeoutMs, TIMEOUT_PER_STEP_MS * map.steps.length) + (loadsElk ? elkLoadMs : 0);
      const timer = setTimeout(() => stopWorker(timeoutMessage(limit)), limit);
      pending.set(id, { resolve, timer });
      try {
        ensureWorker().postMessage({ type: "layout", id, map, options: layoutOptions });
        if (loadsElk) elkAsked = true;
      } catch (error) {
        settle(id, { ok: false, error: `could not start the layout worker: ${String(error)}` });
      }
    });

  const warm = () => {
    try {
      ensureWorker();
    } catch {
      // The first run reports why the worker could not start.
    }
  };

  return { run, warm, dispose: () => stopWorker("layout client disposed") };
}
