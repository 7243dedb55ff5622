import { type FormEvent, type MouseEvent, type ReactNode, useId, useState } from "react";
import { listScenarios, type ScenarioSummary } from "../../model/scenarios";
import type { HandoffMap, MapVersion } from "../../model/types";
import { CloseButton } from "../fields/CloseButton";
import { useFocusReturn } from "../fields/use-focus-return";
import { useEditor, useEditorStoreApi } from "../store-context";
import { ComparePanel } from "./ComparePanel";
import {
  deleteScenarioNow,
  deleteVersionNow,
  renameScenarioNow,
  restoreVersionNow,
  saveVersionNow,
} from "./versions-commands";
import { useVersionsUi, useVersionsUiApi } from "./versions-context";

const selectMap = (s: { map: HandoffMap }) => s.map;

const TRIGGER_WORDS: Record<MapVersion["trigger"], string> = {
  manual: "",
  "walkthrough-end": "automatic",
  "voting-revealed": "automatic",
  "before-restore": "automatic",
};

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * A click that is the second of a double-click: on "Confirm delete" it is the same hand that just
 * pressed Delete, not a decision, so it confirms nothing. (A key press reports 0, a click 1.)
 */
function secondClickOfDouble(event: MouseEvent<HTMLButtonElement>): boolean {
  return event.detail > 1;
}

/** The side column's versions panel, or the compare panel while comparing. */
export function VersionsSlot() {
  const open = useVersionsUi((s) => s.panelOpen);
  const comparing = useVersionsUi((s) => s.compare !== null);
  if (comparing) return <ComparePanel />;
  return open ? <VersionsPanel /> : null;
}

/**
 * "Versions": save a named version (with a note), compare the map on screen with a version or
 * another scenario, and the list of saved versions, newest first, each with Open (read-only),
 * Compare, Restore and Delete. Also the scenarios of the map: rename the one on screen, delete
 * another.
 */
