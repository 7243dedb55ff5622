/**
 * Copy and paste of map parts, pure: a selection becomes a fragment (the steps, the handoffs
 * between them with their edge cases, and the lanes and phases they sit in); a fragment pasted
 * into a map gets fresh ids for everything, so pasting twice, or into another map, never clashes.
 * The fresh ids are chosen before the paste (`pasteIds`) and handed in, so a paste is a plain
 * value that replays exactly (the store's paste command carries them).
 *
 * The fragment travels through the system clipboard as JSON text. Anything read back from the
 * clipboard is untrusted: `parseFragment` validates it with the map format's own schemas, and
 * `pasteFragment` builds the result only through the model's edits, so the map stays valid.
 */

import { edgeCaseNumbers, highestEdgeCaseNumber } from "./edge-case-numbers";
import { ID_PREFIX, type IdKind } from "./ids";
import { edgeCaseSchema, handoffSchema, laneSchema, phaseSchema, stepSchema } from "./map-schema";
import { addEdgeCase, addLane, addPhase, addStep, connect, EditError } from "./operations";
import { type Handoff, type HandoffMap, type Lane, LIMITS, type Phase, type Step } from "./types";
import { z } from "./zod";

export const FRAGMENT_FORMAT = "handoff-fragment";

export interface MapFragment {
  format: typeof FRAGMENT_FORMAT;
  version: 1;
  lanes: Lane[];
  phases: Phase[];
  steps: Step[];
  handoffs: Handoff[];
}

/** New items per scratch map while pasting (see pasteFragment). */
const PASTE_CHUNK = 64;

/** Bigger pastes than this are refused: a clipboard is not an import. */
export const FRAGMENT_STEP_LIMIT = 5_000;

const fragmentSchema = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  version: z.literal(1),
  lanes: z.array(laneSchema).max(1_000),
  phases: z.array(phaseSchema).max(1_000),
  steps: z.array(stepSchema).max(FRAGMENT_STEP_LIMIT),
  handoffs: z
    .array(handoffSchema.extend({ edgeCases: z.array(edgeCaseSchema).max(1_000).default([]) }))
    .max(4 * FRAGMENT_STEP_LIMIT),
});

/**
 * The selected steps with every handoff between two of them; null when no step is selected.
 * Selected handoffs whose ends are not both copied are left out (a handoff needs its two steps).
 */
export function copyFragment(map: HandoffMap, stepIds: Iterable<string>): MapFragment | null {
  const wanted = new Set(stepIds);
  const steps = map.steps.filter((step) => wanted.has(step.id));
  if (steps.length === 0) return null;
  const copied = new Set(steps.map((step) => step.id));
  const laneIds = new Set(steps.map((step) => step.lane));
  const phaseIds = new Set(steps.flatMap((step) => (step.phase === undefined ? [] : [step.phase])));
  return {
    format: FRAGMENT_FORMAT,
    version: 1,
    lanes: map.lanes.filter((lane) => laneIds.has(lane.id)),
    phases: map.phases.filter((phase) => phaseIds.has(phase.id)),
    steps,
    handoffs: map.handoffs.filter((handoff) => copied.has(handoff.from) && copied.has(handoff.to)),
  };
}

export function serializeFragment(fragment: MapFragment): string {
  return JSON.stringify(fragment);
}

/** Reads clipboard text back; null for anything that is not a valid fragment. Never throws. */
export function parseFragment(text: string): MapFragment | null {
  const read = readFragment(text);
  return read.ok ? read.fragment : null;
}

/** What the clipboard said when no Handoff fragment could be read from it. */
export const NO_FRAGMENT = "The clipboard holds no Handoff steps to paste.";

const count = (n: number) => n.toLocaleString("en-US");

/**
 * Reads clipboard text back, saying why when it cannot be pasted: not Handoff steps at all, or
 * Handoff steps past a limit (named, with what to do instead). Never throws.
 */
