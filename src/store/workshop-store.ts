import { createStore, type StoreApi } from "zustand/vanilla";
import { type FlowOrder, flowOrder } from "../model/flow-order";
import type { HandoffMap } from "../model/types";
import type { EditorState, EditorStore } from "./editor-store";

/**
 * A workshop's session state, beside one editor store: where the walkthrough stands, which edge
 * case on the presenter card has the keyboard, the timer, presentation mode. None of it is ever
 * saved or undoable (STYLE.md habit 5); the document is changed only through the editor store's
 * `apply`, so votes and quick captures are ordinary undo entries.
 *
 * Kept as its own small store (made by a factory, handed down by context) so the workshop never
 * has to add fields to the editor store.
 *
 * Position invariant: the walkthrough remembers the current step by id and by index. While the
 * step exists its id wins (the map may be edited mid-workshop and the order change); when it is
 * deleted, the same index, clamped, takes over. Leaving keeps both, so W resumes where it was.
 */

export interface TimerState {
  /** The length set with "minutes", in milliseconds. */
  durationMs: number;
  /** Time left when paused or not yet started. */
  remainingMs: number;
  /** While running: the clock time (from `now`) at which it reaches zero; null when paused. */
  endsAt: number | null;
}

export interface WorkshopState {
  walkthrough: { active: boolean; stepId: string | null; index: number };
  /** Index of the edge case on the presenter card that the vote keys act on; -1 for none. */
  cursor: number;
  /** Quick capture is open (the input has the keyboard). */
  capturing: boolean;
  /**
   * The handoff a capture opened outside the walkthrough writes to (E on a selected handoff);
   * null in the walkthrough, where the presenter card offers the step's handoffs.
   */
  captureOn: string | null;
  presenting: boolean;
  timer: TimerState;
  /** The timer's corner display is on screen. */
  timerShown: boolean;

  startWalkthrough(): void;
  /** Leaves the walkthrough; the position is kept for the next start. */
  leaveWalkthrough(): void;
  toggleWalkthrough(): void;
  next(): void;
  back(): void;
  first(): void;
  goTo(stepId: string): void;
  setCursor(cursor: number): void;
  setCapturing(open: boolean, handoffId?: string): void;
  setPresenting(on: boolean): void;

  showTimer(shown?: boolean): void;
  setTimerMinutes(minutes: number): void;
  startTimer(): void;
  pauseTimer(): void;
  resetTimer(): void;
}

export type WorkshopStore = StoreApi<WorkshopState>;

export interface WorkshopStoreOptions {
  editor: EditorStore;
  /** The clock, in milliseconds; injectable for tests. */
  now?: () => number;
}

export const DEFAULT_TIMER_MINUTES = 10;
export const MAX_TIMER_MINUTES = 24 * 60;

/** How close the canvas comes to the current step in presentation mode: type a room can read. */
export const PRESENT_MIN_ZOOM = 1.25;

/** The focus request for a walkthrough step: closer in presentation mode. */
export function focusTarget(stepId: string, presenting: boolean) {
  return { kind: "step" as const, id: stepId, ...(presenting ? { minZoom: PRESENT_MIN_ZOOM } : {}) };
}

/** The flow order of a map, computed once per map object (maps are immutable). */
const orderCache = new WeakMap<HandoffMap, FlowOrder>();
export function cachedFlowOrder(map: HandoffMap): FlowOrder {
  let order = orderCache.get(map);
  if (order === undefined) {
    order = flowOrder(map);
    orderCache.set(map, order);
  }
  return order;
}

/** The walk orders of a map per lane focus (the last focus asked for), kept while the map lives. */
const focusedOrderCache = new WeakMap<HandoffMap, { focus: readonly string[]; order: FlowOrder }>();

/**
 * The order the walkthrough follows in the editor's view: the map's journey order, and in a lane
 * focus only the steps of the lanes shown, in that same order (reachable ones first, as ever).
 * The same object for the same map and focus, so it serves as a selector.
 */
export function walkOrder(state: Pick<EditorState, "map" | "laneFocus">): FlowOrder {
  const full = cachedFlowOrder(state.map);
  const focus = state.laneFocus;
  if (focus === null) return full;
  const cached = focusedOrderCache.get(state.map);
  if (cached !== undefined && cached.focus === focus) return cached.order;
  const shown = new Set(focus);
  const laneOf = new Map(state.map.steps.map((step) => [step.id, step.lane]));
  const steps: string[] = [];
  let reachableCount = 0;
  full.steps.forEach((id, i) => {
    if (!shown.has(laneOf.get(id) ?? "")) return;
    steps.push(id);
    if (i < full.reachableCount) reachableCount++;
  });
  const order: FlowOrder = { steps, reachableCount, loopBacks: full.loopBacks };
  focusedOrderCache.set(state.map, { focus, order });
  return order;
}

/**
 * Where a walkthrough at `stepId` goes when the lane focus changes and hides that step: the next
 * step of the new order in the journey (the map's whole order), else the one before, else null.
 */
export function nearestInOrder(full: FlowOrder, next: FlowOrder, stepId: string | null): string | null {
  if (stepId === null) return null;
  const kept = new Set(next.steps);
  if (kept.has(stepId)) return stepId;
  const at = full.steps.indexOf(stepId);
  if (at < 0) return null;
  for (let i = at + 1; i < full.steps.length; i++)
    if (kept.has(full.steps[i] as string)) return full.steps[i] as string;
  for (let i = at - 1; i >= 0; i--) if (kept.has(full.steps[i] as string)) return full.steps[i] as string;
  return null;
}

