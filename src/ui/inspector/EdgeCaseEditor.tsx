import "./edge-case-row.css";
import { useEffect, useId, useRef, useState } from "react";
import { edgeCaseLabel } from "../../model/register-rows";
import {
  EDGE_CASE_STATUSES,
  type EdgeCase,
  type EdgeCaseStatus,
  SEVERITIES,
  type Severity,
} from "../../model/types";
import { SelectField, type SelectOption } from "../fields/SelectField";
import { SEVERITY_LABELS, SeverityPill } from "../fields/SeverityPill";
import { TextField } from "../fields/TextField";
import { VoteButtons } from "../fields/VoteButtons";
import { useEditorStoreApi } from "../store-context";

export const STATUS_LABELS: Record<EdgeCaseStatus, string> = {
  open: "Open",
  mitigated: "Mitigated",
  accepted: "Accepted",
};

/** Most severe first: the order a facilitator reads them out. */
const SEVERITY_OPTIONS: SelectOption<Severity>[] = [...SEVERITIES]
  .reverse()
  .map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }));

const STATUS_OPTIONS: SelectOption<EdgeCaseStatus>[] = EDGE_CASE_STATUSES.map((status) => ({
  value: status,
  label: STATUS_LABELS[status],
}));

export interface EdgeCaseEditorProps {
  edgeCase: EdgeCase;
  /** Its map-wide number (EC-n); undefined only while the map is being replaced. */
  number: number | undefined;
  /** Open, with the title focused and its text selected (a freshly added edge case). */
  autoFocus?: boolean;
  /** The id of a datalist of the owners already used in the map, offered in the owner field. */
  ownersListId?: string;
  /**
   * Set (a new number each time) when this edge case was asked for from elsewhere (a register
   * row, a health finding): the row opens and scrolls into view, and the focus stays where it was.
   */
  reveal?: number;
}

/**
 * One edge case of the selected handoff: a one-line summary row (number, severity, title, status,
 * owner, votes) that opens to edit every field in place, and closes again.
 */
export function EdgeCaseEditor({
  edgeCase,
  number,
  autoFocus = false,
  ownersListId,
  reveal,
}: EdgeCaseEditorProps) {
  const [open, setOpen] = useState(autoFocus || reveal !== undefined);
  const rowRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reveal === undefined) return;
    setOpen(true);
    rowRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [reveal]);
  const detailsId = useId();
  const label = number === undefined ? "EC" : edgeCaseLabel(number);
  const facts = [
    STATUS_LABELS[edgeCase.status],
    edgeCase.owner === "" ? null : edgeCase.owner,
    edgeCase.votes === 0 ? null : `${edgeCase.votes} vote${edgeCase.votes === 1 ? "" : "s"}`,
  ].filter((fact) => fact !== null);
  return (
    <div
      ref={rowRef}
      className={`hf-edge-case-row${open ? " is-open" : ""}`}
      data-severity={edgeCase.severity}
      data-status={edgeCase.status}
    >
      <button
        type="button"
        className="hf-edge-case-row__summary"
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        title={`${edgeCase.title} (${facts.join(" · ")})`}
        onClick={() => setOpen(!open)}
      >
        <span className="hf-edge-case-row__chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        {/* Spaces between the parts: the button's accessible name reads "EC-6 High Title Open". */}
        <span className="hf-edge-case__number">{label}</span> <SeverityPill severity={edgeCase.severity} />{" "}
        <span className="hf-edge-case-row__title">{edgeCase.title}</span>{" "}
        <span className="hf-edge-case-row__facts">{facts.join(" · ")}</span>
        {edgeCase.status !== "open" && (
          // Shown where the facts are not (a narrow inspector): a decided edge case says so.
          <span className="hf-edge-case-row__status" aria-hidden="true">
            {STATUS_LABELS[edgeCase.status]}
          </span>
        )}
      </button>
      {open && (
        <EdgeCaseFields
          id={detailsId}
          edgeCase={edgeCase}
          label={label}
          autoFocus={autoFocus}
          ownersListId={ownersListId}
        />
      )}
    </div>
  );
}

function EdgeCaseFields({
  id: elementId,
  edgeCase,
  label,
  autoFocus,
  ownersListId,
}: {
  id: string;
  edgeCase: EdgeCase;
  label: string;
  autoFocus: boolean;
  ownersListId: string | undefined;
}) {
  const store = useEditorStoreApi();
  const id = edgeCase.id;

  const remove = () => {
    store.getState().sealHistory();
    if (store.getState().dispatch({ type: "removeEdgeCase", edgeCase: id }).ok)
      store.getState().notify(`Deleted edge case "${edgeCase.title}". Undo brings it back.`);
  };

  return (
    <fieldset className="hf-edge-case" data-severity={edgeCase.severity} id={elementId}>
      <legend className="hf-edge-case__legend">
        <span className="hf-edge-case__number">{label}</span>
        <SeverityPill severity={edgeCase.severity} />
        <span className="hf-edge-case__status">{STATUS_LABELS[edgeCase.status]}</span>
      </legend>
      <TextField
        label="Title"
        value={edgeCase.title}
        required
        autoFocus={autoFocus}
        selectOnAutoFocus
        edit={(value) => ({ type: "setEdgeCaseField", edgeCase: id, field: "title", value })}
      />
      <div className="hf-field-row">
        <SelectField
          label="Severity"
          value={edgeCase.severity}
          options={SEVERITY_OPTIONS}
          edit={(severity) => ({ type: "setEdgeCaseSeverity", edgeCase: id, severity })}
        />
        <SelectField
          label="Status"
          value={edgeCase.status}
          options={STATUS_OPTIONS}
          edit={(status) => ({ type: "setEdgeCaseStatus", edgeCase: id, status })}
        />
      </div>
      <TextField
        label="Description"
        value={edgeCase.description}
        multiline
        edit={(value) => ({ type: "setEdgeCaseField", edgeCase: id, field: "description", value })}
      />
      <div className="hf-field-row">
        <TextField
          label="Owner"
          value={edgeCase.owner}
          placeholder="Who fixes it"
          list={ownersListId}
          edit={(value) => ({ type: "setEdgeCaseField", edgeCase: id, field: "owner", value })}
        />
        <TextField
          label="Due"
          type="date"
          value={edgeCase.due ?? ""}
          edit={(value) => ({ type: "setEdgeCaseField", edgeCase: id, field: "due", value })}
        />
      </div>
      <TextField
        label="Mitigation"
        value={edgeCase.mitigation}
        multiline
        edit={(value) => ({ type: "setEdgeCaseField", edgeCase: id, field: "mitigation", value })}
      />
      <div className="hf-edge-case__footer">
        <VoteButtons
          title={edgeCase.title}
          votes={edgeCase.votes}
          showLabel
          onVote={(delta) => {
            store.getState().dispatch({ type: "voteEdgeCase", edgeCase: id, delta });
          }}
        />
        <button
          type="button"
          className="hf-button hf-button--danger"
          aria-label={`Delete edge case ${edgeCase.title}`}
          onClick={remove}
        >
          Delete
        </button>
      </div>
    </fieldset>
  );
}
