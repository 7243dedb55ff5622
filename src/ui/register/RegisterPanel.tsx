import "../fields/fields.css";
import "./register.css";
import { useId, useMemo, useState } from "react";
import { type RegisterColumn, registerColumnsOf } from "../../model/register-columns";
import {
  DEFAULT_SORT,
  isFiltered,
  NO_FILTER,
  nextSort,
  queryRegister,
  type RegisterFilter,
  type RegisterSort,
} from "../../model/register-query";
import { type RegisterRow, registerRows } from "../../model/register-rows";
import { EDGE_CASE_STATUSES, type EdgeCaseStatus, SEVERITIES, type Severity } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import { showHandoff } from "../actions/show-handoff";
import { CloseButton } from "../fields/CloseButton";
import { SEVERITY_LABELS, SeverityPill } from "../fields/SeverityPill";
import { VoteButtons } from "../fields/VoteButtons";
import { STATUS_LABELS } from "../inspector/EdgeCaseEditor";
import { useEditor, useEditorStoreApi } from "../store-context";

const selectOpen = (state: EditorState) => state.panels.has("register");
const selectMap = (state: EditorState) => state.map;
const selectSelectedHandoffs = (state: EditorState) => state.selection.handoffs;

/** The register's panel columns (src/model/register-columns.ts). */
const COLUMNS = registerColumnsOf("panel");
const columnClass = (column: RegisterColumn) => `hf-register__col-${column.id}`;

export interface RegisterPanelProps {
  className?: string;
}

/**
 * The "Edge cases" panel: every edge case of the map in one table, numbered as in the exports
 * (EC-n, stored numbers), filtered by severity, status and lane and sorted by any column. Clicking a
 * row selects its handoff and asks the canvas to bring it into view (store.requestFocus).
 *
 * Shown while the store's `panels` holds "register"; filters and sort survive closing it.
 */
export function RegisterPanel({ className }: RegisterPanelProps) {
  const open = useEditor(selectOpen);
  const [filter, setFilter] = useState<RegisterFilter>(NO_FILTER);
  const [sort, setSort] = useState<RegisterSort>(DEFAULT_SORT);
  if (!open) return null;
  return (
    <RegisterTable
      className={className}
      filter={filter}
      setFilter={setFilter}
      sort={sort}
      setSort={setSort}
    />
  );
}

interface RegisterTableProps {
  className: string | undefined;
  filter: RegisterFilter;
  setFilter: (filter: RegisterFilter) => void;
  sort: RegisterSort;
  setSort: (sort: RegisterSort) => void;
}

