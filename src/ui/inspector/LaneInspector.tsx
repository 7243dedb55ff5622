import { useCallback, useId } from "react";
import type { EditorState } from "../../store/editor-store";
import { ColorField } from "../fields/ColorField";
import { TextField } from "../fields/TextField";
import { useEditor } from "../store-context";

export function LaneInspector({ id }: { id: string }) {
  const headingId = useId();
  const lane = useEditor(
    useCallback((state: EditorState) => state.map.lanes.find((item) => item.id === id), [id]),
  );
  const stepCount = useEditor(
    useCallback((state: EditorState) => state.map.steps.filter((step) => step.lane === id).length, [id]),
  );
  if (lane === undefined) return null;
  return (
    <section className="hf-inspector__section" aria-labelledby={headingId}>
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Lane</p>
        <h2 className="hf-inspector__title" id={headingId}>
          {lane.name}
        </h2>
      </header>
      <TextField
        label="Name"
        value={lane.name}
        required
        edit={(value) => ({ type: "setLaneField", lane: id, field: "name", value })}
      />
      <ColorField
        label="Color"
        value={lane.color}
        edit={(value) => ({ type: "setLaneField", lane: id, field: "color", value })}
      />
      <p className="hf-inspector__hint">
        {stepCount === 1 ? "1 step in this lane." : `${stepCount} steps in this lane.`}
      </p>
    </section>
  );
}

export function PhaseInspector({ id }: { id: string }) {
  const headingId = useId();
  const phase = useEditor(
    useCallback((state: EditorState) => state.map.phases.find((item) => item.id === id), [id]),
  );
  const stepCount = useEditor(
    useCallback((state: EditorState) => state.map.steps.filter((step) => step.phase === id).length, [id]),
  );
  if (phase === undefined) return null;
  return (
    <section className="hf-inspector__section" aria-labelledby={headingId}>
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Phase</p>
        <h2 className="hf-inspector__title" id={headingId}>
          {phase.name}
        </h2>
      </header>
      <TextField
        label="Name"
        value={phase.name}
        required
        edit={(value) => ({ type: "setPhaseField", phase: id, field: "name", value })}
      />
      <p className="hf-inspector__hint">
        {stepCount === 1 ? "1 step in this phase." : `${stepCount} steps in this phase.`}
      </p>
    </section>
  );
}
