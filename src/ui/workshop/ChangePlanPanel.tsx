import "./change-plan.css";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { entryLabel } from "../../export/render-backlog";
import { renderChangePlanMarkdown } from "../../export/render-change-plan";
import type { BacklogEntry } from "../../model/backlog";
import { changePlan } from "../../model/change-plan";
import { handoffName } from "../../model/register-rows";
import type { HandoffMap } from "../../model/types";
import { showHandoff } from "../actions/show-handoff";
import { CloseButton } from "../fields/CloseButton";
import { tryEdit } from "../fields/edit";
import { SeverityPill } from "../fields/SeverityPill";
import { downloadText } from "../files/download";
import { fileBaseName } from "../files/file-name";
import { useEditor, useEditorStoreApi } from "../store-context";
import { fromControl } from "./from-control";
import { RankedBacklogButtons } from "./RankedBacklogButtons";
import { RankedBacklogView } from "./RankedBacklogView";
import { selectChangePlanOpen, selectMap } from "./selectors";

/** The change plan in the editor's side column while the "changePlan" panel is open. */
export function ChangePlanSlot() {
  const open = useEditor(selectChangePlanOpen);
  return open ? <ChangePlanPanel /> : null;
}

type View = "owners" | "backlog";
const VIEWS: readonly { view: View; label: string }[] = [
  { view: "owners", label: "By owner" },
  { view: "backlog", label: "Ranked backlog" },
];

/**
 * The "Change plan" panel: open and accepted edge cases grouped by owner, "Unassigned" first,
 * each card with its handoff, severity, mitigation, and owner and due date editable in place; a
 * click on a card shows its handoff on the canvas. A second tab shows the ranked backlog (the
 * plan's input) with votes. Markdown export of the plan and the backlog downloads sit above both.
 */
