import type { Command } from "../../store/commands/command";
import type { EditorStore } from "../../store/editor-store";

/**
 * Dispatches a command from a panel field, or returns why it was refused.
 *
 * A refused value (a blank label, a malformed date) becomes an inline message next to the field
 * instead of a toast, and never reaches the map or the undo history. While the editor is read
 * only the store says so in a notice, and the field shows nothing of its own.
 */
export function tryEdit(store: EditorStore, command: Command): string | null {
  const done = store.getState().dispatch(command, { quiet: true });
  return done.ok || done.readOnly ? null : sentence(done.error);
}

/** EditError messages start in lower case when they name a field ("due must be..."). */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
