import { useLiveSession, useLiveState } from "./live-context";

/**
 * The status bar's live part: "Live · 6 people" while connected, "Reconnecting… your changes are
 * kept" while the network or the server is away (edits go on, kept in this browser).
 */
export function LiveStatus() {
  const session = useLiveSession();
  const status = useLiveState(session, (s) => s.status, "connecting");
  const count = useLiveState(session, (s) => s.people.length, 0);
  const reason = useLiveState(session, (s) => s.refusedReason, null);
  if (session === null) return null;
  const text =
    status === "live"
      ? `Live · ${count} ${count === 1 ? "person" : "people"}`
      : status === "reconnecting"
        ? "Reconnecting… your changes are kept"
        : status === "refused"
          ? `Live session refused: ${reason ?? "the server said no"}`
          : "Connecting to the live session…";
  return (
    <span role="status" className={`hf-live-status hf-live-status--${status}`}>
      <span className="hf-live-status__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
