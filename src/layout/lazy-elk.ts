/**
 * An ELK that is loaded on first use. The layout worker starts without ELK (1.5 MB of compiled
 * Java to parse and run): a map whose steps are all placed is laid out without it
 * (layoutForPositions), so opening a saved map does not wait for ELK; the first auto layout loads it.
 *
 * @example
 * const elk = lazyElk(async () => new (await import("elkjs/lib/elk.bundled.js")).default());
 */
import type { ElkLayouter } from "./layout-map";

export function lazyElk(load: () => Promise<ElkLayouter>): ElkLayouter {
  let loading: Promise<ElkLayouter> | null = null;
  return {
    layout: async (graph, options) => {
      loading ??= load().catch((error: unknown) => {
        // A failed load (a network hiccup fetching the chunk) is retried by the next layout.
        loading = null;
        throw error;
      });
      return (await loading).layout(graph, options);
    },
  };
}
