import { useEffect } from "react";
import type { FacilitatorView } from "../../store/live/presence";
import type { WorkshopStore } from "../../store/workshop-store";
import { useWorkshopStoreApi } from "../workshop/workshop-context";
import { useLiveSession, useLiveState } from "./live-context";

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
    // or presenting themselves, by key or button (a change to the workshop's walkthrough that is
    // not the mirror's). Changes the following itself makes (a pan to the step) are not input.
    const stop = () => session.setFollowing(false);
    const onPointer = (event: Event) => {
      if (event.target instanceof Element && event.target.closest(".hf-canvas") !== null) stop();
    };
    const stopOwnSteps = workshop.subscribe((next, previous) => {
      if (MIRRORING.has(workshop)) return;
      if (
        next.walkthrough.active !== previous.walkthrough.active ||
        next.walkthrough.stepId !== previous.walkthrough.stepId ||
        next.presenting !== previous.presenting
      )
        stop();
    });
    document.addEventListener("wheel", onPointer, { capture: true, passive: true });
    document.addEventListener("pointerdown", onPointer, { capture: true });
    const stopWorkshop = () => {
      stopOwnSteps();
      document.removeEventListener("wheel", onPointer, { capture: true });
      document.removeEventListener("pointerdown", onPointer, { capture: true });
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

/**
 * The workshop stores being set to the facilitator's view right now: their changes are the
 * following, not the person's own steps. Shared by every FollowFacilitator on the page (the live
 * bar's and the phone view's both watch the same store).
 */
const MIRRORING = new WeakSet<WorkshopStore>();

function mirror(workshop: WorkshopStore, view: FacilitatorView): void {
  MIRRORING.add(workshop);
  try {
    applyView(workshop, view);
  } finally {
    MIRRORING.delete(workshop);
  }
}

function applyView(workshop: WorkshopStore, view: FacilitatorView): void {
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
