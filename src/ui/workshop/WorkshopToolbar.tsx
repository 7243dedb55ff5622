import { useEditor, useEditorStoreApi } from "../store-context";
import { selectChangePlanOpen, selectPresenting, selectTimerShown, selectWalkActive } from "./selectors";
import { usePresentation } from "./use-presentation";
import { useWorkshop, useWorkshopStoreApi } from "./workshop-context";

/**
 * The workshop's toolbar group: "Walk through" (W), "Present" (F), "Change plan", "Timer".
 * Toggle buttons say their state with aria-pressed.
 */
export function WorkshopToolbar({ compact = false }: { compact?: boolean }) {
  const editor = useEditorStoreApi();
  const workshop = useWorkshopStoreApi();
  const walking = useWorkshop(selectWalkActive);
  const presenting = useWorkshop(selectPresenting);
  const timerShown = useWorkshop(selectTimerShown);
  const planOpen = useEditor(selectChangePlanOpen);
  const togglePresenting = usePresentation(workshop);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar group, not a form fieldset
    <div className="hf-workshop-toolbar" role="group" aria-label="Workshop">
      <button
        type="button"
        aria-pressed={walking}
        // Space walks on here even when Tab brought focus (use-workshop-keys.ts).
        data-walk-keys=""
        title="Walk through the map step by step (W)"
        onClick={() => workshop.getState().toggleWalkthrough()}
      >
        Walk through
      </button>
      {!compact && (
        <button
          type="button"
          aria-pressed={presenting}
          title="Presentation mode for a projector (F)"
          onClick={togglePresenting}
        >
          Present
        </button>
      )}
      {!compact && (
        <button
          type="button"
          aria-pressed={planOpen}
          title="Edge cases by owner, with due dates"
          onClick={() => editor.getState().togglePanel("changePlan")}
        >
          Change plan
        </button>
      )}
      <button
        type="button"
        aria-pressed={timerShown}
        title="Workshop timer"
        onClick={() => workshop.getState().showTimer()}
      >
        Timer
      </button>
    </div>
  );
}
