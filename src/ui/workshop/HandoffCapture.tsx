import "./handoff-capture.css";
import { useEffect, useMemo, useState } from "react";
import { edgeCaseNumbers } from "../../model/edge-case-numbers";
import { edgeCaseLabel, handoffName } from "../../model/register-rows";
import type { Severity } from "../../model/types";
import type { EditorStore } from "../../store/editor-store";
import type { WorkshopStore } from "../../store/workshop-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import { QuickCapture } from "./QuickCapture";
import { selectMap } from "./selectors";
import type { CardHandoff } from "./walk-view";
import { useWorkshop, useWorkshopStoreApi } from "./workshop-context";

const selectCaptureOn = (state: { captureOn: string | null }) => state.captureOn;

/**
 * Quick capture outside the walkthrough (E on a selected handoff, or on a step with one outgoing
 * handoff): the same one-line capture as on the presenter card, over the canvas. Focus goes back
 * where it was (the step or handoff) when it closes.
 */
export function HandoffCapture() {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  const map = useEditor(selectMap);
  const handoffId = useWorkshop(selectCaptureOn);
  const handoff = map.handoffs.find((h) => h.id === handoffId);
  const targets = useMemo<CardHandoff[]>(
    () =>
      handoff === undefined
        ? []
        : [
            {
              handoff,
              direction: "out",
              name: handoffName(map, handoff),
              otherStepId: handoff.to,
              loopBack: false,
            },
          ],
    [map, handoff],
  );

  // Read while rendering, before the title field takes focus.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    return () => {
      // A handoff on the canvas is an SVG element: both kinds take focus back.
      const focusable = opener instanceof HTMLElement || opener instanceof SVGElement;
      if (focusable && opener !== document.body && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, [opener]);

  // The handoff went (an undo, a delete elsewhere): the capture closes rather than hold the keys.
  const gone = targets.length === 0;
  useEffect(() => {
    if (gone) workshop.getState().setCapturing(false);
  }, [gone, workshop]);

  if (gone) return null;
  return (
    <div className="hf-capture-float">
      <QuickCapture
        targets={targets}
        onSave={(capture) => saveHandoffCapture(editor, workshop, capture)}
        onCancel={() => workshop.getState().setCapturing(false)}
      />
    </div>
  );
}

/** Adds the edge case (one undo entry), closes the capture and says which number it got. */
export function saveHandoffCapture(
  editor: EditorStore,
  workshop: WorkshopStore,
  capture: { handoffId: string; title: string; severity: Severity },
): boolean {
  const done = editor.getState().dispatch({
    type: "addEdgeCase",
    handoff: capture.handoffId,
    title: capture.title,
    severity: capture.severity,
  });
  workshop.getState().setCapturing(false);
  if (!done.ok) return false;
  const map = editor.getState().map;
  const handoff = map.handoffs.find((h) => h.id === capture.handoffId);
  const added = done.command.id;
  const number = added === undefined ? undefined : edgeCaseNumbers(map).get(added);
  if (handoff !== undefined && number !== undefined)
    editor.getState().notify(`${edgeCaseLabel(number)} captured on ${handoffName(map, handoff)}.`, "info");
  return true;
}