export function VersionsPanel() {
  const editor = useEditorStoreApi();
  const ui = useVersionsUiApi();
  const map = useEditor(selectMap);
  const headingId = useId();
  const nameId = useId();
  const noteId = useId();
  const compareId = useId();
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [target, setTarget] = useState("");
  /** The version (its id) or scenario (`scenario:` and its id) whose Delete was pressed once. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const scenarios = listScenarios(map);
  const versions = [...(map.versions ?? [])].reverse();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (saveVersionNow(editor, name, note)) {
      editor.getState().notify(`Saved the version “${name.trim()}”.`);
      setName("");
      setNote("");
    }
  };

  const compare = () => {
    const [kind, id] = target.split(":", 2) as ["version" | "scenario", string];
    if (id !== undefined && id !== "") ui.getState().startCompare({ kind, id });
  };

  return (
    <section className="hf-versions" aria-labelledby={headingId} data-testid="versions-panel">
      <header className="hf-versions__header">
        <h2 id={headingId}>Versions</h2>
        <CloseButton label="Close versions" onClick={() => ui.getState().togglePanel(false)} />
      </header>

      <form className="hf-versions__save" onSubmit={save}>
        <label htmlFor={nameId}>Version name</label>
        <input
          id={nameId}
          value={name}
          placeholder="e.g. Before the workshop"
          onChange={(event) => setName(event.target.value)}
        />
        <label htmlFor={noteId}>Note (optional)</label>
        <textarea id={noteId} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        <button type="submit" className="hf-versions__primary" disabled={name.trim() === ""}>
          Save version
        </button>
      </form>

      <div className="hf-versions__compare">
        <label htmlFor={compareId}>Compare with…</label>
        <div className="hf-versions__row">
          <select id={compareId} value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">Choose a version or scenario</option>
            {scenarios
              .filter((s) => !s.active)
              .map((s) => (
                <option key={s.id} value={`scenario:${s.id}`}>
                  Scenario: {s.name}
                </option>
              ))}
            {versions.map((v) => (
              <option key={v.id} value={`version:${v.id}`}>
                Version: {v.name} ({when(v.savedAt)})
              </option>
            ))}
          </select>
          <button type="button" disabled={target === ""} onClick={compare}>
            Compare
          </button>
        </div>
      </div>

      {scenarios.length > 1 && (
        <div className="hf-versions__scenarios">
          <h3>Scenarios</h3>
          <ul>
            {scenarios.map((s) => (
              <ScenarioRow
                key={s.id}
                scenario={s}
                confirming={confirming === `scenario:${s.id}`}
                onConfirming={(on) => setConfirming(on ? `scenario:${s.id}` : null)}
              />
            ))}
          </ul>
        </div>
      )}

      <h3 className="hf-versions__list-heading">
        Saved versions <span>({versions.length})</span>
      </h3>
      {versions.length === 0 ? (
        <p className="hf-versions__empty">
          No versions yet. Save one before the room changes the map; Handoff also saves one when a walkthrough
          reaches its end.
        </p>
      ) : (
        <ul className="hf-versions__list" aria-label="Saved versions">
          {versions.map((v) => (
            <li key={v.id} className="hf-versions__item" data-testid="version-item">
              <div className="hf-versions__item-head">
                <strong>{v.name}</strong>
                {TRIGGER_WORDS[v.trigger] !== "" && (
                  <span className="hf-versions__badge">{TRIGGER_WORDS[v.trigger]}</span>
                )}
              </div>
              <div className="hf-versions__meta">
                <time dateTime={v.savedAt}>{when(v.savedAt)}</time> · {v.scenario}
              </div>
              {v.note !== "" && <p className="hf-versions__note">{v.note}</p>}
              <div className="hf-versions__actions">
                <button type="button" aria-label={`Open ${v.name}`} onClick={() => ui.getState().view(v.id)}>
                  Open
                </button>
                <button
                  type="button"
                  aria-label={`Compare with ${v.name}`}
                  onClick={() => ui.getState().startCompare({ kind: "version", id: v.id })}
                >
                  Compare
                </button>
                <button
                  type="button"
                  aria-label={`Restore ${v.name}`}
                  title="Put this version back on screen; what is there now is saved as a version first"
                  onClick={() => {
                    if (restoreVersionNow(editor, v.id))
                      editor
                        .getState()
                        .notify(`Restored “${v.name}”. What was on screen is saved as a version.`);
                  }}
                >
                  Restore
                </button>
                {confirming === v.id ? (
                  <button
                    type="button"
                    className="hf-versions__danger"
                    onClick={(event) => {
                      if (secondClickOfDouble(event)) return;
                      deleteVersionNow(editor, v.id);
                      setConfirming(null);
                    }}
                  >
                    Confirm delete
                  </button>
                ) : (
                  <button type="button" aria-label={`Delete ${v.name}`} onClick={() => setConfirming(v.id)}>
                    Delete
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One scenario in the Versions panel: the one on screen renames in place (Enter saves, Esc and
 * Cancel leave it, focus back on Rename); another deletes on a second press, with an undo notice.
 */
function ScenarioRow({
  scenario,
  confirming,
  onConfirming,
}: {
  scenario: ScenarioSummary;
  confirming: boolean;
  onConfirming: (on: boolean) => void;
}) {
  const editor = useEditorStoreApi();
  const [renaming, setRenaming] = useState<string | null>(null);
  const renameButton = useFocusReturn<HTMLButtonElement>(renaming !== null);
  const { id, name, active } = scenario;

  if (renaming !== null)
    return (
      <li>
        <form
          className="hf-versions__rename"
          onSubmit={(event) => {
            event.preventDefault();
            if (renameScenarioNow(editor, id, renaming)) setRenaming(null);
          }}
        >
          <input
            aria-label="Scenario name"
            value={renaming}
            // biome-ignore lint/a11y/noAutofocus: the field opens because Rename was pressed
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setRenaming(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setRenaming(null);
            }}
          />
          <button type="submit" className="hf-versions__primary">
            Save
          </button>
          <button type="button" onClick={() => setRenaming(null)}>
            Cancel
          </button>
        </form>
      </li>
    );

  let action: ReactNode;
  if (active)
    action = (
      <button
        type="button"
        ref={renameButton}
        aria-label={`Rename scenario ${name}`}
        onClick={() => setRenaming(name)}
      >
        Rename
      </button>
    );
  else if (confirming)
    action = (
      <button
        type="button"
        className="hf-versions__danger"
        aria-label={`Confirm delete scenario ${name}`}
        onClick={(event) => {
          if (secondClickOfDouble(event)) return;
          if (deleteScenarioNow(editor, id))
            editor.getState().notify(`Deleted the scenario “${name}”.`, "info", { undo: "Undo delete" });
          onConfirming(false);
        }}
      >
        Confirm delete
      </button>
    );
  else
    action = (
      <button type="button" aria-label={`Delete scenario ${name}`} onClick={() => onConfirming(true)}>
        Delete
      </button>
    );
  return (
    <li>
      <span className="hf-versions__scenario-name">
        {name}
        {active ? <em> (on screen)</em> : null}
      </span>
      {action}
    </li>
  );
}
