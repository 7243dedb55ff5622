/**
 * What the toolbar, the keyboard and the canvas ask of the editor, as functions over the store:
 * each works out from the layout where things go, dispatches one command (so one undo entry),
 * then changes the session (selection, label editing). No React here, so the keyboard tests and
 * the canvas share exactly the same actions. The edits themselves are the store's commands
 * (src/store/commands); nothing here changes the map another way.
 */
import { fileFromAbsolute, fromFilePosition, laneAt, phaseAt } from "../../layout/geometry";
import { measureStep } from "../../layout/metrics";
import type { MapLayout, Point } from "../../layout/types";
import {
  copyFragment,
  type MapFragment,
  NO_FRAGMENT,
  readFragment,
  serializeFragment,
} from "../../model/clipboard";
import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import { NEW_LANE_NAME, NEW_PHASE_NAME, nextItemName } from "../../model/templates";
import type { HandoffMap, Position, Step } from "../../model/types";
import type { StepMove } from "../../store/commands/command";
import type { EditorStore } from "../../store/editor-store";
import { isOtherLanes, isStubId, realStepId, viewLayout, viewMap } from "../../store/lane-focus";

export const NEW_STEP_LABEL = "New step";
/** Space between a step and the one Tab adds to its right, in layout pixels. */
const NEXT_STEP_GAP = 64;

function selectedStep(store: EditorStore): Step | null {
  const { selection, map } = store.getState();
  if (selection.steps.length !== 1) return null;
  return map.steps.find((step) => step.id === selection.steps[0]) ?? null;
}

/**
 * Adds a step whose top-left corner is at `point` (absolute layout coordinates), in the lane
 * and phase under its middle; selects it and starts editing its label.
 */
export function addStepAtPoint(
  store: EditorStore,
  point: Point,
  options: { center?: boolean } = {},
): boolean {
  const { map } = store.getState();
  const layout = viewLayout(store.getState());
  const size = measureStep(NEW_STEP_LABEL);
  const corner = options.center ? { x: point.x - size.width / 2, y: point.y - size.height / 2 } : point;
  if (layout === null)
    return addStepInLane(store, firstShownLane(store) ?? map.lanes[0]?.id ?? null, undefined);
  const band = laneAt(layout, corner.y + size.height / 2);
  if (band === undefined) return false;
  if (isOtherLanes(band.id)) return refuseOtherLanes(store, "add");
  const column = phaseAt(layout, corner.x + size.width / 2);
  const position = fileFromAbsolute(layout, corner, band.id);
  return addStepInLane(store, band.id, column?.id, position);
}

/** The first lane on screen: the first focused lane, else null (every lane is on screen). */
function firstShownLane(store: EditorStore): string | null {
  return store.getState().laneFocus?.[0] ?? null;
}

/**
 * The "Other lanes" band of a lane focus holds stand-ins for steps in lanes not shown: no step
 * can be added there or moved there. Says so, and how to get at those lanes.
 */
function refuseOtherLanes(store: EditorStore, what: "add" | "move"): false {
  store
    .getState()
    .notify(
      what === "add"
        ? "“Other lanes” only shows where handoffs go outside the lanes in focus: add the step in a lane shown, or show its lane first (Lanes in the toolbar)."
        : "A step cannot move into “Other lanes”: it stands for the lanes not shown. Show the lane you want (Lanes in the toolbar) and move the step there.",
      "info",
    );
  return false;
}

function addStepInLane(
  store: EditorStore,
  lane: string | null,
  phase: string | undefined,
  position?: Position,
): boolean {
  if (lane === null) {
    store.getState().notify("Add a lane first: every step belongs to a lane.", "error");
    return false;
  }
  const id = store.getState().newId("step");
  const { ok } = store.getState().dispatch({
    type: "addStep",
    id,
    lane,
    label: NEW_STEP_LABEL,
    ...(phase === undefined ? {} : { phase }),
    ...(position === undefined ? {} : { position }),
  });
  if (ok) {
    store.getState().select({ steps: [id] });
    store.getState().setEditingStep(id);
  }
  return ok;
}

/** The toolbar's "Add step": right of the selected step, else in the middle of the view. */
export function addStepFromToolbar(store: EditorStore, viewCenter: Point | null): boolean {
  if (selectedStep(store) !== null) return addNextStep(store, { connectIt: false });
  const { map } = store.getState();
  const layout = viewLayout(store.getState());
  if (layout === null || viewCenter === null || map.lanes.length === 0)
    return addStepInLane(store, firstShownLane(store) ?? map.lanes[0]?.id ?? null, undefined);
  const lanesTop = layout.phaseHeaderHeight;
  // In a lane focus, never in "Other lanes": at most in the last lane shown.
  const lastShown = layout.lanes.filter((band) => !isOtherLanes(band.id)).at(-1);
  const bottom = lastShown === undefined ? layout.height : lastShown.y + lastShown.height;
  const point = {
    x: Math.max(layout.laneHeaderWidth + 16, viewCenter.x),
    y: Math.min(Math.max(lanesTop + 8, viewCenter.y), bottom - 8),
  };
  return addStepAtPoint(store, point, { center: true });
}

