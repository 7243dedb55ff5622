import "../fields/fields.css";
import "./inspector.css";
import type { KeyboardEvent } from "react";
import { assertNever } from "../../model/assert-never";
import { firstFocusable } from "../keyboard/use-editor-shortcuts";
import { useEditor } from "../store-context";
import { HandoffInspector } from "./HandoffInspector";
import { LaneInspector, PhaseInspector } from "./LaneInspector";
import { MapInspector } from "./MapInspector";
import { SelectionSummary } from "./SelectionSummary";
import { StepInspector } from "./StepInspector";
import { inspectorTarget, selectSelection } from "./selectors";

export interface InspectorProps {
  className?: string;
}

/**
 * The side panel for the selection: a step, a handoff with its edge cases, a lane or phase
 * picked in its header, a summary of a multi-selection, or the map itself when nothing is
 * selected. Every field applies to the map as you type (one undo entry per field edit).
 *
 * Each part is keyed by the id it edits, so switching the selection never carries a draft over.
 */
export function Inspector({ className }: InspectorProps) {
  const selection = useEditor(selectSelection);
  const target = inspectorTarget(selection);
  // Tab on a selected step or handoff brings focus here; Shift+Tab from the first field goes back.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Tab" || !event.shiftKey || event.target !== firstFocusable(event.currentTarget))
      return;
    const back = canvasElement(target);
    if (back === null) return;
    event.preventDefault();
    back.focus();
  };
  return (
    <aside
      className={["hf-inspector", className].filter(Boolean).join(" ")}
      aria-label="Inspector"
      onKeyDown={onKeyDown}
    >
      {(() => {
        switch (target.kind) {
          case "map":
            return <MapInspector />;
          case "step":
            return <StepInspector key={`step:${target.id}`} id={target.id} />;
          case "handoff":
            return <HandoffInspector key={`handoff:${target.id}`} id={target.id} />;
          case "lane":
            return <LaneInspector key={`lane:${target.id}`} id={target.id} />;
          case "phase":
            return <PhaseInspector key={`phase:${target.id}`} id={target.id} />;
          case "many":
            return <SelectionSummary steps={target.steps} handoffs={target.handoffs} />;
          default:
            return assertNever(target);
        }
      })()}
    </aside>
  );
}

/** The selected step's or handoff's element on the canvas, when it is drawn. */
function canvasElement(target: ReturnType<typeof inspectorTarget>): HTMLElement | null {
  if (target.kind !== "step" && target.kind !== "handoff") return null;
  // A step's React Flow node id is an encoded form of its id (flow-adapter.ts): find the node by
  // the step id its face carries instead.
  if (target.kind === "step")
    return (
      document
        .querySelector<HTMLElement>(`[data-step-id="${CSS.escape(target.id)}"]`)
        ?.closest<HTMLElement>(".react-flow__node") ?? null
    );
  return document.querySelector<HTMLElement>(`.react-flow__edge[data-id="${CSS.escape(target.id)}"]`);
}
