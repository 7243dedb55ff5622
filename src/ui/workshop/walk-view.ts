/**
 * What the presenter card shows for one walkthrough position, derived from the map: pure, so the
 * card, the keys and the tests agree on which edge case is "the second one on the card".
 */

import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import { type FlowOrder, stepHandoffs } from "../../model/flow-order";
import { edgeCaseLabel, handoffName } from "../../model/register-rows";
import type { EdgeCase, Handoff, HandoffMap, Lane, Step } from "../../model/types";
import type { WalkFocus } from "./walk-highlight";

export interface CardHandoff {
  handoff: Handoff;
  direction: "in" | "out";
  /** "Lead capture → Lead enrichment". */
  name: string;
  /** The step at the other end. */
  otherStepId: string;
  loopBack: boolean;
}

export interface CardEdgeCase {
  edgeCase: EdgeCase;
  handoffId: string;
  /** "EC-3", the register's number. */
  label: string;
}

export interface WalkView {
  step: Step;
  lane: Lane | undefined;
  /** 0-based position in the walk and the walk's length. */
  index: number;
  total: number;
  reachable: boolean;
  handoffs: CardHandoff[];
  /** The edge cases on the card in the order shown (incoming first, then outgoing): the vote cursor's list. */
  edgeCases: CardEdgeCase[];
  focus: WalkFocus;
}

export function walkView(map: HandoffMap, order: FlowOrder, index: number): WalkView | null {
  const stepId = order.steps[index];
  const step = stepId === undefined ? undefined : map.steps.find((s) => s.id === stepId);
  if (step === undefined) return null;
  const numbers = edgeCaseNumbers(map);
  const { incoming, outgoing } = stepHandoffs(map, step.id);
  const handoffs: CardHandoff[] = [
    ...incoming.map((handoff) => ({ handoff, direction: "in" as const, otherStepId: handoff.from })),
    ...outgoing.map((handoff) => ({ handoff, direction: "out" as const, otherStepId: handoff.to })),
  ].map((entry) => ({
    ...entry,
    name: handoffName(map, entry.handoff),
    loopBack: order.loopBacks.has(entry.handoff.id),
  }));
  const edgeCases = handoffs.flatMap((entry) =>
    entry.handoff.edgeCases.map((edgeCase) => {
      const number = numbers.get(edgeCase.id);
      return {
        edgeCase,
        handoffId: entry.handoff.id,
        label: number === undefined ? "EC-?" : edgeCaseLabel(number),
      };
    }),
  );
  return {
    step,
    lane: map.lanes.find((lane) => lane.id === step.lane),
    index,
    total: order.steps.length,
    reachable: index < order.reachableCount,
    handoffs,
    edgeCases,
    focus: {
      stepId: step.id,
      laneId: step.lane,
      handoffIds: handoffs.map((entry) => entry.handoff.id),
      neighbourIds: [...new Set(handoffs.map((entry) => entry.otherStepId))],
    },
  };
}

/**
 * Where quick capture can put an edge case, best first: the selected handoff when it touches the
 * step ("the current handoff"), then the step's outgoing handoffs, then (for an end step) its
 * incoming ones.
 */
export function captureTargets(view: WalkView, selectedHandoffs: readonly string[]): CardHandoff[] {
  const outgoing = view.handoffs.filter((entry) => entry.direction === "out");
  const incoming = view.handoffs.filter((entry) => entry.direction === "in");
  const targets = outgoing.length > 0 ? outgoing : incoming;
  const selected = view.handoffs.find((entry) => selectedHandoffs.includes(entry.handoff.id));
  if (selected === undefined) return targets;
  return [selected, ...targets.filter((entry) => entry.handoff.id !== selected.handoff.id)];
}
