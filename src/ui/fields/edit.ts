import { EditError } from "../../model/operations";
import type { HandoffMap } from "../../model/types";
import type { ApplyOptions, EditorStore } from "../../store/editor-store";

export type MapChange = (map: HandoffMap) => HandoffMap;

/**
 * Applies a pure edit from a panel field, or returns why it was refused.
 *
 * The edit is tried on the current map first, so a refused value (a blank label, a malformed
 * date) becomes an inline message next to the field instead of a toast, and never reaches the
 * map or the undo history.
 */
export function tryEdit(store: EditorStore, change: MapChange, options?: ApplyOptions): string | null {
  try {
    change(store.getState().map);
  } catch (error) {
    if (error instanceof EditError) return sentence(error.message);
    throw error;
  }
  store.getState().apply(change, options);
  return null;
}

/** EditError messages start in lower case when they name a field ("due must be..."). */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