export function readFragment(
  text: string,
): { ok: true; fragment: MapFragment } | { ok: false; error: string } {
  const tooBig = (what: string) => ({
    ok: false as const,
    error: `The clipboard holds ${what}; a paste takes at most ${count(FRAGMENT_STEP_LIMIT)} steps, ${count(4 * FRAGMENT_STEP_LIMIT)} handoffs and ${count(LIMITS.fileBytes / 1_000_000)} MB. Copy fewer steps, or save them as a map and open it with Import.`,
  });
  if (text.length > LIMITS.fileBytes)
    return tooBig(`${count(Math.ceil(text.length / 1_000_000))} MB of text`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: NO_FRAGMENT };
  }
  if (typeof raw === "object" && raw !== null && (raw as { format?: unknown }).format === FRAGMENT_FORMAT) {
    const { steps, handoffs } = raw as { steps?: unknown; handoffs?: unknown };
    if (Array.isArray(steps) && steps.length > FRAGMENT_STEP_LIMIT)
      return tooBig(`${count(steps.length)} Handoff steps`);
    if (Array.isArray(handoffs) && handoffs.length > 4 * FRAGMENT_STEP_LIMIT)
      return tooBig(`${count(handoffs.length)} Handoff handoffs`);
  }
  const result = fragmentSchema.safeParse(raw);
  if (!result.success) return { ok: false, error: NO_FRAGMENT };
  return { ok: true, fragment: fragmentFrom(result.data) };
}

function fragmentFrom(data: z.infer<typeof fragmentSchema>): MapFragment {
  return {
    format: FRAGMENT_FORMAT,
    version: 1,
    lanes: data.lanes.map((lane) => withoutUndefined(lane)),
    phases: data.phases.map((phase) => withoutUndefined(phase)),
    steps: data.steps.map((step) => withoutUndefined(step)),
    handoffs: data.handoffs.map((handoff) => ({
      ...handoff,
      edgeCases: handoff.edgeCases.map((edgeCase) => withoutUndefined(edgeCase)),
    })),
  };
}

/** zod leaves absent optional keys as absent, but be sure: the model treats undefined as absent. */
function withoutUndefined<T extends object>(value: T): T {
  const out = { ...value };
  for (const key of Object.keys(out) as (keyof T)[]) if (out[key] === undefined) delete out[key];
  return out;
}

export interface PasteResult {
  map: HandoffMap;
  /** Ids of the pasted steps and handoffs in the new map, for selecting them. */
  steps: string[];
  handoffs: string[];
}

/**
 * The new id of each pasted item, by its index in the fragment (not by its id there: a clipboard
 * may hold two steps with one id). Lanes and phases matched by name in the target use none.
 */
export interface PasteIds {
  lanes: string[];
  phases: string[];
  steps: string[];
  handoffs: string[];
  /** Per handoff, per edge case. */
  edgeCases: string[][];
}

/** Fresh ids for everything in a fragment, from `next` (the store's random source). */
export function pasteIds(fragment: MapFragment, next: (kind: IdKind) => string): PasteIds {
  return {
    lanes: fragment.lanes.map(() => next("lane")),
    phases: fragment.phases.map(() => next("phase")),
    steps: fragment.steps.map(() => next("step")),
    handoffs: fragment.handoffs.map(() => next("handoff")),
    edgeCases: fragment.handoffs.map((handoff) => handoff.edgeCases.map(() => next("edgeCase"))),
  };
}

/** Counter ids free in `map` (`s-1`, `h-3`…), for a paste called without ids (tests, scripts). */
function sequentialPasteIds(map: HandoffMap, fragment: MapFragment): PasteIds {
  const taken = new Set<string>([
    ...map.lanes.map((l) => l.id),
    ...map.phases.map((p) => p.id),
    ...map.steps.map((s) => s.id),
    ...map.handoffs.map((h) => h.id),
  ]);
  for (const handoff of map.handoffs) for (const edgeCase of handoff.edgeCases) taken.add(edgeCase.id);
  // Each kind's counter goes on from where it stopped, so a big paste does not rescan from 1.
  const next = new Map<IdKind, number>();
  return pasteIds(fragment, (kind) => {
    let n = next.get(kind) ?? 1;
    while (taken.has(`${ID_PREFIX[kind]}-${n}`)) n++;
    next.set(kind, n + 1);
    const id = `${ID_PREFIX[kind]}-${n}`;
    taken.add(id);
    return id;
  });
}

