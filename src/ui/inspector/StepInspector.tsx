import { useCallback, useId, useMemo } from "react";
import { STEP_KINDS, type StepKind } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import { ChipsField } from "../fields/ChipsField";
import { SelectField, type SelectOption } from "../fields/SelectField";
import { TextField } from "../fields/TextField";
import { useEditor } from "../store-context";
import { findStep, selectLanes, selectPhases } from "./selectors";

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  start: "Start",
  task: "Task",
  decision: "Decision",
  end: "End",
};

const KIND_OPTIONS: SelectOption<StepKind>[] = STEP_KINDS.map((kind) => ({
  value: kind,
  label: STEP_KIND_LABELS[kind],
}));

/** The select's value for "no phase"; phase ids are never empty, so it cannot clash. */
const NO_PHASE = "";

export function StepInspector({ id }: { id: string }) {
  const headingId = useId();
  const step = useEditor(useCallback((state: EditorState) => findStep(state.map, id), [id]));
  const lanes = useEditor(selectLanes);
  const phases = useEditor(selectPhases);
  const laneOptions = useMemo(() => lanes.map((lane) => ({ value: lane.id, label: lane.name })), [lanes]);
  const phaseOptions = useMemo(
    () => [
      { value: NO_PHASE, label: "No phase" },
      ...phases.map((phase) => ({ value: phase.id, label: phase.name })),
    ],
    [phases],
  );
  if (step === undefined) return null;

  return (
    <section className="hf-inspector__section" aria-labelledby={headingId}>
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Step</p>
        <h2 className="hf-inspector__title" id={headingId}>
          {step.label}
        </h2>
      </header>
      <TextField
        label="Label"
        value={step.label}
        required
        edit={(value) => ({ type: "setStepField", step: id, field: "label", value })}
      />
      <SelectField
        label="Lane"
        value={step.lane}
        options={laneOptions}
        edit={(lane) => ({ type: "setStepLane", step: id, lane })}
      />
      <SelectField
        label="Phase"
        value={step.phase ?? NO_PHASE}
        options={phaseOptions}
        edit={(phase) => ({ type: "setStepPhase", step: id, phase: phase === NO_PHASE ? null : phase })}
      />
      <SelectField
        label="Kind"
        value={step.kind}
        options={KIND_OPTIONS}
        edit={(kind) => ({ type: "setStepKind", step: id, kind })}
      />
      <TextField
        label="Owner"
        value={step.owner}
        placeholder="Who does this step"
        edit={(value) => ({ type: "setStepField", step: id, field: "owner", value })}
      />
      <ChipsField
        label="Systems"
        itemName="system"
        values={step.systems}
        edit={(systems) => ({ type: "setStepSystems", step: id, systems })}
      />
      <TextField
        label="Description"
        value={step.description}
        multiline
        edit={(value) => ({ type: "setStepField", step: id, field: "description", value })}
      />
    </section>
  );
}
