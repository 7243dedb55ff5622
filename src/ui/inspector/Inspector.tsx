import "../fields/fields.css";
import "./inspector.css";
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
  return (
    <aside className={["hf-inspector", className].filter(Boolean).join(" ")} aria-label="Inspector">
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

function assertNever(value: never): never {
  throw new Error(`unhandled inspector target ${JSON.stringify(value)}`);
}
