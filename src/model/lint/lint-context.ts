import type { EdgeCase, Handoff, HandoffMap, Lane, Phase, Step } from "../types";

/**
 * What the rules share, built once per lint run in O(steps + handoffs): lookups by id, each
 * handoff's and step's index (for paths), and the outgoing and incoming handoffs of every step.
 */
export interface LintContext {
  map: HandoffMap;
  /** Today as YYYY-MM-DD; an input so that results are stable. */
  today: string;
  steps: ReadonlyMap<string, Step>;
  stepIndex: ReadonlyMap<string, number>;
  lanes: ReadonlyMap<string, Lane>;
  outgoing: ReadonlyMap<string, readonly Handoff[]>;
  incoming: ReadonlyMap<string, readonly Handoff[]>;
  handoffIndex: ReadonlyMap<string, number>;
}

export function buildContext(map: HandoffMap, today: string): LintContext {
  const steps = new Map<string, Step>();
  const stepIndex = new Map<string, number>();
  map.steps.forEach((step, index) => {
    steps.set(step.id, step);
    stepIndex.set(step.id, index);
  });
  const outgoing = new Map<string, Handoff[]>();
  const incoming = new Map<string, Handoff[]>();
  const handoffIndex = new Map<string, number>();
  map.handoffs.forEach((handoff, index) => {
    handoffIndex.set(handoff.id, index);
    const out = outgoing.get(handoff.from);
    if (out) out.push(handoff);
    else outgoing.set(handoff.from, [handoff]);
    const into = incoming.get(handoff.to);
    if (into) into.push(handoff);
    else incoming.set(handoff.to, [handoff]);
  });
  return {
    map,
    today,
    steps,
    stepIndex,
    lanes: new Map(map.lanes.map((lane) => [lane.id, lane])),
    outgoing,
    incoming,
    handoffIndex,
  };
}

export function isCrossLane(context: LintContext, handoff: Handoff): boolean {
  const from = context.steps.get(handoff.from);
  const to = context.steps.get(handoff.to);
  return from !== undefined && to !== undefined && from.lane !== to.lane;
}

/** `Handoff "Qualified lead" (Qualify → Discovery call)`, or its ends when it has no label. */
export function nameHandoff(context: LintContext, handoff: Handoff): string {
  const from = context.steps.get(handoff.from)?.label ?? handoff.from;
  const to = context.steps.get(handoff.to)?.label ?? handoff.to;
  const label = handoff.label.trim();
  return label === "" ? `Handoff ${quote(from)} → ${quote(to)}` : `Handoff ${quote(label)} (${from} → ${to})`;
}

export function quote(text: string): string {
  const single = text.replace(/\s+/g, " ").trim();
  return `"${single.length > 60 ? `${single.slice(0, 57)}…` : single}"`;
}

function at(kind: string, index: number | undefined, id: string): string {
  return `${kind}[${index ?? "?"}] (${id.length > 40 ? `${id.slice(0, 37)}…` : id})`;
}

export function stepPath(context: LintContext, step: Step): string {
  return at("steps", context.stepIndex.get(step.id), step.id);
}

export function handoffPath(context: LintContext, handoff: Handoff): string {
  return at("handoffs", context.handoffIndex.get(handoff.id), handoff.id);
}

export function edgeCasePath(context: LintContext, handoff: Handoff, edgeCase: EdgeCase): string {
  return `${handoffPath(context, handoff)}.${at("edgeCases", handoff.edgeCases.indexOf(edgeCase), edgeCase.id)}`;
}

export function lanePath(context: LintContext, lane: Lane): string {
  return at("lanes", context.map.lanes.indexOf(lane), lane.id);
}

export function phasePath(context: LintContext, phase: Phase): string {
  return at("phases", context.map.phases.indexOf(phase), phase.id);
}
