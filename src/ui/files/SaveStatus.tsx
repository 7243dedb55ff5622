import type { SaveStatus as Status } from "../../store/persistence/map-session";
import { useSessionState } from "../library/session-context";

const selectStatus = (s: { status: Status }) => s.status;

export function saveStatusText(status: Status): string {
  switch (status.kind) {
    case "saved":
      return "Saved";
    case "saving":
      return "Saving…";
    case "failed":
      return `Not saved: ${status.reason}`;
    case "conflict":
      return status.cause === "deleted"
        ? "Not saved: this map was deleted in another tab"
        : "Not saved: this map was changed in another tab";
    default: {
      const unreachable: never = status;
      return String(unreachable);
    }
  }
}

/** "Saved" only when storage confirmed the map on screen; a failure stays visible. */
export function SaveStatus() {
  const status = useSessionState(selectStatus);
  return (
    <span
      role="status"
      data-testid="handoff-save-status"
      data-state={status.kind}
      className="handoff-save-status"
    >
      {saveStatusText(status)}
    </span>
  );
}
