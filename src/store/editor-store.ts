import { createStore, type StoreApi } from "zustand/vanilla";
import { compactLayout } from "../layout/compact-layout";
import { originX } from "../layout/geometry";
import { diffLayout, type LayoutDelta, restoreLayout } from "../layout/layout-delta";
import type { LayoutOptions } from "../layout/layout-map";
import type { LayoutResult } from "../layout/layout-protocol";
import { unphasedByColumn } from "../layout/phase-membership";
import { shareLayout } from "../layout/share-layout";
import type { LayoutMode, MapLayout } from "../layout/types";
import type { IdKind, IdSource } from "../model/ids";
import { EditError } from "../model/operations";
import { type HandoffMap, LIMITS, type Position } from "../model/types";
import { keepVersions } from "../model/versions";
import type { Command, StepPosition } from "./commands/command";
import { historyOf } from "./commands/command-history";
import { completeCommand } from "./commands/complete-command";
import { executeCommand } from "./commands/execute-command";
import { cryptoIdSource } from "./commands/id-source";
import * as history from "./history";
import { type FocusView, keepFocusView, normalizeFocus } from "./lane-focus";
import type { Viewport } from "./persistence/map-storage";

/**
 * One editor's state: the document (the map, with undo history) and the session (selection,
 * panels, notices, the derived layout), which is never saved and never enters history.
 *
 * Every document change is a named command (src/store/commands/command.ts) given to `dispatch`;
 * each command type says once how it enters history (commands/command-history.ts):
 *  - "record": one undo entry; "coalesce": consecutive commands with the same key (typing into
 *    one field) share one entry;
 *  - "ignore": not undoable (filling in positions the layout chose for a map that had none);
 *  - inside beginGesture/endGesture: the whole gesture is one entry (a drag).
 * `apply` (a pure edit as a function) is the store's own low-level door, kept for tests.
 */

/** `options`: the lane focus lays out its view with the whole map's phase columns. */
export type LayoutRunner = (
  map: HandoffMap,
  mode: LayoutMode,
  options?: Pick<LayoutOptions, "phaseColumns">,
) => Promise<LayoutResult>;

/** A quick layout in this thread, or null (see EditorStoreOptions.layoutAtOnce). */
export type LayoutAtOnce = (
  map: HandoffMap,
  options?: Pick<LayoutOptions, "phaseColumns">,
) => MapLayout | null;

export interface Selection {
  steps: readonly string[];
  handoffs: readonly string[];
  /** A lane or phase picked in its header, for the inspector. */
  lane: string | null;
  phase: string | null;
}

export const emptySelection: Selection = { steps: [], handoffs: [], lane: null, phase: null };

export interface Notice {
  id: number;
  tone: "error" | "info";
  text: string;
  /**
   * Set when the notice offers Undo: the button's name ("Undo delete": not the toolbar's "Undo")
   * and the map right after the edit it reports. Its Undo takes that edit back only while `after`
   * is still the current map, so it never undoes a later edit.
   */
  undo?: { label: string; after: HandoffMap };
}

/** A lane or phase header, by kind and id. */
export interface HeaderTarget {
  kind: "lane" | "phase";
  id: string;
}

/**
 * Undo and redo that another document source owns: in a live room, each person undoes only their
 * own edits (a Y.UndoManager), never a colleague's, which a history of whole maps cannot do.
 */
