import { type FormEvent, useId, useMemo, useState, useSyncExternalStore } from "react";
import { flowOrder } from "../../model/flow-order";
import type { Handoff, HandoffMap } from "../../model/types";
import { SeverityPill } from "../fields/SeverityPill";
import { useEditor, useEditorStoreApi } from "../store-context";
import { useWorkshop } from "../workshop/workshop-context";
import { FollowFacilitator } from "./FollowFacilitator";
import { LiveStatus } from "./LiveStatus";
import { useLiveSession, useLiveState } from "./live-context";
import { captureEdgeCase, vote } from "./participant-edits";

/** Narrower than this, a participant sees the participant view instead of the whole editor. */
const PHONE_QUERY = "(max-width: 600px)";

function subscribeMedia(callback: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener("change", callback);
  return () => query.removeEventListener("change", callback);
}

const NO_DOTS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map();
const selectMap = (s: { map: HandoffMap }) => s.map;

/**
 * A live session on a phone: the step the walkthrough is on, its handoffs and their edge cases
 * with vote buttons, and a form to capture a new edge case. Not the full editor: a phone in a
 * workshop is for following, voting and adding what you know.
 */
export function ParticipantView() {
  const session = useLiveSession();
  const role = useLiveState(session, (s) => s.role, "participant");
  const phone = useSyncExternalStore(subscribeMedia, () => window.matchMedia(PHONE_QUERY).matches);
  if (session === null || role !== "participant" || !phone) return null;
  return <PhoneView />;
}

function PhoneView() {
  const editor = useEditorStoreApi();
  const session = useLiveSession();
  const map = useEditor(selectMap);
  const walkthrough = useWorkshop((s) => s.walkthrough);
  const dots = useLiveState(session, (s) => s.votes.dots, NO_DOTS);
  const settings = useLiveState(session, (s) => s.votes.settings, null);
  const me = useLiveState(session, (s) => s.person.id, "");
  const order = useMemo(() => flowOrder(map).steps, [map]);
  const [localIndex, setLocalIndex] = useState(0);
  const stepId =
    walkthrough.active && walkthrough.stepId !== null ? walkthrough.stepId : (order[localIndex] ?? null);
  const step = map.steps.find((s) => s.id === stepId) ?? null;
  const index = step === null ? -1 : order.indexOf(step.id);
  const handoffs = map.handoffs.filter((h) => h.from === stepId || h.to === stepId);
  const mine = dots.get(me);
  const used = mine === undefined ? 0 : [...mine.values()].reduce((a, b) => a + b, 0);
  const go = (delta: number) => {
    session?.setFollowing(false);
    const next = Math.max(0, Math.min(order.length - 1, index + delta));
    setLocalIndex(next);
    if (walkthrough.active) {
      const id = order[next];
      if (id !== undefined) editor.getState().select({ steps: [id] });
    }
  };
  const lane = step === null ? null : map.lanes.find((l) => l.id === step.lane);
  const label = (id: string) => map.steps.find((s) => s.id === id)?.label ?? "a removed step";

  return (
    <main className="hf-phone" aria-label="Participant view">
      <header className="hf-phone__header">
        <h1 className="hf-phone__title">{map.title}</h1>
        <LiveStatus />
      </header>
      <div className="hf-phone__follow">
        <FollowFacilitator />
        {settings === null ? null : (
          <span className="hf-phone__budget">
            Your votes: {used} of {settings.budget}
          </span>
        )}
      </div>
      {step === null ? (
        <p>This map has no steps yet.</p>
      ) : (
        <section aria-label="Current step" className="hf-phone__step">
          <p className="hf-phone__eyebrow">
            Step {index + 1} of {order.length}
            {lane ? ` · ${lane.name}` : ""}
          </p>
          <h2>{step.label}</h2>
          {step.description === "" ? null : <p className="hf-phone__description">{step.description}</p>}
          <div className="hf-phone__nav">
            <button type="button" className="hf-button" onClick={() => go(-1)} disabled={index <= 0}>
              Previous step
            </button>
            <button
              type="button"
              className="hf-button"
              onClick={() => go(1)}
              disabled={index >= order.length - 1}
            >
              Next step
            </button>
          </div>
        </section>
      )}
      {handoffs.map((handoff) => (
        <HandoffCard
          key={handoff.id}
          handoff={handoff}
          from={label(handoff.from)}
          to={label(handoff.to)}
          mine={mine}
          revealed={settings?.revealed === true}
          dots={dots}
          people={session?.state.getState().people ?? []}
          onVote={(id, delta) => vote(editor, id, delta)}
          onCapture={(title) => captureEdgeCase(editor, handoff.id, title)}
        />
      ))}
      {step !== null && handoffs.length === 0 ? <p>No handoffs at this step.</p> : null}
    </main>
  );
}

