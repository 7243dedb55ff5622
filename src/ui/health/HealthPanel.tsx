import "../fields/fields.css";
import "./health.css";
import { useId } from "react";
import { darkZoneRows } from "../../export/contract-table";
import { FINDING_SEVERITIES, type Finding, type FindingSeverity } from "../../model/lint/finding";
import { findingTarget } from "../../model/lint/finding-target";
import { describeCounts } from "../../model/lint/lint-map";
import type { EditorState, EditorStore } from "../../store/editor-store";
import { showHandoff } from "../actions/show-handoff";
import { CloseButton } from "../fields/CloseButton";
import { useEditor, useEditorStoreApi } from "../store-context";
import { useHealth } from "./use-health";

const selectOpen = (state: EditorState) => state.panels.has("health");
const selectMap = (state: EditorState) => state.map;

const GROUP_TITLES: Record<FindingSeverity, string> = {
  error: "Errors",
  warning: "Warnings",
  info: "Info",
};

/** Selects a finding's target and asks the canvas to show it. */
export function showFinding(store: EditorStore, finding: Finding): void {
  const state = store.getState();
  const target = findingTarget(state.map, finding);
  if (target === null) return;
  switch (target.kind) {
    case "step":
      state.select({ steps: [target.id], handoffs: [], lane: null, phase: null });
      state.requestFocus({ kind: "step", id: target.id });
      return;
    case "handoff":
      showHandoff(store, target.id, target.edgeCase);
      return;
    case "lane":
      state.select({ steps: [], handoffs: [], lane: target.id, phase: null });
      return;
    case "phase":
      state.select({ steps: [], handoffs: [], lane: null, phase: target.id });
      return;
    default: {
      const unreachable: never = target;
      throw new Error(`unknown finding target ${String(unreachable)}`);
    }
  }
}

/**
 * The "Health" panel: the map's findings grouped by severity (errors first), each a button that
 * selects its target and brings it into view, and the dark zones (system crossings re-keyed by
 * hand). Updates as the map changes (useHealth). Shown while `panels` holds "health".
 */
export function HealthPanel({ className }: { className?: string }) {
  const open = useEditor(selectOpen);
  if (!open) return null;
  return <HealthList className={className} />;
}

function HealthList({ className }: { className: string | undefined }) {
  const store = useEditorStoreApi();
  const map = useEditor(selectMap);
  const { findings, counts } = useHealth();
  const headingId = useId();
  const zones = darkZoneRows(map);
  return (
    <section className={`hf-health ${className ?? ""}`} aria-labelledby={headingId}>
      <header className="hf-health__header">
        <h2 className="hf-health__title" id={headingId}>
          Health
        </h2>
        <p className="hf-health__count">{describeCounts(counts)}</p>
        <CloseButton label="Close health" onClick={() => store.getState().togglePanel("health", false)} />
      </header>
      <div className="hf-health__scroll">
        {findings.length === 0 && (
          <p className="hf-health__empty">
            No findings: every cross-lane handoff has a contract and has been examined.
          </p>
        )}
        {FINDING_SEVERITIES.map((severity) => {
          const group = findings.filter((finding) => finding.severity === severity);
          if (group.length === 0) return null;
          return (
            <section key={severity} className="hf-health__group" aria-label={GROUP_TITLES[severity]}>
              <h3 className="hf-health__group-title">
                <span className={`hf-health__badge hf-health__badge--${severity}`}>
                  {GROUP_TITLES[severity]}
                </span>
                <span className="hf-health__group-count">{group.length}</span>
              </h3>
              <ul className="hf-health__list">
                {group.map((finding) => (
                  <li key={`${finding.rule}:${finding.path}:${finding.ids.join(" ")}`}>
                    <button
                      type="button"
                      className="hf-health__finding"
                      onClick={() => showFinding(store, finding)}
                    >
                      <span className="hf-health__message">{finding.message}</span>
                      <span className="hf-health__rule">{finding.rule}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {zones.length > 0 && (
          <section className="hf-health__group" aria-label="Dark zones">
            <h3 className="hf-health__group-title">
              <span className="hf-health__badge hf-health__badge--dark">Dark zones</span>
              <span className="hf-health__group-count">{zones.length}</span>
            </h3>
            <p className="hf-health__hint">Where data is typed again by hand from one system into another.</p>
            <ul className="hf-health__zones">
              {zones.map(([label, from, to, fromSystems, toSystems]) => (
                <li key={`${from}→${to}:${label}`}>
                  <strong>{label === "" ? `${from} → ${to}` : label}</strong>
                  <span>
                    {fromSystems} → {toSystems}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
}