export interface UndoSource {
  undo(): void;
  redo(): void;
  /** Whether undo or redo would do anything now (the toolbar's buttons); the owner sets a new source when these change. */
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/** Whether Undo and Redo would do anything now: the undo source's stacks in a live room, else the local history (never mid-drag). */
export function undoAvailability(state: Pick<EditorState, "history" | "undoSource">): {
  canUndo: boolean;
  canRedo: boolean;
} {
  const idle = state.history.gestureBase === null;
  const source = state.undoSource;
  if (source !== null) return { canUndo: idle && source.canUndo, canRedo: idle && source.canRedo };
  return { canUndo: idle && state.history.past.length > 0, canRedo: idle && state.history.future.length > 0 };
}

/** "lanes": the toolbar's lane focus picker (L opens it with nothing selected). */
export type Panel = "register" | "help" | "library" | "changePlan" | "health" | "lanes";

/**
 * A one-shot ask for the canvas to bring a handoff or step into view (a register row was clicked,
 * steps were pasted). `nonce` changes on every request, so asking twice for the same handoff pans
 * twice; the canvas reacts to a new nonce and may leave the request in place (it is session
 * state, never saved). `ifHidden`: only when it is not already on screen (a paste), rather than
 * always centering it (a register row). The canvas waits for the layout to hold the target when it
 * does not yet (a step just pasted), and drops the request when its target leaves the map.
 */
export type FocusRequest =
  | { kind: "handoff"; id: string; nonce: number; minZoom?: number; ifHidden?: boolean }
  | { kind: "step"; id: string; nonce: number; minZoom?: number; ifHidden?: boolean };

export interface ApplyOptions {
  history?: "record" | "ignore";
  /** Changes with the same key in a row are one undo entry (one field edit). */
  coalesce?: string;
}

/**
 * What dispatch did: the completed command (every new id filled in: read them here), or why it
 * was refused. `readOnly`: the editor cannot take edits now (a notice said why).
 */
export type DispatchResult<C extends Command = Command> =
  | { ok: true; command: Extract<Command, { type: C["type"] }> }
  | { ok: false; error: string; readOnly: boolean };

export interface DispatchOptions {
  /**
   * A refused edit is only returned, not said in a notice: a panel field shows it inline next
   * to itself. A read-only refusal is always said.
   */
  quiet?: boolean;
}

export interface EditorState {
  // Document
  map: HandoffMap;
  /** Counts document changes (undo and redo included); autosave and tab sync key on it. */
  revision: number;
  history: history.History;

  // Session
  layout: MapLayout | null;
  layoutStatus: "idle" | "running" | "error";
  layoutError: string | null;
  selection: Selection;
  /** The step whose label is being edited in place. */
  editingStepId: string | null;
  /**
   * A handoff just made by connecting two steps: the handoff inspector puts the cursor in its
   * label field, once, then clears this.
   */
  labelFocusHandoffId: string | null;
  /**
   * The lane or phase whose name is being edited in its header (just added, or "Rename"). The
   * header opens its name field when it is drawn, which may be after the next layout.
   */
  editingHeader: HeaderTarget | null;
  panels: ReadonlySet<Panel>;
  notice: Notice | null;
  /**
   * Why the document cannot be edited right now (another tab saved newer work), or null.
   * While set, apply, undo and redo refuse with this reason as a notice; load still works.
   */
  readOnly: string | null;
  /**
   * Something covers the canvas (a compare or a version shown over it): the canvas then takes no
   * input and the editing keys do nothing, so nothing is edited unseen. Commands still run (the
   * compare's "Changes to plan", a restore).
   */
  canvasCovered: boolean;
  /** The latest "bring this into view" request for the canvas; null until the first. */
  focusRequest: FocusRequest | null;
  /**
   * The edge case the inspector should open (a register row or a health finding was clicked):
   * its handoff's inspector opens that row and scrolls it into view. `nonce` changes on every ask.
   */
  edgeCaseReveal: { id: string; nonce: number } | null;
  /**
   * The canvas's pan and zoom. The canvas writes it on move end (setViewport); persistence saves
   * it per map and puts the saved one back on open (restoreViewport). Never in history or the file.
   * null: no saved viewport, fit the view.
   */
  viewport: Viewport | null;
  /**
   * Bumped by restoreViewport only: the canvas applies `viewport` (or fits the view when it is
   * null) whenever this changes, and reads `viewport` as its initial viewport on mount.
   */
  viewportRestore: number;
  /** Set while a live room owns undo and redo (see UndoSource); null: the local history. */
  undoSource: UndoSource | null;
  /**
   * Lane focus: the lanes the canvas shows (map order, never empty), or null for every lane.
   * A view, per person: never saved, never in history (lane-focus.ts).
   */
  laneFocus: readonly string[] | null;
  /** What the canvas draws while laneFocus is set; null when it is not (lane-focus.ts). */
  focusView: FocusView | null;

  /**
   * The last command dispatched that changed the document, completed (with its new ids), and
   * the revision it made: what a live room or an audit trail sends on. Undo and redo are not
   * commands and leave it as it was.
   */
  lastCommand: { command: Command; revision: number } | null;