/** True when a box at `x, y` of this size would overlap a step already drawn in the layout. */
function overlapsAny(layout: MapLayout, x: number, y: number, width: number, height: number): boolean {
  const margin = 8;
  return layout.steps.some(
    (box) =>
      x < box.x + box.width + margin &&
      box.x < x + width + margin &&
      y < box.y + box.height + margin &&
      box.y < y + height + margin,
  );
}

/**
 * Tab while editing a step's label: a new step to its right in the same lane (and the phase there),
 * connected from it by a handoff, both in one undo entry; the new step's label is opened for
 * typing. The quick way to map a process while people talk.
 */
export function addNextStep(store: EditorStore, options: { connectIt?: boolean } = {}): boolean {
  const from = selectedStep(store);
  if (from === null) return false;
  const connectIt = options.connectIt ?? true;
  const layout = viewLayout(store.getState());
  const box = layout?.steps.find((b) => b.id === from.id);
  const band = layout?.lanes.find((b) => b.id === from.lane);
  const id = store.getState().newId("step");
  let position: Position | undefined;
  let phase = from.phase;
  if (layout !== null && layout !== undefined && box !== undefined && band !== undefined) {
    const size = measureStep(NEW_STEP_LABEL);
    const { x: left, y: top } = drawnCorner(layout, from) ?? box;
    // The label may have just changed (Tab while editing it): the box grows before the layout says so.
    const width = Math.max(box.width, measureStep(from.label).width);
    let x = left + width + NEXT_STEP_GAP;
    const y = top + (box.height - size.height) / 2;
    for (let tries = 0; tries < 50 && overlapsAny(layout, x, y, size.width, size.height); tries++)
      x += size.width + NEXT_STEP_GAP / 2;
    position = fileFromAbsolute(layout, { x, y }, band.id);
    const column = phaseAt(layout, x + size.width / 2);
    // Only move on to a later phase when the new step really sits in it.
    if (column !== undefined && column.x > (layout.phases.find((p) => p.id === from.phase)?.x ?? -1))
      phase = column.id;
  }
  const step = {
    id,
    lane: from.lane,
    label: NEW_STEP_LABEL,
    ...(phase === undefined ? {} : { phase }),
    ...(position === undefined ? {} : { position }),
  };
  const { ok } = store
    .getState()
    .dispatch(
      connectIt
        ? { type: "addConnectedStep", ...step, other: from.id, direction: "from" }
        : { type: "addStep", ...step },
    );
  if (ok) {
    store.getState().select({ steps: [id] });
    store.getState().setEditingStep(id);
  }
  return ok;
}

/**
 * Deletes the selected steps (with their handoffs) and handoffs: one undo entry. Edge cases go
 * with their handoffs; when any did, a notice says how many and which, with Undo.
 */
export function deleteSelection(store: EditorStore): boolean {
  const { selection } = store.getState();
  if (selection.steps.length === 0 && selection.handoffs.length === 0) return false;
  const before = store.getState().map;
  const { ok } = store
    .getState()
    .dispatch({ type: "deleteSelection", steps: [...selection.steps], handoffs: [...selection.handoffs] });
  if (ok) {
    const text = deletedEdgeCasesNotice(before, store.getState().map, selection.steps);
    if (text !== null) store.getState().notify(text, "info", { undo: "Undo delete" });
  }
  return ok;
}

/**
 * `Deleted "Lead capture"; 2 edge cases went with it (EC-1, EC-2).`, or null when no edge case
 * went. Exported for the tests.
 */
export function deletedEdgeCasesNotice(
  before: HandoffMap,
  after: HandoffMap,
  stepIds: readonly string[],
): string | null {
  const kept = new Set(after.handoffs.flatMap((h) => h.edgeCases.map((ec) => ec.id)));
  const numbers = edgeCaseNumbers(before);
  const gone = before.handoffs
    .flatMap((h) => h.edgeCases)
    .filter((ec) => !kept.has(ec.id))
    .map((ec) => numbers.get(ec.id) ?? 0)
    .sort((a, b) => a - b);
  if (gone.length === 0) return null;
  const stepsGone = before.steps.filter(
    (s) => stepIds.includes(s.id) && !after.steps.some((a) => a.id === s.id),
  );
  const handoffsGone = before.handoffs.length - after.handoffs.length;
  const [what, them] =
    stepsGone.length === 1
      ? [`"${stepsGone[0]?.label.replace(/\s+/g, " ").trim()}"`, "it"]
      : stepsGone.length > 1
        ? [`${stepsGone.length} steps`, "them"]
        : handoffsGone === 1
          ? ["the handoff", "it"]
          : [`${handoffsGone} handoffs`, "them"];
  const shown = gone.slice(0, 6).map((n) => `EC-${n}`);
  const list =
    gone.length > shown.length
      ? `${shown.join(", ")} and ${gone.length - shown.length} more`
      : shown.join(", ");
  const count = `${gone.length} edge ${gone.length === 1 ? "case" : "cases"}`;
  return `Deleted ${what}; ${count} went with ${them} (${list}).`;
}

