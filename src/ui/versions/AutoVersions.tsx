import { useEffect } from "react";
import { walkOrder } from "../../store/workshop-store";
import { useEditorStoreApi } from "../store-context";
import { useWorkshopStoreApi } from "../workshop/workshop-context";
import { saveAutoVersion } from "./versions-commands";

/**
 * Automatic versions at workshop milestones: when a walkthrough reaches its last step, once per
 * walkthrough (leaving and starting again is a new one). Renders nothing.
 * "Votes revealed" is saved by whoever reveals votes, through saveAutoVersion.
 */
export function AutoVersions() {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  useEffect(() => {
    let savedThisWalk = false;
    return workshop.subscribe((state, previous) => {
      const { walkthrough } = state;
      if (!walkthrough.active) {
        savedThisWalk = false;
        return;
      }
      if (savedThisWalk || walkthrough === previous.walkthrough) return;
      // The walk's last step: in a lane focus, the last step of the lanes shown.
      const steps = walkOrder(editor.getState()).steps;
      if (steps.length > 1 && walkthrough.index === steps.length - 1) {
        savedThisWalk = true;
        saveAutoVersion(editor, "walkthrough-end");
      }
    });
  }, [editor, workshop]);
  return null;
}
