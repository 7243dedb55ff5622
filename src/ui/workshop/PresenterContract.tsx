import "../inspector/inspector.css";
import { useEffect, useRef } from "react";
import { hasContract } from "../../export/contract-table";
import { formatSla } from "../../model/contract";
import { isSystemCrossing } from "../../model/system-crossings";
import type { Handoff, HandoffMap, Step } from "../../model/types";
import type { Command } from "../../store/commands/command";
import type { EditorStore } from "../../store/editor-store";
import { tryEdit } from "../fields/edit";
import { ContractSection, INTEGRATION_LABELS } from "../inspector/ContractSection";
import { useEditorStoreApi } from "../store-context";

/**
 * The next unagreed required-data item on these handoffs (in order) that has no edge case yet,
 * turned into one: the walkthrough's U key. Returns what it did, for a notice.
 */
export function unagreedToEdgeCase(store: EditorStore, handoffIds: readonly string[]): string {
  const map: HandoffMap = store.getState().map;
  for (const id of handoffIds) {
    const handoff = map.handoffs.find((h) => h.id === id);
    const items = handoff?.requiredData ?? [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (item === undefined || item.agreed) continue;
      const refused = tryEdit(store, { type: "requiredDataToEdgeCase", handoff: id, index });
      if (refused === null) return `"${item.item}" is now an edge case on this handoff.`;
    }
  }
  return "No unagreed required data left on this step's handoffs.";
}

/**
 * A handoff's contract on the presenter card: SLA, trigger, owners, required data with their
 * agreed ticks and a "→ Edge case" for each unagreed one; "Edit contract" (or C) opens the
 * inspector's Contract section in the card.
 */
export function PresenterContract({
  handoff,
  from,
  to,
  editing,
  onEdit,
}: {
  handoff: Handoff;
  from?: Step;
  to?: Step;
  editing: boolean;
  onEdit: (open: boolean) => void;
}) {
  const store = useEditorStoreApi();
  const editorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (editing) editorRef.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [editing]);
  const sla = formatSla(handoff.sla);
  const owners = [handoff.sender ?? "", handoff.receiver ?? ""];
  const items = handoff.requiredData ?? [];
  const crossing = isSystemCrossing(from, to);
  // Work inside one team with no contract: nothing to agree, so no row of "not agreed".
  const quiet = from?.lane === to?.lane && !hasContract(handoff);
  const run = (change: Command) => {
    store.getState().sealHistory();
    const refused = tryEdit(store, change);
    if (refused !== null) store.getState().notify(refused, "error");
  };
  return (
    <div className="hf-presenter__contract" data-testid="presenter-contract">
      {!quiet && (
        <dl className="hf-presenter__contract-facts">
          <div>
            <dt>SLA</dt>
            <dd>{sla === "" ? <span className="hf-presenter__missing">not agreed</span> : sla}</dd>
          </div>
          <div>
            <dt>Trigger</dt>
            <dd>{handoff.trigger ?? <span className="hf-presenter__missing">not agreed</span>}</dd>
          </div>
          <div>
            <dt>Owners</dt>
            <dd>
              {owners.map((owner, i) => (
                <span key={i === 0 ? "sender" : "receiver"}>
                  {i === 1 && " → "}
                  {owner === "" ? <span className="hf-presenter__missing">nobody</span> : owner}
                </span>
              ))}
            </dd>
          </div>
          {crossing && (
            <div>
              <dt>Systems</dt>
              <dd>⇆ crossing · {INTEGRATION_LABELS[handoff.integration ?? "unknown"].toLowerCase()}</dd>
            </div>
          )}
        </dl>
      )}
      {items.length > 0 && (
        <ul className="hf-presenter__data" aria-label="Required data">
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no ids; the row holds no state
            <li key={`${index}:${item.item}`}>
              <label>
                <input
                  type="checkbox"
                  checked={item.agreed}
                  onChange={(event) =>
                    run({
                      type: "setRequiredDataAgreed",
                      handoff: handoff.id,
                      index,
                      agreed: event.target.checked,
                    })
                  }
                />{" "}
                {item.item}
              </label>
              {!item.agreed && (
                <button
                  type="button"
                  className="hf-presenter__to-edge-case"
                  aria-label={`Make "${item.item}" an edge case`}
                  onClick={() => run({ type: "requiredDataToEdgeCase", handoff: handoff.id, index })}
                >
                  → Edge case
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="hf-presenter__edit-contract"
        aria-expanded={editing}
        onClick={() => onEdit(!editing)}
      >
        {editing ? "Done" : "Edit contract"} <kbd>C</kbd>
      </button>
      {editing && (
        <div className="hf-presenter__contract-editor hf-inspector" ref={editorRef}>
          <ContractSection handoff={handoff} from={from} to={to} />
        </div>
      )}
    </div>
  );
}
