import { useId, useState } from "react";
import { INTEGRATIONS, type Integration, SLA_UNITS, type SlaUnit } from "../../model/contract";
import { isSystemCrossing } from "../../model/system-crossings";
import type { Handoff, Step } from "../../model/types";
import type { Command } from "../../store/commands/command";
import { tryEdit } from "../fields/edit";
import { SelectField } from "../fields/SelectField";
import { TextField } from "../fields/TextField";
import { useEditorStoreApi } from "../store-context";

export const SLA_UNIT_LABELS: Record<SlaUnit, string> = {
  minutes: "minutes",
  hours: "hours",
  "business-hours": "business hours",
  days: "days",
  "business-days": "business days",
};

export const INTEGRATION_LABELS: Record<Integration, string> = {
  automated: "Automated",
  "manual re-entry": "Manual re-entry",
  unknown: "Unknown",
};

/**
 * The handoff's contract in the inspector: trigger, required data (each ticked when agreed, an
 * unagreed one turned into an edge case with one button), SLA, owners on each side, system of
 * record, acceptance, "no known edge cases", and on a system crossing how the data moves.
 */
export function ContractSection({ handoff, from, to }: { handoff: Handoff; from?: Step; to?: Step }) {
  const store = useEditorStoreApi();
  const headingId = useId();
  const newItemId = useId();
  const [newItem, setNewItem] = useState("");
  const [itemError, setItemError] = useState<string | null>(null);
  const [pendingUnit, setPendingUnit] = useState<SlaUnit>("business-hours");
  const id = handoff.id;
  const items = handoff.requiredData ?? [];
  const crossing = isSystemCrossing(from, to);
  const unit = handoff.sla?.unit ?? pendingUnit;

  const add = () => {
    if (newItem.trim() === "") return;
    const refused = tryEdit(store, { type: "addRequiredData", handoff: id, item: newItem });
    setItemError(refused);
    if (refused === null) setNewItem("");
  };
  const run = (change: Command) => {
    store.getState().sealHistory();
    const refused = tryEdit(store, change);
    if (refused !== null) store.getState().notify(refused, "error");
  };

  return (
    <section className="hf-contract" aria-labelledby={headingId}>
      <div className="hf-inspector__subhead">
        <h3 id={headingId}>Contract</h3>
      </div>
      <TextField
        label="Trigger"
        value={handoff.trigger ?? ""}
        placeholder="What starts it: lead score ≥ 60 and a business email"
        edit={(value) => ({ type: "setContractText", handoff: id, field: "trigger", value })}
      />
      <fieldset className="hf-field hf-contract__data">
        <legend className="hf-field__label">Required data</legend>
        {items.length === 0 ? (
          <p className="hf-field__hint">Nothing listed yet: what must travel with this handoff?</p>
        ) : (
          <ul className="hf-contract__items">
            {items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items have no ids; the row holds no state
              <li key={`${index}:${item.item}`} className="hf-contract__item">
                <label className="hf-contract__agreed">
                  <input
                    type="checkbox"
                    checked={item.agreed}
                    onChange={(event) =>
                      run({ type: "setRequiredDataAgreed", handoff: id, index, agreed: event.target.checked })
                    }
                  />
                  <span>{item.item}</span>
                </label>
                <span className="hf-contract__state">{item.agreed ? "agreed" : "not agreed"}</span>
                {!item.agreed && (
                  <button
                    type="button"
                    className="hf-button hf-button--quiet hf-contract__to-edge-case"
                    title="Record that the room could not agree on this: an open edge case on this handoff"
                    aria-label={`Make "${item.item}" an edge case`}
                    onClick={() => run({ type: "requiredDataToEdgeCase", handoff: id, index })}
                  >
                    → Edge case
                  </button>
                )}
                <button
                  type="button"
                  className="hf-button hf-button--quiet"
                  aria-label={`Remove "${item.item}"`}
                  onClick={() => run({ type: "removeRequiredData", handoff: id, index })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="hf-contract__add">
          <input
            id={newItemId}
            className="hf-field__input"
            value={newItem}
            placeholder="Company domain"
            aria-label="New required data"
            aria-invalid={itemError !== null}
            onChange={(event) => setNewItem(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="hf-button" onClick={add}>
            Add
          </button>
        </div>
        {itemError !== null && (
          <p className="hf-field__error" role="alert">
            {itemError}
          </p>
        )}
      </fieldset>
      <div className="hf-field-row">
        <TextField
          label="SLA"
          value={handoff.sla?.value === undefined ? "" : String(handoff.sla.value)}
          placeholder="4"
          edit={(typed) => ({ type: "setSlaValue", handoff: id, typed, unit })}
        />
        <SelectField
          label="SLA unit"
          value={unit}
          options={SLA_UNITS.map((value) => ({ value, label: SLA_UNIT_LABELS[value] }))}
          edit={(chosen) => {
            setPendingUnit(chosen);
            return { type: "setSlaUnit", handoff: id, unit: chosen };
          }}
        />
      </div>
      <TextField
        label="SLA note"
        value={handoff.sla?.text ?? ""}
        placeholder="Demo requests within 15 minutes"
        edit={(text) => ({ type: "setSlaText", handoff: id, text })}
      />
      <div className="hf-field-row">
        <TextField
          label="Sender"
          value={handoff.sender ?? ""}
          placeholder="Marketing Ops"
          edit={(value) => ({ type: "setContractText", handoff: id, field: "sender", value })}
        />
        <TextField
          label="Receiver"
          value={handoff.receiver ?? ""}
          placeholder="SDR team lead"
          edit={(value) => ({ type: "setContractText", handoff: id, field: "receiver", value })}
        />
      </div>
      <TextField
        label="System of record"
        value={handoff.systemOfRecord ?? ""}
        placeholder="Salesforce: Lead"
        edit={(value) => ({ type: "setContractText", handoff: id, field: "systemOfRecord", value })}
      />
      <TextField
        label="Acceptance"
        value={handoff.acceptance ?? ""}
        placeholder="What proves it was accepted: Lead.Status = SAL"
        edit={(value) => ({ type: "setContractText", handoff: id, field: "acceptance", value })}
      />
      {crossing && (
        <>
          <SelectField
            label="Integration"
            value={handoff.integration ?? "unknown"}
            options={INTEGRATIONS.map((value) => ({ value, label: INTEGRATION_LABELS[value] }))}
            edit={(integration) => ({ type: "setHandoffIntegration", handoff: id, integration })}
          />
          <p className="hf-field__hint hf-contract__crossing">
            System crossing: {from?.systems.join(", ")} → {to?.systems.join(", ")}. How does the data move?
          </p>
        </>
      )}
      {handoff.edgeCases.length === 0 && (
        <label className="hf-contract__none">
          <input
            type="checkbox"
            checked={handoff.noKnownEdgeCases === true}
            onChange={(event) =>
              run({ type: "setNoKnownEdgeCases", handoff: id, value: event.target.checked })
            }
          />
          <span>No known edge cases: the room examined this handoff and found none</span>
        </label>
      )}
    </section>
  );
}