function HandoffCard({
  handoff,
  from,
  to,
  mine,
  revealed,
  dots,
  people,
  onVote,
  onCapture,
}: {
  handoff: Handoff;
  from: string;
  to: string;
  mine: ReadonlyMap<string, number> | undefined;
  revealed: boolean;
  dots: ReadonlyMap<string, ReadonlyMap<string, number>>;
  people: readonly { id: string; name: string }[];
  onVote: (edgeCaseId: string, delta: 1 | -1) => void;
  onCapture: (title: string) => boolean;
}) {
  const name = `${from} → ${to}`;
  const fieldId = useId();
  const [title, setTitle] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() !== "" && onCapture(title.trim())) setTitle("");
  };
  return (
    <section className="hf-phone__handoff" aria-label={`Handoff ${name}`}>
      <h3>
        {handoff.label === "" ? name : handoff.label}
        {handoff.label === "" ? null : <span className="hf-phone__route"> {name}</span>}
      </h3>
      <ul className="hf-phone__cases" aria-label={`Edge cases of ${name}`}>
        {handoff.edgeCases.map((edgeCase) => {
          const own = mine?.get(edgeCase.id) ?? 0;
          const voters = revealed
            ? [...dots]
                .filter(([, d]) => (d.get(edgeCase.id) ?? 0) > 0)
                .map(
                  ([person, d]) =>
                    `${people.find((p) => p.id === person)?.name ?? "someone who left"} ×${d.get(edgeCase.id)}`,
                )
            : [];
          return (
            <li key={edgeCase.id} className="hf-phone__case">
              <div className="hf-phone__case-text">
                <span className="hf-phone__case-number">EC-{edgeCase.number ?? "?"}</span>{" "}
                <SeverityPill severity={edgeCase.severity} /> {edgeCase.title}
                {edgeCase.status === "open" ? null : (
                  <span className="hf-phone__case-status"> ({edgeCase.status})</span>
                )}
                {voters.length > 0 ? <div className="hf-phone__voters">{voters.join(", ")}</div> : null}
              </div>
              <div className="hf-phone__votes">
                <button
                  type="button"
                  className="hf-votes__button"
                  aria-label={`Take back a vote from ${edgeCase.title}`}
                  disabled={own === 0}
                  onClick={() => onVote(edgeCase.id, -1)}
                >
                  −
                </button>
                <output aria-label={`Votes for ${edgeCase.title}`}>{edgeCase.votes}</output>
                <button
                  type="button"
                  className="hf-votes__button"
                  aria-label={`Vote for ${edgeCase.title}`}
                  onClick={() => onVote(edgeCase.id, 1)}
                >
                  +
                </button>
              </div>
            </li>
          );
        })}
        {handoff.edgeCases.length === 0 ? <li className="hf-phone__none">No edge cases yet.</li> : null}
      </ul>
      <form className="hf-phone__capture" onSubmit={submit}>
        <label htmlFor={fieldId}>New edge case on this handoff</label>
        <span className="hf-phone__capture-row">
          <input
            id={fieldId}
            className="hf-field__input"
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="What goes wrong here?"
          />
          <button type="submit" className="hf-button hf-button--primary" disabled={title.trim() === ""}>
            Add
          </button>
        </span>
      </form>
    </section>
  );
}
