/**
 * A person in a live room: who they are to the others. The id is random and kept per browser, so
 * a person who reconnects (or reloads) is the same person, with the same dot votes.
 */
export interface Person {
  id: string;
  name: string;
  colour: string;
}

export type LiveRole = "facilitator" | "participant";

/**
 * Presence colours: distinct from each other and from the canvas's own accents, each readable as
 * a 2 px outline and behind white text on both themes.
 */
export const PRESENCE_COLOURS = [
  "#d9480f",
  "#2b8a3e",
  "#5f3dc4",
  "#c2255c",
  "#1971c2",
  "#e67700",
  "#0b7285",
  "#862e9c",
] as const;

/** The colour of a person: the same on every peer, read from their id. */
export function colourFor(personId: string): string {
  let hash = 0;
  for (let i = 0; i < personId.length; i++) hash = (hash * 31 + personId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length] as string;
}

/** Names are shown to everyone in the room: one line, at most 40 characters. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, " ").trim().slice(0, 40);
}
