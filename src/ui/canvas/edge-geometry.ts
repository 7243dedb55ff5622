/**
 * Where each handoff is drawn (its route and label block), handed to the edges beside React
 * Flow's props rather than in them.
 *
 * Why: a layout after an edit moves many routes (a lane that grows shifts every lane below it).
 * If routes lived in the edges' `data`, every such layout would make a new edge object for most
 * handoffs, and React Flow (its store, its previous-props memos, React's double-buffered fibers)
 * would keep the old edges, and through them the old routes, alive next to the new ones. With the
 * geometry here, an edge object changes only when the handoff itself does (label, edge cases,
 * selection); a relayout changes this channel, and only the edges on screen (the subscribed ones)
 * re-render, each when its own geometry changed.
 *
 * The canvas sets the adapter's geometry during render (so edges rendered in the same pass read
 * it) and publishes it in a layout effect (so memoized edges that did not re-render catch up
 * before paint, and a render React threw away cannot leave its geometry behind).
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { HandoffRoute } from "../../layout/types";

export interface EdgeGeometry {
  /**
   * The layout's orthogonal route; null while an end is away from its layout box, or the layout
   * has no route for the handoff as it is now (added or reconnected since): drawn as a step path.
   */
  route: HandoffRoute | null;
  /**
   * Top-left of the label block, clear of the step boxes (see edge-labels.ts), in whole pixels,
   * when `labeled` (a route whose handoff has a label or edge cases); 0 otherwise. Two numbers,
   * not a point object: V8 keeps `{x, y}` objects' fields as boxed doubles once any `{x, y}`
   * has held a fraction (pointer positions do), and a map has one of these per handoff.
   */
  labelX: number;
  labelY: number;
  labeled: boolean;
}

export interface EdgeGeometryChannel {
  get(id: string): EdgeGeometry | undefined;
  /** Replaces the geometry without telling subscribers (for readers in the current render). */
  set(all: ReadonlyMap<string, EdgeGeometry>): void;
  /** Replaces the geometry and tells the subscribers, if it changed since they were last told. */
  publish(all: ReadonlyMap<string, EdgeGeometry>): void;
  subscribe(listener: () => void): () => void;
}

export function createEdgeGeometryChannel(): EdgeGeometryChannel {
  let current: ReadonlyMap<string, EdgeGeometry> = new Map();
  let notified = current;
  const listeners = new Set<() => void>();
  return {
    get: (id) => current.get(id),
    set(all) {
      current = all;
    },
    publish(all) {
      current = all;
      if (notified === current) return;
      notified = current;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const EdgeGeometryContext = createContext<EdgeGeometryChannel | null>(null);

/**
 * The geometry of one handoff; re-renders the caller only when that handoff's geometry changes.
 * Null while there is none at all (no layout yet, or one made without routes): draw nothing then.
 */
export function useEdgeGeometry(id: string): EdgeGeometry | null {
  const channel = useContext(EdgeGeometryContext);
  const subscribe = useCallback(
    (listener: () => void) => channel?.subscribe(listener) ?? (() => undefined),
    [channel],
  );
  const read = () => channel?.get(id) ?? null;
  return useSyncExternalStore(subscribe, read, read);
}
