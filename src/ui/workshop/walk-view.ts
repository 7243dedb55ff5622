/**
 * What the presenter card shows for one walkthrough position, derived from the map: pure, so the
 * card, the keys and the tests agree on which edge case is "the second one on the card".
 */

import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import { type FlowOrder, stepHandoffs } from "../../model/flow-order";
import { edgeCaseLabel, handoffName } from "../../model/register-rows";
import type { EdgeCase, Handoff, HandoffMap, Lane, Step } from "../../model/types";
import { stubIdOf } from "../../store/lane-focus";
import type { WalkFocus } from "./walk-highlight";

export interface CardHandoff {
  handoff: Handoff;
  direction: "in" | "out";
  /** "Lead capture → Lead enrichment"; in a lane focus an end in a lane not shown is named with its lane: "Send invoice (Finance)". */
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

/**
 * @param laneFocus the lanes shown (EditorState.laneFocus): a handoff's end in another lane is
 * named with its lane, and highlighted on the canvas as the stub that stands for it.
 */
export function walkView(
  map: HandoffMap,
  order: FlowOrder,
  index: number,
  laneFocus: readonly string[] | null = null,
): WalkView | null {
  const stepId = order.steps[index];
  const step = stepId === undefined ? undefined : map.steps.find((s) => s.id === stepId);
  if (step === undefined) return null;
  const numbers = edgeCaseNumbers(map);
  const { incoming, outgoing } = stepHandoffs(map, step.id);
  // In a lane focus: the lane of each step outside it (by step id), for names and stubs.
  const shown = laneFocus === null ? null : new Set(laneFocus);
  const hidden =
    shown === null
      ? null
      : new Map(
          map.steps
            .filter((s) => !shown.has(s.lane))
            .map((s) => [s.id, map.lanes.find((lane) => lane.id === s.lane)?.name ?? s.lane]),
        );
  const labelOf = (id: string) => {
    const label = map.steps.find((s) => s.id === id)?.label ?? id;
    const lane = hidden?.get(id);
    return lane === undefined ? label : `${label} (${lane})`;
  };
  const focusedName = (handoff: Handoff) => `${labelOf(handoff.from)} → ${labelOf(handoff.to)}`;
  const handoffs: CardHandoff[] = [
    ...incoming.map((handoff) => ({ handoff, direction: "in" as const, otherStepId: handoff.from })),
    ...outgoing.map((handoff) => ({ handoff, direction: "out" as const, otherStepId: handoff.to })),
  ].map((entry) => ({
    ...entry,
    name: hidden === null ? handoffName(map, entry.handoff) : focusedName(entry.handoff),
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
      neighbourIds: [
        ...new Set(
          handoffs.map((entry) =>
            hidden?.has(entry.otherStepId) === true ? stubIdOf(entry.otherStepId) : entry.otherStepId,
          ),
        ),
      ],
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
