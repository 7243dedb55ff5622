import { useEffect } from "react";
import type { FacilitatorView } from "../../store/live/presence";
import type { WorkshopStore } from "../../store/workshop-store";
import { useWorkshopStoreApi } from "../workshop/workshop-context";
import { useLiveSession, useLiveState } from "./live-context";

/** Keys that move the walkthrough or the view (see the help's shortcut table). */
const NAVIGATION_KEYS = new Set([
  "ArrowLeft",
  "ArrowRight",
  " ",
  "Home",
  "End",
  "PageUp",
  "PageDown",
  "Escape",
  "w",
  "W",
]);

/**
 * "Follow facilitator": the facilitator's walkthrough step, presentation and timer, shared in
 * presence, are mirrored on the participants' screens while they follow (on by default). As soon
 * as a participant navigates (pans, zooms, moves the walkthrough themselves) following stops;
 * the toggle turns it back on.
 */
export function FollowFacilitator() {
  const session = useLiveSession();
  const role = useLiveState(session, (s) => s.role, "participant");
  const following = useLiveState(session, (s) => s.following, false);
  const workshop = useWorkshopStoreApi();

  // The facilitator shares their view.
  useEffect(() => {
    if (session === null || role !== "facilitator") return;
    const share = () => {
      const { walkthrough, presenting, timer } = workshop.getState();
      session.shareFacilitatorView({
        walkthrough: { active: walkthrough.active, stepId: walkthrough.stepId },
        presenting,
        timer: { durationMs: timer.durationMs, remainingMs: timer.remainingMs, endsAt: timer.endsAt },
      });
    };
    share();
    return workshop.subscribe((next, previous) => {
      if (
        next.walkthrough !== previous.walkthrough ||
        next.presenting !== previous.presenting ||
        next.timer !== previous.timer
      )
        share();
    });
  }, [session, role, workshop]);

  // A participant follows it, and stops when they navigate.
  useEffect(() => {
    if (session === null || role !== "participant" || !following) return;
    let last: FacilitatorView | null = null;
    const follow = () => {
      const view =
        session.state.getState().people.find((p) => p.role === "facilitator" && !p.self)?.workshop ?? null;
      if (view === null || sameView(view, last)) return;
      last = view;
      mirror(workshop, view);
    };
    follow();
    const stopPeople = session.state.subscribe((next, previous) => {
      if (next.people !== previous.people) follow();
    });
    // Navigating is the person's own input: panning or zooming the map, or moving the walkthrough
    // with its keys. Changes the following itself makes (a pan to the step) are not input.
    const stop = () => session.setFollowing(false);
    const onPointer = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(".hf-canvas") !== null) stop();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        target.closest("input, textarea, select, [contenteditable]") !== null
      )
        return;
      if (NAVIGATION_KEYS.has(event.key)) stop();
    };
    document.addEventListener("wheel", onPointer, { capture: true, passive: true });
    document.addEventListener("pointerdown", onPointer, { capture: true });
    document.addEventListener("keydown", onKey, { capture: true });
    const stopWorkshop = () => {
      document.removeEventListener("wheel", onPointer, { capture: true });
      document.removeEventListener("pointerdown", onPointer, { capture: true });
      document.removeEventListener("keydown", onKey, { capture: true });
    };
    return () => {
      stopPeople();
      stopWorkshop();
    };
  }, [session, role, following, workshop]);

  if (session === null || role !== "participant") return null;
  return (
    <button
      type="button"
      className="hf-button hf-live-follow"
      aria-pressed={following}
      onClick={() => session.setFollowing(!following)}
    >
      Follow facilitator
    </button>
  );
}

function sameView(a: FacilitatorView, b: FacilitatorView | null): boolean {
  return (
    b !== null &&
    a.walkthrough.active === b.walkthrough.active &&
    a.walkthrough.stepId === b.walkthrough.stepId &&
    a.presenting === b.presenting &&
    a.timer.durationMs === b.timer.durationMs &&
    a.timer.remainingMs === b.timer.remainingMs &&
    a.timer.endsAt === b.timer.endsAt
  );
}

function mirror(workshop: WorkshopStore, view: FacilitatorView): void {
  const state = workshop.getState();
  if (view.walkthrough.active && view.walkthrough.stepId !== null) {
    if (!state.walkthrough.active || state.walkthrough.stepId !== view.walkthrough.stepId)
      state.goTo(view.walkthrough.stepId);
  } else if (state.walkthrough.active) state.leaveWalkthrough();
  if (state.presenting !== view.presenting) workshop.getState().setPresenting(view.presenting);
  const running = view.timer.endsAt !== null;
  workshop.setState({
    timer: { ...view.timer },
    timerShown: running || view.timer.remainingMs !== view.timer.durationMs || state.timerShown,
  });
}