function RegisterTable({ className, filter: requested, setFilter, sort, setSort }: RegisterTableProps) {
  const store = useEditorStoreApi();
  const map = useEditor(selectMap);
  const selected = useEditor(selectSelectedHandoffs);
  const headingId = useId();
  const filterId = useId();
  // A lane filter on a lane that was since deleted filters nothing.
  const filter =
    requested.lane !== null && !map.lanes.some((lane) => lane.id === requested.lane)
      ? { ...requested, lane: null }
      : requested;
  const all = useMemo(() => registerRows(map), [map]);
  const rows = useMemo(() => queryRegister(all, map, { filter, sort }), [all, map, filter, sort]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);

  const show = (row: RegisterRow) => {
    showHandoff(store, row.handoff.id, row.edgeCase.id);
  };

  const vote = (row: RegisterRow, delta: 1 | -1) => {
    store.getState().dispatch({ type: "voteEdgeCase", edgeCase: row.edgeCase.id, delta });
  };

  const count =
    rows.length === all.length
      ? `${all.length} edge case${all.length === 1 ? "" : "s"}`
      : `${rows.length} of ${all.length} shown`;
  const sortedBy = COLUMNS.find((column) => column.panel.sort === sort.key)?.panel.header ?? sort.key;

  return (
    <section className={["hf-register", className].filter(Boolean).join(" ")} aria-labelledby={headingId}>
      <header className="hf-register__header">
        <h2 className="hf-register__title" id={headingId}>
          Edge cases
        </h2>
        <p className="hf-register__count" aria-live="polite">
          {count}
        </p>
        <CloseButton
          label="Close edge cases"
          onClick={() => store.getState().togglePanel("register", false)}
        />
      </header>

      <fieldset className="hf-register__filters">
        <legend className="hf-visually-hidden">Filter edge cases</legend>
        <FilterSelect
          id={`${filterId}-severity`}
          label="Severity"
          value={filter.severity}
          anyLabel="All severities"
          options={[...SEVERITIES]
            .reverse()
            .map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }))}
          onChange={(severity: Severity | null) => setFilter({ ...filter, severity })}
        />
        <FilterSelect
          id={`${filterId}-status`}
          label="Status"
          value={filter.status}
          anyLabel="All statuses"
          options={EDGE_CASE_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          onChange={(status: EdgeCaseStatus | null) => setFilter({ ...filter, status })}
        />
        <FilterSelect
          id={`${filterId}-lane`}
          label="Lane"
          value={filter.lane}
          anyLabel="All lanes"
          options={map.lanes.map((lane) => ({ value: lane.id, label: lane.name }))}
          onChange={(lane: string | null) => setFilter({ ...filter, lane })}
        />
        {isFiltered(filter) ? (
          <button type="button" className="hf-button" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        ) : null}
      </fieldset>

      {all.length === 0 ? (
        <p className="hf-register__empty">
          No edge cases yet. Select a handoff on the map and press “Add edge case” in the inspector to record
          what breaks when work changes hands.
        </p>
      ) : rows.length === 0 ? (
        <p className="hf-register__empty">No edge cases match these filters.</p>
      ) : (
        <div className="hf-register__scroll">
          <table className="hf-register__table">
            <caption className="hf-visually-hidden">
              Edge cases, sorted by {sortedBy} {sort.direction}. Choose a row to show its handoff on the map.
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th
                    key={column.id}
                    scope="col"
                    className={columnClass(column)}
                    aria-sort={sort.key === column.panel.sort ? sort.direction : undefined}
                  >
                    <button
                      type="button"
                      className="hf-register__sort"
                      onClick={() => setSort(nextSort(sort, column.panel.sort))}
                    >
                      {column.panel.header}
                      <span className="hf-register__sort-mark" aria-hidden="true">
                        {sort.key === column.panel.sort ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                // A click anywhere on the row shows its handoff; the title's button is the
                // keyboard path to the same action.
                <tr
                  key={row.edgeCase.id}
                  className="hf-register__row"
                  aria-current={selectedSet.has(row.handoff.id) ? "true" : undefined}
                  data-edge-case={row.edgeCase.id}
                  onClick={() => show(row)}
                >
                  {COLUMNS.map((column) => (
                    <td key={column.id} className={columnClass(column)}>
                      <RegisterCell column={column} row={row} show={show} vote={vote} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface RegisterCellProps {
  column: RegisterColumn;
  row: RegisterRow;
  show: (row: RegisterRow) => void;
  vote: (row: RegisterRow, delta: 1 | -1) => void;
}

/**
 * One cell's content: the title is the row's keyboard path to its handoff, severity a pill, votes
 * the vote buttons, a blank owner "Unassigned"; any other column shows its value as text.
 */
function RegisterCell({ column, row, show, vote }: RegisterCellProps) {
  const ec = row.edgeCase;
  switch (column.id) {
    case "title":
      return (
        <button
          type="button"
          className="hf-register__show"
          onClick={(event) => {
            event.stopPropagation();
            show(row);
          }}
        >
          {ec.title}
        </button>
      );
    case "severity":
      return <SeverityPill severity={ec.severity} />;
    case "status":
      return STATUS_LABELS[ec.status];
    case "owner":
      return ec.owner.trim() === "" ? <span className="hf-register__muted">Unassigned</span> : ec.owner;
    case "votes":
      return <VoteButtons title={ec.title} votes={ec.votes} onVote={(delta) => vote(row, delta)} />;
    default:
      return column.value(row);
  }
}

interface FilterSelectProps<T extends string> {
  id: string;
  label: string;
  value: T | null;
  anyLabel: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
}

/** "" is the "any" choice; option values are never empty (severities, statuses, lane ids). */
function FilterSelect<T extends string>({
  id,
  label,
  value,
  anyLabel,
  options,
  onChange,
}: FilterSelectProps<T>) {
  return (
    <div className="hf-register__filter">
      <label htmlFor={id} className="hf-field__label">
        {label}
      </label>
      <select
        id={id}
        className="hf-field__input hf-field__select"
        value={value ?? ""}
        onChange={(event) =>
          onChange(options.find((option) => option.value === event.target.value)?.value ?? null)
        }
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
