/**
 * Lane focus: the editor shows only some lanes, with every handoff to or from the other lanes
 * ending at a stub (a dashed stand-in for the step at the far end) in one band "Other lanes".
 * Session state only (STYLE.md habit 5): never saved, never in history, per person in a live room.
 *
 * How it is drawn: the focused view is the map cut to those lanes by the export's own slicer
 * (export/slides/slice-map.ts, positions kept), laid out in keep mode by the editor's layout
 * runner with the whole map's phase columns. Step positions are lane-relative, so every kept step
 * sits exactly where the user put it (x unchanged, the chosen lanes stacked together), and a
 * drop converts to the same file position, lane and phase as in the whole map. Edits go to the
 * real map through the ordinary commands; the view follows each edit (sliced at once, laid out
 * a moment later, latest wins), like the whole map's layout does.
 *
 * Invariants: `laneFocus` holds ids of lanes the map has, in map order, never empty (a lane
 * deleted leaves the focus; the last one leaving ends it); `focusView` is null exactly when
 * `laneFocus` is.
 */

import {
  type MapSlice,
  OTHER_LANES_ID,
  STUB_PREFIX,
  type StubInfo,
  sliceMap,
} from "../export/slides/slice-map";
import { originX } from "../layout/geometry";
import type { PhaseSpan } from "../layout/layout-map";
import { shareLayout } from "../layout/share-layout";
import type { MapLayout } from "../layout/types";
import type { HandoffMap, Step } from "../model/types";
import type { EditorState, EditorStore, LayoutAtOnce, LayoutRunner } from "./editor-store";

export { OTHER_LANES_ID, OTHER_LANES_NAME, type StubInfo } from "../export/slides/slice-map";

/** A stub of the focused view: what it stands for, and the real step itself (its systems, kind). */
export interface FocusStub extends StubInfo {
  step: Step;
}

/** What the canvas draws while lanes are focused. */
export interface FocusView {
  /** The focused lanes, in map order (EditorState.laneFocus). */
  lanes: readonly string[];
  /** The map cut to those lanes: their steps and handoffs, stubs for the far ends, "Other lanes". */
  map: HandoffMap;
  /** Stub step id -> the real step it stands for (and which way its handoffs go). */
  stubs: ReadonlyMap<string, FocusStub>;
  /** The whole map's phase columns (file x) the view is laid out with; null before the first layout. */
  columns: readonly PhaseSpan[] | null;
  /** The view's keep-mode layout; null until the first one (the canvas waits, as on open). */
  layout: MapLayout | null;
}

/** The id of the stub that stands for a real step in the focused view. */
export function stubIdOf(stepId: string): string {
  return `${STUB_PREFIX}${stepId}`;
}

/** True for the id of a stub step (a stand-in in the focused view, never a step of the map). */
export function isStubId(id: string): boolean {
  return id.startsWith(STUB_PREFIX);
}

/** The real step a stub stands for, or the id itself for a real step. */
export function realStepId(id: string): string {
  return isStubId(id) ? id.slice(STUB_PREFIX.length) : id;
}

/** True for the "Other lanes" band of the focused view (not a lane of the map). */
export function isOtherLanes(laneId: string): boolean {
  return laneId === OTHER_LANES_ID;
}

/** The map the canvas draws: the focused view's when lanes are focused, else the whole map. */
export function viewMap(state: EditorState): HandoffMap {
  return state.focusView?.map ?? state.map;
}

/** The layout the canvas draws (and converts pointer positions with); see viewMap. */
export function viewLayout(state: EditorState): MapLayout | null {
  return state.focusView === null ? state.layout : state.focusView.layout;
}

/**
 * The lanes to focus, cleaned: known lanes only, each once, in map order; null for none (which
 * is "every lane"), and null too when every lane of the map is chosen (nothing is hidden).
 */
export function normalizeFocus(map: HandoffMap, lanes: readonly string[] | null): readonly string[] | null {
  if (lanes === null) return null;
  const chosen = new Set(lanes);
  const kept = map.lanes.filter((lane) => chosen.has(lane.id)).map((lane) => lane.id);
  return kept.length === 0 || kept.length === map.lanes.length ? null : kept;
}

/** The whole map's phase columns in file x (what the view is laid out with). */
export function phaseColumnsOf(layout: MapLayout): PhaseSpan[] {
  const x0 = originX(layout);
  return layout.phases.map((column) => ({ id: column.id, x: column.x - x0, width: column.width }));
}

function sameColumns(a: readonly PhaseSpan[] | null, b: readonly PhaseSpan[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  return a.every((column, i) => {
    const other = b[i];
    return (
      other !== undefined && other.id === column.id && other.x === column.x && other.width === column.width
    );
  });
}

/**
 * Equal field by field, one level deep (a stub's systems and position are its own small arrays and
 * objects; every other field of a stub or a cut handoff is a string or the map's own object).
 */
function sameShallow(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => {
    const x = left[key];
    const y = right[key];
    if (x === y) return true;
    if (Array.isArray(x) && Array.isArray(y))
      return x.length === y.length && x.every((item, i) => item === y[i]);
    return isPoint(x) && isPoint(y) && x.x === y.x && x.y === y.y;
  });
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return typeof value === "object" && value !== null && "x" in value && "y" in value;
}