  // Actions
  /**
   * Executes a named command on the document (see commands/command.ts): its history comes from
   * the command's type, its missing ids from the store's id source. A refused edit (EditError)
   * becomes a notice (unless `quiet`) and leaves the map as it was.
   */
  dispatch<C extends Command>(command: C, options?: DispatchOptions): DispatchResult<C>;
  /** A fresh random id for a new lane, phase, step, handoff or edge case (`s-k3f9x2a7qzmd`). */
  newId(kind: IdKind): string;
  /** Applies a pure edit. An EditError becomes a notice and leaves the map as it was. */
  apply(change: (map: HandoffMap) => HandoffMap, options?: ApplyOptions): boolean;
  /** Replaces the whole document (open another map); clears history and selection. */
  load(map: HandoffMap): void;
  undo(): void;
  redo(): void;
  setUndoSource(source: UndoSource | null): void;
  beginGesture(): void;
  endGesture(): void;
  /** Ends a coalescing run: the next field edit starts a new undo entry. */
  sealHistory(): void;
  select(selection: Partial<Selection>): void;
  setEditingStep(id: string | null): void;
  setLabelFocusHandoff(id: string | null): void;
  setEditingHeader(target: HeaderTarget | null): void;
  togglePanel(panel: Panel, open?: boolean): void;
  /** `undo`: the notice offers a button of that name undoing the edit just made (Notice.undo). */
  notify(text: string, tone?: Notice["tone"], options?: { undo?: string }): void;
  setReadOnly(reason: string | null): void;
  setCanvasCovered(covered: boolean): void;
  dismissNotice(): void;
  /** Asks the canvas to bring a handoff or step into view (does not change the selection). */
  /** Asks the inspector to open one edge case's row (select its handoff first). */
  revealEdgeCase(id: string): void;
  requestFocus(target: {
    kind: FocusRequest["kind"];
    id: string;
    minZoom?: number;
    ifHidden?: boolean;
  }): void;
  /** The canvas reports where the user panned or zoomed to (on move end). */
  setViewport(viewport: Viewport): void;
  /** Persistence puts a saved viewport back (after open or load); the canvas follows it. */
  restoreViewport(viewport: Viewport | null): void;
  /** Runs the auto layout and applies it as one undo entry. Resolves false when it failed. */
  autoLayout(): Promise<boolean>;
  /** Lays out the current document again, after a failed layout (the "Try again" on the canvas). */
  retryLayout(): void;
  /**
   * Shows only these lanes (null, none or every lane: all of them). The selection keeps only what
   * stays in view, so nothing hidden is deleted or moved by a key.
   */
  setLaneFocus(lanes: readonly string[] | null): void;
}

export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreOptions {
  map: HandoffMap;
  runLayout: LayoutRunner;
  /**
   * A layout computed at once, in this thread, for a map just opened or loaded, when that is
   * cheap; null when it is not. The app passes firstPaintLayout: for a map whose steps are all
   * placed, its bands and boxes without routes (`unrouted`), so a saved map is drawn without
   * waiting for the layout worker to start. runLayout still runs after it and brings the routes.
   */
  layoutAtOnce?: LayoutAtOnce;
  /**
   * Where new ids come from: random from crypto.getRandomValues by default; tests pass
   * `createIdSource(seededRandomBytes(seed))` for the same ids on every run.
   */
  ids?: IdSource;
}

/**
 * Positions in file terms for every step of a layout (keep mode's shift into the frame undone, so
 * a step the layout placed beside steps at negative positions gets a position in their terms).
 * Null when any lies beyond the format's ±LIMITS.coordinate (a 10,000-step chain is wider than
 * that): such a map cannot store its layout, and stays laid out automatically instead.
 */
export function positionsFromLayout(layout: MapLayout, map: HandoffMap): Map<string, Position> | null {
  const bands = new Map(layout.lanes.map((lane) => [lane.id, lane]));
  const stepLane = new Map(map.steps.map((step) => [step.id, step.lane]));
  const x0 = originX(layout);
  const positions = new Map<string, Position>();
  for (const box of layout.steps) {
    const band = bands.get(stepLane.get(box.id) ?? "");
    if (band === undefined) continue;
    const x = Math.round(box.x - x0);
    const y = Math.round(box.y - band.y - (band.shiftY ?? 0));
    if (Math.abs(x) > LIMITS.coordinate || Math.abs(y) > LIMITS.coordinate) return null;
    positions.set(box.id, { x, y });
  }
  return positions;
}

/** Said once per map that is too large to store its steps' positions (positionsFromLayout). */
const TOO_WIDE_TO_PLACE = `This map is laid out beyond ±${LIMITS.coordinate.toLocaleString("en")} px, more than a map file can store: its steps keep no saved positions and are laid out automatically each time it opens.`;

function pruneSelection(selection: Selection, map: HandoffMap): Selection {
  const steps = new Set(map.steps.map((s) => s.id));
  const handoffs = new Set(map.handoffs.map((h) => h.id));
  const keptSteps = selection.steps.filter((id) => steps.has(id));
  const keptHandoffs = selection.handoffs.filter((id) => handoffs.has(id));
  const lane =
    selection.lane !== null && map.lanes.some((l) => l.id === selection.lane) ? selection.lane : null;
  const phase =
    selection.phase !== null && map.phases.some((p) => p.id === selection.phase) ? selection.phase : null;
  if (
    keptSteps.length === selection.steps.length &&
    keptHandoffs.length === selection.handoffs.length &&
    lane === selection.lane &&
    phase === selection.phase
  )
    return selection;
  return { steps: keptSteps, handoffs: keptHandoffs, lane, phase };
}

function headerStillThere(target: HeaderTarget | null, map: HandoffMap): HeaderTarget | null {
  if (target === null) return null;
  const items: readonly { id: string }[] = target.kind === "lane" ? map.lanes : map.phases;
  return items.some((item) => item.id === target.id) ? target : null;
}

/** A failed keep layout is tried this many times in all, this far apart, before waiting for an edit. */
const RELAYOUT_ATTEMPTS = 2;
const RELAYOUT_RETRY_MS = 1500;
/** Keep layouts remembered for undo and redo (see recentLayouts). */
const RECENT_LAYOUTS = 4;

/** A remembered layout: the newest whole, the older ones as their difference from the next. */
type RecentLayout =
  | { map: HandoffMap; layout: MapLayout; delta?: undefined }
  | { map: HandoffMap; layout?: undefined; delta: LayoutDelta };

/** Positions in the serialisable form commands carry. */
function positionList(positions: ReadonlyMap<string, Position>): StepPosition[] {
  return [...positions].map(([step, position]) => ({ step, position }));
}

export function createEditorStore({
  map,
  runLayout,
  layoutAtOnce,
  ids = cryptoIdSource(),
}: EditorStoreOptions): EditorStore {
  const firstLayout = (opened: HandoffMap): MapLayout | null => {
    try {
      const layout = layoutAtOnce?.(opened);
      return layout === undefined || layout === null ? null : compactLayout(layout);
    } catch {
      return null; // runLayout follows and reports what went wrong
    }
  };
  let noticeId = 0;
  let focusNonce = 0;
  // Separate counters: an edit during an auto layout must not cancel it, only make it stale.
  let autoRequest = 0;
  let keepRequest = 0;

  /** Counts the maps opened in this store (load()), to say a map-wide notice once per map. */
  let loadedAt = 0;
  const store = createStore<EditorState>()((set, get) => {
    /** Sets a new document state and keeps the session consistent with it. */
    const commit = (next: HandoffMap, nextHistory: history.History) => {
      const state = get();
      set({
        map: next,
        history: nextHistory,
        revision: state.revision + 1,
        selection: pruneSelection(state.selection, next),
        editingStepId:
          state.editingStepId !== null && next.steps.some((s) => s.id === state.editingStepId)
            ? state.editingStepId
            : null,
        editingHeader: headerStillThere(state.editingHeader, next),
      });
    };

    const refusedWhileReadOnly = () => {
      const reason = get().readOnly;
      if (reason !== null) get().notify(reason, "error");
      return reason !== null;
    };

    return {
      map,
      revision: 0,
      history: history.emptyHistory,
      // Set below, not here: zustand keeps the initial state for getInitialState(), and a layout
      // in it would stay on the heap for the store's life.
      layout: null,
      layoutStatus: "idle",
      layoutError: null,
      selection: emptySelection,
      editingStepId: null,
      labelFocusHandoffId: null,
      editingHeader: null,
      panels: new Set<Panel>(),
      notice: null,
      readOnly: null,
      canvasCovered: false,
      focusRequest: null,
      edgeCaseReveal: null,
      viewport: null,
      viewportRestore: 0,
      lastCommand: null,
      undoSource: null,
      laneFocus: null,
      focusView: null,

      dispatch(command, options = {}) {
        const reason = get().readOnly;
        if (reason !== null) {
          get().notify(reason, "error");
          return { ok: false, error: reason, readOnly: true };
        }
        const before = get().map;
        let completed: typeof command;
        let after: HandoffMap;
        try {
          completed = completeCommand(before, command, ids);
          after = executeCommand(before, completed, { ids });
        } catch (error) {
          if (error instanceof EditError) {
            if (options.quiet !== true) get().notify(error.message, "error");
            return { ok: false, error: error.message, readOnly: false };
          }
          throw error;
        }
        // The completed command is the one given, with its ids: the same type.
        const done = completed as unknown as Extract<Command, { type: (typeof command)["type"] }>;
        if (after === before) return { ok: true, command: done };
        const policy = historyOf(completed);
        const nextHistory =
          policy.kind === "ignore"
            ? get().history
            : history.record(get().history, before, policy.kind === "coalesce" ? policy.key : null);
        commit(after, nextHistory);
        set({ lastCommand: { command: completed, revision: get().revision } });
        return { ok: true, command: done };
      },

      newId(kind) {
        const { map: current } = get();
        const items: readonly { id: string }[] =
          kind === "lane"
            ? current.lanes
            : kind === "phase"
              ? current.phases
              : kind === "step"
                ? current.steps
                : kind === "handoff"
                  ? current.handoffs
                  : current.handoffs.flatMap((handoff) => handoff.edgeCases);
        return ids.next(kind, (id) => items.some((item) => item.id === id));
      },

      apply(change, options = {}) {
        if (refusedWhileReadOnly()) return false;
        const before = get().map;
        let after: HandoffMap;
        try {
          after = change(before);
        } catch (error) {
          if (error instanceof EditError) {
            get().notify(error.message, "error");
            return false;
          }
          throw error;
        }
        if (after === before) return true;
        const nextHistory =
          options.history === "ignore"
            ? get().history
            : history.record(get().history, before, options.coalesce ?? null);
        commit(after, nextHistory);
        return true;
      },

      load(next) {
        loadedAt++;
        set({
          map: next,
          revision: get().revision + 1,
          history: history.emptyHistory,
          selection: emptySelection,
          editingStepId: null,
          editingHeader: null,
          // A focus request for the map that was open must not pan this one.
          focusRequest: null,
          edgeCaseReveal: null,
          layout: firstLayout(next),
        });
      },

      undo() {
        if (refusedWhileReadOnly()) return;
        const source = get().undoSource;
        if (source !== null) return source.undo();
        const result = history.undo(get().history, get().map);
        // Saved versions are not part of undo: they stay as they are now.
        if (result) commit(keepVersions(result.map, get().map), result.history);
      },

      redo() {
        if (refusedWhileReadOnly()) return;
        const source = get().undoSource;
        if (source !== null) return source.redo();
        const result = history.redo(get().history, get().map);
        if (result) commit(keepVersions(result.map, get().map), result.history);
      },

      setUndoSource(source) {
        set({ undoSource: source });
      },

      beginGesture() {
        set({ history: history.beginGesture(get().history, get().map) });
      },

      endGesture() {
        set({ history: history.endGesture(get().history, get().map) });
      },

      sealHistory() {
        const sealed = history.seal(get().history);
        if (sealed !== get().history) set({ history: sealed });
      },

      select(partial) {
        set({ selection: { ...emptySelection, ...partial } });
      },

      setEditingStep(id) {
        set({ editingStepId: id });
      },

      setLabelFocusHandoff(id) {
        if (id !== get().labelFocusHandoffId) set({ labelFocusHandoffId: id });
      },

      setEditingHeader(target) {
        set({ editingHeader: target });
      },

      togglePanel(panel, open) {
        const panels = new Set(get().panels);
        const shouldOpen = open ?? !panels.has(panel);
        if (shouldOpen === panels.has(panel)) return;
        if (shouldOpen) panels.add(panel);
        else panels.delete(panel);
        set({ panels });
      },

      notify(text, tone = "info", options = {}) {
        noticeId += 1;
        const undo = options.undo === undefined ? {} : { undo: { label: options.undo, after: get().map } };
        set({ notice: { id: noticeId, tone, text, ...undo } });
      },

      setReadOnly(reason) {
        if (reason !== get().readOnly) set({ readOnly: reason });
      },

      setCanvasCovered(covered) {
        if (covered !== get().canvasCovered) set({ canvasCovered: covered });
      },

      dismissNotice() {
        set({ notice: null });
      },

      revealEdgeCase(id) {
        focusNonce += 1;
        set({ edgeCaseReveal: { id, nonce: focusNonce } });
      },

      requestFocus(target) {
        focusNonce += 1;
        set({
          focusRequest: {
            kind: target.kind,
            id: target.id,
            nonce: focusNonce,
            // At least this zoom (a projector wants big type); the canvas has its own floor otherwise.
            ...(target.minZoom === undefined ? {} : { minZoom: target.minZoom }),
            ...(target.ifHidden === true ? { ifHidden: true } : {}),
          },
        });
      },

      setViewport(viewport) {
        const current = get().viewport;
        if (
          current !== null &&
          current.x === viewport.x &&
          current.y === viewport.y &&
          current.zoom === viewport.zoom
        )
          return;
        set({ viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } });
      },

      restoreViewport(viewport) {
        set({ viewport, viewportRestore: get().viewportRestore + 1 });
      },

      retryLayout() {
        set({ layoutError: null });
        void relayout();
      },

      setLaneFocus(lanes) {
        const { map: current, selection, laneFocus } = get();
        const next = normalizeFocus(current, lanes);
        if (
          next === laneFocus ||
          (next !== null && laneFocus !== null && next.join("\u0000") === laneFocus.join("\u0000"))
        )
          return;
        if (next === null) {
          set({ laneFocus: null });
          return;
        }
        const shown = new Set(next);
        const laneOf = new Map(current.steps.map((step) => [step.id, step.lane]));
        const inView = (id: string) => shown.has(laneOf.get(id) ?? "");
        const steps = selection.steps.filter(inView);
        const handoffs = selection.handoffs.filter((id) => {
          const handoff = current.handoffs.find((h) => h.id === id);
          return handoff !== undefined && (inView(handoff.from) || inView(handoff.to));
        });
        const lane = selection.lane !== null && shown.has(selection.lane) ? selection.lane : null;
        const editing = get().editingStepId;
        set({
          laneFocus: next,
          selection: { ...selection, steps, handoffs, lane },
          editingStepId: editing !== null && inView(editing) ? editing : null,
        });
      },

      async autoLayout() {
        const request = ++autoRequest;
        const base = get().map;
        set({ layoutStatus: "running", layoutError: null });
        const result = await runLayout(base, "auto");
        if (request !== autoRequest) return false;
        if (!result.ok) {
          set({ layoutStatus: "error", layoutError: result.error });
          get().notify(`Auto layout failed: ${result.error}. The map is unchanged.`, "error");
          return false;
        }
        if (get().map !== base) {
          set({ layoutStatus: "idle" });
          get().notify("The map changed while the layout ran; run Auto layout again.", "info");
          return false;
        }
        set({ layoutStatus: "idle" });
        // The map change below re-runs the keep layout, which reproduces these boxes. Steps without
        // a phase join the one they were laid out in, so phase counts agree with the canvas.
        const positions = positionsFromLayout(result.layout, base);
        if (positions === null) {
          get().notify(`${TOO_WIDE_TO_PLACE} Auto layout changed nothing.`, "info");
          return false;
        }
        const phases = [...unphasedByColumn(result.layout, base)].map(([step, phase]) => ({ step, phase }));
        return get().dispatch({ type: "applyAutoLayout", positions: positionList(positions), phases }).ok;
      },
    };
  });

