import { type RefObject, useEffect, useMemo, useRef, useState } from "react";
import type { Severity } from "../../model/types";
import { resolvePosition, walkOrder } from "../../store/workshop-store";
import { usePresenting } from "../canvas/canvas-theme";
import { SeverityPill } from "../fields/SeverityPill";
import { VoteButtons } from "../fields/VoteButtons";
import { isTypingTarget } from "../keyboard/shortcuts";
import { useEditor, useEditorStoreApi } from "../store-context";
import { PresenterContract, unagreedToEdgeCase } from "./PresenterContract";
import { QuickCapture } from "./QuickCapture";
import {
  selectCapturing,
  selectCursor,
  selectLaneFocus,
  selectMap,
  selectSelectedHandoffs,
  selectWalkthrough,
} from "./selectors";
import { captureTargets, walkView } from "./walk-view";
import { useWorkshop, useWorkshopStoreApi } from "./workshop-context";

const KIND_WORDS = { start: "Start", task: "Step", decision: "Decision", end: "End" } as const;

/**
 * The walkthrough's presenter card: where we are in the walk, the step (label, lane, owner,
 * systems, description), and its handoffs in and out with their edge cases, each with vote
 * buttons. Quick capture opens inside the card, on the handoff it will write to.
 */
export function PresenterCard() {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  const map = useEditor(selectMap);
  const laneFocus = useEditor(selectLaneFocus);
  const selectedHandoffs = useEditor(selectSelectedHandoffs);
  const walkthrough = useWorkshop(selectWalkthrough);
  const cursor = useWorkshop(selectCursor);
  const capturing = useWorkshop(selectCapturing);

  const presenting = usePresenting();
  const cardRef = useRef<HTMLElement>(null);
  // The edge case the keys act on (a fresh capture, an arrow press) is kept in sight, also when
  // presenting starts or stops and the card's larger or smaller type moves it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the cursor, the map or the type size moves
  useEffect(() => {
    cardRef.current?.querySelector(".is-cursor")?.scrollIntoView?.({ block: "nearest" });
  }, [cursor, map, presenting]);
  const bodyRef = useRef<HTMLDivElement>(null);
  useMoreBelow(bodyRef, cardRef);
  const [contractOn, setContractOn] = useState<string | null>(null);
  const targetsRef = useRef<string[]>([]);

  useContractKeys(targetsRef, setContractOn);

  const view = useMemo(() => {
    const order = walkOrder({ map, laneFocus });
    return walkView(map, order, resolvePosition(order, walkthrough).index, laneFocus);
  }, [map, laneFocus, walkthrough]);

  useCursorInSight(bodyRef, cardRef, view !== null);

  if (view === null)
    return (
      <aside className="hf-presenter" aria-label="Walkthrough">
        <p className="hf-presenter__empty">This map has no steps to walk through yet.</p>
      </aside>
    );

  const { step, lane } = view;
  const vote = (id: string, delta: 1 | -1) =>
    editor.getState().dispatch({ type: "voteEdgeCase", edgeCase: id, delta });
  const targets = captureTargets(view, selectedHandoffs);
  targetsRef.current = targets.map((entry) => entry.handoff.id);
  const stepsById = new Map(map.steps.map((s) => [s.id, s]));
  const save = (capture: { handoffId: string; title: string; severity: Severity }) =>
    saveCapture(editor, workshop, capture);

  return (
    <aside className="hf-presenter" aria-label="Walkthrough" data-testid="presenter-card" ref={cardRef}>
      {/* The content scrolls inside the card; Back, Capture and Next below it stay in view. */}
      <div className="hf-presenter__body" ref={bodyRef}>
        <header className="hf-presenter__header">
          <p className="hf-presenter__position">
            <span>
              {KIND_WORDS[step.kind]} {view.index + 1} of {view.total}
            </span>
            {lane !== undefined && <span className="hf-presenter__lane">{lane.name}</span>}
          </p>
          <h2 className="hf-presenter__title">{step.label}</h2>
          {!view.reachable && (
            <p className="hf-presenter__note">No start step leads here: it is listed after the walk.</p>
          )}
        </header>

        <dl className="hf-presenter__facts">
          <div>
            <dt>Owner</dt>
            <dd>{step.owner === "" ? "—" : step.owner}</dd>
          </div>
          {step.systems.length > 0 && (
            <div>
              <dt>Systems</dt>
              <dd className="hf-presenter__systems">
                {step.systems.map((system, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a step may list the same system twice
                  <span className="hf-chip" key={`${i}:${system}`}>
                    {system}
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
        {step.description !== "" && <p className="hf-presenter__description">{step.description}</p>}

        {capturing && targets.length > 0 && (
          <QuickCapture
            targets={targets}
            onSave={save}
            onCancel={() => workshop.getState().setCapturing(false)}
          />
        )}

        {view.handoffs.length === 0 ? (
          <p className="hf-presenter__empty">No handoffs into or out of this step.</p>
        ) : (
          <div className="hf-presenter__handoffs">
            {(["in", "out"] as const).map((direction) => {
              const list = view.handoffs.filter((entry) => entry.direction === direction);
              if (list.length === 0) return null;
              return (
                <section key={direction} className="hf-presenter__group">
                  <h3>{direction === "in" ? "Comes from" : "Hands off to"}</h3>
                  <ul>
                    {list.map((entry) => (
                      <li
                        key={entry.handoff.id}
                        className="hf-presenter__handoff"
                        data-handoff-id={entry.handoff.id}
                      >
                        <p className="hf-presenter__handoff-name">
                          {entry.name}
                          {entry.loopBack && <span className="hf-presenter__loop"> ↺ loops back</span>}
                        </p>
                        {entry.handoff.label !== "" && (
                          <p className="hf-presenter__handoff-label">{entry.handoff.label}</p>
                        )}
                        <PresenterContract
                          handoff={entry.handoff}
                          from={stepsById.get(entry.handoff.from)}
                          to={stepsById.get(entry.handoff.to)}
                          editing={contractOn === entry.handoff.id}
                          onEdit={(open) => setContractOn(open ? entry.handoff.id : null)}
                        />
                        {entry.handoff.edgeCases.length > 0 && (
                          <ul className="hf-presenter__edge-cases">
                            {entry.handoff.edgeCases.map((edgeCase) => {
                              const at = view.edgeCases.findIndex(
                                (item) =>
                                  item.edgeCase.id === edgeCase.id && item.handoffId === entry.handoff.id,
                              );
                              const item = view.edgeCases[at];
                              return (
                                <li
                                  key={edgeCase.id}
                                  className={`hf-presenter__edge-case${at === cursor ? " is-cursor" : ""}${
                                    edgeCase.status === "open" ? "" : " is-closed"
                                  }`}
                                  data-testid="presenter-edge-case"
                                >
                                  <p className="hf-presenter__ec-main">
                                    <span className="hf-presenter__ec-number">{item?.label}</span>{" "}
                                    <SeverityPill severity={edgeCase.severity} />{" "}
                                    <span className="hf-presenter__ec-title">{edgeCase.title}</span>
                                    {edgeCase.status !== "open" && (
                                      <span className="hf-presenter__ec-status"> ({edgeCase.status})</span>
                                    )}
                                  </p>
                                  <VoteButtons
                                    title={edgeCase.title}
                                    votes={edgeCase.votes}
                                    onVote={(delta) => vote(edgeCase.id, delta)}
                                  />
                                </li>
                              );
                            })}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </div>

      <footer className="hf-presenter__nav">
        <button type="button" onClick={() => workshop.getState().back()} disabled={view.index === 0}>
          ← Back
        </button>
        <button
          type="button"
          onClick={() => workshop.getState().setCapturing(true)}
          disabled={capturing || targets.length === 0}
        >
          Capture edge case <kbd>E</kbd>
        </button>
        <button
          type="button"
          onClick={() => workshop.getState().next()}
          disabled={view.index >= view.total - 1}
        >
          Next →
        </button>
      </footer>
      <p className="hf-presenter__keys">
        → or Space next · ← back · Home first · E capture · ↑↓ pick an edge case, + / − vote · C contract · U
        unagreed data → edge case · Esc leave
      </p>
    </aside>
  );
}

/**
 * Marks the card `data-more-below` while its body holds more than shows, so a shadow over the
 * buttons says "scroll for more" (overlay scrollbars show nothing until touched).
 */
function useMoreBelow(body: RefObject<HTMLElement | null>, card: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = body.current;
    const root = card.current;
    if (element === null || root === null) return;
    const update = () => {
      const more = element.scrollTop + element.clientHeight < element.scrollHeight - 2;
      root.toggleAttribute("data-more-below", more);
    };
    update();
    element.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => {
      element.removeEventListener("scroll", update);
      observer.disconnect();
    };
  });
}

/**
 * When the card's scrolling body changes size (the window, the toolbar above, fullscreen), the
 * picked edge case is brought back into sight. Only on a change of size, not on every render, so
 * a presenter's own scrolling is left alone.
 */
function useCursorInSight(
  body: RefObject<HTMLElement | null>,
  card: RefObject<HTMLElement | null>,
  shown: boolean,
) {
  useEffect(() => {
    const element = body.current;
    if (!shown || element === null || typeof ResizeObserver === "undefined") return;
    let size = `${element.clientWidth}x${element.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${element.clientWidth}x${element.clientHeight}`;
      if (now === size) return;
      size = now;
      card.current?.querySelector(".is-cursor")?.scrollIntoView?.({ block: "nearest" });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [body, card, shown]);
}

/** Adds the captured edge case as one undo entry and puts the vote cursor on it. */
export function saveCapture(
  editor: ReturnType<typeof useEditorStoreApi>,
  workshop: ReturnType<typeof useWorkshopStoreApi>,
  capture: { handoffId: string; title: string; severity: Severity },
): boolean {
  const handoffBefore = editor.getState().map.handoffs.find((h) => h.id === capture.handoffId);
  const done = editor.getState().dispatch({
    type: "addEdgeCase",
    handoff: capture.handoffId,
    title: capture.title,
    severity: capture.severity,
  });
  workshop.getState().setCapturing(false);
  if (!done.ok || handoffBefore === undefined) return false;
  // Find the new edge case's place in the card's list.
  const { map, laneFocus } = editor.getState();
  const order = walkOrder(editor.getState());
  const view = walkView(map, order, resolvePosition(order, workshop.getState().walkthrough).index, laneFocus);
  const at = view?.edgeCases.findIndex((item) => item.edgeCase.id === done.command.id) ?? -1;
  workshop.getState().setCursor(at);
  return true;
}

/**
 * C opens (or closes) the contract of the handoff quick capture would write to, with the cursor
 * in its first field; U turns the next unagreed required-data item on the step's handoffs into an
 * edge case. Listed in WORKSHOP_SHORTCUTS; handled here because they act on the card.
 */
function useContractKeys(
  targets: RefObject<string[]>,
  setContractOn: (update: (current: string | null) => string | null) => void,
) {
  const editor = useEditorStoreApi();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key !== "c" && key !== "u") return;
      const ids = targets.current ?? [];
      if (ids.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      if (key === "c") {
        const first = ids[0] ?? null;
        setContractOn((current) => (current === first ? null : first));
      } else editor.getState().notify(unagreedToEdgeCase(editor, ids), "info");
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [editor, targets, setContractOn]);
}
