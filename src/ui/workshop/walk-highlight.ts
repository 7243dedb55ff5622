/**
 * The walkthrough's focus on the canvas, as a style sheet: the current step and its lane stand
 * out, the handoffs into and out of it and the steps at their other ends stay readable, and the
 * rest of the map is dimmed.
 *
 * Why a generated style sheet and not props on the canvas: React Flow already marks every node
 * and edge with its id (`.react-flow__node[data-id]`, `.react-flow__edge[data-id]`) and the lane
 * bands carry `data-lane-id`, so the walkthrough needs no change to the canvas's components, and
 * the dimming survives React Flow re-creating nodes (only visible elements are rendered). The
 * rules apply only while `<html data-hf-walkthrough>` is set.
 *
 * Hazard: ids are user data and land inside CSS. Every id goes through `cssString`, which
 * escapes quotes, backslashes, line breaks, control characters and `<`, so an id can never end
 * the attribute selector, the rule, or the <style> element.
 */
import { cssString } from "../canvas/css-string";
import { flowNodeId } from "../canvas/flow-adapter";

export interface WalkFocus {
  stepId: string;
  laneId: string | null;
  /** Handoffs into or out of the step. */
  handoffIds: readonly string[];
  /** Steps at the other end of those handoffs. */
  neighbourIds: readonly string[];
}

export const WALK_ROOT = "html[data-hf-walkthrough]";

// Nodes carry React Flow's node id, which writes a few characters of a step id differently.
const nodeSel = (id: string) => `${WALK_ROOT} .react-flow__node[data-id=${cssString(flowNodeId(id))}]`;
const edgeSel = (id: string) => `${WALK_ROOT} .react-flow__edge[data-id=${cssString(id)}]`;
const laneSel = (id: string) => `${WALK_ROOT} [data-lane-id=${cssString(id)}]`;

/** The style sheet for one walkthrough position. */
export function walkHighlightCss(focus: WalkFocus): string {
  const rules: string[] = [
    `${WALK_ROOT} .react-flow__node, ${WALK_ROOT} .react-flow__edge { opacity: 0.3; transition: opacity 200ms ease; }`,
    `${WALK_ROOT} [data-lane-id] { transition: opacity 200ms ease; }`,
  ];
  if (focus.neighbourIds.length > 0)
    rules.push(`${focus.neighbourIds.map(nodeSel).join(", ")} { opacity: 0.7; }`);
  if (focus.handoffIds.length > 0) rules.push(`${focus.handoffIds.map(edgeSel).join(", ")} { opacity: 1; }`);
  rules.push(
    `${nodeSel(focus.stepId)} { opacity: 1; z-index: 10 !important; }`,
    `${nodeSel(focus.stepId)} .hf-step { box-shadow: 0 0 0 4px var(--hf-walk-ring, #2563eb), 0 8px 28px rgb(15 23 42 / 0.28); }`,
  );
  if (focus.laneId !== null)
    rules.push(
      `${laneSel(focus.laneId)} { background-color: var(--hf-walk-lane, rgb(37 99 235 / 0.08)); fill: var(--hf-walk-lane, rgb(37 99 235 / 0.08)); }`,
    );
  return rules.join("\n");
}
