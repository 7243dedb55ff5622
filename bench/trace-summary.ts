/**
 * A Chromium performance trace (Tracing through playwright-core's browser.startTracing) summed up
 * for `BENCH_TRACE=1 npm run bench:canvas-input`: self time per event name on the page's main
 * thread (input dispatch, style recalc, layout, pre-paint, paint, layerize, script), busy time on
 * the compositor and raster threads, and how many input events the main thread dispatched, so
 * "(program)" in a CPU profile splits into what the browser did per frame. Not a test.
 */

/** Categories that name the main thread's frame work and the input events' path. */
export const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "blink",
  "cc",
  "input",
  "latencyInfo",
  "v8.execute",
  "toplevel",
  // BENCH_TRACE_INVALIDATIONS=1: which DOM changes made the browser recalculate style and layout.
  ...(process.env.BENCH_TRACE_INVALIDATIONS === "1"
    ? ["disabled-by-default-devtools.timeline.invalidationTracking"]
    : []),
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface TraceSummary {
  /** Self time (ms) per event name on the page's main thread, largest first. */
  main: Array<[string, number]>;
  mainBusyMs: number;
  compositorBusyMs: number;
  rasterBusyMs: number;
  /** Input events dispatched on the main thread, by DOM event type. */
  dispatched: Record<string, number>;
  frames: number;
  /** Busy time (ms, top-level events) per thread name over every process: where the CPU went. */
  threads: Array<[string, number]>;
}

/** Self time per name for one thread's complete ("X") events, nesting by time. */
function selfTimes(events: TraceEvent[]): { self: Map<string, number>; busy: number } {
  const sorted = events
    .filter((e) => e.ph === "X" && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string }> = [];
  let busy = 0;
  for (const e of sorted) {
    const dur = e.dur ?? 0;
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined) self.set(parent.name, (self.get(parent.name) ?? 0) - dur);
    else busy += dur;
    self.set(e.name, (self.get(e.name) ?? 0) + dur);
    stack.push({ end: e.ts + dur, name: e.name });
  }
  return { self, busy };
}

export function summarizeTrace(json: string): TraceSummary {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name" && e.args?.name !== undefined)
      names.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X") continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key);
    if (list === undefined) byThread.set(key, [e]);
    else list.push(e);
  }
  // The page's main thread: the renderer main thread that did the most.
  let mainKey = "";
  let mainBusy = -1;
  for (const [key, list] of byThread) {
    if (names.get(key) !== "CrRendererMain") continue;
    const total = list.reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (total > mainBusy) {
      mainBusy = total;
      mainKey = key;
    }
  }
  const pid = mainKey.split(":")[0];
  const main = selfTimes(byThread.get(mainKey) ?? []);
  let compositor = 0;
  let raster = 0;
  for (const [key, list] of byThread) {
    if (key.split(":")[0] !== pid) continue;
    const name = names.get(key) ?? "";
    if (name === "Compositor") compositor += selfTimes(list).busy;
    else if (name.startsWith("CompositorTileWorker")) raster += selfTimes(list).busy;
  }
  const dispatched: Record<string, number> = {};
  let frames = 0;
  for (const e of byThread.get(mainKey) ?? []) {
    if (e.name === "EventDispatch") {
      const type = e.args?.data?.type ?? "?";
      dispatched[type] = (dispatched[type] ?? 0) + 1;
    }
  }
  for (const e of events) if (e.name === "BeginMainThreadFrame" && `${e.pid}:${e.tid}` === mainKey) frames++;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const threads = new Map<string, number>();
  for (const [key, list] of byThread) {
    const name = (names.get(key) ?? "?").replace(/\d+$/, "");
    const label = key === mainKey ? "page main" : name;
    threads.set(label, (threads.get(label) ?? 0) + selfTimes(list).busy);
  }
  return {
    main: [...main.self]
      .map(([name, us]) => [name, ms(us)] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 22),
    mainBusyMs: ms(main.busy),
    compositorBusyMs: ms(compositor),
    rasterBusyMs: ms(raster),
    dispatched,
    frames,
    threads: [...threads]
      .map(([name, us]) => [name, ms(us)] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8),
  };
}

export function printTraceSummary(label: string, summary: TraceSummary): void {
  console.error(
    `trace, ${label}: main busy ${summary.mainBusyMs} ms, compositor ${summary.compositorBusyMs} ms, raster ${summary.rasterBusyMs} ms, main frames ${summary.frames}; dispatched ${JSON.stringify(summary.dispatched)}`,
  );
  console.error(`  threads: ${summary.threads.map(([name, ms]) => `${name} ${ms}`).join(", ")}`);
  for (const [name, ms] of summary.main) console.error(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
}
