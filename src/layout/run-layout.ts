/**
 * One signature for every place that lays out a map: the browser (worker behind layout-client.ts)
 * and Node (CLI, tests, in-process). Callers hold a RunLayout and do not care which it is.
 */
import type { HandoffMap } from "../model/types";
import type { ElkLayouter, LayoutOptions } from "./layout-map";
import { type LayoutResult, runLayoutSafely } from "./layout-protocol";

export type { LayoutResult } from "./layout-protocol";

export type RunLayout = (map: HandoffMap, options?: LayoutOptions) => Promise<LayoutResult>;

/**
 * In-process runner around an ELK instance (createNodeElk() in Node). Never rejects.
 *
 * NOTE the in-process timeout only bounds how long the caller waits: ELK runs synchronously in
 * this thread and cannot be interrupted. The worker client really stops a runaway layout.
 *
 * @example
 * const run = createInProcessLayout(createNodeElk());
 * const result = await run(map, { mode: "auto" });
 * if (result.ok) render(result.layout);
 */
export function createInProcessLayout(elk: ElkLayouter, timeoutMs = 0): RunLayout {
  return (map, options = {}) => {
    const run = runLayoutSafely(elk, map, options);
    if (timeoutMs <= 0) return run;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<LayoutResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: timeoutMessage(timeoutMs) }), timeoutMs);
    });
    return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  };
}

export function timeoutMessage(timeoutMs: number): string {
  return `layout took longer than ${(timeoutMs / 1000).toFixed(1)} s and was stopped; the map is unchanged`;
}
