import { highestEdgeCaseNumber, nextEdgeCaseNumber, numberEdgeCases } from "./edge-case-numbers";
import { sequentialId } from "./ids";
import { FIELD_RULES } from "./map-schema";
import {
  EDGE_CASE_STATUSES,
  type EdgeCase,
  type EdgeCaseStatus,
  type Handoff,
  type HandoffMap,
  type Lane,
  LIMITS,
  type Phase,
  type Position,
  SEVERITIES,
  type Severity,
  STEP_KINDS,
  type Step,
  type StepKind,
} from "./types";
import type { z } from "./zod";

/**
 * Pure edits: each takes a map and returns a new one, sharing every untouched object, and keeps
 * the map valid (the property test in tests/model/operations.test.ts runs long random sequences
 * through parseMap). An edit that would break the map throws an EditError that says why, in words
 * fit for the person who asked; the map passed in is never changed.
 */
export class EditError extends Error {
  override name = "EditError";
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the edits

/**
 * Checks an edited value with the file format's own rule for that field (FIELD_RULES in
 * map-schema.ts): an edit accepts exactly what a saved file may hold, and says why not in the
 * schema's words, after the field's name. `echo` adds the refused value (short values only).
 */
function check(field: string, rule: z.ZodType, value: unknown, echo = false): void {
  const result = rule.safeParse(value);
  if (result.success) return;
  const message = result.error.issues[0]?.message ?? "is not valid";
  throw new EditError(`${field} ${message}${echo ? `, not ${JSON.stringify(value)}` : ""}`);
}

function requireText(field: string, value: string): string {
  check(field, FIELD_RULES.text, value);
  return value;
}

function optionalText(field: string, value: string, rule: z.ZodType = FIELD_RULES.optionalText): string {
  check(field, rule, value);
  return value;
}

function longText(field: string, value: string): string {
  return optionalText(field, value, FIELD_RULES.longText);
}

function requireId(kind: string, id: string, taken: ReadonlySet<string>): string {
  check(`${kind} id`, FIELD_RULES.id, id);
  if (taken.has(id)) throw new EditError(`there is already a ${kind} with id ${JSON.stringify(id)}`);
  return id;
}

function requireColor(color: string): string {
  check("color", FIELD_RULES.color, color, true);
  return color;
}

function requirePosition(position: Position): Position {
  for (const [axis, value] of [
    ["x", position.x],
    ["y", position.y],
  ] as const) {
    // zod's number type refuses NaN before the rule's own "finite" check can word it.
    if (Number.isNaN(value)) throw new EditError(`position ${axis} must be a finite number`);
    check(`position ${axis}`, FIELD_RULES.coordinate, value);
  }
  // -0 becomes 0: a saved file writes both as 0, and the map must read back as it was.
  return { x: position.x === 0 ? 0 : position.x, y: position.y === 0 ? 0 : position.y };
}

function requireOneOf<T extends string>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new EditError(`${field} must be one of ${allowed.join(", ")}`);
  return value;
}

function indexOrThrow<T extends { id: string }>(items: readonly T[], id: string, kind: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw new EditError(`no ${kind} with id ${JSON.stringify(id)}`);
  return index;
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const next = items.slice();
  next[index] = item;
  return next;
}

function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = items.slice();
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, to)), 0, item);
  return next;
}

function idsOf(items: readonly { id: string }[]): Set<string> {
  return new Set(items.map((item) => item.id));
}

export function allEdgeCaseIds(map: HandoffMap): Set<string> {
  const ids = new Set<string>();
  for (const handoff of map.handoffs) for (const edgeCase of handoff.edgeCases) ids.add(edgeCase.id);
  return ids;
}

/**
 * The map after an edit that may have deleted edge cases: when it did, the highest number given
 * so far is recorded, so the next new edge case never takes a deleted one's number ("EC-7" in
 * last week's CSV must not come back as another edge case).
 */
function keepingEdgeCaseNumbers(before: HandoffMap, after: HandoffMap): HandoffMap {
  const count = (m: HandoffMap) => m.handoffs.reduce((sum, h) => sum + h.edgeCases.length, 0);
  if (count(after) >= count(before)) return after;
  const highest = highestEdgeCaseNumber(before);
  return highest > highestEdgeCaseNumber(after) ? { ...after, lastEdgeCaseNumber: highest } : after;
}

// ---------------------------------------------------------------------------------------------
// The map itself