/**
 * The map cut to `lanes`, sharing what did not change with the previous cut: kept steps and
 * handoffs are the map's own objects already; stubs and cut handoffs equal to the previous ones
 * are the previous objects, so the canvas (which compares by reference) redraws only what moved.
 */
export function sliceForFocus(
  map: HandoffMap,
  lanes: readonly string[],
  previous: HandoffMap | null,
): MapSlice {
  const slice = sliceMap(map, { lanes }, undefined, { positions: "keep" });
  if (previous === null) return slice;
  const oldSteps = new Map(previous.steps.filter((s) => isStubId(s.id)).map((s) => [s.id, s]));
  const oldHandoffs = new Map(previous.handoffs.map((h) => [h.id, h]));
  let changed = false;
  const steps = slice.map.steps.map((step) => {
    const before = oldSteps.get(step.id);
    if (before === undefined || !sameShallow(before, step)) return step;
    changed = true;
    return before;
  });
  const handoffs = slice.map.handoffs.map((handoff) => {
    if (!isStubId(handoff.from) && !isStubId(handoff.to)) return handoff;
    const before = oldHandoffs.get(handoff.id);
    if (before === undefined || !sameShallow(before, handoff)) return handoff;
    changed = true;
    return before;
  });
  return changed ? { ...slice, map: { ...slice.map, steps, handoffs } } : slice;
}

function withRealSteps(stubs: ReadonlyMap<string, StubInfo>, map: HandoffMap): Map<string, FocusStub> {
  const steps = new Map(map.steps.map((step) => [step.id, step]));
  const result = new Map<string, FocusStub>();
  for (const [id, info] of stubs) {
    const step = steps.get(info.stepId);
    if (step !== undefined) result.set(id, { ...info, step });
  }
  return result;
}

/**
 * Keeps `focusView` in step with the map, the focus and the whole map's layout, on the store's
 * own subscription: drops deleted lanes from the focus, cuts the map again on every document
 * change, and lays the cut out with `runLayout` (keep mode, the whole map's phase columns), one
 * run at a time, the latest cut winning. `layoutAtOnce` gives the first picture of a new focus
 * at once (boxes and bands, routes to follow), as it does for a map just opened.
 */
export function keepFocusView(
  store: EditorStore,
  runLayout: LayoutRunner,
  layoutAtOnce?: LayoutAtOnce,
): void {
  let running = false;
  let again = false;

  const relayout = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const view = store.getState().focusView;
        if (view === null) return;
        const result = await runLayout(
          view.map,
          "keep",
          view.columns === null ? {} : { phaseColumns: view.columns },
        );
        const now = store.getState().focusView;
        // A failed run keeps the picture there is: the whole map's layout says what went wrong.
        if (result.ok && now !== null && now.map === view.map && now.columns === view.columns)
          store.setState({ focusView: { ...now, layout: shareLayout(now.layout, result.layout) } });
      } while (again);
    } finally {
      running = false;
    }
  };

  const quickLayout = (map: HandoffMap, columns: readonly PhaseSpan[] | null): MapLayout | null => {
    try {
      return layoutAtOnce?.(map, columns === null ? {} : { phaseColumns: columns }) ?? null;
    } catch {
      return null; // the runner follows and brings it
    }
  };

  store.subscribe((state, previous) => {
    const { laneFocus } = state;
    if (laneFocus === null) {
      if (state.focusView !== null) store.setState({ focusView: null });
      return;
    }
    if (state.map.lanes !== previous.map.lanes) {
      const kept = normalizeFocus(state.map, laneFocus);
      const same =
        kept !== null && kept.length === laneFocus.length && kept.every((id, i) => id === laneFocus[i]);
      if (!same) {
        // This store change calls back here with the cleaned focus.
        store.setState({ laneFocus: kept });
        return;
      }
    }
    const view = state.focusView;
    const refocused = view === null || view.lanes !== laneFocus;
    const columns = state.layout === null ? (view?.columns ?? null) : phaseColumnsOf(state.layout);
    const columnsChanged = !sameColumns(columns, view?.columns ?? null);
    const mapChanged = refocused || state.map !== previous.map;
    if (!mapChanged && !columnsChanged) return;
    const slice = mapChanged ? sliceForFocus(state.map, laneFocus, view?.map ?? null) : null;
    const stubs = slice === null ? null : withRealSteps(slice.stubs, state.map);
    const nextColumns = columnsChanged ? columns : (view?.columns ?? null);
    const map = slice?.map ?? view?.map ?? state.map;
    store.setState({
      focusView: {
        lanes: laneFocus,
        map,
        stubs: stubs ?? view?.stubs ?? new Map(),
        columns: nextColumns,
        // A new focus is drawn at once where it can be; an edit keeps the picture until its layout.
        layout: refocused
          ? quickLayout(map, nextColumns)
          : columnsChanged
            ? (quickLayout(map, nextColumns) ?? view?.layout ?? null)
            : (view?.layout ?? null),
      },
    });
    void relayout();
  });
}
