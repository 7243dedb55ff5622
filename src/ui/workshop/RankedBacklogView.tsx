import { useMemo } from "react";
import { entryLabel } from "../../export/render-backlog";
import { rankedBacklog } from "../../model/backlog";
import { handoffName } from "../../model/register-rows";
import type { HandoffMap } from "../../model/types";
import { showHandoff } from "../actions/show-handoff";
import { SeverityPill } from "../fields/SeverityPill";
import { VoteButtons } from "../fields/VoteButtons";
import { useEditorStoreApi } from "../store-context";
import { fromControl } from "./from-control";

/**
 * The ranked backlog on screen: open edge cases by votes, then severity, then number, the same
 * order as its Markdown and CSV downloads. The room votes here (each vote re-ranks at once), and
 * a click on an entry shows its handoff on the canvas.
 */
export function RankedBacklogView({ map }: { map: HandoffMap }) {
  const store = useEditorStoreApi();
  const entries = useMemo(() => rankedBacklog(map), [map]);
  if (entries.length === 0)
    return <p className="hf-plan__empty">No open edge cases to rank yet: capture some in a walkthrough.</p>;
  const votes = entries.reduce((sum, entry) => sum + entry.edgeCase.votes, 0);
  return (
    <>
      <p className="hf-plan__summary">
        {entries.length} open, {votes} {votes === 1 ? "vote" : "votes"}: ranked by votes, then severity, then
        number.
      </p>
      <ol className="hf-backlog" aria-label="Ranked backlog">
        {entries.map((entry, index) => {
          const ec = entry.edgeCase;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the title's button is the keyboard path
            <li
              key={ec.id}
              className="hf-plan__item hf-backlog__item"
              data-testid="backlog-entry"
              onClick={(event) => {
                if (!fromControl(event.target)) showHandoff(store, entry.handoff.id, entry.edgeCase.id);
              }}
            >
              <span className="hf-backlog__rank" aria-hidden="true">
                {index + 1}
              </span>
              <div className="hf-backlog__body">
                <p className="hf-plan__line">
                  <span className="hf-plan__number">{entryLabel(entry)}</span>
                  <SeverityPill severity={ec.severity} />
                  <button
                    type="button"
                    className="hf-plan__show"
                    onClick={() => showHandoff(store, entry.handoff.id, entry.edgeCase.id)}
                  >
                    {ec.title}
                  </button>
                </p>
                <p className="hf-plan__meta">
                  <span>{handoffName(map, entry.handoff)}</span>
                  <span>{ec.owner.trim() === "" ? "Unassigned" : ec.owner}</span>
                  {ec.due === undefined ? null : <span>Due {ec.due}</span>}
                </p>
                <VoteButtons
                  title={ec.title}
                  votes={ec.votes}
                  showLabel
                  onVote={(delta) => {
                    store.getState().dispatch({ type: "voteEdgeCase", edgeCase: ec.id, delta });
                  }}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