export function updateMapInfo(map: HandoffMap, patch: { title?: string; description?: string }): HandoffMap {
  return {
    ...map,
    ...(patch.title === undefined ? {} : { title: requireText("Title", patch.title) }),
    ...(patch.description === undefined ? {} : { description: longText("Description", patch.description) }),
  };
}

// ---------------------------------------------------------------------------------------------
// Lanes and phases

export interface NewLane {
  id?: string;
  name: string;
  color?: string;
  /** Where to insert; default at the bottom. */
  index?: number;
}

export function addLane(map: HandoffMap, lane: NewLane): HandoffMap {
  const taken = idsOf(map.lanes);
  const id = lane.id === undefined ? sequentialId("lane", taken) : requireId("lane", lane.id, taken);
  const created: Lane = { id, name: requireText("Lane name", lane.name) };
  if (lane.color !== undefined) created.color = requireColor(lane.color);
  const lanes = map.lanes.slice();
  lanes.splice(lane.index ?? lanes.length, 0, created);
  return { ...map, lanes };
}

/** `color: null` removes the lane's own color. */
export function updateLane(
  map: HandoffMap,
  id: string,
  patch: { name?: string; color?: string | null },
): HandoffMap {
  const index = indexOrThrow(map.lanes, id, "lane");
  const lane = map.lanes[index] as Lane;
  const next: Lane = { ...lane };
  if (patch.name !== undefined) next.name = requireText("Lane name", patch.name);
  if (patch.color === null) delete next.color;
  else if (patch.color !== undefined) next.color = requireColor(patch.color);
  return { ...map, lanes: replaceAt(map.lanes, index, next) };
}

/** Moves a lane up (delta -1) or down (delta 1), or to an index; clamped at the ends. */
export function moveLane(map: HandoffMap, id: string, delta: number): HandoffMap {
  const index = indexOrThrow(map.lanes, id, "lane");
  return { ...map, lanes: moveItem(map.lanes, index, index + delta) };
}

/**
 * Removes a lane. A lane that still holds steps is refused unless `moveStepsTo` names the lane
 * that takes them (their positions are kept, relative to the new band).
 */
export function removeLane(map: HandoffMap, id: string, options: { moveStepsTo?: string } = {}): HandoffMap {
  const index = indexOrThrow(map.lanes, id, "lane");
  if (map.lanes.length === 1) throw new EditError("a map needs at least one lane");
  const held = map.steps.filter((step) => step.lane === id).length;
  const target = options.moveStepsTo;
  if (held > 0 && target === undefined) {
    const name = map.lanes[index]?.name ?? id;
    throw new EditError(
      `lane "${name}" still holds ${held} step${held === 1 ? "" : "s"}: choose a lane to move them to`,
    );
  }
  if (target !== undefined) {
    if (target === id) throw new EditError("cannot move the steps into the lane being removed");
    indexOrThrow(map.lanes, target, "lane");
  }
  return {
    ...map,
    lanes: map.lanes.filter((lane) => lane.id !== id),
    steps:
      held === 0 || target === undefined
        ? map.steps
        : map.steps.map((step) => (step.lane === id ? { ...step, lane: target } : step)),
  };
}

export interface NewPhase {
  id?: string;
  name: string;
  color?: string;
  index?: number;
  /**
   * Steps that join the new phase: on the canvas, those under its column (see
   * stepsUnderNewPhase in src/layout/phase-membership.ts). Their lane and position stay.
   */
  steps?: readonly string[];
}

export function addPhase(map: HandoffMap, phase: NewPhase): HandoffMap {
  const taken = idsOf(map.phases);
  const id = phase.id === undefined ? sequentialId("phase", taken) : requireId("phase", phase.id, taken);
  const created: Phase = { id, name: requireText("Phase name", phase.name) };
  if (phase.color !== undefined) created.color = requireColor(phase.color);
  const phases = map.phases.slice();
  phases.splice(phase.index ?? phases.length, 0, created);
  const joining = new Set(phase.steps ?? []);
  for (const step of joining) indexOrThrow(map.steps, step, "step");
  return {
    ...map,
    phases,
    steps:
      joining.size === 0
        ? map.steps
        : map.steps.map((step) => (joining.has(step.id) ? { ...step, phase: id } : step)),
  };
}

/**
 * Puts steps into phases (step id -> phase id) as one edit: an auto layout writing down the
 * phase each unphased step was drawn in.
 */