/** Every step and handoff on screen (in a lane focus: those of the lanes shown, no stub). */
export function selectAll(store: EditorStore): void {
  const map = viewMap(store.getState());
  store.getState().select({
    steps: map.steps.filter((s) => !isStubId(s.id)).map((s) => s.id),
    handoffs: map.handoffs.map((h) => h.id),
  });
}

/** The selection as clipboard text, or null when no step is selected. */
export function copySelection(store: EditorStore): string | null {
  const { map, selection } = store.getState();
  const fragment = copyFragment(map, selection.steps);
  return fragment === null ? null : serializeFragment(fragment);
}

export function cutSelection(store: EditorStore): string | null {
  const text = copySelection(store);
  if (text !== null) deleteSelection(store);
  return text;
}

/** Selects what a paste or duplicate made (its new ids, those that are in the map). */
function selectPasted(store: EditorStore, ids: { steps: string[]; handoffs: string[] } | undefined): void {
  const { map } = store.getState();
  const steps = new Set(map.steps.map((s) => s.id));
  const handoffs = new Set(map.handoffs.map((h) => h.id));
  const pasted = {
    steps: (ids?.steps ?? []).filter((id) => steps.has(id)),
    handoffs: (ids?.handoffs ?? []).filter((id) => handoffs.has(id)),
  };
  store.getState().select(pasted);
  // Pasted into another map, a step keeps its place there, which may be off screen.
  const first = pasted.steps[0];
  if (first !== undefined) store.getState().requestFocus({ kind: "step", id: first, ifHidden: true });
}

function pasteInto(store: EditorStore, fragment: MapFragment): boolean {
  const done = store.getState().dispatch({ type: "paste", fragment });
  if (done.ok) selectPasted(store, done.command.ids);
  return done.ok;
}

/** Pastes clipboard text; text that is not a Handoff fragment is refused with a notice. */
export function pasteText(store: EditorStore, text: string): boolean {
  const read = readFragment(text);
  if (!read.ok) {
    store.getState().notify(read.error, read.error === NO_FRAGMENT ? "info" : "error");
    return false;
  }
  return pasteInto(store, read.fragment);
}

/** Ctrl/Cmd+D: copies the selected steps next to the originals, without touching the clipboard. */
export function duplicateSelection(store: EditorStore): boolean {
  const { map, selection } = store.getState();
  if (!map.steps.some((step) => selection.steps.includes(step.id))) return false;
  const done = store.getState().dispatch({ type: "duplicateSteps", steps: [...selection.steps] });
  if (done.ok) selectPasted(store, done.command.ids);
  return done.ok;
}

/**
 * Moves steps dropped at absolute top-left positions: each lands in the lane and phase under
 * its middle, its position kept in file terms. One command for all of them: `how` names the
 * intent (a drag's drop, a nudge, a move to the next lane), which says how it enters history.
 */
export function moveStepsTo(
  store: EditorStore,
  drops: ReadonlyMap<string, Point>,
  how: "moveSteps" | "nudgeSteps" | "moveStepsToLane" = "moveSteps",
): boolean {
  const { map } = store.getState();
  const layout = viewLayout(store.getState());
  if (layout === null || drops.size === 0) return false;
  const boxes = new Map(layout.steps.map((b) => [b.id, b]));
  const moves: StepMove[] = [];
  let intoOtherLanes = false;
  for (const step of map.steps) {
    const point = drops.get(step.id);
    if (point === undefined) continue;
    const box = boxes.get(step.id);
    const size = box ?? measureStep(step.label);
    const band = laneAt(layout, point.y + size.height / 2);
    if (band === undefined) continue;
    if (isOtherLanes(band.id)) {
      intoOtherLanes = true;
      continue;
    }
    const column = phaseAt(layout, point.x + size.width / 2);
    const position = fileFromAbsolute(layout, point, band.id);
    if (position === undefined) continue;
    const sameSpot =
      band.id === step.lane &&
      (column?.id ?? step.phase ?? null) === (step.phase ?? null) &&
      step.position !== undefined &&
      step.position.x === position.x &&
      step.position.y === position.y;
    if (!sameSpot)
      moves.push({
        step: step.id,
        lane: band.id,
        ...(column === undefined ? {} : { phase: column.id }),
        position,
      });
  }
  if (intoOtherLanes) refuseOtherLanes(store, "move");
  if (moves.length === 0) return !intoOtherLanes;
  return store.getState().dispatch({ type: how, moves }).ok;
}

