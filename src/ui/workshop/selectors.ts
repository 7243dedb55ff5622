import type { HandoffMap } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import type { WorkshopState } from "../../store/workshop-store";

/** Stable selectors for the workshop UI: each returns a reference a store already holds. */
export const selectMap = (state: EditorState): HandoffMap => state.map;
export const selectLaneFocus = (state: EditorState): readonly string[] | null => state.laneFocus;
export const selectSelectedHandoffs = (state: EditorState): readonly string[] => state.selection.handoffs;
export const selectWalkthrough = (state: WorkshopState): WorkshopState["walkthrough"] => state.walkthrough;
export const selectWalkActive = (state: WorkshopState): boolean => state.walkthrough.active;
export const selectCursor = (state: WorkshopState): number => state.cursor;
export const selectCapturing = (state: WorkshopState): boolean => state.capturing;
export const selectPresenting = (state: WorkshopState): boolean => state.presenting;
export const selectTimer = (state: WorkshopState): WorkshopState["timer"] => state.timer;
export const selectTimerShown = (state: WorkshopState): boolean => state.timerShown;
export const selectChangePlanOpen = (state: EditorState): boolean => state.panels.has("changePlan");