/** Where the walkthrough stands in the current map: the index, resolved as the invariant says. */
export function resolvePosition(
  order: FlowOrder,
  walkthrough: WorkshopState["walkthrough"],
): { index: number; stepId: string | null } {
  const steps = order.steps;
  if (steps.length === 0) return { index: 0, stepId: null };
  const byId = walkthrough.stepId === null ? -1 : steps.indexOf(walkthrough.stepId);
  const index = byId >= 0 ? byId : Math.max(0, Math.min(steps.length - 1, walkthrough.index));
  return { index, stepId: steps[index] ?? null };
}

/** Time left on the timer at `now`, never negative. */
export function timerRemaining(timer: TimerState, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

export function createWorkshopStore({ editor, now = () => Date.now() }: WorkshopStoreOptions): WorkshopStore {
  const durationMs = DEFAULT_TIMER_MINUTES * 60_000;

  const store = createStore<WorkshopState>()((set, get) => {
    /** Moves to an index in the current order and brings that step into view. */
    const moveTo = (index: number) => {
      const steps = walkOrder(editor.getState()).steps;
      if (steps.length === 0) return;
      const clamped = Math.max(0, Math.min(steps.length - 1, index));
      const stepId = steps[clamped] ?? null;
      set({
        walkthrough: { active: true, stepId, index: clamped },
        cursor: -1,
        capturing: false,
        captureOn: null,
      });
      if (stepId !== null) editor.getState().requestFocus(focusTarget(stepId, get().presenting));
    };
    const current = () => resolvePosition(walkOrder(editor.getState()), get().walkthrough).index;

    return {
      walkthrough: { active: false, stepId: null, index: 0 },
      cursor: -1,
      capturing: false,
      captureOn: null,
      presenting: false,
      timer: { durationMs, remainingMs: durationMs, endsAt: null },
      timerShown: false,

      startWalkthrough() {
        if (editor.getState().map.steps.length === 0) {
          editor.getState().notify("There is nothing to walk through yet: this map has no steps.", "info");
          return;
        }
        if (walkOrder(editor.getState()).steps.length === 0) {
          editor
            .getState()
            .notify("The lanes shown have no steps to walk through: show more lanes (L shows all).", "info");
          return;
        }
        moveTo(current());
      },
      leaveWalkthrough() {
        const { walkthrough } = get();
        if (!walkthrough.active) return;
        const position = resolvePosition(walkOrder(editor.getState()), walkthrough);
        set({ walkthrough: { active: false, ...position }, capturing: false, captureOn: null, cursor: -1 });
      },
      toggleWalkthrough() {
        if (get().walkthrough.active) get().leaveWalkthrough();
        else get().startWalkthrough();
      },
      next() {
        moveTo(current() + 1);
      },
      back() {
        moveTo(current() - 1);
      },
      first() {
        moveTo(0);
      },
      goTo(stepId) {
        const index = walkOrder(editor.getState()).steps.indexOf(stepId);
        if (index >= 0) moveTo(index);
      },
      setCursor(cursor) {
        set({ cursor });
      },
      setCapturing(open, handoffId) {
        set({ capturing: open, captureOn: open ? (handoffId ?? null) : null });
      },
      setPresenting(on) {
        set({ presenting: on });
      },

      showTimer(shown) {
        set({ timerShown: shown ?? !get().timerShown });
      },
      setTimerMinutes(minutes) {
        if (!Number.isFinite(minutes)) return;
        const clamped = Math.max(0, Math.min(MAX_TIMER_MINUTES, minutes));
        const ms = Math.round(clamped * 60_000);
        set({ timer: { durationMs: ms, remainingMs: ms, endsAt: null } });
      },
      startTimer() {
        const { timer } = get();
        const left = timerRemaining(timer, now());
        if (timer.endsAt !== null && left > 0) return;
        // Started again after reaching zero: a fresh round of the set length.
        const remaining = left > 0 ? left : timer.durationMs;
        if (remaining <= 0) return;
        set({ timer: { ...timer, remainingMs: remaining, endsAt: now() + remaining } });
      },
      pauseTimer() {
        const { timer } = get();
        if (timer.endsAt === null) return;
        set({ timer: { ...timer, remainingMs: timerRemaining(timer, now()), endsAt: null } });
      },
      resetTimer() {
        const { timer } = get();
        set({ timer: { ...timer, remainingMs: timer.durationMs, endsAt: null } });
      },
    };
  });

  // The lane focus changed: the walk goes on from the same step when it is still shown, else
  // from the next shown step of the journey (the one before at the end), brought into view.
  editor.subscribe((state, previous) => {
    if (state.laneFocus === previous.laneFocus) return;
    const { walkthrough, presenting } = store.getState();
    const before = walkOrder({ map: state.map, laneFocus: previous.laneFocus });
    const at = resolvePosition(before, walkthrough).stepId;
    const next = walkOrder(state);
    const stepId = nearestInOrder(cachedFlowOrder(state.map), next, at);
    if (stepId === null) return;
    const index = next.steps.indexOf(stepId);
    store.setState({ walkthrough: { ...walkthrough, stepId, index } });
    if (walkthrough.active) editor.getState().requestFocus(focusTarget(stepId, presenting));
  });
  return store;
}
