import { useEffect, useMemo } from "react";
import { focusTarget, resolvePosition, walkOrder } from "../../store/workshop-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import { HandoffCapture } from "./HandoffCapture";
import { PresenterCard } from "./PresenterCard";
import {
  selectCapturing,
  selectLaneFocus,
  selectMap,
  selectPresenting,
  selectTimerShown,
  selectWalkActive,
  selectWalkthrough,
} from "./selectors";
import { usePresentation, useRootFlag } from "./use-presentation";
import { useWorkshopKeys } from "./use-workshop-keys";
import { WorkshopTimer } from "./WorkshopTimer";
import { WorkshopToolbar } from "./WorkshopToolbar";
import { walkHighlightCss } from "./walk-highlight";
import { walkView } from "./walk-view";
import { useWorkshop, useWorkshopStoreApi } from "./workshop-context";
import "./workshop.css";

/**
 * Everything the workshop puts over the editor (the editor's "overlays" slot): the presenter card
 * during a walkthrough, the canvas highlight, the timer, the presentation bar; plus the workshop
 * keys. The change plan lives in the side column ("sidePanel" slot, ChangePlanSlot) and the
 * buttons in the toolbar ("toolbarEnd" slot, WorkshopToolbar). Needs both store providers above.
 */
export function WorkshopLayer() {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  const active = useWorkshop(selectWalkActive);
  const presenting = useWorkshop(selectPresenting);
  const timerShown = useWorkshop(selectTimerShown);
  const capturing = useWorkshop(selectCapturing);
  const togglePresenting = usePresentation(workshop);
  useWorkshopKeys(editor, workshop, togglePresenting);
  useRootFlag("data-hf-walkthrough", active);
  useRootFlag("data-hf-presenting", presenting);
  useRecentreOnResize(active, presenting);

  return (
    <div className="hf-workshop" data-testid="workshop-layer">
      {!active && capturing && <HandoffCapture />}
      {active && <WalkHighlight />}
      {active && <PresenterCard />}
      {presenting ? (
        // One dock for the presenting controls, bottom right of the canvas (left of the card):
        // never over the lane names, and the timer never over the bar.
        <div className="hf-present-dock" data-testid="present-dock">
          <WorkshopTimer />
          <div className="hf-present-bar">
            <WorkshopToolbar compact />
            <button type="button" className="hf-present-bar__exit" onClick={togglePresenting}>
              Leave presentation <kbd>F</kbd>
            </button>
          </div>
        </div>
      ) : (
        timerShown && <WorkshopTimer />
      )}
    </div>
  );
}

/**
 * Starting or leaving a walkthrough or presentation resizes the canvas (the side column and the
 * toolbar come and go); once it has settled, the current step is brought into view again.
 */
function useRecentreOnResize(active: boolean, presenting: boolean) {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `presenting` is the trigger, not an input
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => {
      const { walkthrough, presenting: now } = workshop.getState();
      const stepId = resolvePosition(walkOrder(editor.getState()), walkthrough).stepId;
      if (stepId !== null) editor.getState().requestFocus(focusTarget(stepId, now));
    }, 80);
    return () => clearTimeout(timer);
  }, [active, presenting, editor, workshop]);
}

/** The canvas highlight for the current position (see walk-highlight.ts for why a style sheet). */
function WalkHighlight() {
  const map = useEditor(selectMap);
  const laneFocus = useEditor(selectLaneFocus);
  const walkthrough = useWorkshop(selectWalkthrough);
  const css = useMemo(() => {
    const order = walkOrder({ map, laneFocus });
    const view = walkView(map, order, resolvePosition(order, walkthrough).index, laneFocus);
    return view === null ? "" : walkHighlightCss(view.focus);
  }, [map, laneFocus, walkthrough]);
  // Text content, never markup: React sets it as a text node, and cssString escapes `<`.
  return <style data-testid="walk-highlight">{css}</style>;
}
