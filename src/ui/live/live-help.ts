/** The in-app help's "Live session" part: what works differently when the map is shared. */
export const LIVE_HELP: ReadonlyArray<{ topic: string; text: string }> = [
  {
    topic: "Start live session",
    text: "On the editor `npx handoff serve` printed: your name, then a link to send. Opening it asks a name and joins.",
  },
  { topic: "Undo in a session", text: "Ctrl/Cmd+Z undoes only your own edits, never a colleague's." },
  {
    topic: "Follow facilitator",
    text: "On for participants: their screen follows the walkthrough, presentation and timer until they pan, zoom or step themselves.",
  },
  {
    topic: "Dot votes",
    text: "+ on an edge case places one of your dots (3 by default). Totals are live; names show once the facilitator reveals them.",
  },
  {
    topic: "Network lost",
    text: "Keep editing: “Reconnecting… your changes are kept”. Your edits are saved in this browser and merge when it is back.",
  },
  { topic: "Leave live session", text: "The map stays in your library as a local copy." },
];
