import type { HandoffMap } from "../model/types";

/**
 * Undo history over whole documents. Maps are immutable and share untouched parts, so an entry
 * costs only what changed.
 *
 * Written here rather than with zundo because the editor needs two things zundo has no words
 * for: coalescing (typing into one field is one entry, keyed by the field) and gestures (a drag
 * is one entry however many frames it has), both with the "before" state taken at the start.
 *
 * Invariant: `past` holds the states before each recorded change, oldest first; `future` holds
 * the undone states, the next redo last. A new recorded change clears `future`.
 */
export interface History {
  past: readonly HandoffMap[];
  future: readonly HandoffMap[];
  /** The key of the last recorded change, when it may absorb the next change with the same key. */
  coalesceKey: string | null;
  /** The document as it was when the current gesture began; null outside gestures. */
  gestureBase: HandoffMap | null;
}

export const HISTORY_LIMIT = 200;

export const emptyHistory: History = { past: [], future: [], coalesceKey: null, gestureBase: null };

function pushPast(past: readonly HandoffMap[], state: HandoffMap): HandoffMap[] {
  const next = [...past, state];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** Records that the document went from `before` to a new state. */
export function record(history: History, before: HandoffMap, coalesceKey: string | null = null): History {
  if (history.gestureBase !== null) return history;
  if (coalesceKey !== null && coalesceKey === history.coalesceKey && history.future.length === 0)
    return history;
  return { ...history, past: pushPast(history.past, before), future: [], coalesceKey };
}

/** Ends coalescing, so the next change starts a new entry even with the same key. */
export function seal(history: History): History {
  return history.coalesceKey === null ? history : { ...history, coalesceKey: null };
}

export function beginGesture(history: History, current: HandoffMap): History {
  if (history.gestureBase !== null) return history;
  return { ...history, gestureBase: current, coalesceKey: null };
}

/** Closes the gesture; one entry if the document changed during it, none otherwise. */
export function endGesture(history: History, current: HandoffMap): History {
  const base = history.gestureBase;
  if (base === null) return history;
  const closed = { ...history, gestureBase: null };
  return base === current ? closed : { ...closed, past: pushPast(history.past, base), future: [] };
}

export function undo(history: History, current: HandoffMap): { history: History; map: HandoffMap } | null {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined || history.gestureBase !== null) return null;
  return {
    map: previous,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, current],
      coalesceKey: null,
      gestureBase: null,
    },
  };
}

export function redo(history: History, current: HandoffMap): { history: History; map: HandoffMap } | null {
  const next = history.future[history.future.length - 1];
  if (next === undefined || history.gestureBase !== null) return null;
  return {
    map: next,
    history: {
      past: pushPast(history.past, current),
      future: history.future.slice(0, -1),
      coalesceKey: null,
      gestureBase: null,
    },
  };
}