/** Where a step's top-left corner is drawn right now (file position in its band, else its box). */
export function drawnCorner(layout: MapLayout, step: Step): Point | null {
  const placed = step.position === undefined ? undefined : fromFilePosition(layout, step.position, step.lane);
  if (placed !== undefined) return placed;
  const box = layout.steps.find((b) => b.id === step.id);
  return box === undefined ? null : { x: box.x, y: box.y };
}

/**
 * Connects two steps with a new handoff. In a lane focus an end may be a stub: the handoff goes to
 * (or from) the real step it stands for, and shows as a handoff to that stub.
 */
export function connectSteps(store: EditorStore, fromId: string, toId: string): boolean {
  const from = realStepId(fromId);
  const to = realStepId(toId);
  if (from === to) {
    store
      .getState()
      .notify("A handoff needs two different steps: a step cannot hand off to itself.", "error");
    return false;
  }
  const { map } = store.getState();
  if (map.handoffs.some((h) => h.from === from && h.to === to)) {
    store.getState().notify("These two steps are already connected in that direction.", "info");
    return false;
  }
  const id = store.getState().newId("handoff");
  const { ok } = store.getState().dispatch({ type: "connectSteps", id, from, to });
  if (ok) {
    store.getState().select({ handoffs: [id] });
    // What changes hands is the next thing to say: the inspector's label field takes the cursor.
    store.getState().setLabelFocusHandoff(id);
  }
  return ok;
}

/**
 * A handoff dropped on empty lane space: a new step centred at `point` (absolute layout
 * coordinates), in the lane and phase under it, connected from the step the drag began at
 * (`from`), or to it when the drag began at its incoming handle (`to`); one undo entry. The new
 * step is selected with its label open for typing.
 */
export function addConnectedStepAtPoint(
  store: EditorStore,
  point: Point,
  end: { from: string } | { to: string },
): boolean {
  const layout = viewLayout(store.getState());
  if (layout === null) return false;
  const size = measureStep(NEW_STEP_LABEL);
  const band = laneAt(layout, point.y);
  if (band === undefined) return false;
  if (isOtherLanes(band.id)) return refuseOtherLanes(store, "add");
  const column = phaseAt(layout, point.x);
  const position = fileFromAbsolute(
    layout,
    { x: point.x - size.width / 2, y: point.y - size.height / 2 },
    band.id,
  );
  const id = store.getState().newId("step");
  const { ok } = store.getState().dispatch({
    type: "addConnectedStep",
    id,
    lane: band.id,
    label: NEW_STEP_LABEL,
    ...(column === undefined ? {} : { phase: column.id }),
    ...(position === undefined ? {} : { position }),
    ...("from" in end
      ? { other: realStepId(end.from), direction: "from" }
      : { other: realStepId(end.to), direction: "to" }),
  });
  if (ok) {
    store.getState().select({ steps: [id] });
    store.getState().setEditingStep(id);
  }
  return ok;
}

/**
 * Adds a lane (at the bottom, or at `index`) named like the blank template's lanes, selects it and
 * opens its name in the lane header, text selected: typing names it at once.
 */
export function addLaneAtEnd(store: EditorStore, index?: number): boolean {
  const { map } = store.getState();
  const name = nextItemName(NEW_LANE_NAME, map.lanes);
  const id = store.getState().newId("lane");
  const { ok } = store
    .getState()
    .dispatch({ type: "addLane", id, name, ...(index === undefined ? {} : { index }) });
  if (ok) {
    // In a lane focus the new lane joins it: its name opens for typing where it can be seen.
    const focus = store.getState().laneFocus;
    if (focus !== null) store.getState().setLaneFocus([...focus, id]);
    store.getState().select({ lane: id });
    store.getState().setEditingHeader({ kind: "lane", id });
  }
  return ok;
}

/** Adds a phase (at the end, or at `index`), selects it and opens its name for typing. */
export function addPhaseAtEnd(store: EditorStore, index?: number): boolean {
  const { map } = store.getState();
  const name = nextItemName(NEW_PHASE_NAME, map.phases);
  const id = store.getState().newId("phase");
  // The steps already drawn under the new column join it (the command's rule).
  const { ok } = store
    .getState()
    .dispatch({ type: "addPhase", id, name, ...(index === undefined ? {} : { index }) });
  if (ok) {
    store.getState().select({ phase: id });
    store.getState().setEditingHeader({ kind: "phase", id });
  }
  return ok;
}