  /**
   * Keeps the derived layout in step with the document (mode "keep": placed steps stay put).
   * Latest wins: a result for an older document is dropped. Steps the layout had to place are
   * written back once, outside history, so the next edit cannot reshuffle them.
   */
  const relayout = async (attempt = 1) => {
    const base = store.getState().map;
    const known = recalled(base);
    if (known !== null) {
      // Undo and redo go back to a document laid out a moment ago: its layout, at once.
      ++keepRequest;
      store.setState({ layout: shareLayout(store.getState().layout, known), layoutError: null });
      return;
    }
    // One layout at a time: edits made while it runs are laid out once, together, when it ends,
    // instead of queueing one whole-map layout (and one copy of the map to the worker) each.
    if (layoutRunning) return;
    layoutRunning = true;
    const request = ++keepRequest;
    let result: LayoutResult;
    try {
      result = await runLayout(base, "keep");
    } finally {
      layoutRunning = false;
    }
    if (store.getState().map !== base) {
      if (result.ok) remember(base, result.layout);
      void relayout();
      return;
    }
    if (request !== keepRequest) return;
    if (!result.ok) {
      store.setState({ layoutError: result.error });
      // Said, not swallowed: without it a map opened from its quick first layout would show its
      // steps and no handoffs, and look like a map without handoffs. One retry (the layout
      // client starts a fresh worker after a failure); the next edit tries again anyway.
      const retry = attempt < RELAYOUT_ATTEMPTS;
      store
        .getState()
        .notify(
          `The handoffs could not be laid out (${result.error}).${retry ? " Trying again…" : " The map is unchanged and still saved: try again from the canvas, or export it as JSON and use the command line."}`,
          "error",
        );
      if (retry)
        setTimeout(() => {
          if (request === keepRequest && store.getState().map === base) void relayout(attempt + 1);
        }, RELAYOUT_RETRY_MS);
      return;
    }
    // Boxes and routes this edit did not change stay the objects the canvas already holds.
    const shared = shareLayout(store.getState().layout, result.layout);
    store.setState({ layout: shared, layoutError: null });
    remember(base, shared);
    if (base.steps.some((step) => step.position === undefined)) {
      const positions = positionsFromLayout(result.layout, base);
      if (positions === null) {
        // Said once per map opened, not again on every edit of it.
        if (tooWideSaidAt !== loadedAt) store.getState().notify(TOO_WIDE_TO_PLACE, "info");
        tooWideSaidAt = loadedAt;
        return;
      }
      for (const step of base.steps) if (step.position !== undefined) positions.delete(step.id);
      if (positions.size > 0)
        store.getState().dispatch({ type: "placeSteps", positions: positionList(positions) });
    }
  };

