import { FollowFacilitator } from "./FollowFacilitator";
import { LiveStatus } from "./LiveStatus";
import { useLiveSession } from "./live-context";
import { PeopleList } from "./PeopleList";

/** The status bar's live part: the connection and the people in the session. */
export function LiveBar() {
  const session = useLiveSession();
  if (session === null) return null;
  return (
    <div className="hf-live-bar">
      <LiveStatus />
      <PeopleList />
      <FollowFacilitator />
    </div>
  );
}