export interface PasteOptions {
  /** Added to every pasted position (so a paste into the same map does not cover the original). */
  offset?: { x: number; y: number };
  /** The new ids (see pasteIds); counter ids free in the map when left out. */
  ids?: PasteIds;
}

function idAt(list: readonly string[] | undefined, index: number, what: string): string {
  const id = list?.[index];
  if (id === undefined) throw new EditError(`the paste has no new id for ${what} ${index + 1}`);
  return id;
}

/** Throws when a new id is already in use in the map, or given twice. */
function requireUnused(taken: Set<string>, id: string, kind: string): string {
  if (taken.has(id)) throw new EditError(`there is already a ${kind} with id ${JSON.stringify(id)}`);
  taken.add(id);
  return id;
}

function findByName<T extends { id: string; name: string }>(items: readonly T[], wanted: T): T | undefined {
  const same = items.find((item) => item.id === wanted.id && item.name === wanted.name);
  if (same !== undefined) return same;
  const name = wanted.name.trim().toLowerCase();
  return items.find((item) => item.name.trim().toLowerCase() === name);
}

function clampCoordinate(value: number): number {
  return Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, value));
}

/**
 * Adds a fragment to a map with fresh ids. Lanes and phases are matched by id and name, then by
 * name; missing ones are added. Handoffs whose ends are not in the fragment are skipped.
 * Throws EditError (through the model's edits) only for what a valid fragment cannot contain.
 */
