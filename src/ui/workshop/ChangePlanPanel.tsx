import { useId, useMemo } from "react";
import { handoffName } from "../../export/register-rows";
import { entryLabel } from "../../export/render-backlog";
import { renderChangePlanMarkdown } from "../../export/render-change-plan";
import { changePlan } from "../../model/change-plan";
import { SeverityPill } from "../fields/SeverityPill";
import { downloadText } from "../files/download";
import { fileBaseName } from "../files/file-name";
import { useEditor, useEditorStoreApi } from "../store-context";
import { RankedBacklogButtons } from "./RankedBacklogButtons";
import { selectChangePlanOpen, selectMap } from "./selectors";

/** The change plan in the editor's side column while the "changePlan" panel is open. */
export function ChangePlanSlot() {
  const open = useEditor(selectChangePlanOpen);
  return open ? <ChangePlanPanel /> : null;
}

/**
 * The "Change plan" panel: open and accepted edge cases grouped by owner, "Unassigned" first,
 * each with its handoff, severity, mitigation and due date; Markdown export, and the ranked
 * backlog exports beside it (the backlog is the plan's input).
 */
export function ChangePlanPanel() {
  const editor = useEditorStoreApi();
  const map = useEditor(selectMap);
  const headingId = useId();
  const groups = useMemo(() => changePlan(map), [map]);

  return (
    <section className="hf-plan" aria-labelledby={headingId} data-testid="change-plan">
      <header className="hf-plan__header">
        <h2 id={headingId}>Change plan</h2>
        <button
          type="button"
          className="hf-plan__close"
          aria-label="Close change plan"
          onClick={() => editor.getState().togglePanel("changePlan", false)}
        >
          ×
        </button>
      </header>
      <div className="hf-plan__actions">
        <button
          type="button"
          onClick={() =>
            downloadText(
              renderChangePlanMarkdown(map),
              `${fileBaseName(map.title)} - change plan.md`,
              "text/markdown;charset=utf-8",
            )
          }
        >
          Download change plan (Markdown)
        </button>
        <RankedBacklogButtons />
      </div>
      {groups.length === 0 ? (
        <p className="hf-plan__empty">No open or accepted edge cases yet: capture some in a walkthrough.</p>
      ) : (
        groups.map((group) => (
          <section key={group.unassigned ? "" : `owner:${group.owner}`} className="hf-plan__group">
            <h3 className={group.unassigned ? "is-unassigned" : undefined}>
              {group.owner} <span className="hf-plan__count">{group.items.length}</span>
            </h3>
            <ul>
              {group.items.map((item) => {
                const ec = item.edgeCase;
                return (
                  <li key={ec.id} className="hf-plan__item">
                    <p className="hf-plan__line">
                      <span className="hf-plan__number">{entryLabel(item)}</span>
                      <SeverityPill severity={ec.severity} />
                      <span className="hf-plan__title">{ec.title}</span>
                      {ec.status === "accepted" && <span className="hf-plan__status">accepted</span>}
                    </p>
                    <p className="hf-plan__meta">
                      <span>{handoffName(map, item.handoff)}</span>
                      <span>{ec.due === undefined ? "No due date" : `Due ${ec.due}`}</span>
                      <span>
                        {ec.votes} {ec.votes === 1 ? "vote" : "votes"}
                      </span>
                    </p>
                    <p className="hf-plan__mitigation">
                      {ec.mitigation === "" ? "No mitigation yet." : ec.mitigation}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