  /**
   * The keep layouts of the last few documents, newest first (only documents whose steps are all
   * placed: their layout depends on nothing else). The newest is kept whole; each older one as
   * its difference from the one after it (layout-delta.ts): what the edit changed, and the boxes
   * and routes it only moved up or down (a lane that grew) as that move.
   */
  const recentLayouts: RecentLayout[] = [];
  const remember = (document: HandoffMap, layout: MapLayout) => {
    if (layout.unrouted === true || document.steps.some((step) => step.position === undefined)) return;
    const newest = recentLayouts[0];
    if (newest?.layout !== undefined)
      recentLayouts[0] = { map: newest.map, delta: diffLayout(newest.layout, layout) };
    recentLayouts.unshift({ map: document, layout });
    recentLayouts.length = Math.min(recentLayouts.length, RECENT_LAYOUTS);
  };
  /** The remembered layout of this document, rebuilt from the newer ones; null if none is kept. */
  const recalled = (document: HandoffMap): MapLayout | null => {
    const at = recentLayouts.findIndex((entry) => entry.map === document);
    if (at < 0) return null;
    let layout: MapLayout | undefined;
    for (const entry of recentLayouts.slice(0, at + 1))
      layout = entry.layout ?? (layout === undefined ? undefined : restoreLayout(layout, entry.delta));
    return layout ?? null;
  };
  let layoutRunning = false;
  /** Which map opened in this store (load() counts) was last told it is too wide to place. */
  let tooWideSaidAt = -1;

  store.setState({ layout: firstLayout(map) });
  keepFocusView(store, runLayout, layoutAtOnce);
  store.subscribe((state, previous) => {
    if (state.map !== previous.map) void relayout();
  });
  void relayout();
  return store;
}