export function pasteFragment(
  map: HandoffMap,
  fragment: MapFragment,
  options: PasteOptions = {},
): PasteResult {
  const offset = options.offset ?? { x: 0, y: 0 };
  const ids = options.ids ?? sequentialPasteIds(map, fragment);
  let next = map;

  const laneIds = new Map<string, string>();
  fragment.lanes.forEach((lane, index) => {
    const match = findByName(next.lanes, lane);
    if (match !== undefined) laneIds.set(lane.id, match.id);
    else {
      const id = idAt(ids.lanes, index, "lane");
      next = addLane(next, {
        id,
        name: lane.name,
        ...(lane.color === undefined ? {} : { color: lane.color }),
      });
      laneIds.set(lane.id, id);
    }
  });
  const phaseIds = new Map<string, string>();
  fragment.phases.forEach((phase, index) => {
    const match = findByName(next.phases, phase);
    if (match !== undefined) phaseIds.set(phase.id, match.id);
    else {
      const id = idAt(ids.phases, index, "phase");
      next = addPhase(next, {
        id,
        name: phase.name,
        ...(phase.color === undefined ? {} : { color: phase.color }),
      });
      phaseIds.set(phase.id, id);
    }
  });

  // The pasted steps and handoffs go through the model's edits (so they are valid), but each
  // edit copies and scans the map it is given: applied to the whole map, a 500-step paste into a
  // 2,000-step map cost 1.5 s. So they are made in small scratch maps holding the target's lanes
  // and phases and at most PASTE_CHUNK new items, with ids kept fresh against the whole map, and
  // appended once at the end: the cost grows with the paste, not with the map.
  const scratch = (steps: Step[], handoffs: Handoff[]): HandoffMap => ({ ...next, steps, handoffs });
  // The scratch maps hold none of the map's own items: new ids are checked against the whole map.
  const takenSteps = new Set(next.steps.map((step) => step.id));
  const stepIds = new Map<string, string>();
  const pastedSteps: Step[] = [];
  const fallbackLane = next.lanes[0]?.id;
  let stepChunk = scratch([], []);
  for (const [index, step] of fragment.steps.entries()) {
    if (stepIds.has(step.id)) continue;
    const lane =
      laneIds.get(step.lane) ?? (next.lanes.some((l) => l.id === step.lane) ? step.lane : fallbackLane);
    if (lane === undefined) continue;
    const phase =
      step.phase === undefined
        ? undefined
        : (phaseIds.get(step.phase) ??
          (next.phases.some((p) => p.id === step.phase) ? step.phase : undefined));
    const id = requireUnused(takenSteps, idAt(ids.steps, index, "step"), "step");
    stepIds.set(step.id, id);
    stepChunk = addStep(stepChunk, {
      id,
      lane,
      ...(phase === undefined ? {} : { phase }),
      label: step.label,
      kind: step.kind,
      description: step.description,
      owner: step.owner,
      systems: step.systems,
      ...(step.position === undefined
        ? {}
        : {
            position: {
              x: clampCoordinate(step.position.x + offset.x),
              y: clampCoordinate(step.position.y + offset.y),
            },
          }),
    });
    if (stepChunk.steps.length >= PASTE_CHUNK) {
      for (const made of stepChunk.steps) pastedSteps.push(made);
      stepChunk = scratch([], []);
    }
  }
  for (const made of stepChunk.steps) pastedSteps.push(made);
  const pastedById = new Map(pastedSteps.map((step) => [step.id, step]));

  const takenHandoffs = new Set(next.handoffs.map((handoff) => handoff.id));
  const takenEdgeCases = new Set<string>();
  for (const handoff of next.handoffs)
    for (const edgeCase of handoff.edgeCases) takenEdgeCases.add(edgeCase.id);
  const handoffIds: string[] = [];
  const pastedHandoffs: Handoff[] = [];
  let chunk: Handoff[] = [];
  // A scratch map holds none of the map's edge cases: it carries the highest number given so far,
  // so each pasted edge case takes the next one against the whole map, never a number in use.
  let lastNumber = highestEdgeCaseNumber(next);
  for (const number of edgeCaseNumbers(next).values()) lastNumber = Math.max(lastNumber, number);
  for (const [index, handoff] of fragment.handoffs.entries()) {
    const from = stepIds.get(handoff.from);
    const to = stepIds.get(handoff.to);
    const ends = [from, to].map((end) => (end === undefined ? undefined : pastedById.get(end)));
    if (from === undefined || to === undefined || from === to) continue;
    const id = requireUnused(takenHandoffs, idAt(ids.handoffs, index, "handoff"), "handoff");
    // Only the two ends: connect checks that they exist.
    let made = connect(
      {
        ...scratch(
          ends.filter((end): end is Step => end !== undefined),
          chunk,
        ),
        lastEdgeCaseNumber: lastNumber,
      },
      { id, from, to, label: handoff.label },
    );
    for (const [caseIndex, edgeCase] of handoff.edgeCases.entries()) {
      const caseId = requireUnused(
        takenEdgeCases,
        idAt(ids.edgeCases[index], caseIndex, "edge case"),
        "edge case",
      );
      made = addEdgeCase(made, id, {
        id: caseId,
        title: edgeCase.title,
        severity: edgeCase.severity,
        status: edgeCase.status,
        owner: edgeCase.owner,
        mitigation: edgeCase.mitigation,
        description: edgeCase.description,
        votes: edgeCase.votes,
        ...(edgeCase.due === undefined ? {} : { due: edgeCase.due }),
      });
    }
    lastNumber = highestEdgeCaseNumber(made);
    chunk = made.handoffs;
    if (chunk.length >= PASTE_CHUNK) {
      for (const h of chunk) pastedHandoffs.push(h);
      chunk = [];
    }
    handoffIds.push(id);
  }
  for (const h of chunk) pastedHandoffs.push(h);
  next = { ...next, steps: next.steps.concat(pastedSteps), handoffs: next.handoffs.concat(pastedHandoffs) };
  return { map: next, steps: [...stepIds.values()], handoffs: handoffIds };
}