export function setPhases(map: HandoffMap, phases: ReadonlyMap<string, string>): HandoffMap {
  for (const [step, phase] of phases) {
    indexOrThrow(map.steps, step, "step");
    indexOrThrow(map.phases, phase, "phase");
  }
  if (phases.size === 0) return map;
  return {
    ...map,
    steps: map.steps.map((step) => {
      const phase = phases.get(step.id);
      return phase === undefined || phase === step.phase ? step : { ...step, phase };
    }),
  };
}

export function updatePhase(
  map: HandoffMap,
  id: string,
  patch: { name?: string; color?: string | null },
): HandoffMap {
  const index = indexOrThrow(map.phases, id, "phase");
  const next: Phase = { ...(map.phases[index] as Phase) };
  if (patch.name !== undefined) next.name = requireText("Phase name", patch.name);
  if (patch.color === null) delete next.color;
  else if (patch.color !== undefined) next.color = requireColor(patch.color);
  return { ...map, phases: replaceAt(map.phases, index, next) };
}

export function movePhase(map: HandoffMap, id: string, delta: number): HandoffMap {
  const index = indexOrThrow(map.phases, id, "phase");
  return { ...map, phases: moveItem(map.phases, index, index + delta) };
}

/**
 * Removes a phase. Its steps move to `moveStepsTo` when given, otherwise they keep their lane
 * and simply have no phase any more (nothing is lost).
 */
