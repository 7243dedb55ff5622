import type { MapSession } from "../../store/persistence/map-session";

/**
 * Before another map replaces the open one: true when the open map is saved, otherwise the user
 * decides (saving failing, or another tab holding newer work, would make the switch lose edits).
 */
export async function confirmLeave(session: MapSession): Promise<boolean> {
  if (await session.prepareToLeave()) return true;
  return window.confirm(
    "The open map has changes that are not saved. Open the other map anyway and lose them?\n\n" +
      "Choose Cancel, then Export → JSON, to keep them.",
  );
}