export function ChangePlanPanel() {
  const editor = useEditorStoreApi();
  const map = useEditor(selectMap);
  const headingId = useId();
  const tabsId = useId();
  const [view, setView] = useState<View>("owners");
  const tabRefs = useRef<Record<View, HTMLButtonElement | null>>({ owners: null, backlog: null });

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (
      event.key !== "ArrowLeft" &&
      event.key !== "ArrowRight" &&
      event.key !== "Home" &&
      event.key !== "End"
    )
      return;
    event.preventDefault();
    const index = VIEWS.findIndex((v) => v.view === view);
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? VIEWS.length - 1
          : (index + (event.key === "ArrowRight" ? 1 : -1) + VIEWS.length) % VIEWS.length;
    const target = VIEWS[next]?.view ?? "owners";
    setView(target);
    tabRefs.current[target]?.focus();
  };

  return (
    <section className="hf-plan" aria-labelledby={headingId} data-testid="change-plan">
      <header className="hf-plan__header">
        <h2 id={headingId}>Change plan</h2>
        <CloseButton
          label="Close change plan"
          onClick={() => editor.getState().togglePanel("changePlan", false)}
        />
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
      <div className="hf-plan__tabs" role="tablist" aria-label="Change plan view">
        {VIEWS.map(({ view: v, label }) => (
          <button
            key={v}
            ref={(element) => {
              tabRefs.current[v] = element;
            }}
            type="button"
            role="tab"
            id={`${tabsId}-${v}`}
            className="hf-plan__tab"
            aria-selected={view === v}
            aria-controls={`${tabsId}-panel`}
            tabIndex={view === v ? 0 : -1}
            onClick={() => setView(v)}
            onKeyDown={onTabKey}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${view}`}>
        {view === "owners" ? <OwnerGroups map={map} /> : <RankedBacklogView map={map} />}
      </div>
    </section>
  );
}

function OwnerGroups({ map }: { map: HandoffMap }) {
  const groups = useMemo(() => changePlan(map), [map]);
  const ownersId = useId();
  const owners = useMemo(() => knownOwners(map), [map]);
  // A card whose owner was just changed moves to its new group, and so remounts: its owner
  // field takes focus back there, so Enter, Tab on goes on from where the facilitator is.
  const [refocus, setRefocus] = useState<string | null>(null);

  if (groups.length === 0)
    return (
      <p className="hf-plan__empty">No open or accepted edge cases yet: capture some in a walkthrough.</p>
    );
  return (
    <>
      <datalist id={ownersId}>
        {owners.map((owner) => (
          <option key={owner} value={owner} />
        ))}
      </datalist>
      {groups.map((group) => (
        <section key={group.unassigned ? "" : `owner:${group.owner}`} className="hf-plan__group">
          <h3 className={group.unassigned ? "is-unassigned" : undefined}>
            {group.owner} <span className="hf-plan__count">{group.items.length}</span>
          </h3>
          <ul>
            {group.items.map((item) => (
              <PlanCard
                key={item.edgeCase.id}
                map={map}
                item={item}
                ownersId={ownersId}
                refocus={refocus === item.edgeCase.id}
                onRefocused={() => setRefocus(null)}
                onOwnerCommitted={() => setRefocus(item.edgeCase.id)}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Owners already used in the map, first spelling of each (case and spaces ignored), A to Z. */
function knownOwners(map: HandoffMap): string[] {
  const seen = new Map<string, string>();
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases) {
      const owner = edgeCase.owner.trim().replace(/\s+/g, " ");
      if (owner !== "" && !seen.has(owner.toLowerCase())) seen.set(owner.toLowerCase(), owner);
    }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

interface PlanCardProps {
  map: HandoffMap;
  item: BacklogEntry;
  ownersId: string;
  refocus: boolean;
  onRefocused: () => void;
  onOwnerCommitted: () => void;
}

function PlanCard({ map, item, ownersId, refocus, onRefocused, onOwnerCommitted }: PlanCardProps) {
  const store = useEditorStoreApi();
  const ec = item.edgeCase;
  const fieldId = useId();
  const ownerRef = useRef<HTMLInputElement>(null);
  const [ownerDraft, setOwnerDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!refocus) return;
    ownerRef.current?.focus();
    onRefocused();
  }, [refocus, onRefocused]);

  // The owner is written when the field is left or Enter is pressed, not per keystroke: the
  // plan is grouped by owner, and a card that jumped groups on every letter could not be typed in.
  const commitOwner = (refocusAfter: boolean) => {
    if (ownerDraft === null) return;
    const owner = ownerDraft;
    setOwnerDraft(null);
    if (owner === ec.owner) return;
    const refused = tryEdit(store, { type: "assignEdgeCaseOwner", edgeCase: ec.id, owner });
    setError(refused);
    if (refused === null && refocusAfter) onOwnerCommitted();
  };

  const setDue = (due: string) => {
    const refused = tryEdit(store, { type: "setEdgeCaseField", edgeCase: ec.id, field: "due", value: due });
    setError(refused);
  };

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the title's button is the keyboard path
    <li
      className="hf-plan__item hf-plan__card"
      data-testid="plan-card"
      data-edge-case={ec.id}
      onClick={(event) => {
        if (!fromControl(event.target)) showHandoff(store, item.handoff.id, item.edgeCase.id);
      }}
    >
      <p className="hf-plan__line">
        <span className="hf-plan__number">{entryLabel(item)}</span>
        <SeverityPill severity={ec.severity} />
        <button
          type="button"
          className="hf-plan__show"
          onClick={() => showHandoff(store, item.handoff.id, item.edgeCase.id)}
        >
          {ec.title}
        </button>
        {ec.status === "accepted" && <span className="hf-plan__status">accepted</span>}
      </p>
      <p className="hf-plan__meta">
        <span>{handoffName(map, item.handoff)}</span>
        <span>
          {ec.votes} {ec.votes === 1 ? "vote" : "votes"}
        </span>
      </p>
      <div className="hf-plan__fields">
        <label className="hf-plan__field" htmlFor={`${fieldId}-owner`}>
          <span>Owner</span>
          <input
            ref={ownerRef}
            id={`${fieldId}-owner`}
            list={ownersId}
            value={ownerDraft ?? ec.owner}
            placeholder="Who fixes it"
            aria-label={`Owner of ${entryLabel(item)}`}
            onChange={(event) => setOwnerDraft(event.target.value)}
            onBlur={() => commitOwner(false)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                commitOwner(true);
              } else if (event.key === "Escape" && ownerDraft !== null) {
                event.preventDefault();
                event.stopPropagation();
                setOwnerDraft(null);
                setError(null);
              }
            }}
          />
        </label>
        <label className="hf-plan__field" htmlFor={`${fieldId}-due`}>
          <span>Due</span>
          <input
            id={`${fieldId}-due`}
            type="date"
            value={ec.due ?? ""}
            aria-label={`Due date of ${entryLabel(item)}`}
            onChange={(event) => setDue(event.target.value)}
            onBlur={() => store.getState().sealHistory()}
          />
        </label>
      </div>
      {error === null ? null : (
        <p className="hf-field__error" role="alert">
          {error}
        </p>
      )}
      <p className="hf-plan__mitigation">{ec.mitigation === "" ? "No mitigation yet." : ec.mitigation}</p>
    </li>
  );
}
