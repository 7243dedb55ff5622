import { type FormEvent, useId, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { listScenarios } from "../../model/scenarios";
import type { HandoffMap } from "../../model/types";
import { ToolbarGroup } from "../editor/Toolbar";
import { useEditor, useEditorStoreApi } from "../store-context";
import { newScenario, showScenario } from "./versions-commands";
import { useVersionsUi, useVersionsUiApi } from "./versions-context";
import "./versions.css";

const selectScenarios = (s: { map: HandoffMap }) => s.map.scenarios;
const selectActive = (s: { map: HandoffMap }) => s.map.activeScenario;

/** A name for the next scenario: "To-be" first, then "Scenario 3", "Scenario 4"... */
export function nextScenarioName(map: HandoffMap): string {
  const taken = new Set(listScenarios(map).map((s) => s.name.trim().toLowerCase()));
  if (!taken.has("to-be")) return "To-be";
  let n = taken.size + 1;
  while (taken.has(`scenario ${n}`)) n++;
  return `Scenario ${n}`;
}

/**
 * The toolbar's "Scenario" group: the switcher (As-is, To-be, ...), "New scenario" (a copy of
 * the one on screen, same ids), and "Versions" (the panel: save, list, compare).
 */
export function VersionsToolbar() {
  const editor = useEditorStoreApi();
  const ui = useVersionsUiApi();
  const panelOpen = useVersionsUi((s) => s.panelOpen);
  // The two fields, not the list: listScenarios makes a new array each call.
  useEditor(selectScenarios);
  useEditor(selectActive);
  const scenarios = listScenarios(editor.getState().map);
  const active = scenarios.find((s) => s.active);
  const [naming, setNaming] = useState<string | null>(null);
  const inputId = useId();
  const newButton = useRef<HTMLButtonElement>(null);
  /** Esc and Cancel close the name field and give focus back to New scenario. */
  const cancel = () => {
    newButton.current?.focus();
    setNaming(null);
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    if (naming !== null && newScenario(editor, naming)) {
      setNaming(null);
      editor
        .getState()
        .notify(`Now editing the scenario “${naming.trim()}”, a copy of “${active?.name ?? ""}”.`);
    }
  };

  return (
    <ToolbarGroup label="Scenarios and versions">
      <select
        className="hf-scenario-select"
        aria-label="Scenario"
        title="The scenario on screen (As-is, To-be, …)"
        value={active?.id}
        onChange={(event) => showScenario(editor, event.target.value)}
      >
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <span className="hf-scenario-new">
        <button
          type="button"
          ref={newButton}
          className="hf-button"
          aria-expanded={naming !== null}
          title="New scenario: a copy of this one with the same ids, to compare later"
          onClick={() => setNaming(naming === null ? nextScenarioName(editor.getState().map) : null)}
        >
          New scenario
        </button>
        {naming !== null && (
          <form className="hf-scenario-form" onSubmit={create}>
            <label htmlFor={inputId}>Scenario name</label>
            <input
              id={inputId}
              value={naming}
              // biome-ignore lint/a11y/noAutofocus: the form opens for this one field
              autoFocus
              // The suggested name is selected: typing replaces it, Enter keeps it.
              onFocus={(event) => event.currentTarget.select()}
              onChange={(event) => setNaming(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape") cancel();
              }}
            />
            <div className="hf-scenario-form__actions">
              <button type="submit" className="hf-button hf-button--primary">
                Create
              </button>
              <button type="button" className="hf-button" onClick={cancel}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </span>
      <button
        type="button"
        className="hf-button"
        aria-pressed={panelOpen}
        title="Versions: save, restore and compare"
        onClick={() => ui.getState().togglePanel()}
      >
        Versions
      </button>
    </ToolbarGroup>
  );
}

/** The status bar's "Scenario: To-be". */
export function ScenarioStatus() {
  const name = useEditor(
    useShallow((s: { map: HandoffMap }) => listScenarios(s.map).find((x) => x.active)?.name ?? ""),
  );
  return (
    <span className="hf-scenario-status" data-testid="scenario-status">
      Scenario: <strong>{name}</strong>
    </span>
  );
}
