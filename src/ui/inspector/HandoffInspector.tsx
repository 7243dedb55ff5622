import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { edgeCasesInMapOrder } from "../../model/backlog";
import { ownerKey } from "../../model/change-plan";
import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import type { HandoffMap } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import { TextField } from "../fields/TextField";
import { useEditor, useEditorStoreApi } from "../store-context";
import { ContractSection } from "./ContractSection";
import { EdgeCaseEditor } from "./EdgeCaseEditor";
import { findHandoff, selectMap, selectSteps } from "./selectors";

/** The title a new edge case starts with, selected so that typing replaces it. */
export const NEW_EDGE_CASE_TITLE = "New edge case";

/**
 * The owners already given to edge cases in the map, one per change-plan group (case and spacing
 * ignored, as the change plan groups them), as first written in map order; sorted for the list.
 */
export function ownerSuggestions(map: HandoffMap): string[] {
  const owners = new Map<string, string>();
  for (const { edgeCase } of edgeCasesInMapOrder(map)) {
    const key = ownerKey(edgeCase.owner);
    if (key !== "" && !owners.has(key)) owners.set(key, edgeCase.owner.trim().replace(/\s+/g, " "));
  }
  return [...owners.values()].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
}

const selectEdgeCaseReveal = (state: EditorState) => state.edgeCaseReveal;

export function HandoffInspector({ id }: { id: string }) {
  const store = useEditorStoreApi();
  const headingId = useId();
  const ownersListId = useId();
  const handoff = useEditor(useCallback((state: EditorState) => findHandoff(state.map, id), [id]));
  const steps = useEditor(selectSteps);
  const map = useEditor(selectMap);
  // Numbers are map-wide ("EC-7"), the same as in the register and the exports.
  const numbers = useMemo(() => edgeCaseNumbers(map), [map]);
  const owners = useMemo(() => ownerSuggestions(map), [map]);
  const [focusId, setFocusId] = useState<string | null>(null);
  // A register row or a health finding asked for one of this handoff's edge cases.
  const reveal = useEditor(selectEdgeCaseReveal);
  // A handoff just made by connecting: its label field takes the cursor, once.
  const focusLabel = useEditor(useCallback((state: EditorState) => state.labelFocusHandoffId === id, [id]));
  useEffect(() => {
    if (focusLabel) store.getState().setLabelFocusHandoff(null);
  }, [focusLabel, store]);
  // Focus a new edge case once (its editor's effect has run by now): a later redo that mounts
  // it again must not pull focus away from the canvas.
  useEffect(() => {
    if (focusId !== null) setFocusId(null);
  }, [focusId]);
  if (handoff === undefined) return null;

  const from = steps.find((step) => step.id === handoff.from)?.label ?? handoff.from;
  const to = steps.find((step) => step.id === handoff.to)?.label ?? handoff.to;

  const add = () => {
    store.getState().sealHistory();
    const done = store.getState().dispatch({ type: "addEdgeCase", handoff: id, title: NEW_EDGE_CASE_TITLE });
    if (done.ok && done.command.id !== undefined) setFocusId(done.command.id);
  };

  return (
    <section className="hf-inspector__section" aria-labelledby={headingId}>
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Handoff</p>
        <h2 className="hf-inspector__title" id={headingId}>
          {from} → {to}
        </h2>
      </header>
      <TextField
        label="Label"
        value={handoff.label}
        placeholder="What changes hands"
        edit={(value) => ({ type: "setHandoffField", handoff: id, field: "label", value })}
        autoFocus={focusLabel}
      />
      <dl className="hf-inspector__ends">
        <div>
          <dt>From</dt>
          <dd>{from}</dd>
        </div>
        <div>
          <dt>To</dt>
          <dd>{to}</dd>
        </div>
      </dl>

      <div className="hf-inspector__subhead">
        <h3>
          Edge cases <span className="hf-inspector__badge">{handoff.edgeCases.length}</span>
        </h3>
        <button type="button" className="hf-button hf-button--primary" onClick={add}>
          Add edge case
        </button>
      </div>
      {handoff.edgeCases.length === 0 ? (
        <p className="hf-inspector__hint">
          No edge cases on this handoff yet. Add what breaks when work changes hands here.
        </p>
      ) : (
        <ol className="hf-edge-cases">
          {handoff.edgeCases.map((edgeCase) => (
            <li key={edgeCase.id}>
              <EdgeCaseEditor
                edgeCase={edgeCase}
                number={numbers.get(edgeCase.id)}
                autoFocus={edgeCase.id === focusId}
                reveal={reveal?.id === edgeCase.id ? reveal.nonce : undefined}
                ownersListId={ownersListId}
              />
            </li>
          ))}
        </ol>
      )}
      <ContractSection
        handoff={handoff}
        from={steps.find((step) => step.id === handoff.from)}
        to={steps.find((step) => step.id === handoff.to)}
      />
      <datalist id={ownersListId}>
        {owners.map((owner) => (
          <option key={owner} value={owner} />
        ))}
      </datalist>
    </section>
  );
}