export function removePhase(map: HandoffMap, id: string, options: { moveStepsTo?: string } = {}): HandoffMap {
  indexOrThrow(map.phases, id, "phase");
  const target = options.moveStepsTo;
  if (target !== undefined) {
    if (target === id) throw new EditError("cannot move the steps into the phase being removed");
    indexOrThrow(map.phases, target, "phase");
  }
  return {
    ...map,
    phases: map.phases.filter((phase) => phase.id !== id),
    steps: map.steps.map((step) => {
      if (step.phase !== id) return step;
      if (target !== undefined) return { ...step, phase: target };
      const { phase: _dropped, ...rest } = step;
      return rest;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Steps

export interface NewStep {
  id?: string;
  lane: string;
  phase?: string;
  label: string;
  kind?: StepKind;
  description?: string;
  owner?: string;
  systems?: string[];
  position?: Position;
}

export function addStep(map: HandoffMap, step: NewStep): HandoffMap {
  const taken = idsOf(map.steps);
  const id = step.id === undefined ? sequentialId("step", taken) : requireId("step", step.id, taken);
  indexOrThrow(map.lanes, step.lane, "lane");
  if (step.phase !== undefined) indexOrThrow(map.phases, step.phase, "phase");
  const created: Step = {
    id,
    lane: step.lane,
    label: requireText("Label", step.label),
    kind: requireOneOf("Kind", step.kind ?? "task", STEP_KINDS),
    description: longText("Description", step.description ?? ""),
    owner: optionalText("Owner", step.owner ?? ""),
    systems: (step.systems ?? []).map((system) => requireText("System", system)),
  };
  if (step.phase !== undefined) created.phase = step.phase;
  if (step.position !== undefined) created.position = requirePosition(step.position);
  return { ...map, steps: [...map.steps, created] };
}

export interface StepPatch {
  label?: string;
  kind?: StepKind;
  description?: string;
  owner?: string;
  systems?: string[];
  lane?: string;
  /** null takes the step out of every phase. */
  phase?: string | null;
  /** null lets the layout place the step. */
  position?: Position | null;
}

export function updateStep(map: HandoffMap, id: string, patch: StepPatch): HandoffMap {
  const index = indexOrThrow(map.steps, id, "step");
  const next: Step = { ...(map.steps[index] as Step) };
  if (patch.label !== undefined) next.label = requireText("Label", patch.label);
  if (patch.kind !== undefined) next.kind = requireOneOf("Kind", patch.kind, STEP_KINDS);
  if (patch.description !== undefined) next.description = longText("Description", patch.description);
  if (patch.owner !== undefined) next.owner = optionalText("Owner", patch.owner);
  if (patch.systems !== undefined)
    next.systems = patch.systems.map((system) => requireText("System", system));
  if (patch.lane !== undefined) {
    indexOrThrow(map.lanes, patch.lane, "lane");
    next.lane = patch.lane;
  }
  if (patch.phase === null) delete next.phase;
  else if (patch.phase !== undefined) {
    indexOrThrow(map.phases, patch.phase, "phase");
    next.phase = patch.phase;
  }
  if (patch.position === null) delete next.position;
  else if (patch.position !== undefined) next.position = requirePosition(patch.position);
  return { ...map, steps: replaceAt(map.steps, index, next) };
}

/** Moves a step to another lane and phase, keeping (or setting) its position in file terms. */
export function moveStep(
  map: HandoffMap,
  id: string,
  to: { lane: string; phase?: string | null; position?: Position | null },
): HandoffMap {
  return updateStep(map, id, to);
}

/** Sets many positions at once (an auto layout, a multi-step drag): one edit. */
export function setPositions(map: HandoffMap, positions: ReadonlyMap<string, Position>): HandoffMap {
  for (const id of positions.keys()) indexOrThrow(map.steps, id, "step");
  return {
    ...map,
    steps: map.steps.map((step) => {
      const position = positions.get(step.id);
      return position === undefined ? step : { ...step, position: requirePosition(position) };
    }),
  };
}

/** Removes steps and every handoff that touches them, as one edit. */
export function removeSteps(map: HandoffMap, ids: Iterable<string>): HandoffMap {
  const gone = new Set(ids);
  for (const id of gone) indexOrThrow(map.steps, id, "step");
  return keepingEdgeCaseNumbers(map, {
    ...map,
    steps: map.steps.filter((step) => !gone.has(step.id)),
    handoffs: map.handoffs.filter((handoff) => !gone.has(handoff.from) && !gone.has(handoff.to)),
  });
}

export function removeStep(map: HandoffMap, id: string): HandoffMap {
  return removeSteps(map, [id]);
}

// ---------------------------------------------------------------------------------------------
// Handoffs

export interface NewHandoff {
  id?: string;
  from: string;
  to: string;
  label?: string;
}

function checkEnds(map: HandoffMap, from: string, to: string): void {
  indexOrThrow(map.steps, from, "step");
  indexOrThrow(map.steps, to, "step");
  if (from === to) throw new EditError("a handoff cannot go from a step to itself");
}

export function connect(map: HandoffMap, handoff: NewHandoff): HandoffMap {
  checkEnds(map, handoff.from, handoff.to);
  const taken = idsOf(map.handoffs);
  const id =
    handoff.id === undefined ? sequentialId("handoff", taken) : requireId("handoff", handoff.id, taken);
  const created: Handoff = {
    id,
    from: handoff.from,
    to: handoff.to,
    label: optionalText("Handoff label", handoff.label ?? ""),
    edgeCases: [],
  };
  return { ...map, handoffs: [...map.handoffs, created] };
}

export function reconnect(map: HandoffMap, id: string, ends: { from?: string; to?: string }): HandoffMap {
  const index = indexOrThrow(map.handoffs, id, "handoff");
  const handoff = map.handoffs[index] as Handoff;
  const from = ends.from ?? handoff.from;
  const to = ends.to ?? handoff.to;
  checkEnds(map, from, to);
  return { ...map, handoffs: replaceAt(map.handoffs, index, { ...handoff, from, to }) };
}

export function updateHandoff(map: HandoffMap, id: string, patch: { label?: string }): HandoffMap {
  const index = indexOrThrow(map.handoffs, id, "handoff");
  const handoff = map.handoffs[index] as Handoff;
  return {
    ...map,
    handoffs: replaceAt(map.handoffs, index, {
      ...handoff,
      ...(patch.label === undefined ? {} : { label: optionalText("Handoff label", patch.label) }),
    }),
  };
}

export function removeHandoffs(map: HandoffMap, ids: Iterable<string>): HandoffMap {
  const gone = new Set(ids);
  for (const id of gone) indexOrThrow(map.handoffs, id, "handoff");
  return keepingEdgeCaseNumbers(map, {
    ...map,
    handoffs: map.handoffs.filter((handoff) => !gone.has(handoff.id)),
  });
}

export function removeHandoff(map: HandoffMap, id: string): HandoffMap {
  return removeHandoffs(map, [id]);
}

// ---------------------------------------------------------------------------------------------
// Edge cases

export interface NewEdgeCase {
  id?: string;
  title: string;
  severity?: Severity;
  status?: EdgeCaseStatus;
  owner?: string;
  mitigation?: string;
  description?: string;
  votes?: number;
  due?: string;
}

/** Everything but the id and the number, which an edge case keeps for life. */
export type EdgeCasePatch = Partial<Omit<EdgeCase, "id" | "number" | "due">> & { due?: string | null };

function requireVotes(votes: number): number {
  check("votes", FIELD_RULES.votes, votes);
  return votes;
}

function requireDue(due: string): string {
  check("due", FIELD_RULES.due, due, true);
  return due;
}

export function addEdgeCase(input: HandoffMap, handoffId: string, edgeCase: NewEdgeCase): HandoffMap {
  // A map built in code may hold edge cases without numbers: they take the numbers every surface
  // already shows for them (map order) before the new one takes the next, so none of them moves.
  const map = numberEdgeCases(input).map;
  const index = indexOrThrow(map.handoffs, handoffId, "handoff");
  const handoff = map.handoffs[index] as Handoff;
  const taken = allEdgeCaseIds(map);
  const id =
    edgeCase.id === undefined ? sequentialId("edgeCase", taken) : requireId("edge case", edgeCase.id, taken);
  const created: EdgeCase = {
    id,
    // Highest so far + 1, like a fresh id: a pasted edge case is a new one and gets a new number.
    number: nextEdgeCaseNumber(map),
    title: requireText("Title", edgeCase.title),
    severity: requireOneOf("Severity", edgeCase.severity ?? "medium", SEVERITIES),
    status: requireOneOf("Status", edgeCase.status ?? "open", EDGE_CASE_STATUSES),
    owner: optionalText("Owner", edgeCase.owner ?? ""),
    mitigation: longText("Mitigation", edgeCase.mitigation ?? ""),
    description: longText("Description", edgeCase.description ?? ""),
    votes: requireVotes(edgeCase.votes ?? 0),
  };
  if (edgeCase.due !== undefined) created.due = requireDue(edgeCase.due);
  return {
    ...map,
    handoffs: replaceAt(map.handoffs, index, { ...handoff, edgeCases: [...handoff.edgeCases, created] }),
  };
}

/** Finds an edge case anywhere in the map: its handoff's index and its own index. */
export function locateEdgeCase(
  map: HandoffMap,
  id: string,
): { handoffIndex: number; index: number } | undefined {
  for (let handoffIndex = 0; handoffIndex < map.handoffs.length; handoffIndex++) {
    const index = (map.handoffs[handoffIndex] as Handoff).edgeCases.findIndex(
      (edgeCase) => edgeCase.id === id,
    );
    if (index >= 0) return { handoffIndex, index };
  }
  return undefined;
}

function withEdgeCases(
  map: HandoffMap,
  id: string,
  change: (list: EdgeCase[], index: number) => EdgeCase[],
): HandoffMap {
  const at = locateEdgeCase(map, id);
  if (at === undefined) throw new EditError(`no edge case with id ${JSON.stringify(id)}`);
  const handoff = map.handoffs[at.handoffIndex] as Handoff;
  return {
    ...map,
    handoffs: replaceAt(map.handoffs, at.handoffIndex, {
      ...handoff,
      edgeCases: change(handoff.edgeCases, at.index),
    }),
  };
}

export function updateEdgeCase(map: HandoffMap, id: string, patch: EdgeCasePatch): HandoffMap {
  return withEdgeCases(map, id, (list, index) => {
    const next: EdgeCase = { ...(list[index] as EdgeCase) };
    if (patch.title !== undefined) next.title = requireText("Title", patch.title);
    if (patch.severity !== undefined) next.severity = requireOneOf("Severity", patch.severity, SEVERITIES);
    if (patch.status !== undefined) next.status = requireOneOf("Status", patch.status, EDGE_CASE_STATUSES);
    if (patch.owner !== undefined) next.owner = optionalText("Owner", patch.owner);
    if (patch.mitigation !== undefined) next.mitigation = longText("Mitigation", patch.mitigation);
    if (patch.description !== undefined) next.description = longText("Description", patch.description);
    if (patch.votes !== undefined) next.votes = requireVotes(patch.votes);
    if (patch.due === null) delete next.due;
    else if (patch.due !== undefined) next.due = requireDue(patch.due);
    return replaceAt(list, index, next);
  });
}

/** Adds delta votes (negative to take back), never below zero. */
export function voteEdgeCase(map: HandoffMap, id: string, delta: number): HandoffMap {
  const at = locateEdgeCase(map, id);
  if (at === undefined) throw new EditError(`no edge case with id ${JSON.stringify(id)}`);
  const current = map.handoffs[at.handoffIndex]?.edgeCases[at.index]?.votes ?? 0;
  return updateEdgeCase(map, id, { votes: Math.max(0, Math.min(LIMITS.votes, current + Math.trunc(delta))) });
}

/** Removes one edge case; every other keeps its number, and its own is never given again. */
export function removeEdgeCase(map: HandoffMap, id: string): HandoffMap {
  return keepingEdgeCaseNumbers(
    map,
    withEdgeCases(map, id, (list, index) => list.filter((_, i) => i !== index)),
  );
}
